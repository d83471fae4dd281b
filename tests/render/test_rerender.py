"""rerender renders again only the jobs an edit can affect, and its pages are exactly what a
full render of the edited catalog makes: checked after random sequences of edits of every
kind a curator makes (hypothesis), and after targeted edits of the bundled catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cl_survey import Catalog
from cl_survey.catalog._authors import _authorship
from cl_survey.catalog._results import leaderboards, result_entries
from cl_survey.records._models import (
    Benchmark,
    Category,
    Contribution,
    Finding,
    Method,
    Paper,
    Problem,
    Relation,
    Scenario,
    Version,
    VersionKind,
)
from cl_survey.render import changed_records, render_pages, render_site, rerender
from cl_survey.render._reads import OWN_PAGE_FIELDS

if TYPE_CHECKING:
    from collections.abc import Callable


def _kind_ids(catalog: Catalog, kind: type) -> list[str]:
    return sorted(rid for rid, record in catalog.records.items() if isinstance(record, kind))


def _with(catalog: Catalog, *records: Any, files: dict[str, Any] | None = None) -> Catalog:
    """`catalog` with `records` replacing (or added beside) those of the same id."""
    merged = dict(catalog.records)
    paths = {rid: catalog.source_path(rid) for rid in catalog.records}
    for record in records:
        if record.id not in paths:
            paths[record.id] = catalog.root / f"{type(record).__name__.lower()}s/{record.id}.yaml"
        merged[record.id] = record
    paths.update(files or {})
    return Catalog(root=catalog.root, records=merged, files=paths)


def _without(catalog: Catalog, record_id: str) -> Catalog:
    records = {rid: r for rid, r in catalog.records.items() if rid != record_id}
    files = {rid: catalog.source_path(rid) for rid in records}
    return Catalog(root=catalog.root, records=records, files=files)


def _mentioned(catalog: Catalog) -> set[str]:
    """Ids some record refers to (so they cannot simply be deleted)."""
    found: set[str] = set()
    for record in catalog.records.values():
        dumped = repr(record.model_dump())
        own = record.model_dump()["id"]
        found.update(rid for rid in catalog.records if f"'{rid}'" in dumped and rid != own)
    return found


def _toggle(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


# Each edit draws what it changes and returns the edited catalog.
def _rename(data: st.DataObject, catalog: Catalog) -> Catalog:
    record = catalog.record(data.draw(st.sampled_from(sorted(catalog.records))))
    others = [r for r in catalog.records.values() if r is not record]
    # Sometimes another record's name, so labels collide and must be told apart.
    clash = data.draw(st.sampled_from(others))
    new = data.draw(st.sampled_from(["Quokka", getattr(clash, "name", None) or "Wombat"]))
    if isinstance(record, Paper):
        return _with(catalog, record.model_copy(update={"title": new}))
    update: dict[str, object] = {"name": new}
    if isinstance(record, Method) and isinstance(clash, Method):
        update["acronym"] = data.draw(st.sampled_from([clash.acronym, "QK", None]))
    return _with(catalog, record.model_copy(update=update))


def _reauthor(data: st.DataObject, catalog: Catalog) -> Catalog:
    papers = [catalog.paper(p) for p in _kind_ids(catalog, Paper)]
    paper, model = data.draw(st.sampled_from(papers)), data.draw(st.sampled_from(papers))
    # Taking another paper's authors and year makes their short cites collide (2020a/b).
    update = {"authors": model.authors, "year": data.draw(st.sampled_from([model.year, 2001]))}
    return _with(catalog, paper.model_copy(update=update))


_LISTS: dict[str, type] = {
    "proposes": Method,
    "scenarios": Scenario,
    "problems": Problem,
    "benchmarks": Benchmark,
}


def _own_page_fields_changed(paper: Paper, marker: str) -> Paper:
    """`paper` with every field only its own page shows changed."""
    contribution = Contribution.THEORY
    update = {
        "summary": paper.summary.model_copy(update={"en": f"{paper.summary.en} {marker}."}),
        "keywords": (*paper.keywords, marker),
        "findings": (*paper.findings, Finding(claim=f"{marker} findings.")),
        "versions": (*paper.versions, Version(kind=VersionKind.ARXIV, year=2001, title=marker)),
        "sources": (*paper.sources, f"https://example.org/{marker}"),
        "unverified": (*paper.unverified, marker),
        "contributions": _toggle(paper.contributions, contribution),
        "cite_key": f"{marker}{paper.year}",
    }
    assert update.keys() == OWN_PAGE_FIELDS[Paper]
    return paper.model_copy(update=update)


def _edit_own_page_fields(data: st.DataObject, catalog: Catalog) -> Catalog:
    paper = catalog.paper(data.draw(st.sampled_from(_kind_ids(catalog, Paper))))
    marker = data.draw(st.sampled_from(["quokka", "wombat"]))
    return _with(catalog, _own_page_fields_changed(paper, marker))


def _toggle_reference(data: st.DataObject, catalog: Catalog) -> Catalog:
    paper = catalog.paper(data.draw(st.sampled_from(_kind_ids(catalog, Paper))))
    field = data.draw(st.sampled_from(sorted(_LISTS)))
    value = data.draw(st.sampled_from(_kind_ids(catalog, _LISTS[field])))
    return _with(catalog, paper.model_copy(update={field: _toggle(getattr(paper, field), value)}))


def _relate(data: st.DataObject, catalog: Catalog) -> Catalog:
    ids = _kind_ids(catalog, Paper)
    paper = catalog.paper(data.draw(st.sampled_from(ids)))
    drop: bool = data.draw(st.booleans())
    if paper.relations and drop:
        return _with(catalog, paper.model_copy(update={"relations": paper.relations[1:]}))
    target = data.draw(st.sampled_from([p for p in ids if p != paper.id]))
    kind = data.draw(st.sampled_from(["builds_on", "compares_to", "extends", "surveys"]))
    relation = Relation(type=kind, paper=target, note=data.draw(st.sampled_from([None, "x"])))
    return _with(catalog, paper.model_copy(update={"relations": (*paper.relations, relation)}))


def _move_method(data: st.DataObject, catalog: Catalog) -> Catalog:
    method = catalog.method(data.draw(st.sampled_from(_kind_ids(catalog, Method))))
    target = data.draw(st.sampled_from(_kind_ids(catalog, Category)))
    first = method.categories[0].model_copy(update={"category": target})
    introduced_by = data.draw(st.sampled_from([None, *_kind_ids(catalog, Paper)]))
    update = {"categories": (first, *method.categories[1:]), "introduced_by": introduced_by}
    return _with(catalog, method.model_copy(update=update))


def _reparent(data: st.DataObject, catalog: Catalog) -> Catalog:
    category = catalog.category(data.draw(st.sampled_from(_kind_ids(catalog, Category))))
    below = {category.id, *catalog.descendants(category.id)}
    allowed = [c for c in _kind_ids(catalog, Category) if c not in below]
    parents = data.draw(st.sampled_from([(), *((c,) for c in allowed)]))
    return _with(catalog, category.model_copy(update={"parents": parents}))


def _add_paper(data: st.DataObject, catalog: Catalog) -> Catalog:
    ids = _kind_ids(catalog, Paper)
    model = catalog.paper(data.draw(st.sampled_from(ids)))
    new_id = f"zeta{2030 + len(ids)}added"
    return _with(catalog, model.model_copy(update={"id": new_id, "title": "An added paper"}))


def _delete(data: st.DataObject, catalog: Catalog) -> Catalog:
    unused = sorted(set(catalog.records) - _mentioned(catalog))
    if not unused:
        return catalog
    return _without(catalog, data.draw(st.sampled_from(unused)))


def _move_file(data: st.DataObject, catalog: Catalog) -> Catalog:
    record_id = data.draw(st.sampled_from(sorted(catalog.records)))
    moved = catalog.source_path(record_id).with_name(f"moved-{record_id}.yaml")
    return _with(catalog, files={record_id: moved})


EDITS: list[Callable[[st.DataObject, Catalog], Catalog]] = [
    _rename,
    _reauthor,
    _edit_own_page_fields,
    _toggle_reference,
    _relate,
    _move_method,
    _reparent,
    _add_paper,
    _delete,
    _move_file,
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_rerender_after_random_edits_equals_a_full_render(fixture_catalog, data) -> None:
    catalog = fixture_catalog
    rendering = render_site(catalog)
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        edit = data.draw(st.sampled_from(EDITS))
        catalog = edit(data, catalog)
        rendering = rerender(rendering, catalog)
        expected = render_site(catalog)
        assert rendering.pages == expected.pages
        assert list(rendering.pages) == list(expected.pages)  # in path order too
        assert rendering.job_reads == expected.job_reads
        assert rendering.job_pages == expected.job_pages
        _assert_reused_indexes_are_right(catalog)


def _assert_reused_indexes_are_right(catalog: Catalog) -> None:
    """The indexes a catalog may take from the last one (see catalog._last), against the
    same indexes worked out afresh: render_site above reads them too, so a stale one would
    not show in its pages."""
    assert catalog.authorship == _authorship(catalog.papers, catalog.people)
    fresh_entries = tuple(result_entries(catalog))
    assert catalog.results() == fresh_entries
    assert catalog.leaderboards == tuple(leaderboards(fresh_entries))
    assert catalog._facet_index == catalog._make_facet_index()  # noqa: SLF001


def _bundled_edits(bundled: Catalog) -> dict[str, Catalog]:
    dohare = bundled.paper("dohare2024loss")
    methods = _kind_ids(bundled, Method)
    der = [m for m in methods if bundled.method(m).acronym == "DER"]
    other = next(m for m in methods if m not in der)
    category = bundled.category("replay-based")
    return {
        "a keyword": _with(bundled, dohare.model_copy(update={"keywords": ("quokka",)})),
        "a title": _with(bundled, dohare.model_copy(update={"title": "Quokka"})),
        "a method takes the acronym DER": _with(
            bundled, bundled.method(other).model_copy(update={"acronym": "DER"})
        ),
        "a family renamed": _with(bundled, category.model_copy(update={"name": "Quokka"})),
        "a scenario dropped from a paper": _with(
            bundled, dohare.model_copy(update={"scenarios": dohare.scenarios[1:]})
        ),
        "a paper deleted": _without(bundled, _unused_paper(bundled)),
    }


def _unused_paper(catalog: Catalog) -> str:
    mentioned = _mentioned(catalog)
    return next(p for p in _kind_ids(catalog, Paper) if p not in mentioned)


@pytest.fixture(scope="module")
def bundled_rendering(bundled_catalog):
    return render_site(bundled_catalog)


@pytest.mark.parametrize(
    "edit",
    [
        "a keyword",
        "a title",
        "a method takes the acronym DER",
        "a family renamed",
        "a scenario dropped from a paper",
        "a paper deleted",
    ],
)
def test_rerender_of_the_bundled_catalog_equals_a_full_render(
    bundled_catalog, bundled_rendering, edit
) -> None:
    edited = _bundled_edits(bundled_catalog)[edit]
    partial = rerender(bundled_rendering, edited)
    assert partial.pages == render_site(edited).pages


def test_a_keyword_edit_renders_only_the_papers_own_page(
    bundled_catalog, bundled_rendering
) -> None:
    edited = _bundled_edits(bundled_catalog)["a keyword"]
    assert rerender(bundled_rendering, edited).rendered == {"dohare2024loss"}


def test_a_title_edit_renders_the_paper_the_overviews_and_what_looks_it_up(
    bundled_catalog, bundled_rendering
) -> None:
    edited = _bundled_edits(bundled_catalog)["a title"]
    partial = rerender(bundled_rendering, edited)
    # The overview pages list every paper. Pages that look up what mentions the paper's
    # methods, scenarios, problems, benchmarks and related papers run too (the paper mentions
    # them), but no other paper's page does.
    dohare = bundled_catalog.paper("dohare2024loss")
    related = {relation.paper for relation in dohare.relations}
    papers = set(_kind_ids(bundled_catalog, Paper))
    assert partial.rendered & papers == {"dohare2024loss", *related}
    assert {"@home", "@papers", "@timeline"} <= partial.rendered
    assert len(partial.rendered) < len(partial.job_reads) / 4


def test_no_page_but_a_papers_own_shows_the_fields_only_its_page_shows(bundled_catalog) -> None:
    """What OWN_PAGE_FIELDS claims, by full renders: for each bit of a paper's position, the
    papers with that bit set get every such field changed, and exactly their own pages
    change. Any two papers differ in some bit, so one paper's page showing another's field
    would show up in one of the renders."""
    before = render_pages(bundled_catalog)
    papers = _kind_ids(bundled_catalog, Paper)
    for bit in range(len(papers).bit_length()):
        chosen = [paper_id for position, paper_id in enumerate(papers) if position >> bit & 1]
        edited = _with(
            bundled_catalog,
            *(_own_page_fields_changed(bundled_catalog.paper(p), "quokka") for p in chosen),
        )
        after = render_pages(edited)
        assert after.keys() == before.keys()
        changed = {path for path in before if before[path] != after[path]}
        assert changed == {f"papers/{paper_id}.md" for paper_id in chosen}


def test_a_paper_edit_renders_its_authors_pages_and_an_author_change_their_co_authors_too(
    bundled_catalog, bundled_rendering
) -> None:
    authorship = bundled_catalog.authorship
    authors = set(authorship.by_paper["dohare2024loss"])

    def authors_rendered(edited: Catalog) -> set[str]:
        partial = rerender(bundled_rendering, edited)
        assert "@authors" in partial.rendered
        return {key.removeprefix("@author:") for key in partial.rendered} & set(authorship.authors)

    # The authors' pages list the paper's title; no name shown anywhere changed.
    assert authors_rendered(_bundled_edits(bundled_catalog)["a title"]) == authors
    # A co-author's page shows these authors' names, which a change of authors can change.
    dohare = bundled_catalog.paper("dohare2024loss")
    fewer = _with(bundled_catalog, dohare.model_copy(update={"authors": dohare.authors[:-1]}))
    expected = authors | {other for a in authors for other, _ in authorship.coauthors(a)}
    assert authors_rendered(fewer) == expected
    assert len(expected) < len(authorship.authors) / 10


def test_changed_records_notes_the_edit_its_kind_and_what_it_mentions(bundled_catalog) -> None:
    dohare = bundled_catalog.paper("dohare2024loss")
    edited = _with(bundled_catalog, dohare.model_copy(update={"scenarios": ()}))
    changed = changed_records(bundled_catalog, edited)
    assert {"dohare2024loss", "*paper"} <= changed
    assert {f"?paper:{scenario}" for scenario in dohare.scenarios} <= changed
    assert not any(note.endswith(":dohare2024loss") for note in changed)
    assert not any(note.startswith("?method:") for note in changed)
    # The scenarios themselves did not change: pages that only show their names stay.
    assert changed.isdisjoint(dohare.scenarios)
    # An id that comes to name a record of another kind moves its page, whatever its label:
    # every link to it is stale.
    problem = bundled_catalog.problem(dohare.problems[0])
    as_scenario = Scenario(id=problem.id, name=problem.name, definition=problem.definition)
    retyped = _without(bundled_catalog, problem.id)
    retyped = _with(retyped, as_scenario)
    assert f"~{problem.id}" in changed_records(bundled_catalog, retyped)
    # A title changes no mention and no author: no lookup of what mentions what runs again.
    title = changed_records(bundled_catalog, _bundled_edits(bundled_catalog)["a title"])
    assert title == {"dohare2024loss", "*paper"}
    # A keyword is shown on the paper's own page only.
    keyword = changed_records(bundled_catalog, _bundled_edits(bundled_catalog)["a keyword"])
    assert keyword == {"=dohare2024loss"}


def test_an_overview_run_again_makes_again_only_the_parts_the_edit_touched(
    bundled_catalog, bundled_rendering
) -> None:
    edited = _bundled_edits(bundled_catalog)["a title"]
    partial = rerender(bundled_rendering, edited)
    assert "@comparison" in partial.rendered  # it lists the paper's methods
    before, after = bundled_rendering.job_parts["@comparison"], partial.job_parts["@comparison"]
    assert before.keys() == after.keys()
    made = {key for key in after if after[key][0] is not before[key][0]}
    # The rows of the methods the retitled paper proposes; every other row is taken as it was.
    proposed = set(bundled_catalog.paper("dohare2024loss").proposes)
    assert made == {key for key in after if key.partition("#")[2] in proposed}
    assert 0 < len(made) < len(after) / 10
