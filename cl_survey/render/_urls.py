"""Where each page lives, and links between pages.

Output paths are built from validated record ids only; `page_path` re-checks the id, so a
crafted id can never name a file outside the generated docs directory. The site is built
with `use_directory_urls: false`, so a page `papers/x.md` is served as `papers/x.html`
and links work from a plain file:// copy too.
"""

from __future__ import annotations

import functools
import posixpath

from cl_survey._errors import ClSurveyError
from cl_survey.records import ID_PATTERN

__all__ = [
    "COMPARISON",
    "GAPS",
    "GRAPH",
    "HOME",
    "INDEX_OF",
    "LEADERBOARDS",
    "PAPER_INDEX",
    "TIMELINE",
    "UnsafePathError",
    "file_href",
    "href",
    "leaderboard_path",
    "leaderboards_path",
    "page_path",
]

# Record kind -> directory; it mirrors catalog/<kind>/<id>.yaml.
DIRECTORY = {
    "paper": "papers",
    "method": "methods",
    "category": "categories",
    "scenario": "scenarios",
    "problem": "problems",
    "benchmark": "benchmarks",
    "application": "applications",
    "metric": "metrics",
    "result": "results",
}
LEADERBOARDS = "leaderboards"
HOME = "index.md"
# Index pages sit beside, not inside, the record directories, so no id can collide with one.
PAPER_INDEX = "papers.md"
TIMELINE = "timeline.md"
GRAPH = "taxonomy.md"
COMPARISON = "comparison.md"
GAPS = "gaps.md"
INDEX_OF = {kind: f"{directory}.md" for kind, directory in DIRECTORY.items()}


class UnsafePathError(ClSurveyError):
    """A record id that cannot safely become a file name (the models should have refused it)."""


def leaderboards_path(benchmark_id: str) -> str:
    """The page listing one benchmark's protocols."""
    return f"{LEADERBOARDS}/{_checked(benchmark_id)}.md"


def leaderboard_path(benchmark_id: str, slug: str) -> str:
    """The leaderboard of one protocol key (its slug) on one benchmark."""
    return f"{LEADERBOARDS}/{_checked(benchmark_id)}/{_checked(slug)}.md"


def _checked(name: str) -> str:
    if not ID_PATTERN.fullmatch(name):
        msg = f"{name!r} cannot name a page: names are lower-case letters, digits and '-'"
        raise UnsafePathError(msg)
    return name


def page_path(kind: str, record_id: str) -> str:
    """The Markdown file of one record, relative to the docs directory."""
    if not ID_PATTERN.fullmatch(record_id):
        msg = f"{record_id!r} cannot name a page: ids are lower-case letters, digits and '-'"
        raise UnsafePathError(msg)
    return f"{DIRECTORY[kind]}/{record_id}.md"


def file_href(from_page: str, to_file: str) -> str:
    """A relative link from one page's output to a file beside the pages (a feed)."""
    return _relative(posixpath.dirname(from_page), to_file)


def href(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative link from one Markdown page's output to another's."""
    relative = _relative(posixpath.dirname(from_page), posixpath.splitext(to_page)[0] + ".html")
    return f"{relative}#{fragment}" if fragment else relative


@functools.lru_cache(maxsize=65_536)
def _relative(start: str, target: str) -> str:
    # Both are normalised relative paths inside the docs directory, so the general (and,
    # called for every link, slow) posixpath.relpath is not needed.
    start_parts = start.split("/") if start else []
    target_parts = target.split("/")
    common = 0
    while (
        common < len(start_parts)
        and common < len(target_parts) - 1
        and start_parts[common] == target_parts[common]
    ):
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:])
