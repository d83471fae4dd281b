"""`cl-survey links`: URL form offline; with --check, resolution against a local HTTPS server.

Nothing here touches the internet: the server listens on 127.0.0.1 with a certificate made
for the test, which the client trusts through SSL_CERT_FILE.
"""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pytest

from cl_survey.curate._links import form_problems

if TYPE_CHECKING:
    from collections.abc import Iterator

BUNDLED = Path(__file__).parent.parent.parent / "catalog"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://example.org/a", "uses http://; links must start with https://"),
        ("https://example.org/a b", "contains white space"),
        ("https:///path-only", "has no host name"),
        ("https://exa_mple.org/", "host 'exa_mple.org' is not a valid domain name"),
        ("https://localhost/x", "host 'localhost' is not a valid domain name"),
        ("https://example.org:99999/", "has an invalid port number"),
        ("https://example.org/a.", "ends with '.', probably punctuation copied with the link"),
        ("https://example.org/a)", "ends with ')'"),
        ("github.com/org/repo", "uses no scheme; links must start with https://"),
    ],
)
def test_badly_written_urls_are_named(url, problem):
    assert any(found.startswith(problem) for found in form_problems(url)), form_problems(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "https://en.wikipedia.org/wiki/Catastrophic_interference_(neural_networks)",
        "https://xn--bcher-kva.example/path?q=1#frag",
        "https://bücher.example/",
    ],
)
def test_well_written_urls_pass(url):
    assert form_problems(url) == []


def test_offline_check_names_file_line_and_column(run_cli, catalog_copy):
    path = catalog_copy / "papers" / "beta2020second.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("'https://example.org/beta'", "'http://example.org/beta'"), encoding="utf-8"
    )

    result = run_cli("links", str(catalog_copy))

    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:16:11: error: http://example.org/beta uses http://; links must start with https://\n"
    )


def test_the_bundled_catalog_links_are_well_formed(run_cli):
    result = run_cli("links", str(BUNDLED))

    assert result.exit_code == 0, result.stdout


# Resolving against a local server --------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str]]] = []

    def do_HEAD(self) -> None:  # the name http.server dispatches to
        self.requests.append(("HEAD", self.path))
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(200 if self.path in {"/ok", "/also-ok"} else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.requests.append(("GET", self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  # overridden signature
        """Quiet: the test reads the request list instead."""


@pytest.fixture
def local_https(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """https://127.0.0.1:PORT, served with a certificate this process is told to trust."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail(
            "the openssl command is needed to make a test certificate: apt-get install openssl"
        )
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # fixed arguments, no shell
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    _Handler.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _catalog_linking_to(root: Path, base: str) -> Path:
    papers = root / "papers"
    papers.mkdir(parents=True)
    (papers / "linky2024paper.yaml").write_text(
        "id: linky2024paper\n"
        "links:\n"
        f"  paper: {base}/ok\n"
        f"  code: {base}/gone\n"
        f"  project: {base}/no-head\n"
        "sources:\n"
        f"- {base}/moved\n"
        f"- {base}/also-ok\n",
        encoding="utf-8",
    )
    return papers / "linky2024paper.yaml"


def test_check_reports_dead_links_at_their_line_and_caches_the_live_ones(
    run_cli, tmp_path, local_https
):
    catalog = tmp_path / "catalog"
    record = _catalog_linking_to(catalog, local_https)
    cache = tmp_path / "cache" / "links.json"
    args = ("links", "--check", "--delay", "0", "--cache", str(cache), str(catalog))

    first = run_cli(*args)
    first_requests = list(_Handler.requests)
    _Handler.requests.clear()
    second = run_cli(*args)

    assert first.exit_code == 1
    assert first.stdout == f"{record}:4:9: error: {local_https}/gone: HTTP 404\n"
    # HEAD first; GET where HEAD is refused (405); the redirect is followed (urllib uses GET).
    assert sorted(first_requests) == [
        ("GET", "/no-head"),
        ("GET", "/ok"),
        ("HEAD", "/also-ok"),
        ("HEAD", "/gone"),
        ("HEAD", "/moved"),
        ("HEAD", "/no-head"),
        ("HEAD", "/ok"),
    ]
    # Live links come from the cache the second time; only the dead one is asked again.
    assert second.stdout == first.stdout
    assert _Handler.requests == [("HEAD", "/gone")]


def test_max_age_zero_asks_again(run_cli, tmp_path, local_https):
    catalog = tmp_path / "catalog"
    _catalog_linking_to(catalog, local_https)
    cache = tmp_path / "links.json"
    args = ("links", "--check", "--delay", "0", "--cache", str(cache), "--max-age", "0")

    run_cli(*args, str(catalog))
    _Handler.requests.clear()
    run_cli(*args, str(catalog))

    assert len(_Handler.requests) == 7


def test_an_unreachable_host_is_reported_not_raised(run_cli, tmp_path):
    catalog = tmp_path / "catalog"
    # Port 9 (discard) on the loopback address: nothing listens, the connection is refused.
    record = _catalog_linking_to(catalog, "https://127.0.0.1:9")

    result = run_cli(
        "links", "--check", "--delay", "0", "--cache", str(tmp_path / "c.json"), str(catalog)
    )

    assert result.exit_code == 1
    assert f"{record}:3:10: error: https://127.0.0.1:9/ok: unreachable:" in result.stdout
    assert "Traceback" not in result.stderr
