"""The home page: what the catalog holds, its families, the newest papers, how to read and cite."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._common import paper_list
from cl_survey.render._html import (
    Markup,
    html,
    html_block,
    join,
    link,
    markdown_page,
    shorten,
    text,
)
from cl_survey.render._urls import (
    COMPARISON,
    GAPS,
    GRAPH,
    HOME,
    INDEX_OF,
    PAPER_INDEX,
    TIMELINE,
    href,
)

if TYPE_CHECKING:
    from cl_survey.render._context import Context

__all__ = ["render_home"]

NEWEST = 6
CARD_TEXT_LIMIT = 220


def _counts(context: Context) -> Markup:
    catalog = context.view
    counts = [
        (len(catalog.papers), "papers", PAPER_INDEX),
        (len(catalog.methods), "methods", INDEX_OF["method"]),
        (len(catalog.categories), "categories", INDEX_OF["category"]),
        (len(catalog.scenarios), "scenarios", INDEX_OF["scenario"]),
        (len(catalog.problems), "problems", INDEX_OF["problem"]),
        (len(catalog.benchmarks), "benchmarks", INDEX_OF["benchmark"]),
        (len(catalog.applications), "applications", INDEX_OF["application"]),
    ]
    return html(
        '<ul class="cls-counts">{}</ul>',
        join(
            html(
                '<li><a href="{}"><strong>{}</strong> {}</a></li>', href(HOME, target), count, noun
            )
            for count, noun, target in counts
        ),
    )


def _families(context: Context) -> Markup:
    catalog = context.view
    cards = []
    for family in context.families:
        under = catalog.under(family)
        definition = catalog.category(family).definition
        cards.append(
            html(
                '<li class="cls-card"><h3>{}</h3><p>{}</p><p class="cls-meta">{} methods \u00b7 '
                "{} papers</p></li>",
                context.ref(HOME, family, text(context.name(family))),
                text(shorten(definition, CARD_TEXT_LIMIT)),
                len(under.methods),
                len(under.papers),
            )
        )
    return html('<ul class="cls-cards">{}</ul>', join(cards))


def render_home(context: Context) -> dict[str, str]:
    catalog = context.view
    newest = sorted(catalog.papers, key=lambda paper: (-paper.year, paper.id))[:NEWEST]
    intro = html(
        '<div class="cls-hero"><h1>Continual learning, mapped</h1><p>A curated, validated '
        "catalog of continual-learning research: papers, the methods they propose, where each "
        "method sits in a taxonomy, the scenarios and benchmarks they are evaluated on, and "
        "the numbers they report, with where each number comes from.</p><p>{} {} {}</p></div>",
        link(href(HOME, PAPER_INDEX), "Browse papers", "md-button md-button--primary"),
        link(href(HOME, GRAPH), "Explore the taxonomy", "md-button"),
        link(href(HOME, "how-to-read.md"), "How to read a page", "md-button"),
    )
    explore = html(
        "<ul>"
        "<li>{}: every paper, filterable by family, scenario, problem, benchmark, application, "
        "code and year.</li>"
        "<li>{}: the papers year by year.</li>"
        "<li>{}: families, sub-categories and methods as one clickable graph.</li>"
        "<li>{}: which method was studied in which scenario.</li>"
        "<li>{}: taxonomy leaves against scenarios; empty cells are open questions.</li></ul>",
        link(href(HOME, PAPER_INDEX), "Paper index"),
        link(href(HOME, TIMELINE), "Timeline"),
        link(href(HOME, GRAPH), "Taxonomy graph"),
        link(href(HOME, COMPARISON), "Comparison matrix"),
        link(href(HOME, GAPS), "Gap matrix"),
    )
    cite = html(
        "<p>Cite the papers themselves: every paper page has a BibTeX entry with a copy "
        "button, and reference managers (Zotero's connector) save a paper straight from its "
        "page. To cite this catalog, see {}.</p>",
        link(href(HOME, "how-to-cite.md"), "How to cite"),
    )
    sections = [
        html_block(join([intro, _counts(context)])),
        "## Families",
        html_block(_families(context)),
        "## Newest papers",
        html_block(paper_list(context, HOME, newest)),
        "## Explore",
        html_block(explore),
        "## How to cite",
        html_block(cite),
    ]
    meta = {"title": "Home", "hide": ["navigation", "toc"]}
    return {HOME: markdown_page(meta, sections)}
