"""Time every step from record files to site on synthetic catalogs of N papers, in one run.

    python -m benchmarks.run --sizes 100 1000 10000 [--kinds synthetic copies] [--json]
                             [--site-max 1000] [--repeat 3] [--browser-max 10000]

Each figure is the best of `--repeat` runs (the least disturbed by other work on the machine)
and is shown as a ratio to its baseline measured in the same run:

    reading the bytes, cold/warm load, graph, pages   vs  libyaml parse (the floor)
    facet and text query (median of many calls)       vs  the 1 ms target
    cl-survey build                                    vs  bare `mkdocs build` of the same pages,
                                                           then Pagefind over the same search
                                                           documents (the same work, done by hand)
    serve's rebuild after a one-paper edit             vs  serve's first (full) build
    (a keyword, shown on the paper's own page only;
    a title, shown on every page that lists the paper)

Two kinds of catalog (benchmarks.synthetic): `synthetic` papers with made-up methods,
relations and result tables, and `copies` of the bundled papers with new identifiers only.
On the built site (up to `--browser-max` papers): the search bundle and the largest page on
disk, and in Chromium the first search result after typing (seconds, bytes downloaded) and
the paper index until its filters answer (benchmarks.browser); these have no baseline.

Peak memory: Python allocations traced by tracemalloc in a separate, untimed run of the same
step (in-process steps), or the peak resident size of the child process (the two builds).
Page generation and the builds run only up to `--site-max` papers; larger sizes are listed as
skipped, with the reason.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from benchmarks.browser import browser_missing, measure_in_browser, site_sizes
from benchmarks.synthetic import KINDS, write_synthetic_catalog
from cl_survey import Catalog, load_catalog
from cl_survey.catalog._graph import build_graph
from cl_survey.records._cache import forget_kept_records

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["SizeResult", "Step", "main", "measure_size"]

FLOOR = "libyaml parse"
# What `cl-survey build` does, done by hand: MkDocs over pages written first, then Pagefind
# over the search documents written first.
INDEXED_BASELINE = "bare mkdocs build + pagefind"
QUERY_TARGET_SECONDS = 0.001
FACET_CALLS = 500
TEXT_CALLS = 50
PAGE_GROWTH_LIMIT = 1.1
MILLISECONDS_BELOW = 0.01  # seconds; shorter times are shown in ms
TARGETS = {
    "cold load": ("<=", 1.3),
    "warm load": ("<=", 0.15),
    "facet query": ("<", 1.0),
    "cl-survey build": ("<=", 1.1),
}
# Targets in the browser, judged at the largest size measured (README: Performance).
BROWSER_TARGETS = {
    "first search result": ("first_result_seconds", 0.5, "s"),
    "search download": ("search_bytes", 2**20, "bytes"),
    "paper index interactive": ("papers_ready_seconds", 1.0, "s"),
    "largest page": ("largest_page_bytes", 2**20, "bytes"),
}


@dataclass(frozen=True, slots=True)
class Step:
    """One measured step: its time, its baseline and its peak memory."""

    name: str
    seconds: float
    baseline: str
    ratio: float
    peak_bytes: int | None = None
    peak_kind: str | None = None  # "python heap" (tracemalloc) or "rss" (child process)


@dataclass(slots=True)
class SizeResult:
    papers: int
    kind: str
    files: int
    catalog_bytes: int
    steps: list[Step] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    paper_page_bytes: float | None = None
    serve_pages: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """After each kind of one-paper edit: pages generated again, pages whose text changed,
    all pages."""
    site: dict[str, Any] | None = None
    """The built site: search bundle and largest page sizes, and what Chromium measured."""

    def step(self, name: str) -> Step | None:
        return next((step for step in self.steps if step.name == name), None)


def _best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
        del result
    return min(times)


def _heap_peak(action: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak


def _median_call(action: Callable[[], object], calls: int) -> float:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class _Measure:
    """The steps of one size, sharing a synthetic catalog and a private cache directory."""

    def __init__(self, root: Path, work: Path, papers: int, kind: str, repeat: int) -> None:
        self.root = root
        self.work = work
        self.repeat = repeat
        self.files = sorted(root.glob("*/*.yaml"))
        self.result = SizeResult(
            papers=papers,
            kind=kind,
            files=len(self.files),
            catalog_bytes=sum(path.stat().st_size for path in self.files),
        )
        self.floor_seconds = 0.0
        self.floor_peak = 0
        self.caches = 0

    def fresh_cache(self) -> None:
        self.caches += 1
        os.environ["CL_SURVEY_CACHE_DIR"] = str(self.work / f"cache-{self.caches}")
        os.environ.pop("CL_SURVEY_NO_CACHE", None)

    def add(
        self,
        name: str,
        seconds: float,
        *,
        baseline: str = FLOOR,
        baseline_seconds: float | None = None,
        peak: int | None = None,
        peak_kind: str = "python heap",
    ) -> None:
        reference = self.floor_seconds if baseline_seconds is None else baseline_seconds
        self.result.steps.append(
            Step(
                name=name,
                seconds=seconds,
                baseline=baseline,
                ratio=seconds / reference if reference else float("nan"),
                peak_bytes=peak,
                peak_kind=peak_kind if peak is not None else None,
            )
        )

    def read_and_parse(self) -> None:
        def read() -> list[bytes]:
            return [path.read_bytes() for path in self.files]

        def parse() -> list[Any]:
            return [
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) for path in self.files
            ]  # CSafeLoader is the safe loader

        # Interleaved with the loads below would be fairer still; best-of-N is close enough.
        self.floor_seconds = _best(parse, self.repeat)
        self.floor_peak = _heap_peak(parse)
        self.add(FLOOR, self.floor_seconds, peak=self.floor_peak)
        self.add("read bytes", _best(read, self.repeat), peak=_heap_peak(read))

    def loads(self) -> Catalog:
        def cold() -> Catalog:
            self.fresh_cache()
            return load_catalog(self.root)

        def uncached() -> Catalog:
            os.environ["CL_SURVEY_NO_CACHE"] = "1"
            try:
                return load_catalog(self.root)
            finally:
                del os.environ["CL_SURVEY_NO_CACHE"]

        self.add("cold load", _best(cold, self.repeat), peak=_heap_peak(cold))
        self.add("cold load, cache off", _best(uncached, self.repeat), peak=_heap_peak(uncached))
        self.fresh_cache()
        load_catalog(self.root)

        def warm() -> Catalog:
            # As a new process loads it: the records this process wrote are not reused.
            forget_kept_records()
            return load_catalog(self.root)

        def again() -> Catalog:
            return load_catalog(self.root)

        self.add("warm load", _best(warm, self.repeat), peak=_heap_peak(warm))
        # What `cl-survey serve` does after each edit: the same process loads it again.
        load_catalog(self.root)
        self.add("warm load, same process", _best(again, self.repeat), peak=_heap_peak(again))
        return warm()

    def graph_and_queries(self, catalog: Catalog) -> None:
        self.add(
            "graph build",
            _best(lambda: build_graph(catalog), self.repeat),
            peak=_heap_peak(lambda: build_graph(catalog)),
        )
        family = next(c.id for c in catalog.categories if not c.parents)
        scenario = catalog.scenarios[0].id

        def facet() -> object:
            return catalog.query(category=family, scenario=scenario)

        def text() -> object:
            return catalog.query(text="replay buffer")

        started = time.perf_counter()
        facet()  # builds the facet index once
        index_seconds = time.perf_counter() - started
        # Built outright: a query would take the index just built (see catalog._last).
        untouched = load_catalog(self.root)
        index_peak = _heap_peak(untouched._make_facet_index)  # noqa: SLF001
        self.add("facet index (first query)", index_seconds, peak=index_peak)
        for name, action, calls in (
            ("facet query", facet, FACET_CALLS),
            ("text query", text, TEXT_CALLS),
        ):
            action()  # the text index is built on first use, like the facet index
            self.add(
                name,
                _median_call(action, calls),
                baseline="1 ms target",
                baseline_seconds=QUERY_TARGET_SECONDS,
                peak=_heap_peak(action),
            )

    def site(self, catalog: Catalog) -> None:
        from pagefind_bin_extended import get_executable as pagefind_executable  # noqa: PLC0415

        from cl_survey.publish import stage_project, write_page_files  # noqa: PLC0415
        from cl_survey.publish._search_index import SEARCH_BUNDLE, guide_documents  # noqa: PLC0415
        from cl_survey.render import render_pages, search_documents  # noqa: PLC0415

        started = time.perf_counter()
        pages = render_pages(catalog)
        seconds = time.perf_counter() - started
        untouched = load_catalog(self.root)  # whose graph and indexes are not built yet
        self.add("page generation", seconds, peak=_heap_peak(lambda: render_pages(untouched)))
        paper_pages = [
            len(text.encode()) for path, text in pages.items() if path.startswith("papers/")
        ]
        self.result.paper_page_bytes = statistics.mean(paper_pages)
        staging = self.work / "bare-site"
        stage_project(staging, None)  # as the build stages it
        write_page_files(pages.items(), staging / "docs")
        del pages
        search = self.work / "bare-search"
        write_page_files(search_documents(catalog), search)
        pagefind_command = [
            str(pagefind_executable()),
            "--site",
            str(search),
            "--output-path",
            str(self.work / "bare-out" / SEARCH_BUNDLE),
            "--quiet",
        ]
        bare_command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "-f",
            str(staging / "mkdocs.yml"),
            "-d",
            str(self.work / "bare-out"),
        ]
        build_command = [
            sys.executable,
            "-m",
            "cl_survey",
            "build",
            "--catalog",
            str(self.root),
            "--out",
            str(self.work / "site-out"),
        ]
        # Alternated, best of `repeat` each: a build takes minutes at 10,000 papers and this
        # machine's speed drifts over minutes, so the two must share the same stretch of time.
        bare_runs: list[tuple[float, int]] = []
        indexed_runs: list[tuple[float, int]] = []
        build_runs: list[tuple[float, int]] = []
        for _ in range(self.repeat):
            bare = _child(bare_command)
            if not indexed_runs:  # the guide pages are indexed from their built HTML
                write_page_files(guide_documents(self.work / "bare-out").items(), search)
            pagefind = _child(pagefind_command)
            bare_runs.append(bare)
            indexed_runs.append((bare[0] + pagefind[0], max(bare[1], pagefind[1])))
            build_runs.append(_child(build_command))
        bare_seconds = min(seconds for seconds, _ in bare_runs)
        indexed_seconds = min(seconds for seconds, _ in indexed_runs)
        for name, runs, baseline, baseline_seconds in (
            ("bare mkdocs build", bare_runs, "bare mkdocs build", bare_seconds),
            (INDEXED_BASELINE, indexed_runs, INDEXED_BASELINE, indexed_seconds),
            ("cl-survey build", build_runs, INDEXED_BASELINE, indexed_seconds),
        ):
            self.add(
                name,
                min(seconds for seconds, _ in runs),
                baseline=baseline,
                baseline_seconds=baseline_seconds,
                peak=max(rss for _, rss in runs),
                peak_kind="rss",
            )

    def browser(self, *, measure: bool) -> None:
        """The site `site` built: sizes on disk, and (when `measure`) what Chromium shows."""
        built = self.work / "site-out"
        sizes = site_sizes(built)
        figures: dict[str, Any] = {
            "search_bundle_bytes": sizes.search_bundle_bytes,
            "largest_page_bytes": sizes.largest_page_bytes,
            "largest_page": sizes.largest_page,
        }
        missing = browser_missing()
        if not measure:
            self.result.skipped.append("Chromium: above --browser-max")
        elif missing is not None:
            self.result.skipped.append(f"Chromium: {missing}")
        else:
            figures.update(asdict(measure_in_browser(built, self.repeat)))
        self.result.site = figures

    def serve_edit(self) -> None:
        """A serve session: its first (full) build, then its rebuild after a one-paper edit of
        each of two kinds: a keyword (shown on the paper's own page only) and the title (shown
        on every page that lists the paper, the overviews included).

        Run last: it edits the catalog (one paper, once per repeat and kind).
        """
        from cl_survey.publish import LiveSite  # noqa: PLC0415

        live = LiveSite(self.work / "serve")
        started = time.perf_counter()
        live.rebuild(load_catalog(self.root))
        first = time.perf_counter() - started
        paper = next(
            path
            for path in sorted((self.root / "papers").glob("*.yaml"))
            if "\nkeywords:\n" in (text := path.read_text(encoding="utf-8"))
            and _PLAIN_TITLE.search(text)
        )
        edits: dict[str, Callable[[str, int], str]] = {
            "keywords": lambda text, attempt: text.replace(
                "\nkeywords:\n", f"\nkeywords:\n- benchmark edit {attempt}\n", 1
            ),
            "title": lambda text, attempt: _PLAIN_TITLE.sub(
                rf"\g<0> (benchmark edit {attempt})", text, count=1
            ),
        }
        baseline = "serve: first build"
        self.add(baseline, first, baseline=baseline, baseline_seconds=first)
        for name, edit in edits.items():
            best = search = float("inf")
            for attempt in range(self.repeat):
                text = paper.read_text(encoding="utf-8")
                paper.write_text(edit(text, attempt), encoding="utf-8")
                started = time.perf_counter()
                update = live.rebuild(load_catalog(self.root))
                best = min(best, time.perf_counter() - started)
                started = time.perf_counter()
                live.wait_for_search()  # in the background: counted apart, after the edit
                search = min(search, time.perf_counter() - started)
                self.result.serve_pages[name] = (
                    update.pages_generated,
                    update.pages_written,
                    update.pages_total,
                )
                if update.full:
                    msg = f"a {name} edit fell back to a full build: the measurement is void"
                    raise RuntimeError(msg)
            self.add(
                f"serve: one-paper edit, {name}", best, baseline=baseline, baseline_seconds=first
            )
            self.add(
                f"serve: search index after the {name} edit",
                search,
                baseline=baseline,
                baseline_seconds=first,
            )
        live.close()


# A title written as a plain one-line scalar, which a suffix keeps valid.
_PLAIN_TITLE = re.compile(r"^title: [A-Za-z][^'\"\n#:]*$", re.MULTILINE)


def _child(command: Sequence[str]) -> tuple[float, int]:
    """Wall time and peak resident bytes of one child process (which must succeed)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603  # our own interpreter and arguments
    errors = process.stderr.read() if process.stderr is not None else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        msg = f"{' '.join(command[:4])} failed ({process.returncode}):\n{errors.decode()}"
        raise RuntimeError(msg)
    return seconds, usage.ru_maxrss * 1024  # Linux reports kilobytes


