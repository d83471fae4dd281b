"""The wheel ships the mkdocs project, so `cl-survey build` works from an installed package."""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path


pytestmark = pytest.mark.slow  # builds a site


def test_the_wheel_carries_the_site_project(built_wheel: Path) -> None:
    names = set(zipfile.ZipFile(built_wheel).namelist())
    project = "cl_survey/_bundled_site/"
    for relative in [
        "mkdocs.yml",
        "overrides/main.html",
        "overrides/partials/actions.html",
        "assets/javascripts/cl-survey.js",
        "assets/stylesheets/cl-survey.css",
        "docs/how-to-read.md",
        "docs/python.md",
    ]:
        assert project + relative in names, relative
