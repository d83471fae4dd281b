"""What a reader of a built site feels, measured in Chromium over a local HTTP server.

    search: the first result of a query typed into the header's box, in seconds after the
            last key, and the bytes the page downloads for it (from focusing the box)
    papers: the paper index until its filters answer (rows loaded from the first chunk),
            in seconds from the start of navigation, and a filter's answer after that
    sizes:  the search bundle on disk and the largest generated page

Every browser figure is the best of `repeat` fresh browser contexts (an empty cache each).
Needs Playwright and Debian's chromium (`make tools`); without them the rows are skipped.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cl_survey.publish import start_server

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CHROMIUM",
    "BrowserFigures",
    "SiteSizes",
    "browser_missing",
    "measure_in_browser",
    "site_sizes",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
QUERY = "plasticity"
KEY_DELAY_MS = 0  # typed as fast as the browser takes keys: the hardest case for search

_WATCH_SEARCH = """() => {
  window.__bench = {};
  const input = document.querySelector('.cls-search-input');
  input.addEventListener('input', () => { window.__bench.last = performance.now(); });
  const list = document.querySelector('.cls-search-results');
  new MutationObserver(() => {
    if (!window.__bench.shown && list.querySelector('.cls-search-link'))
      window.__bench.shown = performance.now();
  }).observe(list, { childList: true });
}"""


@dataclass(frozen=True, slots=True)
class SiteSizes:
    search_bundle_bytes: int
    largest_page_bytes: int
    largest_page: str


@dataclass(frozen=True, slots=True)
class BrowserFigures:
    first_result_seconds: float
    search_bytes: int
    papers_ready_seconds: float
    papers_filter_seconds: float
    papers_bytes: int


def site_sizes(site: Path) -> SiteSizes:
    bundle = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
    largest = max(site.rglob("*.html"), key=lambda page: page.stat().st_size)
    return SiteSizes(bundle, largest.stat().st_size, largest.relative_to(site).as_posix())


def browser_missing() -> str | None:
    """Why the browser rows cannot be measured here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"Chromium is not at {CHROMIUM} (make tools)"
    return None


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1, as `cl-survey serve` serves it."""
    server = start_server(site, 0)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure_in_browser(site: Path, repeat: int) -> BrowserFigures:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    runs: list[BrowserFigures] = []
    with _served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            runs.extend(_one_run(browser, url) for _ in range(max(1, repeat)))
        finally:
            browser.close()
    return BrowserFigures(
        first_result_seconds=min(r.first_result_seconds for r in runs),
        search_bytes=min(r.search_bytes for r in runs),
        papers_ready_seconds=min(r.papers_ready_seconds for r in runs),
        papers_filter_seconds=min(r.papers_filter_seconds for r in runs),
        papers_bytes=min(r.papers_bytes for r in runs),
    )


def _one_run(browser: Any, url: str) -> BrowserFigures:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        sizes: list[int] = []
        page.on(
            "requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"])
        )
        page.goto(url + "index.html")
        page.wait_for_load_state("networkidle")
        page.evaluate(_WATCH_SEARCH)
        before = len(sizes)
        page.click(".cls-search-input")
        page.keyboard.type(QUERY, delay=KEY_DELAY_MS)
        page.wait_for_selector(".cls-search-results .cls-search-link", timeout=60_000)
        marks = page.evaluate("window.__bench")
        page.wait_for_load_state("networkidle")
        search_bytes = sum(sizes[before:])
        first_result = (marks["shown"] - marks["last"]) / 1000

        sizes.clear()
        page.goto(url + "papers.html", wait_until="commit")
        page.wait_for_function(
            "() => { const c = document.querySelector('.cls-count');"
            " return c && / of [0-9,]+ papers/.test(c.textContent); }",
            timeout=60_000,
        )
        ready = page.evaluate("performance.now()") / 1000
        answered = page.evaluate(
            """() => new Promise(resolve => {
                 const count = document.querySelector('.cls-count');
                 const select = document.querySelector('select[name=year]');
                 const start = performance.now();
                 new MutationObserver((_, observer) => {
                   observer.disconnect(); resolve((performance.now() - start) / 1000);
                 }).observe(count, { childList: true, characterData: true, subtree: true });
                 select.value = select.options[1].value;
                 select.dispatchEvent(new Event('change', { bubbles: true }));
               })"""
        )
        page.wait_for_load_state("networkidle")
        return BrowserFigures(first_result, search_bytes, ready, answered, sum(sizes))
    finally:
        context.close()
