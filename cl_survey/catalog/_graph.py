"""The catalog as networkx graphs: the taxonomy DAG and the typed relation graph.

Nodes are record ids (unique across the catalog) with a `kind` attribute; edges carry a
`type` and, where the record states it, provenance (`assigned_by`, `note`).

    is_a          category -> parent category
    belongs_to    method -> category; paper -> category (a direct placement)
    proposes      paper -> method
    builds_on, compares_to, extends, surveys    paper -> paper
    evaluates_on  paper -> benchmark
    addresses     paper -> problem
    studies       paper -> scenario
    applies_to    paper -> application
    introduced_by method -> paper;  derived_from  benchmark -> benchmark
    transcribed_from  result table -> paper;  measures  result table -> metric
    has_results   method -> benchmark, carrying every transcribed value (JSON, `results`)
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from cl_survey.records import record_label, record_name

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cl_survey.catalog._catalog import Catalog
    from cl_survey.records import Category, Record

__all__ = ["EDGE_TYPES", "NODE_KINDS", "build_graph", "build_taxonomy"]

NODE_KINDS = (
    "paper",
    "method",
    "category",
    "scenario",
    "problem",
    "benchmark",
    "application",
    "metric",
    "result",
)
EDGE_TYPES = (
    "is_a",
    "belongs_to",
    "proposes",
    "builds_on",
    "compares_to",
    "extends",
    "surveys",
    "evaluates_on",
    "addresses",
    "studies",
    "applies_to",
    "introduced_by",
    "derived_from",
    "transcribed_from",
    "measures",
    "has_results",
)


def build_taxonomy(categories: Iterable[Category]) -> nx.DiGraph[str]:
    """The category DAG with an edge parent -> child; roots are the top-level families."""
    taxonomy: nx.DiGraph[str] = nx.DiGraph()
    for category in categories:
        taxonomy.add_node(category.id, name=category.name)
        for parent in category.parents:
            taxonomy.add_edge(parent, category.id)
    return taxonomy


def _node_attributes(record: Record) -> dict[str, Any]:
    kind: str = record.kind  # type: ignore[attr-defined]
    attributes: dict[str, Any] = {"kind": kind}
    attributes["label"] = record_label(record)
    attributes["name"] = record_name(record)
    if kind == "paper":
        attributes["year"] = record.year  # type: ignore[attr-defined]
        attributes["venue"] = record.venue.name  # type: ignore[attr-defined]
        attributes["authors"] = "; ".join(record.authors)  # type: ignore[attr-defined]
    return attributes


def build_graph(catalog: Catalog) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for kind_records in (
        catalog.categories,
        catalog.scenarios,
        catalog.problems,
        catalog.benchmarks,
        catalog.applications,
        catalog.metrics,
        catalog.result_tables,
        catalog.methods,
        catalog.papers,
    ):
        for record in kind_records:
            graph.add_node(record.id, **_node_attributes(record))
    for category in catalog.categories:
        for parent in category.parents:
            graph.add_edge(category.id, parent, key="is_a", type="is_a")
    for method in catalog.methods:
        for assignment in method.categories:
            graph.add_edge(
                method.id,
                assignment.category,
                key="belongs_to",
                type="belongs_to",
                assigned_by=assignment.assigned_by,
            )
        if method.introduced_by is not None:
            graph.add_edge(
                method.id, method.introduced_by, key="introduced_by", type="introduced_by"
            )
    for benchmark in catalog.benchmarks:
        for source in benchmark.based_on:
            graph.add_edge(benchmark.id, source, key="derived_from", type="derived_from")
    for paper in catalog.papers:
        _add_paper_edges(graph, paper)
    _add_result_edges(graph, catalog)
    return graph


def _add_result_edges(graph: nx.MultiDiGraph[str], catalog: Catalog) -> None:
    for table in catalog.result_tables:
        if table.source.paper is not None:
            graph.add_edge(
                table.id, table.source.paper, key="transcribed_from", type="transcribed_from"
            )
        for metric in table.metrics:
            graph.add_edge(table.id, metric, key="measures", type="measures")
    carried: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for entry in catalog.results():
        if entry.method is not None:
            carried[entry.method, entry.key.benchmark].append(
                {
                    "table": entry.table,
                    "metric": entry.metric,
                    "value": entry.value,
                    "provenance": entry.provenance.value,
                }
            )
    for (method, benchmark), results in sorted(carried.items()):
        # GraphML keeps scalar attributes only: the values travel as one JSON string.
        graph.add_edge(
            method, benchmark, key="has_results", type="has_results", results=json.dumps(results)
        )


def _add_paper_edges(graph: nx.MultiDiGraph[str], paper: Any) -> None:
    for method_id in paper.proposes:
        graph.add_edge(paper.id, method_id, key="proposes", type="proposes")
    for assignment in paper.categories:
        graph.add_edge(
            paper.id,
            assignment.category,
            key="belongs_to",
            type="belongs_to",
            assigned_by=assignment.assigned_by,
        )
    for edge_type, targets in (
        ("studies", paper.scenarios),
        ("addresses", paper.problems),
        ("evaluates_on", paper.benchmarks),
        ("applies_to", paper.applications),
    ):
        for target in targets:
            graph.add_edge(paper.id, target, key=edge_type, type=edge_type)
    for relation in paper.relations:
        attributes: dict[str, Any] = {"type": relation.type.value}
        if relation.note is not None:
            attributes["note"] = relation.note
        graph.add_edge(paper.id, relation.paper, key=relation.type.value, **attributes)
