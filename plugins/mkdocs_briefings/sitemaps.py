"""What search engines' crawlers read besides the pages: the Google News sitemap and robots.txt
(pure functions; the build's time is given, so the same input gives the same files).

The news sitemap follows Google's format (https://developers.google.com/search/docs/crawling-
indexing/sitemaps/news-sitemap): only articles published in the last two days, at most 1,000,
each with its publication's name and language, its publication date and its title. Every text
is escaped for XML, and characters XML cannot hold are dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from .feeds import xml_chars
from .times import instant

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from .entries import Entry
    from .model import Briefing

NEWS_SITEMAP = "sitemap-news.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NEWS_WINDOW = dt.timedelta(days=2)
"""Google News reads only articles published within the last two days."""
NEWS_LIMIT = 1000
"""Google News reads at most 1,000 articles of one news sitemap."""

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class NewsEntry:
    """One article of the news sitemap.

    Attributes:
        url: The page's absolute address.
        title: The headline, plain text.
        published: The publication date (or date-time), W3C format.
    """

    url: str
    title: str
    published: str


def published_at(b: Briefing, zone: dt.tzinfo = dt.UTC) -> dt.datetime:
    """When ``b`` was published, as an aware date-time: a date alone is its midnight in the
    site's time ``zone`` (as the feeds date it)."""
    return instant(b.published, zone)


def news_entries(
    newest: Iterable[Entry],
    *,
    now: dt.datetime,
    url: Callable[[Entry], str],
    limit: int = NEWS_LIMIT,
    window: dt.timedelta = NEWS_WINDOW,
    zone: dt.tzinfo = dt.UTC,
) -> list[NewsEntry]:
    """The news sitemap's articles: the briefings published within ``window`` before ``now``
    (both ends included; none dated after ``now``), never a draft, at most ``limit``.

    Args:
        newest: The site's briefings, newest first (the plan's order): the cap keeps the newest.
        now: The build's time (aware).
        url: A briefing's absolute page address.
        limit: At most this many articles.
        window: How far back to go.
        zone: The site's time zone, where a date alone starts.
    """
    since, found = now - window, []
    for entry in newest:
        b = entry.briefing
        if b.draft or not since <= published_at(b, zone) <= now:
            continue
        found.append(NewsEntry(url(entry), b.title, b.published.isoformat()))
        if len(found) >= limit:
            break
    return found


def news_language(language: str) -> str:
    """The site's language as Google News names it: ISO 639 ('pt-BR' -> 'pt'), except
    Chinese, written zh-cn or zh-tw."""
    tag = language.strip().lower().replace("_", "-")
    if tag.startswith("zh"):
        traditional = any(part in ("tw", "hk", "mo", "hant") for part in tag.split("-")[1:])
        return "zh-tw" if traditional else "zh-cn"
    return tag.split("-")[0] or "en"


def render_news_sitemap(entries: Sequence[NewsEntry], *, name: str, language: str) -> str:
    """A Google News sitemap of ``entries``.

    Args:
        entries: The articles (see `news_entries`).
        name: The publication's name, as Google News knows it (the site's name).
        language: The site's language tag ('en', 'pt-BR'); see `news_language`.

    Returns:
        UTF-8 XML text, the same for the same input.
    """
    publication = (
        "<news:publication>"
        f"<news:name>{_text(name)}</news:name>"
        f"<news:language>{_text(news_language(language))}</news:language>"
        "</news:publication>"
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">',
    ]
    for entry in entries:
        lines += [
            "  <url>",
            f"    <loc>{_text(entry.url)}</loc>",
            "    <news:news>",
            f"      {publication}",
            f"      <news:publication_date>{_text(entry.published)}</news:publication_date>",
            f"      <news:title>{_text(entry.title)}</news:title>",
            "    </news:news>",
            "  </url>",
        ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(site_url: str) -> str:
    """A robots.txt that lets every crawler read everything and names both sitemaps by their
    absolute address (no Sitemap lines without a ``site_url``: they must be absolute)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        lines += ["", *(f"Sitemap: {urljoin(base, name)}" for name in (SITEMAP, NEWS_SITEMAP))]
    return "\n".join(lines) + "\n"


def crawler_files(
    newest: Iterable[Entry],
    *,
    site_url: str,
    site_name: str,
    language: str,
    url: Callable[[Entry], str],
    now: dt.datetime,
    exists: Callable[[str], bool],
    zone: dt.tzinfo = dt.UTC,
) -> dict[str, str]:
    """robots.txt and, with a ``site_url``, the news sitemap, by path in the site; a file
    docs/ has already (``exists``) is the user's and is left out.

    Args:
        newest: The site's briefings, newest first.
        site_url: The site's address ('' when not set).
        site_name: The publication's name.
        language: The site's language tag.
        url: A briefing's site-relative page address.
        now: The build's time (aware): the news sitemap's two days end there.
        exists: Whether docs/ has a file at a path.
        zone: The site's time zone, where a date alone starts.
    """
    found = {}
    if not exists(ROBOTS):
        found[ROBOTS] = render_robots(site_url)
    if site_url and not exists(NEWS_SITEMAP):
        base = site_url if site_url.endswith("/") else site_url + "/"
        entries = news_entries(newest, now=now, url=lambda e: urljoin(base, url(e)), zone=zone)
        found[NEWS_SITEMAP] = render_news_sitemap(entries, name=site_name, language=language)
    return found


def _text(text: str) -> str:
    return escape(xml_chars(text))
