"""How a paper page is cited: Highwire `citation_*` meta tags and the BibTeX block."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from cl_survey.catalog import paper_to_bibtex
from cl_survey.records import VenueKind
from cl_survey.render._html import Markup, html
from cl_survey.render._memo import per_record

if TYPE_CHECKING:
    from cl_survey.records import Paper

__all__ = ["bibtex_block", "citation_meta", "coins"]

_PAGE_RANGE = re.compile(r"([A-Za-z]?\d+)(?:[-\u2013]([A-Za-z]?\d+))?")


def citation_meta(paper: Paper) -> list[list[str]]:
    """(name, content) pairs for Highwire Press tags, which Zotero's connector reads.

    Kept unescaped in front matter; overrides/main.html escapes each into an attribute.
    """
    venue = paper.venue
    tags: list[list[str]] = [["citation_title", paper.title]]
    tags += [["citation_author", author] for author in paper.authors]
    tags.append(["citation_publication_date", str(paper.year)])
    container = venue.full_name or venue.name
    if venue.kind is VenueKind.JOURNAL:
        tags.append(["citation_journal_title", container])
    elif venue.kind in {VenueKind.CONFERENCE, VenueKind.WORKSHOP}:
        tags.append(["citation_conference_title", container])
    elif venue.kind is VenueKind.BOOK_CHAPTER:
        tags.append(["citation_inbook_title", container])
    else:
        tags.append(["citation_technical_report_institution", container])
    if venue.volume is not None:
        tags.append(["citation_volume", str(venue.volume)])
    if venue.issue is not None:
        tags.append(["citation_issue", str(venue.issue)])
    if venue.pages and (pages := _PAGE_RANGE.fullmatch(venue.pages)):
        tags.append(["citation_firstpage", pages.group(1)])
        if pages.group(2):
            tags.append(["citation_lastpage", pages.group(2)])
    if paper.identifiers.doi:
        tags.append(["citation_doi", paper.identifiers.doi])
    if paper.identifiers.arxiv:
        tags.append(["citation_arxiv_id", paper.identifiers.arxiv])
    return tags


def bibtex_block(paper: Paper) -> Markup:
    """The entry in a code block that material gives a copy button (content.code.copy)."""
    entry = paper_to_bibtex(paper).strip()
    # A blank line would end the HTML block and hand the rest to Markdown: drop any.
    lines = [line for line in entry.splitlines() if line.strip()]
    return html(
        '<div class="language-bibtex highlight"><pre><span></span><code>{}</code></pre></div>',
        "\n".join(lines),
    )


_COINS_GENRE = {
    VenueKind.JOURNAL: "article",
    VenueKind.CONFERENCE: "proceeding",
    VenueKind.WORKSHOP: "proceeding",
    VenueKind.BOOK_CHAPTER: "bookitem",
    VenueKind.PREPRINT: "preprint",
}


@per_record
def coins(paper: Paper) -> Markup:
    """A COinS span (an OpenURL ContextObject in its title), which browser connectors such as
    Zotero's read to offer saving every paper of a list page at once. Remembered per paper:
    every list of papers carries one per item, and serve renders the long lists again after
    any edit."""
    venue = paper.venue
    is_book = venue.kind is VenueKind.BOOK_CHAPTER
    fields: list[tuple[str, str]] = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{'book' if is_book else 'journal'}"),
        ("rft.genre", _COINS_GENRE[venue.kind]),
        ("rft.atitle", paper.title),
        ("rft.btitle" if is_book else "rft.jtitle", venue.full_name or venue.name),
        ("rft.date", str(paper.year)),
    ]
    fields += [("rft.au", author) for author in paper.authors]
    if venue.volume is not None:
        fields.append(("rft.volume", str(venue.volume)))
    if venue.issue is not None:
        fields.append(("rft.issue", str(venue.issue)))
    if venue.pages:
        fields.append(("rft.pages", venue.pages))
    if paper.identifiers.doi:
        fields.append(("rft_id", f"info:doi/{paper.identifiers.doi}"))
    if paper.links.paper:
        fields.append(("rft_id", paper.links.paper))
    return html('<span class="Z3988" title="{}"></span>', urlencode(fields))
