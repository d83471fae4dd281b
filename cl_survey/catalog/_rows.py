"""Papers as flat rows: the columns of the CSV export and of the DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cl_survey._errors import ClSurveyError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cl_survey.catalog._catalog import Catalog
    from cl_survey.catalog._results import ResultEntry
    from cl_survey.records import Paper

__all__ = [
    "PAPER_COLUMNS",
    "RESULT_COLUMNS",
    "paper_row",
    "result_row",
    "results_to_dataframe",
    "to_dataframe",
]


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415  # an optional extra
    except ImportError:
        msg = (
            "DataFrames need pandas, which is an optional extra: pip install 'cl-survey[dataframe]'"
        )
        raise ClSurveyError(msg) from None
    return pd


def to_dataframe(catalog: Catalog, papers: Iterable[Paper] | None = None) -> Any:
    """One row per paper (pandas; install the `dataframe` extra)."""
    pd = _pandas()
    rows = [paper_row(catalog, paper) for paper in (catalog.papers if papers is None else papers)]
    return pd.DataFrame(rows).set_index("id")


PAPER_COLUMNS = (
    "id",
    "title",
    "authors",
    "year",
    "venue",
    "venue_kind",
    "doi",
    "arxiv",
    "categories",
    "methods",
    "scenarios",
    "problems",
    "benchmarks",
)


def paper_row(catalog: Catalog, paper: Paper) -> dict[str, Any]:
    """A paper as one flat row (lists of ids where it has several), keyed by PAPER_COLUMNS."""
    values = (
        paper.id,
        paper.title,
        "; ".join(paper.authors),
        paper.year,
        paper.venue.name,
        paper.venue.kind.value,
        paper.identifiers.doi,
        paper.identifiers.arxiv,
        sorted(catalog.paper_categories(paper)),
        list(paper.proposes),
        list(paper.scenarios),
        list(paper.problems),
        list(paper.benchmarks),
    )
    return dict(zip(PAPER_COLUMNS, values, strict=True))


RESULT_COLUMNS = (
    "table",
    "method",
    "baseline",
    "label",
    "metric",
    "value",
    "spread",
    "provenance",
    "source_paper",
    "quoted_from",
    "year",
    "benchmark",
    "scenario",
    "split",
    "memory",
    "backbone",
    "pretraining",
)


def result_row(entry: ResultEntry) -> dict[str, Any]:
    """One result value as one flat row, keyed by RESULT_COLUMNS."""
    key = entry.key
    values = (
        entry.table,
        entry.method,
        entry.baseline,
        entry.label,
        entry.metric,
        entry.value,
        entry.spread,
        entry.provenance.value,
        entry.source_paper,
        entry.quoted_from,
        entry.year,
        key.benchmark,
        key.scenario,
        key.split,
        key.memory,
        key.backbone,
        key.pretraining,
    )
    return dict(zip(RESULT_COLUMNS, values, strict=True))


def results_to_dataframe(entries: Iterable[ResultEntry]) -> Any:
    """One row per result value (pandas; install the `dataframe` extra)."""
    pd = _pandas()
    return pd.DataFrame([result_row(entry) for entry in entries], columns=list(RESULT_COLUMNS))
