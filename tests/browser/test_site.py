"""The site as a person uses it, in real Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import bibtexparser
import pytest
import rispy
from playwright.sync_api import expect

if TYPE_CHECKING:
    from cl_survey import Catalog

    from .conftest import Served, Session


def test_home_opens_with_counts_and_families(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url)
    expect(page.locator("h1")).to_have_text("Continual learning, mapped")
    expect(page.locator(".cls-counts")).to_contain_text("4 papers")
    expect(page.locator(".cls-cards")).to_contain_text("Family A")
    assert session.console_errors == []
    assert session.outside_requests == []


def test_filter_the_index_to_one_paper_and_open_it(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url + "papers.html")
    rows = page.locator("#cls-paper-table tbody tr:visible")
    expect(rows).to_have_count(4)
    page.select_option("select[name=scenario]", "class-il")
    expect(rows).to_have_count(2)
    page.select_option("select[name=problem]", "forgetting")
    expect(rows).to_have_count(1)
    expect(page.locator(".cls-count")).to_have_text("1 of 4 papers")
    page.fill("input[name=text]", "gamma")
    expect(rows).to_have_count(0)
    expect(page.locator(".cls-no-match")).to_be_visible()
    page.fill("input[name=text]", "beta 2020")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link", name="A Second Fictional Paper").click()
    expect(page).to_have_url(re.compile(r"papers/beta2020second\.html"))
    expect(page.locator("h1")).to_have_text("A Second Fictional Paper")
    assert session.console_errors == []


def test_the_paper_index_loads_every_paper_in_chunks(
    session: Session, bundled_site: Served, bundled_catalog: Catalog
) -> None:
    total = len(bundled_catalog.papers)
    page_file = (bundled_site.root / "papers.html").read_text(encoding="utf-8")
    # The page itself carries only the newest rows; the rest come as data, in chunks.
    assert page_file.count('<tr data-id="') == 100
    chunks = sorted((bundled_site.root / "paper-index").glob("rows-*.js"))
    assert len(chunks) == -(-total // 250) > 1
    page = session.page()
    page.goto(bundled_site.url + "papers.html")
    count = page.locator(".cls-count")
    expect(count).to_have_text(f"{total} of {total} papers")
    rows = page.locator("#cls-paper-table tbody tr")
    expect(rows).to_have_count(200)
    more = page.locator(".cls-more-rows button")
    expect(more).to_have_text(f"Show {total - 200} more")
    more.click()
    expect(rows).to_have_count(total)
    expect(more).to_be_hidden()
    # Filters run over every paper, the ones beyond the first chunk included.
    oldest = min(paper.year for paper in bundled_catalog.papers)
    expected = [p for p in bundled_catalog.papers if p.year == oldest]
    page.select_option("select[name=year]", str(oldest))
    expect(rows).to_have_count(len(expected))
    expect(count).to_have_text(f"{len(expected)} of {total} papers")
    expect(rows.first.get_by_role("link").first).to_have_text(
        min(expected, key=lambda p: p.id).title
    )
    # A category (from a category page's "all N papers" link) filters too.
    page.goto(bundled_site.url + "papers.html?category=prompt-based")
    in_category = len(bundled_catalog.query(category="prompt-based"))
    expect(count).to_have_text(f"{in_category} of {total} papers")
    assert session.console_errors == []
    assert session.outside_requests == []


def test_a_copy_opened_as_a_file_filters_papers_and_says_search_needs_http(
    session: Session, fixture_site: Served
) -> None:
    page = session.page()
    page.goto((fixture_site.root / "papers.html").as_uri())
    # The rows come as scripts, which a page opened from a file may load.
    expect(page.locator(".cls-count")).to_have_text("4 of 4 papers")
    page.select_option("select[name=year]", "2020")
    expect(page.locator("#cls-paper-table tbody tr")).to_have_count(2)
    page.locator(".cls-search-input").press_sequentially("gamma", delay=30)
    expect(page.locator(".cls-search-status")).to_contain_text("served over HTTP")
    assert session.dialogs == []


def test_copy_the_bibtex(session: Session, fixture_site: Served) -> None:
    session.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = session.page()
    page.goto(fixture_site.url + "papers/alpha2019first.html")
    block = page.locator(".language-bibtex")
    block.hover()
    # material 9.6+ names it md-code__button; earlier releases md-clipboard.
    block.locator("button[data-md-type=copy], button.md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@inproceedings{alpha2019first,")
    assert "author = {Alpha, Ada and Beta, Bo}" in copied


def test_search_an_authors_surname_finds_the_paper(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url)
    page.keyboard.press("/")  # the shortcut opens the box from anywhere but a text field
    expect(page.locator(".cls-search-input")).to_be_focused()
    page.keyboard.type("Gamma", delay=30)
    results = page.locator(".cls-search-results .cls-search-link")
    result = results.filter(has_text="Third: a Concurrent Fictional Paper")
    expect(result.first).to_be_visible(timeout=15_000)
    expect(result.first.locator(".cls-search-kind")).to_have_text("Paper")
    # The keyboard reaches the results and opens one, through instant navigation.
    page.keyboard.press("ArrowDown")
    expect(results.first).to_be_focused()
    expect(page.locator(".cls-search-status")).to_contain_text("result")
    result.first.click()
    expect(page).to_have_url(re.compile(r"papers/gamma2020third\.html"))
    # The box keeps working on the page instant navigation brought in.
    page.locator(".cls-search-input").fill("")
    page.locator(".cls-search-input").press_sequentially("method two", delay=30)
    expect(
        page.locator(".cls-search-results .cls-search-link").filter(has_text="Method Two").first
    ).to_be_visible()
    assert session.outside_requests == []
    assert session.console_errors == []


def test_search_page_filters_narrow_the_results(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url + "search.html?q=fictional")
    results = page.locator(".cls-search-page-results .cls-search-link")
    expect(page.locator(".cls-search-page-status")).to_have_text(re.compile(r"^\d+ results$"))
    everything = int(page.locator(".cls-search-page-status").inner_text().split()[0])
    assert everything > 1
    page.select_option("select[name=kind]", "Paper")
    expect(results).to_have_count(4)
    page.select_option("select[name=year]", "2020")
    expect(results).to_have_count(2)
    expect(page).to_have_url(re.compile(r"q=fictional&kind=Paper&year=2020"))
    page.select_option("select[name=venue]", "FICT")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Third: a Concurrent Fictional Paper")
    # The address is the search: opened again, it shows the same results.
    page.goto(page.url)
    expect(page.locator("select[name=year]")).to_have_value("2020")
    expect(results).to_have_count(1)
    assert session.outside_requests == []
    assert session.console_errors == []


def test_search_works_on_a_phone(phone: Session, fixture_site: Served, artifacts: Path) -> None:
    page = phone.page()
    page.goto(fixture_site.url)
    page.locator("label.md-header__button[for=__search]").click()
    expect(page.locator(".cls-search-input")).to_be_visible()
    page.locator(".cls-search-input").press_sequentially("Gamma", delay=30)
    expect(page.locator(".cls-search-results .cls-search-link").first).to_be_visible()
    page.screenshot(path=artifacts / "search-390px.png")
    assert phone.console_errors == []


def test_taxonomy_graph_has_a_node_per_category_and_its_links_work(
    session: Session, fixture_site: Served, fixture_catalog: Catalog
) -> None:
    page = session.page()
    page.goto(fixture_site.url + "taxonomy.html")
    for category in fixture_catalog.categories:
        expect(page.locator(f'svg.cls-graph a.cls-node[data-id="{category.id}"]')).to_have_count(1)
    for method in fixture_catalog.methods:
        expect(page.locator(f'svg.cls-graph a.cls-node[data-id="{method.id}"]')).to_have_count(1)
    page.locator('a.cls-node[data-id="shared-leaf"]').hover()
    expect(page.locator('a.cls-node[data-id="method-two"]')).to_have_class(re.compile("is-active"))
    page.select_option(".cls-graph-controls select[name=scenarios]", "task-il")
    expect(page.locator('a.cls-node[data-id="method-three"]')).to_have_class(
        re.compile("is-dimmed")
    )
    page.locator('a.cls-node[data-id="shared-leaf"]').click()
    expect(page).to_have_url(re.compile(r"categories/shared-leaf\.html"))
    expect(page.locator("h1")).to_have_text("Shared leaf")
    page.locator('svg a.cls-node[data-id="family-b"]').click()
    expect(page).to_have_url(re.compile(r"categories/family-b\.html"))
    assert session.console_errors == []


def test_taxonomy_graph_folds_families_and_finds_a_box_by_name(
    session: Session, fixture_site: Served
) -> None:
    page = session.page()
    page.goto(fixture_site.url + "taxonomy.html")
    node = 'svg a.cls-node[data-id="{}"]'.format
    page.get_by_label("Family A").uncheck()
    for folded in ("leaf-a1", "method-one", "method-three"):
        expect(page.locator(node(folded))).to_be_hidden()
    expect(page.locator('path.cls-edge[data-to="leaf-a1"]')).to_be_hidden()
    for kept in ("family-a", "family-b", "shared-leaf", "method-two"):
        expect(page.locator(node(kept))).to_be_visible()
    page.get_by_label("Find a box").fill("method thr")
    page.get_by_label("Find a box").press("Enter")
    found = page.locator(node("method-three"))
    expect(found).to_be_visible()
    expect(found).to_have_class(re.compile("is-focus"))
    expect(found).to_be_focused()
    expect(page.get_by_label("Family A")).to_be_checked()
    expect(page.locator(node("method-one"))).to_be_visible()
    assert session.console_errors == []


def test_browse_home_to_paper_category_sibling_method_and_back_through_the_graph(
    session: Session, fixture_site: Served
) -> None:
    page = session.page()
    page.goto(fixture_site.url)
    page.get_by_role("link", name="The First Fictional Paper").first.click()
    expect(page.locator("h1")).to_have_text("The First Fictional Paper")
    page.locator(".cls-breadcrumbs").get_by_role("link", name="Leaf A1").click()
    expect(page.locator("h1")).to_have_text("Leaf A1")
    page.locator(".cls-columns").get_by_role("link", name="Method Three").click()
    expect(page.locator("h1")).to_have_text("Method Three")
    page.get_by_role("link", name="See it in the taxonomy graph").click()
    expect(page.locator('a.cls-node[data-id="method-three"]')).to_have_class(re.compile("is-focus"))
    page.locator('svg a.cls-node[data-id="method-one"]').click()
    expect(page.locator("h1")).to_have_text("Method One (M1)")
    assert session.console_errors == []
    assert session.outside_requests == []


PAGE_TYPES = [
    "index.html",
    "papers.html",
    "timeline.html",
    "taxonomy.html",
    "categories.html",
    "comparison.html",
    "gaps.html",
    "how-to-read.html",
]


def _record_pages(catalog: Catalog) -> list[str]:
    return [
        f"papers/{catalog.papers[0].id}.html",
        "papers/dohare2024loss.html",
        f"methods/{catalog.methods[0].id}.html",
        f"categories/{catalog.categories[0].id}.html",
        f"scenarios/{catalog.scenarios[0].id}.html",
        f"problems/{catalog.problems[0].id}.html",
        f"benchmarks/{catalog.benchmarks[0].id}.html",
    ]


def test_no_console_errors_and_no_request_leaves_localhost(
    session: Session, bundled_site: Served, bundled_catalog: Catalog
) -> None:
    page = session.page()
    for path in [*PAGE_TYPES, *_record_pages(bundled_catalog)]:
        page.goto(bundled_site.url + path)
        page.wait_for_load_state("networkidle")
    assert session.console_errors == []
    assert session.outside_requests == []


def test_no_page_scrolls_sideways_at_390_px(
    phone: Session, bundled_site: Served, bundled_catalog: Catalog
) -> None:
    page = phone.page()
    wide = {}
    for path in [*PAGE_TYPES, *_record_pages(bundled_catalog)]:
        page.goto(bundled_site.url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert wide == {}


@pytest.mark.parametrize(
    ("path", "name"),
    [("index.html", "home"), ("papers/dohare2024loss.html", "paper"), ("taxonomy.html", "graph")],
)
def test_screenshots(
    session: Session, bundled_site: Served, artifacts: Path, path: str, name: str
) -> None:
    page = session.page()
    page.goto(bundled_site.url + path)
    page.wait_for_load_state("networkidle")
    target = artifacts / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


pytestmark = pytest.mark.slow  # builds a site


def test_hostile_strings_are_text_in_the_browser(session: Session, hostile_site: Served) -> None:
    page = session.page()
    page.goto(hostile_site.url + "papers/alpha2019first.html")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("<script>alert(1)</script>")
    expect(page.locator(".tabbed-block").first).to_contain_text(
        "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ config }} {% raw %}"
    )
    assert page.title().startswith("<script>alert(1)</script>")
    assert page.locator(".md-content img").count() == 0
    page.goto(hostile_site.url + "papers.html")
    page.wait_for_load_state("networkidle")
    # Search results show the title and excerpt as text too.
    page.locator(".cls-search-input").press_sequentially("alert", delay=30)
    result = page.locator(".cls-search-results .cls-search-link").first
    expect(result).to_contain_text("<script>alert(1)</script>")
    assert page.locator(".cls-search-results script, .cls-search-results img").count() == 0
    assert session.dialogs == []
    assert session.console_errors == []


def test_sort_and_filter_a_leaderboard(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url + "results.html")
    page.get_by_role("link", name="2 protocols").click()
    page.get_by_role("link", name=re.compile(r"memory none")).click()
    expect(page.locator("h1")).to_have_text("Leaderboard: Split Toy Digits")
    table = page.locator("table.cls-sortable")
    rows = table.locator("tbody tr:visible")
    expect(rows).to_have_count(4)

    def first_column() -> list[str]:
        return [cell.strip() for cell in rows.locator("td:first-child").all_inner_texts()]

    accuracy = table.get_by_role("button", name="Toy accuracy")
    accuracy.click()  # ascending
    expect(accuracy.locator("xpath=..")).to_have_attribute("aria-sort", "ascending")
    assert first_column()[0].startswith("Fine-tune")
    accuracy.click()  # descending: the method's own 90.5 first, its reproduction 87.1 later
    expect(accuracy.locator("xpath=..")).to_have_attribute("aria-sort", "descending")
    assert first_column()[:2] == ["M1", "Method Two"]
    page.select_option("select[data-facet=provenance]", "reproduced")
    expect(rows).to_have_count(2)
    expect(page.locator(".cls-count")).to_have_text("2 of 4 rows")
    page.select_option("select[data-facet=provenance]", "")
    page.select_option("select[data-facet=backbone]", "resnet-32")  # the survey's reproduction
    expect(rows).to_have_count(2)
    page.select_option("select[data-facet=pretraining]", "none")
    expect(rows).to_have_count(2)
    # Keyboard: the sort buttons are reachable and work with Enter.
    year = table.get_by_role("button", name="Year")
    year.focus()
    page.keyboard.press("Enter")
    expect(year.locator("xpath=..")).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("svg.cls-chart")).to_be_visible()
    expect(page.locator("li").filter(has_text="differs in memory")).to_be_visible()
    assert session.console_errors == []
    assert session.outside_requests == []


def test_an_author_page_and_its_filter_of_the_paper_index(
    session: Session, fixture_site: Served
) -> None:
    page = session.page()
    page.goto(fixture_site.url + "papers/alpha2019first.html")
    page.locator(".cls-authors").get_by_role("link", name="Bo Beta").click()
    expect(page.locator("h1")).to_have_text("Bo Beta")
    expect(page.locator("#co-authors + .cls-block")).to_contain_text("Ada Alpha")
    page.get_by_role("link", name="Filter the paper index to them").click()
    expect(page.locator("#cls-paper-table tbody tr:visible")).to_have_count(2)
    expect(page.locator(".cls-count")).to_have_text("2 of 4 papers")
    assert session.console_errors == []
    assert session.outside_requests == []


def _cited_ids(choice: str, text: str) -> list[str]:
    """The keys a downloaded BibTeX, CSL-JSON or RIS file cites, read back by a parser."""
    if choice == "bibtex":
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        return sorted(entry.key for entry in library.entries)
    if choice == "csl":
        return sorted(item["id"] for item in json.loads(text))
    return sorted(entry["id"] for entry in rispy.loads(text))


def test_download_exactly_the_filtered_papers(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url + "papers.html")
    page.select_option("select[name=scenario]", "class-il")
    rows = page.locator("#cls-paper-table tbody tr:visible")
    expect(rows).to_have_count(2)
    shown = sorted(rows.evaluate_all("rows => rows.map(row => row.dataset.id)"))
    form = page.locator("form.cls-download")
    for choice in ("bibtex", "csl", "ris"):
        form.locator("select").select_option(choice)
        with page.expect_download() as download:
            form.get_by_role("button", name="Download").click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert _cited_ids(choice, text) == shown, choice
    assert session.outside_requests == []


def test_download_the_papers_of_a_category(session: Session, fixture_site: Served) -> None:
    page = session.page()
    page.goto(fixture_site.url + "categories/family-a.html")
    form = page.locator("form.cls-download")
    listed = page.locator(".cls-papers li").count()
    expect(form).to_contain_text(f"these {listed} papers")
    with page.expect_download() as download:
        form.get_by_role("button", name="Download").click()
    library = bibtexparser.parse_string(Path(download.value.path()).read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert len(library.entries) == listed
