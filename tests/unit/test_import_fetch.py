"""importer.fetch: pages served from 127.0.0.1 (no other network), and every failure in one line."""

from __future__ import annotations

import socket
import time
import urllib.error
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

import pytest

from mkdocs_briefings.importer.fetch import (
    USER_AGENT,
    FetchError,
    _reason,
    decode_page,
    fetch_page,
    import_url,
    is_address,
)

from ..conftest import DATA
from ..pages_server import serve_handler

if TYPE_CHECKING:
    from collections.abc import Iterator

ARTICLE = (DATA / "import" / "folder" / "velmora-herald-spillway.html").read_bytes()
LATIN1 = (
    "<html><head><title>Brännström: ferry à l'heure</title></head><body><article>"
    "<h1>Brännström: ferry à l'heure</h1>"
    "<p>Zoë Brännström, the harbour master of Ölvik, said the ferry would run on time from "
    "Monday, after a week of delays caused by the storm over the Skärsund strait.</p>"
    "<p>The ferry company of Ölvik said it had repaired both engines of the older vessel and "
    "that the timetable would be the same as before the storm – “as good as new”.</p>"
    "</article></body></html>"
).encode("cp1252")  # declared as ISO-8859-1, as such pages often are

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE),
    "/latin1.html": (200, {"Content-Type": "text/html; charset=ISO-8859-1"}, LATIN1),
    "/moved": (302, {"Location": "/article.html"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"),
    "/broken": (500, {"Content-Type": "text/html"}, b"<h1>Oops</h1>"),
    "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
    "/big.html": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
    "/empty.html": (200, {"Content-Type": "text/html"}, b"<html><body></body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.0)
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        if self.path == "/agent":  # echoes the request's User-Agent
            agent = self.headers.get("User-Agent", "").encode()
            status, headers, body = 200, {"Content-Type": "text/plain"}, agent
        length = len(body)
        if self.path == "/cut":  # promises more than it sends, then closes the connection
            status, headers, body, length = 200, {"Content-Type": "text/html"}, b"<p>Half", 1000
            self.close_connection = True
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
            return

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is the assertions'."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_handler(_Handler) as address:
        yield address


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1, whatever proxy the machine sets."""
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_a_page_is_imported_with_its_address(server: str) -> None:
    draft = import_url(f"{server}/article.html")
    assert draft.data["title"] == "Tarsen dam spillway opened as storm fills reservoir"
    assert draft.source_name == f"{server}/article.html"
    assert draft.data["sources"]["velmora-herald"] == {
        "name": "The Velmora Herald",
        "url": f"{server}/article.html",  # the address it was fetched from
    }


def test_redirects_are_followed_and_the_final_address_kept(server: str) -> None:
    page = fetch_page(f"{server}/moved")
    assert page.url == f"{server}/article.html"
    assert page.content == ARTICLE
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"


def test_the_declared_charset_is_honoured(server: str) -> None:
    draft = import_url(f"{server}/latin1.html")
    text = " ".join(str(b.get("paragraph", "")) for b in draft.data["body"])
    assert "Zoë Brännström, the harbour master of Ölvik" in text
    assert "before the storm – “as good as new”." in text  # windows-1252's quotes and dash


def test_a_user_agent_is_sent(server: str) -> None:
    page = fetch_page(f"{server}/agent")
    assert page.content.decode() == USER_AGENT
    assert page.content_type == "text/plain"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/broken", "the server answered 500 Internal Server Error"),
        ("/photo.png", "the address serves image/png, not a web page"),
    ],
)
def test_http_failures_are_one_line(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError) as exc:
        fetch_page(f"{server}{path}")
    assert str(exc.value) == message


def test_a_redirect_loop_is_an_error(server: str) -> None:
    with pytest.raises(FetchError, match="the server answered 30"):
        fetch_page(f"{server}/loop")


def test_a_page_over_the_limit_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match=r"the page is .*; at most 0.001 MB can be imported"):
        fetch_page(f"{server}/big.html", max_bytes=1000)


def test_a_slow_server_times_out(server: str) -> None:
    with pytest.raises(FetchError, match="did not answer in time"):
        fetch_page(f"{server}/slow", timeout=0.2)


def test_a_refused_connection() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="the server refused the connection"):
        fetch_page(f"http://127.0.0.1:{port}/")


def test_a_name_that_does_not_resolve_is_said_so() -> None:
    """Without a DNS query: the message for the resolver's error."""
    error = urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))
    assert _reason(error).startswith("the server's name could not be found")


@pytest.mark.parametrize("url", ["ftp://example.org/page", "file:///etc/passwd"])
def test_only_web_addresses(url: str) -> None:
    with pytest.raises(FetchError, match="only http:// and https:// addresses"):
        fetch_page(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://", r"the address names no server"),
        ("https://[::1", r"not a valid address: Invalid IPv6 URL"),
        ("http://127.0.0.1:1/a page", r"not a valid address: URL can't contain control"),
    ],
)
def test_an_invalid_address_is_one_line(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_page(url)


def test_an_answer_cut_short_is_one_line(server: str) -> None:
    with pytest.raises(FetchError, match=r"the server sent 7 of 1,000 bytes; try again"):
        fetch_page(f"{server}/cut")


def test_is_address() -> None:
    assert is_address("https://example.org/a")
    assert is_address("HTTP://example.org/a")
    assert is_address("ftp://example.org/a")  # an address, refused by fetch_page
    assert not is_address("saved/https-page.html")
    assert not is_address("C://saved/page.html")  # a drive, not a scheme


@pytest.mark.parametrize(
    ("content", "charset", "text"),
    [
        ("Brännström".encode("iso-8859-1"), "iso8859-1", "Brännström"),
        ("“Ölvik”".encode("cp1252"), "cp1252", "“Ölvik”"),
        ("Brännström".encode(), None, "Brännström"),
        (b"\xef\xbb\xbfBr\xc3\xa4nn", "iso8859-1", "Bränn"),  # the BOM wins over the header
        ("Brännström".encode(), "ascii", "Brännström"),  # a wrong header: the bytes decide
        ("Brännström".encode("utf-16"), "iso8859-1", "Brännström"),  # a UTF-16 BOM
        (
            b'<meta charset="iso-8859-1"><p>Br\xe4nnstr\xf6m',
            None,
            '<meta charset="iso-8859-1"><p>Brännström',
        ),
    ],
)
def test_decode_page(content: bytes, charset: str | None, text: str) -> None:
    assert decode_page(content, charset) == text
