"""One author per person: name variants merge through the people vocabulary, homonyms stay
apart when each lists its papers, and papers can be queried by author."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cl_survey import UnknownRecordError, load_catalog
from cl_survey.catalog import author_slug

if TYPE_CHECKING:
    from pathlib import Path


def test_every_name_is_an_author_with_papers_newest_first(fixture_catalog) -> None:
    authors = fixture_catalog.authorship.authors
    assert authors["bo-beta"].papers == ("beta2020second", "alpha2019first")
    assert fixture_catalog.authorship.by_paper["alpha2019first"] == ("ada-alpha", "bo-beta")
    assert fixture_catalog.authorship.coauthors("bo-beta") == [("ada-alpha", 1)]


def test_an_alias_merges_the_ways_a_name_is_written(catalog_copy: Path) -> None:
    beta = catalog_copy / "papers" / "beta2020second.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("authors: [Bo Beta]", "authors: [B. Beta]"),
        encoding="utf-8",
    )
    catalog = load_catalog(catalog_copy)
    assert catalog.author("B. Beta").id == "bo-beta"
    assert set(catalog.authorship.authors["bo-beta"].papers) == {"alpha2019first", "beta2020second"}
    assert "b-beta" not in catalog.authorship.authors


def test_two_people_with_one_name_are_told_apart_by_their_papers(catalog_copy: Path) -> None:
    (catalog_copy / "people" / "bo-beta.yaml").write_text(
        "id: bo-beta\nname: Bo Beta\npapers: [alpha2019first]\n", encoding="utf-8"
    )
    (catalog_copy / "people" / "bo-beta-the-second.yaml").write_text(
        "id: bo-beta-the-second\nname: Bo Beta\npapers: [beta2020second]\n", encoding="utf-8"
    )
    catalog = load_catalog(catalog_copy)
    assert catalog.authorship.authors["bo-beta"].papers == ("alpha2019first",)
    assert catalog.authorship.authors["bo-beta-the-second"].papers == ("beta2020second",)


def test_papers_by_author(fixture_catalog) -> None:
    assert [p.id for p in fixture_catalog.query(author="Bo Beta")] == [
        "alpha2019first",
        "beta2020second",
    ]
    assert [p.id for p in fixture_catalog.query(author="ada-alpha")] == ["alpha2019first"]
    with pytest.raises(UnknownRecordError, match="unknown author"):
        fixture_catalog.query(author="Nobody")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Gido M. van de Ven", "gido-m-van-de-ven"),
        ("Bartłomiej Twardowski", "bartlomiej-twardowski"),
        ("Natalia Díaz-Rodríguez", "natalia-diaz-rodriguez"),
        ("3rd Author", "author-3rd-author"),
    ],
)
def test_author_ids(name, slug) -> None:
    assert author_slug(name) == slug


def test_the_bundled_people_merge_gido_van_de_ven(bundled_catalog) -> None:
    assert bundled_catalog.author("Gido van de Ven").id == "gido-m-van-de-ven"
    papers = bundled_catalog.authorship.authors["gido-m-van-de-ven"].papers
    assert {"vandeven2022three", "lomonaco2021avalanche"} <= set(papers)
