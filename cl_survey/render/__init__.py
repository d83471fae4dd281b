"""Pages from a catalog: a pure function, catalog in, {relative path: file content} out.

No file I/O and no MkDocs here: cl_survey.publish writes the pages into a copy of site/ and
runs MkDocs on it. One module per page family:

    _home            index.md                 _paper_index   papers.md, timeline.md
    _paper           papers/<id>.md           _indexes       methods.md, categories.md, ...
    _method          methods/<id>.md          _matrices      comparison.md, gaps.md
    _category        categories/<id>.md       _taxonomy_graph  taxonomy.md (the SVG graph)
    _vocabulary      scenarios|problems|benchmarks|applications|metrics/<id>.md
    _results         results.md, leaderboards/<id>.md, results/<id>.md
    _authors         authors.md, authors/<id>.md
    _whats_new       whats-new.md and the Atom feeds (`render_files`)
    _search          the search documents the site's search index is built from

Helpers the families share: _html (escaping, safe URLs), _svg (charts), _citation (COinS),
_downloads (the download buttons), _neighbourhood (related records).

`render_site` also keeps, for each rendering job (one record's page, or one overview page),
what it looked at (`_reads`); `rerender` uses that after an edit to render again only the
jobs that looked at something the edit changed, and reuses every other page as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from cl_survey._gc import collector_paused
from cl_survey.records import (
    Application,
    Benchmark,
    Category,
    Method,
    Metric,
    Paper,
    Problem,
    ResultTable,
    Scenario,
)
from cl_survey.render._authors import (
    author_index_pages,
    author_path,
    render_author,
    render_author_index,
)
from cl_survey.render._category import render_category
from cl_survey.render._context import Context, Parts
from cl_survey.render._home import render_home
from cl_survey.render._html import safe_url
from cl_survey.render._indexes import method_index_pages, render_indexes
from cl_survey.render._matrices import comparison_pages, render_comparison, render_gaps
from cl_survey.render._method import render_method
from cl_survey.render._paper import render_paper
from cl_survey.render._paper_index import render_paper_index, render_timeline
from cl_survey.render._reads import (
    OWN_PAGE_FIELDS,
    author_note,
    every,
    label_note,
    lookup_note,
    own_page_note,
)
from cl_survey.render._results import render_result_table, render_results, result_pages
from cl_survey.render._search import search_documents
from cl_survey.render._taxonomy_graph import render_taxonomy_graph
from cl_survey.render._urls import UnsafePathError, page_path
from cl_survey.render._vocabulary import render_term
from cl_survey.render._whats_new import WHATS_NEW, render_feeds, render_files, render_whats_new

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from typing import TypeAlias

    Pages: TypeAlias = tuple[str, ...]
    AnyRecord: TypeAlias = (
        Paper
        | Method
        | Category
        | Scenario
        | Problem
        | Benchmark
        | Application
        | Metric
        | ResultTable
    )

    # A sort key for page paths (the publisher passes the order in which MkDocs reads them).
    PageOrder: TypeAlias = Callable[[str], Any]

    from cl_survey.catalog import Catalog
    from cl_survey.records import Record

__all__ = [
    "Rendering",
    "UnsafePathError",
    "changed_records",
    "iter_pages",
    "job_count",
    "page_plan",
    "prepare",
    "render_feeds",
    "render_files",
    "render_pages",
    "render_site",
    "rerender",
    "safe_url",
    "search_documents",
]

# Overview pages, keyed by a name no record id can take (ids have no "@"), with the pages
# each writes (page_plan needs them before anything is rendered; a test holds them true).
_OVERVIEWS: dict[str, tuple[Callable[[Context], dict[str, str]], Callable[[Catalog], Pages]]] = {
    "@home": (render_home, lambda _catalog: ("index.md",)),
    "@papers": (render_paper_index, lambda _catalog: ("papers.md",)),
    "@timeline": (render_timeline, lambda _catalog: ("timeline.md",)),
    "@indexes": (
        render_indexes,
        lambda catalog: (
            *method_index_pages(catalog),
            "categories.md",
            "scenarios.md",
            "problems.md",
            "benchmarks.md",
            "applications.md",
            "metrics.md",
        ),
    ),
    "@comparison": (render_comparison, comparison_pages),
    "@gaps": (render_gaps, lambda _catalog: ("gaps.md",)),
    "@taxonomy": (render_taxonomy_graph, lambda _catalog: ("taxonomy.md",)),
    "@results": (render_results, result_pages),
    "@whats-new": (render_whats_new, lambda _catalog: (WHATS_NEW,)),
    "@authors": (render_author_index, author_index_pages),
}


@dataclass(frozen=True)
class Rendering:
    """Every page of one catalog, with what each rendering job looked at."""

    catalog: Catalog
    pages: Mapping[str, str]
    job_pages: Mapping[str, tuple[str, ...]]
    """Job key (a record id, or "@home" and the like) -> the pages it rendered."""
    job_reads: Mapping[str, frozenset[str]]
    """Job key -> the record ids (and "*kind" notes) it looked at; see `_reads`."""
    labels: Mapping[str, str]
    rendered: frozenset[str]
    """The jobs that ran for this rendering (all of them for `render_site`)."""
    job_parts: Mapping[str, Parts]
    """Job key -> the pieces of its pages it made with `Context.part`, kept for rerender."""


def render_pages(catalog: Catalog) -> dict[str, str]:
    """Every generated page of the site: relative path (under docs/) -> Markdown text."""
    return dict(render_site(catalog).pages)


def prepare(catalog: Catalog) -> None:
    """Build what every page reads (the record graph above all: a second and a half at
    10,000 papers), so that a process forked afterwards shares it instead of building it."""
    _ = catalog.graph, catalog.root_paths, catalog.taxonomy_depth


def iter_pages(catalog: Catalog, order: PageOrder = str) -> Iterator[tuple[str, str]]:
    """(path, text) of every page, one rendering job at a time, in `order` of the paths (a
    job with several pages comes where its first page would), so that a reader that wants
    them in that order hardly ever waits."""
    context = Context(catalog)
    with collector_paused():  # see _render
        for _key, job in _jobs(context, order):
            yield from job().items()


def job_count(catalog: Catalog) -> int:
    """How many rendering jobs a full render runs (one per record, per author and per
    overview)."""
    return len(catalog.records) + len(catalog.authorship.authors) + len(_OVERVIEWS)


def page_plan(catalog: Catalog, order: PageOrder = str) -> list[str]:
    """The path of every page, sorted by `order`, without rendering any."""
    plan = [path for _, pages_of in _OVERVIEWS.values() for path in pages_of(catalog)]
    plan += [page_path(record.kind, record.id) for record in _records(catalog)]
    plan += [author_path(author_id) for author_id in catalog.authorship.authors]
    return sorted(plan, key=order)


def render_site(catalog: Catalog) -> Rendering:
    """Every page, and what each job looked at, for `rerender` after an edit."""
    return _render(catalog, None, None)


def rerender(previous: Rendering, catalog: Catalog) -> Rendering:
    """The pages of `catalog`, an edited `previous.catalog`: only the jobs that looked at
    something the edit changed run again; every other page is reused as it was.

    The result is the same as `render_site(catalog)` (the tests compare them after many
    kinds of edit); it is only cheaper.
    """
    context = Context(catalog)
    changed = changed_records(previous.catalog, catalog)
    # A label depends on other records (two "Smith et al. 2020" read 2020a and 2020b), so
    # a record whose label moved counts as changed even if its file did not.
    labels = context.labels
    for record_id in labels.keys() | previous.labels.keys():
        if labels.get(record_id) != previous.labels.get(record_id):
            changed.update((record_id, label_note(record_id)))
    return _render(catalog, frozenset(changed), previous, context)


def changed_records(before: Catalog, after: Catalog) -> set[str]:
    """The notes (see `_reads`) an edit invalidates: records added, removed, edited or moved
    to another file; a "*kind" note for each kind with any of those; the lookup note
    "?kind:x" of their kind for every record x whose mention changed (in a record added or
    removed, everything it mentions; in an edited one, what it mentions in a field before the
    edit or after but not both); and the `author_note` of every author, before and after, of a
    paper added, removed, or whose authors changed. A record edited only in fields no other
    page shows (`OWN_PAGE_FIELDS`) invalidates its own page's note instead of its id and kind."""
    old, new = before.records, after.records
    edited = {
        record_id
        for record_id in old.keys() | new.keys()
        # Records reused from the previous load are the same objects: no comparison then.
        if (
            old.get(record_id) is not new.get(record_id)
            and old.get(record_id) != new.get(record_id)
        )
        or (record_id in old and record_id in new and not before.same_source(after, record_id))
    }
    known = old.keys() | new.keys()
    changed: set[str] = set()
    for record_id in edited:
        versions = [v for v in (old.get(record_id), new.get(record_id)) if v is not None]
        mentions = [_field_mentions(version, known) for version in versions]
        same_kind = len(versions) == 2 and type(versions[0]) is type(versions[1])  # noqa: PLR2004
        if same_kind and before.same_source(after, record_id) and _own_page_only(*versions):
            changed.add(own_page_note(record_id))
        else:
            changed.add(record_id)
            changed.update(every(version) for version in versions)
        if same_kind:
            moved = mentions[0] ^ mentions[1]
            changed.update(lookup_note(type(versions[0]), m) for _, m in moved if m != record_id)
        else:
            # Added, removed, or the id now names a record of another kind: every mention of
            # each version counts, under its own kind; and a link to it changes even where its
            # label reads the same.
            for version, found in zip(versions, mentions, strict=True):
                changed.update(lookup_note(type(version), m) for _, m in found if m != record_id)
            changed.add(label_note(record_id))
        if len(versions) == 1 or getattr(versions[0], "authors", None) != getattr(
            versions[1], "authors", None
        ):
            for catalog in (before, after):
                changed.update(map(author_note, catalog.authorship.by_paper.get(record_id, ())))
    return changed


