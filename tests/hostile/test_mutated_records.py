"""Property: whatever a curator does to a valid record, the loader answers with a catalog or
with located problems, and never with anything else (a traceback, a hang, an unlocated error).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cl_survey import Catalog, CatalogError, load_catalog

FIXTURE = Path(__file__).parent.parent / "fixtures" / "catalog"
RECORD_FILES = sorted(str(path.relative_to(FIXTURE)) for path in FIXTURE.glob("*/*.yaml"))
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ config }}",
    "../../etc/passwd",
    "Class-IL",
    "10.9999/fict.2019.1",
    "1901.00001",
    "curator",
    "method-one",
    "family-a",
    "",
    " ",
]
KEYS = ["id", "name", "paper", "title", "category"]
# Characters that mean something to YAML, so textual edits hit the parser's corners.
YAML_TEXT = st.text(alphabet=":-[]{},#&*!|>'\"%@`?\t\n \ufeff\x00\u2028ab1", max_size=6)

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(HOSTILE),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["id", "name", "paper"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


def _containers(data: Any, found: list[Any]) -> list[Any]:
    if isinstance(data, dict):
        found.append(data)
        for value in data.values():
            _containers(value, found)
    elif isinstance(data, list):
        found.append(data)
        for value in data:
            _containers(value, found)
    return found


@st.composite
def structural_edit(draw: st.DrawFn, text: str) -> str:
    """Delete, replace or add one value somewhere in the record's data."""
    data = yaml.safe_load(text)
    container = draw(st.sampled_from(_containers(data, [])))
    keys = list(container) if isinstance(container, dict) else list(range(len(container)))
    action = draw(st.sampled_from(["delete", "replace", "add"] if keys else ["add"]))
    if action == "add":
        if isinstance(container, dict):
            container[draw(st.text(max_size=12) | st.sampled_from(["title", "zh", "typo"]))] = draw(
                values
            )
        else:
            container.append(draw(values))
    else:
        key = draw(st.sampled_from(keys))
        if action == "delete":
            del container[key]
        else:
            container[key] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def textual_edit(draw: st.DrawFn, text: str) -> str:
    """Insert YAML-significant characters, cut a span, or duplicate a line."""
    action = draw(st.sampled_from(["insert", "cut", "duplicate-line"]))
    position = draw(st.integers(min_value=0, max_value=len(text)))
    if action == "insert":
        return text[:position] + draw(YAML_TEXT) + text[position:]
    if action == "cut":
        end = draw(st.integers(min_value=position, max_value=min(len(text), position + 40)))
        return text[:position] + text[end:]
    lines = text.splitlines(keepends=True)
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    return "".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])


@st.composite
def mutated_catalog(draw: st.DrawFn) -> dict[str, str]:
    """One to three record files, each changed once, structurally or as text."""
    chosen = draw(st.lists(st.sampled_from(RECORD_FILES), min_size=1, max_size=3, unique=True))
    edits: dict[str, str] = {}
    for relative in chosen:
        text = (FIXTURE / relative).read_text(encoding="utf-8")
        edit = draw(st.sampled_from([structural_edit, textual_edit]))
        edits[relative] = draw(edit(text))
    return edits


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(mutated_catalog())
def test_a_mutated_catalog_loads_or_reports_located_problems(edits: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory) / "catalog"
        shutil.copytree(FIXTURE, root)
        for relative, text in edits.items():
            (root / relative).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            catalog = load_catalog(root)
        except CatalogError as error:
            problems = error.diagnostics
        else:
            assert isinstance(catalog, Catalog)
            assert len(catalog.papers) >= 1
            return
    assert problems
    for diagnostic in problems:
        assert diagnostic.path.startswith(str(root)), diagnostic
        assert diagnostic.line is not None, diagnostic
        assert diagnostic.line >= 1, diagnostic
        assert diagnostic.column is not None, diagnostic
        assert diagnostic.column >= 1, diagnostic
        assert diagnostic.message, diagnostic
