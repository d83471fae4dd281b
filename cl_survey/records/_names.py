"""People's names as the catalog writes them: "Given Family", in the published order."""

from __future__ import annotations

__all__ = ["SURNAME_PARTICLES", "surname"]

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
