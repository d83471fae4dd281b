"""What the rendered pages must guarantee, whatever the catalog holds."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
import yaml

from cl_survey import Catalog, load_catalog
from cl_survey.records._names import surname
from cl_survey.render import UnsafePathError, render_pages
from cl_survey.render._context import Context
from cl_survey.render._svg import NODE_HEIGHT
from cl_survey.render._taxonomy_graph import layout
from cl_survey.render._urls import page_path

if TYPE_CHECKING:
    from pathlib import Path

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_SUMMARY = (
    "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ config }} {% raw %}\n\n"
    "</div>\n\n# Not a heading"
)


def front_matter(page: str) -> dict[str, object]:
    _, meta, _ = page.split("---\n", 2)
    loaded = yaml.safe_load(meta)
    assert isinstance(loaded, dict)
    return loaded


def hostile_catalog(catalog_copy: Path) -> Catalog:
    paper = catalog_copy / "papers" / "alpha2019first.yaml"
    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    record["title"] = HOSTILE_TITLE
    record["summary"]["en"] = HOSTILE_SUMMARY
    record["keywords"] = ["</div>", "<!--"]
    paper.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return load_catalog(catalog_copy)


def test_hostile_title_and_summary_are_escaped_everywhere(catalog_copy: Path) -> None:
    pages = render_pages(hostile_catalog(catalog_copy))
    for relative, page in pages.items():
        # Front matter holds citation_* values raw: overrides/main.html escapes them, and
        # the build test checks the HTML. Everything Markdown or templates print is escaped.
        meta, body = front_matter(page), page.split("---\n", 2)[2]
        printed = f"{meta.get('title')} {meta.get('description')} {meta.get('tags')} {body}"
        assert "<script>" not in printed, relative
        assert "<img" not in printed, relative
        assert 'href="javascript:' not in printed, relative
    paper = pages["papers/alpha2019first.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in paper
    assert "&lt;img src=x onerror=alert(1)&gt;" in paper
    assert front_matter(paper)["title"] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_catalog_text_never_ends_an_html_block(catalog_copy: Path) -> None:
    # A blank line inside an HTML block would hand the rest of it to Markdown.
    page = render_pages(hostile_catalog(catalog_copy))["papers/alpha2019first.md"]
    body = page.split("---\n", 2)[2]
    for block in body.strip().split("\n\n"):
        assert block.startswith(("<div", "## ")), block[:80]
        if block.startswith("<div"):
            assert block.count("<div") == block.count("</div>"), block[:80]


def test_only_http_links_are_emitted(fixture_catalog: Catalog) -> None:
    for relative, page in render_pages(fixture_catalog).items():
        for target in re.findall(r'href="([^"]*)"', page):
            assert re.match(r"(https?://|[a-z0-9./#-]+\.(html|xml))", target), (relative, target)


@pytest.mark.parametrize("crafted", ["../../etc/passwd", "a/b", "..", "", "Paper", "x.md"])
def test_a_crafted_id_cannot_name_a_page_outside_its_directory(crafted: str) -> None:
    with pytest.raises(UnsafePathError):
        page_path("paper", crafted)


def test_every_record_has_a_page(fixture_catalog: Catalog) -> None:
    pages = render_pages(fixture_catalog)
    ids = {
        "paper": [r.id for r in fixture_catalog.papers],
        "method": [r.id for r in fixture_catalog.methods],
        "category": [r.id for r in fixture_catalog.categories],
        "scenario": [r.id for r in fixture_catalog.scenarios],
        "problem": [r.id for r in fixture_catalog.problems],
        "benchmark": [r.id for r in fixture_catalog.benchmarks],
    }
    for kind, record_ids in ids.items():
        for record_id in record_ids:
            assert page_path(kind, record_id) in pages


def test_citation_meta_names_title_authors_and_identifiers(fixture_catalog: Catalog) -> None:
    page = render_pages(fixture_catalog)["papers/alpha2019first.md"]
    citation = front_matter(page)["citation"]
    assert ["citation_title", "The First Fictional Paper"] in citation  # type: ignore[operator]
    assert ["citation_author", "Ada Alpha"] in citation  # type: ignore[operator]
    assert ["citation_author", "Bo Beta"] in citation  # type: ignore[operator]
    assert ["citation_doi", "10.9999/fict.2019.1"] in citation  # type: ignore[operator]
    assert ["citation_firstpage", "1"] in citation  # type: ignore[operator]
    assert ["citation_lastpage", "10"] in citation  # type: ignore[operator]


def _assert_no_overlaps(catalog: Catalog) -> None:
    nodes, edges = layout(Context(catalog), "taxonomy.md")
    assert {node.record_id for node in nodes} == {
        *(c.id for c in catalog.categories),
        *(m.id for m in catalog.methods),
    }
    for index, first in enumerate(nodes):
        for second in nodes[index + 1 :]:
            apart_x = first.right <= second.x or second.right <= first.x
            apart_y = abs(first.y - second.y) >= NODE_HEIGHT
            assert apart_x or apart_y, (first.record_id, second.record_id)
    parents = {(p, c.id) for c in catalog.categories for p in c.parents}
    parents |= {(a.category, m.id) for m in catalog.methods for a in m.categories}
    assert set(edges) == parents


def test_taxonomy_layout_has_no_overlapping_labels_on_the_fixture(
    fixture_catalog: Catalog,
) -> None:
    _assert_no_overlaps(fixture_catalog)


def test_taxonomy_layout_has_no_overlapping_labels_on_the_bundled_catalog(
    bundled_catalog: Catalog,
) -> None:
    _assert_no_overlaps(bundled_catalog)


def test_taxonomy_layout_is_a_pure_function(tmp_path: Path, catalog_copy: Path) -> None:
    other = tmp_path / "again"
    shutil.copytree(catalog_copy, other)
    first = layout(Context(load_catalog(catalog_copy)), "taxonomy.md")
    second = layout(Context(load_catalog(other)), "taxonomy.md")
    assert first == second


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Shibhansh Dohare", "Dohare"),
        ("Gido M. van de Ven", "van de Ven"),
        ("Matthias De Lange", "De Lange"),
        ("Di Delta", "Delta"),
        ("Da-Wei Zhou", "Zhou"),
    ],
)
def test_short_cites_keep_surname_particles(full_name: str, expected: str) -> None:
    assert surname(full_name) == expected


def test_same_looking_cites_get_distinct_suffixes_past_z(catalog_copy: Path) -> None:
    template = yaml.safe_load((catalog_copy / "papers" / "delta2021survey.yaml").read_text())
    for number in range(30):
        record = dict(template, id=f"delta2021copy{number}", relations=[])
        (catalog_copy / "papers" / f"delta2021copy{number}.yaml").write_text(
            yaml.safe_dump(record), encoding="utf-8"
        )
    labels = Context(load_catalog(catalog_copy)).citation_labels
    deltas = [label for label in labels.values() if label.startswith("Delta 2021")]
    assert len(deltas) == 31
    assert len(set(deltas)) == 31
    assert "Delta 2021aa" in deltas


def test_records_sharing_a_short_name_are_told_apart(bundled_catalog) -> None:
    # Dark Experience Replay and Dynamically Expandable Representation are both "DER".
    pages = render_pages(bundled_catalog)
    graph = pages["taxonomy.md"]
    assert "DER (Dark Experience Replay)" in graph
    assert "DER (Dynamically Expandable" in graph
    assert ">DER<" not in graph


def test_method_pages_do_not_grow_with_the_catalog(tmp_path) -> None:
    from benchmarks.synthetic import write_synthetic_catalog  # noqa: PLC0415

    write_synthetic_catalog(tmp_path / "catalog", 300)
    catalog = load_catalog(tmp_path / "catalog")
    pages = render_pages(catalog)
    method_pages = {path: page for path, page in pages.items() if path.startswith("methods/")}
    crowded = 0
    for page in method_pages.values():
        _, _, siblings_section = page.partition("## Sibling methods")
        assert siblings_section.count("<li>") <= 24
        crowded += "more in" in siblings_section
    assert crowded, "no method had more than 24 siblings: the cap was not exercised"
