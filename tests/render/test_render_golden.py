"""Every generated page of the fixture catalog against its golden file.

Regenerate after an intended change with CL_SURVEY_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cl_survey.render import render_pages

if TYPE_CHECKING:
    from cl_survey import Catalog

GOLDEN = Path(__file__).parent / "golden" / "pages"


@pytest.fixture(scope="module")
def pages(fixture_catalog: Catalog, golden_text) -> dict[str, str]:
    rendered = render_pages(fixture_catalog)
    if golden_text.updating:  # every page gets its file; pages no longer generated lose theirs
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for relative, content in rendered.items():
            golden_text(GOLDEN / relative, content)
    return rendered


def test_the_pages_are_the_golden_pages(pages: dict[str, str]) -> None:
    golden = sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md"))
    assert sorted(pages) == golden


@pytest.mark.parametrize(
    "relative",
    sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md")),
)
def test_page_matches_golden(pages: dict[str, str], relative: str, golden_text) -> None:
    golden_text(GOLDEN / relative, pages[relative])


def test_rendering_is_deterministic(fixture_catalog: Catalog, pages: dict[str, str]) -> None:
    assert render_pages(fixture_catalog) == pages
