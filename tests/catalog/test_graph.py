"""The graph and the graph queries, on the fixture catalog (multi-parent categories,
a compares_to cycle between concurrent papers, a builds_on edge to a later paper)."""

from __future__ import annotations

import networkx as nx
import pytest

from cl_survey import ClSurveyError
from cl_survey.catalog._graph import EDGE_TYPES, NODE_KINDS


def test_every_record_is_a_typed_node(fixture_catalog) -> None:
    graph = fixture_catalog.graph
    kinds = nx.get_node_attributes(graph, "kind")
    assert set(kinds.values()) == set(NODE_KINDS)
    assert kinds["alpha2019first"] == "paper"
    assert graph.nodes["alpha2019first"]["year"] == 2019
    assert graph.nodes["method-one"]["label"] == "M1"


def test_edges_are_typed_with_provenance(fixture_catalog) -> None:
    graph = fixture_catalog.graph
    assert {data["type"] for _, _, data in graph.edges(data=True)} <= set(EDGE_TYPES)
    assert graph.edges["method-one", "leaf-a1", "belongs_to"]["assigned_by"] == "delta2021survey"
    assert graph.has_edge("beta2020second", "alpha2019first", key="builds_on")
    assert (
        graph.edges["beta2020second", "gamma2020third", "compares_to"]["note"] == "concurrent work"
    )
    assert graph.has_edge("alpha2019first", "split-toy-digits", key="evaluates_on")
    assert graph.has_edge("alpha2019first", "forgetting", key="addresses")
    assert graph.has_edge("alpha2019first", "task-il", key="studies")
    assert graph.has_edge("shared-leaf", "family-b", key="is_a")


def test_compares_to_cycles_are_legal(fixture_catalog) -> None:
    graph = fixture_catalog.graph
    assert graph.has_edge("beta2020second", "gamma2020third", key="compares_to")
    assert graph.has_edge("gamma2020third", "beta2020second", key="compares_to")


def test_taxonomy_is_the_category_dag(fixture_catalog) -> None:
    taxonomy = fixture_catalog.taxonomy
    assert nx.is_directed_acyclic_graph(taxonomy)
    assert sorted(taxonomy.predecessors("shared-leaf")) == ["family-a", "family-b"]
    assert set(taxonomy) == {c.id for c in fixture_catalog.categories}


def test_graph_is_built_once(fixture_catalog) -> None:
    assert fixture_catalog.graph is fixture_catalog.graph


def test_ancestors_and_descendants(fixture_catalog) -> None:
    assert fixture_catalog.ancestors("shared-leaf") == ("family-a", "family-b")
    assert fixture_catalog.descendants("family-a") == ("leaf-a1", "shared-leaf")
    assert fixture_catalog.descendants("leaf-a1") == ()


def test_paths_to_root(fixture_catalog) -> None:
    assert fixture_catalog.paths_to_root("method-two") == (
        ("family-a", "shared-leaf"),
        ("family-b", "shared-leaf"),
    )
    assert fixture_catalog.paths_to_root("alpha2019first") == (("family-a", "leaf-a1"),)
    assert fixture_catalog.paths_to_root("family-b") == (("family-b",),)
    with pytest.raises(ClSurveyError, match="no place in the taxonomy"):
        fixture_catalog.paths_to_root("forgetting")


def test_under_is_transitive(fixture_catalog) -> None:
    below = fixture_catalog.under("family-a")
    assert below.categories == ("family-a", "leaf-a1", "shared-leaf")
    assert [m.id for m in below.methods] == ["method-one", "method-three", "method-two"]
    assert [p.id for p in below.papers] == ["alpha2019first", "beta2020second", "gamma2020third"]


def test_methods_addressing(fixture_catalog) -> None:
    ids = [m.id for m in fixture_catalog.methods_addressing("plasticity")]
    assert ids == ["method-three", "method-two"]
    ids = [m.id for m in fixture_catalog.methods_addressing("plasticity", scenario="task-il")]
    assert ids == ["method-two"]


def test_neighbourhood_both_ways(fixture_catalog) -> None:
    around = fixture_catalog.neighbourhood("alpha2019first")
    assert around.built_on_by == ("beta2020second", "gamma2020third")
    assert around.surveyed_by == ("delta2021survey",)
    assert around.methods == ("method-one",)
    assert around.method_siblings == ("method-three",)
    beta = fixture_catalog.neighbourhood("beta2020second")
    assert beta.compares_to == beta.compared_to_by == ("gamma2020third",)


def test_lineage_follows_builds_on_to_the_roots(fixture_catalog) -> None:
    assert fixture_catalog.lineage("gamma2020third") == (
        ("gamma2020third", "alpha2019first"),
        ("gamma2020third", "delta2021survey"),
    )
    assert fixture_catalog.lineage("alpha2019first") == (("alpha2019first",),)


def test_gap_matrix(fixture_catalog) -> None:
    matrix = fixture_catalog.gap_matrix()
    assert matrix.leaves == ("leaf-a1", "shared-leaf")
    assert matrix.scenarios == ("class-il", "task-il")
    assert matrix.papers("leaf-a1", "task-il") == ("alpha2019first",)
    assert matrix.gaps() == ()


def test_to_dataframe(fixture_catalog) -> None:
    frame = fixture_catalog.to_dataframe()
    assert list(frame.index) == [
        "alpha2019first",
        "beta2020second",
        "delta2021survey",
        "gamma2020third",
    ]
    assert frame.loc["beta2020second", "year"] == 2020


def test_to_dataframe_without_pandas(fixture_catalog, monkeypatch) -> None:
    import builtins  # noqa: PLC0415

    real_import = builtins.__import__

    def no_pandas(name: str, *args, **kwargs):
        if name == "pandas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ClSurveyError, match=r"pip install 'cl-survey\[dataframe\]'"):
        fixture_catalog.to_dataframe()
