"""WCAG 2.1 AA as axe-core (the engine behind browsers' accessibility audits) sees it, in
Chromium, in the light and the dark scheme, on every kind of page the site has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page, Route

    from .conftest import Served

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# One page of each kind the site generates, and the hand-written ones.
FIXTURE_PAGES = [
    "index.html",
    "papers.html",
    "timeline.html",
    "papers/alpha2019first.html",
    "methods.html",
    "methods/method-one.html",
    "categories.html",
    "categories/family-a.html",
    "taxonomy.html",
    "comparison.html",
    "gaps.html",
    "scenarios/task-il.html",
    "benchmarks.html",
    "results.html",
    "metrics.html",
    "authors.html",
    "whats-new.html",
    "search.html",
    "how-to-read.html",
    "how-to-cite.html",
]
BUNDLED_PAGES = ["index.html", "papers.html", "taxonomy.html", "results.html"]


SCHEMES = {"light": "default", "dark": "slate"}  # the browser's preference: material's scheme


@dataclass
class SchemePage:
    page: Page
    scheme: str

    def violations(self, url: str) -> list[str]:
        self.page.goto(url)
        return self.audit(url)

    def audit(self, url: str) -> list[str]:
        """The violations on the page as it is now (`url` names it in the report)."""
        shown = self.page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == self.scheme, f"{url} shows the {shown} scheme, not {self.scheme}"
        # Material fades colours in on load; let them settle before measuring contrast.
        self.page.wait_for_timeout(300)
        report = Axe().run(self.page, options=WCAG_AA).response
        return [
            f"{url} ({self.scheme}): {violation['id']} at {node['target']}: "
            f"{node['failureSummary']}"
            for violation in report["violations"]
            for node in violation["nodes"]
        ]


@pytest.fixture(params=sorted(SCHEMES))
def scheme_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[SchemePage]:
    """A page in a browser that prefers `light` or `dark`: material follows that preference."""
    context = browser.new_context(
        color_scheme=request.param, viewport={"width": 1280, "height": 900}
    )
    context.route("**/*", _local_only)
    yield SchemePage(context.new_page(), SCHEMES[request.param])
    context.close()


def _local_only(route: Route) -> None:
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


def test_every_kind_of_page_meets_wcag_aa(scheme_page: SchemePage, fixture_site: Served) -> None:
    leaderboard = next((fixture_site.root / "leaderboards").glob("*/*.html"))
    table = next((fixture_site.root / "results").glob("*.html"))
    pages = [
        *FIXTURE_PAGES,
        leaderboard.relative_to(fixture_site.root).as_posix(),
        table.relative_to(fixture_site.root).as_posix(),
    ]
    for path in pages:
        assert (fixture_site.root / path).exists(), path
    found = [line for path in pages for line in scheme_page.violations(fixture_site.url + path)]
    assert found == []


def test_the_bundled_sites_busiest_pages_meet_wcag_aa(
    scheme_page: SchemePage, bundled_site: Served
) -> None:
    found = [
        line for path in BUNDLED_PAGES for line in scheme_page.violations(bundled_site.url + path)
    ]
    assert found == []


def test_search_results_meet_wcag_aa(scheme_page: SchemePage, fixture_site: Served) -> None:
    page = scheme_page.page
    page.goto(fixture_site.url + "search.html?q=fictional&kind=Paper")
    expect(page.locator(".cls-search-page-results .cls-search-link")).to_have_count(4)
    found = scheme_page.audit("search.html, with results")
    page.locator(".cls-search-input").press_sequentially("Gamma", delay=30)
    expect(page.locator(".cls-search-results .cls-search-link").first).to_be_visible()
    found += scheme_page.audit("the header's search results")
    assert found == []


def test_the_checker_sees_a_violation(scheme_page: SchemePage, fixture_site: Served) -> None:
    """Guards the tests above against a checker that reports nothing: text as pale as its
    background must be found."""
    page = scheme_page.page
    page.goto(fixture_site.url + "index.html")
    page.evaluate("document.querySelector('h1').style.color = 'rgba(128,128,128,0.2)'")
    report = Axe().run(page, options=WCAG_AA).response
    assert "color-contrast" in {violation["id"] for violation in report["violations"]}
