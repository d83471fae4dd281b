"""Records a check found sound in this process's last run, against the same inputs.

A check that reads only the record itself and some inputs (the catalog's ids, the metrics)
finds the same again for the same record object and equal inputs. A catalog loaded again in
the same process keeps each unchanged record as the same object (serve, after every edit:
see _cache), so such a record is sound again, unchecked; any other record is checked.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SoundRecords"]

# Check name -> (its inputs, the record objects found sound, by id), from its last run.
_LAST: dict[str, tuple[object, dict[int, object]]] = {}


class SoundRecords:
    """One run of the check `check` against `inputs`; `same` tells whether the last run's
    inputs were the same (equal, by default)."""

    def __init__(
        self,
        check: str,
        inputs: object,
        same: Callable[[Any, Any], bool] = operator.eq,
    ) -> None:
        self._check = check
        self._inputs = inputs
        last = _LAST.get(check)
        self._before = last[1] if last is not None and same(last[0], inputs) else {}
        self._now: dict[int, object] = {}

    def was_sound(self, record: object) -> bool:
        if self._before.get(id(record)) is record:
            self._now[id(record)] = record
            return True
        return False

    def add(self, record: object) -> None:
        # Kept beside its id, so that the id cannot name another object while kept.
        self._now[id(record)] = record

    def keep(self) -> None:
        _LAST[self._check] = (self._inputs, self._now)
