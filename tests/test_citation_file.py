"""CITATION.cff is valid Citation File Format and agrees with the package and the site."""

from __future__ import annotations

from pathlib import Path

import yaml

import cl_survey

ROOT = Path(__file__).parents[1]


def test_citation_file_names_what_cff_requires_and_the_current_version() -> None:
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    for required in ("message", "title", "authors"):
        assert data[required]
    assert all("name" in author or "family-names" in author for author in data["authors"])
    assert data["version"] == cl_survey.__version__
    how_to_cite = (ROOT / "site" / "docs" / "how-to-cite.md").read_text(encoding="utf-8")
    assert data["title"] in how_to_cite
    assert f"Version {data['version']}" in how_to_cite
