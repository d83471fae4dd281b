"""One page per paper: everything the record says, its neighbourhood and how to cite it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.records import VersionKind
from cl_survey.render._authors import author_link
from cl_survey.render._citation import bibtex_block, citation_meta
from cl_survey.render._common import breadcrumbs, facet_list
from cl_survey.render._context import page_meta
from cl_survey.render._html import (
    Markup,
    chips,
    external_link,
    html,
    html_block,
    join,
    markdown_page,
    paragraphs,
    text,
)
from cl_survey.render._neighbourhood import EDGE_LABELS, neighbourhood_svg
from cl_survey.render._results import tables_of_paper
from cl_survey.render._urls import page_path

if TYPE_CHECKING:
    from cl_survey.records import Evidence, Finding, Paper, Venue, Version
    from cl_survey.render._context import Context

__all__ = ["render_paper"]

OUTGOING = ("builds_on", "extends", "compares_to", "surveys")
INCOMING = {
    "builds_on": "built_on_by",
    "extends": "extended_by",
    "compares_to": "compared_to_by",
    "surveys": "surveyed_by",
}


def venue_line(venue: Venue, year: int) -> str:
    parts = [venue.full_name or venue.name]
    if venue.full_name and venue.full_name != venue.name:
        parts[0] += f" ({venue.name})"
    if venue.volume is not None:
        volume = str(venue.volume) + (f"({venue.issue})" if venue.issue is not None else "")
        parts.append(volume)
    if venue.pages:
        parts.append(f"pp. {venue.pages}")
    parts.append(str(year))
    return ", ".join(parts)


def _identifiers(paper: Paper) -> Markup:
    ids, links = paper.identifiers, paper.links
    items: list[Markup] = []
    if ids.doi:
        items.append(html("DOI {}", external_link(f"https://doi.org/{ids.doi}", ids.doi)))
    if ids.arxiv:
        items.append(
            html("arXiv {}", external_link(f"https://arxiv.org/abs/{ids.arxiv}", ids.arxiv))
        )
    if ids.openreview:
        url = f"https://openreview.net/forum?id={ids.openreview}"
        items.append(html("OpenReview {}", external_link(url, ids.openreview)))
    if ids.dblp:
        url = f"https://dblp.org/rec/{ids.dblp}.html"
        items.append(html("DBLP {}", external_link(url, ids.dblp)))
    for label, target in (
        ("Paper", links.paper),
        ("Official code", links.code),
        ("Reimplementation", links.reimplementation),
        ("Project", links.project),
    ):
        if target:
            items.append(external_link(target, label))
    return html(
        '<ul class="cls-identifiers">{}</ul>', join(html("<li>{}</li>", item) for item in items)
    )


def _header(context: Context, paper: Paper, page: str) -> Markup:
    catalog = context.view
    paths = catalog.paths_to_root(paper.id)
    return join(
        [
            html("<h1>{}</h1>", text(paper.title)),
            html(
                '<p class="cls-authors">{}</p>',
                join(
                    (
                        author_link(context, page, paper.id, position, name)
                        for position, name in enumerate(paper.authors)
                    ),
                    ", ",
                ),
            ),
            html(
                '<p class="cls-venue">{} <span class="cls-id">{}</span></p>',
                text(venue_line(paper.venue, paper.year)),
                paper.id,
            ),
            _identifiers(paper),
            breadcrumbs(context, page, paths),
            facet_list(
                context,
                page,
                [
                    ("Scenarios", paper.scenarios),
                    ("Problems", paper.problems),
                    ("Benchmarks", paper.benchmarks),
                    ("Applications", paper.applications),
                ],
            ),
        ]
    )


def _summary(paper: Paper) -> Markup:
    english = paragraphs(paper.summary.en)
    if paper.summary.zh is None:
        return html('<div lang="en">{}</div>', english)
    # The markup of material's content tabs (pymdownx.tabbed, alternate style), written out
    # so the summaries never pass through Markdown.
    return html(
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2">'
        '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio">'
        '<input id="__tabbed_1_2" name="__tabbed_1" type="radio">'
        '<div class="tabbed-labels"><label for="__tabbed_1_1">English</label>'
        '<label for="__tabbed_1_2">\u4e2d\u6587</label></div>'
        '<div class="tabbed-content"><div class="tabbed-block" lang="en">{}</div>'
        '<div class="tabbed-block" lang="zh">{}</div></div></div>',
        english,
        paragraphs(paper.summary.zh),
    )


def _methods(context: Context, paper: Paper, page: str) -> Markup:
    rows = []
    for method_id in paper.proposes:
        method = context.view.method(method_id)
        name = method.name + (f" ({method.acronym})" if method.acronym else "")
        rows.append(
            html(
                "<li>{} {}<br>{}</li>",
                context.ref(page, method.id, text(name)),
                chips(
                    context.ref(page, a.category, text(context.name(a.category)))
                    for a in method.categories
                ),
                text(method.definition),
            )
        )
    return html('<ul class="cls-methods">{}</ul>', join(rows))


def _protocol(evidence: Evidence) -> str:
    protocol = evidence.protocol
    if protocol is None:
        return ""
    parts = [
        f"{protocol.tasks} tasks" if protocol.tasks is not None else "",
        f"buffer {protocol.buffer_size}" if protocol.buffer_size is not None else "",
        protocol.backbone or "",
        f"pre-trained: {protocol.pretraining}" if protocol.pretraining else "",
        f"compute: {protocol.compute_budget}" if protocol.compute_budget else "",
        protocol.notes or "",
    ]
    return "; ".join(part for part in parts if part)


def _value(value: float) -> str:
    return f"{value:g}"


def _finding(context: Context, finding: Finding, page: str) -> Markup:
    claim = html('<p class="cls-claim">{}</p>', text(finding.claim))
    if not finding.evidence:
        return claim
    rows = join(
        html(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            '<td class="cls-number">{}</td><td>{}</td><td>{}</td></tr>',
            context.ref(page, e.benchmark) if e.benchmark else "",
            context.ref(page, e.scenario) if e.scenario else "",
            text(e.method or ""),
            text(e.metric),
            _value(e.value),
            text(_protocol(e)),
            text(e.location),
        )
        for e in finding.evidence
    )
    return html(
        '{}<div class="cls-scroll cls-evidence"><table><thead><tr><th>Benchmark</th>'
        "<th>Scenario</th><th>Method</th><th>Metric</th><th>Value</th><th>Protocol</th>"
        "<th>Source</th></tr></thead><tbody>{}</tbody></table></div>",
        claim,
        rows,
    )


def _relations(context: Context, paper: Paper, page: str) -> Markup:
    items: list[Markup] = []
    for relation in paper.relations:
        note = html(" \u2014 {}", text(relation.note)) if relation.note else ""
        items.append(
            html(
                "<li><strong>{}</strong> {}{}</li>",
                EDGE_LABELS[relation.type.value],
                context.ref(page, relation.paper, text(context.view.paper(relation.paper).title)),
                note,
            )
        )
    for source, relation in context.incoming(paper.id):
        note = html(" \u2014 {}", text(relation.note)) if relation.note else ""
        items.append(
            html(
                "<li><strong>{}</strong> {}{}</li>",
                EDGE_LABELS[INCOMING[relation.type.value]],
                context.ref(page, source, text(context.view.paper(source).title)),
                note,
            )
        )
    if not items:
        return Markup("<p>No relations to other papers in the catalog yet.</p>")
    return html('<ul class="cls-relations">{}</ul>', join(items))


def _graph(context: Context, paper: Paper, page: str) -> Markup:
    left = [(relation.paper, relation.type.value) for relation in paper.relations]
    right = [(method_id, "proposes") for method_id in paper.proposes]
    right += [
        (source, INCOMING[relation.type.value]) for source, relation in context.incoming(paper.id)
    ]
    return neighbourhood_svg(context, page, paper.id, _unique(left), _unique(right))


def _unique(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    kept = []
    for record_id, edge in items:
        if record_id not in seen:
            seen.add(record_id)
            kept.append((record_id, edge))
    return kept


def _sources(paper: Paper) -> Markup:
    links = join(html("<li>{}</li>", external_link(url, url)) for url in paper.sources)
    unverified = (
        html(
            '<p class="cls-unverified">Not yet confirmed from a source: {}</p>',
            text(", ".join(paper.unverified)),
        )
        if paper.unverified
        else ""
    )
    return html(
        "<p>The facts on this page were checked against:</p><ul>{}</ul>{}", links, unverified
    )


def _version(version: Version) -> Markup:
    if version.kind is VersionKind.ARXIV:
        parts = [html("arXiv preprint, {}", version.year)]
    else:
        where = version.venue or "unnamed venue"
        parts = [html("{} ({} paper, {})", text(where), version.kind.value, version.year)]
    if version.arxiv:
        url = f"https://arxiv.org/abs/{version.arxiv}"
        parts.append(external_link(url, version.arxiv))
    if version.doi:
        parts.append(html("DOI {}", external_link(f"https://doi.org/{version.doi}", version.doi)))
    if version.title:
        parts.append(html("titled <q>{}</q>", text(version.title)))
    return html("<li>{}</li>", join(parts, " \u00b7 "))


def _versions(paper: Paper) -> Markup:
    return html('<ol class="cls-versions">{}</ol>', join(map(_version, paper.versions)))


def render_paper(context: Context, paper: Paper) -> dict[str, str]:
    page = page_path("paper", paper.id)
    sections = [html_block(_header(context, paper, page))]
    sections += ["## Summary", html_block(_summary(paper))]
    if paper.proposes:
        sections += ["## Methods", html_block(_methods(context, paper, page))]
    if paper.findings:
        findings = join(_finding(context, finding, page) for finding in paper.findings)
        sections += ["## Findings", html_block(findings)]
    sections += ["## Related papers", html_block(_relations(context, paper, page))]
    graph = _graph(context, paper, page)
    if graph:
        sections += ["## Neighbourhood", html_block(graph)]
    tables = tables_of_paper(context, page, paper.id)
    if tables is not None:
        sections += ["## Result tables", html_block(tables)]
    if paper.versions:
        sections += ["## Versions", html_block(_versions(paper))]
    sections += ["## Cite", html_block(bibtex_block(paper))]
    sections += ["## Sources", html_block(_sources(paper))]
    if paper.keywords:
        sections.append(
            html_block(
                html('<p class="cls-keywords">Keywords: {}</p>', text(", ".join(paper.keywords)))
            )
        )
    meta = page_meta(
        paper.title,
        paper.summary.en,
        record="paper",
        edit_path=context.edit_path(paper.id),
        citation=citation_meta(paper),
    )
    return {page: markdown_page(meta, sections)}
