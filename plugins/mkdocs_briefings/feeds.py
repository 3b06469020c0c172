"""Briefings and digests -> RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents (pure functions).

Every text from YAML is escaped: it goes into HTML content through ``html.escape`` and into
XML through feedgen (lxml), so a headline like ``<b>`` reads as text in every reader. Dates
come from the YAML files only, as midnight UTC, so the same input gives byte-identical feeds.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from .times import instant

if TYPE_CHECKING:
    from collections.abc import Sequence

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "mkdocs-briefings"

#: The date of an empty feed, which has no item to take its date from.
EMPTY_FEED_DATE = dt.date(1970, 1, 1)

# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF): a YAML
# escape like "\x01" can produce them, and lxml refuses them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_web_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what} must be an absolute http(s) address, got {url!r}")
    return url


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself.

    Attributes:
        title: The feed's name, e.g. the site name.
        home_url: The absolute address of the site (or section) the feed follows.
        description: One sentence about the feed (RSS requires it).
        language: An IETF language tag.
        author: Who the entries are credited to; the feed title when left out.
        zone: The site's time zone: an item dated by a day alone is dated its midnight there.
    """

    title: str
    home_url: str
    description: str
    language: str = "en"
    author: str | None = None
    zone: dt.tzinfo = dt.UTC

    def __post_init__(self) -> None:
        """Reject what would make an invalid feed, naming the field."""
        _check_web_url(self.home_url, "home_url")
        for name in ("title", "description", "language"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} cannot be empty")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, the same for every format.

    Attributes:
        url: The page's absolute address; also the entry's id.
        title: The headline, plain text.
        published: Date (or aware date-time) of first publication.
        modified: Date (or aware date-time) of the last change.
        content_html: The entry's body as HTML, every text in it escaped.
        summary: Plain text shown by readers that do not show the content.
        categories: Category and tags, plain text.
        authors: Who wrote it, as (name, absolute address of their page or None); the feed's
            author when empty.
    """

    url: str
    title: str
    published: dt.date
    modified: dt.date
    content_html: str
    summary: str
    categories: tuple[str, ...] = ()
    authors: tuple[tuple[str, str | None], ...] = ()

    def __post_init__(self) -> None:
        """Reject a relative or non-web address: it would be a broken id and link."""
        _check_web_url(self.url, "url")


# -- documents -----------------------------------------------------------------------------------


def render_rss(info: FeedInfo, items: Sequence[FeedItem], *, feed_url: str) -> str:
    """An RSS 2.0 document with an atom:link to itself.

    Args:
        info: The feed's title, home page, description, language and author.
        items: The entries, newest first (already limited by the caller).
        feed_url: The absolute address the document is published at.

    Returns:
        UTF-8 XML text, the same for the same input.
    """
    fg = _make_generator(info, items, feed_url, "application/rss+xml")
    xml: bytes = fg.rss_str(pretty=True)
    return xml.decode("utf-8")


def render_atom(info: FeedInfo, items: Sequence[FeedItem], *, feed_url: str) -> str:
    """An Atom 1.0 document; its id is ``feed_url``.

    Args:
        info: The feed's title, home page, description, language and author.
        items: The entries, newest first (already limited by the caller).
        feed_url: The absolute address the document is published at.

    Returns:
        UTF-8 XML text, the same for the same input.
    """
    fg = _make_generator(info, items, feed_url, "application/atom+xml")
    xml: bytes = fg.atom_str(pretty=True)
    return xml.decode("utf-8")


def render_json_feed(info: FeedInfo, items: Sequence[FeedItem], *, feed_url: str) -> str:
    """A JSON Feed 1.1 document.

    Args:
        info: The feed's title, home page, description, language and author.
        items: The entries, newest first (already limited by the caller).
        feed_url: The absolute address the document is published at.

    Returns:
        JSON text, the same for the same input.
    """
    _check_web_url(feed_url, "feed_url")
    authors = [{"name": _clean(info.author or info.title)}]
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": _clean(info.title),
        "home_page_url": info.home_url,
        "feed_url": feed_url,
        "description": _clean(info.description),
        "language": info.language,
        "authors": authors,
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": _clean(item.title),
                "content_html": _clean(item.content_html),
                "summary": _clean(item.summary),
                "date_published": _to_datetime(item.published, info.zone).isoformat(),
                "date_modified": _to_datetime(item.modified, info.zone).isoformat(),
                "tags": [_clean(c) for c in item.categories],
                "authors": [_json_author(*a) for a in item.authors] or authors,
            }
            for item in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _json_author(name: str, url: str | None) -> dict[str, str]:
    return {"name": _clean(name), **({"url": url} if url else {})}


def xml_chars(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (see `_NOT_XML`)."""
    return _NOT_XML.sub("", text)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _to_datetime(moment: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return instant(moment, zone)


def _make_generator(
    info: FeedInfo, items: Sequence[FeedItem], feed_url: str, media_type: str
) -> Any:  # a feedgen FeedGenerator (feedgen has no type hints)
    _check_web_url(feed_url, "feed_url")
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(_clean(info.title))
    fg.description(_clean(info.description))
    fg.language(info.language)
    fg.author(name=_clean(info.author or info.title))
    fg.generator(GENERATOR)
    if media_type == "application/rss+xml" and any(item.authors for item in items):
        # RSS's own <author> must be an email address: bylines are Dublin Core creators.
        fg.load_extension("dc", atom=False, rss=True)
    # RSS takes the channel link from the last link added: the self link goes first.
    fg.link(href=feed_url, rel="self", type=media_type)
    fg.link(href=info.home_url, rel="alternate", type="text/html")
    # Why: feedgen dates the feed "now" unless told; the newest change keeps it reproducible.
    changed = (_to_datetime(item.modified, info.zone) for item in items)
    fg.updated(max(changed, default=_to_datetime(EMPTY_FEED_DATE, dt.UTC)))
    for item in items:
        entry = fg.add_entry(order="append")
        entry.guid(item.url, permalink=True)  # also the Atom id
        entry.title(_clean(item.title))
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(_to_datetime(item.published, info.zone))
        entry.updated(_to_datetime(item.modified, info.zone))
        entry.content(_clean(item.content_html), type="html")
        # RSS descriptions are HTML, so plain text is escaped once more to stay text.
        entry.summary(_e(_clean(item.summary)), type="html")
        for category in item.categories:
            entry.category(term=_clean(category))
        for name, url in item.authors:
            entry.author(name=_clean(name), **({"uri": url} if url else {}))
            if media_type == "application/rss+xml":
                entry.dc.dc_creator(_clean(name), replace=False)
    return fg
