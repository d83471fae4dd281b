"""Result rows that can be compared: protocol keys, leaderboards and close protocols.

Two numbers are comparable only under the same protocol key: benchmark, scenario, split,
memory, backbone family and pre-training. A field a table does not state is "unknown", and
unknown matches only unknown: a number whose protocol is partly unknown is never ranked
against one whose protocol is known. Keys that differ in exactly one field are "close".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from cl_survey.records import MemoryKind, Provenance, ResultTable, percent_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from cl_survey.catalog._catalog import Catalog
    from cl_survey.records import ResultProtocol

__all__ = ["Leaderboard", "ProtocolKey", "ResultEntry", "leaderboards", "result_entries"]

UNKNOWN = "unknown"
_FAMILIES = (
    ("resnet", "ResNet"),
    ("wideresnet", "ResNet"),
    ("vit", "ViT"),
    ("densenet", "DenseNet"),
    ("mlp", "MLP"),
    ("convnet", "ConvNet"),
)


@dataclass(frozen=True, slots=True, order=True)
class ProtocolKey:
    """What decides whether two numbers are comparable."""

    benchmark: str
    scenario: str
    split: str
    memory: str
    backbone: str
    pretraining: str

    @classmethod
    def of(cls, protocol: ResultProtocol) -> ProtocolKey:
        return cls(
            benchmark=protocol.benchmark,
            scenario=protocol.scenario or UNKNOWN,
            split=_split(protocol),
            memory=_memory(protocol),
            backbone=backbone_family(protocol.backbone),
            pretraining=_pretraining(protocol),
        )

    @property
    def slug(self) -> str:
        """A file-name-safe name, unique per key."""
        parts = [self.scenario, self.split, self.memory, self.backbone, self.pretraining]
        text = "-".join(parts).casefold()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

    def differences(self, other: ProtocolKey) -> list[str]:
        """The names of the fields in which two keys differ."""
        return [f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)]

    def describe(self) -> str:
        return (
            f"{self.scenario}, split {self.split}, memory {self.memory}, "
            f"backbone {self.backbone}, pre-training {self.pretraining}"
        )


def backbone_family(backbone: str | None) -> str:
    """ResNet-18 and ResNet-32 are one family, CLIP ViT-B/16 and ViT-B/16 another."""
    if backbone is None:
        return UNKNOWN
    folded = re.sub(r"[^a-z0-9]", "", backbone.casefold())
    for needle, family in _FAMILIES:
        if needle in folded:
            return family
    return backbone


def _split(protocol: ResultProtocol) -> str:
    split = protocol.split
    if split is None:
        return UNKNOWN
    parts = [
        f"B{split.initial_classes}" if split.initial_classes is not None else "B?",
        f"Inc{split.increment}" if split.increment is not None else "Inc?",
        f"T{split.tasks}" if split.tasks is not None else "T?",
    ]
    return UNKNOWN if parts == ["B?", "Inc?", "T?"] else " ".join(parts)


def _memory(protocol: ResultProtocol) -> str:
    memory = protocol.memory
    if memory is None:
        return UNKNOWN
    if memory.kind is MemoryKind.NONE:
        return "none"
    return f"{memory.kind.value} {memory.size if memory.size is not None else '?'}"


def _pretraining(protocol: ResultProtocol) -> str:
    if protocol.pretraining is None:
        return UNKNOWN
    return protocol.pretraining.weights


@dataclass(frozen=True, slots=True)
class ResultEntry:
    """One value of one row of one table, in the metric's unit."""

    table: str
    method: str | None
    baseline: str | None
    label: str
    variant: str | None
    metric: str
    value: float
    spread: float | None
    provenance: Provenance
    source_paper: str | None
    quoted_from: str | None
    year: int | None
    key: ProtocolKey

    @property
    def who(self) -> str:
        """The method id, or the baseline's name."""
        return self.method or f"{self.baseline}: {self.label}"


def result_entries(catalog: Catalog) -> Iterator[ResultEntry]:
    for table in catalog.result_tables:
        yield from _entries(catalog, table)


def _entries(catalog: Catalog, table: ResultTable) -> Iterator[ResultEntry]:
    key = ProtocolKey.of(table.protocol)
    for row in table.rows:
        year = None
        label = row.label
        if row.method is not None:
            method = catalog.method(row.method)
            label = label or method.acronym or method.name
            if method.introduced_by is not None:
                year = catalog.paper(method.introduced_by).year
        for metric_id, value in row.values.items():
            metric = catalog.metric(metric_id)
            spread = row.spread.get(metric_id)
            yield ResultEntry(
                table=table.id,
                method=row.method,
                baseline=row.baseline.value if row.baseline else None,
                label=label or str(row.baseline),
                variant=row.variant,
                metric=metric_id,
                value=percent_value(table, metric, value),
                spread=None if spread is None else percent_value(table, metric, spread),
                provenance=row.provenance,
                source_paper=table.source.paper,
                quoted_from=row.quoted_from or table.source.quoted_from,
                year=year,
                key=key,
            )


@dataclass(frozen=True, slots=True)
class Leaderboard:
    """Every entry under one protocol key, and the keys one field away."""

    key: ProtocolKey
    entries: tuple[ResultEntry, ...]
    close: tuple[tuple[ProtocolKey, str], ...]
    """(key, the field in which it differs) for every key that differs in one field."""

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(entry.metric for entry in self.entries))

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(entry.table for entry in self.entries))

    def gaps(self) -> list[tuple[str, str, float, float]]:
        """(method, metric, paper-native value, reproduced value) for every method that has
        both under this key."""
        by_method: dict[tuple[str, str], dict[Provenance, list[float]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for entry in self.entries:
            if entry.method is not None:
                by_method[entry.method, entry.metric][entry.provenance].append(entry.value)
        found = []
        for (method, metric), values in sorted(by_method.items()):
            for native in values.get(Provenance.PAPER_NATIVE, []):
                found += [
                    (method, metric, native, reproduced)
                    for reproduced in values.get(Provenance.REPRODUCED, [])
                ]
        return found


def leaderboards(entries: Iterable[ResultEntry]) -> list[Leaderboard]:
    """One leaderboard per protocol key, in key order, each with its close protocols."""
    grouped: dict[ProtocolKey, list[ResultEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.key].append(entry)
    keys = sorted(grouped)
    boards = []
    for key in keys:
        close = []
        for other in keys:
            if other.benchmark != key.benchmark or other == key:
                continue
            differing = key.differences(other)
            if len(differing) == 1:
                close.append((other, differing[0]))
        boards.append(Leaderboard(key, tuple(grouped[key]), tuple(close)))
    return boards