def _own_page_only(before: Record, after: Record) -> bool:
    """Whether two versions of a record differ only in fields its own page alone shows."""
    own = OWN_PAGE_FIELDS.get(type(before), frozenset())
    return bool(own) and all(
        getattr(before, field) == getattr(after, field)
        for field in type(before).model_fields
        if field not in own
    )


def _field_mentions(record: Record, known: set[str]) -> set[tuple[str, str]]:
    """(field, record id) for every record id in a record's data, by its top-level field: a
    lookup of "the records that mention x in field f" changes only when one of these does."""
    return {
        (field, mentioned)
        for field, value in record.model_dump().items()
        for mentioned in _mentions(value, known)
    }


def _mentions(value: object, known: set[str] | frozenset[str]) -> Iterator[str]:
    """Every string inside a record's data that is a record id: the records it refers to,
    whatever the field (over-counting a title that equals an id only renders more)."""
    if isinstance(value, str):
        if value in known:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _mentions(item, known)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _mentions(item, known)


def _render(
    catalog: Catalog,
    changed: frozenset[str] | None,
    previous: Rendering | None,
    context: Context | None = None,
) -> Rendering:
    # Rendering allocates a great many objects, nearly all acyclic; with a catalog or two in
    # memory, the collector's full passes over that heap were most of a 10,000-paper rerender.
    with collector_paused():
        return _render_all(catalog, changed, previous, context)


