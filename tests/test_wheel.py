"""The wheel ships the catalog: install it in a fresh venv and load from another directory."""

from __future__ import annotations

import subprocess
import venv
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.slow  # builds a wheel
def test_installed_wheel_loads_the_bundled_catalog(
    tmp_path: Path, bundled_catalog, built_wheel: Path
) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(built_wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    printed = subprocess.run(
        [str(python), "-c", "import cl_survey; print(len(cl_survey.load_catalog().papers))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.strip() == str(len(bundled_catalog.papers))
    validated = subprocess.run(
        [str(environment / "bin" / "cl-survey"), "validate"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "valid" in validated.stdout
