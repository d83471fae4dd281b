"""`cl-survey fmt`: put records into the canonical layout; with --check, list those that are not."""

from __future__ import annotations

from pathlib import Path

import click

from cl_survey._errors import Diagnostic, InputError
from cl_survey._write import replace_all_atomically
from cl_survey.catalog import bundled_catalog_path
from cl_survey.cli._common import writable_catalog
from cl_survey.cli._output import format_diagnostics
from cl_survey.curate import format_record_text
from cl_survey.records import find_record_files

__all__ = ["fmt_command"]


@click.command("fmt")
@click.argument("catalog_dir", required=False, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; list the files fmt would change.")
def fmt_command(catalog_dir: Path | None, *, check: bool) -> None:
    """Order every record's keys as the schema does and quote strings only where YAML needs it.

    Comments, blank lines and line wrapping are kept. Files change all together or not at all.
    Exit status: 0 nothing (left) to change, 1 with --check if a file would change, or if a file
    cannot be read or parsed (it is named, with the line to fix).
    """
    # --check only reads, so it may look at the catalog inside an installed wheel.
    root = (
        bundled_catalog_path() if check and catalog_dir is None else writable_catalog(catalog_dir)
    )
    files, problems = find_record_files(root)
    changes: dict[Path, str] = {}
    names: dict[Path, str] = {}
    for file in files:
        try:
            text = file.path.read_bytes().decode("utf-8")
            formatted = format_record_text(text, file.model, file.display)
        except InputError as error:
            problems.extend(error.diagnostics)
            continue
        except (OSError, UnicodeDecodeError) as error:
            problems.append(
                Diagnostic(file.display, None, None, "unreadable", f"cannot be read: {error}")
            )
            continue
        if formatted != text:
            changes[file.path] = formatted
            names[file.path] = file.display
    if check:
        for path in changes:
            click.echo(f"would reformat {names[path]}")
    elif changes:
        try:
            replace_all_atomically(changes)
        except OSError as error:
            message = f"could not write the formatted files ({error}); every file is as it was"
            click.echo(f"cl-survey: error: {message}", err=True)
            raise click.exceptions.Exit(1) from None
        for path in changes:
            click.echo(f"reformatted {names[path]}")
    if problems:
        click.echo(format_diagnostics(problems, "text"), err=True)
    unchanged = len(files) - len(changes)
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{len(changes)} {verb}, {unchanged} already canonical", err=True)
    if problems or (check and changes):
        raise click.exceptions.Exit(1)
