"""Catalog statistics and coverage gaps: what `cl-survey stats` reports.

The coverage policy lives here: how many papers the catalog must hold in total, per family,
per taxonomy leaf, per scenario and per research area before `stats --strict` passes. An
area is counted from the records' own facets (scenarios, applications, categories, problems,
contributions), so a paper counts wherever its record places it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cl_survey._errors import UnknownRecordError
from cl_survey.records import Contribution

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cl_survey.catalog._catalog import Catalog

__all__ = [
    "AREAS",
    "MIN_PAPERS",
    "MIN_PAPERS_PER_FAMILY",
    "MIN_PAPERS_PER_LEAF",
    "MIN_PAPERS_PER_SCENARIO",
    "Area",
    "CatalogStats",
    "catalog_stats",
]

MIN_PAPERS = 300
MIN_PAPERS_PER_FAMILY = 25
MIN_PAPERS_PER_LEAF = 4
MIN_PAPERS_PER_SCENARIO = 3


@dataclass(frozen=True, slots=True)
class Area:
    """A research area the catalog must cover: a paper counts when it matches any of
    `queries` (Catalog.query keyword arguments) or has any of `contributions`."""

    name: str
    minimum: int
    queries: tuple[Mapping[str, Any], ...] = ()
    contributions: tuple[Contribution, ...] = ()

    def papers(self, catalog: Catalog) -> set[str]:
        found: set[str] = set()
        for query in self.queries:
            try:
                found.update(paper.id for paper in catalog.query(**query))
            except UnknownRecordError:  # a catalog without that vocabulary record has none
                continue
        if self.contributions:
            wanted = set(self.contributions)
            found |= {p.id for p in catalog.papers if wanted.intersection(p.contributions)}
        return found


AREAS = (
    Area("few-shot class-incremental learning", 8, ({"scenario": "few-shot-class-incremental"},)),
    Area("continual semantic segmentation", 6, ({"application": "semantic-segmentation"},)),
    Area("continual object detection", 5, ({"application": "object-detection"},)),
    Area("NLP and language models", 20, ({"application": "language-models"},)),
    Area(
        "continual reinforcement learning",
        12,
        (
            {"application": "reinforcement-learning"},
            {"scenario": "continual-reinforcement-learning"},
        ),
    ),
    Area(
        "online, task-free and blurry-boundary",
        15,
        ({"scenario": ["online", "task-free", "blurred-boundary"]},),
    ),
    Area("pre-trained-model based", 20, ({"category": "pre-training-for-downstream-cl"},)),
    Area("loss of plasticity and its remedies", 15, ({"problem": "loss-of-plasticity"},)),
    Area(
        "dynamic-expansion class-incremental",
        6,
        ({"category": "modular-network", "scenario": "class-incremental"},),
    ),
    Area("generative models", 4, ({"application": "generative-models"},)),
    Area(
        "theory and analysis",
        6,
        contributions=(Contribution.THEORY, Contribution.EMPIRICAL_STUDY),
    ),
    Area("surveys and benchmarks", 12, contributions=(Contribution.SURVEY, Contribution.BENCHMARK)),
)


@dataclass(frozen=True, slots=True)
class CatalogStats:
    papers: int
    per_family: dict[str, int]
    per_leaf: dict[str, int]
    per_scenario: dict[str, int]
    per_problem: dict[str, int]
    per_benchmark: dict[str, int]
    per_application: dict[str, int]
    per_area: dict[str, int]
    per_year: dict[int, int]
    unverified: dict[str, tuple[str, ...]]
    results: dict[str, int] = field(default_factory=dict)
    """Results coverage: tables, rows, values, methods, benchmarks, leaderboards, and methods
    with both a paper-native and a reproduced value under one protocol."""
    gaps: tuple[str, ...] = field(default=())
    """Every way the catalog falls short of the coverage policy, one sentence each."""

    @property
    def has_gaps(self) -> bool:
        return bool(self.gaps)


def catalog_stats(catalog: Catalog) -> CatalogStats:
    taxonomy = catalog.taxonomy
    families = sorted(node for node in taxonomy if taxonomy.in_degree(node) == 0)
    leaves = sorted(node for node in taxonomy if taxonomy.out_degree(node) == 0)
    per_family = {family: len(catalog.query(category=family)) for family in families}
    per_leaf = {leaf: len(catalog.query(category=leaf)) for leaf in leaves}
    per_scenario = {s.id: len(catalog.query(scenario=s.id)) for s in catalog.scenarios}
    per_area = {area.name: len(area.papers(catalog)) for area in AREAS}
    minimum = {area.name: area.minimum for area in AREAS}
    gaps = []
    if len(catalog.papers) < MIN_PAPERS:
        gaps.append(f"{len(catalog.papers)} papers; at least {MIN_PAPERS} wanted")
    for what, counts, least in (
        ("family", per_family, lambda _name: MIN_PAPERS_PER_FAMILY),
        ("taxonomy leaf", per_leaf, lambda _name: MIN_PAPERS_PER_LEAF),
        ("scenario", per_scenario, lambda _name: MIN_PAPERS_PER_SCENARIO),
        ("area", per_area, minimum.__getitem__),
    ):
        gaps += [
            f"{what} {name}: {count} papers; at least {least(name)} wanted"
            for name, count in counts.items()
            if count < least(name)
        ]
    return CatalogStats(
        papers=len(catalog.papers),
        per_family=per_family,
        per_leaf=per_leaf,
        per_scenario=per_scenario,
        per_problem={p.id: len(catalog.query(problem=p.id)) for p in catalog.problems},
        per_benchmark={b.id: len(catalog.query(benchmark=b.id)) for b in catalog.benchmarks},
        per_application={a.id: len(catalog.query(application=a.id)) for a in catalog.applications},
        per_area=per_area,
        per_year=dict(sorted(Counter(paper.year for paper in catalog.papers).items())),
        unverified={p.id: p.unverified for p in catalog.papers if p.unverified},
        results=_results_coverage(catalog),
        gaps=tuple(gaps),
    )


def _results_coverage(catalog: Catalog) -> dict[str, int]:
    entries = catalog.results()
    both = {method for board in catalog.leaderboards for method, *_ in board.gaps()}
    return {
        "tables": len(catalog.result_tables),
        "rows": sum(len(table.rows) for table in catalog.result_tables),
        "values": len(entries),
        "methods": len({entry.method for entry in entries if entry.method is not None}),
        "benchmarks": len({entry.key.benchmark for entry in entries}),
        "leaderboards": len(catalog.leaderboards),
        "methods with both provenances": len(both),
    }
