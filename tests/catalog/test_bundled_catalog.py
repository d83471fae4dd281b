"""The bundled catalog: it validates, and the four seed papers carry the issue's facts."""

from __future__ import annotations

import pytest

from cl_survey import bundled_catalog_path
from cl_survey.curate._dedupe import normalize_title


def test_bundled_catalog_validates_without_warnings(bundled_catalog) -> None:
    assert bundled_catalog.warnings == ()
    assert len(bundled_catalog.papers) >= 84


@pytest.mark.parametrize(
    ("paper_id", "title", "first_author", "last_author", "count", "year", "venue"),
    [
        (
            "dohare2024loss",
            "Loss of plasticity in deep continual learning",
            "Shibhansh Dohare",
            "Richard S. Sutton",
            6,
            2024,
            "Nature",
        ),
        (
            "prabhu2023computationally",
            "Computationally Budgeted Continual Learning: What Does Matter?",
            "Ameya Prabhu",
            "Adel Bibi",
            7,
            2023,
            "CVPR",
        ),
        (
            "yu2024boosting",
            "Boosting Continual Learning of Vision-Language Models via Mixture-of-Experts Adapters",
            "Jiazuo Yu",
            "You He",
            7,
            2024,
            "CVPR",
        ),
        (
            "wang2024comprehensive",
            "A Comprehensive Survey of Continual Learning: Theory, Method and Application",
            "Liyuan Wang",
            "Jun Zhu",
            4,
            2024,
            "IEEE TPAMI",
        ),
    ],
)
def test_seed_papers(
    bundled_catalog, paper_id, title, first_author, last_author, count, year, venue
) -> None:
    paper = bundled_catalog.paper(paper_id)
    assert paper.title == title
    assert (paper.authors[0], paper.authors[-1], len(paper.authors)) == (
        first_author,
        last_author,
        count,
    )
    assert (paper.year, paper.venue.name) == (year, venue)
    assert paper.summary.zh
    assert paper.findings


def test_seed_identifiers(bundled_catalog) -> None:
    dohare = bundled_catalog.paper("dohare2024loss")
    assert (dohare.venue.volume, dohare.venue.issue, dohare.venue.pages) == (632, 8026, "768-774")
    assert dohare.identifiers.doi == "10.1038/s41586-024-07711-7"
    assert dohare.identifiers.arxiv == "2306.13812"
    assert dohare.links.code == "https://github.com/shibhansh/loss-of-plasticity"
    assert "continual-backpropagation" in dohare.proposes
    prabhu = bundled_catalog.paper("prabhu2023computationally")
    assert prabhu.identifiers.arxiv == "2303.11165"
    assert prabhu.links.code == "https://github.com/drimpossible/BudgetCL"
    yu = bundled_catalog.paper("yu2024boosting")
    assert (yu.identifiers.arxiv, yu.venue.pages) == ("2403.11549", "23219-23230")
    assert yu.links.code == "https://github.com/JiazuoYu/MoE-Adapters4CL"
    wang = bundled_catalog.paper("wang2024comprehensive")
    assert (wang.venue.volume, wang.venue.issue) == (46, 8)
    assert wang.venue.pages is not None
    assert wang.venue.pages.startswith("5362")
    assert wang.identifiers.doi == "10.1109/TPAMI.2024.3367329"
    assert wang.identifiers.arxiv == "2302.00487"


def test_the_five_families_of_the_survey_are_roots(bundled_catalog) -> None:
    roots = {n for n in bundled_catalog.taxonomy if bundled_catalog.taxonomy.in_degree(n) == 0}
    assert {
        "regularization-based",
        "replay-based",
        "optimization-based",
        "representation-based",
        "architecture-based",
    } <= roots
    for family in (
        "regularization-based",
        "replay-based",
        "optimization-based",
        "representation-based",
        "architecture-based",
    ):
        category = bundled_catalog.category(family)
        assert category.defined_by == "wang2024comprehensive"
        assert category.maps_to, f"{family} maps to no other survey's taxonomy"


def test_the_two_ders_are_distinct(bundled_catalog) -> None:
    dark = bundled_catalog.method("dark-experience-replay")
    expandable = bundled_catalog.method("dynamically-expandable-representation")
    assert dark.introduced_by == "buzzega2020dark"
    assert expandable.introduced_by == "yan2021dynamically"


def test_no_two_papers_share_a_normalised_title(bundled_catalog) -> None:
    seen: dict[str, str] = {}
    for paper in bundled_catalog.papers:
        key = normalize_title(paper.title)
        assert key not in seen, f"{paper.id} and {seen[key]} share a title"
        seen[key] = paper.id


def test_every_paper_names_a_source(bundled_catalog) -> None:
    assert all(paper.sources for paper in bundled_catalog.papers)


def test_the_bundled_catalog_meets_the_coverage_rules(run_cli) -> None:
    # Every taxonomy leaf holds two papers, every scenario three: CI holds the catalog to it.
    result = run_cli("stats", "--strict")
    assert result.exit_code == 0, result.stdout
    assert "gaps: leaves with fewer than 2 papers: none" in result.stdout


def test_the_bundled_catalog_is_in_canonical_layout(run_cli) -> None:
    result = run_cli("fmt", "--check", str(bundled_catalog_path()))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_the_bundled_links_are_well_formed(run_cli) -> None:
    result = run_cli("links", str(bundled_catalog_path()))
    assert result.exit_code == 0, result.stdout + result.stderr
