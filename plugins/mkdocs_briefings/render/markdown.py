"""The Markdown formatter: a briefing, or an index page, as a Markdown document (pure).

Generated pages no longer go through Markdown (see render/html.py); this formatter writes the
same pages as files a person could have written, for `render_markdown` users and for the
benchmark's hand-written side. All YAML text is escaped, so Markdown shows it literally.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from ..catalog import index_views, make_catalog, relative
from ..model import Quote
from .text import (
    KIND_TITLES,
    WORDS_PER_MINUTE,
    change_log,
    count_noun,
    credits,
    day_title,
    format_date,
    index_meta,
    join_names,
    listing_intro,
    listing_title,
    one_line,
    outlet_names,
    page_meta,
    pager_labels,
    source_anchor,
    speaker_line,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date

    from ..catalog import IndexView, Layout, Listing
    from ..entries import Entry
    from ..model import Briefing, Digest, Image, Paragraph, Source

#: attr_list's mark for a block whose text sets its own direction: a Hebrew or Arabic key
#: point reads right to left on an English page, and an English one left to right on a
#: Hebrew page (the browser looks at the first strong letter).
DIR_AUTO = "{ dir=auto }"

# One pass, so nothing is escaped twice. Backslash escapes where Python-Markdown knows them;
# numeric character references for characters that extensions (emoji, tables, caret, tilde,
# mark, critic) give a meaning to.
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    ":": "&#58;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "|": "&#124;",
    "+": "&#43;",
    "$": "&#36;",
    '"': "&quot;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_ORDERED_ITEM = re.compile(r"^\d+\.")
# ASCII punctuation that some Markdown extension reads as a block marker at a line start; the
# characters _ESCAPES replaces (& \\ " and the like) already arrive escaped.
_BLOCK_MARKERS = frozenset("#-!?/.,;%@'()")


def inline_text(text: str) -> str:
    """Escape plain text so Markdown shows it literally, on one line."""
    escaped = _SPECIAL.sub(lambda m: _ESCAPES[m[0]], one_line(text))
    first = escaped[:1]
    if first in _BLOCK_MARKERS:  # a heading, list, admonition, details... at a line start
        return f"&#{ord(first)};{escaped[1:]}"
    if match := _ORDERED_ITEM.match(escaped):
        return escaped[: match.end() - 1] + "\\" + escaped[match.end() - 1 :]
    return escaped


def safe_url(url: str) -> str:
    """Return ``url`` for use in a Markdown link if its scheme is safe, else raise ValueError."""
    scheme = urlsplit(url).scheme
    if scheme not in ("", "http", "https", "mailto"):
        raise ValueError(f"unsafe URL scheme {scheme!r}")
    return url.translate(_URL_TABLE)


_URL_TABLE = str.maketrans({" ": "%20", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29"})


def front_matter(meta: Mapping[str, Any]) -> str:
    """``meta`` as a YAML front matter block."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's writer is ~4x faster
    dumped = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---"


def render_image(image: Image, *, page_dir: str) -> str:
    """The lead image (when it has a source) and its credit line, which search leaves out."""
    label = "Credited from" if image.src else "Image credited from"
    credit = (
        f"{label}: {inline_text(image.credit)}\n{{ .briefing-image-credit data-search-exclude }}"
    )
    if image.src is None:
        return credit
    src = posixpath.relpath(image.src, page_dir or ".") if image.is_local else image.src
    picture = f"![{inline_text(image.alt)}](<{safe_url(src)}>){{ .briefing-image loading=lazy }}"
    return f"{picture}\n\n{credit}"


def render_key_points(points: Iterable[str]) -> str:
    """The key-points box: an admonition of its own type; each point in its own direction."""
    items = "\n".join(f"    - {inline_text(p)}\n      {DIR_AUTO}" for p in points)
    return f'!!! key-points "Key points"\n\n{items}'


def render_credit(keys: Iterable[str], sources: Mapping[str, Source]) -> str:
    """'According to Reuters and Al Jazeera', each name linking to the sources section."""
    links = [f"[{inline_text(name)}](#{anchor})" for name, anchor in credits(keys, sources)]
    return f"According to {join_names(links)}\n{{ .briefing-credit }}"


def render_paragraph(block: Paragraph, sources: Mapping[str, Source]) -> str:
    """A paragraph, in its own direction, followed by its credit line."""
    credit = render_credit(block.credits, sources)
    return f"{inline_text(block.paragraph)}\n{DIR_AUTO}\n\n{credit}"


def render_quote(block: Quote, sources: Mapping[str, Source]) -> str:
    """A quote callout: the words, who said them (and their role), the context and the credit."""
    parts = [f"> “{inline_text(block.quote)}”\n> {DIR_AUTO}"]
    if block.context:
        parts.append(f"{inline_text(block.context)}\n{{ .briefing-quote-context dir=auto }}")
    parts.append(render_credit(block.credits, sources))
    body = "\n\n".join(parts)
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! quote briefing-quote "{inline_text(speaker_line(block))}"\n\n{indented}'


