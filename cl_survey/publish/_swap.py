"""The output directory: guarded before a build, replaced in one step after it.

A build writes a complete site into a fresh directory beside the output, then swaps the two
under a lock on their parent (flock on the directory itself: no lock file left over), so a
reader never sees half a site and two builds at once each swap in a complete one.

A build holds a lock on its own fresh directory while it lives; the kernel drops it when the
process dies, however it dies. So a directory of that name whose lock can be taken was left
by a killed build, and the next build removes it; one that is locked belongs to a build that
is still running and is left alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cl_survey._errors import ParameterError
from cl_survey.publish._mkdocs import SiteBuildError, run_mkdocs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

__all__ = [
    "MARKER",
    "build_and_swap",
    "check_out_dir",
    "held_staging_directory",
    "remove_leftovers",
]

# Marks a directory as a cl-survey site, so a build never replaces anything else.
MARKER = ".cl-survey-site"
_RENAME_EXCHANGE = 2
_STAGING_PREFIX = "cl-survey-staging-"
_OUT_DIR = "out_dir"  # the parameter of build_site that names the output


def check_out_dir(out_dir: Path, catalog_root: Path) -> None:
    """Refuse an output directory that a build must not replace."""
    if out_dir == catalog_root or out_dir.is_relative_to(catalog_root):
        raise ParameterError(
            _OUT_DIR,
            lambda name: (
                f"{out_dir}: the site cannot be written inside the catalog; choose another {name}"
            ),
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise ParameterError(
            _OUT_DIR, lambda name: f"{out_dir} is a file; choose a directory for {name}"
        )
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise ParameterError(
            _OUT_DIR,
            lambda name: (
                f"{out_dir} is not empty and was not made by cl-survey build; choose another "
                f"{name} (a build replaces the whole directory)"
            ),
        )


def build_and_swap(
    project: Path,
    out_dir: Path,
    note: str,
    plugins: Mapping[str, Any] | None = None,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Build the staged MkDocs `project` beside `out_dir`, then swap it into place; a failed
    build leaves `out_dir` as it was. `note` goes into the marker file; `finish`, if given,
    completes the built site (the search index) before it is swapped in."""
    try:
        built = Path(tempfile.mkdtemp(prefix=_leftover_prefix(out_dir), dir=out_dir.parent))
    except OSError as error:
        msg = f"{out_dir}: cannot create the site here: {error.strerror or error}"
        raise SiteBuildError(msg) from None
    held = _hold(built)
    try:
        run_mkdocs(project, built, plugins=plugins)
        if finish is not None:
            finish(built)
        (built / MARKER).write_text(note + "\n", encoding="utf-8")
        _swap_into_place(built, out_dir)
    finally:
        shutil.rmtree(built, ignore_errors=True)
        os.close(held)


def _leftover_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.new-"


def _hold(directory: Path) -> int:
    """Lock `directory` for as long as this build lives (the descriptor stays open)."""
    descriptor = os.open(directory, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Remove the fresh directories that killed builds left beside `out_dir`; never one whose
    build is still running (it holds its lock). Called under the lock on their parent, so a
    directory that only lives inside that lock (a swap's "-old") is never seen."""
    return _remove_unlocked(out_dir.parent, _leftover_prefix(out_dir))


@contextlib.contextmanager
def held_staging_directory() -> Iterator[Path]:
    """A fresh staging directory in the temporary folder, locked while this build lives and
    removed afterwards; staging directories that killed builds left there go first."""
    parent = Path(tempfile.gettempdir())
    _remove_unlocked(parent, _STAGING_PREFIX)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX))
    held = _hold(staging)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        os.close(held)


def _remove_unlocked(parent: Path, prefix: str) -> list[Path]:
    removed = []
    for candidate in parent.glob(f"{prefix}*"):
        if candidate.is_symlink() or not candidate.is_dir():
            continue
        try:
            descriptor = os.open(candidate, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a running build's
        else:
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
        finally:
            os.close(descriptor)
    return removed


def _swap_into_place(built: Path, out_dir: Path) -> None:
    """Put `built` at `out_dir`; afterwards `built` holds the previous site (or nothing)."""
    descriptor = os.open(out_dir.parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        remove_leftovers(out_dir)
        _swap_locked(built, out_dir)
    finally:
        os.close(descriptor)


def _swap_locked(built: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        built.rename(out_dir)
        built.mkdir()
        return
    if not _exchange(built, out_dir):
        # No atomic exchange here (not Linux, or an old kernel): two renames, under the lock.
        previous = built.with_name(built.name + "-old")
        out_dir.rename(previous)
        built.rename(out_dir)
        previous.rename(built)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one step with renameat2(RENAME_EXCHANGE), where available."""
    library = ctypes.util.find_library("c")
    if library is None:
        return False
    libc = ctypes.CDLL(library, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)
