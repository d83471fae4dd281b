"""Checks that span records: ids, references, unique identifiers, an acyclic taxonomy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from cl_survey._errors import Diagnostic, did_you_mean
from cl_survey.records._models import (
    CURATOR,
    ID_PATTERN,
    Application,
    Benchmark,
    Category,
    Method,
    Paper,
    Person,
    Problem,
    Scenario,
)
from cl_survey.records._result_checks import check_result_tables
from cl_survey.records._result_models import Metric, ResultTable
from cl_survey.records._sound import SoundRecords

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from cl_survey.records._files import LoadedRecord

__all__ = ["check_references"]

Loc = tuple[int | str, ...]


@dataclass(frozen=True, slots=True)
class _Reference:
    source: LoadedRecord
    loc: Loc
    target_kind: type
    value: str


def check_references(
    loaded: Mapping[str, LoadedRecord],
    failed: Mapping[type, set[str]],
    invalid: Iterable[LoadedRecord] = (),
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Errors and warnings about how records refer to each other.

    `failed` holds the ids of files that exist but did not validate: references to them are
    not reported again, since their own file already has an error.
    """
    by_kind: dict[type, set[str]] = defaultdict(set)
    for kind, ids in failed.items():
        by_kind[kind].update(ids)
    for record_id, item in loaded.items():
        by_kind[type(item.record)].add(record_id)
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    repeated: list[Diagnostic] = []
    # A record's own checks depend on it and the catalog's ids alone.
    sound = SoundRecords("references", {kind: frozenset(ids) for kind, ids in by_kind.items()})
    for item in loaded.values():
        if sound.was_sound(item.record):
            continue
        own = [
            problem
            for reference in _references((item,))
            for problem in _dangling(reference, by_kind)
        ]
        twice = list(_repeated_entries(item))
        errors.extend(own)
        repeated.extend(twice)
        if not own and not twice:
            sound.add(item.record)
    sound.keep()
    for item in invalid:
        # Files that failed validation: their well-formed references are checked too, so a
        # fix does not reveal a second round of problems.
        for reference in _raw_references(item):
            errors.extend(_dangling(reference, by_kind))
    errors.extend(repeated)
    errors.extend(_duplicate_identifiers(loaded.values()))
    errors.extend(_taxonomy_cycles(loaded))
    errors.extend(check_result_tables(loaded))
    errors.extend(_ambiguous_names(loaded))
    warnings.extend(_relations_to_later_works(loaded))
    return errors, warnings


def _at(
    item: LoadedRecord, loc: Loc, code: str, message: str, *, at_key: bool = False
) -> Diagnostic:
    return item.diagnostic(loc, code, message, at_key=at_key)


def _warning_at(item: LoadedRecord, loc: Loc, code: str, message: str) -> Diagnostic:
    return item.diagnostic(loc, code, message, severity="warning")


_KIND_NAMES: dict[type, str] = {
    Paper: "paper",
    Method: "method",
    Category: "category",
    Scenario: "scenario",
    Problem: "problem",
    Benchmark: "benchmark",
    Application: "application",
    Metric: "metric",
    Person: "person",
    ResultTable: "result table",
}


def _references(
    items: Iterable[LoadedRecord],
) -> Iterator[_Reference]:  # one flat walk per kind reads best
    for item in items:
        record = item.record
        if isinstance(record, Paper):
            yield from _ids(item, ("proposes",), Method, record.proposes)
            yield from _ids(item, ("scenarios",), Scenario, record.scenarios)
            yield from _ids(item, ("problems",), Problem, record.problems)
            yield from _ids(item, ("benchmarks",), Benchmark, record.benchmarks)
            yield from _ids(item, ("applications",), Application, record.applications)
            yield from _assignments(item, record.categories)
            for index, relation in enumerate(record.relations):
                yield _Reference(item, ("relations", index, "paper"), Paper, relation.paper)
            for f_index, finding in enumerate(record.findings):
                for e_index, evidence in enumerate(finding.evidence):
                    loc: Loc = ("findings", f_index, "evidence", e_index)
                    if evidence.benchmark is not None:
                        yield _Reference(item, (*loc, "benchmark"), Benchmark, evidence.benchmark)
                    if evidence.scenario is not None:
                        yield _Reference(item, (*loc, "scenario"), Scenario, evidence.scenario)
        elif isinstance(record, Method):
            yield from _assignments(item, record.categories)
            if record.introduced_by is not None:
                yield _Reference(item, ("introduced_by",), Paper, record.introduced_by)
        elif isinstance(record, Category):
            yield from _ids(item, ("parents",), Category, record.parents)
            if record.defined_by is not None:
                yield _Reference(item, ("defined_by",), Paper, record.defined_by)
            for index, mapping in enumerate(record.maps_to):
                yield _Reference(item, ("maps_to", index, "survey"), Paper, mapping.survey)
        elif isinstance(record, Scenario) and record.defined_by is not None:
            yield _Reference(item, ("defined_by",), Paper, record.defined_by)
        elif isinstance(record, Benchmark):
            yield from _ids(item, ("based_on",), Benchmark, record.based_on)
            if record.introduced_by is not None:
                yield _Reference(item, ("introduced_by",), Paper, record.introduced_by)
        elif isinstance(record, ResultTable):
            yield from _table_references(item, record)
        elif isinstance(record, Person):
            yield from _ids(item, ("papers",), Paper, record.papers)


