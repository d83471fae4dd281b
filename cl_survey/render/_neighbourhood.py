"""Small neighbourhood graphs for paper and category pages: left -> the record -> right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._html import Markup, html, join
from cl_survey.render._svg import (
    NODE_HEIGHT,
    PlacedNode,
    edge_path,
    label_width,
    node_svg,
    svg_document,
    truncate,
)
from cl_survey.render._urls import href

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cl_survey.render._context import Context

__all__ = ["EDGE_LABELS", "neighbourhood_svg"]

ROW_PITCH = NODE_HEIGHT + 10
COLUMN_GAP = 90
MARGIN = 8
COLUMN_LIMIT = 14
LABEL_LIMIT = 28
EDGE_LABELS = {
    "builds_on": "builds on",
    "built_on_by": "built on by",
    "compares_to": "compares to",
    "compared_to_by": "compared to by",
    "extends": "extends",
    "extended_by": "extended by",
    "surveys": "surveys",
    "surveyed_by": "surveyed by",
    "proposes": "proposes",
    "is_a": "sub-category of",
    "has_child": "has sub-category",
    "belongs_to": "method in it",
}


def _column(
    context: Context, from_page: str, items: Sequence[tuple[str, str]], x: float, top: float
) -> list[tuple[PlacedNode, str]]:
    placed = []
    for position, (record_id, edge) in enumerate(items[:COLUMN_LIMIT]):
        kind = context.kind(record_id)
        placed.append(
            (
                PlacedNode(
                    record_id=record_id,
                    kind=kind,
                    label=truncate(context.label(record_id), LABEL_LIMIT),
                    title=f"{EDGE_LABELS[edge]}: {context.name(record_id)}",
                    href=href(from_page, context.path(record_id)),
                    x=x,
                    y=top + position * ROW_PITCH,
                ),
                edge,
            )
        )
    return placed


def neighbourhood_svg(
    context: Context,
    from_page: str,
    center_id: str,
    left: Sequence[tuple[str, str]],
    right: Sequence[tuple[str, str]],
) -> Markup:
    """`left` and `right` are (record id, edge kind) pairs; empty Markup when both are empty."""
    if not left and not right:
        return Markup("")
    rows = max(len(left[:COLUMN_LIMIT]), len(right[:COLUMN_LIMIT]), 1)
    height = MARGIN * 2 + (rows - 1) * ROW_PITCH + NODE_HEIGHT

    def widest(items: Sequence[tuple[str, str]]) -> float:
        labels = [truncate(context.label(i), LABEL_LIMIT) for i, _ in items[:COLUMN_LIMIT]]
        return max((label_width(label) + 20 for label in labels), default=0.0)

    def top(count: int) -> float:
        return MARGIN + (rows - count) * ROW_PITCH / 2

    left_width = widest(left)
    center_x = MARGIN + (left_width + COLUMN_GAP if left else 0.0)
    center = PlacedNode(
        record_id=center_id,
        kind=context.kind(center_id),
        label=truncate(context.label(center_id), LABEL_LIMIT),
        title=context.name(center_id),
        href=href(from_page, context.path(center_id)),
        x=center_x,
        y=top(1),
        css="cls-node--center",
    )
    left_nodes = _column(context, from_page, left, MARGIN, top(len(left[:COLUMN_LIMIT])))
    right_x = center.right + COLUMN_GAP
    right_nodes = _column(context, from_page, right, right_x, top(len(right[:COLUMN_LIMIT])))
    width = (right_x + widest(right) if right else center.right) + MARGIN
    edges = [edge_path(node, center, edge) for node, edge in left_nodes]
    edges += [edge_path(center, node, edge) for node, edge in right_nodes]
    nodes = [node_svg(center)] + [node_svg(node) for node, _ in (*left_nodes, *right_nodes)]
    svg = svg_document(
        width,
        height,
        label=f"Neighbourhood of {context.name(center_id)}",
        edges=edges,
        nodes=nodes,
        css_class="cls-graph cls-graph--neighbourhood",
    )
    used = dict.fromkeys(edge for _, edge in (*left, *right))
    legend = join(
        html('<span class="cls-key cls-edge-key--{}">{}</span>', edge, EDGE_LABELS[edge])
        for edge in used
    )
    hidden = max(len(left), len(right)) - COLUMN_LIMIT
    more = (
        html(
            "<p>The graph shows the first {} on each side; the lists above name all.</p>",
            COLUMN_LIMIT,
        )
        if hidden > 0
        else Markup("")
    )
    return html(
        '<figure class="cls-neighbourhood"><div class="cls-graph-frame">{}</div>'
        '<figcaption class="cls-legend">{}</figcaption>{}</figure>',
        svg,
        legend,
        more,
    )