def measure_size(
    papers: int, *, kind: str = "synthetic", repeat: int, site_max: int, browser_max: int
) -> SizeResult:
    """Generate a catalog of `papers` papers of `kind` and measure every step on it."""
    with tempfile.TemporaryDirectory(prefix=f"cl-survey-bench-{papers}-") as name:
        work = Path(name)
        saved = {key: os.environ.get(key) for key in ("CL_SURVEY_CACHE_DIR", "CL_SURVEY_NO_CACHE")}
        try:
            write_synthetic_catalog(work / "catalog", papers, kind=kind)
            measure = _Measure(work / "catalog", work, papers, kind, repeat)
            measure.read_and_parse()
            catalog = measure.loads()
            measure.graph_and_queries(catalog)
            if papers <= site_max:
                measure.site(catalog)
                measure.browser(measure=papers <= browser_max)
                measure.serve_edit()
            else:
                measure.result.skipped.append(
                    f"page generation, both builds and the browser: {papers:,} papers is above "
                    f"--site-max {site_max:,} (see README: Performance)"
                )
            return measure.result
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def machine() -> dict[str, Any]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "libyaml": yaml.__with_libyaml__ and getattr(yaml, "_yaml", None) is not None,
        "versions": {
            package: version(package)
            for package in (
                "cl-survey",
                "PyYAML",
                "pydantic",
                "orjson",
                "networkx",
                "mkdocs",
                "mkdocs-material",
            )
        },
    }


