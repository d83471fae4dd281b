"""`cl-survey show`: one record with its place in the graph."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.text import Text

from cl_survey.catalog import load_catalog
from cl_survey.cli._common import catalog_option
from cl_survey.records import Category, Method, Paper

if TYPE_CHECKING:
    from pathlib import Path

    from cl_survey.catalog import Catalog
    from cl_survey.records import Record

__all__ = ["show_command"]


@click.command("show")
@click.argument("record_id", metavar="ID")
@catalog_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def show_command(record_id: str, catalog_dir: Path | None, output_format: str) -> None:
    """Show the paper, method, category, scenario, problem or benchmark ID and its neighbours."""
    catalog = load_catalog(catalog_dir)
    record = catalog.record(record_id)
    context = _context(catalog, record)
    if output_format == "json":
        payload = {
            "kind": record.kind,  # type: ignore[attr-defined]
            "record": record.model_dump(mode="json", exclude_defaults=True),
            "context": context,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    data = record.model_dump(mode="json", exclude_defaults=True)
    heading = data.get("title") or data.get("name")
    console.print(Text(f"{record.kind} {record_id}: {heading}", style="bold"))  # type: ignore[attr-defined]
    for key, value in {**data, **context}.items():
        if key in {"id", "title", "name"} or value in ({}, [], None, ""):
            continue
        console.print(Text(f"{key}: ", style="cyan") + Text(_flat(value)))
    console.print(Text(f"file: {catalog.source_path(record_id)}", style="dim"))


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_flat(v)}" for k, v in value.items())
    return str(value)


def _context(catalog: Catalog, record: Record) -> dict[str, Any]:
    if isinstance(record, Paper):
        around = catalog.neighbourhood(record.id)
        context: dict[str, Any] = {
            "taxonomy": [" > ".join(path) for path in catalog.paths_to_root(record.id)],
        }
        for name in (
            "builds_on",
            "built_on_by",
            "compares_to",
            "compared_to_by",
            "extends",
            "extended_by",
            "surveyed_by",
            "method_siblings",
        ):
            context[name] = list(getattr(around, name))
        return context
    if isinstance(record, Method):
        return {
            "taxonomy": [" > ".join(path) for path in catalog.paths_to_root(record.id)],
            "papers": [p.id for p in catalog.papers if record.id in p.proposes],
        }
    if isinstance(record, Category):
        below = catalog.under(record.id)
        return {
            "ancestors": list(catalog.ancestors(record.id)),
            "children": sorted(catalog.taxonomy.successors(record.id)),
            "methods": [m.id for m in below.methods],
            "papers": [p.id for p in below.papers],
        }
    facet: str = record.kind  # type: ignore[attr-defined]
    record_id: str = record.id  # type: ignore[attr-defined]
    return {"papers": [p.id for p in catalog.query(**{facet: record_id})]}  # type: ignore[arg-type]
