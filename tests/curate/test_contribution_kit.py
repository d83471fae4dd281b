"""The contribution kit stays true: the field reference, the schemas, editor and CI wiring.

Regenerate CONTRIBUTING.md's field reference and schema/ with CL_SURVEY_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from cl_survey.cli import cli
from cl_survey.cli._schema import schema_documents
from cl_survey.records._field_reference import field_reference_markdown
from cl_survey.records._files import KINDS
from cl_survey.records._models import Paper

ROOT = Path(__file__).parent.parent.parent
START, END = "<!-- field-reference:start -->\n", "<!-- field-reference:end -->"


def test_contributing_holds_the_generated_field_reference(golden_text):
    path = ROOT / "CONTRIBUTING.md"
    before, rest = path.read_text(encoding="utf-8").split(START)
    _, after = rest.split(END)
    golden_text(path, f"{before}{START}{field_reference_markdown()}{END}{after}")


def test_the_field_reference_names_every_paper_field_with_its_docstring():
    reference = field_reference_markdown()
    for name, field in Paper.model_fields.items():
        assert f"| `{name}` |" in reference
        assert " ".join((field.description or "").split()) in reference.replace("\\|", "|")
    kinds = "`journal`, `conference`, `workshop`, `book-chapter`, `preprint`"
    assert f"| `kind` | one of {kinds} | yes |" in reference
    assert "[Evidence](#evidence)" in reference


def test_committed_schemas_are_what_cl_survey_schema_writes(golden_text):
    directory = ROOT / "schema"
    documents = schema_documents()
    for name, text in documents.items():
        golden_text(directory / name, text)
    committed = {path.name: path.read_text(encoding="utf-8") for path in directory.glob("*.json")}
    assert committed == documents, "schema/ is stale: run `cl-survey schema --out schema`"


def test_vscode_maps_every_record_directory_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    expected = {}
    for name, text in schema_documents().items():
        directory = re.search(r"\(catalog/(\w+)/", json.loads(text)["title"])
        assert directory is not None
        expected[f"./schema/{name}"] = f"catalog/{directory.group(1)}/*.yaml"

    assert settings["yaml.schemas"] == expected
    assert len(expected) == len(KINDS)


def test_pre_commit_hooks_run_validate_and_fmt_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entries = {hook["id"]: f"{hook['entry']} {' '.join(hook.get('args', []))}" for hook in hooks}
    assert entries == {
        "cl-survey-validate": "cl-survey validate catalog",
        "cl-survey-fmt": "cl-survey fmt --check catalog",
    }
    assert all(hook["pass_filenames"] is False for hook in hooks)


def test_ci_workflow_validates_with_annotations_tests_and_deploys_from_main():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    )
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    commands = "\n".join(steps)
    assert "cl-survey validate catalog --format github" in commands
    assert "cl-survey fmt --check catalog" in commands
    assert "make test" in commands
    assert "cl-survey build --out _site" in commands
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"]
    for command in re.findall(r"cl-survey (\w+)", commands):
        assert command in cli.commands, f"the workflow runs unknown command {command!r}"


def test_issue_form_asks_for_what_a_record_needs():
    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "add-paper.yml").read_text(encoding="utf-8")
    )
    ids = {item.get("id") for item in form["body"] if item["type"] != "markdown"}
    assert {"bibtex", "doi_or_arxiv", "published_version", "sources"} <= ids