def verdicts(results: Sequence[SizeResult]) -> list[dict[str, Any]]:
    """Each target, judged at the largest size where it was measured."""
    found: list[dict[str, Any]] = []
    for name, (comparison, limit) in TARGETS.items():
        measured = [r for r in results if r.step(name) is not None]
        if not measured:
            found.append({"target": name, "met": None, "note": "not measured"})
            continue
        for kind in dict.fromkeys(r.kind for r in measured):
            largest = max((r for r in measured if r.kind == kind), key=lambda r: r.papers)
            found.append(_verdict(name, comparison, limit, largest))
    for name, (key, limit, unit) in BROWSER_TARGETS.items():
        judged = [r for r in results if r.site is not None and key in r.site]
        for kind in dict.fromkeys(r.kind for r in judged):
            largest = max((r for r in judged if r.kind == kind), key=lambda r: r.papers)
            value = largest.site[key]  # type: ignore[index]
            shown = f"{value / 2**20:.2f} MB" if unit == "bytes" else f"{value:.3f} s"
            limit_shown = f"{limit / 2**20:g} MB" if unit == "bytes" else f"{limit} s"
            found.append(
                {
                    "target": f"{name} <= {limit_shown}",
                    "papers": largest.papers,
                    "kind": kind,
                    "measured": shown,
                    "met": value <= limit,
                }
            )
    for kind in dict.fromkeys(r.kind for r in results):
        found += _page_growth([r for r in results if r.kind == kind])
    return found


