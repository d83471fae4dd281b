"""Writing a catalog's generated pages into a MkDocs docs/ directory, on several cores.

Page generation is pure Python and the same work for every page, so `cl-survey build` splits
the rendering jobs between forked processes: each renders its share (`render_shard`) and
writes it, straight from the catalog already in memory (a forked child needs no reload).
It forks only where that is safe: on Linux, from a process running no other thread (a lock
held by another thread at the fork would stay held in the child for ever); anywhere else,
or with `CL_SURVEY_WORKERS=1`, the pages are generated in this process.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NoReturn

from cl_survey._errors import ClSurveyError
from cl_survey.render import job_count, prepare_shards, render_shard

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cl_survey._catalog import Catalog

__all__ = [
    "PageWriteError",
    "PagesWritten",
    "exit_child",
    "worker_count",
    "write_page_files",
    "write_pages",
]

WORKERS_VARIABLE = "CL_SURVEY_WORKERS"
MAX_WORKERS = 8
# Below this many rendering jobs a fork costs more than it saves.
MIN_JOBS_PER_WORKER = 100
_MESSAGE_LIMIT = 4096


class PageWriteError(ClSurveyError):
    """A generated page could not be written (or a page process failed)."""


@dataclass(frozen=True, slots=True)
class PagesWritten:
    pages: int
    processes: int


def worker_count(jobs: int) -> int:
    """How many processes to render `jobs` rendering jobs with (1: this one alone)."""
    requested = os.environ.get(WORKERS_VARIABLE, "").strip()
    if requested.isdigit() and int(requested) > 0:
        wanted = int(requested)
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    wanted = min(wanted, MAX_WORKERS, max(1, jobs // MIN_JOBS_PER_WORKER))
    if sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return max(1, wanted)


def write_pages(catalog: Catalog, docs: Path) -> PagesWritten:
    """Generate every page of `catalog` into `docs`; errors of every process are raised
    together as one PageWriteError once all of them have stopped."""
    shards = worker_count(job_count(catalog))
    if shards == 1:
        return PagesWritten(write_page_files(render_shard(catalog, 0, 1), docs), 1)
    # Built once here rather than once in every process.
    prepare_shards(catalog)
    children = [_fork(catalog, docs, shard, shards) for shard in range(1, shards)]
    errors: list[str] = []
    written = 0
    try:
        written += write_page_files(render_shard(catalog, 0, shards), docs)
    except PageWriteError as error:
        errors.append(str(error))
    finally:
        for pid, reader in children:
            outcome = _collect(pid, reader)
            if isinstance(outcome, int):
                written += outcome
            else:
                errors.append(outcome)
    if errors:
        raise PageWriteError("; ".join(errors))
    return PagesWritten(written, shards)


def write_page_files(pages: Mapping[str, str], docs: Path) -> int:
    """Write `pages` (path under docs/ -> text) into `docs`, a directory this build staged
    (so it holds no links); a path that is absolute or climbs out with ".." is refused."""
    made: set[Path] = set()
    for relative, content in pages.items():
        parts = PurePosixPath(relative).parts
        if not parts or parts[0] == "/" or ".." in parts:
            msg = f"refusing to write generated page {relative!r} outside {docs}"
            raise PageWriteError(msg)
        target = docs.joinpath(*parts)
        try:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            _write_file(target, content.encode("utf-8"))
        except OSError as error:
            msg = f"{target}: cannot write a generated page: {error.strerror or error}"
            raise PageWriteError(msg) from None
    return len(pages)


def _write_file(path: Path, data: bytes) -> None:
    # os.open/os.write: a text-mode file object per page was a quarter of writing the pages.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _fork(catalog: Catalog, docs: Path, shard: int, shards: int) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _child(catalog, docs, shard, shards, writer)
    os.close(writer)
    return pid, reader


def _child(catalog: Catalog, docs: Path, shard: int, shards: int, writer: int) -> NoReturn:
    """Render and write one share, report the count (or the error) and exit at once: the
    child must never return into the parent's code or run its cleanup."""
    gc.freeze()  # the collector leaves the parent's heap alone (and unshared: no copies)
    status = 1
    try:
        report = str(write_page_files(render_shard(catalog, shard, shards), docs))
        status = 0
    except PageWriteError as error:
        report = str(error)
    except BaseException as error:  # noqa: BLE001  # reported by the parent, not as a traceback
        report = f"page process {shard} failed: {type(error).__name__}: {error}"
    exit_child(writer, status, report)


def exit_child(writer: int, status: int, report: str) -> NoReturn:
    """End a forked page process: send `report` (a count, or what went wrong) to the parent
    through `writer` and exit at once, never returning into the parent's code or cleanup."""
    try:
        os.write(writer, report.encode("utf-8", "replace")[:_MESSAGE_LIMIT])
    finally:
        os._exit(status)


def _collect(pid: int, reader: int) -> int | str:
    """The page count a child reported, or what went wrong with it."""
    chunks = []
    with os.fdopen(reader, "rb") as stream:
        chunks.append(stream.read())
    _, status = os.waitpid(pid, 0)
    report = b"".join(chunks).decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code == 0 and report.isdigit():
        return int(report)
    if code < 0:
        return f"a page process was stopped by signal {-code}"
    return report or f"a page process exited with status {code}"
