"""A site kept up to date while its catalog is edited: what `cl-survey serve` rebuilds with.

The first build is a full one. After an edit, only the pages that looked at something the
edit changed are generated again (`cl_survey.render.rerender`); of those, only the ones whose
text changed are written to the MkDocs project, and MkDocs rebuilds only those (its dirty
mode): a one-paper edit touches a few dozen pages, not all of them. The search index is not
MkDocs': its documents are brought up to date beside the project and Pagefind indexes them
again. When a partial build fails, the whole site is built again.
"""

from __future__ import annotations

import posixpath
import shutil
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cl_survey.publish._build import check_repo_url, check_site_url
from cl_survey.publish._mkdocs import SiteBuildError, run_mkdocs, stage_project
from cl_survey.publish._pages import write_page_files
from cl_survey.publish._search_index import (
    SEARCH_BUNDLE,
    guide_documents,
    run_pagefind,
    update_search_documents,
    write_search_index,
)
from cl_survey.publish._swap import build_and_swap
from cl_survey.render import (
    Rendering,
    render_files,
    render_site,
    rerender,
    search_documents,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from cl_survey.catalog import Catalog

__all__ = ["LiveSite", "Update"]


@dataclass(frozen=True, slots=True)
class Update:
    """What one rebuild did."""

    pages_written: int
    pages_total: int
    pages_generated: int
    seconds: float
    full: bool


class LiveSite:
    """The MkDocs project and built site of one serve session, under `workspace`."""

    def __init__(
        self, workspace: Path, *, repo_url: str | None = None, site_url: str | None = None
    ) -> None:
        check_repo_url(repo_url)
        check_site_url(site_url)
        self._site_url = site_url
        self.site_dir = workspace / "site"
        self._project = workspace / "project"
        self._search = workspace / "search"
        self._repo_url = repo_url
        self._rendering: Rendering | None = None
        self._pages: Mapping[str, str] = {}
        self._documents: Mapping[str, str] = {}
        self._feeds: Mapping[str, str] = {}

    def rebuild(self, catalog: Catalog) -> Update:
        started = time.perf_counter()
        previous = self._rendering
        rendering = render_site(catalog) if previous is None else rerender(previous, catalog)
        pages = rendering.pages
        generated = [path for job in rendering.rendered for path in rendering.job_pages[job]]
        feeds = render_files(catalog, self._site_url)
        documents = dict(search_documents(catalog))
        changed = sorted(path for path in generated if self._pages.get(path) != pages[path])
        removed = sorted(set(self._pages) - set(pages))
        full = not self._pages
        if not full:
            try:
                self._update(changed, removed, pages, feeds, documents)
            except SiteBuildError:
                full = True
        if full:
            self._build_all(pages, feeds, documents)
        self._rendering = rendering
        self._feeds = feeds
        self._documents = documents
        self._pages = pages
        written = len(pages) if full else len(changed) + len(removed)
        seconds = time.perf_counter() - started
        return Update(written, len(pages), len(generated), seconds, full)

    def _build_all(
        self,
        pages: Mapping[str, str],
        feeds: Mapping[str, str],
        documents: Mapping[str, str],
    ) -> None:
        shutil.rmtree(self._project, ignore_errors=True)
        shutil.rmtree(self._search, ignore_errors=True)
        stage_project(self._project, self._repo_url, self._site_url)
        write_page_files(pages.items(), self._project / "docs")
        write_page_files(feeds.items(), self._project / "docs")
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        build_and_swap(
            self._project,
            self.site_dir,
            "built by cl-survey serve",
            finish=lambda built: write_search_index(documents.items(), built, self._search),
        )

    def _update(
        self,
        changed: list[str],
        removed: list[str],
        pages: Mapping[str, str],
        feeds: Mapping[str, str],
        documents: Mapping[str, str],
    ) -> None:
        docs = self._project / "docs"
        # A dirty build copies a static file when it is newer: only changed feeds are written.
        write_page_files(
            ((path, text) for path, text in feeds.items() if self._feeds.get(path) != text), docs
        )
        for path in removed:
            (docs / path).unlink(missing_ok=True)
            (self.site_dir / _html(path)).unlink(missing_ok=True)
        for path in changed:
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pages[path], encoding="utf-8")
        run_mkdocs(self._project, self.site_dir, dirty=True)
        guides = {path for path in changed if path in guide_documents(self.site_dir)}
        if update_search_documents(self._documents, documents, self._search) or guides:
            run_pagefind(self._search, self.site_dir / SEARCH_BUNDLE)


def _html(page: str) -> str:
    return posixpath.splitext(page)[0] + ".html"
