"""Putting a record's keys in the model's field order by moving whole lines, comments included.

A comment (or blank line) directly above a key, at the key's indentation or less, moves with
that key; one indented deeper belongs to the value above it and stays there. Comments above the
file's first key (its header) and below the last entry of a mapping stay where they are. Flow
mappings on one line (`{category: x, assigned_by: curator}`) are rewritten in order in place.
"""

from __future__ import annotations

from typing import Any, get_args

import yaml

from cl_survey.records import Record

__all__ = ["reorder_keys"]


def reorder_keys(node: yaml.MappingNode, model: type[Record], lines: list[str]) -> list[str]:
    """The file's `lines` with the keys of its top-level mapping `node` (and below) reordered."""
    first = node.start_mark.line
    return lines[:first] + _mapping(node, model, lines, first, len(lines))


def _mapping(
    node: yaml.MappingNode, model: Any, lines: list[str], first: int, end: int
) -> list[str]:
    """Lines [first, end) with the block mapping `node` reordered; [first, its first key) are
    the first key's comments."""
    entries = node.value
    if node.flow_style or not _reorderable(entries, lines):
        return lines[first:end]
    column = entries[0][0].start_mark.column
    key_lines = [key.start_mark.line for key, _ in entries]
    starts = [first] + [
        _lead_start(lines, key_lines[index], key_lines[index - 1], column)
        for index in range(1, len(entries))
    ]
    tail = _tail_start(lines, key_lines[-1], end, column)
    chunks: list[tuple[str, list[str]]] = []
    for index, (key, value) in enumerate(entries):
        chunk_end = starts[index + 1] if index + 1 < len(entries) else tail
        body = _value(value, _field_model(model, key.value), lines, key_lines[index], chunk_end)
        chunks.append((key.value, lines[starts[index] : key_lines[index]] + body))
    order = _field_order(model)
    position = {name: rank for rank, name in enumerate(order)}
    ranked = sorted(
        enumerate(chunks), key=lambda item: (position.get(item[1][0], len(order)), item[0])
    )
    return [line for _, (_, chunk) in ranked for line in chunk] + lines[tail:end]


def _reorderable(entries: list[tuple[yaml.Node, yaml.Node]], lines: list[str]) -> bool:
    if not entries:
        return False
    column = entries[0][0].start_mark.column
    seen: set[int] = set()
    for key, _ in entries:
        mark = key.start_mark
        if not isinstance(key, yaml.ScalarNode) or mark.column != column or mark.line in seen:
            return False
        if lines[mark.line][:column].strip(" -"):
            return False
        seen.add(mark.line)
    return True


def _is_comment_or_blank(line: str, column: int) -> bool:
    stripped = line.lstrip(" ")
    return not stripped or (stripped.startswith("#") and len(line) - len(stripped) <= column)


def _lead_start(lines: list[str], key_line: int, previous_key_line: int, column: int) -> int:
    start = key_line
    while start - 1 > previous_key_line and _is_comment_or_blank(lines[start - 1], column):
        start -= 1
    return start


def _tail_start(lines: list[str], last_key_line: int, end: int, column: int) -> int:
    start = end
    while start - 1 > last_key_line and _is_comment_or_blank(lines[start - 1], column):
        start -= 1
    return start


def _value(node: yaml.Node, model: Any, lines: list[str], key_line: int, end: int) -> list[str]:
    if model is None:
        return lines[key_line:end]
    if (
        isinstance(node, yaml.MappingNode)
        and not node.flow_style
        and node.value
        and node.value[0][0].start_mark.line > key_line
    ):
        # Comments between `venue:` and its first key are about that key: they move with it.
        return lines[key_line : key_line + 1] + _mapping(node, model, lines, key_line + 1, end)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _sequence(node, model, lines, key_line, end)
    return _flow_in_place(node, model, lines, key_line, end)