def render_changes(b: Briefing) -> str:
    """The log of updates and corrections, oldest first."""
    lines = [
        f"- **{kind}, {format_date(change.date)}:** {inline_text(change.text)}"
        for kind, change in change_log(b)
    ]
    return "## Updates and corrections { #updates }\n\n" + "\n".join(lines)


def render_sources(sources: Mapping[str, Source], listings: Mapping[str, str] | None = None) -> str:
    """The sources section: one entry per outlet, each an anchor for the credit links.

    ``listings`` maps source keys to links to the outlet's listing page (every briefing that
    credits it), shown after the outlet's name.
    """
    lines = []
    for key, source in sources.items():
        name = inline_text(source.name)
        entry = f"[{name}](<{safe_url(source.url)}>)" if source.url else name
        if listings and key in listings:
            entry += f" · [Briefings crediting {name}](<{listings[key]}>)"
        anchor = source_anchor(key).replace("_", "\\_")  # not emphasis: the id keeps its '_'
        lines.append(f"- {entry}\n  {{ #{anchor} }}")
    return "## Sources { #sources }\n\n" + "\n".join(lines)


def render_markdown(
    b: Briefing,
    *,
    template: str = "briefing.html",
    page_dir: str = "briefings",
    words_per_minute: int = WORDS_PER_MINUTE,
    source_listings: Mapping[str, str] | None = None,
) -> str:
    """The whole page as a Markdown document: front matter (`page_meta`), then `render_body`.

    Args:
        b: The briefing.
        template: The theme template named in the front matter.
        page_dir: The page's folder inside docs/, to make local image paths relative.
        words_per_minute: Reading speed for the reading time.
        source_listings: Links to each source's listing page (`render_sources`).

    Returns:
        Markdown text for Python-Markdown with admonition and attr_list.
    """
    meta = page_meta(b, template=template, words_per_minute=words_per_minute)
    body = render_body(b, page_dir=page_dir, source_listings=source_listings)
    return front_matter(meta) + "\n\n" + body


def render_body(
    b: Briefing, *, page_dir: str = "briefings", source_listings: Mapping[str, str] | None = None
) -> str:
    """The page's Markdown without front matter: image, note, key points, blocks and sources.

    ``source_listings``: links from this page to each source's listing page (`render_sources`).
    """
    blocks = []
    if b.image:
        blocks.append(render_image(b.image, page_dir=page_dir))
    if b.note:
        blocks.append(f'!!! note "Editor&#39;s note"\n\n    {inline_text(b.note)}\n    {DIR_AUTO}')
    blocks.append(render_key_points(b.key_points))
    for block in b.body:
        if isinstance(block, Quote):
            blocks.append(render_quote(block, b.sources))
        else:
            blocks.append(render_paragraph(block, b.sources))
    if b.updates or b.corrections:
        blocks.append(render_changes(b))
    blocks.append(render_sources(b.sources, source_listings))
    return "\n\n".join(blocks) + "\n"


# -- index pages ---------------------------------------------------------------------------------


def teaser_line(entry: Entry, *, link: str) -> str:
    """'- [Headline](../briefings/x.md) · Tuesday, November 11, 2025 · Politics'.

    The headline link takes its own direction (a Hebrew headline reads right to left, isolated
    from the date after it); the line keeps the page's.
    """
    b = entry.briefing
    headline = f"[{inline_text(b.title)}](<{link}>){DIR_AUTO}"
    return f"- {headline} · {format_date(b.published)} · {inline_text(b.category)}"


def render_listing(
    listing: Listing,
    entries: Sequence[Entry],
    *,
    page: str,
    number: int,
    pages: int,
    layout: Layout,
) -> str:
    """One page of a category, tag, source, story or month listing."""
    name, rest = listing_intro(listing.kind, listing.title, len(listing.entries))
    intro = (inline_text(name) if name else "") + rest
    title = listing_title(listing.title, number, pages)
    lines = [f"# {inline_text(title)} {DIR_AUTO}", "", intro, ""]
    lines += [teaser_line(e, link=relative(layout.briefing(e.slug), page)) for e in entries]
    if pages > 1:
        back, forward = pager_labels(listing.kind)
        links = []
        if number > 1:
            previous = relative(layout.listing(listing.kind, listing.key, number - 1), page)
            links.append(f"[{back}](<{previous}>)")
        links.append(f"Page {number} of {pages}")
        if number < pages:
            following = relative(layout.listing(listing.kind, listing.key, number + 1), page)
            links.append(f"[{forward}](<{following}>)")
        lines += ["", " · ".join(links) + "\n{ .briefing-pager }"]
    else:
        lines += [""]
    up = relative(layout.index(listing.kind), page)
    lines += ["", f"[All {KIND_TITLES[listing.kind].lower()}](<{up}>)", ""]
    return "\n".join(lines)


