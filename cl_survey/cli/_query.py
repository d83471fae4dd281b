"""`cl-survey query`: find papers with facets and words."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cl_survey.catalog import load_catalog, parse_query
from cl_survey.cli._common import catalog_option

if TYPE_CHECKING:
    from pathlib import Path

    from cl_survey.records import Paper

__all__ = ["query_command"]


@click.command("query")
@click.argument("query", default="")
@catalog_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv", "ids"]),
    default="table",
    show_default=True,
    help="table for people; json, csv or ids (one per line) for scripts.",
)
def query_command(query: str, catalog_dir: Path | None, output_format: str) -> None:
    """Papers matching QUERY, e.g. 'category:replay-based scenario:class-incremental
    year:2020..2024 plasticity'.

    Facets: category (includes sub-categories), scenario, problem, benchmark, each by id,
    name or alias (repeat a facet to accept either value); year:2020, year:2020..2024,
    year:2020.. ; other words must all appear in the title, authors, venue, identifiers,
    keywords, summary or method names.
    """
    parsed = parse_query(query)
    catalog = load_catalog(catalog_dir)
    papers = catalog.query(**parsed.as_kwargs())  # type: ignore[arg-type]
    if output_format == "ids":
        for paper in papers:
            click.echo(paper.id)
    elif output_format == "json":
        rows = [paper.model_dump(mode="json", exclude_defaults=True) for paper in papers]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif output_format == "csv":
        click.echo(_csv(papers), nl=False)
    else:
        _table(papers, query)


def _csv(papers: tuple[Paper, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "year", "venue", "title", "authors"])
    for paper in papers:
        writer.writerow(
            [paper.id, paper.year, paper.venue.name, paper.title, "; ".join(paper.authors)]
        )
    return buffer.getvalue()


def _table(papers: tuple[Paper, ...], query: str) -> None:
    console = Console(highlight=False)
    if not papers:
        console.print(f"No paper matches {query!r}.", markup=False)
        return
    table = Table(title=f"{len(papers)} papers", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("year", justify="right")
    table.add_column("venue")
    table.add_column("title")
    for paper in papers:
        # Text objects keep catalog strings literal: rich would read [brackets] as markup.
        table.add_row(
            *(Text(v) for v in (paper.id, str(paper.year), paper.venue.name, paper.title))
        )
    console.print(table)
