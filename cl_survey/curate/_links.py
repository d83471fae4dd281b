"""Every URL in the catalog: its form checked offline, and (on request) whether it still resolves.

Resolving is polite: one request at a time per host with a pause between them, HEAD first
(GET only where a server refuses HEAD), and a cache of links that resolved, so a second run
within `max_age` asks the network only about what is new or was broken.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from cl_survey import __version__
from cl_survey._write import write_atomically
from cl_survey.records import find_record_files

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from pathlib import Path

__all__ = [
    "LinkCache",
    "Resolution",
    "UrlUse",
    "collect_urls",
    "form_problems",
    "resolve_urls",
]

_URL_LIST_FIELDS = frozenset({"sources"})
_URL_FIELDS = frozenset({"homepage"})
_URL_MAPPINGS = frozenset({"links"})
_LOOKS_LIKE_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^www\.", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TRAILING_PUNCTUATION = ".,;:!?'\""
_USER_AGENT = f"cl-survey/{__version__} link check (one request per host at a time)"
_REFUSES_HEAD = frozenset({403, 405, 501})
_HOST_WORKERS = 8


@dataclass(frozen=True, slots=True)
class UrlUse:
    """One URL written in a record file, at 1-based line and column."""

    display: str
    line: int
    column: int
    url: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """What fetching a URL gave: ok, and the status or the error in words."""

    ok: bool
    detail: str


def collect_urls(root: Path) -> list[UrlUse]:
    """The URLs of every record file under `root`, in file order; unparsable files are skipped."""
    files, _ = find_record_files(root)
    uses: list[UrlUse] = []
    for file in files:
        try:
            text = file.path.read_text(encoding="utf-8")
            node = yaml.compose(text.removeprefix("\ufeff"), Loader=yaml.CSafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        uses.extend(
            UrlUse(file.display, scalar.start_mark.line + 1, scalar.start_mark.column + 1, value)
            for scalar in _url_scalars(node, is_url_field=False)
            if (value := str(scalar.value))
        )
    return uses


def _url_scalars(node: yaml.Node | None, *, is_url_field: bool) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        if is_url_field or _LOOKS_LIKE_URL.match(str(node.value)):
            yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _url_scalars(item, is_url_field=is_url_field)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            field = name in _URL_FIELDS | _URL_LIST_FIELDS or name in _URL_MAPPINGS
            yield from _url_scalars(value, is_url_field=is_url_field or field)


def form_problems(url: str) -> list[str]:
    """What is wrong with how `url` is written (empty when nothing is)."""
    if any(character.isspace() for character in url):
        return ["contains white space; remove it or encode it as %20"]
    parts = urlsplit(url)
    problems = []
    if parts.scheme != "https":
        scheme = f"{parts.scheme}://" if parts.scheme else "no scheme"
        problems.append(f"uses {scheme}; links must start with https://")
    host = parts.hostname or ""
    if not host:
        problems.append("has no host name")
    elif not _valid_host(host):
        problems.append(f"host {host!r} is not a valid domain name")
    try:
        _ = parts.port
    except ValueError:
        problems.append("has an invalid port number")
    if url[-1] in _TRAILING_PUNCTUATION or (url.endswith(")") and url.count("(") < url.count(")")):
        problems.append(f"ends with {url[-1]!r}, probably punctuation copied with the link")
    return problems


def _valid_host(host: str) -> bool:
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(labels) >= 2 and all(_HOST_LABEL.match(label) for label in labels)  # noqa: PLR2004  # a name and a top-level domain


class LinkCache:
    """URLs that resolved, with when: a JSON file, read once and written back atomically."""

    def __init__(self, path: Path | None, max_age: dt.timedelta) -> None:
        self._path = path
        self._max_age = max_age
        self._entries: dict[str, str] = {}
        if path is not None and path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}  # A damaged cache only costs requests; it is rewritten below.
            if isinstance(loaded, dict):
                self._entries = {str(k): str(v) for k, v in loaded.items()}

    def fresh(self, url: str, now: dt.datetime) -> bool:
        checked = self._entries.get(url)
        if checked is None:
            return False
        try:
            return now - dt.datetime.fromisoformat(checked) < self._max_age
        except ValueError:
            return False

    def remember(self, url: str, now: dt.datetime) -> None:
        self._entries[url] = now.isoformat(timespec="seconds")

    def save(self) -> None:
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self._path, json.dumps(self._entries, indent=1, sort_keys=True) + "\n")


def resolve_urls(
    urls: Sequence[str],
    cache: LinkCache,
    *,
    delay: float,
    timeout: float,
) -> Mapping[str, Resolution]:
    """Fetch each URL not fresh in `cache`; hosts in parallel, each host's URLs one by one."""
    now = dt.datetime.now(tz=dt.UTC)
    by_host: dict[str, list[str]] = defaultdict(list)
    results: dict[str, Resolution] = {}
    for url in dict.fromkeys(urls):
        if urlsplit(url).scheme != "https" or form_problems(url):
            # Never fetched: other schemes (file://, ftp://) must not reach the local machine.
            results[url] = Resolution(ok=False, detail="not fetched: fix how it is written first")
        elif cache.fresh(url, now):
            results[url] = Resolution(ok=True, detail="resolved (cached)")
        else:
            by_host[urlsplit(url).netloc.lower()].append(url)
    context = ssl.create_default_context()
    lock = threading.Lock()

    def visit(host_urls: list[str]) -> None:
        for index, url in enumerate(host_urls):
            if index:
                time.sleep(delay)
            resolution = _fetch(url, context, timeout)
            with lock:
                results[url] = resolution
                if resolution.ok:
                    cache.remember(url, now)

    with ThreadPoolExecutor(max_workers=_HOST_WORKERS) as pool:
        list(pool.map(visit, by_host.values()))
    cache.save()
    return results


def _fetch(url: str, context: ssl.SSLContext, timeout: float) -> Resolution:
    status = _request(url, "HEAD", context, timeout)
    if isinstance(status, int) and status in _REFUSES_HEAD:
        status = _request(url, "GET", context, timeout)
    if isinstance(status, str):
        return Resolution(ok=False, detail=status)
    if status >= 400:  # noqa: PLR2004  # HTTP client and server errors
        return Resolution(ok=False, detail=f"HTTP {status}")
    return Resolution(ok=True, detail=f"HTTP {status}")


def _request(url: str, method: str, context: ssl.SSLContext, timeout: float) -> int | str:
    """The final HTTP status after redirects, or the reason there is none."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})  # noqa: S310  # URLs are checked to be https (or reported) before
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except urllib.error.URLError as error:
        return f"unreachable: {error.reason}"
    except (TimeoutError, OSError) as error:
        return f"unreachable: {error}"
