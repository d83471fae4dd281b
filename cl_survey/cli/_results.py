"""`cl-survey results`: transcribed result values, filtered, with their protocol and source."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cl_survey.catalog import RESULT_COLUMNS, load_catalog, result_row
from cl_survey.cli._common import catalog_option

if TYPE_CHECKING:
    from pathlib import Path

    from cl_survey.catalog import ResultEntry

__all__ = ["results_command"]


@click.command("results")
@catalog_option
@click.option("--benchmark", help="Benchmark id, name or alias.")
@click.option("--scenario", help="Scenario id, name or alias.")
@click.option("--metric", help="Metric id, name or alias.")
@click.option("--method", help="Method id, name or alias.")
@click.option(
    "--provenance",
    type=click.Choice(["paper-native", "reproduced"]),
    help="Only the method's own numbers, or only reproductions.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people; csv or json (one record per value) for scripts.",
)
def results_command(
    catalog_dir: Path | None,
    *,
    benchmark: str | None,
    scenario: str | None,
    metric: str | None,
    method: str | None,
    provenance: str | None,
    output_format: str,
) -> None:
    """Result values matching every filter, best first within each protocol, each with its
    protocol key (benchmark, scenario, split, memory, backbone family, pre-training) and the
    table it was read from."""
    catalog = load_catalog(catalog_dir)
    entries = catalog.results(
        benchmark=benchmark,
        scenario=scenario,
        metric=metric,
        method=method,
        provenance=provenance,
    )
    better = {m.id: 1 if m.higher_is_better else -1 for m in catalog.metrics}
    ordered = sorted(entries, key=lambda e: (e.key, e.metric, -better[e.metric] * e.value, e.table))
    rows = [result_row(entry) for entry in ordered]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(RESULT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        _table(ordered)


def _table(entries: list[ResultEntry]) -> None:
    console = Console(highlight=False)
    if not entries:
        console.print("No result matches these filters.")
        return
    table = Table(title=f"{len(entries)} values", title_justify="left")
    for column in ("protocol", "metric", "method", "value", "provenance", "table"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for entry in entries:
        key = entry.key
        protocol = f"{key.benchmark} {key.scenario} {key.split} {key.memory} {key.backbone}"
        shown = f"{entry.value:g}" + (f" ± {entry.spread:g}" if entry.spread is not None else "")
        who = entry.who + (f" ({entry.variant})" if entry.variant else "")
        cells = (protocol, entry.metric, who, shown, entry.provenance.value, entry.table)
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
