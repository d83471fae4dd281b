"""The catalog as page renderers see it: every lookup notes which records it looked at.

What a page shows depends only on what its renderer looked at, so when an edit changes none
of that, the page is unchanged too and need not be rendered again (see
`cl_survey.render.rerender`). Three kinds of note:

- `"x"`, a record id: the record was read; an edit of record x affects the page;
- `"?paper:x"`, `"?method:x"`, ...: a reverse lookup of the records of one kind that mention
  x ("the papers that use scenario x", "the methods placed in category x"). Its answer (which
  records) changes only when a record of that kind that mentions x is added or removed, or
  gains or loses x in one of its fields, so only such an edit affects the page; what the
  page shows of the records found is noted by their ids. An edit of x itself does not affect
  it (a page listing the papers that use x need not change when another paper merely shows
  x's name), nor does an edit of a paper that mentions category x (the methods placed in x
  are the same), nor one that leaves a record's mentions where they were (a keyword);
- `"*paper"`, `"*method"`, ...: the renderer went through every record of a kind; any
  record of that kind added, removed or edited affects the page;
- `"~x"`: the renderer showed x's label ("Smith et al. 2020a", an acronym) or linked to x's
  page; only an edit that changes the label, or where x's page is, affects the page. Labels
  depend on other records (a second "Smith et al. 2020" turns the first into 2020a), so
  rerender compares them all;
- `"=x"`: x's own page, which shows all of x. Some fields no other page shows
  (`OWN_PAGE_FIELDS`: a paper's summary, keywords, findings, ...); an edit that changes only
  those affects x's own page alone, so it invalidates `"=x"` instead of `"x"` and `"*kind"`.

Renderers get a `CatalogView`, never the `Catalog`, so a lookup that is not noted does not
type-check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cl_survey.records import (
    Application,
    Benchmark,
    Category,
    Method,
    Metric,
    Paper,
    Person,
    Problem,
    ResultTable,
    Scenario,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx

    from cl_survey.catalog import Catalog, GapMatrix, Leaderboard, ResultEntry, Under
    from cl_survey.records import Record

__all__ = [
    "KIND_NOTES",
    "OWN_PAGE_FIELDS",
    "CatalogView",
    "author_note",
    "every",
    "label_note",
    "lookup_note",
    "own_page_note",
]

KIND_NOTES: dict[type, str] = {
    Paper: "*paper",
    Method: "*method",
    Category: "*category",
    Scenario: "*scenario",
    Problem: "*problem",
    Benchmark: "*benchmark",
    Application: "*application",
    Metric: "*metric",
    Person: "*person",
    ResultTable: "*result",
}


# The fields of a record of each kind that no page but the record's own shows (the files
# beside the pages and the search index, made whole after every edit, may show them too). A
# test holds this true: changing them in a full render changes that one page only.
OWN_PAGE_FIELDS: dict[type, frozenset[str]] = {
    Paper: frozenset(
        {
            "summary",
            "keywords",
            "findings",
            "versions",
            "sources",
            "unverified",
            "contributions",
            "cite_key",
        }
    ),
}


def every(record: Record) -> str:
    """The note for "went through every record of this one's kind"."""
    return KIND_NOTES[type(record)]


def lookup_note(referrer: type, record_id: str) -> str:
    """The note for "looked up the records of kind `referrer` that mention `record_id`"."""
    return f"?{KIND_NOTES[referrer][1:]}:{record_id}"


def label_note(record_id: str) -> str:
    """The note for "showed this record's label"."""
    return f"~{record_id}"


def own_page_note(record_id: str) -> str:
    """The note every record's own page starts with: "shows all of this record"."""
    return f"={record_id}"


def author_note(author_id: str) -> str:
    """The note for "looked up this person's papers, or their name as shown": any edit to a
    paper they wrote, before or after the edit, invalidates it."""
    return f"?author:{author_id}"


