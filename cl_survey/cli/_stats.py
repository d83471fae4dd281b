"""`cl-survey stats`: counts, coverage gaps and unverified fields."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cl_survey.catalog import catalog_stats, load_catalog
from cl_survey.cli._common import catalog_option

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["stats_command"]


@click.command("stats")
@catalog_option
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when the catalog falls short of the coverage policy (papers in total, per "
    "family, leaf, scenario and research area; the gaps are listed).",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def stats_command(catalog_dir: Path | None, output_format: str, *, strict: bool) -> None:
    """Papers per family, leaf, scenario, problem, benchmark and year; coverage gaps;
    records with unverified fields."""
    stats = catalog_stats(load_catalog(catalog_dir))
    if output_format == "json":
        click.echo(json.dumps(asdict(stats), indent=2, ensure_ascii=False))
    else:
        console = Console(highlight=False)
        console.print(Text(f"{stats.papers} papers", style="bold"))
        for title, counts in (
            ("family", stats.per_family),
            ("taxonomy leaf", stats.per_leaf),
            ("scenario", stats.per_scenario),
            ("problem", stats.per_problem),
            ("benchmark", stats.per_benchmark),
            ("application", stats.per_application),
            ("research area", stats.per_area),
            ("year", stats.per_year),
            ("results", stats.results),
        ):
            counted = "count" if title == "results" else "papers"
            heading = "results coverage" if title == "results" else f"papers per {title}"
            table = Table(title=heading, title_justify="left")
            table.add_column(title)
            table.add_column(counted, justify="right")
            for key, count in counts.items():
                table.add_row(Text(str(key)), str(count))
            console.print(table)
        console.print(Text(f"gaps: {'; '.join(stats.gaps) or 'none'}"))
        unverified = "; ".join(f"{k} ({', '.join(v)})" for k, v in stats.unverified.items())
        console.print(Text(f"unverified fields: {unverified or 'none'}"))
    if strict and stats.has_gaps:
        raise click.exceptions.Exit(1)
