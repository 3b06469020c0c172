"""The feed formatter: a briefing or a digest as a feed item, its HTML from the same facts as
the page's (pure). Every text from YAML is escaped with ``html.escape``; the feed documents
themselves are written by feeds.py."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..feeds import FeedItem
from ..model import Quote
from ..newsletter.render import render_digest_content
from .text import (
    SECTION_TITLES,
    change_log,
    credits,
    format_date,
    join_names,
    perspective_label,
    speaker_line,
    topics,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from ..model import Briefing, Digest, Paragraph, Perspective, Source


# -- items ---------------------------------------------------------------------------------------


def briefing_item(
    b: Briefing, url: str, authors: tuple[tuple[str, str | None], ...] = ()
) -> FeedItem:
    """A briefing as a feed item: key points, paragraphs and quotes with credits (and the
    optional sections, in the page's order, under their headings), sources.

    Args:
        b: The briefing.
        url: The absolute address of its page.
        authors: Its byline: each person's name and the absolute address of their page.

    Returns:
        The item, dated by the briefing's published and modified dates.
    """
    parts = []
    if b.note:
        parts.append(f"<p><strong>Editor’s note:</strong> {_e(b.note)}</p>")
    parts.append(_format_list(b.key_points))
    for block in b.body:
        parts.append(_format_block(block, b.sources))
    parts += _format_section("why_it_matters", b.why_it_matters, b.sources)
    parts += _format_section("whats_next", b.whats_next, b.sources)
    if b.perspectives:
        parts.append(f"<h3>{SECTION_TITLES['perspectives'][0]}</h3>")
        parts += [_format_perspective(view, b.sources) for view in b.perspectives]
    parts.append("<h3>Sources</h3>")
    parts.append(_format_list_html(_format_source(s) for s in b.sources.values()))
    if b.updates or b.corrections:
        parts.append("<h3>Updates and corrections</h3>")
        parts.append(_format_list_html(_format_changes(b)))
    return FeedItem(
        url=url,
        title=b.title,
        published=b.published,
        modified=b.modified,
        content_html="\n".join(parts),
        summary=" ".join(b.key_points),
        categories=tuple(topics(b)),
        authors=authors,
    )


def digest_item(
    d: Digest,
    url: str,
    briefings: Mapping[str, tuple[Briefing, str]],
    authors: tuple[tuple[str, str | None], ...] = (),
) -> FeedItem:
    """A digest as a feed item: its email's content (newsletter/render.py), CSS inlined, so
    RSS-to-email services send what the email shows: the note, the section headings, each
    briefing's linked headline, key points and outlets (linked to their articles).

    Args:
        d: The digest.
        url: The absolute address of its page.
        briefings: Briefing and absolute page address by slug. Slugs missing from it are left
            out (``digest.check_references`` reports them before feeds are made).
        authors: Its byline, as for `briefing_item`.

    Returns:
        The item, dated by the digest's date.
    """
    included = [briefings[slug][0] for _, slug in d.references() if slug in briefings]
    headlines = "; ".join(b.title for b in included)
    return FeedItem(
        url=url,
        title=d.title,
        published=d.date,
        modified=d.date,
        content_html=render_digest_content(d, briefings),
        summary=d.note or headlines or d.title,
        categories=tuple(dict.fromkeys(b.category for b in included)),
        authors=authors,
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
    names = [_e(name) for name, _, _ in credits(keys, sources)]
    return f"<p><em>According to {join_names(names)}</em></p>" if names else ""


def _format_block(block: Paragraph | Quote, sources: Mapping[str, Source]) -> str:
    if isinstance(block, Quote):
        speaker = speaker_line(block)
        context = f"<p>{_e(block.context)}</p>" if block.context else ""
        text = f"<blockquote><p>“{_e(block.quote)}”</p><p>— {_e(speaker)}</p></blockquote>"
        text += context
    else:
        text = f"<p>{_e(block.paragraph)}</p>"
    return text + _format_credit(block.credits, sources)


def _format_section(
    key: str, blocks: Sequence[Paragraph], sources: Mapping[str, Source]
) -> list[str]:
    """An optional section ('Why it matters', 'What's next') under its heading; nothing if
    the briefing has none."""
    if not blocks:
        return []
    return [f"<h3>{SECTION_TITLES[key][0]}</h3>", *(_format_block(p, sources) for p in blocks)]


def _format_perspective(view: Perspective, sources: Mapping[str, Source]) -> str:
    label = _e(perspective_label(view, sources))
    return f"<p><strong>{label}:</strong> {_e(view.view)}</p>" + _format_credit(
        [view.source], sources
    )


def _format_source(source: Source) -> str:
    return _format_link(source.name, source.url)


def _format_changes(b: Briefing) -> list[str]:
    return [f"{kind}, {format_date(c.date)}: {_e(c.text)}" for kind, c in change_log(b)]
