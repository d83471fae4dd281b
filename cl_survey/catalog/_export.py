"""Exports: BibTeX, CSL-JSON, GraphML, node-link JSON and CSV.

BibTeX is written with bibtexparser (LaTeX-encoded, so it parses back to the same text);
graphs with networkx's own writers, so they reload to the same graph.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

import bibtexparser
import networkx as nx
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import unicode_to_latex

from cl_survey.catalog._rows import PAPER_COLUMNS, RESULT_COLUMNS, paper_row, result_row
from cl_survey.records import Paper, VenueKind, surname

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cl_survey.catalog._catalog import Catalog

__all__ = [
    "EXPORT_FORMATS",
    "export",
    "paper_to_bibtex",
    "papers_to_bibtex",
    "papers_to_csl_json",
    "papers_to_csv",
    "papers_to_ris",
    "results_to_csv",
    "subgraph_for",
]

EXPORT_FORMATS = ("bibtex", "csl-json", "ris", "graphml", "json", "csv", "results-csv")

_BIBTEX_TYPE = {
    VenueKind.JOURNAL: "article",
    VenueKind.CONFERENCE: "inproceedings",
    VenueKind.WORKSHOP: "inproceedings",
    VenueKind.BOOK_CHAPTER: "incollection",
    VenueKind.PREPRINT: "misc",
}
# Free text is LaTeX-encoded; identifiers and URLs are verbatim fields in BibTeX/biblatex.
_TEXT_FIELDS = frozenset({"title", "journal", "booktitle", "howpublished"})

_CSL_TYPE = {
    VenueKind.JOURNAL: "article-journal",
    VenueKind.CONFERENCE: "paper-conference",
    VenueKind.WORKSHOP: "paper-conference",
    VenueKind.BOOK_CHAPTER: "chapter",
    VenueKind.PREPRINT: "article",
}


def _bibtex_fields(paper: Paper) -> list[Field]:
    venue = paper.venue
    container = venue.full_name or venue.name
    fields: list[tuple[str, str | None]] = [
        ("title", _protect_case(paper.title)),
        ("author", " and ".join(map(_bibtex_name, paper.authors))),
        ("year", str(paper.year)),
    ]
    if venue.kind is VenueKind.JOURNAL:
        fields.append(("journal", container))
    elif venue.kind is VenueKind.PREPRINT:
        fields.append(("howpublished", container))
    else:
        fields.append(("booktitle", container))
    fields += [
        ("volume", str(venue.volume) if venue.volume else None),
        ("number", str(venue.issue) if venue.issue else None),
        ("pages", venue.pages.replace("-", "--") if venue.pages else None),
        ("doi", paper.identifiers.doi),
    ]
    if paper.identifiers.arxiv:
        fields += [("eprint", paper.identifiers.arxiv), ("archiveprefix", "arXiv")]
    fields.append(("url", paper.links.paper))
    return [
        Field(key, _latex(value) if key in _TEXT_FIELDS else value)
        for key, value in fields
        if value
    ]


def _family_first(full_name: str) -> str:
    """ "Family, Given" with the family's particles ("van de Ven, Gido M.", "De Lange,
    Matthias"): the form in which BibTeX readers split a name where the catalog splits it."""
    family, given = _split_name(full_name)
    return f"{family}, {given}" if given else family


def _bibtex_name(full_name: str) -> str:
    """ "Family, Given", LaTeX-encoded; a family of several words ("van de Ven") is braced so
    that readers take it whole rather than dropping its lower-case particles."""
    family, given = _split_name(full_name)
    encoded = _latex_specials(family)
    if " " in family:
        encoded = f"{{{encoded}}}"
    return f"{encoded}, {_latex_specials(given)}" if given else encoded


