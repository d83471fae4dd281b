"""Remembering what was made from one record, by the record object itself.

Records are immutable, and a catalog loaded again in the same process keeps each unchanged
record as the same object (`cl_survey.records._cache`). So what a function made from a record
alone stays right for as long as that object is alive: serve, after an edit, makes again only
what comes from the edited records. Keyed by identity, not by the record's value: hashing a
frozen model hashes every field, which cost as much as some of the work saved.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["per_record"]

R = TypeVar("R")
T = TypeVar("T")

KEPT = 65_536  # values kept per function: more than there are records in a 10,000-paper catalog


def per_record(function: Callable[[R], T]) -> Callable[[R], T]:
    """`function`, remembering its value per record object (at most KEPT at a time)."""
    kept: dict[int, tuple[R, T]] = {}

    @functools.wraps(function)
    def remembered(record: R) -> T:
        hit = kept.get(id(record))
        # The record is kept beside its value, so its id cannot be reused while remembered.
        if hit is not None and hit[0] is record:
            return hit[1]
        value = function(record)
        if len(kept) >= KEPT:
            kept.clear()
        kept[id(record)] = (record, value)
        return value

    return remembered
