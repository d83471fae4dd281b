"""The taxonomy graph page: families -> sub-categories -> methods, laid out at build time.

Layered columns: a category sits in the column of its longest path from a root family,
methods in the last column. Each column is ordered to cross few edges (barycentre sweeps
with neighbour swaps, from several starting orders: `_order`), then nodes are placed top to
bottom in that order, each centred on its children or pushed down until it clears the node
above, so boxes never overlap. Everything is deterministic (a fixed shuffling seed, ties in
a fixed order), so the SVG is stable for golden tests.
"""

from __future__ import annotations

import bisect
import functools
import random
from collections import defaultdict
from functools import partial
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

__all__ = ["crossings", "layout", "render_taxonomy_graph"]

ROW_PITCH = NODE_HEIGHT + 6
METHODS_PER_CATEGORY = 50
COLUMN_GAP = 70
MARGIN = 12


def shown_methods(context: Context) -> list[str]:
    """The methods drawn: at most METHODS_PER_CATEGORY in each category, the earliest first,
    so that the graph stays readable (and its page small) however large the catalog grows."""

    def first_year(method_id: str) -> int:
        return min((paper.year for paper in context.proposers_of(method_id)), default=9999)

    methods = context.view.methods
    by_category: dict[str, list[str]] = defaultdict(list)
    for method in sorted(methods, key=lambda m: (first_year(m.id), m.id)):
        for assignment in method.categories:
            by_category[assignment.category].append(method.id)
    shown = {m for members in by_category.values() for m in members[:METHODS_PER_CATEGORY]}
    return [method.id for method in methods if method.id in shown]


def _columns(context: Context) -> list[list[str]]:
    taxonomy = context.view.taxonomy
    depth: dict[str, int] = {}
    for node in nx.topological_sort(taxonomy):
        parents = list(taxonomy.predecessors(node))
        depth[node] = 1 + max(depth[parent] for parent in parents) if parents else 0
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 2)]
    for node, level in sorted(depth.items()):
        columns[level].append(node)
    columns[-1] = shown_methods(context)
    return [column for column in columns if column]


def _parents(context: Context, record_id: str) -> list[str]:
    if context.kind(record_id) == "method":
        return [a.category for a in context.view.method(record_id).categories]
    return list(context.view.category(record_id).parents)


def _facets(context: Context, record_id: str) -> tuple[tuple[str, str], ...]:
    """The families a node descends from, and the scenarios, problems and years of the papers
    behind it, for the page's controls."""
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
        ("families", " ".join(context.families_of(record_id))),
        ("scenarios", " ".join(sorted(scenarios))),
        ("problems", " ".join(sorted(problems))),
        ("years", " ".join(str(year) for year in sorted(years))),
    )


SWEEPS = 8
TRANSPOSE_PASSES = 4
# Orders tried: the id order, then shuffles of every column but the methods'. A large graph
# gets fewer (each costs time in proportion to its size), never fewer than two.
RESTART_BUDGET = 6000
MOST_RESTARTS = 24


def _order(context: Context, columns: list[list[str]]) -> list[list[str]]:
    """Each column ordered to cross few edges: the barycentre heuristic of layered (Sugiyama)
    drawing. Sweeps alternate left to right, sorting a column by the mean position of each
    node's parents, and right to left, by the mean position of its children; the order with
    the fewest crossings seen is kept. A position is a rank divided by its column's length,
    because an edge may skip columns (methods sit in the last one, whatever their category's
    depth) and columns differ in length. Ties keep the previous order, then go by id, so the
    layout is deterministic."""
    parents = {node: _parents(context, node) for column in columns for node in column}
    frozen = tuple(tuple(column) for column in columns)
    edges = tuple((node, tuple(node_parents)) for node, node_parents in parents.items())
    return [list(column) for column in _ordered(frozen, edges)]


