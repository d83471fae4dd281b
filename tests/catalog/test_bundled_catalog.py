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
    # 300 papers, 25 per family, 4 per leaf, 3 per scenario and every research area's minimum:
    # CI holds the catalog to the coverage policy.
    result = run_cli("stats", "--strict")
    assert result.exit_code == 0, result.stdout
    assert "gaps: none" in result.stdout


# The papers an audit found missing (issue 12), each checked against its sources.
EXPECTED_PAPERS = {
    "lee2017overcoming": (
        "Overcoming Catastrophic Forgetting by Incremental Moment Matching",
        2017,
    ),
    "castro2018end": ("End-to-End Incremental Learning", 2018),
    "shmelkov2017incremental": (
        "Incremental Learning of Object Detectors Without Catastrophic Forgetting",
        2017,
    ),
    "dhar2019learning": ("Learning without Memorizing", 2019),
    "demassondautume2019episodic": ("Episodic Memory in Lifelong Language Learning", 2019),
    "vonoswald2020continual": ("Continual Learning with Hypernetworks", 2020),
    "sun2020lamol": ("LAMOL: LAnguage MOdeling for Lifelong Language Learning", 2020),
    "tao2020few": ("Few-Shot Class-Incremental Learning", 2020),
    "hadsell2020embracing": ("Embracing Change: Continual Learning in Deep Neural Networks", 2020),
    "douillard2022dytox": (
        "DyTox: Transformers for Continual Learning with DYnamic TOken eXpansion",
        2022,
    ),
    "delange2023continual": (
        "Continual evaluation for lifelong learning: Identifying the stability gap",
        2023,
    ),
    "zhou2024continual": ("Continual Learning with Pre-Trained Models: A Survey", 2024),
    "liang2024inflora": (
        "InfLoRA: Interference-Free Low-Rank Adaptation for Continual Learning",
        2024,
    ),
}


@pytest.mark.parametrize("paper_id", sorted(EXPECTED_PAPERS))
def test_papers_a_researcher_expects_are_there(bundled_catalog, paper_id) -> None:
    paper = bundled_catalog.paper(paper_id)
    assert (paper.title, paper.year) == EXPECTED_PAPERS[paper_id]


def test_the_audit_corrections_hold(bundled_catalog) -> None:
    coda = bundled_catalog.paper("smith2023coda")
    values = [e.value for f in coda.findings for e in f.evidence]
    assert values == [4.5, 4.4]  # arXiv v2 (the CVPR version), not the first preprint's 5.4 / 6.6
    assert not any("B2MnaWv6AR" in s for s in bundled_catalog.paper("yu2024boosting").sources)
    revisiting = bundled_catalog.paper("zhou2024revisiting")
    assert (revisiting.year, revisiting.venue.volume, revisiting.venue.issue) == (2025, 133, 3)
    survey = bundled_catalog.paper("zhou2024class")
    assert survey.identifiers.doi == "10.1109/TPAMI.2024.3429383"
    assert "17 methods" in survey.summary.en
    assert "16 methods" not in survey.summary.en
    piggyback = bundled_catalog.paper("mallya2018piggyback")
    assert [c.category for c in piggyback.categories] == ["parameter-allocation"]
    assert bundled_catalog.method("piggyback").categories[0].category == "parameter-allocation"
    assert bundled_catalog.paper("mccloskey1989catastrophic").venue.kind.value == "book-chapter"


def test_a_published_work_has_no_separate_preprint_record(bundled_catalog) -> None:
    # One record per work: the preprint "Three scenarios for continual learning" is a version
    # of "Three types of incremental learning", and LwF's ECCV paper a version of its journal
    # paper, so iCaRL (2017) comparing to LwF points back in time.
    three = bundled_catalog.paper("vandeven2022three")
    assert [(v.kind.value, v.year) for v in three.versions] == [("arxiv", 2019), ("journal", 2022)]
    assert "vandeven2019three" not in bundled_catalog.records
    lwf = bundled_catalog.paper("li2018learning")
    assert lwf.first_year == 2016
    assert lwf.first_year <= bundled_catalog.paper("rebuffi2017icarl").last_year


def test_the_survey_lists_every_scenario_it_defines(bundled_catalog) -> None:
    survey = bundled_catalog.paper("wang2024comprehensive")
    assert {
        "data-incremental",
        "domain-incremental",
        "task-incremental",
        "class-incremental",
        "task-free",
        "online",
        "blurred-boundary",
        "continual-pre-training-scenario",
    } <= set(survey.scenarios)
    assert "few-shot-class-incremental" in {s.id for s in bundled_catalog.scenarios}


def test_every_application_has_papers(bundled_catalog) -> None:
    for application in bundled_catalog.applications:
        assert bundled_catalog.query(application=application.id), application.id


def test_the_bundled_catalog_is_in_canonical_layout(run_cli) -> None:
    result = run_cli("fmt", "--check", str(bundled_catalog_path()))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_the_bundled_links_are_well_formed(run_cli) -> None:
    result = run_cli("links", str(bundled_catalog_path()))
    assert result.exit_code == 0, result.stdout + result.stderr
