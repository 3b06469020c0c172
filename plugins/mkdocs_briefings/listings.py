"""Markdown of the generated index pages: listings, digests, daily pages, archive, stories (pure).

Links are relative paths to the target pages' Markdown sources, so MkDocs checks and rewrites
them like any hand-written link. All text from YAML goes through `inline_text`.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .catalog import (
    PAGE_SIZE,
    Layout,
    Listing,
    by_category,
    by_day,
    by_month,
    by_source,
    by_story,
    by_tag,
    paginate,
    relative,
)
from .render import DIR_AUTO, format_date, front_matter, inline_text, join_names

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date

    from .collection import Entry
    from .model import Digest

KIND_TITLES = {
    "categories": "Categories",
    "tags": "Tags",
    "sources": "Sources",
    "stories": "Stories",
    "archive": "Archive",
}


@dataclass(frozen=True)
class IndexPage:
    """A generated index page: its metadata (what front matter would say) and its Markdown.

    Why apart: the plugin hands ``meta`` to MkDocs directly, sparing a YAML dump and re-parse
    per page; `document` joins them for tools that want a standalone Markdown file.
    """

    meta: dict[str, Any]
    markdown: str

    def document(self) -> str:
        """The page as a Markdown file with YAML front matter."""
        return f"{front_matter(self.meta)}\n\n{self.markdown}"


def _meta(title: str, **extra: Any) -> dict[str, Any]:
    # Index pages repeat what the briefings say: kept out of search so results lead to briefings.
    # The title is escaped: Material prints it without escaping.
    return {"title": html.escape(title), "search": {"exclude": True}, **extra}


# Pure, and each headline, category and outlet shows on many index pages (its category, tags,
# sources, month, day...): escaped once per build instead of about ten times.
_text = functools.lru_cache(maxsize=1 << 16)(inline_text)
_date = functools.lru_cache(maxsize=1 << 12)(format_date)


def teaser_line(entry: Entry, *, page: str, layout: Layout) -> str:
    """'- [Headline](../briefings/x.md) · Tuesday, November 11, 2025 · Politics'.

    The headline link takes its own direction (a Hebrew headline reads right to left, isolated
    from the date after it); the line keeps the page's.
    """
    b = entry.briefing
    link = relative(layout.briefing(entry.slug), page)
    headline = f"[{_text(b.title)}](<{link}>){DIR_AUTO}"
    return f"- {headline} · {_date(b.published)} · {_text(b.category)}"


def render_listing(
    listing: Listing,
    entries: Sequence[Entry],
    *,
    page: str,
    number: int,
    pages: int,
    layout: Layout,
) -> IndexPage:
    """One page of a category, tag, source, story or month listing."""
    count = len(listing.entries)
    noun = "briefing" if count == 1 else "briefings"
    intro = {
        "sources": f"{inline_text(listing.title)}: credited in {count} {noun}.",
        "stories": f"The story so far, oldest first: {count} {noun}.",
    }.get(listing.kind, f"{count} {noun}, newest first.")
    title = listing.title if pages == 1 else f"{listing.title} (page {number} of {pages})"
    lines = [f"# {inline_text(title)} {DIR_AUTO}", "", intro, ""]
    lines += [teaser_line(e, page=page, layout=layout) for e in entries]
    lines += ["", *_pager(listing, page=page, number=number, pages=pages, layout=layout)]
    up = relative(layout.index(listing.kind), page)
    lines += ["", f"[All {KIND_TITLES[listing.kind].lower()}](<{up}>)", ""]
    return IndexPage(_meta(title), "\n".join(lines))


def _pager(listing: Listing, *, page: str, number: int, pages: int, layout: Layout) -> list[str]:
    if pages == 1:
        return []
    # Story timelines run oldest first; every other listing newest first.
    back, forward = ("Earlier", "Later") if listing.kind == "stories" else ("Newer", "Older")
    links = []
    if number > 1:
        previous = relative(layout.listing(listing.kind, listing.key, number - 1), page)
        links.append(f"[← {back}](<{previous}>)")
    links.append(f"Page {number} of {pages}")
    if number < pages:
        following = relative(layout.listing(listing.kind, listing.key, number + 1), page)
        links.append(f"[{forward} →](<{following}>)")
    return [" · ".join(links) + "\n{ .briefing-pager }"]


def render_kind_index(kind: str, listings: Iterable[Listing], *, layout: Layout) -> IndexPage:
    """The index of every category (tag, source, story, month) with its count."""
    page = layout.index(kind)
    title = KIND_TITLES[kind]
    lines = [f"# {title}", ""]
    for listing in listings:
        link = relative(layout.listing(kind, listing.key), page)
        count = len(listing.entries)
        noun = "briefing" if count == 1 else "briefings"
        lines.append(f"- [{inline_text(listing.title)}](<{link}>){DIR_AUTO} · {count} {noun}")
    if len(lines) == 2:
        lines.append("Nothing here yet.")
    return IndexPage(_meta(title), "\n".join(lines) + "\n")


def _briefing_summary(entry: Entry, *, page: str, layout: Layout, level: str = "###") -> str:
    b = entry.briefing
    link = relative(layout.briefing(entry.slug), page)
    points = "\n".join(f"- {_text(p)}\n  {DIR_AUTO}" for p in b.key_points)
    outlets = join_names(dict.fromkeys(_text(s.name) for s in b.sources.values()))
    return (
        f"{level} [{_text(b.title)}](<{link}>) {DIR_AUTO}\n\n"
        f"{_date(b.published)} · {_text(b.category)}\n{{ .briefing-credit }}\n\n"
        f"{points}\n\nAccording to {outlets}\n{{ .briefing-credit }}"
    )


def render_digest(digest: Digest, briefings: Mapping[str, Entry], *, layout: Layout) -> IndexPage:
    """A curated digest: the editor's note, then each briefing's headline, key points, outlets."""
    page = layout.digest(digest.date)
    heading = f"# {inline_text(digest.title)} {DIR_AUTO}"
    blocks = [f"{heading}\n\n{format_date(digest.date)}\n{{ .briefing-credit }}"]
    if digest.note:
        note = f"{inline_text(digest.note)}\n    {DIR_AUTO}"
        blocks.append(f'!!! note "Editor&#39;s note"\n\n    {note}')
    blocks += [  # outside any section: one level below the title, like the sections
        _briefing_summary(briefings[slug], page=page, layout=layout, level="##")
        for slug in digest.briefings
    ]
    for section in digest.sections:
        blocks.append(f"## {inline_text(section.title)} {DIR_AUTO}")
        blocks += [
            _briefing_summary(briefings[slug], page=page, layout=layout)
            for slug in section.briefings
        ]
    meta = _meta(digest.title, date={"created": digest.date.isoformat()})
    return IndexPage(meta, "\n\n".join(blocks) + "\n")


def render_day(day: date, entries: Sequence[Entry], *, layout: Layout) -> IndexPage:
    """A generated daily page: every briefing published that day."""
    page = layout.day(day)
    title = f"Briefings of {format_date(day)}"
    blocks = [f"# {title}"]
    blocks += [_briefing_summary(e, page=page, layout=layout, level="##") for e in entries]
    return IndexPage(_meta(title, date={"created": day.isoformat()}), "\n\n".join(blocks) + "\n")


def render_digests_index(
    digests: Sequence[Digest], days: Iterable[date], *, layout: Layout
) -> IndexPage:
    """Every digest, newest first, and the generated daily pages for days without one."""
    page = layout.index("digests")
    lines = ["# Digests", ""]
    for digest in digests:
        link = relative(layout.digest(digest.date), page)
        title = inline_text(digest.title)
        lines.append(f"- [{title}](<{link}>){DIR_AUTO} · {format_date(digest.date)}")
    daily = [f"- [{format_date(d)}](<{relative(layout.day(d), page)}>)" for d in days]
    if daily:
        lines += ["", "## Daily pages", "", "Days without a curated digest.", "", *daily]
    return IndexPage(_meta("Digests"), "\n".join(lines) + "\n")


def render_month(listing: Listing, *, layout: Layout, digest_days: Iterable[date]) -> IndexPage:
    """A month of the archive: its briefings by day, each day linking to its digest or page."""
    page = layout.listing("archive", listing.key)
    curated = set(digest_days)
    lines = [f"# {inline_text(listing.title)}", ""]
    current = None
    for entry in listing.entries:
        day = entry.briefing.published
        if day != current:
            current = day
            target = layout.digest(day) if day in curated else layout.day(day)
            kind = "digest" if day in curated else "all of the day"
            lines += ["", f"## {format_date(day)}", "", f"[{kind}](<{relative(target, page)}>)", ""]
        lines.append(teaser_line(entry, page=page, layout=layout))
    up = relative(layout.index("archive"), page)
    lines += ["", f"[All months](<{up}>)", ""]
    return IndexPage(_meta(listing.title), "\n".join(lines))


def index_pages(
    entries: Sequence[Entry],
    digests: Sequence[Digest],
    *,
    layout: Layout,
    page_size: int = PAGE_SIZE,
) -> dict[str, IndexPage]:
    """Every generated index page, as {src path: page}: what the site shows besides briefings.

    Args:
        entries: The briefings, in any order.
        digests: The curated digests, with valid references, newest first.
        layout: Where pages go.
        page_size: Briefings per listing page.
    """
    pages: dict[str, IndexPage] = {}
    by_slug = {e.slug: e for e in entries}
    for kind, listings in (
        ("categories", by_category(entries)),
        ("tags", by_tag(entries)),
        ("sources", by_source(entries)),
        ("stories", by_story(entries)),
    ):
        pages[layout.index(kind)] = render_kind_index(kind, listings, layout=layout)
        for listing in listings:
            chunks = paginate(listing.entries, page_size)
            for number, chunk in enumerate(chunks, start=1):
                uri = layout.listing(kind, listing.key, number)
                pages[uri] = render_listing(
                    listing, chunk, page=uri, number=number, pages=len(chunks), layout=layout
                )
    curated = {d.date for d in digests}
    months = by_month(entries)
    pages[layout.index("archive")] = render_kind_index("archive", months, layout=layout)
    for month in months:
        pages[layout.listing("archive", month.key)] = render_month(
            month, layout=layout, digest_days=curated
        )
    days = by_day(entries)
    uncurated = [day for day in days if day not in curated]
    for day in uncurated:
        pages[layout.day(day)] = render_day(day, days[day], layout=layout)
    for digest in digests:
        pages[layout.digest(digest.date)] = render_digest(digest, by_slug, layout=layout)
    pages[layout.index("digests")] = render_digests_index(digests, uncurated, layout=layout)
    return pages
