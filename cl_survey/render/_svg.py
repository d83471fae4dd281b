"""SVG drawing shared by the taxonomy graph and the neighbourhood graphs.

Text width is estimated from character counts (wide for CJK), which is enough to keep
labels apart without a font engine; every node is an <a> so the graph works with
JavaScript off.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cl_survey.render._html import Markup, html, join
from cl_survey.render._urls import href

__all__ = [
    "FONT_SIZE",
    "NODE_HEIGHT",
    "PlacedNode",
    "edge_path",
    "label_width",
    "node_svg",
    "scatter_chart",
    "svg_document",
    "truncate",
]

FONT_SIZE = 12
CHAR_WIDTH = 7.0  # average advance of a 12 px sans-serif Latin character
WIDE_CHAR_WIDTH = 12.0
NODE_HEIGHT = 22
NODE_PADDING = 10
LABEL_LIMIT = 34


def truncate(label: str, limit: int = LABEL_LIMIT) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def label_width(label: str) -> float:
    return sum(
        WIDE_CHAR_WIDTH if unicodedata.east_asian_width(char) in "WF" else CHAR_WIDTH
        for char in label
    )


@dataclass(frozen=True, slots=True)
class PlacedNode:
    """A node at its place: (x, y) is the top-left corner of its box."""

    record_id: str
    kind: str
    label: str
    title: str
    href: str
    x: float
    y: float
    data: tuple[tuple[str, str], ...] = ()
    css: str = ""

    @property
    def width(self) -> float:
        return label_width(self.label) + 2 * NODE_PADDING

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def middle(self) -> float:
        return self.y + NODE_HEIGHT / 2


def node_svg(node: PlacedNode) -> Markup:
    # xlink:href, not href: material's instant navigation rewrites every [href] element by
    # assigning el.href, which is read-only on SVG links and throws.
    attributes = join(html(' data-{}="{}"', name, value) for name, value in node.data)
    css = f"cls-node cls-node--{node.kind} {node.css}".strip()
    return html(
        '<a class="{css}" xlink:href="{href}" data-id="{id}"{data}>'
        "<title>{title}</title>"
        '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h}" rx="5"></rect>'
        '<text x="{tx:.1f}" y="{ty:.1f}">{label}</text></a>',
        css=css,
        href=node.href,
        id=node.record_id,
        data=attributes,
        title=node.title,
        x=node.x,
        y=node.y,
        w=node.width,
        h=NODE_HEIGHT,
        tx=node.x + NODE_PADDING,
        ty=node.y + NODE_HEIGHT / 2 + FONT_SIZE * 0.35,
        label=node.label,
    )


def edge_path(source: PlacedNode, target: PlacedNode, kind: str) -> Markup:
    """A curve from the right side of `source` to the left side of `target`."""
    x1, y1 = source.right, source.middle
    x2, y2 = target.x, target.middle
    bend = max((x2 - x1) / 2, 20)
    return html(
        '<path class="cls-edge cls-edge--{kind}" data-from="{a}" data-to="{b}" '
        'd="M{x1:.1f},{y1:.1f} C{c1:.1f},{y1:.1f} {c2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"></path>',
        kind=kind,
        a=source.record_id,
        b=target.record_id,
        x1=x1,
        y1=y1,
        c1=x1 + bend,
        c2=x2 - bend,
        x2=x2,
        y2=y2,
    )


def svg_document(
    width: float,
    height: float,
    *,
    label: str,
    edges: list[Markup],
    nodes: list[Markup],
    css_class: str,
) -> Markup:
    return html(
        '<svg class="{css}" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" role="img" aria-label="{label}" '
        'width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}">'
        '<g class="cls-edges">{edges}</g><g class="cls-nodes">{nodes}</g></svg>',
        css=css_class,
        label=label,
        w=width,
        h=height,
        edges=join(edges),
        nodes=join(nodes),
    )


# Chart marks: one colour per taxonomy family, told apart by shape too (not colour alone).
_CHART_WIDTH, _CHART_HEIGHT, _MARGIN = 640, 300, 48
_SHAPES = ("circle", "square", "diamond", "triangle", "cross", "star")


def scatter_chart(
    page: str,
    points: list[tuple[int, float, str, str, str]],
    *,
    title: str,
    y_label: str,
    legend: dict[str, str],
) -> Markup:
    """Points (year, value, group, description, target page) on year and value axes; each
    mark is a link with its description as a tooltip and accessible name."""
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    low_year, high_year = min(years) - 1, max(years) + 1
    low, high = min(values), max(values)
    low, high = (low - 1, high + 1) if low == high else (low, high)
    plot_w = _CHART_WIDTH - 2 * _MARGIN
    plot_h = _CHART_HEIGHT - 2 * _MARGIN
    groups = sorted({p[2] for p in points})

    def x(year: float) -> float:
        return _MARGIN + (year - low_year) / (high_year - low_year) * plot_w

    def y(value: float) -> float:
        return _MARGIN + (high - value) / (high - low) * plot_h

    ticks_x = join(
        html(
            '<text class="cls-tick" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>',
            x(year),
            _CHART_HEIGHT - _MARGIN + 16,
            year,
        )
        for year in range(low_year + 1, high_year)
    )
    ticks_y = join(
        html(
            '<text class="cls-tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{:g}</text>',
            _MARGIN - 6,
            y(value) + 4,
            round(value, 1),
        )
        for value in (low, (low + high) / 2, high)
    )
    marks = join(
        html(
            '<a class="cls-mark cls-mark--{shape}" data-group="{group}" xlink:href="{target}" '
            'aria-label="{desc}"><title>{desc}</title>{shape_svg}</a>',
            shape=_SHAPES[groups.index(group) % len(_SHAPES)],
            group=group,
            target=href(page, target),
            desc=desc,
            shape_svg=_shape(_SHAPES[groups.index(group) % len(_SHAPES)], x(year), y(value)),
        )
        for year, value, group, desc, target in points
    )
    axes = html(
        '<path class="cls-axis" d="M{m},{top} V{bottom} H{right}"></path>'
        '<text class="cls-axis-label" x="{mid}" y="{label_y}" text-anchor="middle">Year</text>'
        '<text class="cls-axis-label" x="12" y="{mid_y}" text-anchor="middle" '
        'transform="rotate(-90 12 {mid_y})">{y_label}</text>',
        m=_MARGIN,
        top=_MARGIN,
        bottom=_CHART_HEIGHT - _MARGIN,
        right=_CHART_WIDTH - _MARGIN,
        mid=_CHART_WIDTH / 2,
        label_y=_CHART_HEIGHT - 8,
        mid_y=_CHART_HEIGHT / 2,
        y_label=y_label,
    )
    keys = join(
        html(
            '<span class="cls-key cls-chart-key cls-mark--{}">{}</span>',
            _SHAPES[groups.index(group) % len(_SHAPES)],
            legend.get(group, "no family"),
        )
        for group in groups
    )
    svg = html(
        '<svg class="cls-chart" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" role="img" aria-label="{}" '
        'width="{}" height="{}" viewBox="0 0 {} {}">{}{}{}{}</svg>',
        title,
        _CHART_WIDTH,
        _CHART_HEIGHT,
        _CHART_WIDTH,
        _CHART_HEIGHT,
        axes,
        ticks_x,
        ticks_y,
        marks,
    )
    return html(
        '<figure class="cls-chart-figure"><div class="cls-scroll">{}</div>'
        '<figcaption>{} <span class="cls-legend">{}</span></figcaption></figure>',
        svg,
        title,
        keys,
    )


def _shape(shape: str, cx: float, cy: float) -> Markup:
    r = 5.0
    if shape == "circle":
        return html('<circle cx="{:.1f}" cy="{:.1f}" r="{}"></circle>', cx, cy, r)
    if shape == "square":
        return html(
            '<rect x="{:.1f}" y="{:.1f}" width="{}" height="{}"></rect>',
            cx - r,
            cy - r,
            2 * r,
            2 * r,
        )
    corners = {
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "cross": [
            (-r, -2),
            (-2, -2),
            (-2, -r),
            (2, -r),
            (2, -2),
            (r, -2),
            (r, 2),
            (2, 2),
            (2, r),
            (-2, r),
            (-2, 2),
            (-r, 2),
        ],
        "star": [
            (0, -r - 2),
            (2, -2),
            (r + 2, -1),
            (3, 2),
            (4, r + 2),
            (0, 4),
            (-4, r + 2),
            (-3, 2),
            (-r - 2, -1),
            (-2, -2),
        ],
    }[shape]
    path = " ".join(f"{cx + dx:.1f},{cy + dy:.1f}" for dx, dy in corners)
    return html('<polygon points="{}"></polygon>', path)
