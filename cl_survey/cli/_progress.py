"""What `cl-survey build` shows while it works: its steps, and pages done of pages in all.

On a terminal, one rich progress line: the step, a bar, pages done / total and the time
left. Elsewhere (a log, CI), plain lines: each step, then the pages at every tenth.

Nothing here runs a thread: rich's own refresh thread is turned off and the display is
redrawn from the callbacks, at most REDRAWS_PER_SECOND times a second. A thread would stop
build_site from forking its page producer (cl_survey.publish._build.producer_allowed).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Self

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

if TYPE_CHECKING:
    from types import TracebackType

    from rich.console import Console

__all__ = ["BuildProgress"]

REDRAWS_PER_SECOND = 10
PLAIN_STEPS = 10  # a plain line at every tenth of the pages


class BuildProgress:
    """`step(message)` and `pages(done, total)` (build_site's callbacks), shown on `console`.

    MkDocs renders every page and then writes every page: build_site counts two steps a page,
    shown here as pages (half the steps) so the numbers mean what they say."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._terminal = console.is_terminal
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[pages]}"),
            TimeRemainingColumn(),
            console=console,
            auto_refresh=False,
            transient=True,
        )
        self._task: TaskID | None = None
        self._drawn = 0.0
        self._plain_shown = -1
        self._started = time.monotonic()

    def __enter__(self) -> Self:
        if self._terminal:
            self._bar.start()
            self._task = self._bar.add_task("starting", total=None, pages="")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._terminal:
            self._bar.stop()

    def step(self, message: str) -> None:
        if self._task is None:
            self._console.print(f"cl-survey: {message}", highlight=False)
            return
        self._bar.update(self._task, description=message)
        self._redraw(force=True)

    def pages(self, done: int, total: int) -> None:
        if self._task is None:
            self._plain(done, total)
            return
        self._bar.update(
            self._task, completed=done, total=total, pages=f"{done // 2:,}/{total // 2:,} pages"
        )
        self._redraw(force=done == total)

    def _redraw(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._drawn >= 1 / REDRAWS_PER_SECOND:
            self._bar.refresh()
            self._drawn = now

    def _plain(self, done: int, total: int) -> None:
        if total <= 0:
            return
        tenth = done * PLAIN_STEPS // total
        if tenth == self._plain_shown or (tenth == 0 and done > 1):
            return
        self._plain_shown = tenth
        if done == 1:
            self._started = time.monotonic()
        elapsed = time.monotonic() - self._started
        left = f", about {elapsed / done * (total - done):.0f} s left" if tenth else ""
        self._console.print(
            f"cl-survey: pages {done // 2:,}/{total // 2:,} ({100 * done // total}%){left}",
            highlight=False,
        )
