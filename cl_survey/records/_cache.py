"""A cache of validated records, keyed by file contents, so an unchanged catalog loads unparsed.

Where it lives: `$CL_SURVEY_CACHE_DIR`, else `$XDG_CACHE_HOME/cl-survey`, else
`~/.cache/cl-survey`; one file per catalog directory. `CL_SURVEY_NO_CACHE=1` turns it off.
Deleting it is always safe: the next load parses everything and writes it again.

Why it can never serve stale data:
- a record is reused only for a file at the same path (relative to the catalog) whose bytes
  hash to the digest stored beside it, or whose status is the one recorded beside it;
- a file's status (inode, size, modification and change times) is recorded only when both
  times are more than `SETTLED_NS` older than the start of the load that records it. Any
  later write, rename or `touch -d` sets the change time to the moment it happens, which no
  one can set back, so the status differs. A file changed around the time it was read (when
  the filesystem's clock tick could hide a second write) has no status recorded: it is read
  and hashed until a load that writes the cache (one that found an edit) finds it settled.
  So is every file where change times mean something else (Windows), on every load;
- the catalog-wide result (reference checks, warnings) is reused only when the whole set of
  (path, digest) pairs is the one cached: an added, renamed or deleted file re-runs the checks;
- the cache is written only after a load that succeeded, so it holds only valid records;
- it names the format and a fingerprint of the code that decides what is valid (the modules'
  source and the pydantic version): any change to either ignores the old cache.

A file matched by its status is not read at all: its record's text is read only if a problem
is later located in it. Reading and hashing every file cost a 10,000-paper catalog's warm load
a quarter of its time.

In one process, the records of the cache file it last read or wrote are kept: loading the same
catalog again (`cl-survey serve`, after each edit) takes them as they are, the same objects,
without reading the file, as long as the file on disk is still that one (same inode, size
and modification time). Each record is reused only under the same rules as above.

Why a corrupt or foreign file does no harm: it is JSON, never code (no pickle); its header
carries a checksum of the body; a file that does not parse, check out or match the record
models' shape is ignored. Records are rebuilt by `_builder`, which accepts only the fields and
nesting the models declare; what it skips is pydantic's validators, which the records passed
when the cache was written. The cache is as trusted as the user's home directory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
import types
import typing
import zlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pydantic

from cl_survey._errors import Diagnostic
from cl_survey._write import write_atomically
from cl_survey.records._models import Record

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from cl_survey.records._files import LoadedRecord, RecordFile

__all__ = ["RecordCache", "cache_directory", "cache_root", "forget_kept_records"]

logger = logging.getLogger(__name__)

FORMAT = 2
CACHE_DIR_VARIABLE = "CL_SURVEY_CACHE_DIR"
NO_CACHE_VARIABLE = "CL_SURVEY_NO_CACHE"
KEEP_CATALOGS = 8
# How long before a load a file must have last changed for its status to be recorded: longer
# than any filesystem's timestamp granularity (FAT's is two seconds) and the kernel's lag
# behind the clock read here.
SETTLED_NS = 3_000_000_000
# Change times are creation times on Windows: a file's status is never trusted there.
_STATUS_TELLS_CHANGES = os.name == "posix"
_PACKAGE = Path(__file__).resolve().parent
# The modules whose code decides whether a file is a valid record.
_DECIDING_MODULES = (
    "_models.py",
    "_result_models.py",
    "_files.py",
    "_yaml.py",
    "_references.py",
    "_result_checks.py",
    "_sound.py",
    "_cache.py",
)


def cache_root() -> Path:
    """cl-survey's cache folder: $CL_SURVEY_CACHE_DIR, else the XDG or ~/.cache location."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cl-survey"


def cache_directory() -> Path | None:
    """Where load caches are kept, or None when caching is turned off."""
    if os.environ.get(NO_CACHE_VARIABLE):
        return None
    return cache_root()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _checksum(body: bytes | memoryview) -> int:
    """The cache body's checksum: it catches a truncated or damaged file, nothing more (a
    record's own file is matched by `_digest`). CRC-32 reads the 45 MB of a 10,000-paper
    cache about five times faster than BLAKE2."""
    return zlib.crc32(body)


