"""Serving a built site on 127.0.0.1 and noticing when catalog files change."""

from __future__ import annotations

import functools
import http.server
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Snapshot", "catalog_snapshot", "start_server"]

Snapshot = dict[str, tuple[int, int]]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # the stdlib's name
        """Requests are not worth a line each in the terminal."""


def start_server(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve `directory` on 127.0.0.1 only (never other interfaces) in a daemon thread.

    The directory is looked up on every request, so a site swapped into place by a
    rebuild is served at once.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, name="cl-survey-serve", daemon=True).start()
    return server


def catalog_snapshot(root: Path) -> Snapshot:
    """Modification time and size of every file under the catalog, to compare over time."""
    snapshot: Snapshot = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            status = path.stat()
            snapshot[str(path)] = (status.st_mtime_ns, status.st_size)
    return snapshot
