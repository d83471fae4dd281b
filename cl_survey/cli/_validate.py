"""`cl-survey validate`: check a catalog and report every problem at its file:line:column."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from cl_survey._errors import CatalogError, Diagnostic
from cl_survey.catalog import bundled_catalog_path, load_catalog
from cl_survey.cli._output import FORMATS, format_diagnostics

__all__ = ["validate_command"]


@click.command("validate")
@click.argument("catalog_dir", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col lines for people and editors; json: a list for scripts; "
    "github: GitHub Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate_command(catalog_dir: Path | None, output_format: str, *, strict: bool) -> None:
    """Check every record of CATALOG_DIR (default: the bundled catalog).

    Exit status: 0 valid, 1 problems found, 2 wrong usage.
    """
    root = catalog_dir if catalog_dir is not None else bundled_catalog_path()
    try:
        catalog = load_catalog(root)
    except CatalogError as error:
        diagnostics: tuple[Diagnostic, ...] = error.diagnostics
        summary = _summary(diagnostics)
        failed = True
    else:
        diagnostics = catalog.warnings
        counts = (
            f"{len(catalog.papers)} papers, {len(catalog.methods)} methods, "
            f"{len(catalog.categories)} categories, {len(catalog.scenarios)} scenarios, "
            f"{len(catalog.problems)} problems, {len(catalog.benchmarks)} benchmarks"
            f", {_plural(len(catalog.applications), 'application')}, "
            f"{_plural(len(catalog.metrics), 'metric')}, "
            f"{_plural(len(catalog.result_tables), 'result table')}"
        )
        warned = f" ({_plural(len(diagnostics), 'warning')})" if diagnostics else ""
        summary = f"{root}: valid{warned}: {counts}"
        failed = strict and bool(diagnostics)
    if output_format == "json":
        click.echo(format_diagnostics(diagnostics, "json"))
    else:
        if diagnostics:
            click.echo(format_diagnostics(diagnostics, output_format))
        if output_format == "text":
            click.echo(summary)
    if failed:
        raise click.exceptions.Exit(1)


def _summary(diagnostics: tuple[Diagnostic, ...]) -> str:
    severities = Counter(d.severity for d in diagnostics)
    files = len({d.path for d in diagnostics if d.severity == "error"})
    parts = [_plural(severities["error"], "error")]
    if severities["warning"]:
        parts.append(_plural(severities["warning"], "warning"))
    return f"{' and '.join(parts)} in {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
