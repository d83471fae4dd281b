"""Shared fixtures: the fictional fixture catalog, writable copies of it, a CLI runner and
the golden files.

Golden files come in two shapes: a text file that is the expected output itself (a page, a
formatted record, a drafted record, CONTRIBUTING's field reference) checked with
`golden_text`, and a YAML case file that holds a case's input beside its expected output
(broken catalogs, hostile input) checked with `golden_case`. One switch rewrites both after
an intended change: CL_SURVEY_UPDATE_GOLDEN=1; review the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from cl_survey import Catalog, load_catalog
from cl_survey.cli import main

if TYPE_CHECKING:
    from collections.abc import Iterator

FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog"
UPDATE_GOLDEN = os.environ.get("CL_SURVEY_UPDATE_GOLDEN") == "1"


class GoldenText:
    """Compares an output with the text file that pins it (rewriting it when updating)."""

    updating = UPDATE_GOLDEN

    def __call__(self, path: Path, actual: str) -> None:
        if self.updating:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert actual == path.read_text(encoding="utf-8"), (
            f"{path} differs; if intended, rerun with CL_SURVEY_UPDATE_GOLDEN=1 and review"
        )


def golden_case_check(case: Path, spec: dict[str, Any], actual: dict[str, Any]) -> None:
    """Compare `actual` with the expected values in the YAML case file `case` (whose content
    is `spec`), key by key; when updating, write `actual` into the case file first."""
    if UPDATE_GOLDEN:
        spec.update(actual)
        case.write_text(
            yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8"
        )
    for key, value in actual.items():
        assert value == spec[key], f"{case.name}: {key} differs"


@pytest.fixture(scope="session")
def golden_text() -> GoldenText:
    return GoldenText()


@pytest.fixture(scope="session")
def golden_case() -> Any:
    return golden_case_check


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
