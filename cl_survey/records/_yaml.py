"""Reading record files: libyaml on the fast path, source positions only when something is wrong.

A valid file is composed once by libyaml (CSafeLoader's C composer) and turned into plain
Python data by one tight walk (`_Builder`), then never looked at again: the valid path costs
less than `yaml.load` with CSafeLoader, whose constructor is general-purpose Python.
Positions are recovered lazily: `locate` re-composes a file's node tree (libyaml too) only
for a file that has a problem and walks it along a validation error's path to the offending
key or value.

The loader refuses what PyYAML would silently accept: duplicate keys (PyYAML keeps the last),
aliases (they let a few lines expand into gigabytes once validated), any tag beyond plain
scalars, lists and mappings, and nesting far deeper than a record needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

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


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
# The scalar types a record can hold; binary, sets, ordered maps and every custom tag are refused.
_SCALAR_CONSTRUCTORS = {
    tag: SafeConstructor.yaml_constructors[tag]
    for tag in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
        _STR,
    )
}
_SCALARS = SafeConstructor()
# Records are a few levels deep; anything far deeper is hostile, and stops before the
# recursion limit does.
_MAX_DEPTH = 64
_ALIAS_MESSAGE = (
    "YAML anchors and aliases (&name, *name) are not allowed in catalog files; write the value out"
)


class _Builder:
    """Turns libyaml's node tree into plain data, refusing what PyYAML would accept silently.

    libyaml composes the nodes in C; this replaces PyYAML's general-purpose constructor
    (generators, merge keys, every tag) with one tight walk, which is why the loader's parse
    costs less than `yaml.load(..., Loader=CSafeLoader)`.
    """

    def __init__(self, *, aliases_possible: bool) -> None:
        self.duplicate_keys: list[tuple[str, yaml.Mark]] = []
        # An alias is the same node object reached twice. Without a '*' in the text there is
        # no alias, so valid files skip the bookkeeping.
        self.seen: set[int] | None = set() if aliases_possible else None

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                # Refused so that a few bytes of anchors cannot multiply into gigabytes.
                raise _refused(_ALIAS_MESSAGE, node)
            self.seen.add(id(node))
        if depth > _MAX_DEPTH:
            message = f"values are nested more than {_MAX_DEPTH} levels deep; records need a few"
            raise _refused(message, node)
        node_type = type(node)
        tag = node.tag
        if node_type is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            construct = _SCALAR_CONSTRUCTORS.get(tag)
            if construct is not None:
                return construct(_SCALARS, node)
            if tag == _MERGE:
                message = "merge keys ('<<') are not allowed in catalog files; write the fields out"
                raise _refused(message, node)
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self._mapping(node, depth + 1)
        elif node_type is yaml.SequenceNode and tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        message = f"could not determine a constructor for the tag {tag!r}"
        raise _refused(message, node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth)
            if isinstance(key, (list, dict)):
                message = "a key must be a plain value, not a list or mapping"
                raise _refused(message, key_node)
            if key in mapping:
                self.duplicate_keys.append((str(key), key_node.start_mark))
            mapping[key] = self.build(value_node, depth)
        return mapping


def _refused(message: str, node: yaml.Node) -> ConstructorError:
    return ConstructorError(None, None, message, node.start_mark)


def parse_record_text(text: str, path: str) -> ParsedFile:
    """Parse one file's text into data; report syntax problems with their positions."""
    if text.startswith(_BOM):
        text = text[1:]
    builder = _Builder(aliases_possible="*" in text)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else builder.build(node)
    except yaml.MarkedYAMLError as error:
        return ParsedFile(None, (_syntax_problem(error, path, text),))
    except yaml.reader.ReaderError as error:
        return ParsedFile(None, (_unreadable_character(error, path, text),))
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
        for key, mark in builder.duplicate_keys
    )
    return ParsedFile(data, problems)


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = error.problem or "invalid YAML"
    if what == "but found another document":
        what = "a second YAML document ('---'); a record file holds exactly one"
        error.context = None
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


def _unreadable_character(error: yaml.reader.ReaderError, path: str, text: str) -> Diagnostic:
    # The reader reports a character offset, not a line: count the lines up to it.
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    # libyaml gives the code point as an int, the pure-Python reader as a one-letter str.
    code = error.character if isinstance(error.character, int) else ord(error.character)
    message = f"the control character U+{code:04X} is not allowed in YAML; remove it"
    return Diagnostic(path, line, column, "yaml-syntax", message)


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
