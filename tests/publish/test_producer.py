"""cl-survey build with its pages generated alongside MkDocs makes the very site a build
that generates them first makes; a failing page generator is an error, not a hang."""

from __future__ import annotations

import filecmp
import gzip
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from cl_survey.publish import PageWriteError, reading_order
from cl_survey.publish._producer import PageProducer
from cl_survey.render import iter_pages, page_plan, render_pages
from cl_survey.render._urls import DIRECTORY, page_path

if TYPE_CHECKING:
    from pathlib import Path

# A fresh interpreter: the test process may run threads, and then nothing is forked.
SCRIPT = """
import json, sys
from pathlib import Path
from cl_survey import load_catalog
from cl_survey.publish._build import build_site
result = build_site(load_catalog(), Path(sys.argv[1]))
print(json.dumps({"pages": result.pages, "alongside": result.alongside}))
"""


def _build(out: Path, workers: str) -> dict[str, object]:
    done = subprocess.run(  # our own interpreter and script
        [sys.executable, "-c", SCRIPT, str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "CL_SURVEY_WORKERS": workers},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _search_entries(site: Path) -> list[bytes]:
    """The search index's entries (decoded fragments), in a fixed order."""
    fragments = (site / "pagefind" / "fragment").iterdir()
    return sorted(gzip.decompress(fragment.read_bytes()) for fragment in fragments)


def _differences(comparison: filecmp.dircmp[str]) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files]
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


def test_pages_generated_alongside_make_the_same_site(tmp_path) -> None:
    first = _build(tmp_path / "first", "1")
    alongside = _build(tmp_path / "alongside", "2")
    assert first["alongside"] is False
    assert alongside["alongside"] is True
    assert first["pages"] == alongside["pages"]
    # Byte for byte, but for the search bundle: Pagefind names its chunks by hashes over an
    # order it does not fix, so two runs over the same documents differ in bytes, not content.
    comparison = filecmp.dircmp(tmp_path / "first", tmp_path / "alongside", ignore=["pagefind"])
    assert _differences(comparison) == []
    assert _search_entries(tmp_path / "first") == _search_entries(tmp_path / "alongside")
    assert (tmp_path / "alongside" / "papers" / "dohare2024loss.html").is_file()


@pytest.mark.parametrize("which", ["fixture", "bundled"])
def test_the_plan_names_every_page_in_the_order_they_are_made(
    which, fixture_catalog, bundled_catalog
) -> None:
    catalog = fixture_catalog if which == "fixture" else bundled_catalog
    plan = page_plan(catalog, reading_order)
    made = [path for path, _ in iter_pages(catalog, reading_order)]
    assert sorted(plan) == sorted(render_pages(catalog))
    assert plan == sorted(plan, key=reading_order)
    # Overview jobs make several pages at once; every record page comes in plan order.
    record_pages = {
        page_path(record.kind, record.id)
        for record in catalog.records.values()
        if record.kind in DIRECTORY  # people have author pages, made by an overview job
    }
    records = [path for path in made if path in record_pages]
    assert records == [path for path in plan if path in record_pages]


pytestmark = pytest.mark.slow  # builds a site


def test_a_failing_page_generator_is_reported(tmp_path, bundled_catalog) -> None:
    generated = tmp_path / "generated"
    generated.mkdir()
    (generated / "papers").write_text("a file where a folder of pages belongs", encoding="utf-8")
    producer = PageProducer(bundled_catalog, generated)
    try:
        with pytest.raises(PageWriteError, match="cannot write a generated page"):
            producer.read("papers/dohare2024loss.md")
    finally:
        producer.close()


def test_closing_stops_a_producer_mkdocs_no_longer_needs(tmp_path, bundled_catalog) -> None:
    producer = PageProducer(bundled_catalog, tmp_path / "generated")
    pid = producer._pid  # noqa: SLF001  # the child this test must see gone
    producer.close()
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left behind
