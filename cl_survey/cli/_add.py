"""`cl-survey add`: draft new paper records from BibTeX, an arXiv id or a DOI."""

from __future__ import annotations

import dataclasses
from functools import partial
from pathlib import Path

import click
from pydantic import ValidationError

from cl_survey._errors import Diagnostic, InputError
from cl_survey._write import create_atomically
from cl_survey.cli._common import writable_catalog
from cl_survey.cli._output import format_diagnostics
from cl_survey.curate import (
    REFUSAL_ADVICE,
    AdditionPlan,
    draft_from_identifier,
    parse_bibtex,
    plan_bibtex_additions,
    plan_identifier_addition,
)
from cl_survey.records import ID_PATTERN, Identifiers

__all__ = ["add_command"]


def _record_id(
    _context: click.Context, _parameter: click.Parameter, value: str | None
) -> str | None:
    if value is not None and not ID_PATTERN.fullmatch(value):
        message = f"{value!r} is not a valid id: use a-z, 0-9 and '-', like 'dohare2024loss'"
        raise click.BadParameter(message)
    return value


@click.command("add")
@click.option(
    "--bibtex",
    "bibtex_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A BibTeX file; each entry becomes a new record.",
)
@click.option("--arxiv", "arxiv_id", help="Scaffold a record from an arXiv id alone (offline).")
@click.option("--doi", help="Scaffold a record from a DOI alone (offline).")
@click.option(
    "--id", "record_id", callback=_record_id, help="Use this id instead of the proposed one."
)
@click.option(
    "--force", is_flag=True, help="Add even what looks like a paper already in the catalog."
)
@click.option(
    "--catalog",
    "catalog_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="The catalog to add to (default: the bundled catalog).",
)
def add_command(
    bibtex_file: Path | None,
    arxiv_id: str | None,
    doi: str | None,
    record_id: str | None,
    catalog_dir: Path | None,
    *,
    force: bool,
) -> None:
    """Draft new records in CATALOG/papers/, refusing papers the catalog already has.

    Every field the source knows is filled in; the rest is listed as TODO comments at the top
    of the new file, and `cl-survey validate` fails until the required ones are written.
    Existing files are never overwritten. Exit status: 0 all added, 1 something refused.
    """
    sources = [
        name
        for name, given in (("--bibtex", bibtex_file), ("--arxiv", arxiv_id), ("--doi", doi))
        if given
    ]
    if len(sources) != 1:
        message = "give exactly one of --bibtex FILE, --arxiv ID or --doi DOI"
        raise click.UsageError(message)
    catalog = writable_catalog(catalog_dir)
    if bibtex_file is not None:
        try:
            plan = _bibtex_plan(bibtex_file, catalog, record_id, force=force)
        except InputError as error:
            click.echo(format_diagnostics(error.diagnostics, "text"), err=True)
            raise click.exceptions.Exit(1) from None
    else:
        kind, value = ("arxiv", arxiv_id) if arxiv_id is not None else ("doi", doi or "")
        _check_identifier(kind, value)
        label = f"{'arXiv' if kind == 'arxiv' else 'DOI'} {value}"
        plan = plan_identifier_addition(
            partial(draft_from_identifier, kind, value),
            label,
            catalog,
            record_id=record_id,
            force=force,
        )
    _write(plan)


def _bibtex_plan(path: Path, catalog: Path, record_id: str | None, *, force: bool) -> AdditionPlan:
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        message = f"is not valid UTF-8 (byte {error.start}); save the BibTeX file as UTF-8"
        raise InputError([Diagnostic(display, None, None, "encoding", message)]) from None
    except OSError as error:
        message = f"cannot be read: {error.strerror or error}"
        raise InputError([Diagnostic(display, None, None, "unreadable", message)]) from None
    entries = parse_bibtex(text, display)
    if record_id is not None and len(entries) > 1:
        message = f"--id names one record, but {display} holds {len(entries)} entries"
        raise click.UsageError(message)
    return plan_bibtex_additions(entries, display, catalog, record_id=record_id, force=force)


def _check_identifier(kind: str, value: str) -> None:
    try:
        Identifiers.model_validate({kind: value})
    except ValidationError as error:
        reason = error.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise click.BadParameter(reason, param_hint=f"--{kind}") from None


# The library's advice on a refusal, said with this command's flags.
_ADVICE = {
    "duplicate-paper": (
        "edit that record instead, or pass --force if they really are different papers"
    ),
    "file-exists": "choose another id with --id",
}


def _in_flags(refusal: Diagnostic) -> Diagnostic:
    library = REFUSAL_ADVICE.get(refusal.code)
    if library is None or not refusal.message.endswith(library):
        return refusal
    message = refusal.message.removesuffix(library) + _ADVICE[refusal.code]
    return dataclasses.replace(refusal, message=message)


def _write(plan: AdditionPlan) -> None:
    refusals = [_in_flags(refusal) for refusal in plan.refusals]
    written = 0
    for addition in plan.additions:
        addition.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            create_atomically(addition.path, addition.draft.text)
        except FileExistsError:
            message = f"{addition.path} appeared while adding; it was left as it is"
            refusals.append(Diagnostic(addition.origin, None, None, "file-exists", message))
            continue
        click.echo(f"added {addition.path} (from {addition.origin})")
        written += 1
    if written:
        click.echo("Next: do the TODOs at the top of each new file, then run `cl-survey validate`.")
    if refusals:
        click.echo(format_diagnostics(refusals, "text"), err=True)
        raise click.exceptions.Exit(1)