def render_kind_index(kind: str, listings: Iterable[Listing], *, layout: Layout) -> str:
    """The index of every category (tag, source, story, month) with its count."""
    page = layout.index(kind)
    lines = [f"# {KIND_TITLES[kind]}", ""]
    for listing in listings:
        link = relative(layout.listing(kind, listing.key), page)
        count = count_noun(len(listing.entries))
        lines.append(f"- [{inline_text(listing.title)}](<{link}>){DIR_AUTO} · {count}")
    if len(lines) == 2:
        lines.append("Nothing here yet.")
    return "\n".join(lines) + "\n"


def _briefing_summary(entry: Entry, *, link: str, level: str) -> str:
    b = entry.briefing
    points = "\n".join(f"- {inline_text(p)}\n  {DIR_AUTO}" for p in b.key_points)
    outlets = join_names(inline_text(name) for name in outlet_names(b))
    return (
        f"{level} [{inline_text(b.title)}](<{link}>) {DIR_AUTO}\n\n"
        f"{format_date(b.published)} · {inline_text(b.category)}\n{{ .briefing-credit }}\n\n"
        f"{points}\n\nAccording to {outlets}\n{{ .briefing-credit }}"
    )


def render_digest(digest: Digest, briefings: Mapping[str, Entry], *, layout: Layout) -> str:
    """A curated digest: the editor's note, then each briefing's headline, key points, outlets."""
    page = layout.digest(digest.date)

    def summary(slug: str, level: str) -> str:
        entry = briefings[slug]
        return _briefing_summary(
            entry, link=relative(layout.briefing(entry.slug), page), level=level
        )

    heading = f"# {inline_text(digest.title)} {DIR_AUTO}"
    blocks = [f"{heading}\n\n{format_date(digest.date)}\n{{ .briefing-credit }}"]
    if digest.note:
        note = f"{inline_text(digest.note)}\n    {DIR_AUTO}"
        blocks.append(f'!!! note "Editor&#39;s note"\n\n    {note}')
    # Outside any section: one level below the title, like the sections.
    blocks += [summary(slug, "##") for slug in digest.briefings]
    for section in digest.sections:
        blocks.append(f"## {inline_text(section.title)} {DIR_AUTO}")
        blocks += [summary(slug, "###") for slug in section.briefings]
    return "\n\n".join(blocks) + "\n"


def render_day(day: date, entries: Sequence[Entry], *, layout: Layout) -> str:
    """A generated daily page: every briefing published that day."""
    page = layout.day(day)
    blocks = [f"# {day_title(day)}"]
    blocks += [
        _briefing_summary(e, link=relative(layout.briefing(e.slug), page), level="##")
        for e in entries
    ]
    return "\n\n".join(blocks) + "\n"


def render_digests_index(digests: Sequence[Digest], days: Iterable[date], *, layout: Layout) -> str:
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
    return "\n".join(lines) + "\n"


def render_month(listing: Listing, *, layout: Layout, digest_days: Iterable[date]) -> str:
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
        lines.append(teaser_line(entry, link=relative(layout.briefing(entry.slug), page)))
    up = relative(layout.index("archive"), page)
    lines += ["", f"[All months](<{up}>)", ""]
    return "\n".join(lines)


def render_index(view: IndexView, *, layout: Layout, briefings: Mapping[str, Entry]) -> str:
    """The Markdown of any generated index page (see `catalog.index_views`)."""
    if view.kind == "kinds":
        return render_kind_index(view.listing_kind, view.listings, layout=layout)
    if view.kind == "listing" and view.listing is not None:
        return render_listing(
            view.listing,
            view.entries,
            page=view.uri,
            number=view.number,
            pages=view.pages,
            layout=layout,
        )
    if view.kind == "month" and view.listing is not None:
        return render_month(view.listing, layout=layout, digest_days=view.days)
    if view.kind == "day" and view.day is not None:
        return render_day(view.day, view.entries, layout=layout)
    if view.kind == "digest" and view.digest is not None:
        return render_digest(view.digest, briefings, layout=layout)
    return render_digests_index(view.digests, view.days, layout=layout)


def index_documents(
    entries: Sequence[Entry], digests: Sequence[Digest], *, layout: Layout, page_size: int = 25
) -> dict[str, str]:
    """Every generated index page as a Markdown file with front matter, by src path: the
    pages the plugin generates, as a person would write them (the benchmark's side b)."""
    catalog = make_catalog(entries)
    briefings = {e.slug: e for e in entries}
    documents = {}
    for uri, view in index_views(catalog, digests, layout=layout, page_size=page_size).items():
        extra = {"date": {"created": view.created.isoformat()}} if view.created else {}
        meta = front_matter(index_meta(view.title, **extra))
        documents[uri] = f"{meta}\n\n{render_index(view, layout=layout, briefings=briefings)}"
    return documents
