"""Pausing Python's cyclic garbage collector while a large structure is built."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextmanager
def collector_paused(*, lasting: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small objects are created that
    all stay alive (a load's records, the record graph): otherwise it re-scans the growing
    heap over and over (about 40% of a 10,000-paper load; two thirds of building the graph
    while a serve session holds two catalogs).

    `lasting`: what the block makes is meant to stay (a loaded catalog). On the way out, it
    moves to the oldest generation at once: left young, the first collection after the pause
    would scan all of it (a sixth of a warm 10,000-paper load). Cycles among those objects
    are still found, by the next full collection. Not for blocks that leave garbage behind
    (rendering, a serve rebuild): their cycles would wait for a full collection too."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # freeze then unfreeze: every tracked object to the oldest generation, in O(1);
            # not when the program froze objects itself, which unfreeze would let go.
            if lasting and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
