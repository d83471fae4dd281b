"""The taxonomy graph's layout crosses far fewer edges than a single barycentre pass does.

The baseline is the ordering the graph used before crossing reduction: columns in id order,
then one left-to-right pass sorting each column by the mean row of its parents. It is
recomputed here on the same catalog, so the bound moves with the catalog and fails only if the
layout itself gets worse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey import Catalog, load_catalog
from cl_survey.render._context import Context
from cl_survey.render._taxonomy_graph import _columns, _order, _parents, crossings, layout

if TYPE_CHECKING:
    from pathlib import Path


def _one_pass_order(context: Context, columns: list[list[str]]) -> list[list[str]]:
    row: dict[str, float] = {}
    ordered_columns = []
    for column in columns:

        def key(record_id: str) -> tuple[float, str]:
            parent_rows = [row[p] for p in _parents(context, record_id) if p in row]
            return (sum(parent_rows) / len(parent_rows) if parent_rows else -1.0, record_id)

        ordered = sorted(column, key=key)
        row.update({record_id: float(index) for index, record_id in enumerate(ordered)})
        ordered_columns.append(ordered)
    return ordered_columns


def _crossings_now_and_before(catalog: Catalog) -> tuple[int, int]:
    context = Context(catalog)
    columns = _columns(context)
    return (
        crossings(context, _order(context, columns)),
        crossings(context, _one_pass_order(context, columns)),
    )


def _drawn_crossings(catalog: Catalog) -> int:
    """Crossings counted on the drawing itself: edges between the same two columns whose
    ends' heights come in opposite orders."""
    nodes, edges = layout(Context(catalog), "taxonomy.md")
    where = {node.record_id: (node.x, node.y) for node in nodes}
    by_span: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for parent, child in edges:
        span = (where[parent][0], where[child][0])
        by_span.setdefault(span, []).append((where[parent][1], where[child][1]))
    count = 0
    for ends in by_span.values():
        for index, (parent_y, child_y) in enumerate(ends):
            for other_parent_y, other_child_y in ends[index + 1 :]:
                count += (parent_y - other_parent_y) * (child_y - other_child_y) < 0
    return count


def test_the_bundled_taxonomy_graph_crosses_at_most_70_percent_of_the_baseline(
    bundled_catalog: Catalog,
) -> None:
    now, before = _crossings_now_and_before(bundled_catalog)
    assert before > 0
    assert now <= 0.7 * before, (now, before)


def test_a_synthetic_taxonomy_graph_crosses_fewer_edges_than_the_baseline(tmp_path: Path) -> None:
    from benchmarks.synthetic import write_synthetic_catalog  # noqa: PLC0415

    write_synthetic_catalog(tmp_path / "catalog", 300)
    now, before = _crossings_now_and_before(load_catalog(tmp_path / "catalog"))
    assert now <= 0.9 * before, (now, before)


def test_the_drawing_has_the_crossings_the_order_has(bundled_catalog: Catalog) -> None:
    """The rows step keeps each column's order, so what a reader sees is what was optimised."""
    context = Context(bundled_catalog)
    assert _drawn_crossings(bundled_catalog) == crossings(
        context, _order(context, _columns(context))
    )
