"""A site kept up to date while its catalog is edited: what `cl-survey serve` rebuilds with.

The first build is a full one. After an edit, only the pages that looked at something the
edit changed are generated again (`cl_survey.render.rerender`); of those, only the ones whose
text changed are written to the MkDocs project, and MkDocs rebuilds only those (its dirty
mode): a one-paper edit touches a few dozen pages, not all of them. Two things a dirty
build cannot get right are handled here:

- the search index: MkDocs writes entries for the rebuilt pages only, so they are merged
  into the entries of the last complete index (the rebuilt pages' old entries dropped);
- the tags pages list every page carrying a tag, so when any tag changes, or a partial
  build fails, the whole site is built again.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cl_survey.publish._build import check_repo_url, check_site_url
from cl_survey.publish._mkdocs import SiteBuildError, run_mkdocs, stage_project
from cl_survey.publish._pages import write_page_files
from cl_survey.publish._swap import build_and_swap
from cl_survey.render import Rendering, render_files, render_site, rerender, tags_allowed

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cl_survey.catalog import Catalog

__all__ = ["LiveSite", "Update"]

SEARCH_INDEX = Path("search") / "search_index.json"


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
        self._repo_url = repo_url
        self._rendering: Rendering | None = None
        self._pages: Mapping[str, str] = {}
        self._tags: list[str] = []
        self._search_entries: list[dict[str, Any]] = []
        self._feeds: Mapping[str, str] = {}

    def rebuild(self, catalog: Catalog) -> Update:
        started = time.perf_counter()
        previous = self._rendering
        rendering = render_site(catalog) if previous is None else rerender(previous, catalog)
        pages = rendering.pages
        generated = [path for job in rendering.rendered for path in rendering.job_pages[job]]
        allowed = tags_allowed(catalog)
        feeds = render_files(catalog, self._site_url)
        changed = sorted(path for path in generated if self._pages.get(path) != pages[path])
        removed = sorted(set(self._pages) - set(pages))
        full = (
            not self._pages
            or allowed != self._tags
            or self._tags_moved(pages, [*changed, *removed])
        )
        if not full:
            try:
                self._update(changed, removed, pages, feeds)
            except SiteBuildError:
                full = True
        if full:
            self._build_all(pages, allowed, feeds)
        self._rendering = rendering
        self._feeds = feeds
        self._pages = pages
        self._tags = allowed
        written = len(pages) if full else len(changed) + len(removed)
        seconds = time.perf_counter() - started
        return Update(written, len(pages), len(generated), seconds, full)

    def _tags_moved(self, pages: Mapping[str, str], touched: list[str]) -> bool:
        """Whether a changed, new or removed page gains or loses a tag."""
        return any(
            _tags(pages.get(path, "")) != _tags(self._pages.get(path, "")) for path in touched
        )

    def _build_all(
        self, pages: Mapping[str, str], allowed: list[str], feeds: Mapping[str, str]
    ) -> None:
        shutil.rmtree(self._project, ignore_errors=True)
        stage_project(self._project, allowed, self._repo_url, self._site_url)
        write_page_files(pages.items(), self._project / "docs")
        write_page_files(feeds.items(), self._project / "docs")
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        build_and_swap(self._project, self.site_dir, "built by cl-survey serve")
        self._search_entries = _read_index(self.site_dir)["docs"]

    def _update(
        self,
        changed: list[str],
        removed: list[str],
        pages: Mapping[str, str],
        feeds: Mapping[str, str],
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
        fresh = _read_index(self.site_dir)
        rebuilt = {_html(path) for path in (*changed, *removed)}
        kept = [
            entry
            for entry in self._search_entries
            if entry["location"].partition("#")[0] not in rebuilt
        ]
        merged = kept + [
            entry for entry in fresh["docs"] if entry["location"].partition("#")[0] in rebuilt
        ]
        fresh["docs"] = merged
        (self.site_dir / SEARCH_INDEX).write_text(
            json.dumps(fresh, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        self._search_entries = merged


def _html(page: str) -> str:
    return posixpath.splitext(page)[0] + ".html"


def _read_index(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    return data


def _tags(page: str) -> object:
    """The `tags` of a generated page's front matter (None when it has none)."""
    if not page.startswith("---\n"):
        return None
    front, _, _ = page[4:].partition("\n---\n")
    meta = yaml.load(front, Loader=yaml.CSafeLoader)
    return meta.get("tags") if isinstance(meta, dict) else None
