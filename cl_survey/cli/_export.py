"""`cl-survey export`: the catalog (or a query's papers) as BibTeX, CSL-JSON, GraphML, JSON, CSV."""

from __future__ import annotations

from pathlib import Path

import click

from cl_survey._write import write_atomically
from cl_survey.catalog import EXPORT_FORMATS, export, load_catalog, parse_query
from cl_survey.cli._common import catalog_option

__all__ = ["export_command"]


@click.command("export")
@click.argument("output_format", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("--query", "query", default=None, help="Only the papers matching this query.")
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
@catalog_option
def export_command(
    output_format: str, query: str | None, out_file: Path | None, catalog_dir: Path | None
) -> None:
    """Export in FORMAT: bibtex, csl-json, graphml, json (networkx node-link) or csv.

    With --query, bibtex/csl-json/csv hold the matching papers and graphml/json the
    matching papers with every record they link to.
    """
    catalog = load_catalog(catalog_dir)
    papers = None
    if query is not None:
        papers = catalog.query(**parse_query(query).as_kwargs())  # type: ignore[arg-type]
    text = export(catalog, output_format, papers)
    if out_file is None:
        click.echo(text, nl=False)
        return
    write_atomically(out_file, text)
    click.echo(f"wrote {out_file}", err=True)
