"""`cl-survey schema`: JSON Schema of the record files, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cl_survey._write import write_atomically
from cl_survey.records import KINDS

__all__ = ["schema_command", "schema_documents"]


def schema_documents() -> dict[str, str]:
    """File name -> JSON Schema text, one per kind of record."""
    documents: dict[str, str] = {}
    for directory, model in KINDS.items():
        kind: str = model.kind  # type: ignore[attr-defined]
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"cl-survey {kind} record (catalog/{directory}/<id>.yaml)"
        documents[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return documents


@click.command("schema")
@click.option(
    "--kind",
    type=click.Choice(sorted(model.kind for model in KINDS.values())),  # type: ignore[attr-defined]
    default="paper",
    show_default=True,
    help="Which record kind to print.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write every kind's schema into this directory instead of printing one.",
)
def schema_command(kind: str, out_dir: Path | None) -> None:
    """Print (or write) the JSON Schema of record files.

    The bundled records name ../../schema/<kind>.schema.json in their first line, so
    editors with yaml-language-server complete and check fields while you type.
    """
    documents = schema_documents()
    if out_dir is None:
        click.echo(documents[f"{kind}.schema.json"], nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        write_atomically(out_dir / name, text)
    click.echo(f"wrote {len(documents)} schemas to {out_dir}")
