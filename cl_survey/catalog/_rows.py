"""Papers as flat rows: the columns of the CSV export and of the DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cl_survey._errors import ClSurveyError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cl_survey.catalog._catalog import Catalog
    from cl_survey.records import Paper

__all__ = ["PAPER_COLUMNS", "paper_row", "to_dataframe"]


def to_dataframe(catalog: Catalog, papers: Iterable[Paper] | None = None) -> Any:
    """One row per paper (pandas; install the `dataframe` extra)."""
    try:
        import pandas as pd  # noqa: PLC0415  # an optional extra
    except ImportError:
        msg = (
            "to_dataframe() needs pandas, which is an optional extra: "
            "pip install 'cl-survey[dataframe]'"
        )
        raise ClSurveyError(msg) from None
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
