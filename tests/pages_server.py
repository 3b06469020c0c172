"""A static server that behaves like GitHub Pages for the tests: a site under a path prefix.

GitHub Pages serves a project site at ``https://<user>.github.io/<repo>/`` and answers a
missing path with the site's own 404.html (status 404). This server does the same on
127.0.0.1, so tests can prove that every link, asset, feed and search result of a site built
for a sub-path resolves under it, and that nothing escapes to the domain root.

Like GitHub Pages, it sends text (HTML, CSS, JavaScript, JSON, XML, SVG) gzip-compressed to a
client that asks for it (``Accept-Encoding: gzip``, as browsers do), so what Lighthouse measures
in the browser tests is what a reader downloads. Clients that do not ask (urllib) get the file
as it is on disk.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import posixpath
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from socketserver import BaseRequestHandler

LOCAL_HOST = "127.0.0.1"
# What GitHub Pages compresses: text types. Images other than SVG, fonts and archives are
# compressed already and are sent as they are.
COMPRESSED_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
)


@functools.lru_cache(maxsize=512)
def _gzip(path: str, mtime_ns: int) -> bytes:
    """``path`` gzip-compressed; cached per file version (the key holds its mtime)."""
    del mtime_ns  # part of the cache key only
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; anything else gets the site's 404.html."""

    def __init__(self, *args: Any, directory: str, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)

    def translate_path(self, path: str) -> str:
        """Paths outside the prefix map to nothing (so they 404), like another repo's site."""
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-prefix" / "missing")
        relative = posixpath.normpath("/" + path[len(self.prefix) :])
        return super().translate_path(relative + ("/" if path.endswith("/") else ""))

    def accepts_gzip(self) -> bool:
        return "gzip" in self.headers.get("Accept-Encoding", "")

    def send_head(self) -> IO[bytes] | None:  # type: ignore[override]
        """A text file gzip-compressed for a client that accepts it; anything else as stock."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if not (
            self.accepts_gzip()
            and Path(path).suffix in COMPRESSED_SUFFIXES
            and os.path.isfile(path)
        ):
            return super().send_head()
        stat = os.stat(path)
        body = _gzip(path, stat.st_mtime_ns)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.accepts_gzip():
            body = _gzip(str(page), page.stat().st_mtime_ns)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests report what matters."""


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` at http://127.0.0.1:<free port><prefix>; yields that base URL."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    handler = functools.partial(PagesHandler, directory=str(directory), prefix=prefix)
    with serve_handler(handler) as address:
        yield f"{address}{prefix}"


@contextlib.contextmanager
def serve_handler(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """Serve with ``handler`` at http://127.0.0.1:<free port> in a thread; yields that address
    (without a slash at the end) and stops the server when the block ends."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="pages-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
