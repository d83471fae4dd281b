"""Writing generated pages into a staged MkDocs docs/ directory."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from cl_survey._errors import ClSurveyError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["PageWriteError", "write_page_files"]


class PageWriteError(ClSurveyError):
    """A generated page could not be written (or the page producer failed)."""


def write_page_files(pages: Iterable[tuple[str, str]], docs: Path) -> int:
    """Write `pages` ((path under docs/, text) pairs, consumed one at a time) into `docs`, a
    directory this build staged (so it holds no links); a path that is absolute or climbs
    out with ".." is refused. Returns how many were written."""
    made: set[Path] = set()
    written = 0
    for relative, content in pages:
        parts = PurePosixPath(relative).parts
        if not parts or parts[0] == "/" or ".." in parts:
            msg = f"refusing to write generated page {relative!r} outside {docs}"
            raise PageWriteError(msg)
        target = docs.joinpath(*parts)
        try:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            _write_file(target, content.encode("utf-8"))
        except OSError as error:
            msg = f"{target}: cannot write a generated page: {error.strerror or error}"
            raise PageWriteError(msg) from None
        written += 1
    return written


def _write_file(path: Path, data: bytes) -> None:
    # os.open/os.write: a text-mode file object per page was a quarter of writing the pages.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)
