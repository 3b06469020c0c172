"""The page formatter: briefing, digest and index pages straight to HTML (pure).

Briefing text is plain text, so a page needs no Markdown: this writes the HTML that
Python-Markdown made of the Markdown formatter's output (admonition, attr_list and toc with
permalinks, as the site configures them), with links already relative to the page as MkDocs
would have rewritten them. tests/unit/test_render_html.py holds the two to the same tree.
Every text from YAML goes through `escape`; every URL through `safe_url`.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique

from ..model import Quote
from .text import (
    KIND_TITLES,
    change_log,
    count_noun,
    credits,
    day_title,
    escape,
    escape_label,
    format_date,
    join_names,
    listing_intro,
    one_line,
    outlet_names,
    pager_labels,
    source_anchor,
    speaker_line,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from ..catalog import IndexView, Layout, Listing
    from ..entries import Entry
    from ..model import Briefing, Digest, Image, Paragraph, Source

Slugify = Callable[[str, str], str]
Link = Callable[[str], str]
"""Gives the href, from the page being written, of the page at a src path ('tags/x/index.md')."""


@dataclass(frozen=True)
class Permalinks:
    """How the toc extension marks headings (``markdown_extensions: toc`` in mkdocs.yml)."""

    symbol: str | None = "&para;"
    """The link's text (HTML), or None for no permalinks."""
    title: str = "Permanent link"
    css_class: str = "headerlink"
    slugify: Slugify = field(default=toc_slugify, compare=False)
    """Compared by `slugify_id`: a config loaded again makes an equal function anew (pymdownx's
    ``slugify(case="lower")`` is a new ``functools.partial`` each time)."""
    separator: str = "-"
    slugify_id: str = field(init=False, default="")
    """What ``slugify`` is, as a string that is stable across processes and config loads."""

    def __post_init__(self) -> None:
        """Name the slugify function (see `slugify_id`)."""
        object.__setattr__(self, "slugify_id", callable_id(self.slugify))


def callable_id(function: Callable[..., object]) -> str:
    """'markdown.extensions.toc.slugify', or for a ``functools.partial`` the function with its
    arguments: the same for equal settings in any process."""
    if isinstance(function, functools.partial):
        arguments = (function.args, sorted(function.keywords.items()))
        return f"{callable_id(function.func)}{arguments!r}"
    name = getattr(function, "__qualname__", None)
    module = getattr(function, "__module__", None)
    return f"{module}.{name}" if name and module else repr(function)


@dataclass(frozen=True)
class TocItem:
    """A heading in the page's table of contents (what the toc extension reports)."""

    level: int
    id: str
    name: str
    """HTML, as the toc extension gives it."""
    children: tuple[TocItem, ...] = ()


@dataclass(frozen=True)
class Html:
    """A rendered page: its HTML, its table of contents and the ids its anchors can target."""

    content: str
    toc: tuple[TocItem, ...] = ()
    anchors: frozenset[str] = frozenset()


@dataclass
class _Heading:
    level: int
    inner: str
    name: str
    id: str | None
    attrs: str


@dataclass
class _Document:
    """An HTML document being written: headings get their ids when it is finished, as the toc
    extension gives them (every explicit id is known first, then slugs are made unique)."""

    marks: Permalinks
    parts: list[str | _Heading] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def add(self, text: str) -> None:
        self.parts.append(text)

    def anchor(self, anchor_id: str) -> str:
        self.ids.add(anchor_id)
        return anchor_id

    def heading(
        self, level: int, inner: str, *, name: str, id_: str | None = None, dir_auto: bool = False
    ) -> None:
        if id_ is not None:
            self.ids.add(id_)
        attrs = ' dir="auto"' if dir_auto else ""
        self.parts.append(_Heading(level, inner, name, id_, attrs))

    def finish(self) -> Html:
        used = set(self.ids)
        counters: dict[str, int] = {}
        out, flat = [], []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            slug = part.id
            if slug is None:
                text = html.unescape(part.name)
                slug = unique(self.marks.slugify(text, self.marks.separator), used, counters)
            flat.append((part.level, slug, part.name))
            link = ""
            if self.marks.symbol is not None:
                link = (
                    f'<a class="{self.marks.css_class}" href="#{slug}" '
                    f'title="{html.escape(self.marks.title)}">{self.marks.symbol}</a>'
                )
            tag = f"h{part.level}"
            out.append(f'<{tag}{part.attrs} id="{slug}">{part.inner}{link}</{tag}>')
        return Html("\n".join(out), _nest(flat), frozenset(used))


