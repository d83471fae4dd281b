"""cl-survey serve's rebuilds: after an edit only the changed pages are rebuilt, and the
site (search index included) ends up as a full build would make it."""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING

import pytest

from cl_survey import load_catalog
from cl_survey.publish._rebuild import LiveSite

if TYPE_CHECKING:
    from pathlib import Path


pytestmark = pytest.mark.slow  # builds a site


def _index(live: LiveSite) -> dict[str, str]:
    """What the search index holds once its background update is done: each page's URL and
    indexed text, read from Pagefind's fragments (gzip, a signature, then JSON), the files a
    search downloads for its results."""
    live.wait_for_search()
    assert live.search_error is None
    entries = {}
    for fragment in (live.site_dir / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        entries[data["url"].lstrip("/")] = data["content"]
    return entries


def _modification_times(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _replace_in(path: Path, *replacements: tuple[str, str]) -> None:
    """Edit a catalog file as a curator would: each (old, new) replaced in its text."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_a_summary_edit_rebuilds_only_the_pages_that_show_it(catalog_copy, tmp_path) -> None:
    live = LiveSite(tmp_path / "serve")
    first = live.rebuild(load_catalog(catalog_copy))
    assert first.full
    assert first.pages_written == first.pages_total
    site = live.site_dir
    entries_before = set(_index(live))
    built_at = _modification_times(site)

    _replace_in(
        catalog_copy / "papers" / "delta2021survey.yaml",
        ("Surveys the fictional field.", "Surveys the fictional field (quokka)."),
    )
    update = live.rebuild(load_catalog(catalog_copy))

    assert not update.full
    assert 0 < update.pages_written < update.pages_total
    # Only the pages that looked at the edited paper were generated again.
    assert update.pages_written <= update.pages_generated < update.pages_total
    assert "quokka" in (site / "papers" / "delta2021survey.html").read_text(encoding="utf-8")
    now = _modification_times(site)
    rewritten = {page for page, mtime in now.items() if mtime != built_at[page]}
    assert "papers/delta2021survey.html" in rewritten
    assert "papers/alpha2019first.html" not in rewritten
    assert len(rewritten) < len(now) / 2
    index = _index(live)
    assert set(index) == entries_before
    assert any("quokka" in text for text in index.values())


def test_a_new_paper_is_built_and_indexed_without_a_full_build(catalog_copy, tmp_path) -> None:
    live = LiveSite(tmp_path / "serve")
    live.rebuild(load_catalog(catalog_copy))
    source = (catalog_copy / "papers" / "delta2021survey.yaml").read_text(encoding="utf-8")
    (catalog_copy / "papers" / "epsilon2022fifth.yaml").write_text(
        source.replace("delta2021survey", "epsilon2022fifth")
        .replace("A Fictional Survey", "A Fifth Fictional Paper")
        .replace("year: 2021", "year: 2022")
        .replace("categories:\n- {category: family-b, assigned_by: curator}\n", ""),
        encoding="utf-8",
    )
    update = live.rebuild(load_catalog(catalog_copy))
    assert not update.full
    assert (live.site_dir / "papers" / "epsilon2022fifth.html").is_file()
    assert "papers/epsilon2022fifth.html" in _index(live)


def test_a_removed_paper_leaves_no_page_and_no_search_entry(catalog_copy, tmp_path) -> None:
    live = LiveSite(tmp_path / "serve")
    live.rebuild(load_catalog(catalog_copy))
    gamma = (catalog_copy / "papers" / "gamma2020third.yaml").read_text(encoding="utf-8")
    (catalog_copy / "papers" / "gamma2020third.yaml").unlink()
    _replace_in(
        catalog_copy / "papers" / "beta2020second.yaml",
        ("- {type: compares_to, paper: gamma2020third, note: concurrent work}\n", ""),
    )
    _replace_in(
        catalog_copy / "methods" / "method-three.yaml", ("introduced_by: gamma2020third\n", "")
    )
    (catalog_copy / "results" / "gamma-table-3.yaml").unlink()  # transcribed from gamma
    assert "gamma2020third" in gamma
    update = live.rebuild(load_catalog(catalog_copy))
    assert not update.full
    assert not (live.site_dir / "papers" / "gamma2020third.html").exists()
    assert not [loc for loc in _index(live) if "gamma2020third" in loc]


def test_a_moved_paper_is_listed_under_its_new_category_without_a_full_build(
    catalog_copy, tmp_path
) -> None:
    live = LiveSite(tmp_path / "serve")
    live.rebuild(load_catalog(catalog_copy))
    _replace_in(
        catalog_copy / "papers" / "delta2021survey.yaml",
        ("category: family-b", "category: family-a"),
    )
    update = live.rebuild(load_catalog(catalog_copy))
    assert not update.full
    family_a = (live.site_dir / "categories" / "family-a.html").read_text(encoding="utf-8")
    assert "A Fictional Survey" in family_a


def test_the_search_index_catches_up_with_the_latest_of_quick_edits(catalog_copy, tmp_path) -> None:
    live = LiveSite(tmp_path / "serve")
    live.rebuild(load_catalog(catalog_copy))
    record = catalog_copy / "papers" / "delta2021survey.yaml"
    original = record.read_text(encoding="utf-8")
    for word in ("wombat", "numbat"):
        record.write_text(
            original.replace("Surveys the fictional field.", f"Surveys the {word} field."),
            encoding="utf-8",
        )
        update = live.rebuild(load_catalog(catalog_copy))
        assert not update.full
    entry = _index(live)["papers/delta2021survey.html"]
    assert "numbat" in entry
    assert "wombat" not in entry


def test_closing_stops_the_search_update_and_leaves_nothing_of_it(catalog_copy, tmp_path) -> None:
    live = LiveSite(tmp_path / "serve")
    live.rebuild(load_catalog(catalog_copy))
    _replace_in(
        catalog_copy / "papers" / "delta2021survey.yaml", ("fictional field", "quoll field")
    )
    live.rebuild(load_catalog(catalog_copy))
    live.close()  # whether the update had started, was running or was done
    assert not [p.name for p in live.site_dir.iterdir() if p.name.startswith(".pagefind")]
    assert (live.site_dir / "pagefind" / "pagefind.js").is_file()
    assert live.search_error in {None, "the search index update was stopped"}


def _built_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but its search index (whose chunk names vary by run)."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
    }


def test_pages_built_again_in_place_are_those_a_full_build_makes(catalog_copy, tmp_path) -> None:
    live = LiveSite(tmp_path / "serve")
    live.rebuild(load_catalog(catalog_copy))
    sitemap = live.site_dir / "sitemap.xml"
    listed_at = sitemap.stat().st_mtime_ns
    _replace_in(
        catalog_copy / "papers" / "delta2021survey.yaml",
        ("Surveys the fictional field.", "Surveys the fictional field (quokka)."),
        ("category: family-b", "category: family-a"),
    )
    update = live.rebuild(load_catalog(catalog_copy))
    assert not update.full
    # Built in place: no page was added or removed, so MkDocs did not list the site again
    # (a dirty build writes the sitemap every time).
    assert sitemap.stat().st_mtime_ns == listed_at

    fresh = LiveSite(tmp_path / "fresh")
    fresh.rebuild(load_catalog(catalog_copy))
    live.wait_for_search()
    fresh.wait_for_search()
    assert _built_files(live.site_dir) == _built_files(fresh.site_dir)
