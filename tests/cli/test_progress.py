"""What `cl-survey build` shows while it works, on a terminal and elsewhere."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from cl_survey.cli._progress import BuildProgress


def _console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=120, color_system=None), out


def test_on_a_terminal_one_line_shows_pages_done_of_all_and_starts_no_thread() -> None:
    console, out = _console(terminal=True)
    threads = threading.active_count()
    with BuildProgress(console) as progress:
        progress.step("building the site with MkDocs")
        for done in range(1, 401):
            progress.pages(done, 400)
            # A thread would keep build_site from forking its page producer.
            assert threading.active_count() == threads
    shown = out.getvalue()
    assert "building the site with MkDocs" in shown
    assert "200/200 pages" in shown
    assert "cl-survey:" not in shown  # no plain lines on a terminal


def test_elsewhere_plain_lines_give_each_step_and_every_tenth_of_the_pages() -> None:
    console, out = _console(terminal=False)
    with BuildProgress(console) as progress:
        progress.step("loading the catalog")
        for done in range(1, 2001):
            progress.pages(done, 2000)
        progress.step("indexing the site for search")
    lines = out.getvalue().splitlines()
    assert lines[0] == "cl-survey: loading the catalog"
    assert lines[-1] == "cl-survey: indexing the site for search"
    pages = [line for line in lines if line.startswith("cl-survey: pages")]
    assert len(pages) == 11  # 0%, 10%, ..., 100%
    assert pages[0] == "cl-survey: pages 0/1,000 (0%)"
    assert pages[5].startswith("cl-survey: pages 500/1,000 (50%), about ")
    assert pages[-1].startswith("cl-survey: pages 1,000/1,000 (100%), about 0 s left")
    assert "\x1b[" not in out.getvalue()
