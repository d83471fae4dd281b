"""COinS on list pages: each paper's OpenURL ContextObject, parsed back, is the paper's record."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs

from cl_survey.render import render_pages

_SPAN = re.compile(r'<span class="Z3988" title="([^"]*)"></span>')


def test_every_listed_paper_carries_its_openurl(fixture_catalog) -> None:
    page = render_pages(fixture_catalog)["papers.md"]
    found = [parse_qs(html.unescape(title)) for title in _SPAN.findall(page)]
    assert len(found) == len(fixture_catalog.papers)
    by_title = {fields["rft.atitle"][0]: fields for fields in found}
    for paper in fixture_catalog.papers:
        fields = by_title[paper.title]
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        assert fields["rft.au"] == list(paper.authors)
        assert fields["rft.date"] == [str(paper.year)]
        if paper.identifiers.doi:
            assert f"info:doi/{paper.identifiers.doi}" in fields["rft_id"]
    alpha = by_title["The First Fictional Paper"]
    assert (alpha["rft.genre"], alpha["rft.jtitle"], alpha["rft.pages"]) == (
        ["proceeding"],
        ["FICT"],
        ["1-10"],
    )


def test_category_pages_carry_coins_too(fixture_catalog) -> None:
    page = render_pages(fixture_catalog)["categories/family-a.md"]
    assert len(_SPAN.findall(page)) == len(fixture_catalog.query(category="family-a"))
