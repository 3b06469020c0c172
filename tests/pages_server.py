"""A static server that behaves like GitHub Pages for the tests: a site under a path prefix.

GitHub Pages serves a project site at ``https://<user>.github.io/<repo>/`` and answers a
missing path with the site's own 404.html (status 404). This server does the same on
127.0.0.1, so tests can prove that every link, asset, feed and search result of a site built
for a sub-path resolves under it, and that nothing escapes to the domain root.
"""

from __future__ import annotations

import contextlib
import functools
import posixpath
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator

LOCAL_HOST = "127.0.0.1"


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

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
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
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="pages-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
