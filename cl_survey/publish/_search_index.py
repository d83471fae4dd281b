"""The site's search index: Pagefind run over the search documents, written into a built site.

    search documents (cl_survey.render)  +  the guide pages' built articles
        -> a directory of small HTML files -> the pagefind binary -> <site>/pagefind/

Pagefind splits its index into chunks that a query fetches on demand, so what a visitor
downloads grows with the query, not with the catalog (material's search plugin shipped one
JSON file of every page's text: 67 MB at 10,000 papers). Its binary comes in the
`pagefind_bin_extended` wheel, whose word segmentation also covers Chinese.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING

from cl_survey.publish._mkdocs import SiteBuildError, site_project_path
from cl_survey.publish._pages import write_page_files

if TYPE_CHECKING:
    import threading
    from collections.abc import Iterable, Mapping
    from pathlib import Path

__all__ = [
    "SEARCH_BUNDLE",
    "guide_documents",
    "run_pagefind",
    "update_search_documents",
    "write_search_index",
]

SEARCH_BUNDLE = "pagefind"
STOP_POLL_SECONDS = 0.2
# Guide pages that are not about a record but worth finding; the search page and the tags
# index are lists of other pages.
_NOT_INDEXED = frozenset({"search.md", "tags.md"})
_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.DOTALL)


def guide_documents(site_dir: Path) -> dict[str, str]:
    """Search documents for the hand-written guide pages, from their built HTML's article."""
    documents = {}
    for source in sorted((site_project_path() / "docs").glob("*.md")):
        if source.name in _NOT_INDEXED:
            continue
        page = source.with_suffix(".html").name
        built = site_dir / page
        found = _ARTICLE.search(built.read_text(encoding="utf-8")) if built.is_file() else None
        if found:
            documents[page] = (
                '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>'
                '<main data-pagefind-body><p data-pagefind-ignore data-pagefind-meta="kind">'
                f"Guide</p>{found.group(1)}</main></body></html>\n"
            )
    return documents


def write_search_index(
    documents: Iterable[tuple[str, str]], site_dir: Path, workspace: Path
) -> None:
    """Write `documents` ((output path, HTML) pairs) and the guide pages under `workspace`
    (created; the caller removes it) and index them into `site_dir`/pagefind."""
    write_page_files(documents, workspace)
    write_page_files(guide_documents(site_dir).items(), workspace)
    run_pagefind(workspace, site_dir / SEARCH_BUNDLE)


def update_search_documents(
    previous: Mapping[str, str], documents: Mapping[str, str], workspace: Path
) -> bool:
    """Bring the documents under `workspace` from `previous` to `documents`; whether any
    changed (a one-paper edit changes a few)."""
    changed = [(path, text) for path, text in documents.items() if previous.get(path) != text]
    removed = [path for path in previous if path not in documents]
    for path in removed:
        (workspace / path).unlink(missing_ok=True)
    write_page_files(changed, workspace)
    return bool(changed or removed)


def run_pagefind(documents: Path, bundle: Path, stop: threading.Event | None = None) -> None:
    """Index the HTML files under `documents` into the directory `bundle`, replaced whole.
    Setting `stop` ends a run under way (serve's background update, when serve stops): the
    bundle is then left as it was and nothing of the run is left behind."""
    from pagefind_bin_extended import get_executable  # noqa: PLC0415  # only builds need it

    fresh = bundle.with_name(f".{bundle.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(get_executable()), "--site", str(documents), "--output-path", str(fresh)]
    with tempfile.TemporaryFile() as output:
        run = subprocess.Popen(  # noqa: S603  # our own arguments, the wheel's binary
            [*command, "--quiet"], stdout=output, stderr=subprocess.STDOUT
        )
        while True:
            try:
                run.wait(timeout=STOP_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if stop is not None and stop.is_set():
                    run.kill()
                    run.wait()
                    shutil.rmtree(fresh, ignore_errors=True)
                    msg = "the search index update was stopped"
                    raise SiteBuildError(msg) from None
        output.seek(0)
        said = output.read().decode("utf-8", "replace").strip()
    if run.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        msg = f"the search index could not be built: {said or f'exit status {run.returncode}'}"
        raise SiteBuildError(msg)
    old = bundle.with_name(f".{bundle.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.replace(old)
    fresh.replace(bundle)
    shutil.rmtree(old, ignore_errors=True)