def _fingerprint() -> str:
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{FORMAT} pydantic {pydantic.VERSION}".encode())
    for name in _DECIDING_MODULES:
        hasher.update((_PACKAGE / name).read_bytes())
    return hasher.hexdigest()


Status = list[int]
"""A file's inode, size, modification and change times (ns); a list, as JSON gives it back."""


def _status(path: str) -> Status | None:
    try:
        found = os.stat(path)  # noqa: PTH116  # a str: a Path per file costs more than the stat
    except OSError:
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


@dataclass(frozen=True, slots=True)
class _Kept:
    """A record as a cache file holds it: the digest of its file, the file's status when it
    had settled, and its encoded entry (`"path":[digest,status,dump]`) when this process
    wrote it."""

    digest: str
    status: Status | None
    record: Record
    entry: bytes | None


@dataclass(frozen=True, slots=True)
class _KeptFile:
    """The records of the cache file this process last read or wrote."""

    location: Path
    fingerprint: str
    stamp: tuple[int, int, int]
    entries: dict[str, _Kept]
    warnings: Any


_kept: _KeptFile | None = None


def forget_kept_records() -> None:
    """Forget the records kept from the last cache file, so that the next load reads it as a
    new process would (the benchmark's warm load)."""
    global _kept  # noqa: PLW0603  # one per process, by design
    _kept = None


def _stamp(location: Path) -> tuple[int, int, int] | None:
    try:
        status = location.stat()
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


