"""The results section: where the numbers are, which are comparable, and where each comes from.

    results.md                          benchmarks with results, and their protocols
    leaderboards/<benchmark>.md         one benchmark's protocols
    leaderboards/<benchmark>/<key>.md   one protocol's leaderboard: a sortable, filterable
                                        table, a chart of value against year, paper-native
                                        against reproduced numbers, and close protocols
    results/<table>.md                  one transcribed table as its source printed it

A leaderboard holds only rows whose protocol key is the same; keys that differ in one field are
linked from it, naming the field, and never merged into it.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING

from cl_survey.render._context import page_meta
from cl_survey.render._html import (
    Markup,
    external_link,
    html,
    html_block,
    join,
    markdown_page,
    table,
    text,
)
from cl_survey.render._svg import scatter_chart
from cl_survey.render._urls import (
    INDEX_OF,
    href,
    leaderboard_path,
    leaderboards_path,
    page_path,
)

if TYPE_CHECKING:
    from cl_survey.catalog import Catalog, Leaderboard, ProtocolKey, ResultEntry
    from cl_survey.records import ResultTable
    from cl_survey.render._context import Context

__all__ = [
    "render_result_table",
    "render_results",
    "result_pages",
    "results_of_method",
    "tables_of_paper",
]

RESULTS = INDEX_OF["result"]
_KEY_FIELDS = (
    ("scenario", "Scenario"),
    ("split", "Split"),
    ("memory", "Memory"),
    ("backbone", "Backbone family"),
    ("pretraining", "Pre-training"),
)


def result_pages(catalog: Catalog) -> tuple[str, ...]:
    """Every page `render_results` writes, without rendering (for the page plan)."""
    boards = catalog.leaderboards
    benchmarks = sorted({board.key.benchmark for board in boards})
    return (
        RESULTS,
        *(leaderboards_path(b) for b in benchmarks),
        *(leaderboard_path(board.key.benchmark, board.key.slug) for board in boards),
    )


def render_results(context: Context) -> dict[str, str]:
    boards = context.view.leaderboards
    by_benchmark: dict[str, list[Leaderboard]] = defaultdict(list)
    for board in boards:
        by_benchmark[board.key.benchmark].append(board)
    pages = {RESULTS: _overview(context, by_benchmark)}
    for benchmark, group in sorted(by_benchmark.items()):
        pages[leaderboards_path(benchmark)] = _benchmark_page(context, benchmark, group)
        for board in group:
            path = leaderboard_path(benchmark, board.key.slug)
            # One part per board: an edit re-renders only the boards it shows up in.
            pages[path] = context.part(path, partial(_leaderboard, context, board))
    return pages


def _overview(context: Context, by_benchmark: dict[str, list[Leaderboard]]) -> str:
    tables = context.view.result_tables
    rows = [
        [
            context.ref(RESULTS, benchmark, text(context.name(benchmark))),
            html(
                "{}",
                _link(RESULTS, leaderboards_path(benchmark), _count(len(group), "protocol")),
            ),
            str(sum(len(board.entries) for board in group)),
            str(len({t for board in group for t in board.tables})),
        ]
        for benchmark, group in sorted(by_benchmark.items())
    ]
    intro = html(
        "<h1>Results</h1><p>{} values from {} transcribed tables. A number is compared only "
        "with numbers under the same protocol: benchmark, scenario, split, memory, backbone "
        "family and pre-training. A field the source does not state is <em>unknown</em> and "
        "matches only unknown. Every value links to the table it was read from.</p>",
        sum(len(board.entries) for group in by_benchmark.values() for board in group),
        len(tables),
    )
    body = join([intro, table(["Benchmark", "Leaderboards", "Values", "Tables"], rows)])
    return markdown_page({"title": "Results", "hide": ["toc"]}, [html_block(body)])


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _benchmark_page(context: Context, benchmark: str, boards: list[Leaderboard]) -> str:
    page = leaderboards_path(benchmark)
    rows = [
        [
            _link(page, leaderboard_path(benchmark, board.key.slug), _key_text(board.key)),
            text(", ".join(context.name(m) for m in board.metrics)),
            str(len({(e.table, e.who, e.variant) for e in board.entries})),
            str(len(board.tables)),
        ]
        for board in boards
    ]
    name = context.name(benchmark)
    intro = html(
        "<h1>Results on {}</h1><p>{}. {}</p>",
        text(name),
        _count(len(boards), "protocol"),
        context.ref(page, benchmark, text(f"About {name}")),
    )
    body = join([intro, table(["Protocol", "Metrics", "Rows", "Tables"], rows)])
    # Material prints the title unescaped, and benchmark names are catalog text.
    meta = {"title": str(text(f"Results on {name}")), "hide": ["toc"]}
    return markdown_page(meta, [html_block(body)])


def _key_text(key: ProtocolKey) -> str:
    return ", ".join(f"{label.lower()} {getattr(key, field)}" for field, label in _KEY_FIELDS)


def _link(from_page: str, to_page: str, label: Markup | str) -> Markup:
    return html('<a href="{}">{}</a>', href(from_page, to_page), label)


def _leaderboard(context: Context, board: Leaderboard) -> str:
    context.view.board_sources(board)
    key = board.key
    page = leaderboard_path(key.benchmark, key.slug)
    name = context.name(key.benchmark)
    protocol = html(
        '<dl class="cls-protocol">{}</dl>',
        join(
            html("<dt>{}</dt><dd>{}</dd>", label, getattr(key, field))
            for field, label in _KEY_FIELDS
        ),
    )
    sections = [
        html_block(
            join(
                [
                    html("<h1>Leaderboard: {}</h1>", text(name)),
                    protocol,
                    html(
                        "<p>Rows transcribed from {}. Click a column heading to sort; "
                        "the filters narrow the rows. A dash is a value the table does not "
                        "give.</p>",
                        _count(len(board.tables), "table"),
                    ),
                ]
            )
        ),
        html_block(_filters(context, board)),
        html_block(_board_table(context, page, board)),
    ]
    chart = _chart(context, page, board)
    if chart is not None:
        sections += ["## Value against year", html_block(chart)]
    gaps = board.gaps()
    if gaps:
        sections += ["## Paper-native against reproduced", html_block(_gaps(context, page, gaps))]
    if board.close:
        sections += ["## Close protocols", html_block(_close(page, board))]
    title = f"Leaderboard: {name}, {_key_text(key)}"
    meta = {"title": str(text(title)), "hide": ["navigation"]}
    return markdown_page(meta, sections)


def _rows(board: Leaderboard) -> list[list[ResultEntry]]:
    """The entries of one leaderboard grouped into table rows (one per source row)."""
    grouped: dict[tuple[object, ...], list[ResultEntry]] = {}
    for entry in board.entries:
        who = (entry.table, entry.who, entry.variant, entry.provenance)
        grouped.setdefault(who, []).append(entry)
    return list(grouped.values())


def _filters(context: Context, board: Leaderboard) -> Markup:
    facets = [
        ("provenance", "Provenance", sorted({e.provenance.value for e in board.entries})),
        ("backbone", "Backbone", sorted({_backbone(context, e.table) for e in board.entries})),
        (
            "pretraining",
            "Pre-training",
            sorted({_pretraining(context, e.table) for e in board.entries}),
        ),
        ("table", "Table", list(board.tables)),
    ]
    selects = join(
        html(
            '<label>{}<select data-facet="{}"><option value="">Any</option>{}</select></label>',
            label,
            facet,
            join(html('<option value="{0}">{1}</option>', _token(v), v) for v in values),
        )
        for facet, label, values in facets
    )
    return html(
        '<form class="cls-filters" data-table="{}" data-noun="rows" hidden>{}'
        '<p class="cls-count" aria-live="polite"></p></form>',
        _table_id(board),
        selects,
    )


def _backbone(context: Context, table_id: str) -> str:
    return context.view.result_table(table_id).protocol.backbone or "unknown"


def _pretraining(context: Context, table_id: str) -> str:
    pretraining = context.view.result_table(table_id).protocol.pretraining
    return pretraining.weights if pretraining is not None else "unknown"


def _token(value: str) -> str:
    """A filter value as one word (the script matches rows' space-separated attributes)."""
    return "_".join(value.casefold().split())


def _table_id(board: Leaderboard) -> str:
    return f"cls-board-{board.key.slug}"


def _board_table(context: Context, page: str, board: Leaderboard) -> Markup:
    metrics = board.metrics
    heads = ["Method", "Family", *(context.name(m) for m in metrics)]
    heads += ["Provenance", "Source", "Year"]
    header = join(
        html(
            '<th scope="col" aria-sort="none"><button type="button" class="cls-sort" '
            'data-column="{}">{}</button></th>',
            index,
            head,
        )
        for index, head in enumerate(heads)
    )
    body = join(_board_row(context, page, group, metrics) for group in _rows(board))
    return html(
        '<div class="cls-scroll"><table id="{}" class="cls-sortable"><caption>{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>"
        '<p class="cls-no-match" hidden>No row matches the filters.</p>',
        _table_id(board),
        "Rows under this protocol; sortable by every column",
        header,
        body,
    )


def _board_row(
    context: Context, page: str, group: list[ResultEntry], metrics: tuple[str, ...]
) -> Markup:
    first = group[0]
    values = {entry.metric: entry for entry in group}
    who = _who(context, page, first)
    family = text(", ".join(context.name(f) for f in _families(context, first)) or "—")
    cells = [html("<td>{}</td>", who), html("<td>{}</td>", family)]
    for metric in metrics:
        entry = values.get(metric)
        if entry is None:
            cells.append(Markup('<td data-sort="">—</td>'))
        else:
            shown = f"{entry.value:g}" + (
                f" ± {entry.spread:g}" if entry.spread is not None else ""
            )
            cells.append(html('<td data-sort="{}">{}</td>', entry.value, shown))
    provenance = first.provenance.value
    if first.quoted_from:
        provenance += " (quoted)"
    source = join(
        [
            context.ref(page, first.source_paper) if first.source_paper else Markup(""),
            html(" {}", context.ref(page, first.table, text("table"))),
        ]
    )
    year = "" if first.year is None else str(first.year)
    cells += [
        html("<td>{}</td>", provenance),
        html("<td>{}</td>", source),
        html('<td data-sort="{}">{}</td>', year, year),
    ]
    return html(
        '<tr data-provenance="{}" data-backbone="{}" data-pretraining="{}" data-table="{}">{}</tr>',
        first.provenance.value,
        _token(_backbone(context, first.table)),
        _token(_pretraining(context, first.table)),
        first.table,
        join(cells),
    )


def _who(context: Context, page: str, entry: ResultEntry) -> Markup:
    if entry.method is None:
        return html("<em>{}</em> (baseline: {})", text(entry.label), entry.baseline or "")
    shown = context.ref(page, entry.method)
    if entry.variant:
        return html("{} <span class='cls-meta'>{}</span>", shown, text(entry.variant))
    if entry.label and entry.label != context.label(entry.method):
        return html("{} <span class='cls-meta'>as {}</span>", shown, text(entry.label))
    return shown


def _families(context: Context, entry: ResultEntry) -> tuple[str, ...]:
    return () if entry.method is None else context.families_of(entry.method)


def _chart(context: Context, page: str, board: Leaderboard) -> Markup | None:
    """Value against year for the metric with the most dated values, one mark per row."""
    dated = [e for e in board.entries if e.year is not None and e.method is not None]
    if not dated:
        return None
    counts: dict[str, int] = defaultdict(int)
    for entry in dated:
        counts[entry.metric] += 1
    metric = max(board.metrics, key=lambda m: counts.get(m, 0))
    points = [
        (
            entry.year or 0,
            entry.value,
            (_families(context, entry) or ("none",))[0],
            _describe(entry),
            context.path(entry.method or ""),
        )
        for entry in dated
        if entry.metric == metric
    ]
    legend = {family: context.name(family) for _, _, family, _, _ in points if family != "none"}
    return scatter_chart(
        page,
        points,
        title=f"{context.name(metric)} against the year of the method's paper",
        y_label=context.name(metric),
        legend=legend,
    )


def _describe(entry: ResultEntry) -> str:
    variant = f" ({entry.variant})" if entry.variant else ""
    return f"{entry.label}{variant}: {entry.value:g} ({entry.provenance.value}, {entry.table})"


def _gaps(context: Context, page: str, gaps: list[tuple[str, str, float, float]]) -> Markup:
    rows = [
        [
            context.ref(page, method),
            text(context.name(metric)),
            f"{native:g}",
            f"{reproduced:g}",
            f"{native - reproduced:+.2f}",
        ]
        for method, metric, native, reproduced in gaps
    ]
    heads = ["Method", "Metric", "Paper-native", "Reproduced", "Gap (native minus reproduced)"]
    return table(heads, rows)


def _close(page: str, board: Leaderboard) -> Markup:
    labels = dict(_KEY_FIELDS)
    items = [
        html(
            "<li>{} differs in <strong>{}</strong> ({} instead of {})</li>",
            _link(page, leaderboard_path(other.benchmark, other.slug), _key_text(other)),
            labels.get(field, field).lower(),
            getattr(other, field),
            getattr(board.key, field),
        )
        for other, field in board.close
    ]
    return html("<ul>{}</ul>", join(items))


def render_result_table(context: Context, result: ResultTable) -> dict[str, str]:
    page = page_path("result", result.id)
    source = result.source
    protocol = result.protocol
    facts: list[Markup] = []
    if source.paper:
        facts.append(html("<dt>From</dt><dd>{}</dd>", context.ref(page, source.paper)))
    if source.quoted_from:
        facts.append(html("<dt>Quoting</dt><dd>{}</dd>", context.ref(page, source.quoted_from)))
    facts.append(html("<dt>Read at</dt><dd>{}</dd>", external_link(source.url, source.location)))
    facts.append(html("<dt>Benchmark</dt><dd>{}</dd>", context.ref(page, protocol.benchmark)))
    if protocol.scenario:
        facts.append(html("<dt>Scenario</dt><dd>{}</dd>", context.ref(page, protocol.scenario)))
    for label, value in (
        ("Split", _split_text(result)),
        ("Memory", _memory_text(result)),
        ("Backbone", protocol.backbone),
        ("Pre-training", protocol.pretraining.weights if protocol.pretraining else None),
        ("Class order", protocol.class_order),
        ("Runs", str(protocol.seeds) if protocol.seeds else None),
        ("Epochs", str(protocol.epochs) if protocol.epochs else None),
        ("Budget", protocol.budget),
        ("Tuning", protocol.tuning),
        ("Notes", protocol.notes),
    ):
        shown = value if value is not None else "unknown (not stated)"
        facts.append(html("<dt>{}</dt><dd>{}</dd>", label, text(shown)))
    heads = ["Row", "Provenance", *(context.name(m) for m in result.metrics), "Notes"]
    rows = []
    for row in result.rows:
        who = context.ref(page, row.method) if row.method else html("<em>{}</em>", row.baseline)
        name = join([who, html(" <span class='cls-meta'>{}</span>", text(row.label or ""))])
        values = [
            (
                f"{row.values[m]:g}" + (f" ± {row.spread[m]:g}" if m in row.spread else "")
                if m in row.values
                else "—"
            )
            for m in result.metrics
        ]
        rows.append([name, row.provenance.value, *values, text(row.notes or "")])
    scale = (
        html("<p>The source prints these values as fractions between 0 and 1.</p>")
        if result.printed_as.value == "fraction"
        else Markup("")
    )
    body = join(
        [
            html("<h1>Result table: {}</h1>", text(result.title or result.id)),
            html('<dl class="cls-protocol">{}</dl>', join(facts)),
            scale,
            table(heads, rows),
        ]
    )
    title = f"Result table {result.id}"
    meta = page_meta(
        title, result.title or title, record="result", edit_path=context.edit_path(result.id)
    )
    return {page: markdown_page(meta, [html_block(body)])}


def _split_text(result: ResultTable) -> str | None:
    split = result.protocol.split
    if split is None:
        return None
    parts = [
        f"{split.initial_classes} initial classes" if split.initial_classes is not None else "",
        f"{split.increment} per step" if split.increment is not None else "",
        f"{split.tasks} tasks" if split.tasks is not None else "",
    ]
    return ", ".join(part for part in parts if part)


def _memory_text(result: ResultTable) -> str | None:
    memory = result.protocol.memory
    if memory is None:
        return None
    if memory.size is None:
        return memory.kind.value
    return f"{memory.kind.value}, {memory.size} exemplars"


def results_of_method(context: Context, page: str, method_id: str) -> Markup | None:
    """The method page's list of its transcribed values, linked to their leaderboards."""
    entries = context.view.results_of(method_id)
    if not entries:
        return None
    rows = [
        [
            _link(
                page,
                leaderboard_path(e.key.benchmark, e.key.slug),
                f"{context.name(e.key.benchmark)}: {_key_text(e.key)}",
            ),
            text(context.name(e.metric)),
            f"{e.value:g}",
            e.provenance.value,
            context.ref(page, e.table, text(e.variant or "table")),
        ]
        for e in entries
    ]
    return table(["Protocol", "Metric", "Value", "Provenance", "Source"], rows)


def tables_of_paper(context: Context, page: str, paper_id: str) -> Markup | None:
    """The paper page's list of the result tables transcribed from it."""
    tables = context.view.tables_from(paper_id)
    if not tables:
        return None
    items = [
        html(
            "<li>{} ({} rows, {})</li>",
            context.ref(page, t.id, text(t.title or t.id)),
            len(t.rows),
            text(t.source.location),
        )
        for t in tables
    ]
    return html("<ul>{}</ul>", join(items))
