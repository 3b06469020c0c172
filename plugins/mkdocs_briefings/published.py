"""A published site's sitemap, read from a file or fetched over http(s), for `briefings check`
to compare the briefings' addresses with what readers and search engines know.

A sitemap index (the site's sitemap.xml lists sitemap-pages.xml) is followed one level: the
sitemaps it names are fetched, or for a file read from the same folder. Gzip-compressed
sitemaps (sitemap.xml.gz) are read too. Only ``<loc>`` texts are looked at (no XML parser, so
no entity tricks); every failure is one line a person can act on (`SitemapError`).
"""

from __future__ import annotations

import html
import http.client
import posixpath
import re
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .importer.fetch import USER_AGENT, _reason

TIMEOUT = 20.0
"""Seconds to wait for the server to connect and for each read."""
MAX_SITEMAP_BYTES = 50_000_000
"""The sitemap protocol's limit for one sitemap, uncompressed (50 MB, 50,000 addresses)."""
MAX_CHILD_SITEMAPS = 50
"""Sitemaps followed from an index: a site has a handful (pages, news)."""

_LOC = re.compile(r"<loc>([^<]*)</loc>")
_INDEX = re.compile(r"<(?:\w+:)?sitemapindex\b")


class SitemapError(Exception):
    """A sitemap that could not be read; ``str()`` is the one-line reason."""


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) address rather than a file."""
    return urlsplit(source).scheme.casefold() in ("http", "https")


def read_sitemaps(
    source: str, *, timeout: float = TIMEOUT, cwd: Path | None = None
) -> list[tuple[str, str]]:
    """The text of the sitemap at ``source`` (a file or an http(s) address), or of each
    sitemap its index names, as (where it was read, its text).

    Raises:
        SitemapError: when it (or a sitemap its index names) cannot be read, is too large, or
            is not a sitemap.
    """
    text = _read(source, timeout=timeout, cwd=cwd)
    if not _INDEX.search(text):
        _check_sitemap(source, text)
        return [(source, text)]
    children = [html.unescape(loc.strip()) for loc in _LOC.findall(text)]
    if len(children) > MAX_CHILD_SITEMAPS:
        raise SitemapError(
            f"{source}: the index names {len(children)} sitemaps; at most "
            f"{MAX_CHILD_SITEMAPS} are followed"
        )
    found = []
    for child in children:
        where = _child_source(source, child)
        child_text = _read(where, timeout=timeout, cwd=cwd)
        _check_sitemap(where, child_text)
        found.append((where, child_text))
    return found


def _child_source(index: str, child: str) -> str:
    """Where a sitemap named by an index is read: its address when the index was fetched; for
    an index file, the file of the same name beside it (a copy of the site holds both)."""
    if is_url(index):
        return urljoin(index, child)
    name = posixpath.basename(urlsplit(child).path)
    if not name:
        raise SitemapError(f"{index}: names a sitemap without a file name: {child}")
    return posixpath.join(posixpath.dirname(index), name)


def _check_sitemap(source: str, text: str) -> None:
    if "<urlset" not in text:
        raise SitemapError(f"{source}: not a sitemap (no <urlset> or <sitemapindex>)")


def _read(source: str, *, timeout: float, cwd: Path | None) -> str:
    content = _fetch(source, timeout) if is_url(source) else _read_file(source, cwd)
    if content[:2] == b"\x1f\x8b":
        content = _gunzip(source, content)
    return content.decode("utf-8", errors="replace")


def _read_file(source: str, cwd: Path | None) -> bytes:
    path = Path(source) if cwd is None else cwd / source
    try:
        with path.open("rb") as file:
            content = file.read(MAX_SITEMAP_BYTES + 1)
    except OSError as exc:
        raise SitemapError(f"{source}: cannot read it: {exc.strerror or exc}") from None
    _check_size(source, len(content))
    return content


def _fetch(url: str, timeout: float) -> bytes:
    if not urlsplit(url).netloc:
        raise SitemapError(f"{url}: the address names no server (write it as https://host/path)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if not is_url(response.geturl()):
                raise SitemapError(f"{url}: redirected to {response.geturl()}, not a web address")
            content: bytes = response.read(MAX_SITEMAP_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise SitemapError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise SitemapError(f"{url}: {_reason(exc)}") from None
    except http.client.HTTPException as exc:  # an answer cut short, or not HTTP at all
        raise SitemapError(f"{url}: the answer could not be read ({type(exc).__name__})") from None
    _check_size(url, len(content))
    return content


def _gunzip(source: str, content: bytes) -> bytes:
    inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(content, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise SitemapError(f"{source}: not a readable gzip file ({exc})") from None
    _check_size(source, len(out))
    return out


def _check_size(source: str, size: int) -> None:
    if size > MAX_SITEMAP_BYTES:
        raise SitemapError(
            f"{source}: larger than {MAX_SITEMAP_BYTES // 1_000_000} MB, the limit of a sitemap"
        )
