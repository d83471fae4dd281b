"""BibTeX entries in, plain facts about each paper out: LaTeX decoded, identifiers made bare.

bibtexparser (v2) does the parsing; its middleware splits the author list on `and` while
braces still protect corporate names, and pylatexenc turns `{\\"u}` into `ü`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from pylatexenc.latex2text import LatexNodes2Text

from cl_survey._errors import Diagnostic, InputError

if TYPE_CHECKING:
    from bibtexparser.model import Entry

__all__ = ["BibEntry", "is_preprint_server", "parse_bibtex", "split_venue"]

_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
_ARXIV_IN_TEXT = re.compile(r"arxiv[.:/ ]+(?:abs/|pdf/)?" + _ARXIV_ID.pattern, re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_IN_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.IGNORECASE)
_ACRONYM_IN_PARENTHESES = re.compile(r"^(?P<full>.*?)\s*\((?P<short>[A-Za-z][\w&/-]*)\)\s*$")
_PREPRINT_SERVERS = re.compile(r"^(arxiv|corr)\b", re.IGNORECASE)
_DECODER = LatexNodes2Text()
_ESCAPED = re.compile(r"\\([_%&#$~])")


@dataclass(frozen=True, slots=True)
class BibEntry:
    """What one BibTeX entry says about a paper; None where it says nothing usable."""

    key: str
    line: int
    """1-based line of the entry's `@` in the BibTeX file."""
    entry_type: str
    title: str | None
    authors: tuple[str, ...]
    first_author_surname: str | None
    """Particles included ('van de Ven'), as written after decoding."""
    year: int | None
    venue: str | None
    """The journal or the proceedings (booktitle), as written."""
    volume: int | None
    issue: int | None
    pages: str | None
    doi: str | None
    arxiv: str | None
    url: str | None


def parse_bibtex(text: str, path: str) -> list[BibEntry]:
    """Every entry of a BibTeX file; InputError naming each block that cannot be parsed."""
    library = parse_string(
        text,
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()],
    )
    problems = [
        Diagnostic(
            path,
            (block.start_line or 0) + 1,
            1,
            "bibtex-syntax",
            f"{_first_line(str(getattr(block, 'error', '')))}; fix the entry or remove it",
        )
        for block in library.failed_blocks
    ]
    entries = [_entry(entry) for entry in library.entries]
    problems.extend(
        Diagnostic(
            path, entry.line, 1, "bibtex-empty", f"@{entry.entry_type}{{{entry.key}}} has no title"
        )
        for entry in entries
        if entry.title is None
    )
    if not entries and not problems:
        problems.append(Diagnostic(path, 1, 1, "bibtex-empty", "holds no BibTeX entries"))
    if problems:
        raise InputError(problems)
    return entries


def _first_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return " ".join(lines) or "cannot be parsed as BibTeX"


def _entry(entry: Entry) -> BibEntry:
    fields = {field.key.lower(): field.value for field in entry.fields}
    names = fields.get("author", [])
    authors = tuple(_full_name(name) for name in names if isinstance(name, middlewares.NameParts))
    first = names[0] if names and isinstance(names[0], middlewares.NameParts) else None
    url = _verbatim(fields.get("url"))
    venue = _text(fields.get("journal")) or _text(fields.get("booktitle"))
    return BibEntry(
        key=entry.key,
        line=(entry.start_line or 0) + 1,
        entry_type=entry.entry_type.lower(),
        title=_text(fields.get("title")),
        authors=authors,
        first_author_surname=_surname(first) if first is not None else None,
        year=_number(fields.get("year")),
        venue=venue,
        volume=_number(fields.get("volume")),
        issue=_number(fields.get("number")),
        pages=_pages(fields.get("pages")),
        doi=_doi(fields.get("doi"), url),
        arxiv=_arxiv(fields, venue, url),
        url=url,
    )


def _decode(value: str) -> str:
    return " ".join(_DECODER.latex_to_text(value).split())


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    decoded = _decode(value)
    return decoded or None


def _verbatim(value: object) -> str | None:
    """An identifier or URL as written: no LaTeX decoding, which would end it at a `%`."""
    if not isinstance(value, str):
        return None
    unescaped = _ESCAPED.sub(r"\1", value).replace("{", "").replace("}", "").strip()
    return unescaped or None


def _full_name(name: middlewares.NameParts) -> str:
    given = [*name.first, *name.von, *name.last]
    full = " ".join(_decode(part) for part in given if part)
    return f"{full}, {' '.join(_decode(part) for part in name.jr)}" if name.jr else full


def _surname(name: middlewares.NameParts) -> str | None:
    surname = " ".join(_decode(part) for part in [*name.von, *name.last] if part)
    return surname or None


def _number(value: object) -> int | None:
    text = _text(value)
    return int(text) if text is not None and text.isdigit() and int(text) > 0 else None


def _pages(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    # BibTeX's `--` decodes to an en dash; the catalog writes ranges with a hyphen.
    return re.sub(r"\s*[-\u2013\u2014]+\s*", "-", text)


def _doi(value: object, url: str | None) -> str | None:
    text = _verbatim(value)
    if text is not None:
        return _DOI_PREFIX.sub("", text).strip()
    if url is not None and (found := _DOI_IN_URL.match(url)):
        return found.group(1)
    return None


def _arxiv(fields: dict[str, object], venue: str | None, url: str | None) -> str | None:
    prefix = _verbatim(fields.get("archiveprefix")) or _verbatim(fields.get("eprinttype")) or ""
    prefix = prefix.lower()
    eprint = _verbatim(fields.get("eprint"))
    if eprint is not None and (prefix == "arxiv" or _ARXIV_ID.fullmatch(eprint)):
        found = _ARXIV_ID.fullmatch(eprint.removeprefix("arXiv:"))
        if found:
            return found.group(1)
    for text in (venue, _text(fields.get("volume")), url, _text(fields.get("note"))):
        if text is not None and (match := _ARXIV_IN_TEXT.search(text)):
            return match.group(1)
    if venue is not None and _PREPRINT_SERVERS.match(venue):
        volume = _text(fields.get("volume")) or ""
        found = _ARXIV_ID.fullmatch(volume.removeprefix("abs/"))
        if found:
            return found.group(1)
    return None


def split_venue(venue: str) -> tuple[str, str | None]:
    """('CVPR', 'Proceedings of ... Recognition') from '... Recognition (CVPR)'."""
    found = _ACRONYM_IN_PARENTHESES.match(venue)
    if found:
        return found.group("short"), found.group("full")
    return venue, None


def is_preprint_server(venue: str) -> bool:
    return bool(_PREPRINT_SERVERS.match(venue))
