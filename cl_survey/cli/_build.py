"""`cl-survey build` and `cl-survey serve`: the static site from a catalog."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from cl_survey._errors import CatalogError, ClSurveyError
from cl_survey.catalog import bundled_catalog_path, load_catalog
from cl_survey.cli._common import catalog_option
from cl_survey.cli._output import format_diagnostics
from cl_survey.cli._progress import BuildProgress
from cl_survey.publish import (
    LiveSite,
    build_site,
    catalog_snapshot,
    check_repo_url,
    check_site_url,
    start_server,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from cl_survey.publish import BuildResult

__all__ = ["build_command", "serve_command"]

F = TypeVar("F", bound="Callable[..., Any]")
DEFAULT_OUT = Path("_site")
POLL_SECONDS = 1.0


REPO_URL_HELP = (
    "https URL of the repository holding the catalog; record pages get an 'edit this page' "
    "button opening their YAML there (e.g. https://github.com/OWNER/REPO)."
)


SITE_URL_HELP = (
    "https address the site will be served from; the Atom feeds' links are absolute under it "
    "(e.g. https://OWNER.github.io/REPO/)."
)


def url_options(function: F) -> F:
    repo = click.option("--repo-url", envvar="CL_SURVEY_REPO_URL", default=None, help=REPO_URL_HELP)
    site = click.option("--site-url", envvar="CL_SURVEY_SITE_URL", default=None, help=SITE_URL_HELP)
    return repo(site(function))


def _build(
    catalog_dir: Path | None,
    out_dir: Path,
    console: Console,
    repo_url: str | None,
    site_url: str | None,
) -> BuildResult:
    # Refused before the catalog is loaded, which takes seconds at 10,000 papers.
    check_repo_url(repo_url)
    check_site_url(site_url)
    with BuildProgress(console) as progress:
        progress.step("loading the catalog")
        catalog = load_catalog(catalog_dir)
        return build_site(
            catalog,
            out_dir,
            on_step=progress.step,
            on_progress=progress.pages,
            repo_url=repo_url,
            site_url=site_url,
        )


def _report_catalog_error(error: CatalogError) -> None:
    click.echo(format_diagnostics(error.diagnostics, "text"), err=True)
    errors = sum(1 for d in error.diagnostics if d.severity == "error")
    click.echo(f"cl-survey: the catalog has {errors} error(s); the site was not built", err=True)


@click.command("build")
@catalog_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Directory to put the site in; it is replaced as a whole when the build succeeds.",
)
@url_options
def build_command(
    catalog_dir: Path | None, out_dir: Path, repo_url: str | None, site_url: str | None
) -> None:
    """Generate the pages from the catalog and build the static site with MkDocs.

    A failed build leaves the previous site in OUT as it was.
    """
    console = Console(stderr=True)
    try:
        result = _build(catalog_dir, out_dir, console, repo_url, site_url)
    except CatalogError as error:
        _report_catalog_error(error)
        raise click.exceptions.Exit(1) from None
    click.echo(
        f"built {result.pages} pages into {result.out_dir} in {result.seconds:.1f} s; "
        f"open {result.out_dir / 'index.html'}"
    )


@click.command("serve")
@catalog_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@url_options
def serve_command(
    catalog_dir: Path | None, port: int, repo_url: str | None, site_url: str | None
) -> None:
    """Build the site, serve it on 127.0.0.1 and rebuild when a catalog file changes."""
    console = Console(stderr=True)
    root = catalog_dir if catalog_dir is not None else bundled_catalog_path()
    # Stopped by a service manager (SIGTERM) rather than Ctrl+C: still clean up on the way out.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(0))
    workspace = Path(tempfile.mkdtemp(prefix="cl-survey-serve-"))
    live = LiveSite(workspace, repo_url=repo_url, site_url=site_url)
    out_dir = live.site_dir
    try:
        snapshot = catalog_snapshot(root)
        try:
            with console.status("loading the catalog and building the site"):
                live.rebuild(load_catalog(catalog_dir))
        except CatalogError as error:
            _report_catalog_error(error)
            raise click.exceptions.Exit(1) from None
        try:
            server = start_server(out_dir, port)
        except OSError as error:
            msg = f"cannot serve on 127.0.0.1:{port}: {error.strerror}; try another --port"
            raise click.UsageError(msg) from None
        click.echo(
            f"serving http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop); "
            f"watching {root} for changes"
        )
        try:
            _watch(catalog_dir, root, live, snapshot, console)
        finally:
            server.shutdown()
            server.server_close()
    finally:
        live.close()  # a search index update still running would write into the workspace
        shutil.rmtree(workspace, ignore_errors=True)


def _watch(
    catalog_dir: Path | None,
    root: Path,
    live: LiveSite,
    snapshot: dict[str, tuple[int, int]],
    console: Console,
) -> None:
    """Rebuild after every change; a broken catalog keeps the last good site being served."""
    while True:
        time.sleep(POLL_SECONDS)
        current = catalog_snapshot(root)
        if current == snapshot:
            continue
        snapshot = current
        click.echo("catalog changed; rebuilding")
        try:
            with console.status("rebuilding"):
                update = live.rebuild(load_catalog(catalog_dir))
        except CatalogError as error:
            _report_catalog_error(error)
            click.echo("still serving the last good build; fix the catalog to rebuild")
        except ClSurveyError as error:
            click.echo(f"cl-survey: error: {error}", err=True)
        else:
            if update.full:
                click.echo(f"rebuilt all {update.pages_total} pages in {update.seconds:.1f} s")
            else:
                click.echo(
                    f"generated {update.pages_generated} of {update.pages_total} pages again,"
                    f" {update.pages_written} changed and rebuilt, in {update.seconds:.1f} s;"
                    " the search index follows in the background"
                )
        if live.search_error is not None:
            click.echo(f"cl-survey: the search index was not updated: {live.search_error}")