def _table_references(item: LoadedRecord, table: ResultTable) -> Iterator[_Reference]:
    for field in ("paper", "quoted_from"):
        if (value := getattr(table.source, field)) is not None:
            yield _Reference(item, ("source", field), Paper, value)
    yield _Reference(item, ("protocol", "benchmark"), Benchmark, table.protocol.benchmark)
    if table.protocol.scenario is not None:
        yield _Reference(item, ("protocol", "scenario"), Scenario, table.protocol.scenario)
    yield from _ids(item, ("metrics",), Metric, table.metrics)
    for index, row in enumerate(table.rows):
        if row.method is not None:
            yield _Reference(item, ("rows", index, "method"), Method, row.method)
        if row.quoted_from is not None:
            yield _Reference(item, ("rows", index, "quoted_from"), Paper, row.quoted_from)


# For records that did not validate: field -> kind of record each of its ids names.
_RAW_ID_LISTS: dict[type, dict[str, type]] = {
    Paper: {
        "proposes": Method,
        "scenarios": Scenario,
        "problems": Problem,
        "benchmarks": Benchmark,
        "applications": Application,
    },
    Category: {"parents": Category},
    Benchmark: {"based_on": Benchmark},
}
_RAW_IDS: dict[type, dict[str, type]] = {
    Method: {"introduced_by": Paper},
    Category: {"defined_by": Paper},
    Scenario: {"defined_by": Paper},
    Benchmark: {"introduced_by": Paper},
}


def _raw_references(item: LoadedRecord) -> Iterator[_Reference]:
    """References in an invalid record's raw data (`item.record` is the parsed mapping),
    where they are well-formed ids; malformed values already have their own error."""
    data = item.record
    model = item.file.model
    for field, kind in _RAW_ID_LISTS.get(model, {}).items():
        values = data.get(field)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if (record_id := _as_id(value)) is not None:
                    yield _Reference(item, (field, index), kind, record_id)
    for field, kind in _RAW_IDS.get(model, {}).items():
        if (record_id := _as_id(data.get(field))) is not None:
            yield _Reference(item, (field,), kind, record_id)
    for index, entry in enumerate(_mappings(data.get("categories"))):
        if (record_id := _as_id(entry.get("category"))) is not None:
            yield _Reference(item, ("categories", index, "category"), Category, record_id)
    if model is Paper:
        for index, entry in enumerate(_mappings(data.get("relations"))):
            if (record_id := _as_id(entry.get("paper"))) is not None:
                yield _Reference(item, ("relations", index, "paper"), Paper, record_id)


def _as_id(value: object) -> str | None:
    """`value` when it is a well-formed id, else None."""
    return value if isinstance(value, str) and ID_PATTERN.fullmatch(value) else None


def _mappings(value: object) -> list[dict[str, object]]:
    if not isinstance(value, list):
        return []
    return [entry if isinstance(entry, dict) else {} for entry in value]


def _ids(item: LoadedRecord, loc: Loc, kind: type, values: Iterable[str]) -> Iterator[_Reference]:
    for index, value in enumerate(values):
        yield _Reference(item, (*loc, index), kind, value)


def _assignments(item: LoadedRecord, assignments: Iterable[object]) -> Iterator[_Reference]:
    for index, assignment in enumerate(assignments):
        category = getattr(assignment, "category")  # noqa: B009  # typed as object to stay generic
        by = getattr(assignment, "assigned_by")  # noqa: B009
        yield _Reference(item, ("categories", index, "category"), Category, category)
        if by != CURATOR:
            yield _Reference(item, ("categories", index, "assigned_by"), Paper, by)


def _dangling(reference: _Reference, by_kind: Mapping[type, set[str]]) -> Iterator[Diagnostic]:
    known = by_kind.get(reference.target_kind, set())
    if reference.value in known:
        return
    kind_name = _KIND_NAMES[reference.target_kind]
    extra = " or 'curator'" if reference.loc[-1] == "assigned_by" else ""
    hint = did_you_mean(reference.value, known)
    message = f"unknown {kind_name} {reference.value!r}{hint}"
    if not hint:
        message += f"; use the id of a {kind_name} in the catalog{extra}"
    yield _at(reference.source, reference.loc, "unknown-reference", message)


_LISTS_OF_IDS = (
    "proposes",
    "scenarios",
    "problems",
    "benchmarks",
    "applications",
    "metrics",
    "parents",
    "based_on",
)
_LISTS_BY_MODEL: dict[type, tuple[str, ...]] = {}


def _lists_of_ids(model: type) -> tuple[str, ...]:
    """The fields of `model` that list ids (asking a pydantic model for a field it does not
    have goes through its slow __getattr__: a fifth of a 10,000-paper load's checks)."""
    found = _LISTS_BY_MODEL.get(model)
    if found is None:
        fields = getattr(model, "model_fields", {})
        found = _LISTS_BY_MODEL[model] = tuple(f for f in _LISTS_OF_IDS if f in fields)
    return found


