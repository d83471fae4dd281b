"""Hostile input, each case a named file with the exact messages it must produce.

The format is tests/records/broken/'s (see test_golden_errors.py), extended for what a plain text
file cannot hold. Each tests/hostile/cases/<case>.yaml has `files`, paths relative to a copy of
the fixture catalog (`../x` lands beside it), each one of:

    a string                      the file's text
    null                          delete the file
    {bytes_hex: ...}              exact bytes
    {parts: [str | {repeat: s, times: n}, ...]}   text too large to write out (10 MB, nesting)
    {symlink: target}             a symbolic link
    {directory: true}, {fifo: true}   a directory or a named pipe where a record file belongs

`args` is the command line (default: validate catalog), run in the catalog's parent
directory; `expected` and `expected_stderr` are the exact output (the temporary directory
shown as <tmp>) and `exit` the exit code. Every case also checks that no file was changed,
added or removed. Regenerate with CL_SURVEY_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _snapshot(directory: Path) -> dict[str, object]:
    """Every entry under `directory`: file bytes, link targets, and which are dirs or pipes."""
    found: dict[str, object] = {}
    for path in sorted(directory.rglob("*")):
        relative = str(path.relative_to(directory))
        if path.is_symlink():
            found[relative] = ("link", str(path.readlink()))
        elif path.is_dir():
            found[relative] = "dir"
        elif path.is_fifo():
            found[relative] = "fifo"
        else:
            found[relative] = path.read_bytes()
    return found


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_hostile_case(
    case: Path, catalog_copy: Path, monkeypatch, run_cli, apply_files, golden_case
) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    apply_files(catalog_copy, spec["files"])
    workspace = catalog_copy.parent
    monkeypatch.chdir(workspace)
    before = _snapshot(workspace)
    result = run_cli(*spec.get("args", ["validate", "catalog"]))
    stdout = result.stdout.replace(str(workspace), "<tmp>")
    stderr = result.stderr.replace(str(workspace), "<tmp>")
    actual = {"expected": stdout, "expected_stderr": stderr, "exit": result.exit_code}
    golden_case(case, spec, actual)
    assert "Traceback" not in stderr
    assert _snapshot(workspace) == before
