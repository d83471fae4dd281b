"""load_catalog: record files in, an immutable Catalog (or one CatalogError with everything) out."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from cl_survey._catalog import Catalog
from cl_survey._errors import CatalogError, Diagnostic
from cl_survey._files import find_record_files, read_record
from cl_survey._references import check_references
from cl_survey._yaml import locate

if TYPE_CHECKING:
    import os

    from cl_survey._files import LoadedRecord

__all__ = ["bundled_catalog_path", "load_catalog"]

_PACKAGE = Path(__file__).resolve().parent


def bundled_catalog_path() -> Path:
    """The catalog shipped with cl-survey: inside the wheel, or beside the package in a checkout."""
    installed = _PACKAGE / "_bundled_catalog"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "catalog"


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load and validate a catalog directory (the bundled catalog when `path` is None).

    Raises CatalogError listing every problem found, each with its file, line and column.
    Warnings (suspicious but legal content) are kept on `Catalog.warnings`.
    """
    root = Path(path) if path is not None else bundled_catalog_path()
    files, diagnostics = find_record_files(root)
    loaded: dict[str, LoadedRecord] = {}
    failed: dict[type, set[str]] = defaultdict(set)
    for file in files:
        item, problems = read_record(file)
        diagnostics.extend(problems)
        if item is None:
            # Its id still counts as present, so references to it are not reported twice.
            failed[file.model].add(file.path.stem)
            continue
        record_id: str = item.record.id
        other = loaded.get(record_id)
        if other is not None:
            diagnostics.append(_duplicate_id(item, other))
            failed[file.model].add(record_id)
            continue
        loaded[record_id] = item
    errors, warnings = check_references(loaded, failed)
    diagnostics.extend(errors)
    if diagnostics:
        raise CatalogError([*diagnostics, *warnings])
    return Catalog(
        root=root,
        records={record_id: item.record for record_id, item in loaded.items()},
        files={record_id: item.file.path for record_id, item in loaded.items()},
        warnings=tuple(sorted(warnings)),
    )


def _duplicate_id(item: LoadedRecord, other: LoadedRecord) -> Diagnostic:
    position = locate(item.text, ("id",))
    message = (
        f"id {item.record.id!r} is already used by {other.file.display}; "
        "ids must be unique across the whole catalog"
    )
    return Diagnostic(item.file.display, position.line, position.column, "duplicate-id", message)
