"""A saved file -> draft, chosen by its suffix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .draft import ARTICLE_HINT, MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, PAGE_HINT, Draft, check_size
from .html import import_html
from .markdown import import_markdown
from .text import import_text

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # pages saved by older Windows browsers


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
            `MAX_ARTICLE_BYTES` (text, Markdown).
        OSError: if the file cannot be read.
    """
    suffix = path.suffix.casefold()
    if suffix in (".html", ".htm"):
        check_size(path.stat().st_size, MAX_PAGE_BYTES, "file", PAGE_HINT)
    elif suffix in (".txt", ".md", ".markdown"):
        check_size(path.stat().st_size, MAX_ARTICLE_BYTES, "file", ARTICLE_HINT)
    text = _decode(path.read_bytes())
    if suffix == ".txt":
        return import_text(text, year=year, name=path.name, today=today)
    if suffix in (".html", ".htm"):
        return import_html(text, year=year, name=path.name, today=today)
    if suffix in (".md", ".markdown"):
        return import_markdown(text, name=path.name)
    raise ValueError(f"cannot import {suffix or 'files without a suffix'}; use .txt, .html or .md")
