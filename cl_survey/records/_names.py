"""Names: people's as the catalog writes them ("Given Family", in the published order), and
the name and short label every record is shown by."""

from __future__ import annotations

from typing import Any

__all__ = ["SURNAME_PARTICLES", "record_label", "record_name", "surname"]

SURNAME_PARTICLES = frozenset(
    [
        "da",
        "de",
        "del",
        "della",
        "den",
        "der",
        "des",
        "di",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "van",
        "von",
    ]
)


def surname(full_name: str) -> str:
    """The family name of "Given Family", with its particles: "van de Ven", "De Lange"."""
    words = full_name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def record_name(record: Any) -> str:
    """A record's name: its name, a paper's title, else its id."""
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)


def record_label(record: Any) -> str:
    """A record's short label before clashes are told apart: a method's acronym, else its
    name (a paper's cite label, "Smith et al. 2020", depends on the other papers)."""
    return str(getattr(record, "acronym", None) or record_name(record))
