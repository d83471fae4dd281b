"""Graph walks over a Catalog: taxonomy walks, neighbourhoods, lineage and the gap matrix.

Each function reads only the Catalog's validated records and graphs, never the YAML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from cl_survey._errors import ClSurveyError
from cl_survey.records import Category, Method, Paper

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from cl_survey.catalog._catalog import Catalog

__all__ = [
    "GapMatrix",
    "Neighbourhood",
    "Under",
    "ancestors",
    "descendants",
    "gap_matrix",
    "lineage",
    "methods_addressing",
    "neighbourhood",
    "paths_to_root",
    "root_paths",
    "under",
]


@dataclass(frozen=True, slots=True)
class Under:
    """What sits under a category, transitively."""

    categories: tuple[str, ...]
    methods: tuple[Method, ...]
    papers: tuple[Paper, ...]


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """A paper's place among the others (ids, each tuple ordered by id)."""

    paper: str
    builds_on: tuple[str, ...] = ()
    built_on_by: tuple[str, ...] = ()
    compares_to: tuple[str, ...] = ()
    compared_to_by: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    extended_by: tuple[str, ...] = ()
    surveys: tuple[str, ...] = ()
    surveyed_by: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    method_siblings: tuple[str, ...] = ()
    """Methods sharing a category with one of this paper's methods (not its own)."""


@dataclass(frozen=True, slots=True)
class GapMatrix:
    """Taxonomy leaves x scenarios -> the papers in that cell; empty cells are gaps."""

    leaves: tuple[str, ...]
    scenarios: tuple[str, ...]
    cells: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    def papers(self, leaf: str, scenario: str) -> tuple[str, ...]:
        return self.cells.get((leaf, scenario), ())

    def gaps(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (leaf, scenario)
            for leaf in self.leaves
            for scenario in self.scenarios
            if not self.papers(leaf, scenario)
        )


def ancestors(catalog: Catalog, category_id: str) -> tuple[str, ...]:
    """Every category above `category_id`, nearest first then by id."""
    catalog.category(category_id)
    found = nx.ancestors(catalog.taxonomy, category_id)
    depth = catalog.taxonomy_depth
    return tuple(sorted(found, key=lambda c: (-depth[c], c)))


def descendants(catalog: Catalog, category_id: str) -> tuple[str, ...]:
    """Every category below `category_id`, nearest first then by id."""
    catalog.category(category_id)
    found = nx.descendants(catalog.taxonomy, category_id)
    depth = catalog.taxonomy_depth
    return tuple(sorted(found, key=lambda c: (depth[c], c)))


def taxonomy_depth(taxonomy: nx.DiGraph[str]) -> dict[str, int]:
    """Longest distance from a root family (a DAG node can be reached at several depths)."""
    depth: dict[str, int] = {}
    for node in nx.topological_sort(taxonomy):
        parents = list(taxonomy.predecessors(node))
        depth[node] = 1 + max((depth[p] for p in parents), default=-1)
    return depth


def paths_to_root(catalog: Catalog, record_id: str) -> tuple[tuple[str, ...], ...]:
    """Each path from a root family down to a category of the record (a category, a method,
    or a paper placed directly or through its methods), as category ids, root first."""
    record = catalog.record(record_id)
    if isinstance(record, Category):
        starts: Iterable[str] = [record.id]
    elif isinstance(record, Method):
        starts = [assignment.category for assignment in record.categories]
    elif isinstance(record, Paper):
        starts = sorted(catalog.paper_categories(record))
    else:
        msg = f"{record_id!r} is a {record.kind}, which has no place in the taxonomy"  # type: ignore[attr-defined]
        raise ClSurveyError(msg)
    root_paths = catalog.root_paths
    return tuple(sorted({path for start in starts for path in root_paths[start]}))


def root_paths(taxonomy: nx.DiGraph[str]) -> dict[str, frozenset[tuple[str, ...]]]:
    """Every category with all its paths from a root family (root first)."""
    paths: dict[str, frozenset[tuple[str, ...]]] = {}
    for node in nx.topological_sort(taxonomy):
        parents = list(taxonomy.predecessors(node))
        if not parents:
            paths[node] = frozenset({(node,)})
        else:
            paths[node] = frozenset((*path, node) for parent in parents for path in paths[parent])
    return paths