def _repeated_entries(item: LoadedRecord) -> Iterator[Diagnostic]:
    record = item.record
    for field in _lists_of_ids(type(record)):
        values = getattr(record, field)
        if len(set(values)) == len(values):
            continue
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                message = f"{value!r} is listed twice in {field}; remove one"
                yield _at(item, (field, index), "repeated-entry", message)
            seen.add(value)
    if isinstance(record, Category) and record.id in record.parents:
        index = record.parents.index(record.id)
        message = f"category {record.id!r} lists itself as a parent"
        yield _at(item, ("parents", index), "taxonomy-cycle", message)
    if isinstance(record, Paper):
        for index, relation in enumerate(record.relations):
            if relation.paper == record.id:
                message = f"paper {record.id!r} cannot relate to itself"
                yield _at(item, ("relations", index, "paper"), "self-relation", message)


def _duplicate_identifiers(items: Iterable[LoadedRecord]) -> Iterator[Diagnostic]:
    first_seen: dict[tuple[str, str], LoadedRecord] = {}
    for item in items:
        record = item.record
        if not isinstance(record, Paper):
            continue
        key = ("cite key", record.citation_key.casefold())
        other = first_seen.setdefault(key, item)
        if other is not item:
            message = (
                f"cite key {record.citation_key} is already used by paper {other.record.id!r} "
                f"({other.file.display}); every paper needs its own, so that a citation names "
                "one paper"
            )
            loc = ("cite_key",) if record.cite_key else ("id",)
            yield _at(item, loc, "duplicate-cite-key", message)
        for scheme in ("doi", "arxiv"):
            value = getattr(record.identifiers, scheme)
            if value is None:
                continue
            key = (scheme, value.casefold())
            other = first_seen.setdefault(key, item)
            if other is not item:
                label = "DOI" if scheme == "doi" else "arXiv id"
                message = (
                    f"{label} {value} is already used by paper {other.record.id!r} "
                    f"({other.file.display}); one paper, one record"
                )
                yield _at(item, ("identifiers", scheme), "duplicate-identifier", message)


def _taxonomy_cycles(loaded: Mapping[str, LoadedRecord]) -> Iterator[Diagnostic]:
    graph: nx.DiGraph[str] = nx.DiGraph()
    for record_id, item in loaded.items():
        if isinstance(item.record, Category):
            graph.add_node(record_id)
            for parent in item.record.parents:
                if parent != record_id and parent in loaded:
                    graph.add_edge(record_id, parent)
    for cycle in nx.simple_cycles(graph):
        first = min(cycle)
        start = cycle.index(first)
        ordered = cycle[start:] + cycle[:start]
        item = loaded[first]
        parent = ordered[(1) % len(ordered)]
        index = item.record.parents.index(parent)
        path = " -> ".join([*ordered, first])
        message = f"the taxonomy has a cycle: {path}; a category cannot be its own ancestor"
        yield _at(item, ("parents", index), "taxonomy-cycle", message)


def _relations_to_later_works(loaded: Mapping[str, LoadedRecord]) -> Iterator[Diagnostic]:
    """A paper builds on, compares to, extends or surveys work that existed before it: a
    relation to a work whose first version came after this one's last version is suspect."""
    for item in loaded.values():
        record = item.record
        if not isinstance(record, Paper):
            continue
        for index, relation in enumerate(record.relations):
            target = loaded.get(relation.paper)
            if target is None or not isinstance(target.record, Paper):
                continue
            first, last = target.record.first_year, record.last_year
            if first > last:
                message = (
                    f"{relation.type.value.replace('_', ' ')} {relation.paper!r}, whose first "
                    f"version ({first}) is "
                    f"later than this paper's last version ({last}); check the relation type, "
                    "the years or the versions"
                )
                yield _warning_at(item, ("relations", index, "paper"), "time-travel", message)


def _ambiguous_names(loaded: Mapping[str, LoadedRecord]) -> Iterator[Diagnostic]:
    """A name (or alias) that two people claim for the same paper, or for every paper."""
    claims: dict[str, list[tuple[LoadedRecord, tuple[int | str, ...]]]] = defaultdict(list)
    for item in loaded.values():
        if isinstance(item.record, Person):
            person = item.record
            claims[person.name.casefold()].append((item, ("name",)))
            for index, alias in enumerate(person.aliases):
                claims[alias.casefold()].append((item, ("aliases", index)))
    for claimants in claims.values():
        for position, (item, loc) in enumerate(claimants):
            for other, _ in claimants[:position]:
                mine, theirs = set(item.record.papers), set(other.record.papers)
                if other is item or (mine and theirs and not mine & theirs):
                    continue
                message = (
                    f"person {other.record.id!r} ({other.file.display}) already goes by this "
                    "name; two people with one name must each list their papers, and no "
                    "paper under both"
                )
                yield _at(item, loc, "ambiguous-name", message)
                break