class RecordCache:
    """The cached records of one catalog directory, and what this load has seen of it."""

    def __init__(
        self, location: Path, fingerprint: str, entries: dict[str, Any], warnings: Any
    ) -> None:
        self._location = location
        self._fingerprint = fingerprint
        # A path's entry: a _Kept record, or [digest, JSON dump] as read from the file.
        self._entries = entries
        self._warnings = warnings
        self._seen: dict[str, str] = {}
        self._found: dict[str, _Kept] = {}
        self._statuses: dict[str, Status] = {}
        # Files that last changed before this are settled (see the module's docstring).
        self._settled_before = time.time_ns() - SETTLED_NS

    @classmethod
    def open(cls, root: Path) -> RecordCache | None:
        """The cache for `root` (empty when there is none yet), or None when caching is off."""
        directory = cache_directory()
        if directory is None:
            return None
        name = _digest(os.fsencode(root.resolve()))
        location = directory / f"catalog-{name}.json"
        fingerprint = _fingerprint()
        kept = _kept
        if (
            kept is not None
            and kept.location == location
            and kept.fingerprint == fingerprint
            and kept.stamp == _stamp(location)
        ):
            return cls(location, fingerprint, dict(kept.entries), kept.warnings)
        data = _read(location, fingerprint)
        return cls(location, fingerprint, data.get("files", {}), data.get("warnings"))

    def unread(self, file: RecordFile) -> Record | None:
        """The record cached for this file if its status is the one recorded, or None (then
        read it and call `lookup`). Called once per file, before reading it."""
        if not _STATUS_TELLS_CHANGES:
            return None
        key = file.relative
        status = _status(file.display)
        if status is None:
            return None
        self._statuses[key] = status
        recorded = _recorded(self._entries.get(key))
        # A recorded status equals this list of four ints only if it is one.
        if recorded is None or recorded[1] != status or type(recorded[0]) is not str:
            return None
        return self._take(file, recorded[0], status)

    def lookup(self, file: RecordFile, raw: bytes) -> Record | None:
        """The record cached for exactly these bytes at this path, or None."""
        key = file.relative
        digest = self._seen[key] = _digest(raw)
        recorded = _recorded(self._entries.get(key))
        if recorded is None or recorded[0] != digest:
            return None
        return self._take(file, digest, None)

    def _take(self, file: RecordFile, digest: str, status: Status | None) -> Record | None:
        """The record of the cache entry at `file`, matched by its `status` or, when that is
        None, by its `digest` alone (a kept entry keeps the status its encoding holds)."""
        key = file.relative
        self._seen[key] = digest
        # Each entry is used at most once: building the record takes its data over.
        entry = self._entries.pop(key)
        if isinstance(entry, _Kept):
            self._found[key] = entry
            return entry.record
        try:
            record = _builder(file.model)(entry[2])
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            logger.debug("ignoring a cache entry that does not fit %s", file.model.__name__)
            return None
        self._found[key] = _Kept(digest, status, record, None)
        return record

    def unchanged_warnings(self, display: Callable[[str], str]) -> tuple[Diagnostic, ...] | None:
        """The cached warnings if every file looked up is cached unchanged and none is missing.

        `display` turns a path relative to the catalog into the path to show.
        """
        everything_reused = len(self._found) == len(self._seen)
        if self._warnings is None or self._entries or not everything_reused:
            return None
        try:
            warnings = tuple(
                Diagnostic(display(path), line, column, code, message, severity="warning")
                for path, line, column, code, message in self._warnings
            )
        except (TypeError, ValueError):
            return None
        self._keep(self._found, self._warnings)
        return warnings

    def save(self, loaded: Collection[LoadedRecord], warnings: Iterable[Diagnostic]) -> None:
        """Write the records of a load that succeeded; failures to write are not errors."""
        # The body is written entry by entry: a record kept from the last write keeps its
        # encoded entry, so after an edit only the edited records are encoded again.
        entries: list[bytes] = []
        kept: dict[str, _Kept] = {}
        found_before = self._found
        settled_before = self._settled_before
        for item in loaded:
            key = item.file.relative
            status = self._statuses.get(key)
            if status is not None and max(status[2], status[3]) >= settled_before:
                status = None
            found = found_before.get(key)
            if found is not None and found.entry is not None and found.status == status:
                entries.append(found.entry)
                kept[key] = found
                continue
            digest = self._seen[key]
            dump = orjson.dumps(item.record.model_dump(mode="json"))
            entry = b"%b:[%b,%b,%b]" % (
                orjson.dumps(key),
                orjson.dumps(digest),
                orjson.dumps(status),
                dump,
            )
            entries.append(entry)
            kept[key] = _Kept(digest, status, item.record, entry)
        warnings = tuple(warnings)
        by_display = {item.file.display: item.file.relative for item in loaded} if warnings else {}
        listed: list[list[Any]] = []
        for warning in warnings:
            if warning.path not in by_display:
                cached_warnings = None  # a warning about something other than a record:
                break  # not cached at all
            where = by_display[warning.path]
            listed.append([where, warning.line, warning.column, warning.code, warning.message])
        else:
            cached_warnings = listed
        encoded = b'{"files":{%b}' % b",".join(entries)
        if cached_warnings is not None:
            encoded += b',"warnings":%b' % orjson.dumps(cached_warnings)
        encoded += b"}"
        header = {
            "format": FORMAT,
            "fingerprint": self._fingerprint,
            "checksum": _checksum(encoded),
        }
        try:
            self._location.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self._location, orjson.dumps(header) + b"\n" + encoded)
            _prune(self._location.parent)
        except OSError as error:
            logger.debug("not writing the cache %s: %s", self._location, error)
            return
        self._keep(kept, cached_warnings)

    def _keep(self, entries: dict[str, _Kept], warnings: Any) -> None:
        global _kept  # noqa: PLW0603  # see forget_kept_records
        stamp = _stamp(self._location)
        if stamp is not None:
            _kept = _KeptFile(self._location, self._fingerprint, stamp, entries, warnings)


def _recorded(entry: Any) -> tuple[Any, Any] | None:
    """The digest and status an entry records (a kept one, or `[digest, status, dump]` as read
    from the file, unchecked: they are compared with values of the right type), or None."""
    if isinstance(entry, _Kept):
        return entry.digest, entry.status
    if type(entry) is list and len(entry) == 3:  # noqa: PLR2004
        return entry[0], entry[1]
    return None


def _prune(directory: Path) -> None:
    """Keep the caches of the most recently loaded catalogs only (temporary copies add up)."""
    caches = sorted(
        directory.glob("catalog-*.json"), key=lambda path: path.stat().st_mtime, reverse=True
    )
    for stale in caches[KEEP_CATALOGS:]:
        stale.unlink(missing_ok=True)