def under(catalog: Catalog, category_id: str) -> Under:
    """Categories, methods and papers at or below `category_id`."""
    below = {category_id, *descendants(catalog, category_id)}
    return Under(
        categories=tuple(sorted(below)),
        methods=catalog.methods_placed_in(below),
        papers=catalog.query(category=category_id),
    )


def methods_addressing(
    catalog: Catalog, problem: str, scenario: str | None = None
) -> tuple[Method, ...]:
    """Methods proposed by papers that address `problem` (and study `scenario`, if given)."""
    papers = catalog.query(problem=problem, scenario=scenario)
    method_ids = {method_id for paper in papers for method_id in paper.proposes}
    return tuple(catalog.method(method_id) for method_id in sorted(method_ids))


def neighbourhood(catalog: Catalog, paper_id: str) -> Neighbourhood:
    paper = catalog.paper(paper_id)
    graph = catalog.graph
    outgoing: dict[str, set[str]] = defaultdict(set)
    incoming: dict[str, set[str]] = defaultdict(set)
    for _, target, edge_type in graph.out_edges(paper_id, keys=True):
        outgoing[edge_type].add(target)
    for source, _, edge_type in graph.in_edges(paper_id, keys=True):
        incoming[edge_type].add(source)
    own_methods = set(paper.proposes)
    siblings: set[str] = set()
    for method_id in own_methods:
        for assignment in catalog.method(method_id).categories:
            siblings.update(
                other
                for other, _, edge_type in graph.in_edges(assignment.category, keys=True)
                if edge_type == "belongs_to" and graph.nodes[other]["kind"] == "method"
            )
    return Neighbourhood(
        paper=paper_id,
        builds_on=_sorted(outgoing["builds_on"]),
        built_on_by=_sorted(incoming["builds_on"]),
        compares_to=_sorted(outgoing["compares_to"]),
        compared_to_by=_sorted(incoming["compares_to"]),
        extends=_sorted(outgoing["extends"]),
        extended_by=_sorted(incoming["extends"]),
        surveys=_sorted(outgoing["surveys"]),
        surveyed_by=_sorted(incoming["surveys"]),
        methods=_sorted(own_methods),
        method_siblings=_sorted(siblings - own_methods),
    )


def _sorted(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(ids))


def lineage(catalog: Catalog, paper_id: str) -> tuple[tuple[str, ...], ...]:
    """Every builds_on chain from `paper_id` back to a paper that builds on nothing
    (in the catalog), the paper itself first. A chain stops where it would loop."""
    catalog.paper(paper_id)
    builds_on: dict[str, list[str]] = {
        paper.id: sorted(r.paper for r in paper.relations if r.type.value == "builds_on")
        for paper in catalog.papers
    }
    chains: list[tuple[str, ...]] = []

    def walk(chain: tuple[str, ...]) -> None:
        parents = [p for p in builds_on[chain[-1]] if p not in chain]
        if not parents:
            chains.append(chain)
        for parent in parents:
            walk((*chain, parent))

    walk((paper_id,))
    return tuple(sorted(chains))


def gap_matrix(catalog: Catalog) -> GapMatrix:
    """Which taxonomy leaves have papers in which scenarios."""
    taxonomy = catalog.taxonomy
    leaves = tuple(sorted(node for node in taxonomy if taxonomy.out_degree(node) == 0))
    scenarios = tuple(scenario.id for scenario in catalog.scenarios)
    cells: dict[tuple[str, str], tuple[str, ...]] = {}
    for leaf in leaves:
        in_leaf = catalog.query(category=leaf)
        for scenario in scenarios:
            ids = tuple(paper.id for paper in in_leaf if scenario in paper.scenarios)
            if ids:
                cells[(leaf, scenario)] = ids
    return GapMatrix(leaves=leaves, scenarios=scenarios, cells=cells)
