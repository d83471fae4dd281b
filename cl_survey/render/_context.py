"""What every page renderer needs: the catalog, record labels, links and front matter."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from cl_survey.records import Category, Method, Paper, record_label, record_name, surname
from cl_survey.render._html import Markup, link, shorten, text
from cl_survey.render._memo import per_record
from cl_survey.render._reads import KIND_NOTES, CatalogView, label_note
from cl_survey.render._urls import href, page_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from cl_survey.catalog import Catalog
    from cl_survey.records import Relation

__all__ = ["Context", "Parts", "page_meta"]

T = TypeVar("T")

Parts = dict[str, tuple[Any, frozenset[str]]]
"""Part key -> (what the part made, what it looked at); see `Context.part`."""

DESCRIPTION_LIMIT = 200


def page_meta(title: str, description: str | None = None, **extra: object) -> dict[str, object]:
    """Front matter. Material prints `title` and `description` into HTML unescaped, so both
    are stored already escaped; `citation` values are escaped by overrides/main.html."""
    # Record pages are not in the nav: hiding its empty sidebar gives tables the width.
    meta: dict[str, object] = {"title": str(text(title)), "hide": ["navigation"]}
    if description:
        meta["description"] = str(text(shorten(description, DESCRIPTION_LIMIT)))
    meta.update({key: value for key, value in extra.items() if value})
    return meta


class _PartStore:
    """The parts of the rendering job under way (see `Context.part`)."""

    def __init__(self) -> None:
        self.collecting = False
        self.kept: Parts = {}
        self.changed: frozenset[str] = frozenset()
        self.made: Parts = {}


@per_record  # every label is worked out again after each edit in serve
def _short_cite(paper: Paper) -> str:
    """ "Surname Year", "Surname & Other Year" or "Surname et al. Year"."""
    surnames = [surname(author) for author in paper.authors]
    match surnames:
        case [only]:
            names = only
        case [first, second]:
            names = f"{first} & {second}"
        case _:
            names = f"{surnames[0]} et al."
    return f"{names} {paper.year}"


_record_label = per_record(record_label)


def _letters(position: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ...: the suffixes that tell same-year cites apart."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


@dataclass(frozen=True)
class Context:
    """Renderers read the catalog through `view`, which notes what they looked at; the
    labels and reverse indexes here are built once from `catalog`, the whole catalog."""

    catalog: Catalog
    view: CatalogView = field(init=False)
    _parts: _PartStore = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "view", CatalogView(self.catalog))
        object.__setattr__(self, "_parts", _PartStore())

    def collect_parts(self, kept: Parts, changed: frozenset[str]) -> None:
        """From now on, keep each `part` made (see `parts_made`); take the ones in `kept`, made
        for an earlier rendering, as they are where they looked at nothing in `changed`."""
        store = self._parts
        store.collecting, store.kept, store.changed, store.made = True, kept, changed, {}

    def parts_made(self) -> Parts:
        """The parts made or taken since `collect_parts`."""
        made, self._parts.made = self._parts.made, {}
        return made

    def part(self, key: str, make: Callable[[], T]) -> T:
        """`make()`, one piece of an overview page (a row, a leaderboard), reading the catalog
        through `view` like a whole page does. A page that lists every paper runs again after
        any paper's edit, but its pieces about other papers need not be made again: a piece
        kept from the last rendering is taken as it is unless something it looked at changed.
        `key` names the piece within the rendering (a page path, a row id); what it looked
        at counts for the page too."""
        store = self._parts
        if not store.collecting:
            return make()
        kept = store.kept.get(key)
        if kept is not None and kept[1].isdisjoint(store.changed):
            value, reads = cast("T", kept[0]), kept[1]
        else:
            outer = self.view.reads
            self.view.reads = set()
            try:
                value = make()
            finally:
                reads = frozenset(self.view.reads)
                self.view.reads = outer
        self.view.reads |= reads
        store.made[key] = (value, reads)
        return value

    def kind(self, record_id: str) -> str:
        # An id names one record, of one kind, for as long as it exists: nothing to note.
        return str(self.catalog.records[record_id].kind)  # type: ignore[attr-defined]

    def path(self, record_id: str) -> str:
        self.view.note(label_note(record_id))  # where the page is: see `_reads`
        return page_path(self.kind(record_id), record_id)

    def label(self, record_id: str) -> str:
        """A short name: a method's acronym, a paper's "Surname et al. Year", else the name."""
        # Labels depend on other records too (two "Smith et al. 2020" become 2020a and
        # 2020b): rerender compares them before and after an edit.
        self.view.note(label_note(record_id))
        if self.kind(record_id) == "paper":
            return self.citation_labels[record_id]
        return self.record_labels[record_id]

    def name(self, record_id: str) -> str:
        self.view.note(record_id)
        return record_name(self.catalog.records[record_id])

    def ref(self, from_page: str, record_id: str, label: str | Markup | None = None) -> Markup:
        """A link to a record's page; the label defaults to its short name."""
        shown = text(self.label(record_id)) if label is None else label
        return link(href(from_page, self.path(record_id)), shown)

    def refs(self, from_page: str, record_ids: Iterable[str]) -> list[Markup]:
        return [self.ref(from_page, record_id) for record_id in record_ids]

    def papers_using(self, kind: str, term_id: str) -> tuple[Paper, ...]:
        """Papers that study a scenario, address a problem, evaluate on a benchmark or work in
        an application area."""
        return self.view.papers_using(kind, term_id)

    def edit_path(self, record_id: str) -> str:
        """The record's file relative to the catalog, for the "edit this page" button."""
        self.view.note(record_id)
        return self.catalog.source_path(record_id).relative_to(self.catalog.root).as_posix()

    def incoming(self, paper_id: str) -> tuple[tuple[str, Relation], ...]:
        """(citing paper id, relation) for every relation that points at `paper_id`."""
        found = self.incoming_relations.get(paper_id, ())
        self.view.note_lookup(Paper, paper_id)
        self.view.note(*(source for source, _ in found))
        return found

    def proposers_of(self, method_id: str) -> tuple[Paper, ...]:
        """The papers that propose a method, its introducing paper first."""
        self.view.note_lookup(Paper, method_id)
        self.view.note(method_id)  # its introducing paper comes first
        return tuple(self.view.paper(p) for p in self.proposers.get(method_id, ()))

    def methods_in(self, category_id: str) -> tuple[str, ...]:
        """The ids of the methods placed directly in a category."""
        found = self.methods_by_category.get(category_id, ())
        self.view.note_lookup(Method, category_id)
        self.view.note(*found)
        return found

    @cached_property
    def labels(self) -> Mapping[str, str]:
        """Every record's label (see `label`)."""
        return {**self.record_labels, **self.citation_labels}

    @cached_property
    def citation_labels(self) -> Mapping[str, str]:
        """Paper id -> short cite, with a, b, ... after the year where two would read alike."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for paper in self.catalog.papers:
            by_label[_short_cite(paper)].append(paper.id)
        labels: dict[str, str] = {}
        for label, paper_ids in by_label.items():
            if len(paper_ids) == 1:
                labels[paper_ids[0]] = label
                continue
            for position, paper_id in enumerate(sorted(paper_ids)):
                labels[paper_id] = f"{label}{_letters(position)}"
        return labels

    @cached_property
    def methods_by_category(self) -> Mapping[str, tuple[str, ...]]:
        """Category id -> the methods placed directly in it."""
        found: dict[str, list[str]] = defaultdict(list)
        for method in self.catalog.methods:
            for assignment in method.categories:
                found[assignment.category].append(method.id)
        return {category: tuple(ids) for category, ids in found.items()}

    @cached_property
    def record_labels(self) -> Mapping[str, str]:
        """Record id -> short name; where two records share one (the two DERs), their full
        names instead, so a reader never has to guess which is meant."""
        records = self.catalog.records
        by_label: dict[str, list[str]] = defaultdict(list)
        for record_id, record in records.items():
            if not isinstance(record, Paper):
                by_label[_record_label(record)].append(record_id)
        labels: dict[str, str] = {}
        for label, record_ids in by_label.items():
            for record_id in record_ids:
                name = record_name(records[record_id])
                labels[record_id] = label if len(record_ids) == 1 else f"{label} ({name})"
        return labels

    @cached_property
    def incoming_relations(self) -> Mapping[str, tuple[tuple[str, Relation], ...]]:
        """Paper id -> (citing paper id, relation) for every relation that points at it."""
        found: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
        for paper in self.catalog.papers:
            for relation in paper.relations:
                found[relation.paper].append((paper.id, relation))
        return {target: tuple(items) for target, items in found.items()}

    @cached_property
    def proposers(self) -> Mapping[str, tuple[str, ...]]:
        """Method id -> ids of the papers that propose it (its introducing paper first)."""
        found: dict[str, list[str]] = defaultdict(list)
        for paper in self.catalog.papers:
            for method_id in paper.proposes:
                found[method_id].append(paper.id)
        for method in self.catalog.methods:
            papers = found[method.id]
            if method.introduced_by is not None:
                if method.introduced_by in papers:
                    papers.remove(method.introduced_by)
                papers.insert(0, method.introduced_by)
        return {method_id: tuple(ids) for method_id, ids in found.items()}

    @property
    def families(self) -> tuple[str, ...]:
        """The taxonomy's roots, in id order."""
        self.view.note(KIND_NOTES[Category])
        return self._families

    @cached_property
    def _families(self) -> tuple[str, ...]:
        taxonomy = self.catalog.taxonomy
        return tuple(sorted(node for node in taxonomy if taxonomy.in_degree(node) == 0))

    def families_of(self, record_id: str) -> tuple[str, ...]:
        if self.kind(record_id) == "category" and record_id in self._families:
            return (record_id,)
        return tuple(sorted({path[0] for path in self.view.paths_to_root(record_id)}))

    def paper_facets(self, paper_id: str) -> tuple[set[str], set[str], set[int]]:
        """Scenarios, problems and years of one paper (used to filter graph nodes)."""
        paper = self.view.paper(paper_id)
        return set(paper.scenarios), set(paper.problems), {paper.year}
