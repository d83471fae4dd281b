"""The canonical layout of a record file: keys in the model's field order, quotes only where needed.

Formatting edits the text rather than re-emitting a parsed tree, so every comment, blank line,
wrapped line and block scalar stays as the curator wrote it: `_key_order` moves whole lines
(comments travel with the key below them), then quoted one-line strings are re-quoted the way
YAML needs, plain where plain means the same.

Every result is checked before it is returned: it must load to the same data and hold the same
comments as the input, or formatting stops with an error and the file is left alone.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

import yaml

from cl_survey._errors import Diagnostic, InputError
from cl_survey.curate._key_order import reorder_keys
from cl_survey.records import parse_record_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cl_survey.records import Record

__all__ = ["format_record_text"]

_BOM = "\ufeff"


def format_record_text(text: str, model: type[Record], display: str) -> str:
    """`text` in the canonical layout for a `model` record; InputError if it cannot be parsed."""
    parsed = parse_record_text(text, display)
    if parsed.diagnostics:
        # Reordering a mapping with a duplicate key would silently pick one of its values.
        raise InputError(parsed.diagnostics)
    source = text.removeprefix(_BOM).replace("\r\n", "\n")
    if not source.endswith("\n"):
        source += "\n"
    node = yaml.compose(source, Loader=yaml.CSafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return source
    lines = source.split("\n")
    reordered = "\n".join(reorder_keys(node, model, lines))
    try:
        result = _normalize_quotes(reordered)
        unchanged = _same_data_and_comments(source, result)
    except yaml.YAMLError:
        unchanged = False
    if not unchanged:
        message = (
            "cannot be put into the canonical layout without changing its data or comments; "
            "it was left as it is (please report this as a bug in cl-survey fmt)"
        )
        raise InputError([Diagnostic(display, 1, 1, "fmt-unsafe", message)])
    return result


# Quoting --------------------------------------------------------------------------------


def _normalize_quotes(text: str) -> str:
    """Quoted one-line strings re-quoted the way YAML needs: plain where plain means the same."""
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    lines = text.split("\n")
    edits: list[tuple[int, int, int, str]] = []
    for scalar, in_flow in _quoted_scalars(node, in_flow=False):
        start, end = scalar.start_mark, scalar.end_mark
        if start.line != end.line:
            continue
        canonical = _canonical_scalar(scalar.value, in_flow=in_flow)
        original = lines[start.line][start.column : end.column]
        if canonical is not None and canonical != original:
            edits.append((start.line, start.column, end.column, canonical))
    for line, begin, finish, replacement in sorted(edits, reverse=True):
        lines[line] = lines[line][:begin] + replacement + lines[line][finish:]
    return "\n".join(lines)


def _quoted_scalars(
    node: yaml.Node | None, *, in_flow: bool
) -> Iterator[tuple[yaml.ScalarNode, bool]]:
    if isinstance(node, yaml.ScalarNode):
        if node.style in {"'", '"'}:
            yield node, in_flow
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _quoted_scalars(item, in_flow=in_flow or bool(node.flow_style))
    elif isinstance(node, yaml.MappingNode):
        flow = in_flow or bool(node.flow_style)
        for key, value in node.value:
            yield from _quoted_scalars(key, in_flow=flow)
            yield from _quoted_scalars(value, in_flow=flow)


def _canonical_scalar(value: str, *, in_flow: bool) -> str | None:
    if in_flow:
        dumped = yaml.safe_dump(
            [value], default_flow_style=True, width=math.inf, allow_unicode=True
        )
        text = dumped.strip()[1:-1]
    else:
        dumped = yaml.safe_dump(
            {"k": value}, default_flow_style=False, width=math.inf, allow_unicode=True
        )
        text = dumped.rstrip("\n").removeprefix("k: ")
    return None if "\n" in text else text


# Safety ---------------------------------------------------------------------------------


def _same_data_and_comments(before: str, after: str) -> bool:
    before_data = yaml.load(before, Loader=yaml.CSafeLoader)
    after_data = yaml.load(after, Loader=yaml.CSafeLoader)
    return bool(before_data == after_data) and _comments(before) == _comments(after)


def _comments(text: str) -> Counter[str]:
    """Every comment's text, found in the gaps between YAML tokens (so never inside a string)."""
    comments: Counter[str] = Counter()
    position = 0
    for token in yaml.scan(text, Loader=yaml.CSafeLoader):
        comments.update(_comments_in(text[position : token.start_mark.index]))
        position = max(position, token.end_mark.index)
    comments.update(_comments_in(text[position:]))
    return comments


def _comments_in(gap: str) -> Iterator[str]:
    for line in gap.split("\n"):
        index = line.find("#")
        if index >= 0:
            yield line[index:].rstrip()
