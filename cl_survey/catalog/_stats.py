"""Catalog statistics and coverage gaps: what `cl-survey stats` reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cl_survey.catalog._catalog import Catalog

__all__ = ["MIN_PAPERS_PER_LEAF", "MIN_PAPERS_PER_SCENARIO", "CatalogStats", "catalog_stats"]

MIN_PAPERS_PER_LEAF = 2
MIN_PAPERS_PER_SCENARIO = 3


@dataclass(frozen=True, slots=True)
class CatalogStats:
    papers: int
    per_family: dict[str, int]
    per_leaf: dict[str, int]
    per_scenario: dict[str, int]
    per_problem: dict[str, int]
    per_benchmark: dict[str, int]
    per_year: dict[int, int]
    thin_leaves: tuple[str, ...]
    thin_scenarios: tuple[str, ...]
    unverified: dict[str, tuple[str, ...]]

    @property
    def has_gaps(self) -> bool:
        return bool(self.thin_leaves or self.thin_scenarios)


def catalog_stats(catalog: Catalog) -> CatalogStats:
    taxonomy = catalog.taxonomy
    families = sorted(node for node in taxonomy if taxonomy.in_degree(node) == 0)
    leaves = sorted(node for node in taxonomy if taxonomy.out_degree(node) == 0)
    per_family = {family: len(catalog.query(category=family)) for family in families}
    per_leaf = {leaf: len(catalog.query(category=leaf)) for leaf in leaves}
    per_scenario = {s.id: len(catalog.query(scenario=s.id)) for s in catalog.scenarios}
    per_problem = {p.id: len(catalog.query(problem=p.id)) for p in catalog.problems}
    per_benchmark = {b.id: len(catalog.query(benchmark=b.id)) for b in catalog.benchmarks}
    per_year = dict(sorted(Counter(paper.year for paper in catalog.papers).items()))
    return CatalogStats(
        papers=len(catalog.papers),
        per_family=per_family,
        per_leaf=per_leaf,
        per_scenario=per_scenario,
        per_problem=per_problem,
        per_benchmark=per_benchmark,
        per_year=per_year,
        thin_leaves=tuple(k for k, n in per_leaf.items() if n < MIN_PAPERS_PER_LEAF),
        thin_scenarios=tuple(k for k, n in per_scenario.items() if n < MIN_PAPERS_PER_SCENARIO),
        unverified={p.id: p.unverified for p in catalog.papers if p.unverified},
    )
