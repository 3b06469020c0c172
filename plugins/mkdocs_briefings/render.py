"""Briefing -> Markdown page (pure functions; all YAML text is escaped)."""

from __future__ import annotations

import html
import math
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from .model import Briefing, Image, Paragraph, Quote, Source

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping
    from datetime import date

WORDS_PER_MINUTE = 200
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
_PLACEHOLDERS = re.compile("[\x02\x03]")  # STX and ETX mark Python-Markdown's stashed HTML
_SPACES = re.compile(r"\s\s|[^\S ]")  # two spaces, or any whitespace but a plain space
# ASCII punctuation that some Markdown extension reads as a block marker at a line start; the
# characters _ESCAPES replaces (& \\ " and the like) already arrive escaped.
_BLOCK_MARKERS = frozenset("#-!?/.,;%@'()")


def inline_text(text: str) -> str:
    """Escape plain text so Markdown shows it literally, on one line."""
    if _PLACEHOLDERS.search(text):  # Python-Markdown's own markers: dropped before it parses
        text = _PLACEHOLDERS.sub("", text)
    one_line = " ".join(text.split()) if _SPACES.search(text) else text.strip()
    escaped = _SPECIAL.sub(lambda m: _ESCAPES[m[0]], one_line)
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


def format_date(day: date) -> str:
    """A date as readers see it: 'Tuesday, November 11, 2025' (English, locale-independent)."""
    return f"{_DAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def count_words(b: Briefing) -> int:
    """Words a reader reads: key points, paragraphs and quotes."""
    texts = [b.title, *b.key_points]
    for block in b.body:
        texts.append(block.quote if isinstance(block, Quote) else block.paragraph)
    return sum(len(t.split()) for t in texts)


def reading_time(b: Briefing, *, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read the briefing, at least one."""
    return max(1, math.ceil(count_words(b) / words_per_minute))


def describe(b: Briefing, *, limit: int = 200) -> str:
    """A plain-text summary made from the key points, for meta descriptions."""
    text = " ".join(b.key_points)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def source_anchor(key: str) -> str:
    """The id of a source's entry in the sources section."""
    return f"source-{key}"


def page_meta(
    b: Briefing, *, template: str = "briefing.html", words_per_minute: int = WORDS_PER_MINUTE
) -> dict[str, Any]:
    """The page's metadata: title, template, dates and what the header shows."""
    modified = b.modified
    return {
        # Material prints the title and tags into the page and search index without escaping.
        "title": html.escape(b.title),
        # Material prints page.meta.description into an attribute without escaping it.
        "description": html.escape(describe(b)),
        "template": template,
        # Material's search gives tags a large boost: a search for the category or a tag
        # puts the briefings that carry it first.
        "tags": [html.escape(t) for t in dict.fromkeys([b.category, *b.tags])],
        "date": {
            "created": b.published.isoformat(),
            "updated": modified.isoformat(),
        },
        "briefing": {
            "category": b.category,
            "tags": list(b.tags),
            "published": b.published.isoformat(),
            "published_display": format_date(b.published),
            # Updates and corrections move the "Updated:" date too.
            "updated": modified.isoformat() if modified != b.published or b.updated else None,
            "updated_display": format_date(modified)
            if modified != b.published or b.updated
            else None,
            "reading_time": reading_time(b, words_per_minute=words_per_minute),
        },
    }


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
    links = [f"[{inline_text(sources[k].name)}](#{source_anchor(k)})" for k in keys]
    return f"According to {join_names(links)}\n{{ .briefing-credit }}"


def render_paragraph(block: Paragraph, sources: Mapping[str, Source]) -> str:
    """A paragraph, in its own direction, followed by its credit line."""
    credit = render_credit(block.credits, sources)
    return f"{inline_text(block.paragraph)}\n{DIR_AUTO}\n\n{credit}"


def render_quote(block: Quote, sources: Mapping[str, Source]) -> str:
    """A quote callout: the words, who said them (and their role), the context and the credit."""
    speaker = block.speaker + (f", {block.role}" if block.role else "")
    parts = [f"> “{inline_text(block.quote)}”\n> {DIR_AUTO}"]
    if block.context:
        parts.append(f"{inline_text(block.context)}\n{{ .briefing-quote-context dir=auto }}")
    parts.append(render_credit(block.credits, sources))
    body = "\n\n".join(parts)
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! quote briefing-quote "{inline_text(speaker)}"\n\n{indented}'


def render_changes(b: Briefing) -> str:
    """The log of updates and corrections, oldest first."""
    changes = [("Update", c) for c in b.updates] + [("Correction", c) for c in b.corrections]
    lines = [
        f"- **{kind}, {format_date(change.date)}:** {inline_text(change.text)}"
        for kind, change in sorted(changes, key=lambda item: item[1].date)
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


@dataclass
class PageParts:
    """What a briefing's page is made of, kept in the build cache between builds (see store.py).

    Why: the Markdown, the metadata and the JSON-LD depend on the briefing alone (and the
    site's settings, in the cache key), so a build after the first makes none of them again.
    Social tags and share links are cheap to make, and would take as much memory again.
    """

    markdown: str
    meta: dict[str, Any]
    """`page_meta`; pages get `copied` of it, so nothing a page does changes the cache."""
    json_ld: tuple[Hashable, bytes] | None = None
    """What the page's JSON-LD was made for (its absolute URL, the site's name and URL), and
    that JSON-LD in UTF-8; the plugin fills it in when the page is rendered."""


def copied(value: Any) -> Any:
    """``value`` with its dicts and lists copied, all the way down (strings are shared)."""
    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copied(item) for item in value]
    return value
