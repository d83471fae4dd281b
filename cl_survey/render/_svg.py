"""SVG drawing shared by the taxonomy graph and the neighbourhood graphs.

Text width is estimated from character counts (wide for CJK), which is enough to keep
labels apart without a font engine; every node is an <a> so the graph works with
JavaScript off.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cl_survey.render._html import Markup, html, join

__all__ = [
    "FONT_SIZE",
    "NODE_HEIGHT",
    "PlacedNode",
    "edge_path",
    "label_width",
    "node_svg",
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
