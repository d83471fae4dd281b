"""Diagnostics as text for people, JSON for scripts, and GitHub Actions annotations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cl_survey._errors import Diagnostic

__all__ = ["FORMATS", "format_diagnostics"]

FORMATS = ("text", "json", "github")


def format_diagnostics(diagnostics: Sequence[Diagnostic], output_format: str) -> str:
    if output_format == "json":
        return json.dumps([_as_json(d) for d in diagnostics], indent=2, ensure_ascii=False)
    if output_format == "github":
        return "\n".join(_as_github(d) for d in diagnostics)
    return "\n".join(str(d) for d in diagnostics)


def _as_json(diagnostic: Diagnostic) -> dict[str, object]:
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "message": diagnostic.message,
    }


def _as_github(diagnostic: Diagnostic) -> str:
    properties = [f"file={_escape_property(diagnostic.path)}"]
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
        properties.append(f"col={diagnostic.column or 1}")
    properties.append(f"title={_escape_property('cl-survey ' + diagnostic.code)}")
    return f"::{diagnostic.severity} {','.join(properties)}::{_escape_data(diagnostic.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
