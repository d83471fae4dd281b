"""Pieces several page families share: breadcrumbs, facet lists, paper lists and tags."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, TypeVar

from cl_survey.render._citation import coins
from cl_survey.render._downloads import download_control
from cl_survey.render._html import Markup, chips, html, join, link, text
from cl_survey.render._urls import GRAPH, PAPER_INDEX, href

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from cl_survey.records import Paper
    from cl_survey.render._context import Context

__all__ = [
    "breadcrumbs",
    "facet_list",
    "graph_link",
    "page_names",
    "pager",
    "paper_list",
    "split_pages",
]

LISTED_AUTHORS = 3  # more than this many and a list shows "First et al."
LISTED_PAPERS = 100  # a page lists this many of a facet's papers and links to the rest
Item = TypeVar("Item")


def page_names(first: str, items: int, per_page: int) -> tuple[str, ...]:
    """The pages a list of `items` takes at `per_page` each: `first` (e.g. methods.md), then
    methods-2.md, methods-3.md, ... (at least `first`, even for no items)."""
    stem, extension = posixpath.splitext(first)
    count = max(1, -(-items // per_page))
    return (first, *(f"{stem}-{number}{extension}" for number in range(2, count + 1)))


def split_pages(
    first: str, items: Sequence[Item], per_page: int
) -> list[tuple[str, Sequence[Item]]]:
    """`items` cut into pages of `per_page`, each with its page path (see page_names)."""
    names = page_names(first, len(items), per_page)
    return [(name, items[i * per_page : (i + 1) * per_page]) for i, name in enumerate(names)]


def pager(page: str, pages: Sequence[str]) -> Markup:
    """A "Page 2 of 5" line and a link to every page of a list split over `pages`; nothing
    when it fits on one."""
    if len(pages) <= 1:
        return Markup("")
    current = pages.index(page)
    links = join(
        html('<li><span aria-current="page">{}</span></li>', number)
        if index == current
        else html("<li>{}</li>", link(href(page, other), str(number)))
        for index, (number, other) in enumerate(enumerate(pages, start=1))
    )
    return html(
        '<nav class="cls-pager" aria-label="Pages"><p>Page {} of {}</p><ul>{}</ul></nav>',
        current + 1,
        len(pages),
        links,
    )


def breadcrumbs(context: Context, page: str, paths: Iterable[Sequence[str]]) -> Markup:
    """Each taxonomy path as "Family > Sub-category", every step a link."""
    trails = [
        join((context.ref(page, step, text(context.name(step))) for step in path), " \u203a ")
        for path in paths
    ]
    if not trails:
        return Markup("")
    return html(
        '<nav class="cls-breadcrumbs" aria-label="Taxonomy">{}</nav>',
        join(html("<div>{}</div>", trail) for trail in trails),
    )


def graph_link(page: str, record_id: str) -> Markup:
    """A link to the taxonomy graph that marks this record's node there."""
    target = href(page, GRAPH) + f"?focus={record_id}"
    return html('<p class="cls-graph-link">{}</p>', link(target, "See it in the taxonomy graph"))


def facet_list(context: Context, page: str, facets: Sequence[tuple[str, Sequence[str]]]) -> Markup:
    """A definition list of linked facet values; facets without values are left out."""
    rows = [
        html(
            "<dt>{}</dt><dd>{}</dd>",
            label,
            chips(context.ref(page, v, text(context.name(v))) for v in values),
        )
        for label, values in facets
        if values
    ]
    return html('<dl class="cls-facets">{}</dl>', join(rows)) if rows else Markup("")


def paper_list(
    context: Context,
    page: str,
    papers: Iterable[Paper],
    *,
    everything: str | None = None,
    limit: int = LISTED_PAPERS,
) -> Markup:
    """Papers as "Title — Authors, Venue Year" list items, newest first. With `everything`,
    the paper index's query that lists the same papers, a list longer than `limit` shows its
    newest and links to the index for the rest, so no page grows with the catalog."""
    ordered = sorted(papers, key=lambda paper: (-paper.year, paper.id))
    if not ordered:
        return Markup('<p class="cls-empty">No papers in the catalog yet.</p>')
    shown = ordered if everything is None else ordered[:limit]
    items = join(
        html(
            '<li>{}{} <span class="cls-meta">{} \u00b7 {} {}</span></li>',
            context.ref(page, paper.id, text(paper.title)),
            coins(paper),
            _authors(context, page, paper),
            text(paper.venue.name),
            paper.year,
        )
        for paper in shown
    )
    listing = html('<ul class="cls-papers">{}</ul>', items)
    if len(shown) == len(ordered):
        return listing
    rest = html(
        '<p class="cls-more-papers">The newest {} of {} papers. {}</p>',
        len(shown),
        len(ordered),
        link(href(page, PAPER_INDEX) + f"?{everything}", f"All {len(ordered)} in the paper index"),
    )
    return join([listing, rest])


def downloadable_paper_list(
    context: Context, page: str, papers: Iterable[Paper], *, everything: str | None = None
) -> Markup:
    """`paper_list` with a control that downloads the listed papers (all of them, when the
    list shows only the newest) as BibTeX, CSL-JSON or RIS."""
    listed = list(papers)
    shown = paper_list(context, page, listed, everything=everything)
    if not listed:
        return shown
    return join([shown, download_control(page, (paper.id for paper in listed))])


def _authors(context: Context, page: str, paper: Paper) -> Markup:
    """The authors, each linked to their page; the first alone and "et al." for many."""
    from cl_survey.render._authors import author_link  # noqa: PLC0415  # _authors imports this

    names = paper.authors if len(paper.authors) <= LISTED_AUTHORS else paper.authors[:1]
    linked = join(
        (author_link(context, page, paper.id, i, name) for i, name in enumerate(names)), ", "
    )
    return linked if len(names) == len(paper.authors) else html("{} et al.", linked)
