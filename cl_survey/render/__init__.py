"""Pages from a catalog: a pure function, catalog in, {relative path: file content} out.

No file I/O and no MkDocs here: cl_survey._build writes the pages into a copy of site/ and
runs MkDocs on it. One module per page family:

    _home            index.md                 _paper_index   papers.md, timeline.md
    _paper           papers/<id>.md           _indexes       methods.md, categories.md, ...
    _method          methods/<id>.md          _matrices      comparison.md, gaps.md
    _category        categories/<id>.md       _taxonomy_graph  taxonomy.md (the SVG graph)
    _vocabulary      scenarios|problems|benchmarks/<id>.md
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cl_survey.render._category import render_category
from cl_survey.render._context import Context
from cl_survey.render._home import render_home
from cl_survey.render._html import text
from cl_survey.render._indexes import render_indexes
from cl_survey.render._matrices import render_comparison, render_gaps
from cl_survey.render._method import render_method
from cl_survey.render._paper import render_paper
from cl_survey.render._paper_index import render_paper_index, render_timeline
from cl_survey.render._taxonomy_graph import render_taxonomy_graph
from cl_survey.render._urls import UnsafePathError
from cl_survey.render._vocabulary import render_term

if TYPE_CHECKING:
    from cl_survey._catalog import Catalog
    from cl_survey._models import Benchmark, Problem, Scenario

__all__ = ["UnsafePathError", "render_pages", "tags_allowed"]


def render_pages(catalog: Catalog) -> dict[str, str]:
    """Every generated page of the site: relative path (under docs/) -> Markdown text."""
    context = Context(catalog)
    pages: dict[str, str] = {}
    pages.update(render_home(context))
    pages.update(render_paper_index(context))
    pages.update(render_timeline(context))
    pages.update(render_indexes(context))
    pages.update(render_comparison(context))
    pages.update(render_gaps(context))
    pages.update(render_taxonomy_graph(context))
    for paper in catalog.papers:
        pages.update(render_paper(context, paper))
    for method in catalog.methods:
        pages.update(render_method(context, method))
    for category in catalog.categories:
        pages.update(render_category(context, category))
    terms: tuple[Scenario | Problem | Benchmark, ...] = (
        *catalog.scenarios,
        *catalog.problems,
        *catalog.benchmarks,
    )
    for term in terms:
        pages.update(render_term(context, term))
    return dict(sorted(pages.items()))


def tags_allowed(catalog: Catalog) -> list[str]:
    """Every tag a page may carry: the names of the taxonomy's categories, as pages store them."""
    return sorted(str(text(category.name)) for category in catalog.categories)
