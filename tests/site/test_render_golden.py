"""Every generated page of the fixture catalog against its golden file.

Regenerate after an intended change with CL_SURVEY_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cl_survey.render import render_pages

if TYPE_CHECKING:
    from cl_survey import Catalog

GOLDEN = Path(__file__).parent.parent / "golden" / "pages"
UPDATE = os.environ.get("CL_SURVEY_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages(fixture_catalog: Catalog) -> dict[str, str]:
    rendered = render_pages(fixture_catalog)
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for relative, content in rendered.items():
            target = GOLDEN / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    return rendered


def test_the_pages_are_the_golden_pages(pages: dict[str, str]) -> None:
    golden = sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md"))
    assert sorted(pages) == golden


@pytest.mark.parametrize(
    "relative",
    sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md")),
)
def test_page_matches_golden(pages: dict[str, str], relative: str) -> None:
    expected = (GOLDEN / relative).read_text(encoding="utf-8")
    assert pages[relative] == expected, (
        f"{relative} changed; if intended, rerun with CL_SURVEY_UPDATE_GOLDEN=1 and review"
    )


def test_rendering_is_deterministic(fixture_catalog: Catalog, pages: dict[str, str]) -> None:
    assert render_pages(fixture_catalog) == pages