def _page_growth(results: Sequence[SizeResult]) -> list[dict[str, Any]]:
    """Whether a paper's page grows with the catalog (one kind of catalog, sizes ascending)."""
    found: list[dict[str, Any]] = []
    pages = [r for r in results if r.paper_page_bytes is not None]
    if len(pages) > 1:
        smallest, largest = pages[0], pages[-1]
        growth = largest.paper_page_bytes / smallest.paper_page_bytes  # type: ignore[operator]
        found.append(
            {
                "target": "paper page size independent of N (within 10%)",
                "papers": largest.papers,
                "kind": largest.kind,
                "measured": round(growth, 3),
                "met": growth <= PAGE_GROWTH_LIMIT,
            }
        )
    return found


def _verdict(name: str, comparison: str, limit: float, largest: SizeResult) -> dict[str, Any]:
    step = largest.step(name) or Step(name, float("nan"), "", float("nan"))
    value = step.seconds * 1000 if name == "facet query" else step.ratio
    met = value < limit if comparison == "<" else value <= limit
    unit = " ms" if name == "facet query" else "x"
    return {
        "target": f"{name} {comparison} {limit}{unit}",
        "papers": largest.papers,
        "kind": largest.kind,
        "measured": round(value, 3),
        "met": met,
    }


def _size(value: int | None, kind: str | None) -> str:
    if value is None:
        return ""
    return f"{value / 2**20:,.1f} MB {'heap' if kind == 'python heap' else 'RSS'}"


