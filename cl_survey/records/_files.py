"""Finding a catalog's record files and turning each into a validated model (or diagnostics).

The catalog is one directory per kind of record, one YAML file per record:

    catalog/papers/<id>.yaml      catalog/categories/<id>.yaml   catalog/scenarios/<id>.yaml
    catalog/methods/<id>.yaml     catalog/problems/<id>.yaml     catalog/benchmarks/<id>.yaml
    catalog/applications/<id>.yaml catalog/metrics/<id>.yaml      catalog/results/<id>.yaml
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import ValidationError

from cl_survey._errors import Diagnostic, Severity, did_you_mean
from cl_survey.records._models import (
    Application,
    Benchmark,
    Category,
    Method,
    Paper,
    Person,
    Problem,
    Record,
    Scenario,
)
from cl_survey.records._result_models import Metric, ResultTable
from cl_survey.records._yaml import locate, parse_record_text

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "KINDS",
    "LoadedRecord",
    "RecordFile",
    "find_record_files",
    "parse_record",
    "read_record",
    "read_record_bytes",
]

# Directory name -> model. The order is the order records are reported in.
KINDS: dict[str, type[Record]] = {
    "categories": Category,
    "scenarios": Scenario,
    "problems": Problem,
    "benchmarks": Benchmark,
    "applications": Application,
    "metrics": Metric,
    "people": Person,
    "methods": Method,
    "papers": Paper,
    "results": ResultTable,
}
RECORD_SUFFIX = ".yaml"
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A file that should hold one record of `model`'s kind."""

    display: str
    """Its path as the user named the catalog (the one error messages show)."""
    relative: str
    """Its path within the catalog, "papers/x.yaml"."""
    model: type[Record]

    @property
    def path(self) -> Path:
        # Made when asked: a load lists thousands of files and needs few of these.
        return Path(self.display)

    @property
    def stem(self) -> str:
        return self.relative.rpartition("/")[2].removesuffix(RECORD_SUFFIX)


@dataclass(frozen=True, slots=True)
class LoadedRecord:
    """A validated record with the file it came from (kept for locating later problems)."""

    record: Any
    file: RecordFile
    source: str | bytes | None
    """The file's text; or, for a record from the cache, its bytes, or None when the cache
    matched the file by its status without reading it. Its text is needed only to locate a
    problem, and decoding (or reading) twenty thousand files in case one has a problem cost a
    tenth of a second per load."""

    @property
    def text(self) -> str:
        source = self.source
        if source is None:
            # Unchanged since the cache matched it; if it changed since, the next load sees it.
            try:
                source = _read_bytes(self.file.display)
            except (OSError, _TooLargeError):
                return ""
        return source if isinstance(source, str) else source.decode("utf-8", errors="replace")

    def diagnostic(
        self,
        loc: tuple[int | str, ...],
        code: str,
        message: str,
        *,
        at_key: bool = False,
        severity: Severity = "error",
    ) -> Diagnostic:
        """A problem at the field `loc` of this record's file (its key with `at_key`)."""
        position = locate(self.text, loc, at_key=at_key)
        return Diagnostic(
            self.file.display, position.line, position.column, code, message, severity
        )


def find_record_files(root: Path) -> tuple[list[RecordFile], list[Diagnostic]]:
    """The record files under `root`, and problems with the layout itself."""
    diagnostics: list[Diagnostic] = []
    if not root.exists():
        diagnostics.append(
            Diagnostic(str(root), None, None, "no-catalog", "catalog directory does not exist")
        )
        return [], diagnostics
    if not root.is_dir():
        diagnostics.append(
            Diagnostic(str(root), None, None, "no-catalog", "is a file, not a catalog directory")
        )
        return [], diagnostics
    resolved_root = root.resolve()
    files: list[RecordFile] = []
    for kind, model in KINDS.items():
        directory = root / kind
        if not directory.is_dir():
            continue
        # scandir, not iterdir: the entry's type comes with the listing, saving a stat per file.
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            # entry.path is the directory's path joined with the name, as Path would join them.
            name = entry.name
            if name.endswith(RECORD_SUFFIX) and entry.is_file(follow_symlinks=False):
                # A plain record file, told from the listing alone: the common case.
                files.append(RecordFile(entry.path, f"{kind}/{name}", model))
                continue
            problem = _layout_problem(entry, resolved_root)
            if problem is not None:
                diagnostics.append(problem)
            elif entry.name.endswith(RECORD_SUFFIX):
                files.append(RecordFile(entry.path, f"{kind}/{entry.name}", model))
    if not files and not diagnostics:
        kinds = ", ".join(f"{kind}/" for kind in KINDS)
        diagnostics.append(
            Diagnostic(
                str(root), None, None, "empty-catalog", f"holds no record files (expected {kinds})"
            )
        )
    return files, diagnostics


