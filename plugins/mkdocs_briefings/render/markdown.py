"""The Markdown formatter: a briefing, or an index page, as a Markdown document (pure).

Generated pages no longer go through Markdown (see render/html.py); this formatter writes the
same pages as files a person could have written, for `render_markdown` users and for the
benchmark's hand-written side. Markdown where Markdown has a syntax (paragraphs, lists,
headings, admonitions, attr_list); HTML blocks where it has none (a figure, a story card), with
md_in_html's ``markdown`` attribute wherever they hold links, so MkDocs checks and rewrites
those as it does any link. All YAML text is escaped: `inline_text` where Markdown reads it,
`html_text` inside raw HTML, so either way it shows literally.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from ..catalog import index_views, make_catalog, relative
from ..model import Quote
from ..times import day_of
from .html import category_color
from .text import (
    KIND_TITLES,
    SECTION_TITLES,
    WORDS_PER_MINUTE,
    change_log,
    count_noun,
    credits,
    credits_shown,
    day_title,
    format_date,
    image_caption,
    index_meta,
    join_names,
    listing_intro,
    listing_title,
    one_line,
    page_meta,
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
    from ..model import Briefing, Digest, Image, Paragraph, Perspective, Source
    from .html import Media

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


def heading_text(text: str) -> str:
    """`inline_text` for a heading: its closing '#'s escaped too, which a heading would drop
    (attr_list drops them before '{ ... }' as the heading syntax does at a line end)."""
    escaped = inline_text(text)
    stripped = escaped.rstrip("#")
    return stripped + "\\#" * (len(escaped) - len(stripped))


def safe_url(url: str) -> str:
    """Return ``url`` for use in a Markdown link if its scheme is safe, else raise ValueError."""
    scheme = urlsplit(url).scheme
    if scheme not in ("", "http", "https", "mailto"):
        raise ValueError(f"unsafe URL scheme {scheme!r}")
    return url.translate(_URL_TABLE)


_URL_TABLE = str.maketrans({" ": "%20", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29"})


def html_text(text: str) -> str:
    """Escape plain text for an element of a raw HTML block, which Markdown leaves as it is."""
    return html.escape(one_line(text), quote=False)


def front_matter(meta: Mapping[str, Any]) -> str:
    """``meta`` as a YAML front matter block."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's writer is ~4x faster
    dumped = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---"


def _image_attributes(classes: str, size: Media | None, *extra: str) -> str:
    """attr_list's braces for an image: its class, its size when known (no layout shift), and
    ``extra``. No ``srcset``: MkDocs rewrites no address in it, and a hand-written site has only
    the image file itself."""
    parts = [classes]
    if size is not None:
        parts.append(f"width={size.width} height={size.height}")
    return "{ " + " ".join([*parts, *extra]) + " }"


def render_image(image: Image, *, page_dir: str, size: Media | None = None) -> str:
    """The lead image and its caption ('Photo: Reuters') as a figure, written the way Material's
    documentation writes one (md_in_html in span mode: the image is Markdown, so MkDocs rewrites
    its address; the caption is HTML, which search leaves out). Empty without an image file: a
    credit of an image nobody sees is no use to anyone.

    Args:
        image: The briefing's image.
        page_dir: The page's folder inside docs/, to make a local image's path relative.
        size: The image file's width and height, when known.
    """
    if image.src is None:
        return ""
    src = posixpath.relpath(image.src, page_dir or ".") if image.is_local else image.src
    attributes = _image_attributes(".briefing-image", size, "fetchpriority=high")
    return (
        '<figure class="briefing-figure" markdown="span">\n'
        f"![{inline_text(image.alt)}](<{safe_url(src)}>){attributes}\n"
        '<figcaption class="briefing-figure__caption" data-search-exclude="">'
        f"{html_text(image_caption(image))}</figcaption>\n"
        "</figure>"
    )


