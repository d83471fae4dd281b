"""An index reused from the last catalog while what it reads is unchanged, and worked out
again as soon as something it reads changes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cl_survey.catalog._last import LastAnswer


@dataclass(frozen=True)
class _Item:
    id: str
    shown: int
    other: int = 0


def _shown(item: _Item) -> object:
    return item.id, item.shown


def test_the_last_answer_is_reused_while_what_it_reads_is_unchanged() -> None:
    items = (_Item("a", 1), _Item("b", 2))
    made: list[int] = []
    last: LastAnswer[int] = LastAnswer()

    def answer(group: tuple[_Item, ...]) -> int:
        def make() -> int:
            made.append(1)
            return sum(item.shown for item in group)

        return last.get([(group, _shown)], make)

    assert answer(items) == 3
    assert answer(items) == 3  # the same objects
    assert answer((items[0], replace(items[1], other=9))) == 3  # a field it does not read
    assert len(made) == 1
    assert answer((items[0], replace(items[1], shown=5))) == 6
    assert answer(items[:1]) == 1  # a record fewer
    assert answer((*items, _Item("c", 0))) == 3  # a record more
    assert len(made) == 4


def test_every_group_must_match() -> None:
    last: LastAnswer[str] = LastAnswer()
    first, second = (_Item("a", 1),), (_Item("b", 2),)
    assert last.get([(first, _shown), (second, _shown)], lambda: "one") == "one"
    assert last.get([(first, _shown), (second, _shown)], lambda: "two") == "one"
    changed = (replace(second[0], shown=3),)
    assert last.get([(first, _shown), (changed, _shown)], lambda: "three") == "three"
