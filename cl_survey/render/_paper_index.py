"""The paper index (a table the project's script filters in the browser) and the timeline.

The index page itself lists only the newest papers, so it stays small at any catalog size;
every paper's row is also written as data, in chunks beside the pages (`paper_rows`), which
the script loads one after the other and filters, showing a screenful of matches at a time.
Chunks are scripts, not JSON, so that a copy opened with file:// loads them too.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from cl_survey.render._authors import author_link
from cl_survey.render._citation import coins
from cl_survey.render._common import paper_list
from cl_survey.render._downloads import download_control
from cl_survey.render._html import Markup, html, html_block, join, markdown_page, one_line, text
from cl_survey.render._memo import per_record
from cl_survey.render._urls import PAPER_INDEX, TIMELINE, file_href

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from cl_survey.catalog import Catalog
    from cl_survey.records import Paper
    from cl_survey.render._context import Context

__all__ = ["Placing", "paper_placings", "paper_rows", "render_paper_index", "render_timeline"]

# The rows the page itself carries (newest first), and the rows per data chunk.
PAGE_ROWS = 100
CHUNK_ROWS = 250
ROWS_PREFIX = "paper-index/rows-"  # + <chunk number>.js
TIMELINE_PAPERS = 25  # per year; the paper index lists the rest

# The code filter's values: what a paper's links say about its code.
CODE_KINDS = {"official": "Official code", "reimplementation": "Reimplementation only"}


def _code(paper: Paper) -> str:
    if paper.links.code:
        return "official"
    return "reimplementation" if paper.links.reimplementation else ""


def _select(name: str, label: str, options: Iterable[tuple[str, str]]) -> Markup:
    items = join(html('<option value="{}">{}</option>', v, text(t)) for v, t in options)
    return html(
        '<label>{label}<select name="{name}" data-facet="{name}"><option value="">Any</option>'
        "{items}</select></label>",
        label=label,
        name=name,
        items=items,
    )


def _filters(context: Context) -> Markup:
    catalog = context.view
    years = sorted({paper.year for paper in catalog.papers}, reverse=True)
    return html(
        '<form class="cls-filters" data-table="cls-paper-table" hidden>'
        '<label class="cls-filter-text">Search<input type="search" name="text" '
        'placeholder="title, author, venue, id\u2026" data-facet="text"></label>{}{}{}{}{}{}{}'
        '<input type="hidden" name="author" data-facet="author">'
        '<input type="hidden" name="category" data-facet="category">'
        '<p class="cls-count" aria-live="polite"></p></form>',
        _select("family", "Family", ((f, context.name(f)) for f in context.families)),
        _select("scenario", "Scenario", ((s.id, s.name) for s in catalog.scenarios)),
        _select("problem", "Problem", ((p.id, p.name) for p in catalog.problems)),
        _select("benchmark", "Benchmark", ((b.id, b.name) for b in catalog.benchmarks)),
        _select("application", "Application", ((a.id, a.name) for a in catalog.applications)),
        _select("code", "Code", CODE_KINDS.items()),
        _select("year", "Year", ((str(y), str(y)) for y in years)),
    )


def _row(context: Context, paper: Paper) -> Markup:
    # The first rows, for a reader without scripts; cl-papers.js draws every row from the
    # row data and filters those. data-id is what the download button reads.
    families = context.families_of(paper.id)
    return html(
        '<tr data-id="{pid}"><td>{title}<br><span class="cls-meta">{authors}'
        "</span></td><td>{year}</td><td>{venue}</td><td>{family_names}</td></tr>",
        pid=paper.id,
        year=paper.year,
        title=join([context.ref(PAPER_INDEX, paper.id, text(paper.title)), coins(paper)]),
        authors=join(
            (
                author_link(context, PAPER_INDEX, paper.id, position, name)
                for position, name in enumerate(paper.authors)
            ),
            ", ",
        ),
        venue=text(paper.venue.name),
        family_names=text(", ".join(context.name(f) for f in families)),
    )


def _newest_first(papers: Iterable[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda paper: (-paper.year, paper.id))


def render_paper_index(context: Context) -> dict[str, str]:
    papers = _newest_first(context.view.papers)
    chunks = -(-len(papers) // CHUNK_ROWS)
    table = html(
        '<div class="cls-scroll cls-paper-table"><table id="cls-paper-table" data-total="{}" '
        'data-chunks="{}" data-rows="{}" data-papers="{}" data-authors="{}"><thead><tr>'
        "<th>Paper</th><th>Year</th><th>Venue</th><th>Family</th></tr></thead><tbody>{}</tbody>"
        '</table></div><p class="cls-no-match" hidden>No paper matches every filter.</p>'
        '<p class="cls-more-rows" hidden><button type="button" class="md-button">'
        "Show more</button></p>",
        len(papers),
        chunks,
        file_href(PAPER_INDEX, ROWS_PREFIX),
        file_href(PAPER_INDEX, "papers/"),
        file_href(PAPER_INDEX, "authors/"),
        join(_row(context, paper) for paper in papers[:PAGE_ROWS]),
    )
    shown = (
        html(" The newest {} are listed until the script has loaded the rest.", PAGE_ROWS)
        if len(papers) > PAGE_ROWS
        else ""
    )
    intro = html(
        "<h1>Papers</h1><p>All {} papers, newest first. Filters combine: a paper is shown "
        "when it matches every one.{}</p>",
        len(papers),
        shown,
    )
    download = download_control(PAPER_INDEX, table="cls-paper-table")
    body = join([intro, _filters(context), download, table])
    meta = {"title": "Papers", "hide": ["navigation", "toc"]}
    return {PAPER_INDEX: markdown_page(meta, [html_block(body)])}


@per_record
def _own_json(paper: Paper) -> tuple[str, str, str, str]:
    """The JSON of the fields of a paper's row that come from the paper alone, in four
    pieces: before "authors" (whose ids depend on the other papers), before "family", before
    "category", and the rest. Kept per paper: after an edit, serve writes every row again."""
    parts = (
        {"id": paper.id, "title": one_line(paper.title)},
        {"year": paper.year, "venue": one_line(paper.venue.name)},
        {
            "scenario": list(paper.scenarios),
            "problem": list(paper.problems),
            "benchmark": list(paper.benchmarks),
            "application": list(paper.applications),
        },
        {"code": _code(paper), "more": _more(paper)},
    )
    first, second, third, fourth = (json.dumps(part, ensure_ascii=False)[1:-1] for part in parts)
    return first, second, third, fourth


def _more(paper: Paper) -> str:
    """What the row's search box also matches: the venue's full name, identifiers, keywords."""
    identifiers = paper.identifiers
    found = (paper.venue.full_name, identifiers.doi, identifiers.arxiv, *paper.keywords)
    return one_line(" ".join(filter(None, found)))


@functools.lru_cache(maxsize=65_536)
def _authors_json(ids: tuple[str, ...], names: tuple[str, ...]) -> str:
    pairs = [[author, one_line(name)] for author, name in zip(ids, names, strict=True)]
    return json.dumps(pairs, ensure_ascii=False)


@functools.lru_cache(maxsize=4_096)  # few sets of families and categories repeat over papers
def _ids_json(ids: tuple[str, ...]) -> str:
    return json.dumps(list(ids), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Placing:
    """Where a paper sits in the taxonomy, as its row and its feed entries show it."""

    families: tuple[str, ...]
    """The families above the categories it is placed in, directly or through its methods."""
    categories: tuple[str, ...]
    """Those categories and every category above them, in id order: the categories whose
    papers it is among (`Catalog.query(category=...)`)."""


def paper_placings(catalog: Catalog) -> dict[str, Placing]:
    """Each paper's Placing, from the root paths of the categories it is placed in (without
    the catalog's facet index, which serve would otherwise build again after every edit)."""
    order = {category.id: position for position, category in enumerate(catalog.categories)}
    root_paths = catalog.root_paths
    placings: dict[frozenset[str], Placing] = {}  # papers placed alike share one
    found: dict[str, Placing] = {}
    for paper in catalog.papers:
        placed = catalog.paper_categories(paper)
        placing = placings.get(placed)
        if placing is None:
            paths = [path for category in placed for path in root_paths[category]]
            above = {category for path in paths for category in path}
            placing = placings[placed] = Placing(
                families=tuple(sorted({path[0] for path in paths})),
                categories=tuple(sorted(above, key=order.__getitem__)),
            )
        found[paper.id] = placing
    return found