def _layout_problem(entry: os.DirEntry[str], resolved_root: Path) -> Diagnostic | None:
    # `display` is the path as the user named the catalog, so editors can jump to it.
    if entry.name.startswith("."):
        return None
    display = entry.path
    if entry.is_symlink() and not Path(display).resolve().is_relative_to(resolved_root):
        return Diagnostic(
            display,
            None,
            None,
            "outside-catalog",
            "is a link to a file outside the catalog; copy the record into the catalog instead",
        )
    stem, suffix = os.path.splitext(entry.name)  # noqa: PTH122  # a name, not a Path: see above
    if suffix == ".yml":
        return Diagnostic(
            display, None, None, "file-name", f"rename to {stem}{RECORD_SUFFIX}: records use .yaml"
        )
    if suffix == RECORD_SUFFIX and not entry.is_file():
        return _not_a_file(entry, Path(display), display)
    return None


def _not_a_file(entry: os.DirEntry[str], path: Path, display: str) -> Diagnostic:
    if entry.is_dir():
        return Diagnostic(display, None, None, "file-name", "is a directory, not a record file")
    if entry.is_symlink() and not path.exists():
        message = "is a link to a file that does not exist; remove it or fix its target"
        return Diagnostic(display, None, None, "unreadable", message)
    # A pipe or device would block the reader or never end.
    message = "is not a regular file (a pipe, socket or device?); records must be plain files"
    return Diagnostic(display, None, None, "unreadable", message)


def read_record(file: RecordFile) -> tuple[LoadedRecord | None, list[Diagnostic]]:
    """Read, parse and validate one record file."""
    raw, problems = read_record_bytes(file)
    if raw is None:
        return None, problems
    return parse_record(file, raw)


def read_record_bytes(file: RecordFile) -> tuple[bytes | None, list[Diagnostic]]:
    """A record file's bytes, or why they cannot be read."""
    display = file.display
    try:
        return _read_bytes(file.display), []
    except _TooLargeError as error:
        message = f"is {error.size:,} bytes; a record file may hold at most {MAX_FILE_BYTES:,}"
        return None, [Diagnostic(display, None, None, "too-large", message)]
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Diagnostic(display, None, None, "unreadable", f"cannot be read: {reason}")]


def parse_record(file: RecordFile, raw: bytes) -> tuple[LoadedRecord | None, list[Diagnostic]]:
    """Decode, parse and validate the bytes of one record file."""
    display = file.display
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        message = f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        return None, [Diagnostic(display, line, column, "encoding", message)]
    parsed = parse_record_text(text, display)
    if parsed.diagnostics and parsed.data is None:
        return None, list(parsed.diagnostics)
    diagnostics = list(parsed.diagnostics)
    if parsed.data is None:
        message = f"is empty; a {file.model.__name__.lower()} record needs at least an id"
        return None, [*diagnostics, Diagnostic(display, 1, 1, "empty-file", message)]
    if not isinstance(parsed.data, dict):
        what = type(parsed.data).__name__
        message = f"must hold a mapping of field names to values, not a {what}"
        return None, [*diagnostics, Diagnostic(display, 1, 1, "not-a-mapping", message)]
    try:
        record = file.model.model_validate(parsed.data)
    except ValidationError as error:
        diagnostics.extend(_validation_diagnostics(error, file.model, text, display))
        return None, diagnostics
    if record.id != file.stem:  # type: ignore[attr-defined]  # every record model has an id
        position = locate(text, ("id",))
        message = (
            f"id {record.id!r} does not match the file name; "  # type: ignore[attr-defined]
            f"rename the file to {record.id}{RECORD_SUFFIX} or set id: {file.stem}"  # type: ignore[attr-defined]
        )
        diagnostics.append(
            Diagnostic(display, position.line, position.column, "id-mismatch", message)
        )
    if diagnostics:
        return None, diagnostics
    return LoadedRecord(record, file, text), []


