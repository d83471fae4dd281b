"""`cl-survey links`: check how every URL is written and, with --check, that it still resolves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from cl_survey._errors import Diagnostic
from cl_survey.catalog import bundled_catalog_path
from cl_survey.cli._output import FORMATS, format_diagnostics
from cl_survey.curate import LinkCache, collect_urls, form_problems, resolve_urls
from cl_survey.records import cache_root

__all__ = ["links_command"]


@click.command("links")
@click.argument("catalog_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--check", is_flag=True, help="Also fetch every URL (needs a network).")
@click.option(
    "--cache",
    "cache_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to remember links that resolved [default: links.json in cl-survey's cache "
    "folder, $CL_SURVEY_CACHE_DIR or ~/.cache/cl-survey].",
)
@click.option(
    "--max-age",
    type=click.FloatRange(min=0),
    default=7.0,
    show_default=True,
    help="Days a resolved link is trusted without asking again (0: always ask).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to the same host.",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True)
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
)
def links_command(
    catalog_dir: Path | None,
    *,
    cache_file: Path | None,
    max_age: float,
    delay: float,
    timeout: float,
    output_format: str,
    check: bool,
) -> None:
    """Report badly written URLs (and, with --check, dead ones) at their file:line:column.

    Exit status: 0 every link is fine, 1 a problem was found.
    """
    root = catalog_dir if catalog_dir is not None else bundled_catalog_path()
    uses = collect_urls(root)
    problems = [
        Diagnostic(use.display, use.line, use.column, "link-form", f"{use.url} {problem}")
        for use in uses
        for problem in form_problems(use.url)
    ]
    checked = 0
    if check:
        cache = LinkCache(cache_file or cache_root() / "links.json", dt.timedelta(days=max_age))
        results = resolve_urls([use.url for use in uses], cache, delay=delay, timeout=timeout)
        checked = len(results)
        problems.extend(
            Diagnostic(
                use.display, use.line, use.column, "link-dead", f"{use.url}: {result.detail}"
            )
            for use in uses
            if not (result := results[use.url]).ok and not form_problems(use.url)
        )
    if problems or output_format == "json":
        click.echo(format_diagnostics(sorted(problems), output_format))
    resolved = f", {checked} fetched or found in the cache" if check else ""
    click.echo(
        f"{len(uses)} links in {len({use.display for use in uses})} files{resolved}: "
        f"{len(problems)} problems",
        err=True,
    )
    if problems:
        raise click.exceptions.Exit(1)
