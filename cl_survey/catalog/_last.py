"""An index over a catalog's records, reused from the last catalog while what it reads is
unchanged.

`cl-survey serve` loads the catalog again after every edit, and each new Catalog would work
out its indexes (the author index, the result entries, the facet index) from scratch, though
most edits touch nothing they read. A catalog loaded again in the same process keeps every
unchanged record as the same object (`cl_survey.records._cache`), so comparing the records
an index read with this catalog's costs an identity check per record, plus a look at the
few fields it reads of the records that did change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["LastAnswer", "Reads", "whole"]

T = TypeVar("T")

Reads = tuple[tuple[Any, ...], Callable[[Any], object]]
"""Records of one kind in a stable order (a catalog's sorted tuple), and what of each record
the index reads (a function returning those fields)."""


def whole(record: object) -> object:
    """For an index that reads every field of a record: the record itself."""
    return record


class LastAnswer(Generic[T]):
    """One index's last answer, with the records it was worked out from (one per process)."""

    def __init__(self) -> None:
        self._last: tuple[list[tuple[object, ...]], T] | None = None

    def get(self, reads: Sequence[Reads], make: Callable[[], T]) -> T:
        """The last answer if each group of records matches the last one's, record by record,
        in what `reads` takes of them; else `make()`, kept for next time."""
        last = self._last
        if last is not None and all(
            _same(before, records, fields)
            for before, (records, fields) in zip(last[0], reads, strict=True)
        ):
            return last[1]
        answer = make()
        self._last = ([records for records, _ in reads], answer)
        return answer


def _same(before: tuple[Any, ...], after: tuple[Any, ...], fields: Callable[[Any], object]) -> bool:
    return len(before) == len(after) and all(
        old is new or fields(old) == fields(new) for old, new in zip(before, after, strict=True)
    )