class _TooLargeError(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def _read_bytes(path: str) -> bytes:
    """The file's bytes, refusing a huge file before reading it.

    os.open/fstat/read rather than Path.read_bytes: a catalog is thousands of small files and
    the file-object layers cost more than the read itself.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(descriptor).st_size
        if size > MAX_FILE_BYTES:
            raise _TooLargeError(size)
        # One byte more than announced tells a file that grew since the fstat.
        raw = os.read(descriptor, size + 1)
        if len(raw) > size:
            raw += _read_rest(descriptor, len(raw))
        return raw
    finally:
        os.close(descriptor)


def _read_rest(descriptor: int, already: int) -> bytes:
    chunks: list[bytes] = []
    total = already
    while chunk := os.read(descriptor, 65536):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise _TooLargeError(total)
    return b"".join(chunks)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _validation_diagnostics(
    error: ValidationError, model: type[Record], text: str, display: str
) -> Iterator[Diagnostic]:
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        kind = detail["type"]
        field = ".".join(str(step) for step in loc) or "record"
        if kind == "extra_forbidden":
            position = locate(text, loc, at_key=True)
            message = f"unknown field {field!r}{_field_hint(model, loc)}"
            code = "unknown-field"
        elif kind == "missing":
            position = locate(text, loc[:-1])
            message = f"missing required field {field!r}"
            code = "missing-field"
        elif kind == "enum":
            position = locate(text, loc)
            expected = detail.get("ctx", {}).get("expected", "")
            allowed = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
            wanted = str(detail.get("input"))
            message = f"{field}: {wanted!r} is not one of {expected}{did_you_mean(wanted, allowed)}"
            code = "invalid-value"
        else:
            position = locate(text, loc)
            message = f"{field}: {_TYPE_MESSAGES.get(kind) or _clean(detail['msg'])}"
            code = "invalid-value"
        yield Diagnostic(display, position.line, position.column, code, message)


def _field_hint(model: type[Record], loc: tuple[Any, ...]) -> str:
    """'; did you mean ...' naming the fields allowed where the unknown one stands."""
    current: Any = model
    for step in loc[:-1]:
        current = _step_type(current, step)
        if current is None:
            return ""
    if isinstance(current, type) and issubclass(current, Record):
        return did_you_mean(str(loc[-1]), current.model_fields)
    return ""


def _step_type(current: Any, step: Any) -> Any:
    if isinstance(step, int):
        return _record_type(current)
    if isinstance(current, type) and issubclass(current, Record) and step in current.model_fields:
        return _record_type(current.model_fields[step].annotation)
    return None


def _record_type(annotation: Any) -> Any:
    """The record model inside an annotation such as `Venue | None` or `tuple[Finding, ...]`."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in get_args(annotation):
        found = _record_type(argument)
        if found is not None:
            return found
    return None


# What pydantic's type errors mean for someone writing YAML by hand.
_TYPE_MESSAGES = {
    "tuple_type": "should be a list ('- item' lines or [a, b])",
    "list_type": "should be a list ('- item' lines or [a, b])",
    "int_type": "should be a whole number written without quotes, e.g. 2024",
    "int_parsing": "should be a whole number written without quotes, e.g. 2024",
    "int_from_float": "should be a whole number, not a fraction",
    "float_type": "should be a number written without quotes, e.g. 81.5",
    "float_parsing": "should be a number written without quotes, e.g. 81.5",
    "string_type": "should be text; quote it if YAML read it as something else ('yes', 2024, 1.0)",
    "model_type": "should be a mapping of field names to values",
    "dict_type": "should be a mapping of field names to values",
}


def _clean(message: str) -> str:
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
