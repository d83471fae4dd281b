"""per_record remembers what was made from a record by the record object, never by value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._memo import per_record

if TYPE_CHECKING:
    from cl_survey.records import Paper


def test_a_value_is_made_once_per_record_object_and_again_for_any_other(fixture_catalog) -> None:
    calls: list[str] = []

    @per_record
    def title(paper: Paper) -> str:
        calls.append(paper.id)
        return paper.title

    paper = fixture_catalog.paper("alpha2019first")
    assert title(paper) == title(paper) == paper.title
    assert calls == ["alpha2019first"]
    assert title(paper.model_copy(update={"title": "Quokka"})) == "Quokka"
    assert title(paper.model_copy()) == paper.title  # equal, but another object: made again
    assert calls == ["alpha2019first"] * 3
