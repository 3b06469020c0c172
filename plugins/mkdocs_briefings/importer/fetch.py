"""A web address -> the page's bytes, its declared charset and final address -> a draft.

Only http and https; redirects followed (urllib's handler, which stops redirect loops); a
timeout; at most `MAX_PAGE_BYTES` read; every failure one line a person can act on.
"""

from __future__ import annotations

import codecs
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .draft import MAX_PAGE_BYTES, PAGE_HINT, Draft, check_size
from .files import charset_codec, decode_html
from .html import import_html
from .text import import_text

if TYPE_CHECKING:
    import datetime as dt
    from email.message import Message

TIMEOUT = 20.0
"""Seconds to wait for the server to connect and for each read."""
USER_AGENT = "mkdocs-briefings (briefings import)"
"""Sent with each request: some servers refuse requests that name no client."""
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


class FetchError(Exception):
    """A page that could not be fetched; ``str()`` is the one-line reason for the editor."""


@dataclass(frozen=True)
class Page:
    """A fetched page.

    Attributes:
        url: The address the page was served from (after redirects).
        content: The body as sent.
        content_type: The media type without parameters, e.g. "text/html".
        charset: The charset the response declares, if any.
    """

    url: str
    content: bytes
    content_type: str
    charset: str | None


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")
"""'https://', 'ftp://', ...: two letters or more, so that a drive ('C://') is a path."""


def is_address(text: str) -> bool:
    """Whether a command-line source is an address ('scheme://...') rather than a file.

    Why any scheme: 'ftp://host/page' is no file either; `fetch_page` says which it takes.
    """
    return _SCHEME.match(text) is not None


def _reason(exc: BaseException) -> str:
    """One line for a failed request: DNS, refused, timeout, TLS, or what the OS says."""
    cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(cause, socket.gaierror):
        return "the server's name could not be found (check the address, or the network)"
    if isinstance(cause, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(cause, TimeoutError | socket.timeout):
        return "the server did not answer in time (try --timeout with more seconds)"
    if isinstance(cause, ssl.SSLError):
        return f"the secure connection failed: {getattr(cause, 'reason', None) or cause}"
    if isinstance(cause, OSError):
        return cause.strerror or str(cause)
    return str(cause)


def fetch_page(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_PAGE_BYTES) -> Page:
    """Fetch a page over http or https.

    Args:
        url: The address.
        timeout: Seconds to wait for the connection and for each read.
        max_bytes: The largest body read; a larger one is refused.

    Returns:
        The page.

    Raises:
        FetchError: for an invalid address or another scheme, a failed connection (name not
            found, refused, timed out), an HTTP error status, an answer cut short or
            unreadable, a body over ``max_bytes``, or content that is not a web page or text.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # 'https://[::1'
        raise FetchError(f"not a valid address: {exc}") from None
    if parts.scheme.casefold() not in ("http", "https"):
        raise FetchError("only http:// and https:// addresses can be imported")
    if not parts.netloc:
        raise FetchError("the address names no server (write it as https://host/page)")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            final = response.geturl()
            if urlsplit(final).scheme.casefold() not in ("http", "https"):
                raise FetchError(f"redirected to {final}, which is not a web address")
            headers: Message = response.headers
            declared = headers.get("Content-Length")
            if declared and declared.isdigit():
                _check_size(int(declared), max_bytes)
            content = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the error page's open response
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(_reason(exc)) from None
    except http.client.InvalidURL as exc:  # a space or a control character in it
        raise FetchError(f"not a valid address: {exc}") from None
    except http.client.HTTPException as exc:  # a body cut short, an answer that is not HTTP
        raise FetchError(f"the server's answer could not be read ({type(exc).__name__})") from None
    _check_size(len(content), max_bytes)
    if declared and declared.isdigit() and len(content) < int(declared):
        # Why: urllib returns what came before the connection closed; half an article
        # would make a draft that silently lacks the rest.
        raise FetchError(f"the server sent {len(content):,} of {int(declared):,} bytes; try again")
    content_type = headers.get_content_type()
    if content_type not in (*_HTML_TYPES, *_TEXT_TYPES):
        raise FetchError(f"the address serves {content_type}, not a web page")
    return Page(url=final, content=content, content_type=content_type, charset=_charset(headers))


def _check_size(size: int, limit: int) -> None:
    try:
        check_size(size, limit, "page", PAGE_HINT)
    except ValueError as exc:
        raise FetchError(str(exc)) from None


def _charset(headers: Message) -> str | None:
    """The response's declared charset, if Python knows it (latin-1 read as windows-1252)."""
    charset = headers.get_content_charset()
    return charset_codec(charset) if charset else None


def decode_page(content: bytes, charset: str | None) -> str:
    """A fetched page's text: its byte order mark, else the declared charset, else as saved files.

    Why this order: it is the HTML standard's (a BOM wins over the HTTP header, which wins
    over the page's own <meta charset>); without a header the page is decoded like a saved
    page (`files.decode_html`), which reads the page's own declaration.
    """
    if charset and not content.startswith(_BOMS):
        try:
            return content.decode(charset)
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall back to what the bytes say
    return decode_html(content)


def import_url(
    url: str,
    *,
    timeout: float = TIMEOUT,
    year: int | None = None,
    today: dt.date | None = None,
) -> Draft:
    """Fetch a page and draft a briefing from it, like a saved file, with its address.

    Args:
        url: The page's address; the source is credited with it (after redirects).
        timeout: Seconds to wait for the connection and for each read.
        year: Year for dates written without one.
        today: The reading date for guessing a year from a weekday (default: today).

    Returns:
        The draft, with ``source_name`` set to ``url``.

    Raises:
        FetchError: see `fetch_page`.
    """
    page = fetch_page(url, timeout=timeout)
    text = decode_page(page.content, page.charset)
    if page.content_type in _TEXT_TYPES:
        return import_text(text, year=year, name=url, today=today)
    return import_html(text, url=page.url, year=year, name=url, today=today)
