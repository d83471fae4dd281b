"""The records of the results layer: metrics (a vocabulary) and transcribed result tables.

A result table is the unit a curator transcribes: one table of one source (a paper's Table 3,
a toolkit README's "Reproduced results"), the protocol its rows share, and one row per method
with its values. A protocol field the source does not state is left out: unknown, never
guessed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator

from cl_survey.records._models import (
    Added,
    Count,
    HttpsUrl,
    PositiveInt,
    Record,
    RecordId,
    Text,
    _Term,
)

__all__ = [
    "Baseline",
    "Memory",
    "MemoryKind",
    "Metric",
    "Pretraining",
    "PrintedAs",
    "Provenance",
    "ResultProtocol",
    "ResultRow",
    "ResultTable",
    "Split",
    "TableSource",
]


class Metric(_Term):
    """A metric that result tables report: catalog/metrics/<id>.yaml."""

    kind: ClassVar[str] = "metric"

    unit: Text
    """Unit of its values, e.g. '%' or 'percentage points'."""
    minimum: float | None = None
    """Smallest possible value, if bounded."""
    maximum: float | None = None
    """Largest possible value, if bounded."""
    higher_is_better: bool
    """Whether a larger value is a better result (false for forgetting)."""
    added: Added | None = None
    """The date the record entered the catalog (YYYY-MM-DD)."""


class TableSource(Record):
    """Where a result table was read: the exact file or page, and where in it."""

    paper: RecordId | None = None
    """Id of the paper the table belongs to (its own paper, or the paper of the repository)."""
    repository: HttpsUrl | None = None
    """The code repository read, for a toolkit's or a method's own reproduced results."""
    url: HttpsUrl
    """The exact file or page that was read, with the commit for a repository file."""
    location: Text
    """Where in it: 'Table 3', 'README.md, section "Results", lines 40-60'."""
    quoted_from: RecordId | None = None
    """Id of a paper whose numbers the source says it copies (all rows), if it says so."""

    @model_validator(mode="after")
    def _paper_or_repository(self) -> TableSource:
        if self.paper is None and self.repository is None:
            msg = "name the paper or the repository the table comes from (or both)"
            raise ValueError(msg)
        return self


class Split(Record):
    """How the classes or tasks are split into steps; any part the source states."""

    initial_classes: Count | None = None
    """Classes in the first step (B50: 50; B0 is written as the increment)."""
    increment: PositiveInt | None = None
    """Classes added at each later step."""
    tasks: PositiveInt | None = None
    """Number of steps (tasks, sessions, experiences)."""


class MemoryKind(StrEnum):
    NONE = "none"
    FIXED_TOTAL = "fixed-total"
    PER_CLASS = "per-class"


class Memory(Record):
    """The replay memory: none, a fixed total number of exemplars, or a number per class."""

    kind: MemoryKind
    """none, fixed-total or per-class."""
    size: Count | None = None
    """Exemplars in total (fixed-total) or per class (per-class)."""

    @model_validator(mode="after")
    def _size_fits_kind(self) -> Memory:
        if self.kind is MemoryKind.NONE and self.size:
            msg = f"a memory of kind 'none' holds no exemplars; remove size {self.size}"
            raise ValueError(msg)
        if self.kind is not MemoryKind.NONE and self.size == 0:
            msg = f"a {self.kind.value} memory of size 0 is kind 'none'"
            raise ValueError(msg)
        return self


class Pretraining(Record):
    """The backbone's pre-training."""

    weights: Text
    """The weights it starts from, as the source names them ('ImageNet-21k', 'none')."""
    data: Text | None = None
    """The pre-training data, where the source says it."""


class ResultProtocol(Record):
    """The protocol every row of a table shares. Unknown fields are left out."""

    benchmark: RecordId
    """Id of the benchmark."""
    scenario: RecordId | None = None
    """Id of the scenario."""
    split: Split | None = None
    """Initial classes, increment and number of tasks, as stated."""
    class_order: Text | None = None
    """Class order or its seed, as stated."""
    seeds: PositiveInt | None = None
    """Number of runs averaged."""
    memory: Memory | None = None
    """Replay memory."""
    backbone: Text | None = None
    """Network architecture, e.g. 'ResNet-32', 'ViT-B/16'."""
    pretraining: Pretraining | None = None
    """Pre-training of the backbone."""
    epochs: PositiveInt | None = None
    """Training epochs per task."""
    budget: Text | None = None
    """A compute budget, as the source states it."""
    tuning: Text | None = None
    """How hyperparameters were chosen, as the source states it."""
    notes: Text | None = None
    """Anything else needed to read the numbers."""


class Provenance(StrEnum):
    PAPER_NATIVE = "paper-native"
    REPRODUCED = "reproduced"


class Baseline(StrEnum):
    FINE_TUNING = "fine-tuning"
    JOINT_TRAINING = "joint-training"
    ZERO_SHOT = "zero-shot"
    NEAREST_CLASS_MEAN = "nearest-class-mean"


class PrintedAs(StrEnum):
    PERCENT = "percent"
    FRACTION = "fraction"


class ResultRow(Record):
    """One method's values in a table (or a reference baseline's)."""

    method: RecordId | None = None
    """Id of the method (a file in catalog/methods/)."""
    baseline: Baseline | None = None
    """For a reference row instead of a method: fine-tuning, joint-training, zero-shot or
    nearest-class-mean."""
    label: Text | None = None
    """The row as the source names it, where that differs from the method's name."""
    variant: Text | None = None
    """A configuration of the method the source reports beside another row of it (another
    backbone, an ablation, a corrected run): rows are one per method, variant, provenance
    and metric."""
    provenance: Provenance
    """paper-native (the method's own paper or its authors' repository) or reproduced."""
    quoted_from: RecordId | None = None
    """Id of the paper whose number this row copies, where the source says so."""
    values: dict[RecordId, float] = Field(min_length=1)
    """Metric id -> value, as printed."""
    spread: dict[RecordId, float] = Field(default_factory=dict)
    """Metric id -> the +/- printed beside the value."""
    notes: Text | None = None
    """Anything needed to read this row."""

    @model_validator(mode="after")
    def _method_or_baseline(self) -> ResultRow:
        if (self.method is None) == (self.baseline is None):
            msg = "give either a method id or a baseline, not both and not neither"
            raise ValueError(msg)
        return self


class ResultTable(Record):
    """A transcribed result table: catalog/results/<id>.yaml."""

    kind: ClassVar[str] = "result"

    id: RecordId
    """Id; equals the file name."""
    title: Text | None = None
    """What the table shows, in a few words."""
    source: TableSource
    """Where it was read."""
    protocol: ResultProtocol
    """The protocol every row shares."""
    metrics: tuple[RecordId, ...] = Field(min_length=1)
    """Ids of its metric columns."""
    printed_as: PrintedAs = PrintedAs.PERCENT
    """percent, or fraction when the source prints accuracies between 0 and 1."""
    rows: tuple[ResultRow, ...] = Field(min_length=1)
    """One row per method or baseline."""
    unverified: tuple[Text, ...] = ()
    """Dotted paths of fields that could not be confirmed from the source."""
    added: Added | None = None
    """The date the table entered the catalog (YYYY-MM-DD)."""
