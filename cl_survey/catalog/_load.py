"""load_catalog: record files in, an immutable Catalog (or one CatalogError with everything) out."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from cl_survey._errors import CatalogError, Diagnostic
from cl_survey._gc import collector_paused
from cl_survey.catalog._catalog import Catalog
from cl_survey.records import (
    KINDS,
    LoadedRecord,
    RecordCache,
    check_references,
    find_record_files,
    locate,
    parse_record,
    parse_record_text,
    read_record_bytes,
)

if TYPE_CHECKING:
    from cl_survey.records import Record, RecordFile

__all__ = ["bundled_catalog_path", "load_catalog"]

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_catalog_path() -> Path:
    """The catalog shipped with cl-survey: inside the wheel, or beside the package in a checkout."""
    installed = _PACKAGE / "_bundled_catalog"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "catalog"


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate a catalog directory (the bundled catalog when `path` is None).

    Raises CatalogError listing every problem found, each with its file, line and column.
    Warnings (suspicious but legal content) are kept on `Catalog.warnings`. Records of files
    whose bytes are unchanged since an earlier successful load come from the cache
    (cl_survey.records._cache), which every file is checked against.
    """
    root = Path(path) if path is not None else bundled_catalog_path()
    with collector_paused(lasting=True):
        return _load(root, RecordCache.open(root))


def _load(root: Path, cache: RecordCache | None) -> Catalog:
    files, diagnostics = find_record_files(root)
    # A file the cache matches by its status is not read: its bytes stay None.
    contents: list[tuple[RecordFile, bytes | None, Record | None]] = []
    failed = _refused_records(diagnostics)
    for file in files:
        unread = cache.unread(file) if cache is not None else None
        if unread is not None:
            contents.append((file, None, unread))
            continue
        raw, problems = read_record_bytes(file)
        if raw is None:
            diagnostics.extend(problems)
            failed[file.model].add(file.stem)
            continue
        cached = cache.lookup(file, raw) if cache is not None else None
        contents.append((file, raw, cached))
    if cache is not None and not diagnostics:
        warnings = cache.unchanged_warnings(lambda relative: os.fspath(root / relative))
        if warnings is not None:
            # Every file is the one cached and none was added or removed: the cross-record
            # checks would find what they found then.
            records = {record.id: (record, file) for file, _, record in contents if record}  # type: ignore[attr-defined]
            return Catalog(
                root=root,
                records={record_id: record for record_id, (record, _) in records.items()},
                files={record_id: file.display for record_id, (_, file) in records.items()},
                warnings=warnings,
            )
    loaded: dict[str, LoadedRecord] = {}
    invalid: list[LoadedRecord] = []
    for file, raw, cached in contents:
        if cached is None and raw is not None:
            parsed, problems = parse_record(file, raw)
            diagnostics.extend(problems)
            if parsed is None:
                # Its id still counts as present, so references to it are not reported twice.
                failed[file.model].add(file.stem)
                invalid.extend(_as_raw_record(file, raw))
                continue
            item = parsed
        else:
            item = LoadedRecord(cached, file, raw)
        record_id: str = item.record.id
        other = loaded.get(record_id)
        if other is not None:
            diagnostics.append(_duplicate_id(item, other))
            failed[file.model].add(record_id)
            continue
        loaded[record_id] = item
    errors, warnings_found = check_references(loaded, failed, invalid)
    diagnostics.extend(errors)
    if diagnostics:
        raise CatalogError([*diagnostics, *warnings_found])
    ordered_warnings = tuple(sorted(warnings_found))
    if cache is not None:
        cache.save(loaded.values(), ordered_warnings)
    return Catalog(
        root=root,
        records={record_id: item.record for record_id, item in loaded.items()},
        files={record_id: item.file.display for record_id, item in loaded.items()},
        warnings=ordered_warnings,
    )


def _as_raw_record(file: RecordFile, raw: bytes) -> list[LoadedRecord]:
    """A file that parsed to a mapping but did not validate, as its raw data, so its
    references can still be checked; nothing for a file that is not even a mapping."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []
    parsed = parse_record_text(text, file.display)
    if not isinstance(parsed.data, dict):
        return []
    return [LoadedRecord(parsed.data, file, text)]


def _refused_records(diagnostics: list[Diagnostic]) -> dict[type, set[str]]:
    """Ids of record files the layout check refused (a link, a directory, a .yml name).

    They exist, so references to them are not reported a second time.
    """
    failed: dict[type, set[str]] = defaultdict(set)
    for diagnostic in diagnostics:
        path = Path(diagnostic.path)
        model = KINDS.get(path.parent.name)
        if model is not None and path.suffix in {".yaml", ".yml"}:
            failed[model].add(path.stem)
    return failed


def _duplicate_id(item: LoadedRecord, other: LoadedRecord) -> Diagnostic:
    position = locate(item.text, ("id",))
    message = (
        f"id {item.record.id!r} is already used by {other.file.display}; "
        "ids must be unique across the whole catalog"
    )
    return Diagnostic(item.file.display, position.line, position.column, "duplicate-id", message)
