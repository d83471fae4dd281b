"""The load cache: a warm load gives the cold load's catalog, and never a stale one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cl_survey import CatalogError, load_catalog
from cl_survey.catalog._load import bundled_catalog_path
from cl_survey.records import _cache as cache_module
from cl_survey.records import _files as files_module
from cl_survey.records._cache import forget_kept_records

if TYPE_CHECKING:
    from cl_survey import Catalog, Diagnostic
    from cl_survey.records._files import RecordFile


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CL_SURVEY_CACHE_DIR", str(directory))
    return directory


def _stems_given_to(name: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems of the files the loader passes to `name`, one of its own functions."""
    seen: list[str] = []
    function = getattr(files_module, name)

    def counting(file: RecordFile, *arguments: Any) -> Any:
        seen.append(file.path.stem)
        return function(file, *arguments)

    monkeypatch.setattr(f"cl_survey.catalog._load.{name}", counting)
    return seen


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems of the files the loader parses (rather than takes from the cache)."""
    return _stems_given_to("parse_record", monkeypatch)


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems of the files the loader reads (rather than matches by their status)."""
    return _stems_given_to("read_record_bytes", monkeypatch)


@pytest.fixture(params=["just written", "settled"])
def files(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How long ago the catalog's files last changed, as loads see it: just now (as in every
    test), so their status is never recorded; or long enough for it to be (a catalog
    edited a minute before it is loaded)."""
    if request.param == "settled":
        monkeypatch.setattr(cache_module, "SETTLED_NS", -60_000_000_000)
    return str(request.param)


def _problems_with_and_without_cache(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """What loading `root` reports, from the cache and then with the cache off."""
    with pytest.raises(CatalogError) as warm:
        load_catalog(root)
    monkeypatch.setenv("CL_SURVEY_NO_CACHE", "1")
    with pytest.raises(CatalogError) as cold:
        load_catalog(root)
    return list(warm.value.diagnostics), list(cold.value.diagnostics)


def _snapshot(catalog: Catalog) -> tuple[Any, ...]:
    records = dict(catalog._records)  # noqa: SLF001
    return (
        records,
        {record_id: repr(record) for record_id, record in records.items()},
        {record_id: record.model_dump() for record_id, record in records.items()},
        {record_id: catalog.source_path(record_id) for record_id in records},
        catalog.warnings,
    )


@pytest.mark.parametrize("process", ["a new process", "the same process"])
@pytest.mark.parametrize("which", ["fixture", "bundled"])
def test_a_warm_load_is_the_cold_load(
    which: str,
    process: str,
    files: str,
    catalog_copy: Path,
    tmp_path: Path,
    cache_dir: Path,
    parsed: list[str],
    read: list[str],
) -> None:
    root = catalog_copy
    if which == "bundled":
        root = tmp_path / "bundled"
        shutil.copytree(bundled_catalog_path(), root)
    cold = load_catalog(root)
    count = len(parsed)
    assert count > 0
    if process == "a new process":
        forget_kept_records()  # the records are rebuilt from the cache file
    read.clear()
    warm = load_catalog(root)
    assert len(parsed) == count, "the warm load parsed files again"
    # Settled files are matched by their status, unread; files that changed around the last
    # load are read and hashed.
    assert len(read) == (0 if files == "settled" else count)
    assert _snapshot(warm) == _snapshot(cold)
    assert [type(r) for r in warm._records.values()] == [type(r) for r in cold._records.values()]  # noqa: SLF001
    assert len(list(cache_dir.glob("catalog-*.json"))) == 1


@pytest.mark.usefixtures("cache_dir", "files")
@pytest.mark.parametrize("process", ["a new process", "the same process"])
def test_an_edit_of_the_same_size_and_time_is_seen(
    process: str, catalog_copy: Path, parsed: list[str]
) -> None:
    load_catalog(catalog_copy)
    if process == "a new process":
        forget_kept_records()
    paper = catalog_copy / "papers" / "alpha2019first.yaml"
    before = paper.stat()
    text = paper.read_text(encoding="utf-8")
    edited = text.replace("The First Fictional Paper", "The Fifth Fictional Paper")
    assert edited != text
    assert len(edited) == len(text)
    paper.write_text(edited, encoding="utf-8")
    os.utime(paper, ns=(before.st_atime_ns, before.st_mtime_ns))
    parsed.clear()
    catalog = load_catalog(catalog_copy)
    assert catalog.paper("alpha2019first").title == "The Fifth Fictional Paper"
    assert parsed == ["alpha2019first"]


@pytest.mark.usefixtures("cache_dir", "files")
def test_a_touched_file_is_not_parsed_again(catalog_copy: Path, parsed: list[str]) -> None:
    load_catalog(catalog_copy)
    forget_kept_records()
    os.utime(catalog_copy / "papers" / "alpha2019first.yaml")
    parsed.clear()
    assert load_catalog(catalog_copy).paper("alpha2019first")
    assert parsed == []  # its bytes were read, hashed and found the same


@pytest.mark.usefixtures("cache_dir", "files")
def test_problems_in_unchanged_files_are_located_as_a_cold_load_locates_them(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog(catalog_copy)
    forget_kept_records()
    # Unchanged (and, when settled, unread) files now name a paper that is gone.
    (catalog_copy / "papers" / "gamma2020third.yaml").unlink()
    warm, cold = _problems_with_and_without_cache(catalog_copy, monkeypatch)
    assert warm == cold
    assert any(d.line is not None for d in warm)


@pytest.mark.usefixtures("cache_dir")
def test_a_renamed_file_is_seen(catalog_copy: Path) -> None:
    load_catalog(catalog_copy)
    papers = catalog_copy / "papers"
    (papers / "gamma2020third.yaml").rename(papers / "gamma2020thirds.yaml")
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    assert "id-mismatch" in {d.code for d in raised.value.diagnostics}


@pytest.mark.usefixtures("cache_dir")
def test_a_deleted_file_is_seen(catalog_copy: Path) -> None:
    load_catalog(catalog_copy)
    (catalog_copy / "methods" / "method-two.yaml").unlink()
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    assert {d.code for d in raised.value.diagnostics if d.severity == "error"} == {
        "unknown-reference"
    }


@pytest.mark.usefixtures("cache_dir")
def test_an_added_file_is_seen(catalog_copy: Path) -> None:
    cold = load_catalog(catalog_copy)
    (catalog_copy / "problems" / "drift.yaml").write_text(
        "id: drift\nname: Drift\ndefinition: The data distribution moves.\n", encoding="utf-8"
    )
    warm = load_catalog(catalog_copy)
    assert [p.id for p in warm.problems] == sorted([*(p.id for p in cold.problems), "drift"])


@pytest.mark.usefixtures("cache_dir")
def test_a_broken_file_reports_what_a_cold_load_reports(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog(catalog_copy)
    (catalog_copy / "papers" / "beta2020second.yaml").write_text(
        "id: beta2020second\ntitle: [\n", encoding="utf-8"
    )
    warm, cold = _problems_with_and_without_cache(catalog_copy, monkeypatch)
    assert warm == cold


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b'{"format": 1}\n{"files": {}}',
        b'{"format": 1, "fingerprint": "x", "checksum": "y"}\n[]',
    ],
    ids=["empty", "binary", "no-fingerprint", "foreign"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_replaced(
    content: bytes, catalog_copy: Path, cache_dir: Path, parsed: list[str]
) -> None:
    cold = load_catalog(catalog_copy)
    (cache,) = cache_dir.glob("catalog-*.json")
    cache.write_bytes(content)
    parsed.clear()
    assert _snapshot(load_catalog(catalog_copy)) == _snapshot(cold)
    assert len(parsed) == len(cold._records)  # noqa: SLF001  # every file parsed again
    parsed.clear()
    load_catalog(catalog_copy)
    assert parsed == []  # and the cache was written anew


def test_a_cache_whose_body_was_changed_is_ignored(
    catalog_copy: Path, cache_dir: Path, parsed: list[str]
) -> None:
    cold = load_catalog(catalog_copy)
    (cache,) = cache_dir.glob("catalog-*.json")
    data = cache.read_bytes()
    assert b"The First Fictional Paper" in data
    cache.write_bytes(data.replace(b"The First Fictional Paper", b"The Forged Fictional Paper"))
    parsed.clear()
    warm = load_catalog(catalog_copy)
    assert warm.paper("alpha2019first").title == cold.paper("alpha2019first").title
    assert len(parsed) == len(cold._records)  # noqa: SLF001


def test_no_cache_is_written_when_turned_off(
    catalog_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CL_SURVEY_NO_CACHE", "1")
    load_catalog(catalog_copy)
    assert not cache_dir.exists()


def test_an_invalid_catalog_writes_no_cache(catalog_copy: Path, cache_dir: Path) -> None:
    (catalog_copy / "methods" / "method-two.yaml").unlink()
    with pytest.raises(CatalogError):
        load_catalog(catalog_copy)
    assert not list(cache_dir.glob("catalog-*.json"))


def test_an_unwritable_cache_does_not_stop_a_load(
    catalog_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("mine", encoding="utf-8")
    monkeypatch.setenv("CL_SURVEY_CACHE_DIR", str(blocker / "cache"))
    assert load_catalog(catalog_copy).paper("alpha2019first")
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_only_the_most_recent_catalogs_keep_a_cache(tmp_path: Path, cache_dir: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "catalog"
    for index in range(10):
        copy = tmp_path / f"copy-{index}"
        shutil.copytree(fixture, copy)
        load_catalog(copy)
    assert len(list(cache_dir.glob("catalog-*.json"))) == 8


def test_the_same_process_loading_again_reuses_the_records_of_unchanged_files(
    catalog_copy: Path, cache_dir: Path, parsed: list[str]
) -> None:
    first = load_catalog(catalog_copy)
    paper = catalog_copy / "papers" / "alpha2019first.yaml"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("The First Fictional", "The Edited Fictional"),
        encoding="utf-8",
    )
    parsed.clear()
    second = load_catalog(catalog_copy)
    assert parsed == ["alpha2019first"]
    assert second.paper("alpha2019first").title.startswith("The Edited Fictional")
    # The same objects, not copies: what serve keeps per record stays valid.
    unchanged = [rid for rid in first.records if rid != "alpha2019first"]
    assert all(second.records[rid] is first.records[rid] for rid in unchanged)

    # A cache file changed by someone else (another process) is read again, not trusted.
    (cache_file,) = cache_dir.glob("catalog-*.json")
    replacement = cache_file.with_suffix(".new")  # written beside it and renamed, as we do
    replacement.write_bytes(cache_file.read_bytes())
    replacement.replace(cache_file)
    third = load_catalog(catalog_copy)
    assert parsed == ["alpha2019first"]
    assert all(third.records[rid] == second.records[rid] for rid in second.records)
    assert not any(third.records[rid] is second.records[rid] for rid in second.records)


@pytest.mark.usefixtures("cache_dir")
def test_records_kept_from_the_last_load_are_checked_against_the_ids_of_this_one(
    catalog_copy: Path,
) -> None:
    load_catalog(catalog_copy)
    # method-three, unchanged and kept as it was, names a paper that is now gone.
    (catalog_copy / "papers" / "gamma2020third.yaml").unlink()
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    dangling = [d for d in raised.value.diagnostics if d.code == "unknown-reference"]
    assert any(d.path.endswith("method-three.yaml") for d in dangling)


@pytest.mark.usefixtures("cache_dir")
def test_result_tables_kept_from_the_last_load_are_checked_against_the_metrics_of_this_one(
    catalog_copy: Path,
) -> None:
    load_catalog(catalog_copy)
    # alpha-table-1, unchanged and kept as it was, reports 90.5 for a metric now capped at 50.
    metric = catalog_copy / "metrics" / "toy-accuracy.yaml"
    metric.write_text(
        metric.read_text(encoding="utf-8").replace("maximum: 100", "maximum: 50"),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as raised:
        load_catalog(catalog_copy)
    assert any(
        d.path.endswith("alpha-table-1.yaml") and "90.5" in d.message
        for d in raised.value.diagnostics
    )
