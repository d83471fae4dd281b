"""The CLI edge: exit codes, formats, `python -m`, and no tracebacks for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cl_survey.cli import cli

FIXTURE = str(Path(__file__).parents[1] / "fixtures" / "catalog")


def test_validate_valid_catalog_exits_0_with_a_summary(run_cli) -> None:
    result = run_cli("validate", FIXTURE)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        f"{FIXTURE}: valid (1 warning): 4 papers, 3 methods, 4 categories, 2 scenarios, "
        "2 problems, 2 benchmarks, 1 application, 2 metrics, 3 result tables"
    )


def test_validate_json_format(run_cli, catalog_copy: Path) -> None:
    (catalog_copy / "problems/forgetting.yaml").write_text("id: forgetting\n", encoding="utf-8")
    result = run_cli("validate", str(catalog_copy), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert {
        "path": str(catalog_copy / "problems/forgetting.yaml"),
        "line": 1,
        "column": 1,
        "severity": "error",
        "code": "missing-field",
        "message": "missing required field 'name'",
    } in problems


def test_validate_github_format(run_cli, catalog_copy: Path) -> None:
    (catalog_copy / "problems/forgetting.yaml").write_text("id: forgetting\n", encoding="utf-8")
    result = run_cli("validate", str(catalog_copy), "--format", "github")
    path = str(catalog_copy / "problems/forgetting.yaml")
    assert (
        f"::error file={path},line=1,col=1,title=cl-survey missing-field::"
        "missing required field 'definition'"
    ) in result.stdout.splitlines()


def test_usage_error_exits_2(run_cli) -> None:
    result = run_cli("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_library_errors_become_messages(run_cli) -> None:
    result = run_cli("show", "no-such-record", "--catalog", FIXTURE)
    assert result.exit_code == 1
    assert result.stderr == "cl-survey: error: unknown record 'no-such-record'\n"


def test_query_formats(run_cli) -> None:
    ids = run_cli("query", "scenario:class-il", "--catalog", FIXTURE, "--format", "ids")
    assert ids.stdout == "beta2020second\ngamma2020third\n"
    rows = json.loads(run_cli("query", "M1", "--catalog", FIXTURE, "--format", "json").stdout)
    assert [row["id"] for row in rows] == ["alpha2019first"]
    csv_out = run_cli("query", "year:2021", "--catalog", FIXTURE, "--format", "csv").stdout
    assert csv_out.splitlines() == [
        "id,year,venue,title,authors",
        "delta2021survey,2021,arXiv,A Fictional Survey,Di Delta",
    ]
    table = run_cli("query", "year:2021", "--catalog", FIXTURE).stdout
    assert "A Fictional Survey" in table


def test_query_unknown_value_suggests(run_cli) -> None:
    result = run_cli("query", "scenario:class-ill", "--catalog", FIXTURE)
    assert result.exit_code == 1
    assert "did you mean 'class-il' or 'task-il'?" in result.stderr


def test_show_json_includes_the_neighbourhood(run_cli) -> None:
    result = run_cli("show", "beta2020second", "--catalog", FIXTURE, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["kind"] == "paper"
    assert payload["context"]["compared_to_by"] == ["gamma2020third"]
    assert payload["context"]["taxonomy"] == ["family-a > shared-leaf", "family-b > shared-leaf"]


def test_export_to_a_file(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = run_cli("export", "bibtex", "--catalog", FIXTURE, "--out", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").count("@") == 4


def test_python_dash_m_is_the_same_cli() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "cl_survey", "validate", FIXTURE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert "valid (1 warning)" in completed.stdout


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"cl-survey {name}" in readme, f"README does not document `cl-survey {name}`"


def test_an_unwritable_output_path_is_a_message_not_a_bug(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "refs.bib"
    result = run_cli("export", "bibtex", "--catalog", FIXTURE, "--out", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"cl-survey: error: {target}: No such file or directory\n"


def test_a_site_under_a_file_is_a_message_not_a_bug(run_cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = run_cli("build", "--catalog", FIXTURE, "--out", str(blocker / "site"))
    assert result.exit_code == 1
    assert "internal error" not in result.stderr
    assert str(blocker) in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_library_parameters_are_named_by_their_flags(run_cli) -> None:
    result = run_cli("build", "--catalog", FIXTURE, "--out", FIXTURE)
    assert result.exit_code == 1
    assert result.stderr.endswith("inside the catalog; choose another --out\n")
    result = run_cli("build", "--catalog", FIXTURE, "--repo-url", "http://example.org")
    assert result.exit_code == 1
    assert result.stderr == (
        "cl-survey: error: --repo-url 'http://example.org' is not an https:// URL\n"
    )
    result = run_cli("build", "--catalog", FIXTURE, "--site-url", "ftp://example.org/")
    assert result.exit_code == 1
    assert result.stderr == (
        "cl-survey: error: --site-url 'ftp://example.org/' is not an https:// URL\n"
    )


def test_stats_strict_names_every_gap_and_fails(run_cli) -> None:
    result = run_cli("stats", "--strict", "--catalog", FIXTURE, "--format", "json")
    assert result.exit_code == 1
    stats = json.loads(result.stdout)
    assert stats["papers"] == 4
    assert stats["per_application"] == {"toy-vision": 1}
    assert "4 papers; at least 300 wanted" in stats["gaps"]
    assert "area few-shot class-incremental learning: 0 papers; at least 8 wanted" in stats["gaps"]
    assert "family family-a: 3 papers; at least 25 wanted" in stats["gaps"]
    without_strict = run_cli("stats", "--catalog", FIXTURE)
    assert without_strict.exit_code == 0
    assert "gaps: 4 papers; at least 300 wanted;" in without_strict.stdout


def test_results_lists_values_best_first_with_their_source(run_cli) -> None:
    result = run_cli(
        "results", "--catalog", FIXTURE, "--metric", "toy-accuracy", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    under_no_memory = [r for r in rows if r["memory"] == "none"]
    assert [(r["method"] or r["baseline"], r["value"]) for r in under_no_memory] == [
        ("method-one", 90.5),
        ("method-two", 90.0),
        ("method-one", 87.1),
        ("fine-tuning", 60.0),
    ]
    assert under_no_memory[0]["table"] == "alpha-table-1"
    csv_out = run_cli(
        "results", "--catalog", FIXTURE, "--provenance", "reproduced", "--format", "csv"
    )
    assert csv_out.stdout.splitlines()[0].startswith("table,method,baseline,label,metric,value")
    assert len(csv_out.stdout.splitlines()) == 3
    unknown = run_cli("results", "--catalog", FIXTURE, "--benchmark", "split-toy-digit")
    assert unknown.exit_code == 1
    assert "did you mean 'split-toy-digits'" in unknown.stderr
