"""A site kept up to date while its catalog is edited: what `cl-survey serve` rebuilds with.

The first build is a full one. After an edit, only the pages that looked at something the
edit changed are generated again (`cl_survey.render.rerender`); of those, only the ones whose
text changed are written to the MkDocs project, and only those are built again, by the
project kept loaded since the last build (`LoadedProject`): a one-paper edit touches a few
dozen pages, not all of them. An edit that adds or removes a page or a file beside them
takes a dirty MkDocs build instead, which lists the whole project again. When a partial
build fails, the whole site is built again.

The search index is not MkDocs'. After an edit it is brought up to date in the background
(its documents, then Pagefind over them: about half a minute at 10,000 papers), so the
rebuilt pages are served at once and search catches up; a newer edit supersedes an update
still waiting. `wait_for_search` waits for it; `search_error` says why the last one failed.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cl_survey._errors import ClSurveyError
from cl_survey._gc import collector_paused
from cl_survey.publish._build import check_repo_url, check_site_url
from cl_survey.publish._mkdocs import LoadedProject, SiteBuildError, run_mkdocs, stage_project
from cl_survey.publish._pages import write_page_files
from cl_survey.publish._search_index import (
    SEARCH_BUNDLE,
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

logger = logging.getLogger(__name__)


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
        self._loaded: LoadedProject | None = None
        self._indexer: threading.Thread | None = None
        self._stop = threading.Event()
        self._generation = 0
        self.search_error: str | None = None

    def rebuild(self, catalog: Catalog) -> Update:
        # With two catalogs in memory, the collector's full passes were a fifth of a
        # 10,000-paper edit (in working out what changed and the files beside the pages).
        with collector_paused():
            return self._rebuild(catalog)

    def _rebuild(self, catalog: Catalog) -> Update:
        started = time.perf_counter()
        previous = self._rendering
        rendering = render_site(catalog) if previous is None else rerender(previous, catalog)
        pages = rendering.pages
        generated = [path for job in rendering.rendered for path in rendering.job_pages[job]]
        feeds = render_files(catalog, self._site_url)
        changed = sorted(path for path in generated if self._pages.get(path) != pages[path])
        removed = sorted(set(self._pages) - set(pages))
        full = not self._pages
        if not full:
            try:
                self._update(changed, removed, pages, feeds)
            except SiteBuildError:
                full = True
        if full:
            self._build_all(pages, feeds, catalog)
        else:
            self._index_later(catalog)
        self._rendering = rendering
        self._feeds = feeds
        self._pages = pages
        written = len(pages) if full else len(changed) + len(removed)
        seconds = time.perf_counter() - started
        return Update(written, len(pages), len(generated), seconds, full)

    def wait_for_search(self) -> None:
        """Return once the search index is up to date with the last rebuild."""
        if self._indexer is not None:
            self._indexer.join()

    def close(self) -> None:
        """Stop a search index update under way (Pagefind included) and wait for it to end,
        so that the workspace can be removed with nothing writing into it."""
        self._stop.set()
        self.wait_for_search()

    def _index_later(self, catalog: Catalog) -> None:
        self._generation += 1
        generation, previous = self._generation, self._indexer

        def index() -> None:
            if previous is not None:
                previous.join()
            if generation != self._generation or self._stop.is_set():
                return  # a newer edit's update will do it, or serve is stopping
            try:
                documents = dict(search_documents(catalog))
                if update_search_documents(self._documents, documents, self._search):
                    run_pagefind(self._search, self.site_dir / SEARCH_BUNDLE, self._stop)
                self._documents = documents
                self.search_error = None
            except (ClSurveyError, OSError) as error:
                self.search_error = str(error)
                logger.debug("the search index was not updated: %s", error)

        self._indexer = threading.Thread(target=index, name="cl-survey search", daemon=True)
        self._indexer.start()

    def _build_all(
        self, pages: Mapping[str, str], feeds: Mapping[str, str], catalog: Catalog
    ) -> None:
        self.wait_for_search()
        documents = dict(search_documents(catalog))
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
        self._documents = documents
        self._loaded = LoadedProject(self._project, self.site_dir)

    def _update(
        self,
        changed: list[str],
        removed: list[str],
        pages: Mapping[str, str],
        feeds: Mapping[str, str],
    ) -> None:
        docs = self._project / "docs"
        # A dirty build copies a static file when it is newer: only changed feeds are written.
        changed_feeds = [path for path, text in feeds.items() if self._feeds.get(path) != text]
        write_page_files(((path, feeds[path]) for path in changed_feeds), docs)
        gone = [path for path in self._feeds if path not in feeds]
        for path in removed:
            (docs / path).unlink(missing_ok=True)
            (self.site_dir / _html(path)).unlink(missing_ok=True)
        for path in gone:  # a chunk of the paper index's rows, when papers were removed
            (docs / path).unlink(missing_ok=True)
            (self.site_dir / path).unlink(missing_ok=True)
        for path in changed:
            target = docs / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pages[path], encoding="utf-8")
        if not removed and not gone:
            if self._loaded is None:
                self._loaded = LoadedProject(self._project, self.site_dir)
            if self._loaded.rebuild(changed, changed_feeds):
                return
        # A file was added or removed: MkDocs lists the project again.
        self._loaded = None
        run_mkdocs(self._project, self.site_dir, dirty=True)


def _html(page: str) -> str:
    return posixpath.splitext(page)[0] + ".html"
