"""The collector pause: what a lasting block made is promoted, and nothing else changes."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

from cl_survey._gc import collector_paused

if TYPE_CHECKING:
    from collections.abc import Iterator


def _generation_of(thing: object) -> int | None:
    for generation in range(3):
        if any(candidate is thing for candidate in gc.get_objects(generation=generation)):
            return generation
    return None


@pytest.fixture(autouse=True)
def _no_automatic_collections() -> Iterator[None]:
    """Where an object is must not depend on when the collector happened to run."""
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    gc.set_threshold(10**9)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def test_a_lasting_block_leaves_what_it_made_in_the_oldest_generation() -> None:
    with collector_paused(lasting=True):
        assert not gc.isenabled()
        made: list[dict[str, list[int]]] = [{"records": []}]
    assert gc.isenabled()
    assert _generation_of(made) == 2


def test_a_passing_block_leaves_what_it_made_young() -> None:
    with collector_paused():
        made: list[dict[str, list[int]]] = [{"pages": []}]
    assert gc.isenabled()
    assert _generation_of(made) == 0


def test_objects_the_program_froze_stay_frozen() -> None:
    before: list[dict[str, list[int]]] = [{"frozen": []}]
    gc.freeze()
    try:
        with collector_paused(lasting=True):
            made: list[dict[str, list[int]]] = [{"records": []}]
        assert gc.get_freeze_count() > 0
        assert _generation_of(before) is None  # still in the permanent generation
        assert _generation_of(made) == 0
    finally:
        gc.unfreeze()


def test_a_nested_pause_leaves_the_collector_to_the_outer_one() -> None:
    with collector_paused(lasting=True):
        with collector_paused(lasting=True):
            made: list[dict[str, list[int]]] = [{"inner": []}]
        assert not gc.isenabled()
    assert _generation_of(made) == 2
