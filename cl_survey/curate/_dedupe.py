"""Spotting the same paper twice: same DOI, same arXiv id, or a near-identical title.

Papers are read leniently (only id, title and identifiers, straight from the YAML), so
duplicates are found even while other parts of the catalog do not validate yet.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from cl_survey.records import Paper, Position, find_record_files, locate, parse_record_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "DEFAULT_THRESHOLD",
    "DuplicatePair",
    "Evidence",
    "PaperFacts",
    "evidence_position",
    "find_duplicates",
    "match_paper",
    "normalize_title",
    "scan_papers",
]

DEFAULT_THRESHOLD = 94.0
"""Title similarity (0-100, rapidfuzz ratio of normalised titles) from which two papers match.

Measured on the bundled catalog (83 papers): the closest distinct papers score 88 ('Gradient
Episodic Memory for Continual Learning' / 'Gradient Projection Memory for Continual Learning');
one typo in a 50-letter title still scores 98.
"""


@dataclass(frozen=True, slots=True)
class PaperFacts:
    """What duplicate detection needs to know about one paper, and where it was written."""

    id: str
    display: str
    title: str | None
    doi: str | None
    arxiv: str | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two papers look like one: 'doi', 'arxiv' or 'title', with the title score."""

    reason: str
    detail: str
    score: float

    def __str__(self) -> str:
        if self.reason == "title":
            return f"title similarity {self.score:.0f}/100"
        return f"same {self.detail}"


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: PaperFacts
    second: PaperFacts
    evidence: tuple[Evidence, ...]


def normalize_title(title: str) -> str:
    """Case, accents, punctuation and spacing removed: titles compare by their words."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def scan_papers(root: Path) -> list[PaperFacts]:
    """The papers under `root`; unreadable or unparsable files are skipped (validate says why)."""
    files, _ = find_record_files(root)
    papers: list[PaperFacts] = []
    for file in files:
        if file.model is not Paper:
            continue
        try:
            text = file.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        data = parse_record_text(text, file.display).data
        if not isinstance(data, dict):
            continue
        identifiers = data.get("identifiers")
        identifiers = identifiers if isinstance(identifiers, dict) else {}
        papers.append(
            PaperFacts(
                id=str(data.get("id") or file.path.stem),
                display=file.display,
                title=_string(data.get("title")),
                doi=_string(identifiers.get("doi")),
                arxiv=_string(identifiers.get("arxiv")),
            )
        )
    return papers


def _string(value: object) -> str | None:
    return str(value) if isinstance(value, str | int | float) and str(value).strip() else None


def _same_doi(first: str | None, second: str | None) -> bool:
    # DOIs are case-insensitive by definition.
    return first is not None and second is not None and first.casefold() == second.casefold()


def _same_arxiv(first: str | None, second: str | None) -> bool:
    return first is not None and second is not None and first.strip() == second.strip()


def match_paper(
    candidate: PaperFacts, papers: Iterable[PaperFacts], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[PaperFacts, tuple[Evidence, ...]]]:
    """The papers that `candidate` duplicates, strongest evidence first."""
    title = normalize_title(candidate.title) if candidate.title else ""
    found = []
    for paper in papers:
        evidence = _evidence(candidate, paper, title, threshold)
        if evidence:
            found.append((paper, evidence))
    return sorted(found, key=lambda item: (-max(e.score for e in item[1]), item[0].id))


def _evidence(
    candidate: PaperFacts, paper: PaperFacts, normalized: str, threshold: float
) -> tuple[Evidence, ...]:
    evidence = []
    if _same_doi(candidate.doi, paper.doi):
        evidence.append(Evidence("doi", f"DOI {paper.doi}", 100.0))
    if _same_arxiv(candidate.arxiv, paper.arxiv):
        evidence.append(Evidence("arxiv", f"arXiv id {paper.arxiv}", 100.0))
    if normalized and paper.title:
        score = fuzz.ratio(normalized, normalize_title(paper.title))
        if score >= threshold:
            evidence.append(Evidence("title", paper.title, score))
    return tuple(evidence)


def find_duplicates(
    papers: Sequence[PaperFacts], threshold: float = DEFAULT_THRESHOLD
) -> list[DuplicatePair]:
    """Every pair of papers that look like the same paper, each pair once."""
    pairs: dict[tuple[int, int], list[Evidence]] = {}
    for key in ("doi", "arxiv"):
        seen: dict[str, int] = {}
        for index, paper in enumerate(papers):
            value = getattr(paper, key)
            if value is None:
                continue
            normalized = value.casefold().strip()
            if normalized in seen:
                label = "DOI" if key == "doi" else "arXiv id"
                evidence = Evidence(key, f"{label} {value}", 100.0)
                pairs.setdefault((seen[normalized], index), []).append(evidence)
            else:
                seen[normalized] = index
    for (first, second), score in _similar_titles(papers, threshold):
        evidence = Evidence("title", papers[second].title or "", score)
        pairs.setdefault((first, second), []).append(evidence)
    return [
        DuplicatePair(papers[first], papers[second], tuple(evidence))
        for (first, second), evidence in sorted(pairs.items())
    ]


def _similar_titles(
    papers: Sequence[PaperFacts], threshold: float
) -> list[tuple[tuple[int, int], float]]:
    titles = [normalize_title(paper.title) if paper.title else "" for paper in papers]
    found = []
    for first, title in enumerate(titles):
        if not title:
            continue
        # Only later titles: each pair is scored once.
        later = titles[first + 1 :]
        for _, score, offset in process.extract(
            title, later, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        ):
            if later[offset]:
                found.append(((first, first + 1 + offset), float(score)))
    return found


def evidence_position(paper: PaperFacts, evidence: Evidence) -> Position:
    """Where in `paper`'s file the evidence stands (its DOI, arXiv id or title)."""
    path = {"doi": ("identifiers", "doi"), "arxiv": ("identifiers", "arxiv")}.get(
        evidence.reason, ("title",)
    )
    try:
        text = Path(paper.display).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Position(1, 1)
    return locate(text, path)
