"""Writing files so that a crash or a full disk never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

__all__ = ["create_atomically", "replace_all_atomically", "write_atomically"]

NEW_FILE_MODE = 0o644


def write_atomically(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (or bytes) in one step: readers see the old file or the new
    one."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    temporary = _stage(path, data, _mode_for(path))
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def create_atomically(path: Path, text: str) -> None:
    """Write a new file in one step; FileExistsError, and nothing written, if `path` exists.

    The text goes to a temporary file first and is then hard-linked into place: linking
    refuses an existing name, so even a file created a moment ago by someone else survives.
    """
    temporary = _stage(path, text.encode("utf-8"), NEW_FILE_MODE)
    try:
        os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def replace_all_atomically(texts: Mapping[Path, str]) -> None:
    """Replace several files so that, if any step fails, every file keeps its old bytes.

    All new texts are written and synced to temporary files before the first replace; if a
    replace then fails, the files already replaced get their old bytes back.
    """
    originals = {path: path.read_bytes() for path in texts}
    staged: dict[Path, str] = {}
    try:
        for path, text in texts.items():
            staged[path] = _stage(path, text.encode("utf-8"), _mode_for(path))
        replaced: list[Path] = []
        try:
            for path, temporary in staged.items():
                os.replace(temporary, path)
                replaced.append(path)
        except BaseException:
            for path in replaced:
                _restore(path, originals[path])
            raise
    finally:
        for temporary in staged.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _mode_for(path: Path) -> int:
    """A replaced file keeps its permissions; a new one gets NEW_FILE_MODE."""
    return path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE


def _stage(path: Path, data: bytes, mode: int) -> str:
    """`data` in a synced temporary file beside `path`, ready to be moved into place."""
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        # Name the file the user asked for, not the temporary one beside it.
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary


def _restore(path: Path, data: bytes) -> None:
    # Written in place rather than by replace: the rename that just failed may fail again.
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
