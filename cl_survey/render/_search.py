"""Search documents: one small HTML file per record, which the search engine indexes.

The site's search (Pagefind, run by cl_survey.publish) reads these files instead of the built
pages: they hold only what a reader searches for (names, authors, venues, keywords, summaries,
method names) and the facets the search page filters on, so the index never carries the
navigation, the lists of the overview pages or the tables of a record's page. A document's
path is its page's output path, which is the URL its result links to.

    data-pagefind-body    what is indexed
    data-pagefind-meta    what a result shows (`kind`, `sub`), besides the <h1> title
    data-pagefind-filter  the facets: kind, year, family, scenario, application, venue
    data-pagefind-sort    year, for "newest first"
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from cl_survey.render._authors import author_path
from cl_survey.render._context import Context
from cl_survey.render._html import Markup, html, join, one_line, shorten
from cl_survey.render._urls import page_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from cl_survey.catalog import Catalog
    from cl_survey.records import Method, Paper

__all__ = ["FILTERS", "search_documents"]

# The facets, in the order the search page offers them; `kind` is the record kind's label.
FILTERS = ("kind", "year", "family", "scenario", "application", "venue")
_AUTHORS_SHOWN = 3
_SUB_LIMIT = 160


def search_documents(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(output path of the page, its search document) for every record and author page."""
    context = Context(catalog)
    for paper in catalog.papers:
        yield _document(page_path("paper", paper.id), _paper(context, paper))
    for method in catalog.methods:
        yield _document(page_path("method", method.id), _method(context, method))
    for kind, label, terms in (
        ("category", "Category", catalog.categories),
        ("scenario", "Scenario", catalog.scenarios),
        ("problem", "Problem", catalog.problems),
        ("benchmark", "Benchmark", catalog.benchmarks),
        ("application", "Application", catalog.applications),
        ("metric", "Metric", catalog.metrics),
    ):
        for term in terms:
            names = [term.name, *term.aliases]
            if term.name_zh:
                names.append(term.name_zh)
            body = html(
                "{}<p>{}</p>",
                _facets(kind=[label], family=_family_names(context, term.id, kind)),
                one_line(term.definition),
            )
            yield _document(page_path(kind, term.id), _body(names, label, "", body))
    for author in catalog.authorship.authors.values():
        count = f"{len(author.papers)} paper" + ("" if len(author.papers) == 1 else "s")
        body = _facets(kind=["Author"])
        yield _document(author_path(author.id), _body([author.name], "Author", count, body))


def _family_names(context: Context, record_id: str, kind: str) -> list[str]:
    if kind != "category":
        return []
    return [context.name(family) for family in context.families_of(record_id)]


def _paper(context: Context, paper: Paper) -> Markup:
    authors = list(paper.authors[:_AUTHORS_SHOWN])
    if len(paper.authors) > _AUTHORS_SHOWN:
        authors.append("et al.")
    sub = f"{', '.join(authors)} \u00b7 {paper.venue.name} {paper.year}"
    names = context.name
    body = html(
        "{facets}<p>{authors}</p><p>{venue}</p><p>{keywords}</p><p>{summary}</p>"
        "<p>{proposes}</p><p>{terms}</p><p>{ids}</p>",
        facets=_facets(
            kind=["Paper"],
            year=[str(paper.year)],
            family=[context.name(f) for f in context.families_of(paper.id)],
            scenario=[names(s) for s in paper.scenarios],
            application=[names(a) for a in paper.applications],
            venue=[paper.venue.name],
            sort_year=str(paper.year),
        ),
        authors=", ".join(paper.authors),
        venue=" ".join(dict.fromkeys(filter(None, (paper.venue.name, paper.venue.full_name)))),
        keywords=", ".join(paper.keywords),
        summary=one_line(paper.summary.en),
        proposes=", ".join(names(m) for m in paper.proposes),
        terms=", ".join(
            names(term) for term in (*(c.category for c in paper.categories), *paper.benchmarks)
        ),
        ids=" ".join(filter(None, (paper.id, paper.identifiers.arxiv, paper.identifiers.doi))),
    )
    return _body([paper.title], "Paper", shorten(sub, _SUB_LIMIT), body)


def _method(context: Context, method: Method) -> Markup:
    names = [method.name, *filter(None, (method.acronym,)), *method.aliases]
    proposers = context.proposers_of(method.id)
    years = sorted({str(paper.year) for paper in proposers})
    sub = "; ".join(f"{paper.title} ({paper.year})" for paper in proposers)
    body = html(
        "{}<p>{}</p><p>{}</p>",
        _facets(
            kind=["Method"],
            year=years,
            family=[context.name(f) for f in context.families_of(method.id)],
            sort_year=years[0] if years else None,
        ),
        one_line(method.definition),
        ", ".join(context.name(c.category) for c in method.categories),
    )
    return _body(names, "Method", shorten(sub, _SUB_LIMIT), body)


def _facets(*, sort_year: str | None = None, **values: Iterable[str]) -> Markup:
    """The filter values (and sort key), kept out of the indexed words."""
    pieces = [
        html('<span data-pagefind-filter="{}">{}</span>', name, one_line(value))
        for name, items in values.items()
        for value in sorted(set(items))
    ]
    if sort_year:
        pieces.append(html('<span data-pagefind-sort="year">{}</span>', sort_year))
    return html("<div data-pagefind-ignore>{}</div>", join(pieces))


def _body(names: list[str], kind: str, sub: str, body: Markup) -> Markup:
    title, *others = names
    return html(
        '<h1>{}</h1><p data-pagefind-ignore data-pagefind-meta="kind">{}</p>{}{}{}',
        one_line(title),
        kind,
        html("<p>{}</p>", ", ".join(others)) if others else "",
        html('<p data-pagefind-ignore data-pagefind-meta="sub">{}</p>', sub) if sub else "",
        body,
    )


def _document(page: str, body: Markup) -> tuple[str, str]:
    output = posixpath.splitext(page)[0] + ".html"
    return output, str(
        html(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"></head>'
            "<body><main data-pagefind-body>{}</main></body></html>\n",
            body,
        )
    )
