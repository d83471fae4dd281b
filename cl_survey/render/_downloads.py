"""Download any list of papers as BibTeX, CSL-JSON or RIS, in the browser and offline.

`export_data` is a file beside the pages (exports.json): every paper's entry in the three
formats, written by the same code as `cl-survey export`. A page offers a download control
naming its papers (or, on the paper index, the rows the filters leave); the project's script
joins their entries into one file. Nothing is asked of a server.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cl_survey.catalog import paper_to_bibtex, papers_to_csl_json, papers_to_ris
from cl_survey.render._html import Markup, html
from cl_survey.render._memo import per_record
from cl_survey.render._urls import file_href

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cl_survey.catalog import Catalog
    from cl_survey.records import Paper

__all__ = ["EXPORTS", "download_control", "export_data"]

EXPORTS = "exports.json"


def export_data(catalog: Catalog) -> str:
    """Paper id -> {"bibtex": entry, "csl": item, "ris": record}, as one JSON document (keys
    sorted, no spaces)."""
    papers = sorted(catalog.papers, key=lambda paper: paper.id)
    entries = ",".join(f"{json.dumps(paper.id)}:{_entry(paper)}" for paper in papers)
    return "{" + entries + "}"


@per_record
def _entry(paper: Paper) -> str:
    """One paper's three entries as JSON. An entry depends on its paper alone, and serve
    writes this file again after every edit: remembered, all but the edited paper's are
    reused (made afresh, 10,000 papers' took about 14 s)."""
    entry = {
        "bibtex": paper_to_bibtex(paper),
        "csl": json.loads(papers_to_csl_json([paper]))[0],
        "ris": papers_to_ris([paper]),
    }
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def download_control(page: str, paper_ids: Iterable[str] = (), *, table: str = "") -> Markup:
    """A "Download these N papers" control for `paper_ids`, or for the visible rows of
    `table`; hidden until the script shows it (nothing to download without it)."""
    ids = " ".join(paper_ids)
    return html(
        '<form class="cls-download" data-exports="{exports}" data-papers="{ids}" '
        'data-table="{table}" hidden><label>Download {what} as '
        '<select name="format"><option value="bibtex">BibTeX</option>'
        '<option value="csl">CSL-JSON</option><option value="ris">RIS</option></select></label> '
        '<button type="submit" class="md-button">Download</button></form>',
        exports=file_href(page, EXPORTS),
        ids=ids,
        table=table,
        what="the papers shown" if table else f"these {len(ids.split())} papers",
    )
