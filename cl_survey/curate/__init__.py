"""Curator tools beside the pipeline: draft records, spot duplicates, lay files out, check links.

_add / _scaffold / _bibtex / _paper_ids   `cl-survey add`: draft records, refuse duplicates
_dedupe                                   the same paper twice: DOI, arXiv id, similar titles
_fmt / _key_order                         the canonical layout of a record file
_links                                    every URL: its form, and whether it resolves
"""

from cl_survey.curate._add import (
    REFUSAL_ADVICE,
    AdditionPlan,
    plan_bibtex_additions,
    plan_identifier_addition,
)
from cl_survey.curate._bibtex import parse_bibtex
from cl_survey.curate._dedupe import (
    DEFAULT_THRESHOLD,
    evidence_position,
    find_duplicates,
    scan_papers,
)
from cl_survey.curate._fmt import format_record_text
from cl_survey.curate._links import LinkCache, collect_urls, form_problems, resolve_urls
from cl_survey.curate._scaffold import draft_from_identifier

__all__ = [
    "DEFAULT_THRESHOLD",
    "REFUSAL_ADVICE",
    "AdditionPlan",
    "LinkCache",
    "collect_urls",
    "draft_from_identifier",
    "evidence_position",
    "find_duplicates",
    "form_problems",
    "format_record_text",
    "parse_bibtex",
    "plan_bibtex_additions",
    "plan_identifier_addition",
    "resolve_urls",
    "scan_papers",
]
