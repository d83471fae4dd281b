"""The field reference of CONTRIBUTING.md, written from the record models and their docstrings.

One table per kind of record file, then one per nested record (venue, evidence, ...), so the
reference can never describe a field the validator does not know.
"""

from __future__ import annotations

import types
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from cl_survey.records._files import KINDS
from cl_survey.records._models import Record

__all__ = ["field_reference_markdown"]

# Contributors add papers most, then methods; the vocabulary comes after.
_READING_ORDER = ["papers", "methods", "categories", "scenarios", "problems", "benchmarks"]
# The validators behind the catalog's own types, by the name of their function.
_VALIDATED_TYPES = {
    "_record_id": "id",
    "_text": "text",
    "_https_url": "https URL",
    "_doi": "DOI",
    "_arxiv": "arXiv id",
    "_year": "year",
}


def field_reference_markdown() -> str:
    """Markdown tables of every field of every record kind, in the models' field order."""
    sections: list[str] = []
    nested: list[type[Record]] = []
    for directory in sorted(KINDS, key=_reading_rank):
        model = KINDS[directory]
        title = f"### {model.__name__}: `catalog/{directory}/<id>.yaml`"
        sections.append(_table(title, model, nested))
    done: set[type[Record]] = set()
    while nested:
        model = nested.pop(0)
        if model in done:
            continue
        done.add(model)
        sections.append(_table(f"### {model.__name__}", model, nested))
    return "\n\n".join(sections) + "\n"


def _reading_rank(directory: str) -> int:
    return _READING_ORDER.index(directory) if directory in _READING_ORDER else len(_READING_ORDER)


def _table(title: str, model: type[Record], nested: list[type[Record]]) -> str:
    rows = [
        title,
        "",
        _one_line(model.__doc__ or ""),
        "",
        "| field | type | required | meaning |",
        "|---|---|---|---|",
    ]
    for name, field in model.model_fields.items():
        kind = _type_name(field.annotation, field.metadata, nested)
        required = "yes" if field.is_required() else ""
        rows.append(f"| `{name}` | {kind} | {required} | {_one_line(field.description or '')} |")
    return "\n".join(rows)


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _type_name(annotation: Any, metadata: list[Any], nested: list[type[Record]]) -> str:
    for item in metadata:
        name = getattr(getattr(item, "func", None), "__name__", "")
        if name in _VALIDATED_TYPES:
            return _VALIDATED_TYPES[name]
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str) and pattern.startswith("^(") and pattern.endswith(")$"):
            return "one of " + ", ".join(f"`{choice}`" for choice in pattern[2:-2].split("|"))
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return _type_name(base, list(extra), nested)
    if origin is Union or origin is types.UnionType:
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return " or ".join(_type_name(member, [], nested) for member in members)
    if origin is tuple:
        return f"list of {_type_name(get_args(annotation)[0], [], nested)}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"{_type_name(key, [], nested)} -> {_type_name(value, [], nested)}"
    if isinstance(annotation, type) and issubclass(annotation, Record):
        nested.append(annotation)
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    return {int: "integer", float: "number", str: "text", bool: "true or false"}.get(
        annotation, str(annotation)
    )
