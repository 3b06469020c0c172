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

from .model import Quote
from .render import format_date, join_names

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from .model import Briefing, Change, Digest, Paragraph, Source

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
    """

    title: str
    home_url: str
    description: str
    language: str = "en"
    author: str | None = None

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
        published: Date of first publication.
        modified: Date of the last change.
        content_html: The entry's body as HTML, every text in it escaped.
        summary: Plain text shown by readers that do not show the content.
        categories: Category and tags, plain text.
    """

    url: str
    title: str
    published: dt.date
    modified: dt.date
    content_html: str
    summary: str
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Reject a relative or non-web address: it would be a broken id and link."""
        _check_web_url(self.url, "url")


# -- items ---------------------------------------------------------------------------------------


def briefing_item(b: Briefing, url: str) -> FeedItem:
    """A briefing as a feed item: key points, paragraphs and quotes with credits, sources.

    Args:
        b: The briefing.
        url: The absolute address of its page.

    Returns:
        The item, dated by the briefing's published and modified dates.
    """
    parts = []
    if b.note:
        parts.append(f"<p><strong>Editor’s note:</strong> {_e(b.note)}</p>")
    parts.append(_format_list(b.key_points))
    for block in b.body:
        parts.append(_format_block(block, b.sources))
    parts.append("<h3>Sources</h3>")
    parts.append(_format_list_html(_format_source(s) for s in b.sources.values()))
    if b.updates or b.corrections:
        parts.append("<h3>Updates and corrections</h3>")
        parts.append(_format_list_html(_format_changes(b.updates, b.corrections)))
    return FeedItem(
        url=url,
        title=b.title,
        published=b.published,
        modified=b.modified,
        content_html="\n".join(parts),
        summary=" ".join(b.key_points),
        categories=tuple(dict.fromkeys([b.category, *b.tags])),
    )


def digest_item(d: Digest, url: str, briefings: Mapping[str, tuple[Briefing, str]]) -> FeedItem:
    """A digest as a feed item: each briefing's linked headline, key points and outlets.

    Args:
        d: The digest.
        url: The absolute address of its page.
        briefings: Briefing and absolute page address by slug. Slugs missing from it are left
            out (``digest.check_references`` reports them before feeds are made).

    Returns:
        The item, dated by the digest's date.
    """
    parts = [f"<p>{_e(d.note)}</p>"] if d.note else []
    groups: list[tuple[str | None, list[str]]] = [(None, d.briefings)] if d.briefings else []
    groups += [(section.title, section.briefings) for section in d.sections]
    included: list[Briefing] = []
    for heading, slugs in groups:
        found = [briefings[slug] for slug in slugs if slug in briefings]
        if heading is not None:
            parts.append(f"<h2>{_e(heading)}</h2>")
        for b, b_url in found:
            parts.append(_format_digest_entry(b, b_url))
            included.append(b)
    headlines = "; ".join(b.title for b in included)
    return FeedItem(
        url=url,
        title=d.title,
        published=d.date,
        modified=d.date,
        content_html="\n".join(parts),
        summary=d.note or headlines or d.title,
        categories=tuple(dict.fromkeys(b.category for b in included)),
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _web_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address, else None (it is then not linked)."""
    if url is None:
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _format_link(text: str, url: str | None) -> str:
    href = _web_url(url)
    return f'<a href="{_e(href)}">{_e(text)}</a>' if href else _e(text)


def _format_list(texts: Iterable[str]) -> str:
    return _format_list_html(_e(t) for t in texts)


def _format_list_html(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _format_credit(keys: Iterable[str], sources: Mapping[str, Source]) -> str:
    names = [_e(sources[k].name) for k in keys if k in sources]
    return f"<p><em>According to {join_names(names)}</em></p>" if names else ""


def _format_block(block: Paragraph | Quote, sources: Mapping[str, Source]) -> str:
    if isinstance(block, Quote):
        speaker = block.speaker + (f", {block.role}" if block.role else "")
        context = f"<p>{_e(block.context)}</p>" if block.context else ""
        text = f"<blockquote><p>“{_e(block.quote)}”</p><p>— {_e(speaker)}</p></blockquote>"
        text += context
    else:
        text = f"<p>{_e(block.paragraph)}</p>"
    return text + _format_credit(block.credits, sources)


def _format_source(source: Source) -> str:
    return _format_link(source.name, source.url)


def _format_changes(updates: Iterable[Change], corrections: Iterable[Change]) -> list[str]:
    changes = [("Update", c) for c in updates] + [("Correction", c) for c in corrections]
    changes.sort(key=lambda kind_change: kind_change[1].date)
    return [f"{kind}, {format_date(c.date)}: {_e(c.text)}" for kind, c in changes]


def _format_digest_entry(b: Briefing, url: str) -> str:
    outlets = join_names([_e(s.name) for s in b.sources.values()])
    return (
        f"<h3>{_format_link(b.title, url)}</h3>\n"
        f"{_format_list(b.key_points)}\n"
        f"<p><em>According to {outlets}</em></p>"
    )


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
                "date_published": _to_datetime(item.published).isoformat(),
                "date_modified": _to_datetime(item.modified).isoformat(),
                "tags": [_clean(c) for c in item.categories],
                "authors": authors,
            }
            for item in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _to_datetime(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


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
    # RSS takes the channel link from the last link added: the self link goes first.
    fg.link(href=feed_url, rel="self", type=media_type)
    fg.link(href=info.home_url, rel="alternate", type="text/html")
    # Why: feedgen dates the feed "now" unless told; the newest change keeps it reproducible.
    newest = max((item.modified for item in items), default=EMPTY_FEED_DATE)
    fg.updated(_to_datetime(newest))
    for item in items:
        entry = fg.add_entry(order="append")
        entry.guid(item.url, permalink=True)  # also the Atom id
        entry.title(_clean(item.title))
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(_to_datetime(item.published))
        entry.updated(_to_datetime(item.modified))
        entry.content(_clean(item.content_html), type="html")
        # RSS descriptions are HTML, so plain text is escaped once more to stay text.
        entry.summary(_e(_clean(item.summary)), type="html")
        for category in item.categories:
            entry.category(term=_clean(category))
    return fg