def render_key_points(points: Iterable[str]) -> str:
    """The key-points box: an admonition of its own type; each point in its own direction."""
    items = "\n".join(f"    - {inline_text(p)}\n      {DIR_AUTO}" for p in points)
    return f'!!! key-points "Key points"\n\n{items}'


def render_credit(keys: Iterable[str], sources: Mapping[str, Source]) -> str:
    """'According to Reuters and Al Jazeera' (see `render.text.credits` for what each name
    links)."""
    links = [
        f"[{inline_text(name)}](<{safe_url(url)}>){{ .briefing-credit__outlet }}"
        if url
        else f"[{inline_text(name)}](#{anchor})"
        for name, anchor, url in credits(keys, sources)
    ]
    return f"According to {join_names(links)}\n{{ .briefing-credit }}"


def render_paragraph(block: Paragraph, credit: str = "") -> str:
    """A paragraph, in its own direction, followed by its credit line (`render_credit`) if
    given."""
    text = f"{inline_text(block.paragraph)}\n{DIR_AUTO}"
    return f"{text}\n\n{credit}" if credit else text


def render_quote(block: Quote, credit: str = "") -> str:
    """A pull quote: the words, and under them '— Name, role' and the context, each part
    isolated (<bdi>) so that a name in another script keeps the comma where it belongs; then
    the credit line (`render_credit`) if given. An HTML figure: Markdown has no caption, and
    no attribute for a blockquote itself."""
    who = f"<bdi>{html_text(block.speaker)}</bdi>"
    if block.role:
        who += f", <bdi>{html_text(block.role)}</bdi>"
    caption = f'<span class="briefing-quote__speaker">— {who}</span>'
    if block.context:
        caption += (
            f'<span class="briefing-quote__context"><bdi>{html_text(block.context)}</bdi></span>'
        )
    direction = ' dir="rtl"' if text_direction(block.quote) == "rtl" else ""  # see render.html
    figure = (
        f'<figure class="briefing-quote"{direction} markdown>\n'
        f'<blockquote dir="auto" markdown>\n“{inline_text(block.quote)}”\n</blockquote>\n'
        f"<figcaption>{caption}</figcaption>\n"
        "</figure>"
    )
    return f"{figure}\n\n{credit}" if credit else figure


def render_section(key: str, blocks: Sequence[Paragraph], sources: Mapping[str, Source]) -> str:
    """An optional section ('why_it_matters', 'whats_next'): its heading, then paragraphs
    credited as the body's are (`text.credits_shown`)."""
    title, anchor = SECTION_TITLES[key]
    parts = [f"## {heading_text(title)} {{ #{anchor} }}"]
    for block, shown in zip(blocks, credits_shown(blocks), strict=True):
        parts.append(
            render_paragraph(block, render_credit(block.credits, sources) if shown else "")
        )
    return "\n\n".join(parts)


def render_perspectives(views: Iterable[Perspective], sources: Mapping[str, Source]) -> str:
    """The 'Perspectives' section: each view's label, text and credit line, in HTML blocks
    (md_in_html) that the stylesheet sets side by side. Markdown has no grid."""
    title, anchor = SECTION_TITLES["perspectives"]
    items = [
        '<div class="briefing-perspective" markdown>\n'
        f"**{inline_text(perspective_label(view, sources))}**\n"
        "{ .briefing-perspective__label dir=auto }\n\n"
        f"{inline_text(view.view)}\n{DIR_AUTO}\n\n"
        f"{render_credit([view.source], sources)}\n\n</div>"
        for view in views
    ]
    grid = '<div class="briefing-perspectives" markdown>\n' + "\n".join(items) + "\n</div>"
    return f"## {heading_text(title)} {{ #{anchor} }}\n\n{grid}"


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
    image_size: Media | None = None,
) -> str:
    """The whole page as a Markdown document: front matter (`page_meta`), then `render_body`.

    Args:
        b: The briefing.
        template: The theme template named in the front matter.
        page_dir: The page's folder inside docs/, to make local image paths relative.
        words_per_minute: Reading speed for the reading time.
        source_listings: Links to each source's listing page (`render_sources`).
        image_size: The image file's width and height, when known (`render_image`).

    Returns:
        Markdown text for Python-Markdown with admonition, attr_list, md_in_html and toc.
    """
    meta = page_meta(b, template=template, words_per_minute=words_per_minute)
    body = render_body(b, page_dir=page_dir, source_listings=source_listings, image_size=image_size)
    return front_matter(meta) + "\n\n" + body


