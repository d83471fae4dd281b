"""Catalog.query: each facet, AND across facets, OR within one, and clear errors."""

from __future__ import annotations

import pytest

from cl_survey import QueryError, UnknownRecordError


def ids(papers) -> list[str]:
    return [paper.id for paper in papers]


def test_no_facet_returns_every_paper_in_id_order(fixture_catalog) -> None:
    assert ids(fixture_catalog.query()) == [
        "alpha2019first",
        "beta2020second",
        "delta2021survey",
        "gamma2020third",
    ]


def test_category_matches_descendants_and_methods(fixture_catalog) -> None:
    # family-b holds shared-leaf (method-two, proposed by beta) and delta directly.
    assert ids(fixture_catalog.query(category="family-b")) == ["beta2020second", "delta2021survey"]
    assert ids(fixture_catalog.query(category="leaf-a1")) == ["alpha2019first", "gamma2020third"]


def test_category_by_alias(fixture_catalog) -> None:
    assert ids(fixture_catalog.query(category="A-one")) == ["alpha2019first", "gamma2020third"]


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("scenario", "class-il", ["beta2020second", "gamma2020third"]),
        ("scenario", "Class-IL", ["beta2020second", "gamma2020third"]),
        ("problem", "plasticity", ["beta2020second", "gamma2020third"]),
        ("benchmark", "split-toy-digits", ["alpha2019first", "beta2020second"]),
        ("benchmark", "toy-digits", []),
    ],
)
def test_each_facet(fixture_catalog, facet: str, value: str, expected: list[str]) -> None:
    assert ids(fixture_catalog.query(**{facet: value})) == expected


def test_facets_are_and_combined_and_values_or_combined(fixture_catalog) -> None:
    both = fixture_catalog.query(scenario="task-il", problem="plasticity")
    assert ids(both) == ["beta2020second"]
    either = fixture_catalog.query(problem=["forgetting", "plasticity"], scenario="class-il")
    assert ids(either) == ["beta2020second", "gamma2020third"]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2020, ["beta2020second", "gamma2020third"]),
        ((2020, None), ["beta2020second", "delta2021survey", "gamma2020third"]),
        ((None, 2019), ["alpha2019first"]),
        (range(2019, 2021), ["alpha2019first", "beta2020second", "gamma2020third"]),
    ],
)
def test_year(fixture_catalog, year, expected: list[str]) -> None:
    assert ids(fixture_catalog.query(year=year)) == expected


def test_text_needs_every_word_in_any_field(fixture_catalog) -> None:
    assert ids(fixture_catalog.query(text="beta")) == ["alpha2019first", "beta2020second"]
    assert ids(fixture_catalog.query(text="BETA second")) == ["beta2020second"]
    assert ids(fixture_catalog.query(text="1901.00001")) == ["alpha2019first"]
    assert ids(fixture_catalog.query(text="方法一")) == ["alpha2019first"]
    assert ids(fixture_catalog.query(text="M1")) == ["alpha2019first"]


def test_unknown_facet_value_suggests(fixture_catalog) -> None:
    with pytest.raises(UnknownRecordError) as raised:
        fixture_catalog.query(scenario="class-ill")
    assert (
        str(raised.value) == "unknown scenario 'class-ill'; did you mean 'class-il' or 'task-il'?"
    )
    assert raised.value.suggestions == ("class-il", "task-il")
    assert isinstance(raised.value, KeyError)


def test_empty_year_range_is_an_error(fixture_catalog) -> None:
    with pytest.raises(QueryError, match="empty"):
        fixture_catalog.query(year=(2021, 2019))


def test_lookup_by_id_suggests(fixture_catalog) -> None:
    assert fixture_catalog.paper("beta2020second").year == 2020
    with pytest.raises(UnknownRecordError, match="did you mean 'beta2020second'"):
        fixture_catalog.paper("beta2020secnd")
    with pytest.raises(UnknownRecordError, match="unknown method 'alpha2019first'"):
        fixture_catalog.method("alpha2019first")
