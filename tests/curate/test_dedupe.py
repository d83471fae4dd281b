"""`cl-survey dedupe`: likely duplicates reported with their evidence and location."""

from __future__ import annotations

from pathlib import Path

from cl_survey.curate._dedupe import DEFAULT_THRESHOLD, PaperFacts, find_duplicates, normalize_title

BUNDLED = Path(__file__).parent.parent.parent / "catalog"


def _write_copy_of_alpha(catalog: Path, record_id: str, replacements: dict[str, str]) -> Path:
    text = (catalog / "papers" / "alpha2019first.yaml").read_text(encoding="utf-8")
    text = text.replace("alpha2019first", record_id)
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    path = catalog / "papers" / f"{record_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixture_catalog_has_no_duplicates(run_cli, catalog_copy):
    result = run_cli("dedupe", str(catalog_copy))

    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 likely duplicate pairs among 4 papers" in result.stderr


def test_same_doi_and_arxiv_and_title_are_all_given_as_evidence(run_cli, catalog_copy):
    copy = _write_copy_of_alpha(catalog_copy, "alpha2019twice", {})

    result = run_cli("dedupe", str(catalog_copy))

    assert result.exit_code == 1
    # The later file (in file order) is the one reported, at the first piece of evidence.
    assert result.stdout == (
        f"{copy}:6:20: alpha2019twice looks like alpha2019first "
        f"({catalog_copy / 'papers' / 'alpha2019first.yaml'}): same DOI 10.9999/fict.2019.1; "
        "same arXiv id 1901.00001; title similarity 100/100\n"
    )


def test_a_retitled_copy_is_found_by_title_similarity_with_its_score(run_cli, catalog_copy):
    identifiers = "identifiers: {doi: 10.9999/fict.2019.1, arxiv: '1901.00001'}\n"
    copy = _write_copy_of_alpha(
        catalog_copy,
        "alpha2019retyped",
        {"The First Fictional Paper": "The First Fictonal Paper", identifiers: ""},
    )

    result = run_cli("dedupe", str(catalog_copy))
    strict = run_cli("dedupe", "--threshold", "99", str(catalog_copy))

    assert result.exit_code == 1
    assert f"{copy}:2:8: alpha2019retyped looks like alpha2019first" in result.stdout
    assert "title similarity 98/100" in result.stdout
    assert strict.exit_code == 0


def test_titles_compare_without_case_accents_or_punctuation():
    assert normalize_title("Über-Learning: A  Study!") == normalize_title("uber learning a study")


def test_distinct_papers_with_look_alike_titles_stay_below_the_threshold():
    papers = [
        PaperFacts("gem", "a", "Gradient Episodic Memory for Continual Learning", None, None),
        PaperFacts("gpm", "b", "Gradient Projection Memory for Continual Learning", None, None),
        PaperFacts("three", "c", "Three scenarios for continual learning", None, None),
        PaperFacts("types", "d", "Three types of incremental learning", None, None),
    ]

    assert find_duplicates(papers, DEFAULT_THRESHOLD) == []


def test_the_bundled_catalog_has_no_duplicates(run_cli):
    result = run_cli("dedupe", str(BUNDLED))

    assert result.exit_code == 0, result.stdout