def _read(location: Path, fingerprint: str) -> dict[str, Any]:
    """The cache's body, or {} for a cache that is missing, corrupt, foreign or outdated."""
    try:
        whole = location.read_bytes()
        end = whole.find(b"\n")
        header = orjson.loads(whole[:end]) if end >= 0 else None
        body = memoryview(whole)[end + 1 :]  # not copied: it is tens of MB
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("fingerprint") != fingerprint
            or header.get("checksum") != _checksum(body)
        ):
            return {}
        data = orjson.loads(body)
    except (OSError, ValueError) as error:
        logger.debug("ignoring the cache %s: %s", location, error)
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return {}
    return data


# Rebuilding records ------------------------------------------------------------------------

Converter = typing.Callable[[Any], Any] | None


def _builder(model: type[Record]) -> Callable[[Any], Record]:
    """How to rebuild `model` from its JSON dump without re-running validators (one builder
    per model class, made once).

    The dump holds every field in declaration order; the decoded dict becomes the model's
    __dict__ once its lists, enums and nested models are converted in place. Anything else
    (a missing or extra field, a list where a mapping belongs) raises KeyError or TypeError.
    """
    built = _BUILDERS.get(model)
    if built is not None:
        return built
    fields = frozenset(model.model_fields)
    converters: list[tuple[str, Callable[[Any], Any]]] = []
    for name, field in model.model_fields.items():
        convert = _converter(field.annotation)
        if convert is not None:
            converters.append((name, convert))

    # Everything it needs is bound here: this runs once per record and nested model (over a
    # hundred thousand times in a warm 10,000-paper load).
    def build(data: Any) -> Record:
        if type(data) is not dict or data.keys() != fields:
            message = f"the cached data does not fit {model.__name__}"
            raise KeyError(message)
        for name, convert in converters:
            value = data[name]
            if value is not None:
                data[name] = convert(value)
        # What BaseModel.model_construct does for trusted data, minus its per-field
        # bookkeeping (aliases, defaults, private attributes), which these models do not use.
        # The slots are set through their descriptors: a frozen model refuses setattr.
        record = _new(model)
        _set_dict(record, data)
        _set_fields_set(record, set(fields))
        _set_extra(record, None)
        _set_private(record, None)
        return record

    _BUILDERS[model] = build
    return build


_BUILDERS: dict[type[Record], Callable[[Any], Record]] = {}

_new = object.__new__
_set_dict = pydantic.BaseModel.__dict__["__dict__"].__set__
_set_fields_set = pydantic.BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = pydantic.BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = pydantic.BaseModel.__dict__["__pydantic_private__"].__set__


def _converter(annotation: Any) -> Converter:
    """A function turning JSON back into values of `annotation`; None where JSON is the value."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) != 1:
            message = f"cannot rebuild {annotation!r}"
            raise TypeError(message)
        return _converter(members[0])
    if origin is tuple:
        inner = _converter(typing.get_args(annotation)[0])
        if inner is None:
            return _tuple_of_values
        return lambda values: tuple(map(inner, _list(values)))
    if origin is dict:
        # The only mappings in records map ids to numbers (a result row's values).
        return _ids_to_numbers
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _builder(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        # The member for a value, without Enum's slower call (KeyError for no member).
        return annotation._value2member_map_.__getitem__
    if annotation is float:
        return float
    if annotation is dt.date:
        return dt.date.fromisoformat
    if annotation in (str, int, bool):
        return None
    message = f"cannot rebuild {annotation!r}"
    raise TypeError(message)


def _list(values: Any) -> list[Any]:
    if type(values) is not list:
        raise TypeError(type(values).__name__)
    return values


def _tuple_of_values(values: Any) -> tuple[Any, ...]:
    if type(values) is not list:
        raise TypeError(type(values).__name__)
    return tuple(values)


def _ids_to_numbers(values: Any) -> dict[str, float]:
    if not isinstance(values, dict):
        raise TypeError(type(values).__name__)
    return {str(key): float(value) for key, value in values.items()}
