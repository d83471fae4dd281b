"""build_site: catalog in, a static site directory out, replaced in one step.

    copy site/ to a staging directory -> write the rendered pages into its docs/
    -> MkDocs (strict) into a fresh directory beside out_dir -> swap it into place

A failed build raises SiteBuildError and leaves the previous output as it was; two builds
at once each swap in a complete site (the swap is serialised by a lock file).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import gc
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cl_survey._errors import ClSurveyError
from cl_survey._pages import write_page_files, write_pages
from cl_survey.render import tags_allowed
from cl_survey.render._html import safe_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from cl_survey._catalog import Catalog

__all__ = ["BuildResult", "SiteBuildError", "build_and_swap", "build_site", "site_project_path"]

_PACKAGE = Path(__file__).resolve().parent
# Marks a directory as a cl-survey site, so a build never replaces anything else.
MARKER = ".cl-survey-site"
_RENAME_EXCHANGE = 2


class SiteBuildError(ClSurveyError):
    """The site could not be built; the previous output, if any, is untouched."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    out_dir: Path
    pages: int
    seconds: float


def site_project_path() -> Path:
    """The mkdocs project: inside the wheel, or beside the package in a checkout."""
    installed = _PACKAGE / "_bundled_site"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "site"


def build_site(
    catalog: Catalog,
    out_dir: Path,
    *,
    on_step: Callable[[str], None] | None = None,
    repo_url: str | None = None,
) -> BuildResult:
    """Render `catalog`, build it with MkDocs in strict mode and put the site at `out_dir`.

    `repo_url` (an https URL) is the repository whose catalog/ the "edit this page" buttons
    open; without it the site has no edit buttons.
    """
    _check_repo_url(repo_url)
    started = time.perf_counter()
    step = on_step or (lambda _message: None)
    out_dir = out_dir.resolve()
    _check_out_dir(out_dir, catalog.root.resolve())
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cl-survey-staging-") as staging_name:
        staging = Path(staging_name) / "site"
        _stage_project(staging, tags_allowed(catalog), repo_url)
        step(f"generating the pages of {len(catalog.papers)} papers")
        # Written as they are generated, never all held at once: MkDocs needs the memory.
        page_count = write_pages(catalog, staging / "docs").pages
        step("building the site with MkDocs")
        build_and_swap(staging, out_dir, "built by cl-survey build")
    return BuildResult(out_dir, page_count, time.perf_counter() - started)


def build_and_swap(project: Path, out_dir: Path, note: str) -> None:
    """Build the staged MkDocs `project` beside `out_dir`, then swap it into place; a failed
    build leaves `out_dir` as it was. `note` goes into the marker file."""
    try:
        built = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    except OSError as error:
        msg = f"{out_dir}: cannot create the site here: {error.strerror or error}"
        raise SiteBuildError(msg) from None
    try:
        _run_mkdocs(project / "mkdocs.yml", built)
        (built / MARKER).write_text(note + "\n", encoding="utf-8")
        _swap_into_place(built, out_dir)
    finally:
        shutil.rmtree(built, ignore_errors=True)


def _check_repo_url(repo_url: str | None) -> None:
    if repo_url is not None and (safe_url(repo_url) is None or not repo_url.startswith("https:")):
        msg = f"--repo-url {repo_url!r} is not an https:// URL"
        raise SiteBuildError(msg)


def _check_out_dir(out_dir: Path, catalog_root: Path) -> None:
    if out_dir == catalog_root or out_dir.is_relative_to(catalog_root):
        msg = f"{out_dir}: the site cannot be written inside the catalog; choose another --out"
        raise SiteBuildError(msg)
    if out_dir.exists() and not out_dir.is_dir():
        msg = f"{out_dir} is a file; choose a directory for --out"
        raise SiteBuildError(msg)
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        msg = (
            f"{out_dir} is not empty and was not made by cl-survey build; choose another --out "
            "(a build replaces the whole directory)"
        )
        raise SiteBuildError(msg)


def _stage(
    staging: Path, pages: Mapping[str, str], allowed_tags: list[str], repo_url: str | None = None
) -> None:
    """A MkDocs project at `staging`: the site project, configured, with `pages` in docs/."""
    _stage_project(staging, allowed_tags, repo_url)
    write_page_files(pages, staging / "docs")


def _stage_project(staging: Path, allowed_tags: list[str], repo_url: str | None) -> None:
    project = site_project_path()
    shutil.copytree(project, staging, ignore=shutil.ignore_patterns("__pycache__"))
    docs = (staging / "docs").resolve()
    shutil.copytree(staging / "assets", docs / "assets")
    config_path = staging / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "tags" in plugin:
            plugin["tags"]["tags_allowed"] = allowed_tags
    if repo_url is None:
        config.pop("edit_uri", None)
    else:
        config["repo_url"] = repo_url
    config_path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _mkdocs_warnings() -> Iterator[_Collect]:
    """Collect MkDocs' warnings for the error message instead of letting it print them."""
    logger = logging.getLogger("mkdocs")
    collector = _Collect()
    previous = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous


@contextlib.contextmanager
def _collector_skips_what_exists() -> Iterator[None]:
    """While MkDocs builds, the garbage collector leaves alone every object that already
    exists (the catalog, which MkDocs never touches): its full passes otherwise walk that
    heap again and again as MkDocs allocates (at 10,000 papers, millions of objects)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_DIRTY_NOTICE = "A 'dirty' build is being performed"


def _run_mkdocs(config_file: Path, site_dir: Path, *, dirty: bool = False) -> None:
    """Build with MkDocs; every warning is an error. `dirty` rebuilds only the pages whose
    Markdown is newer than their HTML (MkDocs' own notice about that mode is expected)."""
    # Imported here: MkDocs is the slow, deprecated edge of the pipeline (see STYLE.md).
    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.exceptions import MkDocsException  # noqa: PLC0415

    with _mkdocs_warnings() as warnings:
        try:
            # A dirty build always warns once about itself, so strictness is enforced below.
            config: Any = load_config(str(config_file), site_dir=str(site_dir), strict=not dirty)
            _fresh_plugin_state(config, dirty=dirty)
            with _collector_skips_what_exists():
                build(config, dirty=dirty)
        except (MkDocsException, SystemExit) as error:
            raise SiteBuildError(_failure(str(error), warnings.messages)) from None
        unexpected = [m for m in warnings.messages if not m.startswith(_DIRTY_NOTICE)]
        if unexpected:
            reason = f"aborted with {len(unexpected)} warning(s)"
            raise SiteBuildError(_failure(reason, warnings.messages))


def _fresh_plugin_state(config: Any, *, dirty: bool) -> None:
    """Tell plugins what kind of build this is, as `mkdocs build [--dirty]` does, and drop
    what they remember from an earlier build in this process.

    MkDocs reuses plugin instances between builds in one process; the search plugin then
    merges the new index into the last one it wrote, which belongs to whatever site was built
    before (another catalog, or a page since deleted). Every index written here holds
    exactly the pages just built; LiveSite merges partial indexes itself.
    """
    config.plugins.on_startup(command="build", dirty=dirty)
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def _failure(reason: str, messages: list[str]) -> str:
    details = "\n".join(f"  {m}" for m in messages if not m.startswith(_DIRTY_NOTICE))
    return f"MkDocs could not build the site: {reason}" + (f"\n{details}" if details else "")


def _swap_into_place(built: Path, out_dir: Path) -> None:
    """Put `built` at `out_dir`; afterwards `built` holds the previous site (or nothing)."""
    # Lock the parent directory itself (flock works on directories): no lock file left over.
    descriptor = os.open(out_dir.parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
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
