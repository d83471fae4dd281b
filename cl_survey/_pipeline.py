"""Pages generated while MkDocs builds: a forked process writes them, MkDocs reads them.

MkDocs builds on one core; generating the pages first and building after leaves the other
cores idle for the first part and makes the build wait for it (at 10,000 papers, 20 s before
MkDocs starts). Instead, `cl-survey build` forks a producer that generates the pages in the
order MkDocs reads them (`page_plan`) and writes each one atomically (a temporary name, then
a rename) outside docs/, while MkDocs runs here with `GeneratedPages`, a plugin that adds
those pages to its files and, when MkDocs reads one, waits until it is there. The producer
is many times faster than MkDocs, so MkDocs hardly ever waits.

Used only where `cl_survey._pages.worker_count` allows forking more than one process (Linux,
no other thread, more than one CPU); otherwise all pages are written first.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from typing import TYPE_CHECKING, NoReturn

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key

from cl_survey._pages import exit_child
from cl_survey.render import iter_pages, page_plan, prepare_shards

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from cl_survey._catalog import Catalog

__all__ = ["GeneratedPages", "PageProducer"]

_POLL_SECONDS = 0.002


class PageProducer:
    """A forked process writing every page of `catalog` under `directory`, in plan order."""

    def __init__(self, catalog: Catalog, directory: Path) -> None:
        self.directory = directory
        self.plan = page_plan(catalog)
        prepare_shards(catalog)  # built once, before the fork, not in both processes
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
                    raise PluginError(msg) from None
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
        for relative, text in iter_pages(catalog):
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
    exit_child(writer, status, report)


class GeneratedPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # MkDocs is untyped here
    """Adds the producer's pages to MkDocs' files and hands MkDocs each one when it reads it."""

    def __init__(self, producer: PageProducer) -> None:
        super().__init__()
        self._producer = producer
        self._planned = frozenset(producer.plan)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        generated = [
            File(
                relative,
                src_dir=str(self._producer.directory),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            for relative in self._producer.plan
        ]
        # MkDocs reads pages in the order of its files; the order get_files would have given
        # them keeps everything that lists pages (search index, tags) as a plain build has it.
        # A generated page replaces a file of the same name, as it would written into docs/.
        kept = [file for file in files.documentation_pages() if file.src_uri not in self._planned]
        pages = sorted([*kept, *generated], key=file_sort_key)
        others = [file for file in files if not file.is_documentation_page()]
        return Files([*others, *pages])

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:  # noqa: ARG002  # MkDocs passes it
        if page.file.src_uri in self._planned:
            return self._producer.read(page.file.src_uri)
        return None
