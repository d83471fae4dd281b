"""The indexes a catalog takes from the last one (catalog._last) are right after an edit of
each field they read: checked against the same index worked out afresh."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cl_survey import Catalog
from cl_survey.catalog._authors import _authorship
from cl_survey.catalog._results import leaderboards, result_entries

if TYPE_CHECKING:
    from collections.abc import Callable


def _replaced(catalog: Catalog, *replacing: Any) -> Catalog:
    records = {**catalog.records, **{record.id: record for record in replacing}}
    files = {record_id: catalog.source_path(record_id) for record_id in records}
    return Catalog(root=catalog.root, records=records, files=files)


def _edits(catalog: Catalog) -> dict[str, tuple[tuple[Any, ...], Callable[[], Any]]]:
    """Each edit: the records it starts from (replacing the bundled ones), and the record it
    replaces then. Together they touch every field the indexes read."""
    paper = catalog.paper("dohare2024loss")
    table = next(t for t in catalog.result_tables if any(r.method for r in t.rows))
    method = catalog.method(next(r.method for r in table.rows if r.method is not None))
    introducer = catalog.paper(method.introduced_by or "")
    metric = catalog.metric(table.metrics[0])
    category = next(c for c in catalog.categories if c.parents)
    other_family = next(
        c.id for c in catalog.categories if not c.parents and c.id not in category.parents
    )
    scenario = next(s.id for s in catalog.scenarios if s.id not in paper.scenarios)

    def copy(record: Any, **update: Any) -> tuple[tuple[Any, ...], Callable[[], Any]]:
        return (), lambda: record.model_copy(update=update)

    # A row that names no label is shown by its method's acronym or name.
    unlabelled = table.model_copy(
        update={"rows": tuple(row.model_copy(update={"label": None}) for row in table.rows)}
    )
    placed_by_methods = next(p for p in catalog.papers if p.proposes and not p.categories)
    moved = method.categories[0].model_copy(update={"category": other_family})
    return {
        "paper authors": copy(paper, authors=paper.authors[:1]),
        "paper year": copy(introducer, year=1990),
        "paper scenarios": copy(paper, scenarios=(*paper.scenarios, scenario)),
        "paper problems": copy(paper, problems=()),
        "paper benchmarks": copy(paper, benchmarks=()),
        "paper applications": copy(paper, applications=()),
        "paper categories": copy(
            paper, categories=(paper.categories[0].model_copy(update={"category": other_family}),)
        ),
        "paper proposes": copy(placed_by_methods, proposes=()),
        "method acronym and name": (
            (unlabelled,),
            lambda: method.model_copy(update={"acronym": "QQ", "name": "Quokka"}),
        ),
        "method introduced by": copy(method, introduced_by=paper.id),
        "method categories": copy(method, categories=(moved,)),
        "category parents": copy(category, parents=(other_family,)),
        "result table rows": copy(table, rows=table.rows[:1]),
        "metric unit": copy(metric, unit="fraction"),
        "person name": copy(
            catalog.people[0],
            name="Quokka Quokka",
            aliases=(*catalog.people[0].aliases, catalog.people[0].name),
        ),
    }


def _indexes(catalog: Catalog) -> tuple[Any, ...]:
    return (
        catalog.authorship,
        catalog._result_entries,  # noqa: SLF001
        catalog.leaderboards,
        catalog._facet_index,  # noqa: SLF001
    )


def _fresh(catalog: Catalog) -> tuple[Any, ...]:
    entries = tuple(result_entries(catalog))
    return (
        _authorship(catalog.papers, catalog.people),
        entries,
        tuple(leaderboards(entries)),
        catalog._make_facet_index(),  # noqa: SLF001
    )


@pytest.mark.parametrize(
    "edit",
    [
        "paper authors",
        "paper year",
        "paper scenarios",
        "paper problems",
        "paper benchmarks",
        "paper applications",
        "paper categories",
        "paper proposes",
        "method acronym and name",
        "method introduced by",
        "method categories",
        "category parents",
        "result table rows",
        "metric unit",
        "person name",
    ],
)
def test_an_index_taken_from_the_last_catalog_is_right_after_the_edit(
    bundled_catalog, edit: str
) -> None:
    # Fresh catalogs, so that each index is worked out for the first one, then asked for by
    # the edited one (which is when the last answer may be taken).
    starting, replacing = _edits(bundled_catalog)[edit]
    before = _replaced(bundled_catalog, *starting)
    _indexes(before)
    after = _replaced(before, replacing())
    assert _indexes(after) == _fresh(after)
    assert _indexes(after) != _fresh(before)  # the edit changed something an index shows


def test_an_edit_of_nothing_they_read_keeps_every_index(bundled_catalog) -> None:
    before = _replaced(bundled_catalog)
    kept = _indexes(before)
    paper = before.paper("dohare2024loss")
    after = _replaced(before, paper.model_copy(update={"title": "Quokka", "keywords": ()}))
    assert all(a is b for a, b in zip(_indexes(after), kept, strict=True))
