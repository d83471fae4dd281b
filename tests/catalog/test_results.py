"""Result values are compared only under one protocol key; close keys are named, never merged;
a method's own number and a reproduction are shown side by side with their gap."""

from __future__ import annotations

import pytest

from cl_survey import QueryError, UnknownRecordError
from cl_survey.catalog import ProtocolKey
from cl_survey.catalog._results import backbone_family
from cl_survey.records import ResultProtocol


def test_values_carry_their_protocol_key_and_source(fixture_catalog) -> None:
    entries = fixture_catalog.results(benchmark="split-toy-digits", metric="toy-accuracy")
    assert {(e.table, e.who, e.value) for e in entries} == {
        ("alpha-table-1", "method-one", 90.5),
        ("alpha-table-1", "fine-tuning: Fine-tune", 60.0),
        ("delta-table-2", "method-one", 87.1),  # printed as a fraction, 0.871
        ("delta-table-2", "method-two", 90.0),
        ("gamma-table-3", "method-three", 93.25),
    }
    (one,) = [e for e in entries if e.table == "alpha-table-1" and e.method == "method-one"]
    assert (one.spread, one.provenance.value, one.source_paper, one.year) == (
        0.3,
        "paper-native",
        "alpha2019first",
        2019,
    )


def test_filters_take_names_and_refuse_unknown_values(fixture_catalog) -> None:
    assert len(fixture_catalog.results(metric="ACC")) == 5  # an alias of toy-accuracy
    assert {e.method for e in fixture_catalog.results(provenance="reproduced")} == {
        "method-one",
        "method-two",
    }
    with pytest.raises(UnknownRecordError, match="did you mean 'toy-accuracy'"):
        fixture_catalog.results(metric="toy-acuracy")
    with pytest.raises(QueryError, match="paper-native"):
        fixture_catalog.results(provenance="native")


def test_one_leaderboard_per_key_and_close_keys_named(fixture_catalog) -> None:
    boards = {board.key.memory: board for board in fixture_catalog.leaderboards}
    assert set(boards) == {"none", "fixed-total 200"}
    # ResNet-18 and ResNet-32 are one backbone family: the survey's reproduction is comparable.
    assert boards["none"].tables == ("alpha-table-1", "delta-table-2")
    assert [(key.memory, field) for key, field in boards["none"].close] == [
        ("fixed-total 200", "memory")
    ]
    assert boards["none"].gaps() == [("method-one", "toy-accuracy", 90.5, pytest.approx(87.1))]


def test_an_unstated_field_is_unknown_and_matches_only_unknown() -> None:
    stated = ResultProtocol.model_validate(
        {"benchmark": "b", "scenario": "class-il", "backbone": "ViT-B/16"}
    )
    unstated = ResultProtocol.model_validate({"benchmark": "b", "scenario": "class-il"})
    first, second = ProtocolKey.of(stated), ProtocolKey.of(unstated)
    assert (first.backbone, second.backbone) == ("ViT", "unknown")
    assert first != second
    assert first.differences(second) == ["backbone"]
    assert second.split == second.memory == second.pretraining == "unknown"


@pytest.mark.parametrize(
    ("backbone", "family"),
    [
        ("ResNet-18", "ResNet"),
        ("reduced ResNet18", "ResNet"),
        ("CLIP ViT-B/16", "ViT"),
        ("MLP-400", "MLP"),
        ("DenseNet-100-12-BC", "DenseNet"),
        ("T5-large", "T5-large"),
    ],
)
def test_backbone_families(backbone, family) -> None:
    assert backbone_family(backbone) == family


def test_results_frame_has_one_row_per_value(fixture_catalog) -> None:
    frame = fixture_catalog.results_frame()
    assert len(frame) == len(fixture_catalog.results()) == 7
    assert set(frame["provenance"]) == {"paper-native", "reproduced"}


def test_the_bundled_results_meet_the_coverage_of_issue_13(bundled_catalog) -> None:
    entries = bundled_catalog.results()
    tables = bundled_catalog.result_tables
    assert sum(len(table.rows) for table in tables) >= 250
    assert len(tables) >= 15
    assert len({e.method for e in entries if e.method}) >= 30
    assert len({e.key.benchmark for e in entries}) >= 5
    both = {m for board in bundled_catalog.leaderboards for m, *_ in board.gaps()}
    assert len(both) >= 6
    sources = {t.source.paper for t in tables}
    assert {"yu2024boosting", "zheng2023preventing"} <= sources  # MoE-Adapters, ZSCL's MTIL
    assert {"cifar-100", "imagenet-r", "mtil"} <= {e.key.benchmark for e in entries}
    slugs = [(board.key.benchmark, board.key.slug) for board in bundled_catalog.leaderboards]
    assert len(slugs) == len(set(slugs))
