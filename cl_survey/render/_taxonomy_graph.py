"""The taxonomy graph page: families -> sub-categories -> methods, laid out at build time.

Layered columns: a category sits in the column of its longest path from a root family,
methods in the last column. Within a column, nodes are ordered by the mean row of their
parents and pushed down so boxes never overlap: each takes its own row. Everything is
deterministic (ties broken by id), so the SVG is stable for golden tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from cl_survey.render._html import Markup, html, html_block, join, markdown_page
from cl_survey.render._svg import (
    NODE_HEIGHT,
    PlacedNode,
    edge_path,
    node_svg,
    svg_document,
    truncate,
)
from cl_survey.render._urls import GRAPH, href

if TYPE_CHECKING:
    from cl_survey.render._context import Context

__all__ = ["layout", "render_taxonomy_graph"]

ROW_PITCH = NODE_HEIGHT + 6
COLUMN_GAP = 70
MARGIN = 12


def _columns(context: Context) -> list[list[str]]:
    taxonomy = context.view.taxonomy
    depth: dict[str, int] = {}
    for node in nx.topological_sort(taxonomy):
        parents = list(taxonomy.predecessors(node))
        depth[node] = 1 + max(depth[parent] for parent in parents) if parents else 0
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 2)]
    for node, level in sorted(depth.items()):
        columns[level].append(node)
    columns[-1] = [method.id for method in context.view.methods]
    return [column for column in columns if column]


def _parents(context: Context, record_id: str) -> list[str]:
    if context.kind(record_id) == "method":
        return [a.category for a in context.view.method(record_id).categories]
    return list(context.view.category(record_id).parents)


def _facets(context: Context, record_id: str) -> tuple[tuple[str, str], ...]:
    """Scenarios, problems and years of the papers behind a node, for the page's filters."""
    if context.kind(record_id) == "method":
        paper_ids = tuple(paper.id for paper in context.proposers_of(record_id))
    else:
        paper_ids = tuple(paper.id for paper in context.view.under(record_id).papers)
    scenarios: set[str] = set()
    problems: set[str] = set()
    years: set[int] = set()
    for paper_id in paper_ids:
        paper_scenarios, paper_problems, paper_years = context.paper_facets(paper_id)
        scenarios |= paper_scenarios
        problems |= paper_problems
        years |= paper_years
    return (
        ("scenarios", " ".join(sorted(scenarios))),
        ("problems", " ".join(sorted(problems))),
        ("years", " ".join(str(year) for year in sorted(years))),
    )


def _order(context: Context, columns: list[list[str]]) -> list[list[str]]:
    """Left to right, each column sorted by the mean row of its parents (ties by id)."""
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


def _rows(context: Context, columns: list[list[str]]) -> dict[str, float]:
    """Right to left, keeping each column's order: a node is centred on its children, or
    pushed down until it clears the node above it, so nothing overlaps."""
    y: dict[str, float] = {}
    children: dict[str, list[str]] = {}
    for column in columns:
        for record_id in column:
            for parent in _parents(context, record_id):
                children.setdefault(parent, []).append(record_id)
    for column in reversed(columns):
        next_free = float(MARGIN)
        for record_id in column:
            below = [y[child] for child in children.get(record_id, []) if child in y]
            centre = sum(below) / len(below) if below else next_free
            y[record_id] = max(centre, next_free)
            next_free = y[record_id] + ROW_PITCH
    return y


def layout(context: Context, from_page: str) -> tuple[list[PlacedNode], list[tuple[str, str]]]:
    """Every category and method placed, and the (parent, child) edges between them."""
    columns = _order(context, _columns(context))
    rows = _rows(context, columns)
    placed: list[PlacedNode] = []
    x = float(MARGIN)
    for column in columns:
        widest = 0.0
        for record_id in column:
            kind = context.kind(record_id)
            if kind == "category" and record_id in context.families:
                kind = "family"
            node = PlacedNode(
                record_id=record_id,
                kind=kind,
                label=truncate(context.label(record_id)),
                title=context.name(record_id),
                href=href(from_page, context.path(record_id)),
                x=x,
                y=rows[record_id],
                data=_facets(context, record_id),
            )
            placed.append(node)
            widest = max(widest, node.width)
        x += widest + COLUMN_GAP
    edges = sorted(
        (parent, node.record_id) for node in placed for parent in _parents(context, node.record_id)
    )
    return placed, edges


def _filter_form(context: Context) -> Markup:
    catalog = context.view
    years = sorted({paper.year for paper in catalog.papers})

    def select(name: str, label: str, options: list[tuple[str, str]]) -> Markup:
        items = join(html('<option value="{}">{}</option>', v, t) for v, t in options)
        return html(
            '<label>{label} <select name="{name}"><option value="">any</option>{items}</select>'
            "</label>",
            label=label,
            name=name,
            items=items,
        )

    return html(
        '<form class="cls-graph-controls" hidden>{}{}{}'
        '<span class="cls-zoom"><button type="button" data-zoom="in" aria-label="Zoom in">+'
        '</button><button type="button" data-zoom="out" aria-label="Zoom out">\u2212</button>'
        '<button type="button" data-zoom="reset">Reset</button></span></form>',
        select("scenarios", "Scenario", [(s.id, s.name) for s in catalog.scenarios]),
        select("problems", "Problem", [(p.id, p.name) for p in catalog.problems]),
        select("years", "Year", [(str(year), str(year)) for year in years]),
    )


def render_taxonomy_graph(context: Context) -> dict[str, str]:
    nodes, edges = layout(context, GRAPH)
    by_id = {node.record_id: node for node in nodes}
    width = max((node.right for node in nodes), default=0.0) + MARGIN
    height = max((node.y for node in nodes), default=0.0) + NODE_HEIGHT + MARGIN
    svg = svg_document(
        width,
        height,
        label="Taxonomy of continual-learning methods: families, sub-categories and methods",
        edges=[edge_path(by_id[a], by_id[b], "is-a") for a, b in edges],
        nodes=[node_svg(node) for node in nodes],
        css_class="cls-graph cls-graph--taxonomy",
    )
    categories = len(context.view.categories)
    intro = html(
        "<h1>Taxonomy graph</h1><p>{families} families, {categories} categories and "
        "{methods} methods, left to right. Every box is a link. Hover or focus a box to "
        "highlight its neighbours; zoom with the buttons (or Ctrl + scroll) and drag to pan; "
        "the filters dim what no paper of that scenario, problem or year supports.</p>",
        families=len(context.families),
        categories=categories - len(context.families),
        methods=len(context.view.methods),
    )
    legend = Markup(
        '<p class="cls-legend"><span class="cls-key cls-key--family">family</span>'
        '<span class="cls-key cls-key--category">sub-category</span>'
        '<span class="cls-key cls-key--method">method</span></p>'
    )
    body = join(
        [
            intro,
            _filter_form(context),
            legend,
            html('<div class="cls-graph-frame">{}</div>', svg),
        ]
    )
    meta = {"title": "Taxonomy graph", "hide": ["navigation", "toc"]}
    return {GRAPH: markdown_page(meta, [html_block(body)])}