def _render_all(
    catalog: Catalog,
    changed: frozenset[str] | None,
    previous: Rendering | None,
    context: Context | None,
) -> Rendering:
    """Run every job of `catalog`; with a `previous` rendering and the notes an edit
    `changed` since, take each job (and each part of a job) that looked at none of them as
    it was."""
    context = context if context is not None else Context(catalog)
    changed = changed if changed is not None else frozenset()
    # Start from the previous rendering, whole (a dict copy is cheap; rebuilding it job by
    # job was most of a one-page rerender at 10,000 papers), and replace what runs again.
    pages = dict(previous.pages) if previous is not None else {}
    job_pages = dict(previous.job_pages) if previous is not None else {}
    job_reads = dict(previous.job_reads) if previous is not None else {}
    job_parts = dict(previous.job_parts) if previous is not None else {}
    rendered: set[str] = set()
    jobs = _jobs(context, None)
    for gone in job_pages.keys() - {key for key, _ in jobs}:
        for path in job_pages.pop(gone):
            del pages[path]
        del job_reads[gone], job_parts[gone]
    listed = set(pages)
    stale: set[str] = set()  # pages a job that ran again no longer makes
    made: set[str] = set()
    for key, job in jobs:
        reads = job_reads.get(key)
        if reads is not None and reads.isdisjoint(changed):
            continue  # taken as it was
        own = own_page_note(key)
        context.view.reads = {key, own} if not key.startswith("@") else set()
        # A page whose record changed where only its page looks makes all its parts again.
        kept_parts = job_parts.get(key, {}) if own not in changed else {}
        context.collect_parts(kept_parts, changed)
        produced = job()
        stale.update(job_pages.get(key, ()))
        made.update(produced)
        pages.update(produced)
        job_pages[key] = tuple(produced)
        job_reads[key] = frozenset(context.view.reads)
        job_parts[key] = context.parts_made()
        rendered.add(key)
    for path in stale - made:
        del pages[path]
    # In path order, as a full rendering lists them; already so when no page came or went.
    if previous is None or pages.keys() != listed:
        pages = dict(sorted(pages.items()))
    return Rendering(
        catalog=catalog,
        pages=pages,
        job_pages=job_pages,
        job_reads=job_reads,
        labels=context.labels,
        rendered=frozenset(rendered),
        job_parts=job_parts,
    )


