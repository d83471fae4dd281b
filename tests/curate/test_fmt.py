"""`cl-survey fmt`: canonical order and quoting, every comment and value kept, all-or-nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cl_survey._errors import InputError
from cl_survey.curate._fmt import format_record_text
from cl_survey.records._models import Paper

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
BUNDLED = HERE.parent.parent / "catalog"
PAPER_ORDER = list(Paper.model_fields)


# Generated records with comments ---------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from("abcXYZ019 :#'\"-,[]{}é中"), min_size=1, max_size=12
).filter(lambda s: s.strip() == s and s.strip())


@st.composite
def scalars(draw: st.DrawFn) -> tuple[str, str, str]:
    """(value, how it is written in block context, in flow context): plain or forced quotes."""
    value = draw(_TEXT)
    style = draw(st.sampled_from(["dump", "single", "double"]))
    if style == "single":
        quoted = "'" + value.replace("'", "''") + "'"
        return value, quoted, quoted
    if style == "double":
        quoted = json.dumps(value, ensure_ascii=False)
        return value, quoted, quoted
    block = yaml.safe_dump(value, width=1000, allow_unicode=True).removesuffix("\n...\n").strip()
    flow = yaml.safe_dump([value], width=1000, allow_unicode=True, default_flow_style=True)
    return value, block, flow.strip()[1:-1]


class Comments:
    """Hands out numbered comments, so each can be found exactly once in the output."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.made: list[str] = []

    def maybe(self) -> str | None:
        if not self.draw(st.booleans()):
            return None
        comment = f"# note {len(self.made)}"
        self.made.append(comment)
        return comment


def _mapping_lines(entries: list[tuple[str, str]], indent: int, comments: Comments) -> list[str]:
    lines = []
    pad = " " * indent
    for key, written in entries:
        before = comments.maybe()
        if before:
            lines.append(pad + before)
        eol = comments.maybe()
        lines.append(f"{pad}{key}: {written}" + (f"  {eol}" if eol else ""))
    return lines


@st.composite
def records(draw: st.DrawFn) -> tuple[str, list[str], dict[str, str]]:
    """(YAML text, the comments in it, the comment written right above each top-level key)."""
    comments = Comments(draw)
    blocks: dict[str, list[str]] = {}
    for key in ("id", "title", "keywords"):
        if key == "id" or draw(st.booleans()):
            _, written, _ = draw(scalars())
            eol = comments.maybe()
            blocks[key] = [f"{key}: {written}" + (f"  {eol}" if eol else "")]
    blocks["year"] = [f"year: {draw(st.integers(1950, 2025))}"]
    _, name_in_block, name_in_flow = draw(scalars())
    flow = draw(st.booleans())
    venue = [("name", name_in_flow if flow else name_in_block), ("kind", "conference")]
    venue = draw(st.permutations([*venue, ("pages", "'1-10'")]))
    if flow:
        blocks["venue"] = ["venue: {" + ", ".join(f"{k}: {v}" for k, v in venue) + "}"]
    else:
        blocks["venue"] = ["venue:", *_mapping_lines(venue, 2, comments)]
    categories = []
    for _ in range(draw(st.integers(0, 3))):
        pair = draw(st.permutations([("category", "leaf-a"), ("assigned_by", "curator")]))
        if draw(st.booleans()):
            categories.append("- {" + ", ".join(f"{k}: {v}" for k, v in pair) + "}")
        else:
            inner = _mapping_lines(pair, 2, comments)
            categories.append("- " + inner[0][2:] if not inner[0].lstrip().startswith("#") else "-")
            categories.extend(inner[1:] if not inner[0].lstrip().startswith("#") else inner)
    if categories:
        blocks["categories"] = ["categories:", *categories]
    if draw(st.booleans()):
        blocks["summary"] = [
            "summary:",
            *_mapping_lines(
                draw(st.permutations([("zh", draw(scalars())[1]), ("en", draw(scalars())[1])])),
                2,
                comments,
            ),
        ]
    if draw(st.booleans()):
        blocks["sources"] = ["sources:", "- https://example.org/a", "- https://example.org/b"]
    if draw(st.booleans()):
        blocks["not_a_field"] = [f"not_a_field: {draw(scalars())[1]}"]
    header = ["# yaml-language-server: $schema=../../schema/paper.schema.json"]
    above: dict[str, str] = {}
    lines = list(header)
    for position, key in enumerate(draw(st.permutations(list(blocks)))):
        comment = comments.maybe()
        if comment:
            if position:  # above the first key is the file header, which stays on top
                above[key] = comment
            lines.append(comment)
        if draw(st.booleans()):
            lines.append("")
        lines.extend(blocks[key])
    trailing = comments.maybe()
    if trailing:
        lines.append(trailing)
    return "\n".join(lines) + "\n", [header[0], *comments.made], above


