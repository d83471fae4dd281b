"""The one place that knows MkDocs: staging a project, running a build, its reading order and
the plugin that hands it pages generated while it builds.

    stage_project   site/ copied and configured (the repository's edit links, the address)
    run_mkdocs      a strict build (or a dirty one) with extra plugins; warnings are errors
    LoadedProject   a built project kept loaded, to rebuild a few of its pages in place
    reading_order   the order in which MkDocs reads the pages of a docs directory
    GeneratedPages  a plugin listing pages that another process writes, read when they exist
    Progress        a plugin reporting each page MkDocs renders and writes

MkDocs 1.x is unmaintained and its successors support fewer plugins, so everything else in
cl-survey talks to this interface and never imports MkDocs itself.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from cl_survey._errors import ClSurveyError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

__all__ = [
    "LoadedProject",
    "SiteBuildError",
    "generated_pages_plugin",
    "progress_plugin",
    "reading_order",
    "run_mkdocs",
    "site_project_path",
    "stage_project",
]

_PACKAGE = Path(__file__).resolve().parent.parent
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class SiteBuildError(ClSurveyError):
    """The site could not be built; the previous output, if any, is untouched."""


def site_project_path() -> Path:
    """The mkdocs project: inside the wheel, or beside the package in a checkout."""
    installed = _PACKAGE / "_bundled_site"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "site"


def stage_project(staging: Path, repo_url: str | None, site_url: str | None = None) -> None:
    """A copy of the site project at `staging`, configured with `repo_url`, the repository
    whose records "edit this page" opens, and `site_url`, the address it will be served from."""
    shutil.copytree(site_project_path(), staging, ignore=shutil.ignore_patterns("__pycache__"))
    docs = (staging / "docs").resolve()
    shutil.copytree(staging / "assets", docs / "assets")
    config_path = staging / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    if repo_url is None:
        config.pop("edit_uri", None)
    else:
        config["repo_url"] = repo_url
    if site_url is not None:
        config["site_url"] = site_url
    config_path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def reading_order(path: str) -> tuple[tuple[str, ...], bool, str]:
    """The order in which MkDocs reads the pages of a docs directory (that of its
    `file_sort_key`: a directory's files before its sub-directories, index first)."""
    parts = tuple(path.split("/"))
    return (parts[:-1], parts[-1].rpartition(".")[0] != "index", parts[-1])


def run_mkdocs(
    project: Path,
    site_dir: Path,
    *,
    dirty: bool = False,
    plugins: Mapping[str, Any] | None = None,
) -> None:
    """Build the staged `project` into `site_dir`; every warning is an error. `dirty`
    rebuilds only the pages whose Markdown is newer than their HTML (MkDocs' own notice about
    that mode is expected). `plugins` are added to the configured ones for this build only."""
    # Imported here: MkDocs is the slow edge of the pipeline, loaded only to build.
    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.exceptions import MkDocsException  # noqa: PLC0415

    with _warnings_kept() as warnings:
        try:
            # A dirty build always warns once about itself, so strictness is enforced below.
            config: Any = _load_config(project, site_dir, strict=not dirty)
            for name, plugin in (plugins or {}).items():
                config.plugins[name] = plugin
            _fresh_plugin_state(config, dirty=dirty)
            with _existing_objects_frozen():
                build(config, dirty=dirty)
        except (MkDocsException, SystemExit) as error:
            raise SiteBuildError(_failure(str(error), warnings.messages)) from None
        unexpected = [m for m in warnings.messages if not m.startswith(_DIRTY_NOTICE)]
        if unexpected:
            reason = f"aborted with {len(unexpected)} warning(s)"
            raise SiteBuildError(_failure(reason, warnings.messages))


class LoadedProject:
    """A project built into `site_dir`, kept loaded (configuration, files, navigation,
    templates) so that pages whose Markdown changed are built again without the rest.

    A dirty MkDocs build does the same work for the changed pages, but first lists, reads the
    navigation of and stats every file of the project again, and renders the sitemap: about
    five seconds at 10,000 papers, for pages that take milliseconds. What is kept is only valid
    while the project has the same files (a page added or removed changes the site's file
    list, and MkDocs' link checks with it): `rebuild` refuses anything else, and the caller
    runs a dirty build instead.
    """

    def __init__(self, project: Path, site_dir: Path) -> None:
        from mkdocs.exceptions import MkDocsException  # noqa: PLC0415  # see run_mkdocs
        from mkdocs.structure.files import (  # noqa: PLC0415
            InclusionLevel,
            get_files,
            set_exclusions,
        )
        from mkdocs.structure.nav import get_navigation  # noqa: PLC0415

        with _warnings_kept() as warnings:
            try:
                config: Any = _load_config(project, site_dir, strict=True)
                _fresh_plugin_state(config, dirty=True)
                config = config.plugins.on_config(config)
                config.plugins.on_pre_build(config=config)
                files = get_files(config)
                env = config.theme.get_env()
                files.add_files_from_theme(env, config)
                files = config.plugins.on_files(files, config=config)
                set_exclusions(files, config)
                nav = config.plugins.on_nav(
                    get_navigation(files, config), config=config, files=files
                )
                env = config.plugins.on_env(env, config=config, files=files)
                env.get_template("main.html")  # compiled now rather than on the first edit
            except (MkDocsException, SystemExit) as error:
                raise SiteBuildError(_failure(str(error), warnings.messages)) from None
        if warnings.messages:
            raise SiteBuildError(_failure("warnings while loading", warnings.messages))
        self._config = config
        self._files = files
        self._nav = nav
        self._env = env
        self._documents = files.documentation_pages(inclusion=InclusionLevel.is_included)

    def rebuild(self, pages: Iterable[str], others: Iterable[str] = ()) -> bool:
        """Build `pages` (paths under docs/, rewritten since the last build) again and copy
        `others` (static files under docs/, likewise) into the site. False, with nothing
        done, when one of them is not a file of the project as loaded."""
        # MkDocs' own steps for one page, as its build runs them. They are private, but MkDocs
        # 1.x is no longer developed and material 9 requires it; a test holds the result equal
        # to a full build's (tests/publish/test_rebuild.py).
        from mkdocs.commands.build import _build_page, _populate_page  # noqa: PLC0415
        from mkdocs.exceptions import MkDocsException  # noqa: PLC0415
        from mkdocs.structure.pages import Page  # noqa: PLC0415

        config, files = self._config, self._files
        documents = [files.get_file_from_path(path) for path in pages]
        statics = [files.get_file_from_path(path) for path in others]
        if any(f is None or not f.is_documentation_page() for f in documents) or any(
            f is None or f.is_documentation_page() for f in statics
        ):
            return False
        with _warnings_kept() as warnings, _existing_objects_frozen():
            try:
                for file in documents:
                    page = file.page if file.page is not None else Page(None, file, config)
                    _populate_page(page, config, files)
                    _build_page(page, config, self._documents, self._nav, self._env)
                    page.validate_anchor_links(
                        files=files, log_level=config.validation.links.anchors
                    )
                for file in statics:
                    file.copy_file()
            except (MkDocsException, SystemExit) as error:
                raise SiteBuildError(_failure(str(error), warnings.messages)) from None
        if warnings.messages:
            reason = f"aborted with {len(warnings.messages)} warning(s)"
            raise SiteBuildError(_failure(reason, warnings.messages))
        return True


class PageSource(Protocol):
    """Where the pages generated during a build come from (the page producer)."""

    @property
    def directory(self) -> Path:
        """Where the pages are written."""

    @property
    def plan(self) -> Sequence[str]:
        """Every page it writes, by path under `directory`."""

    def read(self, relative: str) -> str:
        """The text of one planned page, once it is written."""


def generated_pages_plugin(source: PageSource) -> Mapping[str, Any]:
    """The `plugins` argument of `run_mkdocs` that adds `source`'s pages to the build."""
    return {"cl-survey-generated-pages": _generated_pages_class()(source)}


@functools.cache
def _generated_pages_class() -> type:
    """The plugin class, defined on first use so that only a build imports MkDocs."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415
    from mkdocs.plugins import BasePlugin  # noqa: PLC0415  # see run_mkdocs
    from mkdocs.structure.files import File, Files, file_sort_key  # noqa: PLC0415

    class GeneratedPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # untyped MkDocs
        """Adds the source's pages to MkDocs' files and hands MkDocs each one when it reads it."""

        def __init__(self, source: PageSource) -> None:
            super().__init__()
            self._source = source
            self._planned = frozenset(source.plan)

        def on_files(self, files: Any, *, config: Any) -> Any:
            generated = [
                File(
                    relative,
                    src_dir=str(self._source.directory),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
                for relative in self._source.plan
            ]
            # MkDocs reads pages in the order of its files; the order get_files would have
            # given them keeps everything that lists pages (search index, tags) as a plain
            # build has it. A generated page replaces a file of the same name, as it would
            # written into docs/.
            kept = [f for f in files.documentation_pages() if f.src_uri not in self._planned]
            pages = sorted([*kept, *generated], key=file_sort_key)
            others = [f for f in files if not f.is_documentation_page()]
            return Files([*others, *pages])

        def on_page_read_source(self, *, page: Any, config: Any) -> str | None:  # noqa: ARG002  # MkDocs passes it
            if page.file.src_uri not in self._planned:
                return None
            try:
                return self._source.read(page.file.src_uri)
            except ClSurveyError as error:  # MkDocs reports its own errors, with the page
                raise PluginError(str(error)) from None

    return GeneratedPages


def progress_plugin(report: Callable[[int, int], None]) -> Mapping[str, Any]:
    """The `plugins` argument of `run_mkdocs` that calls `report(done, total)` as MkDocs
    renders and writes each page (two steps a page: total is twice the pages)."""
    return {"cl-survey-progress": _progress_class()(report)}


@functools.cache
def _progress_class() -> type:
    from mkdocs.plugins import BasePlugin  # noqa: PLC0415  # see run_mkdocs

    class Progress(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # untyped MkDocs
        """Counts pages as MkDocs turns each into HTML, then as it writes each out."""

        def __init__(self, report: Callable[[int, int], None]) -> None:
            super().__init__()
            self._report = report
            self._done = 0
            self._total = 0

        def on_files(self, files: Any, *, config: Any) -> Any:  # noqa: ARG002  # MkDocs passes it
            # Registered after the generated pages' plugin, so their files are counted.
            self._total = 2 * len(files.documentation_pages())
            return files

        def _step(self) -> None:
            self._done += 1
            self._report(self._done, max(self._total, self._done))

        def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:  # noqa: ARG002
            self._step()
            return html

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:  # noqa: ARG002
            self._step()
            return output

    return Progress


class _WarningLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _warnings_kept() -> Iterator[_WarningLog]:
    """Keep MkDocs' warnings for the error message instead of letting it print them."""
    logger = logging.getLogger("mkdocs")
    log = _WarningLog()
    previous = logger.propagate
    logger.addHandler(log)
    logger.propagate = False
    try:
        yield log
    finally:
        logger.removeHandler(log)
        logger.propagate = previous


@contextlib.contextmanager
def _existing_objects_frozen() -> Iterator[None]:
    """While MkDocs builds, the garbage collector leaves alone every object that already
    exists (the catalog, which MkDocs never touches): its full passes otherwise walk that
    heap again and again as MkDocs allocates (at 10,000 papers, millions of objects)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _load_config(project: Path, site_dir: Path, *, strict: bool) -> Any:
    from mkdocs.config import load_config  # noqa: PLC0415  # see run_mkdocs

    return load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)


def _fresh_plugin_state(config: Any, *, dirty: bool) -> None:
    """Tell plugins what kind of build this is, as `mkdocs build [--dirty]` does, and drop
    what they remember from an earlier build in this process.

    MkDocs reuses plugin instances between builds in one process; the search plugin then
    merges the new index into the last one it wrote, which belongs to whatever site was built
    before (another catalog, or a page since deleted). Every index written here holds
    exactly the pages just built; LiveSite merges partial indexes itself.
    """
    config.plugins.on_startup(command="build", dirty=dirty)
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def _failure(reason: str, messages: list[str]) -> str:
    details = "\n".join(f"  {m}" for m in messages if not m.startswith(_DIRTY_NOTICE))
    return f"MkDocs could not build the site: {reason}" + (f"\n{details}" if details else "")
