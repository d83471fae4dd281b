"""Pieces several page families share: breadcrumbs, facet lists, paper lists and tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._citation import coins
from cl_survey.render._downloads import download_control
from cl_survey.render._html import Markup, chips, html, join, link, text
from cl_survey.render._urls import GRAPH, href

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from cl_survey.records import Paper
    from cl_survey.render._context import Context

__all__ = ["breadcrumbs", "facet_list", "graph_link", "paper_list", "tags_of"]

LISTED_AUTHORS = 3  # more than this many and a list shows "First et al."


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


def paper_list(context: Context, page: str, papers: Iterable[Paper]) -> Markup:
    """Papers as "Title — Authors, Venue Year" list items, newest first."""
    ordered = sorted(papers, key=lambda paper: (-paper.year, paper.id))
    if not ordered:
        return Markup('<p class="cls-empty">No papers in the catalog yet.</p>')
    items = join(
        html(
            '<li>{}{} <span class="cls-meta">{} \u00b7 {} {}</span></li>',
            context.ref(page, paper.id, text(paper.title)),
            coins(paper),
            _authors(context, page, paper),
            text(paper.venue.name),
            paper.year,
        )
        for paper in ordered
    )
    return html('<ul class="cls-papers">{}</ul>', items)


def downloadable_paper_list(context: Context, page: str, papers: Iterable[Paper]) -> Markup:
    """`paper_list` with a control that downloads the listed papers as BibTeX, CSL-JSON or RIS."""
    listed = list(papers)
    if not listed:
        return paper_list(context, page, listed)
    control = download_control(page, (paper.id for paper in listed))
    return join([paper_list(context, page, listed), control])


def _authors(context: Context, page: str, paper: Paper) -> Markup:
    """The authors, each linked to their page; the first alone and "et al." for many."""
    from cl_survey.render._authors import author_link  # noqa: PLC0415  # _authors imports this

    names = paper.authors if len(paper.authors) <= LISTED_AUTHORS else paper.authors[:1]
    linked = join(
        (author_link(context, page, paper.id, i, name) for i, name in enumerate(names)), ", "
    )
    return linked if len(names) == len(paper.authors) else html("{} et al.", linked)


def tags_of(context: Context, category_ids: Iterable[str]) -> list[str]:
    """Tags for a page: the names of its categories and their families (see tags_allowed)."""
    names = set()
    for category_id in category_ids:
        names.add(context.name(category_id))
        names.update(context.name(a) for a in context.view.ancestors(category_id))
    return sorted(str(text(name)) for name in names)
