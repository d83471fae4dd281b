"""HTML building blocks that keep catalog text as text.

Every catalog string reaches a page through `markupsafe`: `html` and `escape` escape their
arguments, so a title like `<script>` shows as text. Pages are HTML blocks
inside Markdown files; text never contains a blank line (that would end the HTML block and
let Markdown interpret what follows), so whitespace inside catalog text is collapsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "Markup",
    "chips",
    "external_link",
    "html",
    "html_block",
    "join",
    "link",
    "markdown_page",
    "one_line",
    "paragraphs",
    "safe_url",
    "shorten",
    "table",
    "text",
]


def html(template: str, *args: object, **kwargs: object) -> Markup:
    """`template`, a literal of this package, with every argument escaped.

    What `Markup(template).format(...)` does, without `string.Formatter`: that pure-Python
    formatter was a third of all page generation. Numbers are passed unescaped so format specs
    such as `{:.1f}` still apply; their text cannot carry markup.
    """
    return Markup(  # noqa: S704  # every argument is escaped below
        template.format(*map(_escaped, args), **{k: _escaped(v) for k, v in kwargs.items()})
    )


def _escaped(value: object) -> object:
    return value if type(value) in _AS_IS else escape(value)


def _safe(value: object) -> str:
    """`value` escaped, as text to concatenate: Markup passes as it is (escape() would copy
    it into a new Markup, and those copies were a fifth of page generation)."""
    return value if type(value) is Markup else escape(value)


_AS_IS = frozenset({int, float, Markup})


def one_line(value: str) -> str:
    """Catalog text with every run of white space (newlines included) made one space."""
    return " ".join(value.split())


def shorten(value: str, limit: int) -> str:
    """`value` on one line, cut at `limit` characters with an ellipsis."""
    line = one_line(value)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


def text(value: object) -> Markup:
    """Escaped text on one line."""
    return escape(one_line(str(value)))


def paragraphs(value: str) -> Markup:
    """Escaped text split into <p> at blank lines."""
    parts = [one_line(part) for part in value.split("\n\n")]
    return join(html("<p>{}</p>", part) for part in parts if part)


def join(pieces: Iterable[Markup | str], separator: str = "") -> Markup:
    """Pieces joined by `separator`, a literal of this package (", ", "<br>"), never data;
    plain-string pieces are escaped."""
    return Markup(separator.join(map(_safe, pieces)))  # noqa: S704  # separator: our literal


def safe_url(url: str) -> str | None:
    """`url` when it is an absolute http(s) URL, else None: no javascript:, data: or relative."""
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and parts.netloc and not any(c.isspace() for c in url):
        return url
    return None


def link(href: str, label: Markup | str, css_class: str | None = None) -> Markup:
    """A link inside the site; `href` is built from validated ids only."""
    # Concatenating escape() results is what Markup.format does, minus string.Formatter,
    # which made links a quarter of all page generation.
    attributes = f'class="{escape(css_class)}" ' if css_class else ""
    return Markup(f'<a {attributes}href="{escape(href)}">{_safe(label)}</a>')  # noqa: S704


def external_link(url: str, label: Markup | str) -> Markup:
    """A link out of the site, or the bare label when `url` is not http(s)."""
    checked = safe_url(url)
    if checked is None:
        return html("{}", label)
    return html('<a href="{}" rel="noopener">{}</a>', checked, label)


def chips(items: Iterable[Markup]) -> Markup:
    inner = "".join(f"<li>{_safe(item)}</li>" for item in items)
    return Markup(f'<ul class="cls-chips">{inner}</ul>') if inner else Markup("")  # noqa: S704


def table(headers: Sequence[str], rows: Iterable[Sequence[Markup | str]]) -> Markup:
    """A horizontally scrollable table; headers are the project's own words, every cell is
    escaped unless it is already Markup."""
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_safe(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return Markup(  # noqa: S704  # every piece went through escape()
        f'<div class="cls-scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def html_block(body: Markup) -> str:
    """An HTML block Markdown passes through untouched: one element, no blank lines."""
    return str(html('<div class="cls-block">{}</div>', body))


def markdown_page(front_matter: Mapping[str, object], sections: Iterable[str]) -> str:
    """A Markdown file: YAML front matter, then sections separated by blank lines.

    Sections are HTML blocks or Markdown headings whose text is the project's own.
    """
    # libyaml's emitter: the pure-Python one was a fifth of all page generation.
    meta = yaml.dump(
        dict(front_matter),
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return "---\n" + meta + "---\n\n" + "\n\n".join(sections) + "\n"
