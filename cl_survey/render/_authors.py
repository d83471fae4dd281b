"""Author pages: one per person, with their papers by year, co-authors and venues.

    authors.md          every author, with their number of papers
    authors/<id>.md     one person: papers newest first, co-authors by frequency, venues

Author pages are left out of the site search (the index would grow with every name); the
search finds authors on the papers' own pages.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from cl_survey.records import Paper, Person
from cl_survey.render._common import page_names, pager, paper_list, split_pages
from cl_survey.render._downloads import download_control
from cl_survey.render._html import Markup, chips, html, html_block, join, link, markdown_page, text
from cl_survey.render._reads import KIND_NOTES, author_note
from cl_survey.render._urls import PAPER_INDEX, href

if TYPE_CHECKING:
    from cl_survey.catalog import Catalog
    from cl_survey.render._context import Context

__all__ = [
    "AUTHORS",
    "author_index_pages",
    "author_link",
    "author_path",
    "render_author",
    "render_author_index",
]

AUTHORS = "authors.md"
AUTHORS_PER_PAGE = 2000
_DIRECTORY = "authors"


def author_path(author_id: str) -> str:
    return f"{_DIRECTORY}/{author_id}.md"


def author_link(context: Context, page: str, paper_id: str, position: int, name: str) -> Markup:
    """A paper's `position`-th author, linked to their page."""
    # Which page a name links to depends on the people vocabulary (aliases, homonyms).
    context.view.note(KIND_NOTES[Person])
    author_id = context.catalog.authorship.by_paper[paper_id][position]
    return link(href(page, author_path(author_id)), text(name))


def render_author_index(context: Context) -> dict[str, str]:
    # The index lists every person with a count of papers: any paper edit can change it.
    context.view.note(KIND_NOTES[Paper], KIND_NOTES[Person])
    return _index(context)


def author_index_pages(catalog: Catalog) -> tuple[str, ...]:
    """The pages of the authors index (for the page plan)."""
    return page_names(AUTHORS, len(catalog.authorship.authors), AUTHORS_PER_PAGE)


def render_author(context: Context, author_id: str) -> dict[str, str]:
    """One person's page. It reads the people vocabulary, their papers, and which papers are
    theirs and how each co-author's name is shown (both change only with an edit to a paper
    of that person: `author_note`)."""
    context.view.note(KIND_NOTES[Person])
    authorship = context.catalog.authorship
    author = authorship.authors[author_id]
    page = author_path(author.id)
    papers = [context.view.paper(paper_id) for paper_id in author.papers]
    coauthors = authorship.coauthors(author.id)
    context.view.note(author_note(author.id), *(author_note(other) for other, _ in coauthors))
    venues = Counter(paper.venue.name for paper in papers)
    sections = [
        html_block(
            html(
                "<h1>{}</h1><p>{} in the catalog. {}</p>",
                text(author.name),
                f"{len(papers)} paper" + ("" if len(papers) == 1 else "s"),
                link(
                    href(page, PAPER_INDEX) + f"?author={author.id}",
                    "Filter the paper index to them",
                ),
            )
        ),
        html_block(download_control(page, author.papers)),
    ]
    for year, group in groupby(papers, key=lambda paper: paper.year):
        sections += [f"## {year}", html_block(paper_list(context, page, group))]
    if coauthors:
        shown = chips(
            html(
                "{} <span class='cls-meta'>{}</span>",
                link(href(page, author_path(other)), text(authorship.authors[other].name)),
                count,
            )
            for other, count in coauthors
        )
        sections += ["## Co-authors", html_block(shown)]
    venue_chips = chips(
        html("{} <span class='cls-meta'>{}</span>", text(venue), count)
        for venue, count in sorted(venues.items(), key=lambda item: (-item[1], item[0]))
    )
    sections += ["## Venues", html_block(venue_chips)]
    # Material prints the title unescaped: page_meta stores it escaped.
    meta = {"title": str(text(author.name)), "search": {"exclude": True}}
    return {page: markdown_page(meta, sections)}


def _index(context: Context) -> dict[str, str]:
    authors = sorted(
        context.catalog.authorship.authors.values(),
        key=lambda author: (author.name.split()[-1].casefold(), author.name.casefold()),
    )
    split = split_pages(AUTHORS, authors, AUTHORS_PER_PAGE)
    names = [name for name, _ in split]
    pages = {}
    for page, part in split:
        items = join(
            html(
                "<li>{} <span class='cls-meta'>{}</span></li>",
                link(href(page, author_path(author.id)), text(author.name)),
                len(author.papers),
            )
            for author in part
        )
        body = html(
            "<h1>Authors</h1><p>{} people wrote the catalog's papers; each has a page.</p>{}"
            "<ul class='cls-authors-index'>{}</ul>{}",
            len(authors),
            pager(page, names),
            items,
            pager(page, names),
        )
        pages[page] = markdown_page({"title": "Authors", "hide": ["toc"]}, [html_block(body)])
    return pages