def _time(seconds: float) -> str:
    if seconds < MILLISECONDS_BELOW:
        return f"{seconds * 1000:.3f} ms"
    return f"{seconds:.2f} s"


def _site_rows(site: dict[str, Any] | None) -> list[str]:
    if site is None:
        return []
    largest = f"{site['largest_page_bytes'] / 2**10:,.0f} KB ({site['largest_page']})"
    figures = [
        ("search bundle on disk", f"{site['search_bundle_bytes'] / 2**20:.1f} MB"),
        ("largest page", largest),
    ]
    if "first_result_seconds" in site:
        papers = f"{site['papers_ready_seconds']:.3f} s ({site['papers_bytes'] / 2**10:,.0f} KB)"
        figures += [
            (
                "Chromium: first search result after the last key",
                f"{site['first_result_seconds']:.3f} s",
            ),
            ("Chromium: downloaded for that search", f"{site['search_bytes'] / 2**10:,.0f} KB"),
            ("Chromium: paper index until its filters answer", papers),
            ("Chromium: a filter's answer", f"{site['papers_filter_seconds']:.3f} s"),
        ]
    return [f"| | {name} | {value} | | | | |" for name, value in figures]


def table(results: Sequence[SizeResult]) -> str:
    """A Markdown table of every step at every size, then the skipped steps and the targets."""
    lines = [
        "| papers (files) | step | time | ratio | baseline | peak memory | memory ratio |",
        "|---|---|---:|---:|---|---:|---:|",
    ]
    for result in results:
        floor = result.step(FLOOR)
        floor_peak = floor.peak_bytes if floor is not None else None
        label = f"{result.papers:,} {result.kind} ({result.files:,})"
        for step in result.steps:
            memory_ratio = ""
            if step.peak_kind == "python heap" and step.peak_bytes and floor_peak:
                memory_ratio = f"{step.peak_bytes / floor_peak:.2f}x"
            elif step.name == "cl-survey build":
                bare = result.step(INDEXED_BASELINE)
                if bare is not None and bare.peak_bytes and step.peak_bytes:
                    memory_ratio = f"{step.peak_bytes / bare.peak_bytes:.2f}x"
            lines.append(
                f"| {label} | {step.name} | {_time(step.seconds)} | {step.ratio:.3f}x | "
                f"{step.baseline} | {_size(step.peak_bytes, step.peak_kind)} | {memory_ratio} |"
            )
            label = ""
        if result.paper_page_bytes is not None:
            lines.append(f"| | mean paper page | {result.paper_page_bytes:,.0f} bytes | | | | |")
        for name, (generated, changed, total) in result.serve_pages.items():
            lines.append(
                f"| | serve {name} edit: pages generated again (changed) | "
                f"{generated:,} of {total:,} ({changed:,}) | | | | |"
            )
        lines += _site_rows(result.site)
    notes = [f"- skipped at {r.papers:,}: {reason}" for r in results for reason in r.skipped]
    marks = {True: "met", False: "NOT met", None: "not measured"}
    verdict_lines = [
        f"- {v['target']}: {marks[v['met']]}"
        + (f" ({v['measured']} at {v['papers']:,} {v['kind']})" if "measured" in v else "")
        for v in verdicts(results)
    ]
    return "\n".join([*lines, "", *notes, *verdict_lines])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best counts")
    parser.add_argument(
        "--browser-max",
        type=int,
        default=10000,
        help="largest size at which the built site is measured in Chromium (default 10000)",
    )
    parser.add_argument(
        "--site-max",
        type=int,
        default=1000,
        help="largest size at which pages and builds are measured (default 1000)",
    )
    arguments = parser.parse_args(argv)
    results = []
    for kind in arguments.kinds:
        for papers in sorted(arguments.sizes):
            print(f"measuring {papers:,} papers ({kind})...", file=sys.stderr, flush=True)  # noqa: T201
            results.append(
                measure_size(
                    papers,
                    kind=kind,
                    repeat=arguments.repeat,
                    site_max=arguments.site_max,
                    browser_max=arguments.browser_max,
                )
            )
    if arguments.json:
        document = {
            "machine": machine(),
            "sizes": [asdict(result) for result in results],
            "targets": verdicts(results),
        }
        print(json.dumps(document, indent=2))  # noqa: T201
    else:
        info = machine()
        print(  # noqa: T201
            f"{info['date']}, {info['cpus']} CPUs, Python {info['python']}, "
            + ", ".join(f"{k} {v}" for k, v in info["versions"].items())
        )
        print(table(results))  # noqa: T201


if __name__ == "__main__":
    main()
