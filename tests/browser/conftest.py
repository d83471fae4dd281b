"""Real Chromium (Debian's, driven by Playwright) against built sites on 127.0.0.1.

Chromium is required: without it these tests fail with how to install it, never skip.
Every request to anything but 127.0.0.1 is aborted and recorded, so a test can assert
that the site asked for nothing outside itself.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

from cl_survey import Catalog, load_catalog
from cl_survey.publish._build import build_site

if TYPE_CHECKING:
    from collections.abc import Iterator

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FIXTURE_CATALOG = Path(__file__).resolve().parents[1] / "fixtures" / "catalog"
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_SUMMARY = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ config }} {% raw %}"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """No request log in the test output."""


@dataclass
class Served:
    """A built site on 127.0.0.1."""

    root: Path
    url: str


def _serve(root: Path) -> Iterator[Served]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The fixture catalog's site: known content."""
    out = tmp_path_factory.mktemp("fixture-site") / "site"
    build_site(load_catalog(FIXTURE_CATALOG), out)
    yield from _serve(out)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The bundled catalog's site: what users see."""
    out = tmp_path_factory.mktemp("bundled-site") / "site"
    build_site(load_catalog(), out)
    yield from _serve(out)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A fixture copy whose paper alpha2019first has a hostile title and summary."""
    catalog_dir = tmp_path_factory.mktemp("hostile") / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog_dir)
    paper = catalog_dir / "papers" / "alpha2019first.yaml"
    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    record["title"] = HOSTILE_TITLE
    record["summary"]["en"] = HOSTILE_SUMMARY
    paper.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    catalog: Catalog = load_catalog(catalog_dir)
    out = catalog_dir.parent / "site"
    build_site(catalog, out)
    yield from _serve(out)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}; the browser tests need it. Install it "
            "with `make tools` (runs scripts/install-test-tools: apt-get install chromium)."
        )
    # launch() gives Chromium a fresh, temporary user-data-dir of its own every time.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Session:
    """A browser context with what it tried to reach and what went wrong in it."""

    context: BrowserContext
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("dialog", self._dialog)
        return page

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def _new_session(browser: Browser, width: int) -> Session:
    context = browser.new_context(viewport={"width": width, "height": 900})
    session = Session(context)

    def guard(route: Route) -> None:
        address = urlsplit(route.request.url)
        # The served site, or a copy of it opened as files: neither leaves the machine.
        if address.hostname == "127.0.0.1" or address.scheme == "file":
            route.continue_()
        else:
            session.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return session


@pytest.fixture
def session(browser: Browser) -> Iterator[Session]:
    made = _new_session(browser, 1280)
    yield made
    made.context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Session]:
    made = _new_session(browser, 390)
    yield made
    made.context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
