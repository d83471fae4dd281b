"""What entered the catalog lately: the "What's new" page and Atom feeds.

    whats-new.md            papers by the date they entered the catalog, newest first
    feeds/all.xml           an Atom feed of every paper, newest first
    feeds/<family>.xml      one per taxonomy family

Feeds are files beside the pages, not pages: `render_feeds` is called by the publisher, which
knows the site's address (`site_url`); with it, every link is absolute, as feed readers want.
Entry ids are tag URIs, so they stay the same wherever the site is served.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from cl_survey.render._common import paper_list
from cl_survey.render._context import Context
from cl_survey.render._downloads import EXPORTS, export_data
from cl_survey.render._html import html, html_block, join, link, markdown_page
from cl_survey.render._paper_index import Placing, paper_placings, paper_rows
from cl_survey.render._urls import file_href, page_path

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cl_survey.catalog import Catalog
    from cl_survey.records import Paper

__all__ = ["FEEDS", "WHATS_NEW", "render_feeds", "render_files", "render_whats_new"]

WHATS_NEW = "whats-new.md"
FEEDS = "feeds"
FEED_ENTRIES = 100
_ATOM = "http://www.w3.org/2005/Atom"
_TAG = "tag:cl-survey,2026:"


def _by_date(papers: tuple[Paper, ...]) -> list[Paper]:
    dated = [paper for paper in papers if paper.added is not None]
    return sorted(dated, key=lambda paper: (paper.added, paper.id), reverse=True)


def render_whats_new(context: Context) -> dict[str, str]:
    papers = _by_date(context.view.papers)[:FEED_ENTRIES]
    grouped: dict[dt.date, list[Paper]] = defaultdict(list)
    for paper in papers:
        if paper.added is not None:
            grouped[paper.added].append(paper)
    feeds = join(
        [
            link(file_href(WHATS_NEW, f"{FEEDS}/all.xml"), "every new paper"),
            *(
                html(
                    " · {}",
                    link(file_href(WHATS_NEW, f"{FEEDS}/{family}.xml"), context.name(family)),
                )
                for family in context.families
            ),
        ]
    )
    sections = [
        html_block(
            html(
                "<h1>What's new</h1><p>The {} papers that entered the catalog most recently, "
                "newest first. Atom feeds: {}.</p>",
                len(papers),
                feeds,
            )
        )
    ]
    for day, group in grouped.items():
        sections += [f"## {day.isoformat()}", html_block(paper_list(context, WHATS_NEW, group))]
    return {WHATS_NEW: markdown_page({"title": "What's new"}, sections)}


def render_files(catalog: Catalog, site_url: str | None = None) -> dict[str, str]:
    """The files beside the pages: the Atom feeds, the papers' export entries and the paper
    index's rows."""
    placings = paper_placings(catalog)
    return {
        **_feeds(Context(catalog), placings, site_url),
        EXPORTS: export_data(catalog),
        **paper_rows(catalog, placings),
    }


def render_feeds(catalog: Catalog, site_url: str | None = None) -> dict[str, str]:
    """feeds/all.xml and feeds/<family>.xml: Atom documents, newest paper first."""
    return _feeds(Context(catalog), paper_placings(catalog), site_url)


def _feeds(
    context: Context, placings: Mapping[str, Placing], site_url: str | None
) -> dict[str, str]:
    papers = _by_date(context.catalog.papers)
    by_family: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        for family in placings[paper.id].families:
            by_family[family].append(paper)
    feeds = {
        f"{FEEDS}/all.xml": _feed(
            context, placings, papers, name="all", title="cl-survey: new papers", site_url=site_url
        )
    }
    for family in context.families:
        title = f"cl-survey: new papers, {context.name(family)}"
        feeds[f"{FEEDS}/{family}.xml"] = _feed(
            context,
            placings,
            by_family.get(family, []),
            name=family,
            title=title,
            site_url=site_url,
        )
    return feeds


def _feed(
    context: Context,
    placings: Mapping[str, Placing],
    papers: list[Paper],
    *,
    name: str,
    title: str,
    site_url: str | None,
) -> str:
    path = f"{FEEDS}/{name}.xml"
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed")
    _child(feed, "id", f"{_TAG}feed/{name}")
    _child(feed, "title", title)
    newest = papers[0].added if papers and papers[0].added else dt.date(2026, 1, 1)
    _child(feed, "updated", _timestamp(newest))
    _child(_child(feed, "author"), "name", "cl-survey contributors")
    ET.SubElement(feed, f"{{{_ATOM}}}link", rel="self", href=_address(path, path, site_url))
    ET.SubElement(
        feed, f"{{{_ATOM}}}link", rel="alternate", href=_address(path, WHATS_NEW, site_url)
    )
    for paper in papers[:FEED_ENTRIES]:
        entry = _child(feed, "entry")
        _child(entry, "id", f"{_TAG}paper/{paper.id}")
        _child(entry, "title", paper.title)
        _child(entry, "updated", _timestamp(paper.added or newest))
        page = page_path("paper", paper.id)
        ET.SubElement(
            entry, f"{{{_ATOM}}}link", rel="alternate", href=_address(path, page, site_url)
        )
        for author in paper.authors:
            _child(_child(entry, "author"), "name", author)
        venue = f"{paper.venue.name} {paper.year}"
        _child(entry, "summary", f"{venue}. {paper.summary.en}")
        for family in placings[paper.id].families:
            ET.SubElement(entry, f"{{{_ATOM}}}category", term=family, label=context.name(family))
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _child(parent: ET.Element, tag: str, value: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}")
    if value is not None:
        element.text = value
    return element


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _address(feed_path: str, page: str, site_url: str | None) -> str:
    """The page's address: absolute under `site_url`, else relative to the feed file."""
    output = page[: -len(".md")] + ".html" if page.endswith(".md") else page
    if site_url:
        return f"{site_url.rstrip('/')}/{output}"
    return file_href(feed_path, output)
