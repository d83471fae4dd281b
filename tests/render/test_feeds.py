"""The Atom feeds, read back by a feed parser: valid, newest first, absolute links when the
builder names the site's address, one feed per family; and the What's new page."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from cl_survey.render import render_feeds, render_pages


@pytest.fixture(scope="module")
def feeds(fixture_catalog) -> dict[str, str]:
    return render_feeds(fixture_catalog, "https://example.org/site/")


GOLDEN = Path(__file__).parent / "golden" / "feeds" / "all.xml"


def test_the_feed_matches_its_golden_file(feeds, golden_text) -> None:
    golden_text(GOLDEN, feeds["feeds/all.xml"])


def test_every_feed_is_valid_atom(feeds, fixture_catalog) -> None:
    assert set(feeds) == {"feeds/all.xml", "feeds/family-a.xml", "feeds/family-b.xml"}
    for text in feeds.values():
        parsed = feedparser.parse(text)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
    everything = feedparser.parse(feeds["feeds/all.xml"])
    dated = [p for p in fixture_catalog.papers if p.added is not None]
    assert len(everything.entries) == len(dated)


def test_entries_are_newest_first_with_absolute_links(feeds) -> None:
    parsed = feedparser.parse(feeds["feeds/all.xml"])
    first = parsed.entries[0]
    assert first.id == "tag:cl-survey,2026:paper/delta2021survey"
    assert first.link == "https://example.org/site/papers/delta2021survey.html"
    assert [a.name for a in first.authors] == ["Di Delta"]
    updated = [entry.updated for entry in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    assert parsed.feed.links[0].href == "https://example.org/site/feeds/all.xml"


def test_without_a_site_address_links_are_relative_to_the_feed(fixture_catalog) -> None:
    parsed = feedparser.parse(render_feeds(fixture_catalog)["feeds/all.xml"])
    assert parsed.entries[0].link == "../papers/delta2021survey.html"


def test_a_family_feed_holds_only_that_familys_papers(feeds) -> None:
    parsed = feedparser.parse(feeds["feeds/family-b.xml"])
    assert {entry.id.rpartition("/")[2] for entry in parsed.entries} <= {
        "beta2020second",
        "gamma2020third",
        "delta2021survey",
    }


def test_whats_new_lists_papers_by_the_day_they_arrived(fixture_catalog) -> None:
    page = render_pages(fixture_catalog)["whats-new.md"]
    assert page.index("## 2026-02-01") < page.index("## 2026-01-15")
    assert "feeds/all.xml" in page
