"""Generated pages are written only inside docs/, and the page producer is forked only
where that is safe and worth it (the one place that decides it)."""

from __future__ import annotations

import sys
import threading

import pytest

from cl_survey.publish._build import producer_allowed
from cl_survey.publish._pages import PageWriteError, write_page_files


def test_no_producer_while_another_thread_runs(monkeypatch) -> None:
    monkeypatch.delenv("CL_SURVEY_WORKERS", raising=False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert producer_allowed(10_000) is False
    finally:
        stop.set()
        thread.join()


def test_the_producer_is_turned_off_by_the_setting_and_by_little_work(monkeypatch) -> None:
    monkeypatch.setenv("CL_SURVEY_WORKERS", "1")
    assert producer_allowed(10_000) is False
    monkeypatch.delenv("CL_SURVEY_WORKERS")
    assert producer_allowed(150) is False  # too little work for a fork to pay
    if sys.platform == "linux" and threading.active_count() == 1:
        import os  # noqa: PLC0415

        assert producer_allowed(10_000) is (len(os.sched_getaffinity(0)) > 1)


def test_pages_are_written_as_they_come(tmp_path) -> None:
    pages = iter([("index.md", "home"), ("papers/a.md", "A")])
    assert write_page_files(pages, tmp_path / "docs") == 2
    assert (tmp_path / "docs" / "papers" / "a.md").read_text(encoding="utf-8") == "A"


def test_a_page_path_out_of_docs_is_refused(tmp_path) -> None:
    with pytest.raises(PageWriteError, match="outside"):
        write_page_files([("../escape.md", "x")], tmp_path / "docs")
    assert not (tmp_path / "escape.md").exists()