class CatalogView:
    """Read-only access to a catalog that notes, in `reads`, what each lookup looked at."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.reads: set[str] = set()

    def note(self, *record_ids: str) -> None:
        """Records that were read."""
        self.reads.update(record_ids)

    def note_lookup(self, referrer: type, *record_ids: str) -> None:
        """Records whose referrers of kind `referrer` were looked up."""
        self.reads.update(lookup_note(referrer, record_id) for record_id in record_ids)

    # Every record of a kind ---------------------------------------------------------------

    @property
    def papers(self) -> tuple[Paper, ...]:
        self.note(KIND_NOTES[Paper])
        return self._catalog.papers

    @property
    def methods(self) -> tuple[Method, ...]:
        self.note(KIND_NOTES[Method])
        return self._catalog.methods

    @property
    def categories(self) -> tuple[Category, ...]:
        self.note(KIND_NOTES[Category])
        return self._catalog.categories

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        self.note(KIND_NOTES[Scenario])
        return self._catalog.scenarios

    @property
    def problems(self) -> tuple[Problem, ...]:
        self.note(KIND_NOTES[Problem])
        return self._catalog.problems

    @property
    def benchmarks(self) -> tuple[Benchmark, ...]:
        self.note(KIND_NOTES[Benchmark])
        return self._catalog.benchmarks

    @property
    def applications(self) -> tuple[Application, ...]:
        self.note(KIND_NOTES[Application])
        return self._catalog.applications

    @property
    def metrics(self) -> tuple[Metric, ...]:
        self.note(KIND_NOTES[Metric])
        return self._catalog.metrics

    @property
    def result_tables(self) -> tuple[ResultTable, ...]:
        self.note(KIND_NOTES[ResultTable])
        return self._catalog.result_tables

    @property
    def leaderboards(self) -> tuple[Leaderboard, ...]:
        # Built from every table, every method they name and every metric; what each board
        # shows of papers (the sources cited, the years of the methods' introducing papers)
        # is noted board by board. Those papers, not every paper: an edit to any other paper
        # leaves the leaderboards as they were.
        self.note(KIND_NOTES[ResultTable], KIND_NOTES[Method], KIND_NOTES[Metric])
        boards = self._catalog.leaderboards
        for board in boards:
            self.board_sources(board)
        return boards

    def board_sources(self, board: Leaderboard) -> None:
        """Note what one leaderboard's entries were made from: every table and metric (which
        rows fall under its protocol, and their values), and its rows' methods (labels) and
        papers (the sources cited, the years of the methods' introducing papers)."""
        self.note(KIND_NOTES[ResultTable], KIND_NOTES[Metric])
        for entry in board.entries:
            if entry.source_paper is not None:
                self.note(entry.source_paper)
            if entry.method is not None:
                self.note(entry.method)
                introduced_by = self._catalog.method(entry.method).introduced_by
                if introduced_by is not None:
                    self.note(introduced_by)

    def results_of(self, method_id: str) -> tuple[ResultEntry, ...]:
        """The result values of one method, in every table."""
        self.note(KIND_NOTES[ResultTable], KIND_NOTES[Metric])
        return self._catalog.results(method=method_id)

    def tables_from(self, paper_id: str) -> tuple[ResultTable, ...]:
        """The result tables transcribed from one paper (or its repository)."""
        self.note(KIND_NOTES[ResultTable])
        return tuple(t for t in self._catalog.result_tables if t.source.paper == paper_id)

    @property
    def taxonomy(self) -> nx.DiGraph[str]:
        self.note(KIND_NOTES[Category])
        return self._catalog.taxonomy

    def gap_matrix(self) -> GapMatrix:
        self.note(*(KIND_NOTES[kind] for kind in (Paper, Method, Category, Scenario)))
        return self._catalog.gap_matrix()

    # One record, and lookups keyed by one ----------------------------------------------------

    def paper(self, paper_id: str) -> Paper:
        self.note(paper_id)
        return self._catalog.paper(paper_id)

    def result_table(self, table_id: str) -> ResultTable:
        self.note(table_id)
        return self._catalog.result_table(table_id)

    def method(self, method_id: str) -> Method:
        self.note(method_id)
        return self._catalog.method(method_id)

    def category(self, category_id: str) -> Category:
        self.note(category_id)
        return self._catalog.category(category_id)

    def children(self, category_id: str) -> list[str]:
        """The categories directly below `category_id`, in id order."""
        found = sorted(self._catalog.taxonomy.successors(category_id))
        self.note_lookup(Category, category_id)
        self.note(*found)
        return found

    def ancestors(self, category_id: str) -> tuple[str, ...]:
        found = self._catalog.ancestors(category_id)
        self.note(category_id, *found)
        return found

    def paths_to_root(self, record_id: str) -> tuple[tuple[str, ...], ...]:
        paths = self._catalog.paths_to_root(record_id)
        self.note(record_id, *self._placing(record_id))
        for path in paths:
            self.note(*path)
        return paths

    def paper_categories(self, paper: Paper) -> frozenset[str]:
        found = self._catalog.paper_categories(paper)
        self.note(paper.id, *paper.proposes, *found)
        return found

    def under(self, category_id: str) -> Under:
        found = self._catalog.under(category_id)
        methods = [method.id for method in found.methods]
        # Every step is a lookup of what refers to the step before: the categories below,
        # the methods placed in them, the papers placed in them or proposing those methods.
        self.note_lookup(Category, *found.categories)
        self.note_lookup(Method, *found.categories)
        self.note_lookup(Paper, *found.categories, *methods)
        self.note(*found.categories, *methods)
        self.note(*(paper.id for paper in found.papers))
        return found

    def papers_using(self, kind: str, term_id: str) -> tuple[Paper, ...]:
        """Papers that study a scenario, address a problem, evaluate on a benchmark or work in
        an application area (`kind` names the facet)."""
        facets: dict[str, Any] = {kind: term_id}
        found = self._catalog.query(**facets)
        self.note_lookup(Paper, term_id)
        self.note(*(paper.id for paper in found))
        return found

    def methods_addressing(self, problem_id: str) -> tuple[Method, ...]:
        self.papers_using("problem", problem_id)
        found = self._catalog.methods_addressing(problem_id)
        self.note(*(method.id for method in found))
        return found

    def _placing(self, record_id: str) -> Iterable[str]:
        """The records that place a paper in the taxonomy besides the paper itself."""
        record = self._catalog.record(record_id)
        return record.proposes if isinstance(record, Paper) else ()
