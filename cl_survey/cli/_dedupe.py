"""`cl-survey dedupe`: list papers that look like the same paper, with the evidence."""

from __future__ import annotations

from pathlib import Path

import click

from cl_survey.catalog import bundled_catalog_path
from cl_survey.curate import (
    DEFAULT_THRESHOLD,
    evidence_position,
    find_duplicates,
    scan_papers,
)

__all__ = ["dedupe_command"]


@click.command("dedupe")
@click.argument("catalog_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Title similarity (0-100) from which two papers are reported.",
)
def dedupe_command(catalog_dir: Path | None, threshold: float) -> None:
    """Report likely duplicate papers: same DOI, same arXiv id, or near-identical titles.

    Exit status: 0 none found, 1 duplicates found.
    """
    root = catalog_dir if catalog_dir is not None else bundled_catalog_path()
    papers = scan_papers(root)
    pairs = find_duplicates(papers, threshold)
    for pair in pairs:
        evidence = "; ".join(str(item) for item in pair.evidence)
        position = evidence_position(pair.second, pair.evidence[0])
        click.echo(
            f"{pair.second.display}:{position.line}:{position.column}: "
            f"{pair.second.id} looks like {pair.first.id} "
            f"({pair.first.display}): {evidence}"
        )
    noun = "pair" if len(pairs) == 1 else "pairs"
    click.echo(f"{len(pairs)} likely duplicate {noun} among {len(papers)} papers", err=True)
    if pairs:
        raise click.exceptions.Exit(1)
