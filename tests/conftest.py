"""Shared fixtures: the fictional fixture catalog, writable copies of it, and a CLI runner."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture catalog at tmp_path/catalog."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    return target


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