def _jobs(
    context: Context, order: PageOrder | None
) -> list[tuple[str, Callable[[], dict[str, str]]]]:
    """(key, render) for every overview page and every record's page, in `order` of their
    pages (None: in no particular order, for a caller that sorts the pages itself; working
    out the overviews' pages first is a second at 10,000 papers)."""
    catalog = context.catalog
    jobs: list[tuple[str, Callable[[], dict[str, str]]]] = [
        (key, partial(overview, context)) for key, (overview, _) in _OVERVIEWS.items()
    ]
    jobs += [(record.id, partial(_record_page, context, record)) for record in _records(catalog)]
    # One job per person ("@author:<id>"; no record id has an "@"), so that an edit to one
    # paper renders again only the pages of its authors and their co-authors.
    jobs += [
        (f"@author:{author_id}", partial(render_author, context, author_id))
        for author_id in catalog.authorship.authors
    ]
    if order is None:
        return jobs
    first_pages = {
        key: min(map(order, pages_of(catalog))) for key, (_, pages_of) in _OVERVIEWS.items()
    }
    first_pages.update(
        (record.id, order(page_path(record.kind, record.id))) for record in _records(catalog)
    )
    first_pages.update(
        (f"@author:{author_id}", order(author_path(author_id)))
        for author_id in catalog.authorship.authors
    )
    return sorted(jobs, key=lambda job: first_pages[job[0]])


def _records(
    catalog: Catalog,
) -> Iterator[AnyRecord]:
    yield from catalog.papers
    yield from catalog.methods
    yield from catalog.categories
    yield from catalog.scenarios
    yield from catalog.problems
    yield from catalog.benchmarks
    yield from catalog.applications
    yield from catalog.metrics
    yield from catalog.result_tables


def _record_page(
    context: Context,
    record: AnyRecord,
) -> dict[str, str]:
    if isinstance(record, Paper):
        return render_paper(context, record)
    if isinstance(record, Method):
        return render_method(context, record)
    if isinstance(record, Category):
        return render_category(context, record)
    if isinstance(record, ResultTable):
        return render_result_table(context, record)
    return render_term(context, record)