def _top_level_keys(text: str) -> list[str]:
    return [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_fmt_is_idempotent_and_keeps_every_value_and_comment(record):
    text, comments, above = record

    formatted = format_record_text(text, Paper, "generated.yaml")

    assert format_record_text(formatted, Paper, "generated.yaml") == formatted
    assert yaml.safe_load(formatted) == yaml.safe_load(text)
    for comment in comments:
        assert formatted.count(comment + "\n") + formatted.count(comment + "  ") == 1, comment
    keys = _top_level_keys(formatted)
    known = [key for key in keys if key in PAPER_ORDER]
    assert known == sorted(known, key=PAPER_ORDER.index)
    assert keys[len(known) :] == [key for key in keys if key not in PAPER_ORDER]
    lines = formatted.splitlines()
    for key, comment in above.items():
        # A comment above a key moves with it (blank lines may sit between them).
        key_line = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        between = [line for line in lines[lines.index(comment) + 1 : key_line] if line.strip()]
        assert lines.index(comment) < key_line
        assert all(line.startswith("#") for line in between)


# Hand-written cases ----------------------------------------------------------------------


def test_messy_record_matches_its_golden_file(golden_text):
    messy = (HERE / "fmt" / "messy.yaml").read_text(encoding="utf-8")

    formatted = format_record_text(messy, Paper, "messy.yaml")

    golden_text(GOLDEN / "messy.formatted.yaml", formatted)


def test_quotes_are_dropped_only_where_the_value_stays_a_string():
    text = (
        "id: 'x2020y'\ntitle: \"Loss: of plasticity\"\n"
        "identifiers: {arxiv: '2306.13812', doi: \"10.1/x\"}\n"
    )

    formatted = format_record_text(text, Paper, "q.yaml")

    assert formatted == (
        "id: x2020y\ntitle: 'Loss: of plasticity'\n"
        "identifiers: {doi: 10.1/x, arxiv: '2306.13812'}\n"
    )


def test_a_file_with_a_duplicate_key_is_refused_with_its_position():
    with pytest.raises(InputError) as raised:
        format_record_text("id: a\ntitle: x\ntitle: y\n", Paper, "dup.yaml")

    assert str(raised.value.diagnostics[0]).startswith("dup.yaml:3:1: error: duplicate key 'title'")


def test_a_layout_change_that_would_alter_a_value_is_refused_not_made():
    # `|+` keeps trailing blank lines in the value; moving `year` up would take one along.
    text = "id: x\nsummary:\n  en: |+\n    text\n\nyear: 2020\n"

    with pytest.raises(InputError) as raised:
        format_record_text(text, Paper, "keep.yaml")

    assert raised.value.diagnostics[0].code == "fmt-unsafe"
    assert "left as it is" in raised.value.diagnostics[0].message


def test_the_bundled_catalog_formats_idempotently_keeping_data_and_comments():
    for path in sorted(BUNDLED.glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        model = _model_for(path)
        once = format_record_text(text, model, str(path))
        assert format_record_text(once, model, str(path)) == once, path
        assert yaml.safe_load(once) == yaml.safe_load(text), path


def _model_for(path: Path) -> type:
    from cl_survey.records._files import KINDS  # noqa: PLC0415  # only this helper needs it

    return KINDS[path.parent.name]


# The command -----------------------------------------------------------------------------


def _disorder(catalog: Path) -> list[Path]:
    """Put `year` last in every paper, so fmt has work to do; return the files touched."""
    touched = []
    for path in sorted((catalog / "papers").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        year = [line for line in lines if line.startswith("year:")]
        rest = [line for line in lines if not line.startswith("year:")]
        path.write_text("".join([*rest, "# the year, moved here\n", *year]), encoding="utf-8")
        touched.append(path)
    return touched


def _bytes(catalog: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(catalog.rglob("*")) if path.is_file()}


def test_check_lists_the_files_that_would_change_and_changes_nothing(run_cli, catalog_copy):
    touched = _disorder(catalog_copy)
    before = _bytes(catalog_copy)

    result = run_cli("fmt", "--check", str(catalog_copy))

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"would reformat {path}" for path in touched]
    assert _bytes(catalog_copy) == before


def test_fmt_rewrites_then_check_passes(run_cli, catalog_copy):
    _disorder(catalog_copy)

    first = run_cli("fmt", str(catalog_copy))
    second = run_cli("fmt", "--check", str(catalog_copy))

    assert first.exit_code == 0
    assert second.exit_code == 0, second.stdout
    text = (catalog_copy / "papers" / "beta2020second.yaml").read_text(encoding="utf-8")
    assert "authors: [Bo Beta]\n# the year, moved here\nyear: 2020\nvenue:" in text
    assert run_cli("validate", str(catalog_copy)).exit_code == 0


def test_a_crash_while_replacing_the_third_file_leaves_every_file_byte_identical(
    run_cli, catalog_copy, monkeypatch
):
    _disorder(catalog_copy)
    before = _bytes(catalog_copy)
    real_replace = os.replace
    calls = []

    def replace_failing_on_the_third(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_failing_on_the_third)
    result = run_cli("fmt", str(catalog_copy))

    assert len(calls) == 3
    assert result.exit_code == 1
    assert "every file is as it was" in result.stderr
    assert _bytes(catalog_copy) == before  # no temporary file left behind either


def test_a_crash_while_staging_leaves_every_file_byte_identical(run_cli, catalog_copy, monkeypatch):
    _disorder(catalog_copy)
    before = _bytes(catalog_copy)
    real_fsync = os.fsync
    calls = []

    def fsync_failing_on_the_third(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_failing_on_the_third)
    result = run_cli("fmt", str(catalog_copy))

    assert result.exit_code == 1
    assert _bytes(catalog_copy) == before


def test_unparsable_files_are_reported_and_the_others_formatted(run_cli, catalog_copy):
    _disorder(catalog_copy)
    broken = catalog_copy / "papers" / "gamma2020third.yaml"
    broken.write_text("id: gamma2020third\ntitle: [unclosed\n", encoding="utf-8")

    result = run_cli("fmt", str(catalog_copy))

    assert result.exit_code == 1
    assert f"{broken}:3:1: error:" in result.stderr
    assert broken.read_text(encoding="utf-8") == "id: gamma2020third\ntitle: [unclosed\n"
    assert run_cli("fmt", "--check", str(catalog_copy)).stdout == ""
