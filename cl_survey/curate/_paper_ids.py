"""Proposing paper ids in the catalog's convention: surname + year + first significant title word.

Dohare et al. 2024, "Loss of plasticity in deep continual learning"  ->  dohare2024loss
van de Ven et al. 2019, "Three scenarios for continual learning"     ->  vandeven2019three
Ash and Adams 2020, "On Warm-Starting Neural Network Training"       ->  ash2020warm
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container

__all__ = ["ascii_word", "propose_paper_id", "significant_title_words"]

# Words a citation key skips: articles, prepositions and conjunctions that open titles.
_INSIGNIFICANT = frozenset(
    {
        "a", "an", "the", "on", "of", "in", "at", "to", "for", "from", "by", "with", "via",
        "and", "or", "is", "are", "do", "does", "towards", "toward", "into", "onto", "about",
        "beyond",
    }
)  # fmt: skip
_HYPHENS = re.compile(r"[-\u2010\u2011\u2013]")
# Letters NFKD does not decompose into an ASCII letter and an accent.
_TRANSLITERATION = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "\u0131": "i", "ß": "ss",
     "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH"}
)  # fmt: skip
_SHORT_PREFIX = 3


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Hernández-García' -> 'hernandezgarcia'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    kept = "".join(c for c in decomposed if c in string.ascii_letters + string.digits)
    return kept.lower()


def significant_title_words(title: str) -> list[str]:
    """The title's words as ASCII, without the small words keys skip.

    Hyphens split words ('Class-Incremental' -> class, incremental) except after a prefix of
    one or two letters, which stays joined ('Re-evaluating' -> reevaluating, 'S-Prompts' ->
    sprompts), as curators write these keys.
    """
    words: list[str] = []
    for token in title.split():
        pieces = [ascii_word(piece) for piece in _HYPHENS.split(token)]
        pending = ""
        for index, piece in enumerate(pieces):
            word = pending + piece
            if len(word) < _SHORT_PREFIX and index < len(pieces) - 1:
                pending = word
            else:
                words.append(word)
                pending = ""
    return [word for word in words if word and word not in _INSIGNIFICANT]


def propose_paper_id(
    surname: str | None, year: int | None, title: str | None, taken: Container[str]
) -> str | None:
    """The conventional id, with 'b', 'c', ... appended when it is taken; None without facts."""
    name = ascii_word(surname or "")
    words = significant_title_words(title or "")
    if not name or year is None or not words:
        return None
    if not name[0].isalpha():
        name = f"p{name}"
    base = f"{name}{year}{words[0]}"
    if base not in taken:
        return base
    for suffix in string.ascii_lowercase[1:]:
        candidate = f"{base}{suffix}"
        if candidate not in taken:
            return candidate
    return None
