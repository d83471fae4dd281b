"""The query language of `cl-survey query`."""

from __future__ import annotations

import pytest

from cl_survey import QueryError
from cl_survey.catalog._query_language import parse_query


def test_the_issue_example() -> None:
    parsed = parse_query(
        "category:replay-based scenario:class-incremental year:2020..2024 plasticity"
    )
    assert parsed.as_kwargs() == {
        "category": ["replay-based"],
        "scenario": ["class-incremental"],
        "year": (2020, 2024),
        "text": "plasticity",
    }


@pytest.mark.parametrize(
    ("text", "year"),
    [("year:2021", 2021), ("year:2020..", (2020, None)), ("year:..2019", (None, 2019))],
)
def test_year_forms(text: str, year) -> None:
    assert parse_query(text).year == year


def test_quoted_values_and_repeated_facets() -> None:
    parsed = parse_query('scenario:"class incremental" scenario:task-il "deep learning"')
    assert parsed.facets == {"scenario": ["class incremental", "task-il"]}
    assert parsed.words == ("deep learning",)


def test_a_url_or_time_is_a_word_not_a_facet() -> None:
    assert parse_query("https://x.org 10:30").words == ("https://x.org", "10:30")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scenari:x", "unknown facet 'scenari'; did you mean 'scenario'?"),
        ("year:20", "is not a year"),
        ("year:2024..2020", "empty range"),
        ("year:2020 year:2021", "only once"),
        ("category:", "needs a value"),
        ('title:"open', "check the quotes"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text)
