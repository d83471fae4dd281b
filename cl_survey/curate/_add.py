"""What `cl-survey add` may write: ids proposed, duplicates refused, no file overwritten."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cl_survey._errors import Diagnostic
from cl_survey.curate._dedupe import DEFAULT_THRESHOLD, PaperFacts, match_paper, scan_papers
from cl_survey.curate._paper_ids import propose_paper_id
from cl_survey.curate._scaffold import Draft, draft_from_bibtex

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from cl_survey.curate._bibtex import BibEntry

__all__ = [
    "REFUSAL_ADVICE",
    "Addition",
    "AdditionPlan",
    "plan_bibtex_additions",
    "plan_identifier_addition",
]


@dataclass(frozen=True, slots=True)
class Addition:
    """A draft to write at `path`, and where it came from (for messages)."""

    draft: Draft
    path: Path
    origin: str


@dataclass(slots=True)
class AdditionPlan:
    """The records to create and the entries refused, each refusal located in the input."""

    additions: list[Addition] = field(default_factory=list)
    refusals: list[Diagnostic] = field(default_factory=list)


def plan_bibtex_additions(
    entries: Sequence[BibEntry],
    bibtex_display: str,
    catalog: Path,
    *,
    record_id: str | None,
    force: bool,
    threshold: float = DEFAULT_THRESHOLD,
) -> AdditionPlan:
    """One addition per entry that is new (or forced); a refusal naming the record it duplicates."""
    planner = _Planner(catalog, force=force, threshold=threshold)
    for entry in entries:
        new_id = record_id or propose_paper_id(
            entry.first_author_surname, entry.year, entry.title, planner.taken
        )
        draft = draft_from_bibtex(entry, bibtex_display, new_id)
        label = f"@{entry.entry_type}{{{entry.key}}}"
        planner.consider(draft, bibtex_display, entry.line, label)
    return planner.plan


def plan_identifier_addition(
    draft_for: Callable[[str | None], Draft],
    label: str,
    catalog: Path,
    *,
    record_id: str | None,
    force: bool,
) -> AdditionPlan:
    """The addition of a record scaffolded from an identifier alone (`label` names it)."""
    planner = _Planner(catalog, force=force, threshold=DEFAULT_THRESHOLD)
    planner.consider(draft_for(record_id), "<command line>", None, label)
    return planner.plan


# What to do about each refusal, in the terms of the functions above; a front end that
# names things otherwise (the CLI's flags) replaces this ending of the message.
REFUSAL_ADVICE = {
    "duplicate-paper": (
        "edit that record instead, or pass force=True if they really are different papers"
    ),
    "file-exists": "choose another record_id",
}


class _Planner:
    """The catalog's papers and taken ids, growing as the drafts of one run are accepted."""

    def __init__(self, catalog: Path, *, force: bool, threshold: float) -> None:
        self.catalog = catalog
        self.force = force
        self.threshold = threshold
        self.known = scan_papers(catalog)
        papers = catalog / "papers"
        files = {path.stem for path in papers.iterdir()} if papers.is_dir() else set()
        self.taken = files | {paper.id for paper in self.known}
        self.plan = AdditionPlan()

    def consider(self, draft: Draft, path: str, line: int | None, label: str) -> None:
        column = None if line is None else 1
        matches = match_paper(draft.facts, self.known, self.threshold)
        if matches and not self.force:
            paper, evidence = matches[0]
            reasons = ", ".join(str(item) for item in evidence)
            message = (
                f"{label} is already in the catalog as {paper.id} ({paper.display}: {reasons}); "
                + REFUSAL_ADVICE["duplicate-paper"]
            )
            self.plan.refusals.append(Diagnostic(path, line, column, "duplicate-paper", message))
            return
        target = self.catalog / "papers" / f"{draft.stem}.yaml"
        if draft.stem in self.taken or target.exists():
            message = (
                f"{label}: {target} already exists and is never overwritten; "
                + REFUSAL_ADVICE["file-exists"]
            )
            self.plan.refusals.append(Diagnostic(path, line, column, "file-exists", message))
            return
        self.taken.add(draft.stem)
        # Later entries of the same run are checked against this one too.
        facts = draft.facts
        self.known.append(PaperFacts(draft.stem, str(target), facts.title, facts.doi, facts.arxiv))
        origin = f"{path}:{line}" if line is not None else label
        self.plan.additions.append(Addition(draft, target, origin))
