"""The exceptions cl-survey raises, and the located problems they carry.

    ClSurveyError
     ├── CatalogError          the catalog is invalid; carries every Diagnostic of the run
     ├── InputError            a file given to a command (BibTeX, a record to format) is unusable
     ├── UnknownRecordError    an id or facet value that is not in the catalog (also a KeyError)
     ├── QueryError            a query that cannot be understood (also a ValueError)
     ├── ParameterError        an argument that cannot be used, named as the library names it
     │                         (also a ValueError); the CLI names the flag instead
     ├── UnsafePathError       a record id that would make a page path outside the site
     │                         (cl_survey.render)
     ├── PageWriteError        a generated page could not be written (cl_survey.publish)
     └── SiteBuildError        MkDocs could not build the site; the previous one is untouched
                               (cl_survey.publish)

Library code raises these; only the CLI turns them into text for people.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = [
    "CatalogError",
    "ClSurveyError",
    "Diagnostic",
    "InputError",
    "ParameterError",
    "QueryError",
    "Severity",
    "UnknownRecordError",
    "did_you_mean",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One thing wrong with the catalog, at a place in a file.

    `line` and `column` are 1-based; they are None only when the problem is about a
    path itself (a directory that does not exist, a file that cannot be read).
    """

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    severity: Severity = "error"

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message}"


class ClSurveyError(Exception):
    """Base class of every error cl-survey raises on purpose."""


class CatalogError(ClSurveyError):
    """The catalog could not be loaded; `diagnostics` lists everything found, in file order."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(diagnostics, key=_file_order))
        errors = [d for d in self.diagnostics if d.severity == "error"] or list(self.diagnostics)
        count = len(errors)
        first = str(errors[0]) if errors else "no diagnostics recorded"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


class InputError(ClSurveyError):
    """A file handed to a command cannot be used; `diagnostics` says where and why."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(diagnostics, key=_file_order))
        super().__init__("\n".join(str(d) for d in self.diagnostics) or "unusable input")


class UnknownRecordError(ClSurveyError, KeyError):
    """An id (or facet value) that names nothing in the catalog."""

    def __init__(self, kind: str, wanted: str, known: Sequence[str]) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions: tuple[str, ...] = tuple(did_you_mean_all(wanted, known))
        hint = f"; did you mean {_quoted_or(self.suggestions)}?" if self.suggestions else ""
        self.message = f"unknown {kind} {wanted!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and add quotes around it.
        return self.message


class QueryError(ClSurveyError, ValueError):
    """A query string or facet value that cannot be understood."""


class ParameterError(ClSurveyError, ValueError):
    """An argument that cannot be used. The message names it by `parameter` (the library's
    name); `naming` says the same with another name for it, such as a command-line flag."""

    def __init__(self, parameter: str, describe: Callable[[str], str]) -> None:
        self.parameter = parameter
        self._describe = describe
        super().__init__(describe(parameter))

    def naming(self, name: str) -> str:
        """The message with `name` standing for the parameter."""
        return self._describe(name)


def did_you_mean_all(wanted: str, known: Iterable[str], limit: int = 3) -> list[str]:
    return difflib.get_close_matches(wanted, list(known), n=limit, cutoff=0.6)


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """A "; did you mean 'x'?" suffix, or '' when nothing is close."""
    matches = did_you_mean_all(wanted, known)
    return f"; did you mean {_quoted_or(matches)}?" if matches else ""


def _quoted_or(names: Sequence[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _file_order(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line or 0, diagnostic.column or 0, diagnostic.message)
