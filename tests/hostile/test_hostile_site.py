"""Hostile input that reaches the site: strings kept as text, and builds racing for one output.

The site's own tests (tests/publish/test_build.py) cover escaping in the paper page and two
builds of one catalog; these add every kind of record field and two *different* catalogs,
where a mix of the two sites would be visible.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cl_survey import load_catalog

FIXTURE = Path(__file__).parent.parent / "fixtures" / "catalog"
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
FRAME = "</div><iframe src=//evil.example></iframe>"
LINK = "[click](javascript:alert(1))"
TEMPLATE = "{{ config }} {% raw %} ${7*7}"
RAW_MARKUP = ("<script>alert", "<img src=x", "<iframe", 'href="javascript:')


def _edit(path: Path, change: dict[str, object]) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(change)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _hostile_catalog(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    _edit(
        root / "papers" / "alpha2019first.yaml",
        {
            "title": f"{SCRIPT} {LINK}",
            "authors": [IMAGE, "Bo Beta"],
            "keywords": [TEMPLATE, FRAME],
            "summary": {"en": f"{FRAME} {LINK} {TEMPLATE}", "zh": SCRIPT},
            "findings": [{"claim": f"{IMAGE} {LINK}"}],
        },
    )
    _edit(root / "methods" / "method-one.yaml", {"name": SCRIPT, "acronym": IMAGE})
    _edit(root / "categories" / "family-a.yaml", {"definition": f"{FRAME} {TEMPLATE}"})
    _edit(root / "problems" / "forgetting.yaml", {"name": IMAGE, "aliases": [LINK]})
    return root


def test_the_loader_keeps_hostile_strings_exactly_as_written(tmp_path: Path) -> None:
    catalog = load_catalog(_hostile_catalog(tmp_path / "catalog"))
    paper = catalog.paper("alpha2019first")
    assert paper.title == f"{SCRIPT} {LINK}"
    assert paper.authors[0] == IMAGE
    assert paper.keywords == (TEMPLATE, FRAME)
    assert paper.summary.zh == SCRIPT
    assert catalog.method("method-one").name == SCRIPT
    assert catalog.problem("forgetting").aliases == (LINK,)


def test_a_built_site_shows_hostile_strings_as_text_on_every_page(tmp_path: Path, run_cli) -> None:
    catalog = _hostile_catalog(tmp_path / "catalog")
    out = tmp_path / "site"
    result = run_cli("build", "--catalog", str(catalog), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for raw in RAW_MARKUP:
            assert raw not in html, (page, raw)
    paper = (out / "papers" / "alpha2019first.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in paper
    assert "{{ config }}" in paper  # shown, not evaluated by a template engine
    method = (out / "methods" / "method-one.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in method


def _variant(root: Path, marker: str) -> Path:
    shutil.copytree(FIXTURE, root)
    for path in sorted((root / "papers").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        _edit(path, {"title": f"{marker} {record['title']}"})
    return root


@pytest.mark.parametrize("round_number", [1, 2])
def test_two_builds_of_different_catalogs_into_one_directory_never_mix(
    tmp_path: Path, round_number: int
) -> None:
    out = tmp_path / "site"
    catalogs = [_variant(tmp_path / name, name) for name in ("Ant", "Bee")]
    command = [sys.executable, "-m", "cl_survey", "build", "--out", str(out), "--catalog"]
    builds = [
        subprocess.Popen([*command, str(catalog)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for catalog in catalogs
    ]
    outcomes = []
    for build in builds:
        _, stderr = build.communicate(timeout=600)
        outcomes.append((build.returncode, stderr.decode()))
    for status, errors in outcomes:
        assert "Traceback" not in errors
        assert status == 0 or "cl-survey: error:" in errors, (round_number, errors)
    assert any(status == 0 for status, _ in outcomes)
    titles = {
        page.name: page.read_text(encoding="utf-8").split("<title>", 1)[1].split(" ", 1)[0]
        for page in (out / "papers").glob("*.html")
    }
    assert len(titles) == 4
    assert len(set(titles.values())) == 1, titles  # every page from the same catalog
    index = (out / "papers.html").read_text(encoding="utf-8")
    (winner,) = set(titles.values())
    loser = "Bee" if winner == "Ant" else "Ant"
    assert f"{loser} The First" not in index
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Ant", "Bee", "site"]


pytestmark = pytest.mark.slow  # builds a site