def render_body(
    b: Briefing,
    *,
    page_dir: str = "briefings",
    source_listings: Mapping[str, str] | None = None,
    image_size: Media | None = None,
) -> str:
    """The page's Markdown without front matter: image, note, key points, blocks, 'Why it
    matters', 'What's next', perspectives, change log and sources. A run of blocks credited to
    the same sources shows the credit line once, after the last of them (`text.credits_shown`).

    ``source_listings``: links from this page to each source's listing page (`render_sources`);
    ``image_size``: see `render_image`.
    """
    blocks = []
    if b.image and (figure := render_image(b.image, page_dir=page_dir, size=image_size)):
        blocks.append(figure)
    if b.note:
        blocks.append(f'!!! note "Editor&#39;s note"\n\n    {inline_text(b.note)}\n    {DIR_AUTO}')
    blocks.append(render_key_points(b.key_points))
    for block, shown in zip(b.body, credits_shown(b.body), strict=True):
        credit = render_credit(block.credits, b.sources) if shown else ""
        if isinstance(block, Quote):
            blocks.append(render_quote(block, credit))
        else:
            blocks.append(render_paragraph(block, credit))
    if b.why_it_matters:
        blocks.append(render_section("why_it_matters", b.why_it_matters, b.sources))
    if b.whats_next:
        blocks.append(render_section("whats_next", b.whats_next, b.sources))
    if b.perspectives:
        blocks.append(render_perspectives(b.perspectives, b.sources))
    if b.updates or b.corrections:
        blocks.append(render_changes(b))
    blocks.append(render_sources(b.sources, source_listings))
    return "\n\n".join(blocks) + "\n"


# -- story cards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cards:
    """What writing story cards on one page needs: where the page is, and what the site says of
    categories' colours and knows of images' sizes."""

    page: str
    """The page's src path ('tags/port-anselm/index.md'): links are relative to it."""
    layout: Layout
    colors: Mapping[str, str] = field(default_factory=dict)
    """By category: a CSS colour (else `html.category_color`)."""
    media: Mapping[str, Media] = field(default_factory=dict)
    """By image src: the file's size (`render_image`)."""

    def link(self, target: str) -> str:
        """A Markdown link from this page to the page at src path ``target``."""
        return relative(target, self.page)


def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{format_date(day)}</time>'


def _card_title(level: int, title: str, link: str) -> str:
    return f"{'#' * level} [{inline_text(title)}](<{link}>){DIR_AUTO} {{ .briefing-card__title }}"


def _article(classes: str, style: str, head: list[str], body: list[str]) -> str:
    """A card: an HTML article (Markdown has none) holding Markdown, so MkDocs sees its links."""
    inner = "\n\n".join(body)
    return "\n".join(
        [
            f'<article class="{classes}"{style} markdown>',
            *head,
            f'<div class="briefing-card__body" markdown>\n{inner}\n</div>',
            "</article>",
        ]
    )


