"""Pages generated while MkDocs builds: a forked process writes them, MkDocs reads them.

MkDocs builds on one core; generating the pages first and building after leaves the other
core idle for the first part and makes the build wait for it (at 10,000 papers, 20 s before
MkDocs starts). Instead, `build_site` forks a producer that generates the pages in the order
MkDocs reads them and writes each one atomically (a temporary name, then a rename) outside
docs/, while MkDocs runs with the adapter's generated-pages plugin, which adds those pages
to its files and, when MkDocs reads one, waits until it is there. The producer is many
times faster than MkDocs, so MkDocs hardly ever waits.

Used only where `_build.producer_allowed` says so; otherwise all pages are written first.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from typing import TYPE_CHECKING, NoReturn

from cl_survey.publish._mkdocs import reading_order
from cl_survey.publish._pages import PageWriteError
from cl_survey.render import iter_pages, page_plan, prepare

if TYPE_CHECKING:
    from pathlib import Path

    from cl_survey.catalog import Catalog

__all__ = ["PageProducer"]

_POLL_SECONDS = 0.002
_MESSAGE_LIMIT = 4096


class PageProducer:
    """A forked process writing every page of `catalog` under `directory`, in plan order."""

    def __init__(self, catalog: Catalog, directory: Path) -> None:
        self.directory = directory
        self.plan = page_plan(catalog, reading_order)
        prepare(catalog)  # built once, before the fork, not in both processes
        directory.mkdir(parents=True, exist_ok=True)
        reader, writer = os.pipe()
        self._pid: int | None = os.fork()
        if self._pid == 0:
            os.close(reader)
            _produce(catalog, directory, writer)
        os.close(writer)
        self._reader = reader
        self._failure: str | None = None

    def read(self, relative: str) -> str:
        """The text of one planned page, once the producer has written it."""
        path = self.directory / relative
        while True:
            try:
                return path.read_text(encoding="utf-8")
            except OSError:  # not there yet, or (if the producer failed) never will be
                if not self._running():
                    if path.exists():
                        continue
                    msg = self._failure or f"the page generator did not write {relative}"
                    raise PageWriteError(msg) from None
                time.sleep(_POLL_SECONDS)

    def close(self) -> None:
        """Wait for the producer (stopping it if MkDocs gave up first)."""
        if self._pid is None:
            return
        if self._running():
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        os.close(self._reader)

    def _running(self) -> bool:
        if self._pid is None:
            return False
        pid, status = os.waitpid(self._pid, os.WNOHANG)
        if pid == 0:
            return True
        self._pid = None
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            with os.fdopen(os.dup(self._reader), "rb") as stream:
                report = stream.read().decode("utf-8", "replace")
            self._failure = report or f"the page generator exited with status {code}"
        return False


def _produce(catalog: Catalog, directory: Path, writer: int) -> NoReturn:
    """The producer: write every page, report what failed, and exit without returning."""
    gc.freeze()  # the collector leaves the parent's heap alone (and unshared: no copies)
    status = 1
    report = ""
    try:
        folders: set[Path] = set()
        for relative, text in iter_pages(catalog, reading_order):
            target = directory / relative
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            temporary = target.with_name(f".{target.name}.partial")
            temporary.write_bytes(text.encode("utf-8"))
            temporary.replace(target)  # MkDocs never sees a half-written page
        status = 0
    except OSError as error:
        report = f"{error.filename}: cannot write a generated page: {error.strerror or error}"
    except BaseException as error:  # noqa: BLE001  # reported by the parent, not as a traceback
        report = f"generating the pages failed: {type(error).__name__}: {error}"
    try:
        os.write(writer, report.encode("utf-8", "replace")[:_MESSAGE_LIMIT])
    finally:
        os._exit(status)
