"""Shared fixtures: the fictional fixture catalog, writable copies of it, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cl_survey import Catalog, load_catalog
from cl_survey.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterator

FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog"


@pytest.fixture(autouse=True, scope="session")
def _private_load_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the tests' load cache out of the user's ~/.cache (every catalog copy gets one)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CL_SURVEY_CACHE_DIR", str(tmp_path_factory.mktemp("load-cache")))
        patch.delenv("CL_SURVEY_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    return load_catalog(FIXTURE_CATALOG)


@pytest.fixture(scope="session")
def bundled_catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per test session."""
    wheels = tmp_path_factory.mktemp("wheels")
    root = Path(__file__).parents[1]
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels)]
    subprocess.run([*command, str(root)], check=True)  # our own interpreter
    (wheel,) = wheels.glob("cl_survey-*.whl")
    return wheel


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture catalog at tmp_path/catalog."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    return target


def _content(spec: Any) -> str:
    return "".join(
        part if isinstance(part, str) else part["repeat"] * part["times"] for part in spec
    )


def write_catalog_files(catalog: Path, files: dict[str, Any]) -> None:
    """Write a golden case's `files` into a catalog copy (formats: tests/hostile/)."""
    for relative, content in files.items():
        path = catalog / relative
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(content, str) and ("symlink" in content or len(content) == 1):
            path.unlink(missing_ok=True)  # a link, directory or pipe replaces the record file
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif "bytes_hex" in content:
            path.write_bytes(bytes.fromhex(content["bytes_hex"]))
        elif "parts" in content:
            path.write_text(_content(content["parts"]), encoding="utf-8")
        elif "symlink" in content:
            path.symlink_to(content["symlink"])
        elif content.get("directory"):
            path.mkdir()
        elif content.get("fifo"):
            os.mkfifo(path)
        else:
            pytest.fail(f"unknown file spec for {relative}: {content!r}")


@pytest.fixture
def apply_files():
    """The writer golden cases use to break a catalog copy."""
    return write_catalog_files


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run `cl-survey ARGS...` in-process, exactly as the console script does."""

    def run(*args: str) -> Run:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main(list(args))
        captured = capsys.readouterr()
        code = exited.value.code
        return Run(code if isinstance(code, int) else 1, captured.out, captured.err)

    return run