def render_card(
    entry: Entry, cards: Cards, *, level: int = 2, category: bool = True, points: bool = False
) -> str:
    """A story card as `html.render_card` writes it (see there for the options), with its
    category, headline, summary and date in Markdown so that MkDocs checks the links."""
    b = entry.briefing
    classes, head = "briefing-card", []
    if b.image is not None and b.image.src is not None:
        src = b.image.src
        if b.image.is_local:
            src = posixpath.relpath(src, posixpath.dirname(cards.page) or ".")
        size = cards.media.get(b.image.src)
        attributes = _image_attributes(".briefing-card__image", size, "loading=lazy")
        head.append(f"![](<{safe_url(src)}>){attributes}")
        classes += " briefing-card--image"
    body = []
    if category:
        body.append(f"{inline_text(b.category)}\n{{ .briefing-card__category dir=auto }}")
    body.append(_card_title(level, b.title, cards.link(cards.layout.briefing(entry.slug))))
    if points:  # HTML: a list's class has no attr_list syntax
        items = "\n".join(f'<li dir="auto">{html_text(p)}</li>' for p in b.key_points)
        body.append(f'<ul class="briefing-card__points">\n{items}\n</ul>')
        classes += " briefing-card--points"
    else:
        body.append(f"{inline_text(b.key_points[0])}\n{{ .briefing-card__summary dir=auto }}")
    body.append(f"{_time(b.published)} · {source_count(b)}\n{{ .briefing-card__meta }}")
    color = cards.colors.get(b.category) or category_color(b.category)
    return _article(classes, f' style="--briefing-category: {color}"', head, body)


def render_cards(entries: Iterable[Entry], cards: Cards, **options: bool | int) -> str:
    """A list of story cards (see `render_card` for the options)."""
    items = "\n".join(render_card(e, cards, **options) for e in entries)  # type: ignore[arg-type]
    return f'<div class="briefing-cards" markdown>\n{items}\n</div>'


def render_digest_card(digest: Digest, link: str, *, level: int = 2) -> str:
    """The card of a digest: its title, date, note and how many briefings it gathers."""
    count = len(list(digest.references()))
    body = ["Digest\n{ .briefing-card__category }", _card_title(level, digest.title, link)]
    if digest.note:
        body.append(f"{inline_text(digest.note)}\n{{ .briefing-card__summary dir=auto }}")
    body.append(f"{_time(digest.date)} · {count_noun(count)}\n{{ .briefing-card__meta }}")
    return _article("briefing-card briefing-card--digest", "", [], body)


# -- index pages ---------------------------------------------------------------------------------


def render_listing(
    listing: Listing,
    entries: Sequence[Entry],
    *,
    number: int,
    pages: int,
    cards: Cards,
) -> str:
    """One page of a category, tag, source or story listing: its briefings as story cards."""
    layout, page = cards.layout, cards.page
    name, rest = listing_intro(listing.kind, listing.title, len(listing.entries))
    intro = (inline_text(name) if name else "") + rest
    title = listing_title(listing.title, number, pages)
    blocks = [f"# {heading_text(title)} {DIR_AUTO}", f"{intro}\n{{ .briefing-intro }}"]
    if entries:
        blocks.append(render_cards(entries, cards, category=listing.kind != "categories"))
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
        blocks.append(" · ".join(links) + "\n{ .briefing-pager }")
    up = relative(layout.index(listing.kind), page)
    blocks.append(f"[All {KIND_TITLES[listing.kind].lower()}](<{up}>)\n{{ .briefing-up }}")
    return "\n\n".join(blocks) + "\n"


def render_kind_index(kind: str, listings: Iterable[Listing], *, layout: Layout) -> str:
    """The index of every category (tag, source, story, month) with its count."""
    page = layout.index(kind)
    items = []
    for listing in listings:  # HTML: a list's class has no attr_list syntax; items are Markdown
        link = relative(layout.listing(kind, listing.key), page)
        count = count_noun(len(listing.entries))
        items.append(
            f"<li markdown>[{inline_text(listing.title)}](<{link}>){DIR_AUTO}"
            f' <span class="briefing-count">{count}</span></li>'
        )
    body = (
        '<ul class="briefing-kinds" markdown>\n' + "\n".join(items) + "\n</ul>"
        if items
        else "Nothing here yet."
    )
    return f"# {KIND_TITLES[kind]}\n\n{body}\n"