def paper_rows(catalog: Catalog, placings: Mapping[str, Placing]) -> dict[str, str]:
    """The paper index's rows as data: paper-index/rows-<n>.js, CHUNK_ROWS papers each, in
    the page's order. Each assigns its rows to `clsPaperRows[n]`; the script renders them."""
    by_paper = catalog.authorship.by_paper
    rows = []
    for paper in _newest_first(catalog.papers):
        first, second, third, fourth = _own_json(paper)
        authors = _authors_json(by_paper[paper.id], paper.authors)
        placing = placings[paper.id]
        families, categories = _ids_json(placing.families), _ids_json(placing.categories)
        rows.append(
            f'{{{first}, "authors": {authors}, {second}, "family": {families}, {third}, '
            f'"category": {categories}, {fourth}}}'
        )
    return {
        f"{ROWS_PREFIX}{number}.js": (
            f"(window.clsPaperRows = window.clsPaperRows || {{}})[{number}] = "
            f"[{', '.join(rows[start : start + CHUNK_ROWS])}];\n"
        )
        for number, start in enumerate(range(0, len(rows), CHUNK_ROWS))
    }


def render_timeline(context: Context) -> dict[str, str]:
    papers = _newest_first(context.view.papers)
    sections = [
        html_block(Markup("<h1>Timeline</h1><p>The catalog's papers by year of publication.</p>"))
    ]
    for year, group in groupby(papers, key=lambda paper: paper.year):
        listing = paper_list(
            context, TIMELINE, group, everything=f"year={year}", limit=TIMELINE_PAPERS
        )
        sections += [f"## {year}", html_block(listing)]
    return {TIMELINE: markdown_page({"title": "Timeline"}, sections)}
