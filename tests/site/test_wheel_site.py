"""The wheel ships the mkdocs project, so `cl-survey build` works from an installed package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_wheel_carries_the_site_project(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("cl_survey-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
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
