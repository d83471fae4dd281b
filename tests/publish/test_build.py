"""The real build: MkDocs in strict mode over the fixture catalog, read back as HTML."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from cl_survey import Catalog, load_catalog
from cl_survey._errors import ParameterError
from cl_survey.publish import MARKER, SiteBuildError, build_site

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_SUMMARY = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ config }} {% raw %}"


class _Resources(HTMLParser):
    """Every URL the browser would load on its own (scripts, styles, images, frames...)."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"}:
            self.loaded.append(values.get("src") or "")
        if tag == "link" and values.get("rel") in {"stylesheet", "preload", "icon", "manifest"}:
            self.loaded.append(values.get("href") or "")
        if tag == "a":
            self.links.append(values.get("href") or "")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory, fixture_catalog: Catalog) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    build_site(fixture_catalog, out)
    return out


def test_build_writes_every_page_and_marks_the_directory(fixture_site: Path) -> None:
    assert (fixture_site / MARKER).is_file()
    for page in [
        "index.html",
        "papers.html",
        "taxonomy.html",
        "papers/alpha2019first.html",
        "categories/shared-leaf.html",
        "methods/method-one.html",
        "gaps.html",
    ]:
        assert (fixture_site / page).is_file(), page


def test_the_site_loads_nothing_from_outside(fixture_site: Path) -> None:
    for page in fixture_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.loaded:
            assert not re.match(r"(https?:)?//", url), (page, url)
    for asset in [*fixture_site.rglob("*.css"), *fixture_site.rglob("*.html")]:
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"fonts\.googleapis", text), asset
        assert "@import url(http" not in text, asset
    # Material fetches mermaid from a CDN only for pages with a diagram: there are none.
    for page in fixture_site.rglob("*.html"):
        assert 'class="mermaid"' not in page.read_text(encoding="utf-8"), page


def test_paper_page_has_highwire_meta_and_a_bibtex_block(fixture_site: Path) -> None:
    html = (fixture_site / "papers" / "alpha2019first.html").read_text(encoding="utf-8")
    assert '<meta name="citation_title" content="The First Fictional Paper">' in html
    assert '<meta name="citation_author" content="Ada Alpha">' in html
    assert '<meta name="citation_doi" content="10.9999/fict.2019.1">' in html
    assert "@inproceedings{alpha2019first," in html
    assert 'rel="edit"' not in html  # no repository named, no edit button


def test_edit_buttons_open_the_record_yaml_in_the_named_repository(
    tmp_path: Path, fixture_catalog: Catalog
) -> None:
    out = tmp_path / "site"
    build_site(fixture_catalog, out, repo_url="https://github.com/example/catalog")
    html = (out / "papers" / "alpha2019first.html").read_text(encoding="utf-8")
    assert "https://github.com/example/catalog/edit/main/catalog/papers/alpha2019first.yaml" in html
    # ... and every page offers the repository's "Add a paper" form.
    assert "https://github.com/example/catalog/issues/new?template=add-paper.yml" in html
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "issues/new?template=add-paper.yml" in index
    # The library names its parameter; the CLI names its flag (test_cli).
    with pytest.raises(ParameterError, match=r"^repo_url 'javascript:alert\(1\)' is not an https"):
        build_site(fixture_catalog, tmp_path / "other", repo_url="javascript:alert(1)")


def test_search_index_holds_authors_venue_year_and_identifiers(fixture_site: Path) -> None:
    fragments = (fixture_site / "pagefind" / "fragment").iterdir()
    index = {
        entry["url"]: entry
        for entry in (
            json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
            for f in fragments
        )
    }
    paper = index["/papers/alpha2019first.html"]
    for expected in ["Ada Alpha", "FICT", "10.9999/fict.2019.1", "alpha2019first"]:
        assert expected in paper["content"]
    assert paper["filters"]["year"] == ["2019"]
    assert paper["filters"]["kind"] == ["Paper"]
    assert paper["meta"]["title"] == "The First Fictional Paper"
    # Every record page and the guide pages can be found; lists of other pages cannot.
    assert "/methods/method-one.html" in index
    assert "/how-to-cite.html" in index
    assert "/papers.html" not in index
    # Material's whole-site index is gone: nothing downloads every page's text.
    assert not (fixture_site / "search").exists()


def test_nav_lists_sections_not_records(fixture_site: Path) -> None:
    page = (fixture_site / "methods" / "method-one.html").read_text(encoding="utf-8")
    start = page.index('<nav class="md-nav md-nav--primary')
    nav = page[start : page.index('<div class="md-content"', start)]
    assert "Paper index" in nav
    assert "Gap matrix" in nav
    assert not re.search(r'href="[^"]*(papers|methods|categories)/[a-z0-9-]+\.html"', nav)


def hostile_copy(catalog_copy: Path) -> Catalog:
    paper = catalog_copy / "papers" / "alpha2019first.yaml"
    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    record["title"] = HOSTILE_TITLE
    record["summary"]["en"] = HOSTILE_SUMMARY
    record["authors"] = ['Ada "><script>alert(2)</script> Alpha', "Bo Beta"]
    paper.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    category = catalog_copy / "categories" / "leaf-a1.yaml"
    term = yaml.safe_load(category.read_text(encoding="utf-8"))
    term["name"] = "Leaf <b>A1</b> & co"  # reaches the tags plugin's pages too
    category.write_text(yaml.safe_dump(term, allow_unicode=True), encoding="utf-8")
    # Leaderboards, result tables and metric pages print benchmark, metric and row text.
    benchmark = catalog_copy / "benchmarks" / "split-toy-digits.yaml"
    data = yaml.safe_load(benchmark.read_text(encoding="utf-8"))
    data["name"] = "Split <script>alert(3)</script> Digits"
    benchmark.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table = catalog_copy / "results" / "alpha-table-1.yaml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["rows"][0]["label"] = "<img src=x onerror=alert(4)>"
    data["rows"][0]["variant"] = "<script>alert(5)</script>"
    data["protocol"]["notes"] = "<script>alert(6)</script>"
    table.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    metric = catalog_copy / "metrics" / "toy-accuracy.yaml"
    data = yaml.safe_load(metric.read_text(encoding="utf-8"))
    data["name"] = "Toy <script>alert(7)</script> accuracy"
    metric.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_catalog(catalog_copy)


