"""Drafting a new paper record: what is known filled in, the rest listed as TODO comments.

Required fields nobody has supplied yet are left out rather than filled with placeholders,
so `cl-survey validate` names each one ("missing required field 'summary'") until a curator
writes it, and a TODO comment at the top of the file says what belongs there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from cl_survey.curate._bibtex import BibEntry, is_preprint_server, split_venue
from cl_survey.curate._dedupe import PaperFacts
from cl_survey.records import Paper

__all__ = ["Draft", "draft_from_bibtex", "draft_from_identifier"]

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/paper.schema.json"
_ALWAYS_TODO = (
    "summary.en (required): what the paper does, in your own words; summary.zh is optional.",
    "sources (required): the https pages you checked each field against.",
    "check each field against the published version; list what you cannot in `unverified`.",
)
_WIDTH = 100
_NOT_A_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Draft:
    """A new record's file name (without .yaml), its text, and its facts for duplicate checks."""

    stem: str
    text: str
    facts: PaperFacts


def _start(record_id: str | None) -> tuple[dict[str, Any], list[str]]:
    """A draft's fields and TODO list, with the id or a TODO asking for one."""
    if record_id is None:
        return {}, [_id_todo()]
    # The cite key is proposed once, here, and kept whatever later edits change.
    return {"id": record_id, "cite_key": record_id}, []


def draft_from_bibtex(entry: BibEntry, origin: str, record_id: str | None) -> Draft:
    """A record drafted from one BibTeX entry; `record_id` None means no id could be proposed."""
    fields, todos = _start(record_id)
    _put(fields, todos, "title", entry.title, "title (required): the published title.")
    _put(
        fields,
        todos,
        "authors",
        list(entry.authors) or None,
        "authors (required): full names in the published order.",
    )
    _put(fields, todos, "year", entry.year, "year (required): year of the published version.")
    venue = _venue(entry, todos)
    _put(fields, todos, "venue", venue, "venue (required): name and kind of the venue.")
    identifiers = {"doi": entry.doi, "arxiv": entry.arxiv}
    if any(identifiers.values()):
        fields["identifiers"] = {key: value for key, value in identifiers.items() if value}
    paper_link = _paper_link(entry.url, entry.doi, entry.arxiv)
    if paper_link:
        fields["links"] = {"paper": paper_link}
    todos.extend(_ALWAYS_TODO)
    stem = record_id or f"bibtex-{_slug(entry.key)}"
    origin_note = f"{origin}:{entry.line} (@{entry.entry_type}{{{entry.key}}})"
    facts = PaperFacts(stem, "", entry.title, entry.doi, entry.arxiv)
    return Draft(stem, _render(fields, todos, origin_note), facts)


def draft_from_identifier(kind: str, value: str, record_id: str | None) -> Draft:
    """A record that knows only its DOI or arXiv id (`kind` 'doi' or 'arxiv'), for offline use."""
    fields, todos = _start(record_id)
    todos.extend(
        [
            "title, authors, year (required): from the published version.",
            "venue (required): name and kind (journal, conference, workshop or preprint).",
        ]
    )
    fields["identifiers"] = {kind: value}
    doi, arxiv = (value, None) if kind == "doi" else (None, value)
    link = _paper_link(None, doi, arxiv)
    if link:
        fields["links"] = {"paper": link}
    todos.extend(_ALWAYS_TODO)
    stem = record_id or f"{kind}-{_slug(value)}"
    label = "DOI" if kind == "doi" else "arXiv"
    facts = PaperFacts(stem, "", None, doi, arxiv)
    return Draft(stem, _render(fields, todos, f"{label} {value}"), facts)


def _id_todo() -> str:
    return (
        "id (required): first author's surname + year + first title word, e.g. "
        "dohare2024loss; then rename this file to <id>.yaml."
    )


def _put(fields: dict[str, Any], todos: list[str], key: str, value: object, todo: str) -> None:
    if value is None:
        todos.append(todo)
    else:
        fields[key] = value


def _venue(entry: BibEntry, todos: list[str]) -> dict[str, Any] | None:
    text = entry.venue
    kind = _venue_kind(entry)
    if kind == "preprint":
        name = "arXiv" if entry.arxiv else text
        return {"name": name, "kind": "preprint"} if name else None
    if text is None:
        return None
    name, full_name = split_venue(text)
    if full_name is None:
        todos.append(
            "venue.name: shorten to the name as cited (e.g. 'CVPR'); the long form goes in "
            "venue.full_name."
        )
    venue: dict[str, Any] = {"name": name}
    if full_name:
        venue["full_name"] = full_name
    if kind is None:
        todos.append("venue.kind (required): journal, conference, workshop or preprint.")
    else:
        venue["kind"] = kind
    optional = {"volume": entry.volume, "issue": entry.issue, "pages": entry.pages}
    venue.update({key: value for key, value in optional.items() if value is not None})
    return venue


def _venue_kind(entry: BibEntry) -> str | None:
    text = entry.venue or ""
    if entry.entry_type == "article":
        return "preprint" if is_preprint_server(text) else "journal"
    if entry.entry_type in {"inproceedings", "conference", "proceedings"}:
        return "workshop" if "workshop" in text.lower() else "conference"
    if entry.arxiv and (not text or is_preprint_server(text)):
        return "preprint"
    return None


def _paper_link(url: str | None, doi: str | None, arxiv: str | None) -> str | None:
    if url and url.startswith("https://"):
        return url
    if doi:
        return f"https://doi.org/{doi}"
    if arxiv:
        return f"https://arxiv.org/abs/{arxiv}"
    return None


def _slug(text: str) -> str:
    slug = _NOT_A_SLUG.sub("-", text.lower()).strip("-")
    return slug or "entry"


def _render(fields: dict[str, Any], todos: list[str], origin: str) -> str:
    ordered = {key: fields[key] for key in Paper.model_fields if key in fields}
    header = [
        SCHEMA_COMMENT,
        f"# Drafted by `cl-survey add` from {origin}.",
        "# Do each TODO, then delete its line; `cl-survey validate` names missing required fields.",
        *(f"# TODO {todo}" for todo in todos),
    ]
    body = yaml.safe_dump(
        ordered, sort_keys=False, allow_unicode=True, width=_WIDTH, default_flow_style=False
    )
    return "\n".join(header) + "\n" + body
