"""The query language of `cl-survey query`: facets and free words, AND-combined.

    category:replay-based scenario:class-incremental year:2020..2024 plasticity

- `facet:value` for category, scenario, problem, benchmark, application, author (ids, names
  or aliases; quote values with spaces: scenario:"class-incremental learning"); a facet given
  twice matches either value;
- `year:2020`, `year:2020..2024`, `year:2020..`, `year:..2019`;
- any other word is searched in titles, authors, venues, identifiers, keywords, summaries.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from cl_survey._errors import QueryError, did_you_mean

__all__ = ["FACETS", "ParsedQuery", "parse_query"]

FACETS = ("category", "scenario", "problem", "benchmark", "application", "author", "year")
_FACET_NAME = re.compile(r"[a-z_]+")
_YEAR = re.compile(r"(?P<start>\d{4})?(?P<range>\.\.)?(?P<end>\d{4})?")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Keyword arguments for Catalog.query()."""

    facets: dict[str, list[str]] = field(default_factory=dict)
    year: int | tuple[int | None, int | None] | None = None
    words: tuple[str, ...] = ()

    def as_kwargs(self) -> dict[str, object]:
        kwargs: dict[str, object] = dict(self.facets)
        if self.year is not None:
            kwargs["year"] = self.year
        if self.words:
            kwargs["text"] = " ".join(self.words)
        return kwargs


def parse_query(query: str) -> ParsedQuery:
    try:
        tokens = shlex.split(query)
    except ValueError as error:
        msg = f"cannot read the query: {error} (check the quotes)"
        raise QueryError(msg) from None
    facets: dict[str, list[str]] = {}
    year: int | tuple[int | None, int | None] | None = None
    words: list[str] = []
    for token in tokens:
        name, colon, value = token.partition(":")
        if not colon or not _FACET_NAME.fullmatch(name) or value.startswith("//"):
            words.append(token)
            continue
        if name not in FACETS:
            hint = did_you_mean(name, FACETS)
            msg = f"unknown facet {name!r}{hint} (facets: {', '.join(FACETS)})"
            raise QueryError(msg)
        if not value:
            msg = f"facet {name!r} needs a value, e.g. {name}:..."
            raise QueryError(msg)
        if name == "year":
            if year is not None:
                msg = "give year only once (use a range: year:2020..2024)"
                raise QueryError(msg)
            year = _parse_year(value)
        else:
            facets.setdefault(name, []).append(value)
    return ParsedQuery(facets=facets, year=year, words=tuple(words))


def _parse_year(value: str) -> int | tuple[int | None, int | None]:
    match = _YEAR.fullmatch(value)
    if match is None or not (match["start"] or match["end"]):
        msg = f"year:{value} is not a year or a range like 2020..2024, 2020.. or ..2019"
        raise QueryError(msg)
    start = int(match["start"]) if match["start"] else None
    end = int(match["end"]) if match["end"] else None
    if not match["range"]:
        if end is not None and start is not None:
            msg = f"year:{value} is not a year or a range like 2020..2024"
            raise QueryError(msg)
        return start if start is not None else end  # type: ignore[return-value]
    if start is not None and end is not None and start > end:
        msg = f"year:{value} is an empty range: the start is after the end"
        raise QueryError(msg)
    return (start, end)
