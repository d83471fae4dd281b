"""One page per method: how it works, where it sits in the taxonomy, who proposed it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._common import (
    breadcrumbs,
    downloadable_paper_list,
    facet_list,
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
from cl_survey.render._results import results_of_method
from cl_survey.render._urls import page_path

if TYPE_CHECKING:
    from cl_survey.records import Method
    from cl_survey.render._context import Context

__all__ = ["render_method", "siblings"]


# A method page names this many siblings at most and points to the categories for the rest,
# so its size does not grow with the catalog.
MAX_SIBLINGS_SHOWN = 24


def siblings(context: Context, method: Method) -> list[str]:
    """Other methods placed in one of this method's categories, ordered by id."""
    found: set[str] = set()
    for assignment in method.categories:
        found.update(context.methods_in(assignment.category))
    found.discard(method.id)
    return sorted(found)


def _header(context: Context, method: Method, page: str) -> Markup:
    name = method.name + (f" ({method.acronym})" if method.acronym else "")
    aliases = (
        html('<p class="cls-aliases">Also known as {}</p>', text(", ".join(method.aliases)))
        if method.aliases
        else ""
    )
    placements = join(
        html(
            '<li>{} <span class="cls-meta">placed by {}</span></li>',
            context.ref(page, a.category, text(context.name(a.category))),
            "the curators" if a.assigned_by == "curator" else context.ref(page, a.assigned_by),
        )
        for a in method.categories
    )
    introduced = (
        html(
            '<p class="cls-venue">Introduced by {}</p>',
            context.ref(
                page, method.introduced_by, text(context.view.paper(method.introduced_by).title)
            ),
        )
        if method.introduced_by
        else ""
    )
    return join(
        [
            html("<h1>{}</h1>", text(name)),
            aliases,
            introduced,
            breadcrumbs(context, page, context.view.paths_to_root(method.id)),
            graph_link(page, method.id),
            paragraphs(method.definition),
            html('<h3 class="cls-subhead">Placement</h3><ul>{}</ul>', placements),
        ]
    )


def _hyperparameters(method: Method) -> Markup:
    return table(
        ["Name", "Symbol", "What it controls"],
        ([text(h.name), text(h.symbol or ""), text(h.description)] for h in method.hyperparameters),
    )


def render_method(context: Context, method: Method) -> dict[str, str]:
    page = page_path("method", method.id)
    papers = list(context.proposers_of(method.id))
    scenarios = sorted({s for paper in papers for s in paper.scenarios})
    problems = sorted({p for paper in papers for p in paper.problems})
    sections = [html_block(_header(context, method, page))]
    if method.hyperparameters:
        sections += ["## Hyperparameters", html_block(_hyperparameters(method))]
    sections += [
        "## Papers",
        html_block(
            join(
                [
                    downloadable_paper_list(context, page, papers),
                    facet_list(context, page, [("Scenarios", scenarios), ("Problems", problems)]),
                ]
            )
        ),
    ]
    results = results_of_method(context, page, method.id)
    if results is not None:
        sections += ["## Results", html_block(results)]
    related = siblings(context, method)
    if related:
        shown = related[:MAX_SIBLINGS_SHOWN]
        sibling_chips = chips(
            context.ref(page, other, text(context.name(other))) for other in shown
        )
        if len(related) > len(shown):
            categories = join(
                [context.ref(page, a.category) for a in method.categories], Markup(", ")
            )
            more = html(
                '<p class="cls-meta">and {} more in {}</p>', len(related) - len(shown), categories
            )
            sibling_chips = join([sibling_chips, more])
        sections += ["## Sibling methods", html_block(sibling_chips)]
    meta = page_meta(
        method.name,
        method.definition,
        record="method",
        edit_path=context.edit_path(method.id),
    )
    return {page: markdown_page(meta, sections)}
