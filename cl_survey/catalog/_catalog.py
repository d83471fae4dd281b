"""The Catalog: validated records, looked up by id and queried by facets.

A Catalog never changes after it is built; indexes and the graph are computed on first use
and kept, so no query reads the YAML again.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from cl_survey._errors import QueryError, UnknownRecordError
from cl_survey._gc import collector_paused
from cl_survey.catalog import _authors, _results, _rows, _walks
from cl_survey.catalog._last import LastAnswer, Reads, whole
from cl_survey.records import (
    Application,
    Benchmark,
    Category,
    Method,
    Metric,
    Paper,
    Person,
    Problem,
    Provenance,
    Record,
    ResultTable,
    Scenario,
)

if TYPE_CHECKING:
    import networkx as nx

    from cl_survey._errors import Diagnostic

__all__ = ["Catalog", "YearFilter"]

R = TypeVar("R", bound=Record)
FacetValue = str | Iterable[str] | None
YearFilter = int | tuple[int | None, int | None] | range | None


class Catalog:
    """An immutable, validated catalog of continual-learning papers and their vocabulary."""

    def __init__(
        self,
        *,
        root: Path,
        records: Mapping[str, Record],
        files: Mapping[str, Path | str],
        warnings: tuple[Diagnostic, ...] = (),
    ) -> None:
        self._root = root
        self._records = MappingProxyType(dict(records))
        # As given (a loaded catalog gives strings): a Path is made only when one is asked for.
        self._files = MappingProxyType(dict(files))
        self._warnings = warnings

    def __repr__(self) -> str:
        return f"<Catalog {self._root} papers={len(self.papers)} methods={len(self.methods)}>"

    # Records ---------------------------------------------------------------------------

    @property
    def root(self) -> Path:
        """The catalog directory it was loaded from."""
        return self._root

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Suspicious but legal content found while loading (e.g. builds_on a later paper)."""
        return self._warnings

    @cached_property
    def papers(self) -> tuple[Paper, ...]:
        """All papers, ordered by id."""
        return self._of_kind(Paper)

    @cached_property
    def methods(self) -> tuple[Method, ...]:
        return self._of_kind(Method)

    @cached_property
    def categories(self) -> tuple[Category, ...]:
        return self._of_kind(Category)

    @cached_property
    def scenarios(self) -> tuple[Scenario, ...]:
        return self._of_kind(Scenario)

    @cached_property
    def problems(self) -> tuple[Problem, ...]:
        return self._of_kind(Problem)

    @cached_property
    def benchmarks(self) -> tuple[Benchmark, ...]:
        return self._of_kind(Benchmark)

    @cached_property
    def applications(self) -> tuple[Application, ...]:
        return self._of_kind(Application)

    @cached_property
    def people(self) -> tuple[Person, ...]:
        """The people vocabulary: name variants and homonyms (catalog/people/)."""
        return self._of_kind(Person)

    @cached_property
    def authorship(self) -> _authors.Authorship:
        """Every author (one per person) with their papers, and each paper's author ids."""
        return _authors.authorship(self)

    def author(self, author_id_or_name: str) -> _authors.Author:
        """An author by id ('ada-alpha') or by a name a paper writes."""
        authors = self.authorship.authors
        if author_id_or_name in authors:
            return authors[author_id_or_name]
        folded = author_id_or_name.casefold()
        for paper in self.papers:
            for name, author_id in zip(
                paper.authors, self.authorship.by_paper[paper.id], strict=True
            ):
                if name.casefold() == folded:
                    return authors[author_id]
        kind = "author"
        raise UnknownRecordError(kind, author_id_or_name, list(authors))

    @cached_property
    def metrics(self) -> tuple[Metric, ...]:
        return self._of_kind(Metric)

    @cached_property
    def result_tables(self) -> tuple[ResultTable, ...]:
        """Every transcribed result table, ordered by id."""
        return self._of_kind(ResultTable)

    def _of_kind(self, kind: type[R]) -> tuple[R, ...]:
        return self._sorted_by_kind.get(kind, ())  # type: ignore[return-value]

    @cached_property
    def _sorted_by_kind(self) -> Mapping[type, tuple[Record, ...]]:
        """Every kind's records ordered by id, sorted once in one pass over the catalog."""
        grouped: dict[type, list[Record]] = defaultdict(list)
        for record_id in sorted(self._records):
            record = self._records[record_id]
            grouped[type(record)].append(record)
        return {kind: tuple(records) for kind, records in grouped.items()}

    @property
    def records(self) -> Mapping[str, Record]:
        """Every record, by id."""
        return self._records

    def record(self, record_id: str) -> Record:
        """Any record by id."""
        try:
            return self._records[record_id]
        except KeyError:
            kind = "record"
            raise UnknownRecordError(kind, record_id, list(self._records)) from None

    def paper(self, paper_id: str) -> Paper:
        return self._get(Paper, "paper", paper_id)

    def method(self, method_id: str) -> Method:
        return self._get(Method, "method", method_id)

    def category(self, category_id: str) -> Category:
        return self._get(Category, "category", category_id)

    def scenario(self, scenario_id: str) -> Scenario:
        return self._get(Scenario, "scenario", scenario_id)

    def problem(self, problem_id: str) -> Problem:
        return self._get(Problem, "problem", problem_id)

    def benchmark(self, benchmark_id: str) -> Benchmark:
        return self._get(Benchmark, "benchmark", benchmark_id)

    def application(self, application_id: str) -> Application:
        return self._get(Application, "application", application_id)

    def metric(self, metric_id: str) -> Metric:
        return self._get(Metric, "metric", metric_id)

    def result_table(self, table_id: str) -> ResultTable:
        return self._get(ResultTable, "result table", table_id)

    # Results ---------------------------------------------------------------------------

    @cached_property
    def _result_entries(self) -> tuple[_results.ResultEntry, ...]:
        reads: list[Reads] = [
            (self.result_tables, whole),
            (self.metrics, whole),
            (self.methods, _named_method),
            (self.papers, _dated_paper),
        ]
        return _RESULT_ENTRIES.get(reads, lambda: tuple(_results.result_entries(self)))

    def results(
        self,
        *,
        benchmark: str | None = None,
        scenario: str | None = None,
        metric: str | None = None,
        provenance: str | None = None,
        method: str | None = None,
    ) -> tuple[_results.ResultEntry, ...]:
        """Every transcribed value matching all the given filters (ids, names or aliases for
        benchmark, scenario, metric and method; 'paper-native' or 'reproduced')."""
        wanted: dict[str, str] = {}
        for field, kind, value in (
            ("benchmark", Benchmark, benchmark),
            ("scenario", Scenario, scenario),
            ("metric", Metric, metric),
            ("method", Method, method),
        ):
            if value is not None:
                wanted[field] = self.resolve(kind, field, value)
        if provenance is not None and provenance not in {p.value for p in Provenance}:
            msg = f"provenance must be 'paper-native' or 'reproduced', not {provenance!r}"
            raise QueryError(msg)
        return tuple(
            entry
            for entry in self._result_entries
            if ("benchmark" not in wanted or entry.key.benchmark == wanted["benchmark"])
            and ("scenario" not in wanted or entry.key.scenario == wanted["scenario"])
            and ("metric" not in wanted or entry.metric == wanted["metric"])
            and ("method" not in wanted or entry.method == wanted["method"])
            and (provenance is None or entry.provenance.value == provenance)
        )

    @cached_property
    def leaderboards(self) -> tuple[_results.Leaderboard, ...]:
        """One leaderboard per protocol key, each with its close protocols."""
        entries = self._result_entries
        return _LEADERBOARDS.get([((entries,), id)], lambda: tuple(_results.leaderboards(entries)))

    def results_frame(self, entries: Iterable[_results.ResultEntry] | None = None) -> Any:
        """Result values as a pandas DataFrame, one row per value (needs the `dataframe` extra)."""
        return _rows.results_to_dataframe(self._result_entries if entries is None else entries)

    def _get(self, kind: type[R], name: str, record_id: str) -> R:
        record = self._records.get(record_id)
        if isinstance(record, kind):
            return record
        known = [r.id for r in self._of_kind(kind)]  # type: ignore[attr-defined]
        raise UnknownRecordError(name, record_id, known)

    def source_path(self, record_id: str) -> Path:
        """The YAML file a record was read from."""
        self.record(record_id)
        return Path(self._files[record_id])

    def same_source(self, other: Catalog, record_id: str) -> bool:
        """Whether a record of both catalogs was read from the same file."""
        return os.fspath(self._files[record_id]) == os.fspath(other._files[record_id])

    # Taxonomy --------------------------------------------------------------------------

    @cached_property
    def taxonomy(self) -> nx.DiGraph[str]:
        """The category DAG: an edge parent -> child for every `parents` entry."""
        from cl_survey.catalog._graph import build_taxonomy  # noqa: PLC0415  # networkx only when used

        return build_taxonomy(self.categories)

    @cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """Every record as a typed node and every reference as a typed edge."""
        from cl_survey.catalog._graph import build_graph  # noqa: PLC0415  # networkx only when used

        with collector_paused(lasting=True):
            return build_graph(self)

    @cached_property
    def _descendants(self) -> Mapping[str, frozenset[str]]:
        """Each category with itself and all categories below it."""
        children: dict[str, list[str]] = defaultdict(list)
        for category in self.categories:
            for parent in category.parents:
                children[parent].append(category.id)
        result: dict[str, frozenset[str]] = {}

        def below(category_id: str) -> frozenset[str]:
            if category_id not in result:
                found = {category_id}
                for child in children[category_id]:
                    found |= below(child)
                result[category_id] = frozenset(found)
            return result[category_id]

        for category in self.categories:
            below(category.id)
        return MappingProxyType(result)

    def paper_categories(self, paper: Paper) -> frozenset[str]:
        """Categories a paper is placed in directly or through the methods it proposes."""
        direct = {assignment.category for assignment in paper.categories}
        for method_id in paper.proposes:
            direct.update(a.category for a in self.method(method_id).categories)
        return frozenset(direct)

    # Graph queries (implemented in _walks.py) --------------------------------------

    def ancestors(self, category_id: str) -> tuple[str, ...]:
        """Categories above `category_id`, nearest first."""
        return _walks.ancestors(self, category_id)

    def descendants(self, category_id: str) -> tuple[str, ...]:
        """Categories below `category_id`, nearest first."""
        return _walks.descendants(self, category_id)

    @cached_property
    def taxonomy_depth(self) -> Mapping[str, int]:
        """Each category's longest distance from a root family (0 for a family)."""
        return MappingProxyType(_walks.taxonomy_depth(self.taxonomy))

    @cached_property
    def root_paths(self) -> Mapping[str, frozenset[tuple[str, ...]]]:
        """Each category with every path to it from a root family, root first."""
        return MappingProxyType(_walks.root_paths(self.taxonomy))

    def paths_to_root(self, record_id: str) -> tuple[tuple[str, ...], ...]:
        """Taxonomy paths (root family first) to a category, method or paper."""
        # Kept per record: every list of papers asks for their families, often the same ones.
        found = self._paths_to_root.get(record_id)
        if found is None:
            found = self._paths_to_root[record_id] = _walks.paths_to_root(self, record_id)
        return found

    @cached_property
    def _paths_to_root(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        return {}

    def under(self, category_id: str) -> _walks.Under:
        """Categories, methods and papers at or below a category."""
        # Kept per category: the home page, the category pages, the taxonomy graph and the
        # indexes each ask, and a family's papers are thousands to put in order.
        found = self._under.get(category_id)
        if found is None:
            found = self._under[category_id] = _walks.under(self, category_id)
        return found

    @cached_property
    def _under(self) -> dict[str, _walks.Under]:
        return {}

    def methods_placed_in(self, category_ids: Iterable[str]) -> tuple[Method, ...]:
        """The methods placed directly in any of these categories, in catalog order."""
        positions = self._method_positions_by_category
        found = sorted({at for category in category_ids for at in positions.get(category, ())})
        methods = self.methods
        return tuple(methods[at] for at in found)

    @cached_property
    def _method_positions_by_category(self) -> Mapping[str, tuple[int, ...]]:
        found: dict[str, list[int]] = defaultdict(list)
        for at, method in enumerate(self.methods):
            for assignment in method.categories:
                found[assignment.category].append(at)
        return {category: tuple(positions) for category, positions in found.items()}

    def methods_addressing(self, problem: str, scenario: str | None = None) -> tuple[Method, ...]:
        """Methods proposed by papers that address `problem` (under `scenario`, if given)."""
        return _walks.methods_addressing(self, problem, scenario)

    def neighbourhood(self, paper_id: str) -> _walks.Neighbourhood:
        """What a paper builds on, compares to, extends and surveys, both ways."""
        return _walks.neighbourhood(self, paper_id)

    def lineage(self, paper_id: str) -> tuple[tuple[str, ...], ...]:
        """builds_on chains from a paper back to its roots."""
        return _walks.lineage(self, paper_id)

    def gap_matrix(self) -> _walks.GapMatrix:
        """Taxonomy leaf x scenario -> papers; the empty cells are where nobody looked."""
        return _walks.gap_matrix(self)

    def to_dataframe(self, papers: Iterable[Paper] | None = None) -> Any:
        """The papers as a pandas DataFrame (needs the `dataframe` extra)."""
        return _rows.to_dataframe(self, papers)

    # Facet queries ---------------------------------------------------------------------

    @cached_property
    def _facet_index(self) -> Mapping[str, Mapping[str, frozenset[str]]]:
        reads: list[Reads] = [
            (self.papers, _placed_paper),
            (self.methods, _placed_method),
            (self.categories, _placed_category),
        ]
        return _FACET_INDEX.get(reads, self._make_facet_index)

    def _make_facet_index(self) -> Mapping[str, Mapping[str, frozenset[str]]]:
        index: dict[str, dict[str, set[str]]] = {
            "category": defaultdict(set),
            "scenario": defaultdict(set),
            "problem": defaultdict(set),
            "benchmark": defaultdict(set),
            "application": defaultdict(set),
        }
        ancestors: dict[str, set[str]] = defaultdict(set)
        for ancestor, below in self._descendants.items():
            for category_id in below:
                ancestors[category_id].add(ancestor)
        for paper in self.papers:
            for category_id in self.paper_categories(paper):
                for ancestor in ancestors[category_id]:
                    index["category"][ancestor].add(paper.id)
            for facet, values in (
                ("scenario", paper.scenarios),
                ("problem", paper.problems),
                ("benchmark", paper.benchmarks),
                ("application", paper.applications),
            ):
                for value in values:
                    index[facet][value].add(paper.id)
        return {
            facet: {value: frozenset(ids) for value, ids in values.items()}
            for facet, values in index.items()
        }

    @cached_property
    def _paper_order(self) -> Mapping[str, int]:
        return {paper.id: position for position, paper in enumerate(self.papers)}

    @cached_property
    def _search_text(self) -> Mapping[str, str]:
        return {paper.id: self._haystack(paper) for paper in self.papers}

    def _haystack(self, paper: Paper) -> str:
        method_names: list[str] = []
        for method_id in paper.proposes:
            method = self.method(method_id)
            method_names.extend([method.name, method.acronym or "", *method.aliases])
        identifiers = paper.identifiers
        parts = [
            paper.id,
            paper.title,
            *paper.authors,
            str(paper.year),
            paper.venue.name,
            paper.venue.full_name or "",
            identifiers.doi or "",
            identifiers.arxiv or "",
            *paper.keywords,
            paper.summary.en,
            paper.summary.zh or "",
            *method_names,
        ]
        return "\n".join(parts).casefold()

    def query(
        self,
        *,
        category: FacetValue = None,
        scenario: FacetValue = None,
        problem: FacetValue = None,
        benchmark: FacetValue = None,
        application: FacetValue = None,
        author: FacetValue = None,
        year: YearFilter = None,
        text: str | None = None,
    ) -> tuple[Paper, ...]:
        """Papers matching every given facet (AND); several values of one facet match any (OR).

        A category matches papers placed in it or in any category below it, directly or
        through a proposed method. Facet values are ids, names or aliases; an unknown value
        raises UnknownRecordError with suggestions. `year` is a year, an inclusive
        (start, end) pair with None for an open end, or a range. `text` matches papers whose
        title, authors, venue, identifiers, keywords, summaries or method names contain every
        word of it, ignoring case.
        """
        selected: set[str] | None = None
        for facet, kind, wanted in (
            ("category", Category, category),
            ("scenario", Scenario, scenario),
            ("problem", Problem, problem),
            ("benchmark", Benchmark, benchmark),
            ("application", Application, application),
        ):
            if wanted is None:
                continue
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            matching: set[str] = set()
            for value in values:
                resolved = self.resolve(kind, facet, value)
                matching |= self._facet_index[facet].get(resolved, frozenset())
            selected = matching if selected is None else selected & matching
        if author is not None:
            values = [author] if isinstance(author, str) else list(author)
            matching = {p for value in values for p in self.author(value).papers}
            selected = matching if selected is None else selected & matching
        candidates = self._paper_order.keys() if selected is None else selected
        low, high = _year_bounds(year)
        words = text.casefold().split() if text else []
        # Each filter runs only when asked for: a facet query may select thousands of papers.
        found: Iterable[str] = candidates
        if year is not None:
            year_of = self._year_of
            found = [paper_id for paper_id in found if low <= year_of[paper_id] <= high]
        if words:
            haystacks = self._search_text
            found = [i for i in found if all(word in haystacks[i] for word in words)]
        papers = self._papers_by_id
        ordered = sorted(found, key=self._paper_order.__getitem__)
        return tuple([papers[paper_id] for paper_id in ordered])

    @cached_property
    def _papers_by_id(self) -> Mapping[str, Paper]:
        return {paper.id: paper for paper in self.papers}

    @cached_property
    def _year_of(self) -> Mapping[str, int]:
        return {paper.id: paper.year for paper in self.papers}

    def resolve(self, kind: type[R], name: str, value: str) -> str:
        """The id of the `kind` record that `value` names by id, name or alias."""
        # Ids are unique across the catalog: an id is answered without scanning every record,
        # which keeps a facet query fast on a large catalog.
        if isinstance(self._records.get(value), kind):
            return value
        records = self._of_kind(kind)
        ids = {record.id for record in records}  # type: ignore[attr-defined]
        folded = value.casefold()
        for record in records:
            names = [getattr(record, "name", ""), *getattr(record, "aliases", ())]
            if any(folded == candidate.casefold() for candidate in names):
                return str(record.id)  # type: ignore[attr-defined]
        raise UnknownRecordError(name, value, sorted(ids))


def _year_bounds(year: YearFilter) -> tuple[int, int]:
    if year is None:
        return (0, 10_000)
    if isinstance(year, bool):
        msg = "year must be a year, a (start, end) pair or a range"
        raise QueryError(msg)
    if isinstance(year, int):
        return (year, year)
    if isinstance(year, range):
        if year.step != 1 or len(year) == 0:
            msg = f"year range {year} must be a non-empty range with step 1"
            raise QueryError(msg)
        return (year.start, year.stop - 1)
    start, end = year
    low = 0 if start is None else start
    high = 10_000 if end is None else end
    if low > high:
        msg = f"year range {start}..{end} is empty: the start is after the end"
        raise QueryError(msg)
    return (low, high)


# Indexes reused from the last catalog while what they read is unchanged (see _last): serve
# loads the catalog again after every edit. Each function returns what its index reads of
# one record.
_RESULT_ENTRIES: LastAnswer[tuple[_results.ResultEntry, ...]] = LastAnswer()
_LEADERBOARDS: LastAnswer[tuple[_results.Leaderboard, ...]] = LastAnswer()
_FACET_INDEX: LastAnswer[Mapping[str, Mapping[str, frozenset[str]]]] = LastAnswer()


def _named_method(method: Method) -> object:
    return method.id, method.acronym, method.name, method.introduced_by


def _dated_paper(paper: Paper) -> object:
    return paper.id, paper.year


def _placed_paper(paper: Paper) -> object:
    return (
        paper.id,
        paper.categories,
        paper.proposes,
        paper.scenarios,
        paper.problems,
        paper.benchmarks,
        paper.applications,
    )


def _placed_method(method: Method) -> object:
    return method.id, method.categories


def _placed_category(category: Category) -> object:
    return category.id, category.parents
