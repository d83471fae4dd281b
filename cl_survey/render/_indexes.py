"""Index pages of methods, categories, scenarios, problems, benchmarks and applications."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from cl_survey.render._common import page_names, pager, split_pages
from cl_survey.render._html import (
    Markup,
    html,
    html_block,
    join,
    markdown_page,
    shorten,
    table,
    text,
)
from cl_survey.render._urls import INDEX_OF

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cl_survey.catalog import Catalog
    from cl_survey.records import Application, Benchmark, Problem, Scenario
    from cl_survey.render._context import Context

__all__ = ["method_index_pages", "render_indexes"]

SUMMARY_LIMIT = 180
METHODS_PER_PAGE = 1000


def _method_row(context: Context, page: str, method_id: str) -> list[Markup | str]:
    method = context.view.method(method_id)
    return [
        context.ref(page, method.id, text(method.name)),
        text(method.acronym or ""),
        join(
            (
                context.ref(page, a.category, text(context.name(a.category)))
                for a in method.categories
            ),
            ", ",
        ),
        context.ref(page, method.introduced_by) if method.introduced_by else "",
    ]


def _methods(context: Context) -> dict[str, str]:
    catalog = context.view
    split = split_pages(INDEX_OF["method"], catalog.methods, METHODS_PER_PAGE)
    names = [name for name, _ in split]
    pages = {}
    for page, methods in split:
        rows = (
            context.part(f"{page}#{m.id}", partial(_method_row, context, page, m.id))
            for m in methods
        )
        body = html(
            "<h1>Methods</h1><p>{} methods, each placed in the taxonomy.</p>{}{}{}",
            len(catalog.methods),
            pager(page, names),
            table(["Method", "Acronym", "Categories", "Introduced by"], rows),
            pager(page, names),
        )
        pages[page] = markdown_page({"title": "Methods", "hide": ["toc"]}, [html_block(body)])
    return pages


def method_index_pages(catalog: Catalog) -> tuple[str, ...]:
    """The pages of the methods index (for the page plan)."""
    return page_names(INDEX_OF["method"], len(catalog.methods), METHODS_PER_PAGE)


def _tree(context: Context, category_id: str, page: str) -> Markup:
    catalog = context.view
    children = catalog.children(category_id)
    count = len(catalog.under(category_id).papers)
    inner = (
        html("<ul>{}</ul>", join(_tree(context, child, page) for child in children))
        if children
        else ""
    )
    return html(
        '<li>{} <span class="cls-meta">{} papers</span>{}</li>',
        context.ref(page, category_id, text(context.name(category_id))),
        count,
        inner,
    )


def _categories(context: Context) -> str:
    page = INDEX_OF["category"]
    sections = [
        html_block(
            Markup(
                "<h1>Taxonomy</h1><p>Families and their sub-categories; a category with two "
                "parents appears under both. Counts include the papers of every category "
                "below.</p>"
            )
        )
    ]
    trees = join(_tree(context, family, page) for family in context.families)
    sections.append(html_block(html('<ul class="cls-tree">{}</ul>', trees)))
    return markdown_page({"title": "Taxonomy"}, sections)


def _terms(
    context: Context,
    kind: str,
    title: str,
    terms: Sequence[Scenario | Problem | Benchmark | Application],
) -> str:
    page = INDEX_OF[kind]
    items = join(
        html(
            '<li>{} <span class="cls-meta">{} papers</span><br>{}</li>',
            context.ref(page, term.id, text(term.name)),
            len(context.papers_using(kind, term.id)),
            text(shorten(term.definition, SUMMARY_LIMIT)),
        )
        for term in terms
    )
    body = html('<h1>{}</h1><ul class="cls-terms">{}</ul>', title, items)
    return markdown_page({"title": title, "hide": ["toc"]}, [html_block(body)])


def _metrics(context: Context) -> str:
    page = INDEX_OF["metric"]
    rows = (
        [
            context.ref(page, metric.id, text(metric.name)),
            text(metric.unit),
            "higher" if metric.higher_is_better else "lower",
            text(shorten(metric.definition, SUMMARY_LIMIT)),
        ]
        for metric in context.view.metrics
    )
    body = html(
        "<h1>Metrics</h1><p>The metrics of the transcribed result tables.</p>{}",
        table(["Metric", "Unit", "Better", "Definition"], rows),
    )
    return markdown_page({"title": "Metrics", "hide": ["toc"]}, [html_block(body)])


def render_indexes(context: Context) -> dict[str, str]:
    catalog = context.view
    return {
        **_methods(context),
        INDEX_OF["category"]: _categories(context),
        INDEX_OF["scenario"]: _terms(context, "scenario", "Scenarios", catalog.scenarios),
        INDEX_OF["problem"]: _terms(context, "problem", "Problems", catalog.problems),
        INDEX_OF["benchmark"]: _terms(context, "benchmark", "Benchmarks", catalog.benchmarks),
        INDEX_OF["application"]: _terms(
            context, "application", "Applications", catalog.applications
        ),
        INDEX_OF["metric"]: _metrics(context),
    }
