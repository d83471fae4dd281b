"""Golden files for `cl-survey validate` on catalogs broken in one named way each.

Each tests/records/broken/<case>.yaml holds `files` (paths relative to a copy of the fixture
catalog; a null value deletes the file) and the exact `expected` output and `exit` code.
Regenerate after an intended change with CL_SURVEY_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = sorted((Path(__file__).parent / "broken").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_broken_catalog_output(
    case: Path, catalog_copy: Path, monkeypatch, run_cli, apply_files, golden_case
) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    apply_files(catalog_copy, spec["files"])
    monkeypatch.chdir(catalog_copy.parent)
    result = run_cli("validate", "catalog", *spec.get("args", []))
    golden_case(case, spec, {"expected": result.stdout, "exit": result.exit_code})
    assert "Traceback" not in result.stderr
