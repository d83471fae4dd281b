"""One page per taxonomy category: definition, sub-categories, methods and papers below it,
and how it maps to other surveys' taxonomies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._common import (
    breadcrumbs,
    downloadable_paper_list,
    graph_link,
)
from cl_survey.render._context import page_meta
from cl_survey.render._html import (
    Markup,
    chips,
    html,
    html_block,
    join,
    markdown_page,
    paragraphs,
    table,
    text,
)
from cl_survey.render._neighbourhood import neighbourhood_svg
from cl_survey.render._urls import page_path

if TYPE_CHECKING:
    from cl_survey.records import Category
    from cl_survey.render._context import Context

__all__ = ["render_category"]


def _header(context: Context, category: Category, page: str) -> Markup:
    name_zh = (
        html(' <span lang="zh" class="cls-zh">{}</span>', text(category.name_zh))
        if category.name_zh
        else ""
    )
    aliases = (
        html('<p class="cls-aliases">Also known as {}</p>', text(", ".join(category.aliases)))
        if category.aliases
        else ""
    )
    defined = (
        html(
            '<p class="cls-venue">Defined by {}</p>',
            context.ref(
                page, category.defined_by, text(context.view.paper(category.defined_by).title)
            ),
        )
        if category.defined_by
        else ""
    )
    paths = [path for path in context.view.paths_to_root(category.id) if len(path) > 1]
    return join(
        [
            html("<h1>{}{}</h1>", text(category.name), name_zh),
            aliases,
            breadcrumbs(context, page, paths),
            graph_link(page, category.id),
            paragraphs(category.definition),
            defined,
        ]
    )


def _methods(context: Context, category: Category, page: str) -> Markup:
    methods = context.view.under(category.id).methods
    if not methods:
        return Markup('<p class="cls-empty">No methods in the catalog yet.</p>')
    items = join(
        html(
            "<li>{}{}</li>",
            context.ref(page, method.id, text(method.name)),
            ""
            if any(a.category == category.id for a in method.categories)
            else html(
                ' <span class="cls-meta">via {}</span>',
                join(
                    (
                        context.ref(page, a.category, text(context.name(a.category)))
                        for a in method.categories
                    ),
                    ", ",
                ),
            ),
        )
        for method in methods
    )
    return html('<ul class="cls-columns">{}</ul>', items)


def _mappings(context: Context, category: Category, page: str) -> Markup:
    return table(
        ["Survey", "Its category", "Ours is", "Note"],
        (
            [context.ref(page, m.survey), text(m.category), m.relation, text(m.note or "")]
            for m in category.maps_to
        ),
    )


def render_category(context: Context, category: Category) -> dict[str, str]:
    page = page_path("category", category.id)
    catalog = context.view
    children = catalog.children(category.id)
    sections = [html_block(_header(context, category, page))]
    if children:
        sections += [
            "## Sub-categories",
            html_block(
                chips(context.ref(page, child, text(context.name(child))) for child in children)
            ),
        ]
    sections += ["## Methods", html_block(_methods(context, category, page))]
    sections += [
        "## Papers",
        html_block(
            downloadable_paper_list(
                context,
                page,
                catalog.under(category.id).papers,
                everything=f"category={category.id}",
            )
        ),
    ]
    if category.maps_to:
        sections += ["## In other surveys", html_block(_mappings(context, category, page))]
    direct_methods = [
        (m.id, "belongs_to")
        for m in catalog.methods
        if any(a.category == category.id for a in m.categories)
    ]
    graph = neighbourhood_svg(
        context,
        page,
        category.id,
        [(parent, "is_a") for parent in category.parents],
        [(child, "has_child") for child in children] + direct_methods,
    )
    if graph:
        sections += ["## Neighbourhood", html_block(graph)]
    meta = page_meta(
        category.name,
        category.definition,
        record="category",
        edit_path=context.edit_path(category.id),
    )
    return {page: markdown_page(meta, sections)}
