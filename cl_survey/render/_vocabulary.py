"""One page per scenario, problem, benchmark, application and metric: definition, then the
papers that use it (for a metric: its unit and range, and the tables that report it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.records import Application, Benchmark, Metric, Problem, Scenario
from cl_survey.render._common import downloadable_paper_list
from cl_survey.render._context import page_meta
from cl_survey.render._html import (
    Markup,
    chips,
    external_link,
    html,
    html_block,
    join,
    link,
    markdown_page,
    paragraphs,
    text,
)
from cl_survey.render._urls import COMPARISON, href, page_path

if TYPE_CHECKING:
    from cl_survey.render._context import Context

__all__ = ["render_term"]

Term = Scenario | Problem | Benchmark | Application | Metric
LISTED_METHODS = 100  # a problem page names this many of the methods addressing it


def _header(context: Context, term: Term, page: str) -> Markup:
    name_zh = (
        html(' <span lang="zh" class="cls-zh">{}</span>', text(term.name_zh))
        if term.name_zh
        else ""
    )
    extra: list[Markup] = []
    if term.aliases:
        extra.append(
            html('<p class="cls-aliases">Also known as {}</p>', text(", ".join(term.aliases)))
        )
    origin = getattr(term, "defined_by", None) or getattr(term, "introduced_by", None)
    if origin:
        verb = "Defined by" if isinstance(term, Scenario) else "Introduced by"
        extra.append(
            html(
                '<p class="cls-venue">{} {}</p>',
                verb,
                context.ref(page, origin, text(context.view.paper(origin).title)),
            )
        )
    if isinstance(term, Benchmark):
        extra.append(
            html(
                '<p class="cls-venue">Domain: {}{}</p>',
                term.domain.value,
                html(" \u00b7 {}", external_link(term.homepage, "homepage"))
                if term.homepage
                else "",
            )
        )
        if term.based_on:
            extra.append(
                html("<p>Built from {}</p>", join(context.refs(page, term.based_on), ", "))
            )
    return join(
        [
            html("<h1>{}{}</h1>", text(term.name), name_zh),
            *extra,
            paragraphs(term.definition),
        ]
    )


def render_term(context: Context, term: Term) -> dict[str, str]:
    catalog = context.view
    kind = term.kind
    page = page_path(kind, term.id)
    sections = [html_block(_header(context, term, page))]
    if isinstance(term, Metric):
        sections += _metric_sections(context, term, page)
        meta = page_meta(
            term.name, term.definition, record=kind, edit_path=context.edit_path(term.id)
        )
        return {page: markdown_page(meta, sections)}
    papers = context.papers_using(kind, term.id)
    if isinstance(term, Problem):
        methods = catalog.methods_addressing(term.id)
        if methods:
            shown = chips(context.ref(page, m.id, text(m.name)) for m in methods[:LISTED_METHODS])
            if len(methods) > LISTED_METHODS:
                rest = html(
                    "<p>{} of {} methods, by id; the {} lists every method with the problems "
                    "it addresses.</p>",
                    LISTED_METHODS,
                    len(methods),
                    link(href(page, COMPARISON), "comparison matrix"),
                )
                shown = join([shown, rest])
            sections += ["## Methods addressing it", html_block(shown)]
    if isinstance(term, Benchmark):
        derived = [b.id for b in catalog.benchmarks if term.id in b.based_on]
        if derived:
            sections += [
                "## Benchmarks built from it",
                html_block(chips(context.refs(page, derived))),
            ]
    listing = downloadable_paper_list(context, page, papers, everything=f"{kind}={term.id}")
    sections += ["## Papers", html_block(listing)]
    meta = page_meta(term.name, term.definition, record=kind, edit_path=context.edit_path(term.id))
    return {page: markdown_page(meta, sections)}


def _metric_sections(context: Context, metric: Metric, page: str) -> list[str]:
    bounds = [
        f"from {metric.minimum:g}" if metric.minimum is not None else "",
        f"to {metric.maximum:g}" if metric.maximum is not None else "",
    ]
    facts = html(
        "<p>Unit: {}. Range: {}. {} is better.</p>",
        text(metric.unit),
        " ".join(b for b in bounds if b) or "unbounded",
        "Higher" if metric.higher_is_better else "Lower",
    )
    tables = [t for t in context.view.result_tables if metric.id in t.metrics]
    listing = chips(context.ref(page, t.id, text(t.title or t.id)) for t in tables)
    return [html_block(facts), "## Tables that report it", html_block(listing)]