def render_digest(digest: Digest, briefings: Mapping[str, Entry], cards: Cards) -> str:
    """A curated digest: the editor's note, then each briefing's card with its key points."""
    heading = f"# {heading_text(digest.title)} {DIR_AUTO}"
    blocks = [heading, f"{_time(digest.date)}\n{{ .briefing-intro }}"]
    if digest.note:
        note = f"{inline_text(digest.note)}\n    {DIR_AUTO}"
        blocks.append(f'!!! note "Editor&#39;s note"\n\n    {note}')
    if digest.briefings:  # outside any section: one level below the title, like the sections
        blocks.append(render_cards([briefings[s] for s in digest.briefings], cards, points=True))
    for section in digest.sections:
        blocks.append(f"## {heading_text(section.title)} {DIR_AUTO}")
        entries = [briefings[s] for s in section.briefings]
        blocks.append(render_cards(entries, cards, points=True, level=3))
    return "\n\n".join(blocks) + "\n"


def render_day(day: date, entries: Sequence[Entry], cards: Cards) -> str:
    """A generated daily page: every briefing published that day, with its key points."""
    return f"# {day_title(day)}\n\n{render_cards(entries, cards, points=True)}\n"


def render_digests_index(digests: Sequence[Digest], days: Iterable[date], *, layout: Layout) -> str:
    """Every digest, newest first, and the generated daily pages for days without one."""
    page = layout.index("digests")
    blocks = ["# Digests"]
    if digests:
        items = [render_digest_card(d, relative(layout.digest(d.date), page)) for d in digests]
        blocks.append('<div class="briefing-cards" markdown>\n' + "\n".join(items) + "\n</div>")
    daily = [f"- [{format_date(d)}](<{relative(layout.day(d), page)}>)" for d in days]
    if daily:
        blocks += ["## Daily pages", "Days without a curated digest.\n{ .briefing-intro }"]
        blocks.append("\n".join(daily))
    return "\n\n".join(blocks) + "\n"


def render_month(listing: Listing, *, digest_days: Iterable[date], cards: Cards) -> str:
    """A month of the archive: its briefings by day, each day linking to its digest or page."""
    layout, page = cards.layout, cards.page
    curated = set(digest_days)
    blocks = [f"# {heading_text(listing.title)}"]
    current: date | None = None
    day_entries: list[Entry] = []

    def flush() -> None:
        if day_entries:
            blocks.append(render_cards(day_entries, cards, level=3))
            day_entries.clear()

    for entry in listing.entries:
        day = day_of(entry.briefing.published)
        if day != current:
            flush()
            current = day
            target = layout.digest(day) if day in curated else layout.day(day)
            kind = "The day's digest" if day in curated else "All of the day"
            link = relative(target, page)
            blocks += [f"## {format_date(day)}", f"[{kind}](<{link}>)\n{{ .briefing-up }}"]
        day_entries.append(entry)
    flush()
    up = relative(layout.index("archive"), page)
    blocks.append(f"[All months](<{up}>)\n{{ .briefing-up }}")
    return "\n\n".join(blocks) + "\n"


def render_index(
    view: IndexView,
    *,
    layout: Layout,
    briefings: Mapping[str, Entry],
    colors: Mapping[str, str] | None = None,
    media: Mapping[str, Media] | None = None,
) -> str:
    """The Markdown of any generated index page (see `catalog.index_views`).

    Args:
        view: What the page shows.
        layout: Where pages are (src paths).
        briefings: Every briefing by slug (digests name theirs by slug).
        colors: By category, the colour of its cards.
        media: By image src, the image file's size.
    """
    cards = Cards(view.uri, layout, colors or {}, media or {})
    if view.kind == "kinds":
        return render_kind_index(view.listing_kind, view.listings, layout=layout)
    if view.kind == "listing" and view.listing is not None:
        return render_listing(
            view.listing, view.entries, number=view.number, pages=view.pages, cards=cards
        )
    if view.kind == "month" and view.listing is not None:
        return render_month(view.listing, digest_days=view.days, cards=cards)
    if view.kind == "day" and view.day is not None:
        return render_day(view.day, view.entries, cards)
    if view.kind == "digest" and view.digest is not None:
        return render_digest(view.digest, briefings, cards)
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
