"""The comparison matrix (methods x scenarios and properties) and the gap matrix
(taxonomy leaf x scenario), whose cells link to the papers behind them."""

from __future__ import annotations

from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING

from cl_survey.render._common import page_names, pager, split_pages
from cl_survey.render._html import (
    Markup,
    chips,
    html,
    html_block,
    join,
    link,
    markdown_page,
    text,
)
from cl_survey.render._urls import COMPARISON, GAPS, PAPER_INDEX, href

if TYPE_CHECKING:
    from cl_survey.catalog import Catalog
    from cl_survey.render._context import Context

__all__ = ["comparison_pages", "render_comparison", "render_gaps"]

COMPARISON_ROWS = 500  # method rows per page of the comparison matrix
GAP_CELL_PAPERS = 3  # papers named in a gap-matrix cell; the paper index lists them all


def _scenario_headers(context: Context, page: str) -> Markup:
    return join(
        html('<th class="cls-rotate"><span>{}</span></th>', context.ref(page, s.id, text(s.name)))
        for s in context.view.scenarios
    )


def _method_row(context: Context, page: str, method_id: str) -> Markup:
    catalog = context.view
    method = catalog.method(method_id)
    papers = list(context.proposers_of(method_id))
    studied = {s for paper in papers for s in paper.scenarios}
    problems = sorted({p for paper in papers for p in paper.problems})
    year = min((paper.year for paper in papers), default=None)
    cells = join(
        html('<td class="cls-mark" title="{}">{}</td>', s.name, "\u2713" if s.id in studied else "")
        for s in catalog.scenarios
    )
    return html(
        "<tr><th>{}</th><td>{}</td>{}<td>{}</td></tr>",
        context.ref(page, method_id, text(method.acronym or method.name)),
        year or "",
        cells,
        chips(context.ref(page, p, text(context.name(p))) for p in problems),
    )


def _families(catalog: Catalog) -> list[str]:
    taxonomy = catalog.taxonomy
    return sorted(node for node in taxonomy if taxonomy.in_degree(node) == 0)


def comparison_pages(catalog: Catalog) -> tuple[str, ...]:
    """The pages of the comparison matrix (for the page plan): one row per method and family."""
    rows = sum(len(catalog.under(family).methods) for family in _families(catalog))
    return page_names(COMPARISON, rows, COMPARISON_ROWS)


def render_comparison(context: Context) -> dict[str, str]:
    catalog = context.view
    columns = len(catalog.scenarios) + 3
    # Grouped by family; a method in two families is listed in both.
    entries = [
        (family, method_id)
        for family in context.families
        for method_id in sorted(
            (m.id for m in catalog.under(family).methods),
            key=lambda method_id: context.label(method_id).casefold(),
        )
    ]
    split = split_pages(COMPARISON, entries, COMPARISON_ROWS)
    names = [name for name, _ in split]
    pages = {}
    for page, part in split:
        rows = []
        for family, members in groupby(part, key=lambda entry: entry[0]):
            rows.append(
                html(
                    '<tr class="cls-group"><th colspan="{}">{}</th></tr>',
                    columns,
                    context.ref(page, family, text(context.name(family))),
                )
            )
            rows.extend(
                context.part(f"{page}#{method_id}", partial(_method_row, context, page, method_id))
                for _, method_id in members
            )
        body = html(
            "<h1>Comparison matrix</h1><p>Each method, by family, against the scenarios its "
            "papers study (\u2713), with the year it first appeared and the problems it "
            "addresses.</p>{}"
            '<div class="cls-scroll cls-matrix"><table><thead><tr><th>Method</th>'
            "<th>Year</th>{}<th>Problems</th></tr></thead><tbody>{}</tbody></table></div>{}",
            pager(page, names),
            _scenario_headers(context, page),
            join(rows),
            pager(page, names),
        )
        meta = {"title": "Comparison matrix", "hide": ["navigation", "toc"]}
        pages[page] = markdown_page(meta, [html_block(body)])
    return pages


def render_gaps(context: Context) -> dict[str, str]:
    catalog = context.view
    page = GAPS
    matrix = catalog.gap_matrix()
    rows = []
    for leaf in matrix.leaves:
        cells = []
        for scenario in matrix.scenarios:
            papers = matrix.papers(leaf, scenario)
            if papers:
                links = join(context.refs(page, papers[:GAP_CELL_PAPERS]), "<br>")
                if len(papers) > GAP_CELL_PAPERS:
                    everything = href(page, PAPER_INDEX) + f"?category={leaf}&scenario={scenario}"
                    more = link(everything, f"all {len(papers)}")
                    links = join([links, html("<br>{}", more)])
                cells.append(html('<td class="cls-filled">{}</td>', links))
            else:
                cells.append(Markup('<td class="cls-gap" title="no paper yet">\u00b7</td>'))
        rows.append(
            html(
                "<tr><th>{}</th>{}</tr>",
                context.ref(page, leaf, text(context.name(leaf))),
                join(cells),
            )
        )
    gaps = len(matrix.gaps())
    total = len(matrix.leaves) * len(matrix.scenarios)
    body = html(
        "<h1>Gap matrix</h1><p>Taxonomy leaves against scenarios. A cell lists the papers "
        "that study the scenario with a method of that leaf; {} of {} cells are empty: "
        "places where the field (or this catalog) has not looked yet.</p>"
        '<div class="cls-scroll cls-matrix cls-gaps"><table><thead><tr>'
        "<th>Category</th>{}</tr></thead><tbody>{}</tbody></table></div>",
        gaps,
        total,
        _scenario_headers(context, page),
        join(rows),
    )
    meta = {"title": "Gap matrix", "hide": ["navigation", "toc"]}
    return {GAPS: markdown_page(meta, [html_block(body)])}