def test_hostile_strings_show_as_text_in_the_built_html(catalog_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(hostile_copy(catalog_copy), out)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert "<b>A1" not in html, page
        assert 'href="javascript:' not in html, page
    paper = (out / "papers" / "alpha2019first.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in paper
    assert "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) {{ config }}" in paper
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - cl-survey</title>" in paper
    assert 'content="Ada &#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt; Alpha"' in paper
    assert "Leaf &lt;b&gt;A1&lt;/b&gt; &amp; co</a>" in paper


def test_a_failed_build_leaves_the_previous_site_intact(
    fixture_site: Path,
    fixture_catalog: Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    shutil.copytree(fixture_site, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def fail(_config: Path, _site_dir: Path, **_options: object) -> None:
        msg = "MkDocs could not build the site: simulated"
        raise SiteBuildError(msg)

    monkeypatch.setattr("cl_survey.publish._swap.run_mkdocs", fail)
    with pytest.raises(SiteBuildError):
        build_site(fixture_catalog, out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_directory_that_is_not_a_site_is_never_replaced(
    fixture_catalog: Catalog, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    with pytest.raises(ParameterError, match="not made by cl-survey build; choose another out_dir"):
        build_site(fixture_catalog, tmp_path)
    assert notes.read_text(encoding="utf-8") == "mine"


def test_the_site_is_never_written_into_the_catalog(catalog_copy: Path) -> None:
    catalog = load_catalog(catalog_copy)
    with pytest.raises(ParameterError, match="inside the catalog; choose another out_dir"):
        build_site(catalog, catalog_copy / "site")
    assert not (catalog_copy / "site").exists()


def test_two_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    out = tmp_path / "out"
    fixture = Path(__file__).parent.parent / "fixtures" / "catalog"
    command = [
        sys.executable,
        "-m",
        "cl_survey",
        "build",
        "--catalog",
        str(fixture),
        "--out",
        str(out),
    ]
    builds = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    for build in builds:
        _, errors = build.communicate(timeout=300)
        assert build.returncode == 0, errors.decode()
    assert (out / MARKER).is_file()
    assert (out / "papers" / "alpha2019first.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_build_command_reports_its_steps_and_pages_as_plain_lines_off_a_terminal(
    run_cli, tmp_path: Path
) -> None:
    fixture = Path(__file__).parent.parent / "fixtures" / "catalog"
    result = run_cli("build", "--catalog", str(fixture), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "cl-survey: loading the catalog"
    assert "cl-survey: indexing the site for search" in lines
    done = [line for line in lines if "(100%)" in line]
    assert len(done) == 1
    assert done[0].startswith("cl-survey: pages ")
    assert result.stdout.startswith("built ")


def test_build_command_reports_every_catalog_error_and_keeps_the_old_site(
    run_cli,
    catalog_copy: Path,
    fixture_site: Path,
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    shutil.copytree(fixture_site, out)
    (catalog_copy / "papers" / "beta2020second.yaml").write_text(
        "id: beta2020second\ntitle: [\n", encoding="utf-8"
    )
    (catalog_copy / "methods" / "method-one.yaml").write_text(
        "id: method-one\nname: M\n", encoding="utf-8"
    )
    result = run_cli("build", "--catalog", str(catalog_copy), "--out", str(out))
    assert result.exit_code == 1
    assert "papers/beta2020second.yaml:" in result.stderr
    assert "methods/method-one.yaml:" in result.stderr
    assert "the site was not built" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "papers" / "alpha2019first.html").is_file()


pytestmark = pytest.mark.slow  # builds a site


def test_every_link_inside_the_site_resolves(fixture_site: Path) -> None:
    broken = []
    for page in fixture_site.rglob("*.html"):
        if page.name == "404.html":  # served for any path, so it links from the site root
            continue
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:xlink:)?href="([^"#?]+)[^"]*"', html):
            if re.match(r"[a-z]+:|//", target):
                continue
            if not (page.parent / target).resolve().exists():
                broken.append((page.relative_to(fixture_site).as_posix(), target))
    assert broken == []


def test_a_killed_builds_leftovers_go_with_the_next_build_but_a_running_ones_stay(
    fixture_catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    stale = tmp_path / ".site.new-killed"
    (stale / "papers").mkdir(parents=True)
    (stale / "papers" / "half.html").write_text("<html>", encoding="utf-8")
    running = tmp_path / ".site.new-running"
    running.mkdir()
    # A build still running holds the lock on its directory (flock, as build_and_swap does).
    descriptor = os.open(running, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        build_site(fixture_catalog, out)
        assert not stale.exists()
        assert running.is_dir()
    finally:
        os.close(descriptor)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new-running", "site"]


def test_a_build_killed_midway_leaves_nothing_the_next_build_keeps(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "catalog"
    out = tmp_path / "site"
    command = [sys.executable, "-m", "cl_survey", "build", "--catalog", str(fixture)]
    command += ["--out", str(out)]
    for delay in (1.0, 2.0, 3.0):
        build = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )  # our own CLI
        time.sleep(delay)
        build.kill()
        build.wait()
    finished = subprocess.run(command, capture_output=True, check=False)  # our own CLI
    assert finished.returncode == 0, finished.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