def _nest(flat: list[tuple[int, str, str]]) -> tuple[TocItem, ...]:
    """Headings nested by level, as the toc extension's ``nest_toc_tokens`` does."""
    items: list[TocItem] = []
    i = 0
    while i < len(flat):
        level, slug, name = flat[i]
        j = i + 1
        while j < len(flat) and flat[j][0] > level:
            j += 1
        items.append(TocItem(level, slug, name, _nest(flat[i + 1 : j])))
        i = j
    return tuple(items)


_SAFE_SCHEMES = ("", "http", "https", "mailto")


def safe_url(url: str) -> str:
    """``url`` escaped for an href or src attribute, if its scheme is safe; else ValueError."""
    if urlsplit(url).scheme not in _SAFE_SCHEMES:
        raise ValueError(f"unsafe URL scheme {urlsplit(url).scheme!r}")
    return html.escape(url.translate(_URL_TABLE), quote=True)


_URL_TABLE = str.maketrans({" ": "%20", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29"})
_QUOTE_SAFE = "/#?=&%@+!$',;:*~[]"


def _a(href: str, text: str, *, dir_auto: bool = False) -> str:
    attrs = ' dir="auto"' if dir_auto else ""
    return f'<a{attrs} href="{href}">{text}</a>'


def _admonition(kind: str, title: str, body: str) -> str:
    return (
        f'<div class="admonition {kind}">\n<p class="admonition-title">{title}</p>\n{body}\n</div>'
    )


def _points(points: Iterable[str]) -> str:
    return "<ul>\n" + "\n".join(f'<li dir="auto">{escape(p)}</li>' for p in points) + "\n</ul>"


# -- briefing pages ------------------------------------------------------------------------------


def _image(image: Image, *, image_href: str | None) -> str:
    label = "Credited from" if image.src else "Image credited from"
    credit = (
        f'<p class="briefing-image-credit" data-search-exclude>{label}: {escape(image.credit)}</p>'
    )
    if image.src is None or image_href is None:
        return credit
    picture = (
        f'<p><img alt="{escape(image.alt)}" class="briefing-image" loading="lazy" '
        f'src="{image_href}" /></p>'
    )
    return f"{picture}\n{credit}"


def _credit(keys: Iterable[str], sources: Mapping[str, Source]) -> str:
    links = [_a(f"#{anchor}", escape_label(name)) for name, anchor in credits(keys, sources)]
    return f'<p class="briefing-credit">According to {join_names(links)}</p>'


def _paragraph(block: Paragraph, sources: Mapping[str, Source]) -> str:
    return f'<p dir="auto">{escape(block.paragraph)}</p>\n{_credit(block.credits, sources)}'


def _quote(block: Quote, sources: Mapping[str, Source]) -> str:
    parts = [f'<blockquote>\n<p dir="auto">“{escape(block.quote)}”</p>\n</blockquote>']
    if block.context:
        parts.append(f'<p class="briefing-quote-context" dir="auto">{escape(block.context)}</p>')
    parts.append(_credit(block.credits, sources))
    return _admonition("quote briefing-quote", escape(speaker_line(block)), "\n".join(parts))


def render_briefing(
    b: Briefing,
    *,
    image_href: str | None = None,
    source_listings: Mapping[str, str] | None = None,
    marks: Permalinks = Permalinks(),  # frozen
) -> Html:
    """A briefing page's content: image, note, key points, blocks, change log and sources.

    Args:
        b: The briefing.
        image_href: The image's address from this page (see `image_href`).
        source_listings: By source key, the href of the outlet's listing page from this page.
        marks: How headings are marked (ids and permalinks).

    Returns:
        HTML with the same tree as what Python-Markdown makes of `render.markdown.render_body`'s
        Markdown (tests/unit/test_render_html.py holds the two together).
    """
    doc = _Document(marks)
    if b.image:
        doc.add(_image(b.image, image_href=image_href))
    if b.note:
        doc.add(_admonition("note", "Editor's note", f'<p dir="auto">{escape(b.note)}</p>'))
    doc.add(_admonition("key-points", "Key points", _points(b.key_points)))
    for block in b.body:
        doc.add(
            _quote(block, b.sources) if isinstance(block, Quote) else _paragraph(block, b.sources)
        )
    if b.updates or b.corrections:
        doc.heading(2, "Updates and corrections", name="Updates and corrections", id_="updates")
        items = [
            f"<li><strong>{kind}, {format_date(change.date)}:</strong> {escape(change.text)}</li>"
            for kind, change in change_log(b)
        ]
        doc.add("<ul>\n" + "\n".join(items) + "\n</ul>")
    doc.heading(2, "Sources", name="Sources", id_="sources")
    entries = []
    for key, source in b.sources.items():
        name = escape(source.name)
        entry = _a(safe_url(source.url), name) if source.url else name
        if source_listings and key in source_listings:
            entry += " · " + _a(source_listings[key], f"Briefings crediting {name}")
        entries.append(f'<li id="{doc.anchor(source_anchor(key))}">{entry}</li>')
    doc.add("<ul>\n" + "\n".join(entries) + "\n</ul>")
    return doc.finish()


def image_href(b: Briefing, *, page_url: str, relative: Callable[[str, str], str]) -> str | None:
    """The src of the briefing's image on the page at ``page_url``: a local image (a file in
    docs/) relative to the page, a web address as it is. None without an image src."""
    if b.image is None or b.image.src is None:
        return None
    if b.image.is_local:
        return html.escape(relative(quote(b.image.src, safe=_QUOTE_SAFE), page_url), quote=True)
    return safe_url(b.image.src)


# -- index pages ---------------------------------------------------------------------------------


def _teaser_line(entry: Entry, link: Link, layout_briefing: Callable[[str], str]) -> str:
    b = entry.briefing
    headline = _a(link(layout_briefing(entry.slug)), escape_label(b.title), dir_auto=True)
    return f"<li>{headline} · {format_date(b.published)} · {escape_label(b.category)}</li>"


def _list(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _name(text: str) -> str:
    """A heading's text as the toc extension names it: its serialized HTML (quotes as written)."""
    return html.escape(one_line(text), quote=False).replace('"', "&quot;")


def _summary(doc: _Document, entry: Entry, href: str, level: int) -> None:
    b = entry.briefing
    doc.heading(level, _a(href, escape_label(b.title)), name=_name(b.title), dir_auto=True)
    outlets = join_names(escape_label(name) for name in outlet_names(b))
    category = escape_label(b.category)
    doc.add(f'<p class="briefing-credit">{format_date(b.published)} · {category}</p>')
    doc.add(_points(b.key_points))
    doc.add(f'<p class="briefing-credit">According to {outlets}</p>')


def render_index(
    view: IndexView,
    *,
    layout: Layout,
    link: Link,
    briefings: Mapping[str, Entry],
    marks: Permalinks = Permalinks(),  # frozen
) -> Html:
    """Any generated index page (see `catalog.index_views`), as HTML.

    Args:
        view: What the page shows.
        layout: Where pages are (src paths).
        link: The href from this page of a page given by its src path.
        briefings: Every briefing by slug (digests name theirs by slug).
        marks: How headings are marked (ids and permalinks).
    """
    doc = _Document(marks)
    if view.kind == "kinds":
        _kinds(doc, view.listing_kind, view.listings, layout, link)
    elif view.kind == "listing" and view.listing is not None:
        _listing(doc, view, view.listing, layout, link)
    elif view.kind == "month" and view.listing is not None:
        _month(doc, view.listing, set(view.days), layout, link)
    elif view.kind == "day" and view.day is not None:
        title = day_title(view.day)
        doc.heading(1, escape(title), name=_name(title))
        for entry in view.entries:
            _summary(doc, entry, link(layout.briefing(entry.slug)), 2)
    elif view.kind == "digest" and view.digest is not None:
        _digest(doc, view.digest, briefings, layout, link)
    else:
        _digests(doc, view, layout, link)
    return doc.finish()


def _kinds(
    doc: _Document, kind: str, listings: Iterable[Listing], layout: Layout, link: Link
) -> None:
    title = KIND_TITLES[kind]
    doc.heading(1, title, name=title)
    items = [
        f"<li>{_a(link(layout.listing(kind, listing.key)), escape(listing.title), dir_auto=True)}"
        f" · {count_noun(len(listing.entries))}</li>"
        for listing in listings
    ]
    doc.add(_list(items) if items else "<p>Nothing here yet.</p>")


def _listing(doc: _Document, view: IndexView, listing: Listing, layout: Layout, link: Link) -> None:
    doc.heading(1, escape(view.title), name=_name(view.title), dir_auto=True)
    name, rest = listing_intro(listing.kind, listing.title, len(listing.entries))
    doc.add(f"<p>{escape(name) if name else ''}{html.escape(rest)}</p>")
    if view.entries:
        doc.add(_list([_teaser_line(e, link, layout.briefing) for e in view.entries]))
    if view.pages > 1:
        back, forward = pager_labels(listing.kind)
        links = []
        if view.number > 1:
            links.append(_a(link(layout.listing(listing.kind, listing.key, view.number - 1)), back))
        links.append(f"Page {view.number} of {view.pages}")
        if view.number < view.pages:
            links.append(
                _a(link(layout.listing(listing.kind, listing.key, view.number + 1)), forward)
            )
        doc.add(f'<p class="briefing-pager">{" · ".join(links)}</p>')
    up = link(layout.index(listing.kind))
    doc.add(f"<p>{_a(up, f'All {KIND_TITLES[listing.kind].lower()}')}</p>")


def _month(
    doc: _Document, listing: Listing, curated: set[date], layout: Layout, link: Link
) -> None:
    doc.heading(1, escape(listing.title), name=_name(listing.title))
    current: date | None = None
    items: list[str] = []
    for entry in listing.entries:
        day = entry.briefing.published
        if day != current:
            if items:
                doc.add(_list(items))
                items = []
            current = day
            target = layout.digest(day) if day in curated else layout.day(day)
            kind = "digest" if day in curated else "all of the day"
            doc.heading(2, format_date(day), name=format_date(day))
            doc.add(f"<p>{_a(link(target), kind)}</p>")
        items.append(_teaser_line(entry, link, layout.briefing))
    if items:
        doc.add(_list(items))
    doc.add(f"<p>{_a(link(layout.index('archive')), 'All months')}</p>")


def _digest(
    doc: _Document, digest: Digest, briefings: Mapping[str, Entry], layout: Layout, link: Link
) -> None:
    doc.heading(1, escape(digest.title), name=_name(digest.title), dir_auto=True)
    doc.add(f'<p class="briefing-credit">{format_date(digest.date)}</p>')
    if digest.note:
        doc.add(_admonition("note", "Editor's note", f'<p dir="auto">{escape(digest.note)}</p>'))
    for slug in digest.briefings:  # outside any section: one level below the title
        _summary(doc, briefings[slug], link(layout.briefing(slug)), 2)
    for section in digest.sections:
        doc.heading(2, escape(section.title), name=_name(section.title), dir_auto=True)
        for slug in section.briefings:
            _summary(doc, briefings[slug], link(layout.briefing(slug)), 3)


def _digests(doc: _Document, view: IndexView, layout: Layout, link: Link) -> None:
    doc.heading(1, "Digests", name="Digests")
    items = [
        f"<li>{_a(link(layout.digest(d.date)), escape(d.title), dir_auto=True)}"
        f" · {format_date(d.date)}</li>"
        for d in view.digests
    ]
    if items:
        doc.add(_list(items))
    if view.days:
        doc.heading(2, "Daily pages", name="Daily pages")
        doc.add("<p>Days without a curated digest.</p>")
        doc.add(_list([f"<li>{_a(link(layout.day(d)), format_date(d))}</li>" for d in view.days]))
