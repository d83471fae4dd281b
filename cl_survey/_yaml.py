"""Reading record files: libyaml on the fast path, source positions only when something is wrong.

A valid file is parsed once with libyaml (CSafeLoader) into plain Python data and never
looked at again, so the valid path costs what libyaml costs. Positions are recovered lazily:
`locate` re-composes a file's node tree (libyaml too) only for a file that has a problem and
walks it along a validation error's path to the offending key or value.

The loader refuses what PyYAML would silently accept: duplicate keys (PyYAML keeps the last),
aliases (they let a few lines expand into gigabytes once validated), and any non-standard tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from cl_survey._errors import Diagnostic

__all__ = ["ParsedFile", "Position", "locate", "parse_record_text"]

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """The data of one YAML file, or the problems that kept it from being read."""

    data: Any
    diagnostics: tuple[Diagnostic, ...]


class _DuplicateKeyLoader(yaml.CSafeLoader):
    """CSafeLoader that records duplicate keys and refuses aliases instead of resolving them."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, yaml.Mark]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:  # noqa: FBT001, FBT002  # PyYAML's signature
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                self.duplicate_keys.append((str(key), key_node.start_mark))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:  # noqa: FBT001, FBT002  # PyYAML's signature
        if node in self.constructed_objects or node in self.recursive_objects:
            # The same node reached twice means an alias: refused so that a few bytes of
            # anchors cannot multiply into gigabytes of data once validated.
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML anchors and aliases (&name, *name) are not allowed in catalog files; "
                "write the value out",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)


def parse_record_text(text: str, path: str) -> ParsedFile:
    """Parse one file's text into data; report syntax problems with their positions."""
    if text.startswith(_BOM):
        text = text[1:]
    loader = _DuplicateKeyLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        return ParsedFile(None, (_syntax_problem(error, path, text),))
    except yaml.YAMLError as error:
        return ParsedFile(None, (Diagnostic(path, 1, 1, "yaml-syntax", str(error)),))
    finally:
        loader.dispose()
    problems = tuple(
        Diagnostic(
            path,
            mark.line + 1,
            mark.column + 1,
            "duplicate-key",
            f"duplicate key {key!r}: YAML keeps only one of them; remove or rename the other",
        )
        for key, mark in loader.duplicate_keys
    )
    return ParsedFile(data, problems)


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = error.problem or "invalid YAML"
    if mark is not None and _char_at(text, mark) == "\t":
        what = "a tab character: YAML indentation must use spaces"
    elif "tag" in what and "constructor" in type(error).__module__:
        what = f"{what}; only plain YAML values are allowed in catalog files"
    context = ""
    if error.context and error.context not in what:
        started = error.context_mark
        where = ""
        if started is not None and mark is not None and started.line != mark.line:
            where = f" that starts at line {started.line + 1}, column {started.column + 1}"
        context = f" ({error.context}{where})"
    code = "yaml-alias" if "aliases" in what else "yaml-syntax"
    return Diagnostic(path, line, column, code, f"{what}{context}")


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def locate(text: str, loc: tuple[int | str, ...], *, at_key: bool = False) -> Position:
    """The position of the value (or, with `at_key`, the key) that `loc` names in `text`.

    Walks as deep as the path exists and stops there: a missing field is reported at the
    mapping that lacks it. Never raises: a file that cannot be composed maps to 1:1.
    """
    if text.startswith(_BOM):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return Position(1, 1)
    if node is None:
        return Position(1, 1)
    mark = node.start_mark
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            found = _mapping_entry(node, step)
            if found is None:
                break
            key_node, node = found
            mark = key_node.start_mark if (last and at_key) else node.start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                break
            node = node.value[step]
            mark = node.start_mark
        else:
            # Steps that name a union member or a validator, not a place in the file.
            continue
    return Position(mark.line + 1, mark.column + 1)


def _mapping_entry(node: yaml.MappingNode, step: int | str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
            return key_node, value_node
    return None
