"""The package reads as the pipeline, and nothing imports upward.

    records -> catalog -> render -> publish -> cli, with curate beside them (it reads and
    writes record files) and _errors, _gc and _write underneath everything.

Read from the source with `ast`, so an import inside a function counts as much as one at
the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cl_survey

PACKAGE = Path(cl_survey.__file__).parent
THIRD_PARTY_UI = {"mkdocs", "click", "rich"}

# Package -> what it must never import (other cl_survey packages, or third-party modules).
WALLS = {
    "records": {"catalog", "render", "publish", "curate", "cli", *THIRD_PARTY_UI},
    "catalog": {"render", "publish", "curate", "cli", *THIRD_PARTY_UI},
    "render": {"publish", "curate", "cli", *THIRD_PARTY_UI},
    "publish": {"curate", "cli", "click", "rich"},
    "curate": {"render", "publish", "cli", *THIRD_PARTY_UI},
}


def _imports(path: Path) -> set[str]:
    """What a module imports: cl_survey's own packages by name, others by top-level name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            found.add(parts[1] if parts[0] == "cl_survey" and len(parts) > 1 else parts[0])
    return found


@pytest.mark.parametrize("package", sorted(WALLS))
def test_a_package_never_imports_what_comes_after_it(package: str) -> None:
    crossings = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / package).rglob("*.py")
        for name in _imports(path) & WALLS[package]
    }
    assert not crossings


def test_only_the_adapter_imports_mkdocs() -> None:
    importers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "mkdocs" in _imports(path)
    }
    assert importers == {"publish/_mkdocs.py"}


def test_the_walls_catch_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "_sneaky.py"
    module.write_text(
        "def f():\n    from cl_survey.render import render_pages\n    import click\n",
        encoding="utf-8",
    )
    assert _imports(module) & WALLS["records"] == {"render", "click"}
