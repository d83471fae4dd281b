"""People behind the papers: one author per person, whatever way a paper writes the name.

A name becomes an author id by itself ("Ada Alpha" -> ada-alpha). The people vocabulary
(catalog/people/) merges the ways one person's name is written (aliases) and tells two people
with one name apart (each lists its papers).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cl_survey.catalog._last import LastAnswer, Reads, whole

if TYPE_CHECKING:
    from cl_survey.catalog._catalog import Catalog
    from cl_survey.records import Paper, Person

__all__ = ["Author", "Authorship", "author_slug", "authorship"]


@dataclass(frozen=True, slots=True)
class Author:
    """A person and the papers that are theirs, newest first."""

    id: str
    name: str
    papers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Authorship:
    authors: dict[str, Author]
    by_paper: dict[str, tuple[str, ...]]
    """Paper id -> author ids, in the paper's author order."""

    def coauthors(self, author_id: str) -> list[tuple[str, int]]:
        """(co-author id, papers together), most frequent first."""
        counts: Counter[str] = Counter()
        for paper in self.authors[author_id].papers:
            counts.update(other for other in self.by_paper[paper] if other != author_id)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "\u0131": "i",  # dotless i
    }
)


@functools.lru_cache(maxsize=65_536)  # a name is slugged for each of its papers, every load
def author_slug(name: str) -> str:
    """An id from a name: accents dropped, lower case, words joined by '-'."""
    plain = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    folded = plain.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    return slug if slug[:1].isalpha() else f"author-{slug or 'unnamed'}"


def authorship(catalog: Catalog) -> Authorship:
    """Every author and each paper's author ids (reused while the papers' ids, years and
    authors and the people are unchanged: see `_last`)."""
    papers, people = catalog.papers, catalog.people
    reads: list[Reads] = [(papers, _authorship_reads), (people, whole)]
    return _AUTHORSHIP.get(reads, lambda: _authorship(papers, people))


_AUTHORSHIP: LastAnswer[Authorship] = LastAnswer()


def _authorship_reads(paper: Paper) -> object:
    return paper.id, paper.year, paper.authors


def _authorship(papers: tuple[Paper, ...], people: tuple[Person, ...]) -> Authorship:
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        for name in (person.name, *person.aliases):
            by_name[name.casefold()].append(person)
    names: dict[str, str] = {}
    written: dict[str, list[str]] = defaultdict(list)  # author id -> their papers' ids
    by_paper: dict[str, tuple[str, ...]] = {}
    ordered = sorted(papers, key=lambda paper: (-paper.year, paper.id))
    for paper in ordered:
        ids = []
        for name in paper.authors:
            claims = [
                person
                for person in by_name.get(name.casefold(), ())
                if not person.papers or paper.id in person.papers
            ]
            if claims:
                author_id, shown = claims[0].id, claims[0].name
            else:
                author_id, shown = author_slug(name), name
            names.setdefault(author_id, shown)
            if paper.id not in written[author_id]:
                written[author_id].append(paper.id)
            ids.append(author_id)
        by_paper[paper.id] = tuple(ids)
    authors = {
        author_id: Author(author_id, names[author_id], tuple(written[author_id]))
        for author_id in sorted(written)
    }
    return Authorship(authors, by_paper)