@functools.lru_cache(maxsize=4)
def _ordered(
    columns: tuple[tuple[str, ...], ...], edges: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[tuple[str, ...], ...]:
    """`_order`'s work, kept for the last few graphs: it depends on the taxonomy and the
    methods drawn only, and serve renders the page again after any paper's edit (its filters
    read every paper), when it took seconds."""
    parents = {node: list(node_parents) for node, node_parents in edges}
    children: dict[str, list[str]] = {node: [] for node in parents}
    for node, node_parents in parents.items():
        for parent in node_parents:
            children[parent].append(node)
    best = [sorted(column) for column in columns]
    fewest = _crossings(best, parents)
    shuffler = random.Random(0)  # noqa: S311 (a fixed seed: one catalog, one drawing)
    nodes = sum(len(column) for column in columns)
    restarts = max(2, min(MOST_RESTARTS, RESTART_BUDGET // max(nodes, 1)))
    for start in range(restarts):
        ordered = [list(column) for column in best]
        if start:
            for column in ordered[:-1]:
                shuffler.shuffle(column)
        for sweep in range(SWEEPS):
            neighbours = parents if sweep % 2 == 0 else children
            last = len(ordered) - 1
            sequence = range(1, last + 1) if sweep % 2 == 0 else range(last - 1, -1, -1)
            for index in sequence:
                key = partial(_barycentre, place=_places(ordered), neighbours=neighbours)
                ordered[index] = sorted(ordered[index], key=key)
            ordered = _transpose(ordered, parents, children)
            crossings = _crossings(ordered, parents)
            if crossings < fewest:
                best, fewest = [list(column) for column in ordered], crossings
    return tuple(tuple(column) for column in best)


def _transpose(
    columns: list[list[str]], parents: dict[str, list[str]], children: dict[str, list[str]]
) -> list[list[str]]:
    """Swap neighbours in a column while a swap removes crossings (the refinement Graphviz's
    dot runs after each sweep); a swap changes only the crossings between the two nodes' own
    edges, so that is all it weighs. A node moves one place per pass, and passes are capped,
    so a large catalog's graph is not bubble-sorted."""
    column_of = {node: index for index, column in enumerate(columns) for node in column}
    improved, passes = True, 0
    while improved and passes < TRANSPOSE_PASSES:
        improved, passes = False, passes + 1
        rank = {node: rank for column in columns for rank, node in enumerate(column)}
        for column in columns:
            # A node's neighbours are in other columns, so their ranks hold during this loop.
            ends: dict[str, dict[int, list[int]]] = {}
            for node in column:
                by_column: dict[int, list[int]] = {}
                for neighbour in (*parents[node], *children[node]):
                    by_column.setdefault(column_of[neighbour], []).append(rank[neighbour])
                ends[node] = {key: sorted(ranks) for key, ranks in by_column.items()}
            for index in range(len(column) - 1):
                upper, lower = column[index], column[index + 1]
                if _swap_gain(ends[upper], ends[lower]) > 0:
                    column[index], column[index + 1] = lower, upper
                    improved = True
    return columns


def _swap_gain(upper: dict[int, list[int]], lower: dict[int, list[int]]) -> int:
    """Crossings that swapping two neighbours in a column would remove, less those it would
    add. Only edges ending in the same column can cross; each node's edge ends come sorted."""
    gain = 0
    for column, upper_ends in upper.items():
        lower_ends = lower.get(column)
        if lower_ends:
            for end in upper_ends:
                below = bisect.bisect_left(lower_ends, end)
                above = len(lower_ends) - bisect.bisect_right(lower_ends, end)
                gain += below - above
    return gain


def _barycentre(
    node: str, *, place: dict[str, float], neighbours: dict[str, list[str]]
) -> tuple[float, float]:
    """Where a node wants to be: the mean place of its neighbours (its own if it has none),
    ties kept in the present order."""
    known = [place[n] for n in neighbours[node]]
    return (sum(known) / len(known) if known else place[node], place[node])


def _places(columns: list[list[str]]) -> dict[str, float]:
    return {
        node: (rank + 0.5) / len(column) for column in columns for rank, node in enumerate(column)
    }


def crossings(context: Context, columns: list[list[str]]) -> int:
    """Edge crossings of a layout's columns (see `_crossings`): what `_order` minimises."""
    return _crossings(columns, {n: _parents(context, n) for column in columns for n in column})


def _crossings(columns: list[list[str]], parents: dict[str, list[str]]) -> int:
    """Pairs of edges that cross: two edges between the same two columns whose ends come in
    opposite orders. Edges between different pairs of columns are not compared."""
    column_of = {node: index for index, column in enumerate(columns) for node in column}
    rank = {node: rank for column in columns for rank, node in enumerate(column)}
    between: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node, node_parents in parents.items():
        for parent in node_parents:
            span = (column_of[parent], column_of[node])
            between.setdefault(span, []).append((rank[parent], rank[node]))
    total = 0
    for edges in between.values():
        edges.sort()
        total += _inversions([child for _parent, child in edges])
    return total


def _inversions(children: list[int]) -> int:
    """Pairs i < j with children[i] > children[j]. The edges come sorted by parent, then by
    child, so two edges of one parent (which meet there and do not cross) are never counted."""
    seen: list[int] = []
    count = 0
    for child in children:
        count += len(seen) - bisect.bisect_right(seen, child)
        bisect.insort(seen, child)
    return count


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
                # A part: after a paper's edit, only the nodes that paper is behind change.
                data=context.part(
                    f"{from_page}#facets:{record_id}", partial(_facets, context, record_id)
                ),
            )
            placed.append(node)
            widest = max(widest, node.width)
        x += widest + COLUMN_GAP
    edges = sorted(
        (parent, node.record_id) for node in placed for parent in _parents(context, node.record_id)
    )
    return placed, edges


def _filter_form(context: Context, methods: list[str]) -> Markup:
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

    families = join(
        html(
            '<label><input type="checkbox" name="family" value="{}" checked> {}</label>',
            family,
            context.name(family),
        )
        for family in context.families
    )
    boxes = sorted(
        (context.label(record_id), record_id)
        for record_id in (*(c.id for c in catalog.categories), *methods)
    )
    names = join(html('<option value="{}" data-id="{}"></option>', *box) for box in boxes)
    return html(
        '<form class="cls-graph-controls" hidden>'
        '<label>Find a box <input type="search" name="find" list="cls-graph-names" '
        'autocomplete="off" placeholder="method or category"></label>'
        '<datalist id="cls-graph-names">{names}</datalist>{}{}{}'
        '<span class="cls-zoom"><button type="button" data-zoom="in" aria-label="Zoom in">+'
        '</button><button type="button" data-zoom="out" aria-label="Zoom out">\u2212</button>'
        '<button type="button" data-zoom="reset">Reset</button></span>'
        '<fieldset class="cls-families"><legend>Families shown (unticked: its sub-categories '
        "and methods are folded away)</legend>{families}</fieldset></form>",
        select("scenarios", "Scenario", [(s.id, s.name) for s in catalog.scenarios]),
        select("problems", "Problem", [(p.id, p.name) for p in catalog.problems]),
        select("years", "Year", [(str(year), str(year)) for year in years]),
        names=names,
        families=families,
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
    methods = [node.record_id for node in nodes if node.kind == "method"]
    everything = len(context.view.methods)
    some = (
        html(
            " ({} of {}: at most {} in a category, the earliest first; each category's page "
            "lists them all)",
            len(methods),
            everything,
            METHODS_PER_CATEGORY,
        )
        if len(methods) < everything
        else ""
    )
    intro = html(
        "<h1>Taxonomy graph</h1><p>{families} families, {categories} categories and "
        "{methods} methods{some}, left to right. Every box is a link. Hover or focus a box to "
        "highlight its neighbours; zoom with the buttons (or Ctrl + scroll) and drag to pan; "
        "the filters dim what no paper of that scenario, problem or year supports; find a box by "
        "name, or fold a family away.</p>",
        families=len(context.families),
        categories=categories - len(context.families),
        methods=len(methods),
        some=some,
    )
    legend = Markup(
        '<p class="cls-legend"><span class="cls-key cls-key--family">family</span>'
        '<span class="cls-key cls-key--category">sub-category</span>'
        '<span class="cls-key cls-key--method">method</span></p>'
    )
    body = join(
        [
            intro,
            _filter_form(context, methods),
            legend,
            html('<div class="cls-graph-frame">{}</div>', svg),
        ]
    )
    meta = {"title": "Taxonomy graph", "hide": ["navigation", "toc"]}
    return {GRAPH: markdown_page(meta, [html_block(body)])}
