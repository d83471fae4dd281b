"""Loading: the done-when scenarios of the foundation issue and the loader's guarantees."""

from __future__ import annotations

from pathlib import Path

import pytest

from cl_survey import CatalogError, load_catalog


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_every_mistake_in_five_files_is_reported_with_its_line(catalog_copy: Path) -> None:
    alpha = (catalog_copy / "papers/alpha2019first.yaml").read_text(encoding="utf-8")
    _write(
        catalog_copy,
        "papers/alpha2019first.yaml",
        alpha.replace("\nyear: 2019\n", "\nyear: 1800\n")  # 1: line 4
        .replace("keywords: [toy]", "keywrods: [toy]")  # 2: line 13
        .replace("scenarios: [task-il]", "scenarios: [task-ill]"),  # 11: line 15, same file
    )
    _write(
        catalog_copy,
        "papers/beta2020second.yaml",
        "id: beta2020second\n"
        "title: ''\n"  # 3: line 2
        "authors: [Bo Beta]\n"
        "year: 2020\n"
        "venue: {name: FJ, kind: journl}\n"  # 4: line 5
        "identifiers: {doi: 'doi:10.1/x'}\n"  # 5: line 6
        "summary: {en: ok}\n"
        "sources: ['http://insecure.example']\n",  # 6: line 8
    )
    _write(catalog_copy, "problems/forgetting.yaml", "id: forgetting\nname: F\nname: G\n")  # 7, 8
    _write(
        catalog_copy,
        "categories/leaf-a1.yaml",
        "id: leaf-a1\nname: L\ndefinition: d\nparents: [leaf-a1]\n",
    )  # 9
    _write(
        catalog_copy,
        "benchmarks/toy-digits.yaml",
        "id: toy-digit\nname: T\ndefinition: d\ndomain: vision\n",
    )  # 10

    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)

    found = {
        (Path(d.path).relative_to(catalog_copy).as_posix(), d.line, d.code)
        for d in raised.value.diagnostics
        if d.severity == "error"
    }
    assert found == {
        ("papers/alpha2019first.yaml", 4, "invalid-value"),
        ("papers/alpha2019first.yaml", 13, "unknown-field"),
        ("papers/alpha2019first.yaml", 15, "unknown-reference"),
        ("papers/beta2020second.yaml", 2, "invalid-value"),
        ("papers/beta2020second.yaml", 5, "invalid-value"),
        ("papers/beta2020second.yaml", 6, "invalid-value"),
        ("papers/beta2020second.yaml", 8, "invalid-value"),
        ("problems/forgetting.yaml", 3, "duplicate-key"),
        ("problems/forgetting.yaml", 1, "missing-field"),
        ("categories/leaf-a1.yaml", 4, "taxonomy-cycle"),
        ("benchmarks/toy-digits.yaml", 1, "id-mismatch"),
    }


def test_valid_catalog_keeps_warnings(fixture_catalog) -> None:
    assert [w.code for w in fixture_catalog.warnings] == ["time-travel"]


def test_catalog_error_message_names_the_first_problem_and_the_count(catalog_copy: Path) -> None:
    _write(catalog_copy, "problems/forgetting.yaml", "id: forgetting\n")
    _write(catalog_copy, "problems/plasticity.yaml", "id: plasticity\n")
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    assert "forgetting.yaml:1:1: error: missing required field" in str(raised.value)
    assert "more)" in str(raised.value)


def test_a_bom_is_accepted(catalog_copy: Path) -> None:
    path = catalog_copy / "problems/forgetting.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_catalog(catalog_copy).problem("forgetting").name == "Forgetting"


def test_billion_laughs_is_refused_before_it_expands(catalog_copy: Path) -> None:
    lines = ["id: forgetting", "name: F", "definition: d", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    _write(catalog_copy, "problems/forgetting.yaml", "\n".join(lines) + "\n")
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    errors = [d for d in raised.value.diagnostics if d.severity == "error"]
    assert [(d.code, d.line) for d in errors] == [("yaml-alias", 4)]


def test_symlink_out_of_the_catalog_is_refused(catalog_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("id: secret\nname: S\ndefinition: d\n", encoding="utf-8")
    (catalog_copy / "problems/secret.yaml").symlink_to(outside)
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    assert {d.code for d in raised.value.diagnostics} == {"outside-catalog", "time-travel"}


def test_a_missing_directory_and_a_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(tmp_path / "nowhere")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(CatalogError, match="is a file"):
        load_catalog(tmp_path / "file")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogError, match="holds no record files"):
        load_catalog(tmp_path / "empty")


def test_loading_never_writes(catalog_copy: Path) -> None:
    before = {p: p.read_bytes() for p in catalog_copy.rglob("*") if p.is_file()}
    load_catalog(catalog_copy)
    after = {p: p.read_bytes() for p in catalog_copy.rglob("*") if p.is_file()}
    assert before == after


def test_an_earlier_version_answers_a_relation_that_seems_to_point_forward(
    catalog_copy: Path,
) -> None:
    # gamma (2020) builds on delta (2021): suspect, until delta's 2020 preprint is listed.
    assert [w.code for w in load_catalog(catalog_copy).warnings] == ["time-travel"]
    delta = catalog_copy / "papers/delta2021survey.yaml"
    text = delta.read_text(encoding="utf-8")
    versions = "versions:\n- {kind: arxiv, year: 2020, arxiv: '2001.00004v2'}\n"
    delta.write_text(text.replace("sources:", versions + "sources:"), encoding="utf-8")
    catalog = load_catalog(catalog_copy)
    assert catalog.warnings == ()
    survey = catalog.paper("delta2021survey")
    assert (survey.first_year, survey.last_year) == (2020, 2021)


def test_a_paper_without_versions_spans_its_own_year(fixture_catalog) -> None:
    gamma = fixture_catalog.paper("gamma2020third")
    assert gamma.versions == ()
    assert (gamma.first_year, gamma.last_year) == (2020, 2020)
