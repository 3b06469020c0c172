"""A saved file -> draft, chosen by its suffix."""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from .draft import ARTICLE_HINT, MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, PAGE_HINT, Draft, check_size
from .html import import_html
from .markdown import import_markdown
from .text import import_text

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<name>[\w.:-]+)""", re.IGNORECASE)


def _decode_by_bom(raw: bytes) -> str | None:
    """The text, decoded as its byte-order mark says; None without one."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name, errors="replace")
    return None


def _decode(raw: bytes) -> str:
    """A text or Markdown file's text: its byte-order mark, else UTF-8, else windows-1252."""
    if (text := _decode_by_bom(raw)) is not None:
        return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # pages saved by older Windows browsers


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares in its first 4 kB (``<meta charset>``, http-equiv)."""
    match = _DECLARED.search(raw[:4096])
    if match is None:
        return None
    return charset_codec(match["name"].decode("ascii", errors="replace"))


def charset_codec(charset: str) -> str | None:
    """Python's codec for a charset a page or its server declares; None if Python has none.

    Why latin-1 and ascii become windows-1252: browsers read them so (WHATWG Encoding), and
    such pages do use its curly quotes and dashes (bytes 0x80-0x9f).
    """
    try:
        name = codecs.lookup(charset.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def decode_html(raw: bytes) -> str:
    """A saved page's text, decoded as the page says it is encoded.

    In order: a byte-order mark; UTF-8, when the bytes are valid UTF-8 (a page saved by a
    browser is re-encoded in UTF-8 but often keeps its old declaration, and other encodings'
    text is almost never valid UTF-8); the charset the page declares; charset_normalizer's
    guess; windows-1252, with replacement characters for what it cannot read.

    Args:
        raw: The page's bytes.

    Returns:
        The page's text.
    """
    if (text := _decode_by_bom(raw)) is not None:
        return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(raw)
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # trafilatura's dependency

    guess = from_bytes(raw).best()
    if guess is not None and guess.encoding:
        return str(guess)
    return raw.decode("cp1252", errors="replace")


def import_file(path: Path, *, year: int | None = None, today: dt.date | None = None) -> Draft:
    """Draft a briefing from a saved file, chosen by its suffix: .txt, .html/.htm or .md.

    Args:
        path: The file.
        year: Year for dates written without one (text pages).
        today: The reading date for guessing a year from a weekday (default: today).

    Returns:
        The draft, with ``source_name`` set to the file's name.

    Raises:
        ValueError: for another suffix, or a file larger than `MAX_PAGE_BYTES` (HTML) or
            `MAX_ARTICLE_BYTES` (text, Markdown), or binary data (a NUL character).
        OSError: if the file cannot be read.
    """
    suffix = path.suffix.casefold()
    if suffix not in (".html", ".htm", ".txt", ".md", ".markdown"):
        raise ValueError(
            f"cannot import {suffix or 'files without a suffix'}; use .txt, .html or .md"
        )
    is_html = suffix in (".html", ".htm")
    if is_html:
        check_size(path.stat().st_size, MAX_PAGE_BYTES, "file", PAGE_HINT)
    else:
        check_size(path.stat().st_size, MAX_ARTICLE_BYTES, "file", ARTICLE_HINT)
    raw = path.read_bytes()
    text = decode_html(raw) if is_html else _decode(raw)
    if "\x00" in text:  # Why: text never holds NUL; an image or PDF renamed would be drafted
        raise ValueError(f"not a text file (binary data under a {suffix} name)")
    if suffix == ".txt":
        return import_text(text, year=year, name=path.name, today=today)
    if is_html:
        return import_html(text, year=year, name=path.name, today=today)
    return import_markdown(text, name=path.name)
