"""`cl-survey serve`: serves on 127.0.0.1, rebuilds on a catalog change, keeps the last good
site while the catalog is broken, and cleans up when stopped."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from typing import TYPE_CHECKING

import pytest
import yaml

from cl_survey.publish._http import catalog_snapshot

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pytestmark = pytest.mark.slow  # builds a site

PATIENCE_SECONDS = 120  # an upper bound for a slow machine, not a performance assertion


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  # our own server
        return str(response.read().decode("utf-8"))


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(what)


def test_snapshot_notices_an_edit(catalog_copy: Path) -> None:
    before = catalog_snapshot(catalog_copy)
    paper = catalog_copy / "papers" / "alpha2019first.yaml"
    paper.write_text(paper.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert catalog_snapshot(catalog_copy) != before


def test_serve_rebuilds_when_the_catalog_changes(catalog_copy: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "TMPDIR": str(tmp_path)}
    with subprocess.Popen(
        [sys.executable, "-m", "cl_survey", "serve", "--catalog", str(catalog_copy), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    ) as server:
        _exercise(server, catalog_copy)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("cl-survey-serve-")]


def _exercise(server: subprocess.Popen[str], catalog_copy: Path) -> None:
    try:
        output = server.stdout
        assert output is not None
        first = output.readline()
        assert first.startswith("serving http://127.0.0.1:"), first
        url = first.split()[1]
        page = url + "papers/alpha2019first.html"
        assert "The First Fictional Paper" in _fetch(page)

        paper = catalog_copy / "papers" / "alpha2019first.yaml"
        record = yaml.safe_load(paper.read_text(encoding="utf-8"))
        record["title"] = "A Renamed Fictional Paper"
        paper.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
        _wait_for(lambda: "A Renamed Fictional Paper" in _fetch(page), "no rebuild seen")
        # Only the pages that show the paper were generated again (a title: not all of them).
        report = re.compile(r"generated (\d+) of (\d+) pages again, \d+ changed and rebuilt")
        _wait_for(
            lambda: (
                (found := report.match(output.readline())) is not None
                and int(found[1]) < int(found[2])
            ),
            "the partial rebuild was not reported",
        )

        paper.write_text("id: alpha2019first\ntitle: [\n", encoding="utf-8")
        _wait_for(
            lambda: "still serving the last good build" in output.readline(),
            "a broken catalog was not reported",
        )
        assert "A Renamed Fictional Paper" in _fetch(page)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