def _sequence(
    node: yaml.SequenceNode, model: Any, lines: list[str], key_line: int, end: int
) -> list[str]:
    """A block sequence whose items are `model` records, each item's keys reordered."""
    items = node.value
    found = [_dash_line(lines, item) for item in items]
    starts = [line for line in found if line is not None]
    if len(starts) != len(items):
        # An item whose `-` stands on a line of its own is left exactly as written.
        return lines[key_line:end]
    result = lines[key_line : starts[0]]
    for index, item in enumerate(items):
        start = starts[index]
        stop = starts[index + 1] if index + 1 < len(items) else end
        if isinstance(item, yaml.MappingNode) and not item.flow_style and item.value:
            result.extend(_compact_item(item, model, lines, start, stop))
        else:
            result.extend(_flow_in_place(item, model, lines, start, stop))
    return result


def _dash_line(lines: list[str], item: yaml.Node) -> int | None:
    """The line of the `-` that opens `item`, when the item starts on it (`- key: value`)."""
    line, column = item.start_mark.line, item.start_mark.column
    prefix = lines[line][:column]
    if prefix.strip() == "-":
        return line
    return None


def _compact_item(
    item: yaml.MappingNode, model: Any, lines: list[str], start: int, stop: int
) -> list[str]:
    column = item.value[0][0].start_mark.column
    dash_prefix = lines[start][:column]
    working = list(lines)
    working[start] = " " * column + lines[start][column:]
    body = _mapping(item, model, working, start, stop)
    first_key = next(
        index for index, line in enumerate(body) if not _is_comment_or_blank(line, column)
    )
    dash_indent = " " * (len(dash_prefix) - len(dash_prefix.lstrip(" ")))
    # Comments that now sit above the item's first key move above its dash.
    moved = [dash_indent + line.lstrip(" ") if line.strip() else line for line in body[:first_key]]
    return [*moved, dash_prefix + body[first_key][column:], *body[first_key + 1 :]]


def _flow_in_place(
    node: yaml.Node, model: Any, lines: list[str], start: int, end: int
) -> list[str]:
    """Lines [start, end) with a one-line flow mapping (or list of them) reordered in place."""
    region = lines[start:end]
    mark, end_mark = node.start_mark, node.end_mark
    if (
        not isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        or not node.flow_style
        or mark.line != end_mark.line
        or not start <= mark.line < end
    ):
        return region
    line = lines[mark.line]
    rebuilt = _flow_text(node, model, line)
    if rebuilt is None:
        return region
    region[mark.line - start] = line[: mark.column] + rebuilt + line[end_mark.column :]
    return region


def _flow_text(node: yaml.Node, model: Any, line: str) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return line[node.start_mark.column : node.end_mark.column]
    if isinstance(node, yaml.SequenceNode):
        parts = [_flow_text(item, model, line) for item in node.value]
        return None if None in parts else "[" + ", ".join(p for p in parts if p is not None) + "]"
    if isinstance(node, yaml.MappingNode) and model is not None:
        position = {name: rank for rank, name in enumerate(_field_order(model))}
        entries = []
        for index, (key, value) in enumerate(node.value):
            if not isinstance(key, yaml.ScalarNode):
                return None
            value_text = _flow_text(value, _field_model(model, key.value), line)
            if value_text is None:
                return None
            key_text = line[key.start_mark.column : key.end_mark.column]
            rank = position.get(key.value, len(position))
            entries.append((rank, index, f"{key_text}: {value_text}"))
        return "{" + ", ".join(text for _, _, text in sorted(entries)) + "}"
    return None


def _field_order(model: Any) -> list[str]:
    if isinstance(model, type) and issubclass(model, Record):
        return list(model.model_fields)
    return []


def _field_model(model: Any, key: object) -> Any:
    """The record model of field `key` of `model` (through tuples and optionals), or None."""
    if not (isinstance(model, type) and issubclass(model, Record)):
        return None
    field = model.model_fields.get(str(key))
    return _record_in(field.annotation) if field is not None else None


def _record_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in get_args(annotation):
        found = _record_in(argument)
        if found is not None:
            return found
    return None