# Names keep their letters (the file is UTF-8): accents encoded as LaTeX come back from some
# readers as dotless-i ligatures. Only the characters that mean something to BibTeX are escaped.
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _latex_specials(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def _split_name(full_name: str) -> tuple[str, str]:
    # Catalog names are "Given Family"; the family keeps its particles ("van de Ven").
    family = surname(full_name)
    return family, full_name[: len(full_name) - len(family)].strip()


def _protect_case(title: str) -> str:
    # Bibliography styles lower-case titles; braces keep acronyms such as iCaRL or CLIP intact.
    return " ".join(
        f"{{{word}}}" if any(c.isupper() for c in word[1:]) else word for word in title.split(" ")
    )


def _latex(text: str) -> str:
    # A straight double quote stays one ({"}); the encoder would make it a closing '' quote.
    return '{"}'.join(
        str(unicode_to_latex(part, non_ascii_only=False, replacement_latex_protection="braces"))
        for part in text.split('"')
    )


def papers_to_bibtex(papers: Iterable[Paper]) -> str:
    library = bibtexparser.Library()
    for paper in papers:
        library.add(
            Entry(_BIBTEX_TYPE[paper.venue.kind], paper.citation_key, _bibtex_fields(paper))
        )
    # The library is ours and thrown away: letting the writer change it in place spares a
    # deep copy of every entry (a tenth of page generation, which writes one per paper).
    stack = default_unparse_stack(allow_inplace_modification=True)
    return str(bibtexparser.write_string(library, unparse_stack=stack))


def paper_to_bibtex(paper: Paper) -> str:
    return papers_to_bibtex([paper]).strip() + "\n"


def _csl_name(full_name: str) -> dict[str, str]:
    family, given = _split_name(full_name)
    return {"family": family, "given": given} if given else {"literal": full_name}


def papers_to_csl_json(papers: Iterable[Paper]) -> str:
    items: list[dict[str, Any]] = []
    for paper in papers:
        venue = paper.venue
        item: dict[str, Any] = {
            "id": paper.citation_key,
            "type": _CSL_TYPE[venue.kind],
            "title": paper.title,
            "author": [_csl_name(name) for name in paper.authors],
            "issued": {"date-parts": [[paper.year]]},
            "container-title": venue.full_name or venue.name,
        }
        if venue.full_name:
            item["container-title-short"] = venue.name
        optional = {
            "volume": str(venue.volume) if venue.volume else None,
            "issue": str(venue.issue) if venue.issue else None,
            "page": venue.pages,
            "DOI": paper.identifiers.doi,
            "URL": paper.links.paper,
        }
        item.update({key: value for key, value in optional.items() if value})
        if paper.identifiers.arxiv:
            item["note"] = f"arXiv: {paper.identifiers.arxiv}"
        items.append(item)
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


_RIS_TYPE = {
    VenueKind.JOURNAL: "JOUR",
    VenueKind.CONFERENCE: "CPAPER",
    VenueKind.WORKSHOP: "CPAPER",
    VenueKind.BOOK_CHAPTER: "CHAP",
    VenueKind.PREPRINT: "UNPB",
}


def papers_to_ris(papers: Iterable[Paper]) -> str:
    """RIS, as reference managers import it: one record per paper, authors "Family, Given",
    the journal under JO and any other container under T2."""
    lines: list[str] = []
    for paper in papers:
        venue = paper.venue
        fields: list[tuple[str, str | None]] = [
            ("TY", _RIS_TYPE[venue.kind]),
            ("ID", paper.citation_key),
        ]
        fields += [("AU", _family_first(author)) for author in paper.authors]
        fields += [
            ("TI", paper.title),
            ("PY", str(paper.year)),
            ("JO" if venue.kind is VenueKind.JOURNAL else "T2", venue.full_name or venue.name),
            ("VL", str(venue.volume) if venue.volume else None),
            ("IS", str(venue.issue) if venue.issue else None),
        ]
        if venue.pages:
            first, _, last = venue.pages.replace("\u2013", "-").partition("-")
            fields += [("SP", first), ("EP", last or None)]
        fields += [("DO", paper.identifiers.doi), ("UR", paper.links.paper)]
        if paper.identifiers.arxiv:
            fields.append(("N1", f"arXiv: {paper.identifiers.arxiv}"))
        lines += [f"{tag}  - {_one_line(value)}" for tag, value in fields if value]
        lines += ["ER  - ", ""]
    return "\n".join(lines)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def papers_to_csv(catalog: Catalog, papers: Iterable[Paper]) -> str:
    """The columns of Catalog.to_dataframe() plus the code link; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*PAPER_COLUMNS, "code"], lineterminator="\n")
    writer.writeheader()
    for paper in papers:
        row = {**paper_row(catalog, paper), "code": paper.links.code}
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value


def subgraph_for(catalog: Catalog, papers: Iterable[Paper] | None) -> nx.MultiDiGraph[str]:
    """The whole graph, or the selected papers with everything they link to."""
    graph = catalog.graph
    if papers is None:
        return graph
    keep: set[str] = set()
    for paper in papers:
        keep.add(paper.id)
        keep.update(graph.successors(paper.id))
    return graph.subgraph(keep).copy()


def export(catalog: Catalog, output_format: str, papers: Iterable[Paper] | None = None) -> str:
    """The catalog (or the given papers) in one of EXPORT_FORMATS, as text."""
    selected = tuple(catalog.papers if papers is None else papers)
    if output_format == "bibtex":
        return papers_to_bibtex(selected)
    if output_format == "csl-json":
        return papers_to_csl_json(selected)
    if output_format == "ris":
        return papers_to_ris(selected)
    if output_format == "csv":
        return papers_to_csv(catalog, selected)
    if output_format == "results-csv":
        return results_to_csv(catalog, None if papers is None else selected)
    graph = subgraph_for(catalog, None if papers is None else selected)
    if output_format == "graphml":
        return "\n".join(nx.generate_graphml(graph)) + "\n"
    if output_format == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    msg = f"unknown export format {output_format!r}"
    raise ValueError(msg)


def results_to_csv(catalog: Catalog, papers: Iterable[Paper] | None = None) -> str:
    """Every result value (one row each, with its protocol key and source); with `papers`,
    those read from their tables or belonging to the methods they propose."""
    entries = catalog.results()
    if papers is not None:
        chosen = tuple(papers)
        ids = {paper.id for paper in chosen}
        methods = {method for paper in chosen for method in paper.proposes}
        entries = tuple(e for e in entries if e.source_paper in ids or e.method in methods)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(RESULT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: _cell(value) for key, value in result_row(entry).items()})
    return buffer.getvalue()
