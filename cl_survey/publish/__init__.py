"""Publishing: generated pages in, a static site out. The only package that imports MkDocs,
and only in `_mkdocs`, the adapter the others go through.

    _build     build_site: arguments checked, project staged, pages generated, MkDocs run
    _mkdocs    the MkDocs adapter: stage a project, run a (dirty) build, plugins, reading order
    _producer  a forked process generating pages while MkDocs builds
    _pages     writing generated pages into a staged docs/ directory
    _swap      the output guarded, and replaced in one step
    _rebuild   serve's site: after an edit, only the pages it can change are rebuilt
    _http      the local HTTP server and the catalog's change detection
"""

from cl_survey.publish._build import BuildResult, build_site, check_repo_url, check_site_url
from cl_survey.publish._http import catalog_snapshot, start_server
from cl_survey.publish._mkdocs import SiteBuildError, reading_order, run_mkdocs, stage_project
from cl_survey.publish._pages import PageWriteError, write_page_files
from cl_survey.publish._rebuild import LiveSite, Update
from cl_survey.publish._swap import MARKER

__all__ = [
    "MARKER",
    "BuildResult",
    "LiveSite",
    "PageWriteError",
    "SiteBuildError",
    "Update",
    "build_site",
    "catalog_snapshot",
    "check_repo_url",
    "check_site_url",
    "reading_order",
    "run_mkdocs",
    "stage_project",
    "start_server",
    "write_page_files",
]
