"""The citation exports read back by the tools people cite with: pandoc's citeproc cites every
paper of the catalog the same from the BibTeX, the CSL-JSON and the RIS export, and an RIS
parser (rispy) reads the RIS export back field by field."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
import rispy

from cl_survey.catalog import export

if TYPE_CHECKING:
    from pathlib import Path

    from cl_survey import Catalog

PANDOC = shutil.which("pandoc")


def _cite_all(catalog: Catalog, bibliography: Path, tmp_path: Path) -> list[str]:
    """pandoc's in-text citation of every paper, one line each, from `bibliography`."""
    document = tmp_path / "cite.md"
    document.write_text(
        "\n\n".join(f"[@{paper.citation_key}]" for paper in catalog.papers) + "\n",
        encoding="utf-8",
    )
    assert PANDOC is not None, "pandoc is missing: make tools installs it (apt-get install pandoc)"
    done = subprocess.run(  # the system's pandoc, on our own files
        [
            PANDOC,
            "--citeproc",
            f"--bibliography={bibliography}",
            "--metadata=suppress-bibliography:true",
            "--wrap=none",
            "-t",
            "plain",
            str(document),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "[WARNING]" not in done.stderr, done.stderr
    return [line for line in done.stdout.splitlines() if line.strip()]


def _ris_as_csl(ris: str) -> list[dict[str, object]]:
    """CSL items built mechanically from what rispy reads in the RIS export."""
    items = []
    for entry in rispy.loads(ris):
        authors = []
        for name in entry["authors"]:
            family, _, given = name.partition(", ")
            authors.append({"family": family, "given": given} if given else {"literal": family})
        items.append(
            {
                "id": entry["id"],
                "type": "article",
                "title": entry["title"],
                "author": authors,
                "issued": {"date-parts": [[int(entry["year"])]]},
            }
        )
    return items


@pytest.fixture(scope="module")
def csl_citations(bundled_catalog, tmp_path_factory) -> list[str]:
    directory = tmp_path_factory.mktemp("csl")
    path = directory / "catalog.json"
    path.write_text(export(bundled_catalog, "csl-json"), encoding="utf-8")
    return _cite_all(bundled_catalog, path, directory)


def test_bibtex_cites_every_paper_as_csl_json_does(bundled_catalog, csl_citations, tmp_path):
    path = tmp_path / "catalog.bib"
    path.write_text(export(bundled_catalog, "bibtex"), encoding="utf-8")
    assert _cite_all(bundled_catalog, path, tmp_path) == csl_citations
    assert len(csl_citations) == len(bundled_catalog.papers)


def test_ris_cites_every_paper_as_csl_json_does(bundled_catalog, csl_citations, tmp_path):
    path = tmp_path / "catalog.json"
    items = _ris_as_csl(export(bundled_catalog, "ris"))
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert _cite_all(bundled_catalog, path, tmp_path) == csl_citations


def test_surname_particles_survive_every_format(bundled_catalog, csl_citations) -> None:
    by_id = dict(zip((p.id for p in bundled_catalog.papers), csl_citations, strict=True))
    assert by_id["delange2022continual"].startswith("(De Lange et al. 2022")
    assert by_id["vandeven2022three"].startswith("(van de Ven, Tuytelaars, and Tolias 2022")


def test_ris_reads_back_field_by_field(bundled_catalog) -> None:
    entries = {entry["id"]: entry for entry in rispy.loads(export(bundled_catalog, "ris"))}
    assert set(entries) == {paper.id for paper in bundled_catalog.papers}
    nature = entries["dohare2024loss"]
    assert nature["type_of_reference"] == "JOUR"
    assert nature["title"] == "Loss of plasticity in deep continual learning"
    assert nature["authors"][0] == "Dohare, Shibhansh"
    assert (nature["journal_name"], nature["volume"], nature["number"]) == ("Nature", "632", "8026")
    assert (nature["start_page"], nature["end_page"]) == ("768", "774")
    assert nature["doi"] == "10.1038/s41586-024-07711-7"
    chapter = entries["mccloskey1989catastrophic"]
    assert chapter["type_of_reference"] == "CHAP"
    for paper in bundled_catalog.papers:
        entry = entries[paper.id]
        assert entry["title"] == " ".join(paper.title.split())
        assert len(entry["authors"]) == len(paper.authors)
        assert int(entry["year"]) == paper.year
