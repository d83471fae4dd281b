"""Checks of result tables that need more than one field: every value under a column the
table declares, one row per method and metric, and values inside their metric's range."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.records._result_models import Metric, PrintedAs, ResultTable
from cl_survey.records._sound import SoundRecords

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from cl_survey._errors import Diagnostic
    from cl_survey.records._files import LoadedRecord

__all__ = ["check_result_tables", "percent_value"]


def percent_value(table: ResultTable, metric: Metric, value: float) -> float:
    """`value` in the metric's unit: a fraction printed for a percentage is scaled."""
    if table.printed_as is PrintedAs.FRACTION and metric.unit == "%":
        return value * 100
    return value


def check_result_tables(loaded: Mapping[str, LoadedRecord]) -> Iterator[Diagnostic]:
    metrics = {i: item.record for i, item in loaded.items() if isinstance(item.record, Metric)}
    # A table's checks read it and the metrics alone.
    sound = SoundRecords("result tables", metrics, _same_objects)
    for item in loaded.values():
        table = item.record
        if isinstance(table, ResultTable):
            if sound.was_sound(table):
                continue
            found = list(_check_table(item, table, metrics))
            if not found:
                sound.add(table)
            yield from found
    sound.keep()


def _same_objects(before: Mapping[str, Metric], after: Mapping[str, Metric]) -> bool:
    """Whether two {id: metric} mappings hold the very same metric objects."""
    return before.keys() == after.keys() and all(before[i] is after[i] for i in after)


def _check_table(
    item: LoadedRecord, table: ResultTable, metrics: Mapping[str, Metric]
) -> Iterator[Diagnostic]:
    declared = set(table.metrics)
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(table.rows):
        who = row.method or f"{row.baseline} ({row.label or 'unlabelled'})"
        who += f" ({row.variant})" if row.variant else ""
        who += f", {row.provenance.value}"
        for metric_id, value in row.values.items():
            loc = ("rows", index, "values", metric_id)
            if metric_id not in declared:
                message = (
                    f"{metric_id!r} is not one of the table's metrics "
                    f"({', '.join(table.metrics)}); add it to metrics or fix the key"
                )
                yield item.diagnostic(loc, "undeclared-metric", message, at_key=True)
                continue
            first = seen.setdefault((who, metric_id), index)
            if first != index:
                message = (
                    f"{who} already has a {metric_id} value in row {first + 1}; one row per "
                    "method, variant, provenance and metric (name a variant with variant:)"
                )
                yield item.diagnostic(loc, "repeated-result", message, at_key=True)
            metric = metrics.get(metric_id)
            if metric is not None:
                yield from _in_range(item, loc, table, metric, value)
        for metric_id in row.spread:
            if metric_id not in row.values:
                message = f"a spread for {metric_id!r} but no value; give the value or drop it"
                loc = ("rows", index, "spread", metric_id)
                yield item.diagnostic(loc, "spread-without-value", message, at_key=True)


def _in_range(
    item: LoadedRecord,
    loc: tuple[int | str, ...],
    table: ResultTable,
    metric: Metric,
    value: float,
) -> Iterator[Diagnostic]:
    scaled = percent_value(table, metric, value)
    if metric.minimum is not None and scaled < metric.minimum:
        where = f"below its minimum {metric.minimum:g}"
        yield _out_of_range(item, loc, metric, value, scaled=scaled, where=where)
    if metric.maximum is not None and scaled > metric.maximum:
        where = f"above its maximum {metric.maximum:g}"
        yield _out_of_range(item, loc, metric, value, scaled=scaled, where=where)


def _out_of_range(
    item: LoadedRecord,
    loc: tuple[int | str, ...],
    metric: Metric,
    value: float,
    *,
    scaled: float,
    where: str,
) -> Diagnostic:
    shown = f"{value:g}" if scaled == value else f"{value:g} (= {scaled:g} {metric.unit})"
    hint = "; check the number" + (" or printed_as" if metric.unit == "%" else "")
    message = f"{metric.id} {shown} is {where} ({metric.unit}){hint}"
    return item.diagnostic(loc, "value-out-of-range", message)
