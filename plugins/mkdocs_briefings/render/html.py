"""The page formatter: briefing, digest and index pages straight to HTML (pure).

Briefing text is plain text, so a page needs no Markdown: this writes the HTML that
Python-Markdown made of the Markdown formatter's output (admonition, attr_list and toc with
permalinks, as the site configures them), with links already relative to the page as MkDocs
would have rewritten them. tests/unit/test_render_html.py holds the two to the same tree.
Every text from YAML goes through `escape`; every URL through `safe_url`. Story cards are raw HTML
in the Markdown formatter too (md_in_html), and their headlines get no ids: they are not sections.
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
from ..times import day_of
from .text import (
    KIND_TITLES,
    SECTION_TITLES,
    change_log,
    count_noun,
    credits,
    credits_shown,
    day_title,
    escape,
    escape_label,
    format_date,
    image_caption,
    join_names,
    listing_intro,
    one_line,
    pager_labels,
    perspective_label,
    source_anchor,
    source_count,
    text_direction,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date

    from ..catalog import IndexView, Layout, Listing
    from ..entries import Entry
    from ..model import Briefing, Digest, Image, Paragraph, Person, Perspective, Source

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


@dataclass(frozen=True)
class Media:
    """What the build knows of a briefing's image file (see the adapter's image step): its
    intrinsic size and any smaller copies made for ``srcset``."""

    width: int
    height: int
    variants: tuple[tuple[str, int], ...] = ()
    """(path of a smaller copy in the built site, its width), narrowest first."""


@dataclass(frozen=True)
class Shown:
    """An image as one page shows it: src, srcset and size, with addresses from that page."""

    src: str
    srcset: str = ""
    width: int | None = None
    height: int | None = None

    def attributes(self, sizes: str) -> str:
        """The <img> attributes besides alt, class and loading (escaped)."""
        attrs = f'src="{self.src}"'
        if self.width and self.height:
            attrs += f' width="{self.width}" height="{self.height}"'
        if self.srcset:
            attrs += f' srcset="{self.srcset}" sizes="{sizes}"'
        return attrs


LEAD_SIZES = "(min-width: 48em) 40rem, 100vw"
"""The lead image is as wide as the column: the screen on phones, at most 40rem."""
THUMB_SIZES = "(min-width: 48em) 12rem, 33vw"
LEAD_CARD_SIZES = "(min-width: 48em) 40rem, 100vw"


def _figure(image: Image, shown: Shown | None) -> str:
    """The lead image and its caption ('Photo: Reuters'); nothing without an image file: a credit
    of an image nobody sees is no use to anyone."""
    if image.src is None or shown is None:
        return ""
    return (
        '<figure class="briefing-figure">\n'
        f'<img alt="{escape(image.alt)}" class="briefing-image" {shown.attributes(LEAD_SIZES)} '
        'fetchpriority="high" />\n'
        f'<figcaption class="briefing-figure__caption" data-search-exclude>'
        f"{escape(image_caption(image))}</figcaption>\n</figure>"
    )


def _credit(keys: Iterable[str], sources: Mapping[str, Source]) -> str:
    """'According to Reuters and Al Jazeera' (see `credits` for what each name links)."""
    links = [
        f'<a class="briefing-credit__outlet" href="{safe_url(url)}">{escape_label(name)}</a>'
        if url
        else _a(f"#{anchor}", escape_label(name))
        for name, anchor, url in credits(keys, sources)
    ]
    return f'<p class="briefing-credit">According to {join_names(links)}</p>'


def _paragraph(block: Paragraph, credit: str) -> str:
    return f'<p dir="auto">{escape(block.paragraph)}</p>' + (f"\n{credit}" if credit else "")


def _quote(block: Quote, credit: str) -> str:
    """A pull quote, and under it '— Name, role' and the context, each part isolated (<bdi>)
    so a name in another script keeps the comma where it belongs."""
    who = f"<bdi>{escape(block.speaker)}</bdi>"
    if block.role:
        who += f", <bdi>{escape(block.role)}</bdi>"
    caption = f'<span class="briefing-quote__speaker">— {who}</span>'
    if block.context:
        caption += (
            f'<span class="briefing-quote__context"><bdi>{escape(block.context)}</bdi></span>'
        )
    # The caption follows the quote's direction: a quote in Arabic is attributed from the right.
    direction = ' dir="rtl"' if text_direction(block.quote) == "rtl" else ""
    figure = (
        f'<figure class="briefing-quote"{direction}>\n'
        f'<blockquote dir="auto">\n<p>“{escape(block.quote)}”</p>\n</blockquote>\n'
        f"<figcaption>{caption}</figcaption>\n</figure>"
    )
    return figure + (f"\n{credit}" if credit else "")


def _section(
    doc: _Document, key: str, blocks: Sequence[Paragraph], sources: Mapping[str, Source]
) -> None:
    """An optional section ('Why it matters', 'What's next'): its heading, then paragraphs
    credited as the body's are."""
    title, anchor = SECTION_TITLES[key]
    doc.heading(2, title, name=title, id_=anchor)
    for block, shown in zip(blocks, credits_shown(blocks), strict=True):
        doc.add(_paragraph(block, _credit(block.credits, sources) if shown else ""))


def _perspectives(views: Iterable[Perspective], sources: Mapping[str, Source]) -> str:
    """Views side by side (stacked on phones, see briefings.css): each its label, its text and
    its credit line."""
    items = [
        '<div class="briefing-perspective">\n'
        f'<p class="briefing-perspective__label" dir="auto">'
        f"<strong>{escape(perspective_label(view, sources))}</strong></p>\n"
        f'<p dir="auto">{escape(view.view)}</p>\n'
        f"{_credit([view.source], sources)}\n</div>"
        for view in views
    ]
    return '<div class="briefing-perspectives">\n' + "\n".join(items) + "\n</div>"


def render_briefing(
    b: Briefing,
    *,
    image: Shown | None = None,
    source_listings: Mapping[str, str] | None = None,
    marks: Permalinks = Permalinks(),  # frozen
) -> Html:
    """A briefing page's content: image, note, key points, blocks, 'Why it matters', 'What's
    next', perspectives, change log and sources (the optional sections where the briefing has
    them: after the body, so that no heading of theirs seems to head the body's text).

    Args:
        b: The briefing.
        image: The image as the page shows it (see `show_image`), if it has an image file.
        source_listings: By source key, the href of the outlet's listing page from this page.
        marks: How headings are marked (ids and permalinks).

    Returns:
        HTML with the same tree as what Python-Markdown makes of `render.markdown.render_body`'s
        Markdown (tests/unit/test_render_html.py holds the two together).
    """
    doc = _Document(marks)
    if b.image and (figure := _figure(b.image, image)):
        doc.add(figure)
    if b.note:
        doc.add(_admonition("note", "Editor's note", f'<p dir="auto">{escape(b.note)}</p>'))
    doc.add(_admonition("key-points", "Key points", _points(b.key_points)))
    for block, shown in zip(b.body, credits_shown(b.body), strict=True):
        credit = _credit(block.credits, b.sources) if shown else ""
        doc.add(_quote(block, credit) if isinstance(block, Quote) else _paragraph(block, credit))
    if b.why_it_matters:
        _section(doc, "why_it_matters", b.why_it_matters, b.sources)
    if b.whats_next:
        _section(doc, "whats_next", b.whats_next, b.sources)
    if b.perspectives:
        heading, anchor = SECTION_TITLES["perspectives"]
        doc.heading(2, heading, name=heading, id_=anchor)
        doc.add(_perspectives(b.perspectives, b.sources))
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
    page = doc.finish()
    # The headline (the template's h1) heads the toc, as a page's h1 does: Material's "Skip to
    # content" link goes to the toc's first entry.
    title = TocItem(1, TITLE_ID, escape(b.title), page.toc)
    return Html(page.content, (title,), page.anchors | {TITLE_ID})


TITLE_ID = "briefing-title"
"""The id of a briefing page's headline (templates/briefing.html)."""


def image_href(b: Briefing, *, page_url: str, relative: Callable[[str, str], str]) -> str | None:
    """The src of the briefing's image on the page at ``page_url``: a local image (a file in
    docs/) relative to the page, a web address as it is. None without an image src."""
    if b.image is None or b.image.src is None:
        return None
    return (
        _file_href(b.image.src, page_url, relative) if b.image.is_local else safe_url(b.image.src)
    )


def _file_href(path: str, page_url: str, relative: Callable[[str, str], str]) -> str:
    return html.escape(relative(quote(path, safe=_QUOTE_SAFE), page_url), quote=True)


def show_image(
    b: Briefing,
    media: Mapping[str, Media],
    *,
    page_url: str,
    relative: Callable[[str, str], str],
) -> Shown | None:
    """The briefing's image as the page at ``page_url`` shows it, with its size and smaller
    copies when the build knows them (``media``, by src). None without an image src."""
    src = image_href(b, page_url=page_url, relative=relative)
    if src is None or b.image is None or b.image.src is None:
        return None
    known = media.get(b.image.src)
    if known is None:
        return Shown(src)
    srcset = ", ".join(
        f"{_file_href(path, page_url, relative)} {width}w" for path, width in known.variants
    )
    if srcset:
        srcset += f", {src} {known.width}w"
    return Shown(src, srcset, known.width, known.height)


# -- story cards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cards:
    """What writing story cards on one page needs: links from that page, the images the build
    knows, and each category's colour."""

    link: Link
    """The href from this page of a page given by its src path."""
    layout: Layout
    page_url: str
    relative: Callable[[str, str], str]
    media: Mapping[str, Media] = field(default_factory=dict)
    colors: Mapping[str, str] = field(default_factory=dict)
    """By category: a CSS colour."""

    def href(self, entry: Entry) -> str:
        return self.link(self.layout.briefing(entry.slug))

    def color(self, category: str) -> str:
        return category_color(category, self.colors)


CATEGORY_PALETTE = ("#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457")
"""Colours for categories the site does not give one (``category_colors``), picked by name."""


def category_color(category: str, colors: Mapping[str, str] | None = None) -> str:
    """A category's colour: the site's (``colors``, by category), else one from
    `CATEGORY_PALETTE`, the same on every build and machine."""
    if colors and category in colors:
        return colors[category]
    total = sum(category.casefold().encode())
    return CATEGORY_PALETTE[total % len(CATEGORY_PALETTE)]


def render_card(
    entry: Entry,
    cards: Cards,
    *,
    level: int = 2,
    category: bool = True,
    points: bool = False,
    lead: bool = False,
) -> str:
    """A story card: thumbnail (when the briefing has an image), category, headline, date,
    one-line summary (or every key point) and source count. The headline's link covers the card.

    Args:
        entry: The briefing.
        cards: The page it is written on.
        level: The headline's heading level.
        category: Whether to name the category (not on that category's own page).
        points: Every key point instead of the first.
        lead: The home page's lead story: a large image, loaded first.
    """
    b = entry.briefing
    parts = []
    shown = show_image(b, cards.media, page_url=cards.page_url, relative=cards.relative)
    if shown is not None:
        loading = 'fetchpriority="high"' if lead else 'loading="lazy"'
        sizes = LEAD_CARD_SIZES if lead else THUMB_SIZES
        parts.append(
            f'<img alt="" class="briefing-card__image" {shown.attributes(sizes)} {loading} />'
        )
    body = [DRAFT_MARK] if b.draft else []  # only `mkdocs serve` and `build_drafts` show drafts
    if category:
        body.append(f'<p class="briefing-card__category" dir="auto">{escape_label(b.category)}</p>')
    headline = _a(cards.href(entry), escape_label(b.title), dir_auto=True)
    body.append(f'<h{level} class="briefing-card__title">{headline}</h{level}>')
    if points:
        body.append(_points(b.key_points).replace("<ul>", '<ul class="briefing-card__points">', 1))
    else:
        body.append(f'<p class="briefing-card__summary" dir="auto">{escape(b.key_points[0])}</p>')
    body.append(f'<p class="briefing-card__meta">{_time(b.published)} · {source_count(b)}</p>')
    classes = "briefing-card" + (" briefing-card--lead" if lead else "")
    classes += " briefing-card--image" if shown is not None else ""
    classes += " briefing-card--points" if points and not lead else ""
    style = f' style="--briefing-category: {html.escape(cards.color(b.category))}"'
    inner = "\n".join(body)
    parts.append(f'<div class="briefing-card__body">\n{inner}\n</div>')
    return f'<article class="{classes}"{style}>\n' + "\n".join(parts) + "\n</article>"


DRAFT_MARK = '<p class="briefing-card__draft">Draft</p>'
"""A draft's mark on its card (text, not a colour alone)."""


def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{format_date(day)}</time>'


def render_cards(entries: Iterable[Entry], cards: Cards, **options: bool | int) -> str:
    """A list of story cards (see `render_card` for the options)."""
    items = "\n".join(render_card(e, cards, **options) for e in entries)  # type: ignore[arg-type]
    return f'<div class="briefing-cards">\n{items}\n</div>'


def render_digest_card(digest: Digest, href: str, *, level: int = 2) -> str:
    """The card of a digest: its title, date, note and how many briefings it gathers."""
    count = len(list(digest.references()))
    body = [DRAFT_MARK] if digest.draft else []  # shown by `mkdocs serve` and `build_drafts` only
    body += [
        '<p class="briefing-card__category">Digest</p>',
        f'<h{level} class="briefing-card__title">{_a(href, escape(digest.title), dir_auto=True)}'
        f"</h{level}>",
    ]
    if digest.note:
        body.append(f'<p class="briefing-card__summary" dir="auto">{escape(digest.note)}</p>')
    body.append(f'<p class="briefing-card__meta">{_time(digest.date)} · {count_noun(count)}</p>')
    inner = "\n".join(body)
    return (
        '<article class="briefing-card briefing-card--digest">\n'
        f'<div class="briefing-card__body">\n{inner}\n</div>\n</article>'
    )


def pager_link(href: str, label: str, title: str, rel: str) -> str:
    """A link to the briefing or digest before ('prev') or after ('next') this one;
    ``href`` escaped already."""
    return (
        f'<a class="briefing-pager__link briefing-pager__link--{rel}" href="{href}" rel="{rel}">'
        f'<span class="briefing-pager__label">{label}</span> '
        f'<span class="briefing-pager__title" dir="auto">{escape_label(title)}</span></a>'
    )


# -- index pages ---------------------------------------------------------------------------------


def _list(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _name(text: str) -> str:
    """A heading's text as the toc extension names it: its serialized HTML (quotes as written)."""
    return html.escape(one_line(text), quote=False).replace('"', "&quot;")


def render_index(
    view: IndexView,
    *,
    layout: Layout,
    link: Link,
    briefings: Mapping[str, Entry],
    cards: Cards,
    marks: Permalinks = Permalinks(),  # frozen
    feeds: Sequence[tuple[str, str, str]] = (),
) -> Html:
    """Any generated index page (see `catalog.index_views`), as HTML.

    Args:
        view: What the page shows.
        layout: Where pages are (src paths).
        link: The href from this page of a page given by its src path.
        briefings: Every briefing by slug (digests name theirs by slug).
        cards: How story cards are written on this page.
        marks: How headings are marked (ids and permalinks).
        feeds: A listing's own feeds, (label, media type, href from this page) each: its
            "Follow this topic" line.
    """
    doc = _Document(marks)
    if view.kind == "kinds":
        _kinds(doc, view.listing_kind, view.listings, layout, link)
    elif view.kind == "listing" and view.listing is not None:
        _listing(doc, view, view.listing, cards, feeds)
    elif view.kind == "month" and view.listing is not None:
        _month(doc, view.listing, set(view.days), cards)
    elif view.kind == "day" and view.day is not None:
        title = day_title(view.day)
        doc.heading(1, escape(title), name=_name(title))
        doc.add(render_cards(view.entries, cards, points=True))
    elif view.kind == "digest" and view.digest is not None:
        _digest(doc, view.digest, briefings, cards, view.authors)
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
        f' <span class="briefing-count">{count_noun(len(listing.entries))}</span></li>'
        for listing in listings
    ]
    if items:
        doc.add('<ul class="briefing-kinds">\n' + "\n".join(items) + "\n</ul>")
    else:
        doc.add("<p>Nothing here yet.</p>")


def render_byline(names: Iterable[tuple[str, str]]) -> str:
    """'By Ana Ruiz and Ben Oduya', each name linked: ``names`` are (href escaped already,
    name as written); '' for none."""
    links = [_a(href, escape_label(name), dir_auto=True) for href, name in names]
    return f'<p class="briefing-byline">By {join_names(links)}</p>' if links else ""


def render_person(person: Person, *, avatar: str | None) -> str:
    """Who a person is, at the top of their page: picture, role, bio and links (rel="me").

    Args:
        person: Them.
        avatar: Their picture's src from the page (escaped already), or None.
    """
    parts = [f'<div class="briefing-person{" briefing-person--avatar" if avatar else ""}">']
    if avatar:
        parts.append(
            f'<img class="briefing-person__avatar" src="{avatar}" alt="{escape(person.name)}"'
            ' width="96" height="96" loading="lazy" />'
        )
    if person.role:
        parts.append(f'<p class="briefing-person__role" dir="auto">{escape(person.role)}</p>')
    if person.bio:
        parts.append(f'<p class="briefing-person__bio" dir="auto">{escape(person.bio)}</p>')
    links = [url for url in person.links if urlsplit(url).scheme in ("http", "https")]
    if links:
        items = [
            f'<li><a rel="me" href="{safe_url(url)}">{escape(_link_label(url))}</a></li>'
            for url in links
        ]
        parts.append('<ul class="briefing-person__links">\n' + "\n".join(items) + "\n</ul>")
    if person.fediverse:
        parts.append(
            '<p class="briefing-person__fediverse">'
            f"On the fediverse: {escape(person.fediverse)}</p>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def _link_label(url: str) -> str:
    """A link's text: its address without the scheme and 'www.' ('example.social/@ana')."""
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) or url


def _avatar_src(person: Person, cards: Cards) -> str | None:
    if not person.avatar:
        return None
    if person.avatar_is_local:
        return html.escape(cards.relative(quote(person.avatar, safe="/%"), cards.page_url))
    return safe_url(person.avatar)


def _listing(
    doc: _Document,
    view: IndexView,
    listing: Listing,
    cards: Cards,
    feeds: Sequence[tuple[str, str, str]] = (),
) -> None:
    layout, link = cards.layout, cards.link
    doc.heading(1, escape(view.title), name=_name(view.title), dir_auto=True)
    if view.person is not None:
        doc.add(render_person(view.person, avatar=_avatar_src(view.person, cards)))
    name, rest = listing_intro(listing.kind, listing.title, len(listing.entries))
    doc.add(f'<p class="briefing-intro">{escape(name) if name else ""}{html.escape(rest)}</p>')
    if feeds:
        doc.add(render_follow(feeds, what="this writer" if listing.kind == "people" else None))
    if view.entries:
        doc.add(render_cards(view.entries, cards, category=listing.kind != "categories"))
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
    doc.add(f'<p class="briefing-up">{_a(up, f"All {KIND_TITLES[listing.kind].lower()}")}</p>')


def render_follow(feeds: Iterable[tuple[str, str, str]], *, what: str | None = None) -> str:
    """A listing's "Follow this topic: RSS · Atom · JSON" line: (label, media type, href)
    of each of its feeds; ``what`` names what is followed instead of "this topic" (a person's
    page: "this writer")."""
    links = [
        f'<a href="{html.escape(href)}" type="{html.escape(mime)}">{html.escape(label)}</a>'
        for label, mime, href in feeds
    ]
    return f'<p class="briefing-follow">Follow {what or "this topic"}: {" · ".join(links)}</p>'


def _month(doc: _Document, listing: Listing, curated: set[date], cards: Cards) -> None:
    layout, link = cards.layout, cards.link
    doc.heading(1, escape(listing.title), name=_name(listing.title))
    current: date | None = None
    day_entries: list[Entry] = []

    def flush() -> None:
        if day_entries:
            doc.add(render_cards(day_entries, cards, level=3))
            day_entries.clear()

    for entry in listing.entries:
        day = day_of(entry.briefing.published)
        if day != current:
            flush()
            current = day
            target = layout.digest(day) if day in curated else layout.day(day)
            kind = "The day's digest" if day in curated else "All of the day"
            doc.heading(2, format_date(day), name=format_date(day))
            doc.add(f'<p class="briefing-up">{_a(link(target), kind)}</p>')
        day_entries.append(entry)
    flush()
    doc.add(f'<p class="briefing-up">{_a(link(layout.index("archive")), "All months")}</p>')


def _digest(
    doc: _Document,
    digest: Digest,
    briefings: Mapping[str, Entry],
    cards: Cards,
    authors: Sequence[tuple[str, str]] = (),
) -> None:
    doc.heading(1, escape(digest.title), name=_name(digest.title), dir_auto=True)
    doc.add(f'<p class="briefing-intro">{_time(digest.date)}</p>')
    if authors:
        layout = cards.layout
        doc.add(render_byline((cards.link(layout.listing("people", k)), n) for k, n in authors))
    if digest.note:
        doc.add(_admonition("note", "Editor's note", f'<p dir="auto">{escape(digest.note)}</p>'))
    if digest.briefings:  # outside any section: one level below the title
        doc.add(render_cards([briefings[s] for s in digest.briefings], cards, points=True))
    for section in digest.sections:
        doc.heading(2, escape(section.title), name=_name(section.title), dir_auto=True)
        entries = [briefings[s] for s in section.briefings]
        doc.add(render_cards(entries, cards, points=True, level=3))


def _digests(doc: _Document, view: IndexView, layout: Layout, link: Link) -> None:
    doc.heading(1, "Digests", name="Digests")
    items = [render_digest_card(d, link(layout.digest(d.date))) for d in view.digests]
    if items:
        doc.add('<div class="briefing-cards">\n' + "\n".join(items) + "\n</div>")
    if view.days:
        doc.heading(2, "Daily pages", name="Daily pages")
        doc.add('<p class="briefing-intro">Days without a curated digest.</p>')
        doc.add(_list([f"<li>{_a(link(layout.day(d)), format_date(d))}</li>" for d in view.days]))


# -- the corrections page ------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedCorrection:
    """A correction as the site-wide Corrections page lists it."""

    day: date
    text: str
    title: str
    """The corrected briefing's headline."""
    href: str
    """The link to the briefing from the Corrections page."""


CORRECTIONS_TITLE = "Corrections"


def render_corrections(
    corrections: Iterable[ListedCorrection],
    *,
    policy_href: str | None = None,
    marks: Permalinks = Permalinks(),  # frozen
) -> Html:
    """The site-wide Corrections page: every correction, in the order given (newest first),
    each with its date, its text and a link to the briefing; "No corrections yet." without any.

    Args:
        corrections: The corrections, newest first.
        policy_href: The link to the corrections policy from this page (already safe), if any.
        marks: How headings are marked (ids and permalinks).
    """
    doc = _Document(marks)
    doc.heading(1, CORRECTIONS_TITLE, name=CORRECTIONS_TITLE)
    intro = "Every correction made to a published briefing, newest first."
    if policy_href is not None:
        intro += f" {_a(policy_href, 'How we correct errors')}."
    doc.add(f'<p class="briefing-intro">{intro}</p>')
    items = [
        '<li class="briefing-correction">\n'
        f'<p class="briefing-correction__meta">{_time(c.day)} · '
        f"{_a(c.href, escape(c.title), dir_auto=True)}</p>\n"
        f'<p class="briefing-correction__text" dir="auto">{escape(c.text)}</p>\n</li>'
        for c in corrections
    ]
    if items:
        doc.add('<ul class="briefing-corrections">\n' + "\n".join(items) + "\n</ul>")
    else:
        doc.add('<p class="briefing-corrections__empty">No corrections yet.</p>')
    return doc.finish()
