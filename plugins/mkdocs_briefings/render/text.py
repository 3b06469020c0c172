"""What every formatter says about a briefing, produced once: dates, names, credits, the
speaker line and the change log (pure). The page, feed and Markdown formatters only format it."""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from datetime import UTC
from typing import TYPE_CHECKING, Any

from ..model import Quote
from ..times import MONTHS, day_of, format_day, format_moment, local_iso, moment_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date, tzinfo

    from ..model import Briefing, Change, Image, Paragraph, Perspective, Source

WORDS_PER_MINUTE = 200

_PLACEHOLDERS = re.compile("[\x02\x03]")  # STX and ETX: Python-Markdown's stash markers
_SPACES = re.compile(r"\s\s|[^\S ]")  # two spaces, or any whitespace but a plain space


def one_line(text: str) -> str:
    """``text`` as every output shows it: on one line, runs of whitespace as one space.

    STX and ETX are dropped: Python-Markdown reads them as its own markers, and no reader
    sees them anyway.
    """
    if _PLACEHOLDERS.search(text):
        text = _PLACEHOLDERS.sub("", text)
    return " ".join(text.split()) if _SPACES.search(text) else text.strip()


def escape(text: str) -> str:
    """``text`` on one line (`one_line`), escaped for HTML text and attribute values."""
    return html.escape(one_line(text), quote=True)


#: `escape` for short texts that many pages show (headlines, categories, outlets), escaped once
#: per build. Not for paragraphs: caching every text of 10,000 briefings took 60 MB.
escape_label = functools.lru_cache(maxsize=1 << 14)(escape)


def format_date(day: date) -> str:
    """A date as readers see it: 'Tuesday, November 11, 2025' (English, locale-independent);
    a date-time's day as written."""
    return format_day(day_of(day))


def month_title(day: date) -> str:
    """'November 2025'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def count_words(b: Briefing) -> int:
    """Words a reader reads: key points, paragraphs, quotes and the optional sections."""
    texts = [b.title, *b.key_points]
    for block in b.body:
        texts.append(block.quote if isinstance(block, Quote) else block.paragraph)
    texts += [p.paragraph for p in (*b.why_it_matters, *b.whats_next)]
    texts += [p.view for p in b.perspectives]
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


def credits(
    keys: Iterable[str], sources: Mapping[str, Source]
) -> list[tuple[str, str, str | None]]:
    """Who a block is credited to: (outlet name, anchor of its entry in the sources section,
    the address of its article or None). A credit links the article when there is one, else
    the entry.

    Keys missing from ``sources`` are left out (the loader reports them before this runs).
    """
    return [(sources[k].name, source_anchor(k), sources[k].url) for k in keys if k in sources]


def credits_shown(blocks: Sequence[Paragraph | Quote]) -> list[bool]:
    """Whether each block shows its credit line: a run of blocks credited to the same sources
    shows it once, after the last of them, not 'According to X' twice in a row."""
    return [
        i + 1 == len(blocks) or blocks[i + 1].credits != block.credits
        for i, block in enumerate(blocks)
    ]


SECTION_TITLES = {
    "why_it_matters": ("Why it matters", "why-it-matters"),
    "whats_next": ("What\u2019s next", "whats-next"),
    "perspectives": ("Perspectives", "perspectives"),
}
"""The optional sections' headings and ids, as every formatter shows them."""


def perspective_label(view: Perspective, sources: Mapping[str, Source]) -> str:
    """A perspective's heading: its label, else the outlet's name (else its key, which the
    loader reports as unknown before this runs)."""
    if view.label:
        return view.label
    source = sources.get(view.source)
    return source.name if source else view.source


def source_count(b: Briefing) -> str:
    """'1 source', '4 sources' (a no-break space): how many outlets a briefing draws on."""
    count = len(outlet_names(b))
    return f"{count}\u00a0{'source' if count == 1 else 'sources'}"  # no line break inside


def image_caption(image: Image) -> str:
    """'Photo: Reuters', 'Illustration: Briefings': the lead image's credit line."""
    return f"{image.kind.capitalize()}: {image.credit}"


def text_direction(text: str) -> str | None:
    """'rtl' or 'ltr' by the first strong letter of ``text`` (as dir="auto" decides), or None
    without one. Why the formatters need it: a quote's caption is a <figcaption> of names
    isolated in <bdi>, which dir="auto" skips, so it takes its direction from the quote's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def speaker_line(block: Quote) -> str:
    """'Benjamin Netanyahu, Israeli Prime Minister': who said a quote, and their role."""
    return block.speaker + (f", {block.role}" if block.role else "")


def change_log(b: Briefing) -> list[tuple[str, Change]]:
    """The updates and corrections as ('Update' or 'Correction', change), oldest first."""
    changes = [("Update", c) for c in b.updates] + [("Correction", c) for c in b.corrections]
    return sorted(changes, key=lambda item: moment_key(item[1].date))


def outlet_names(b: Briefing) -> list[str]:
    """The outlets a briefing credits, each once, in the order of its sources."""
    return list(dict.fromkeys(s.name for s in b.sources.values()))


def topics(b: Briefing) -> list[str]:
    """The category, then the tags, each once: the briefing's chips and feed categories."""
    return list(dict.fromkeys([b.category, *b.tags]))


def page_meta(
    b: Briefing,
    *,
    template: str = "briefing.html",
    words_per_minute: int = WORDS_PER_MINUTE,
    description: str | None = None,
    zone: tzinfo = UTC,
) -> dict[str, Any]:
    """The page's metadata: title, template, dates and what the header shows (``description``:
    `describe`'s summary, when the caller made it already; ``zone``: the site's time zone,
    where times are shown)."""
    modified = b.modified
    changed = modified != b.published or b.updated is not None
    return {
        # Material prints the title and tags into the page and search index without escaping.
        "title": html.escape(b.title),
        # Material prints page.meta.description into an attribute without escaping it.
        "description": html.escape(describe(b) if description is None else description),
        "template": template,
        # No sidebars: the site's sections are in the header; the page's two headings need no
        # table of contents. The article keeps a readable line length.
        "hide": ["navigation", "toc"],
        # Material's search gives tags a large boost: a search for the category or a tag
        # puts the briefings that carry it first.
        "tags": [html.escape(t) for t in topics(b)],
        "date": {
            "created": b.published.isoformat(),
            "updated": modified.isoformat(),
        },
        "briefing": {
            "category": b.category,
            "tags": list(b.tags),
            "published": local_iso(b.published, zone),
            "published_display": format_moment(b.published, zone),
            # Updates and corrections move the "Updated:" date too.
            "updated": local_iso(modified, zone) if changed else None,
            "updated_display": format_moment(modified, zone) if changed else None,
            "reading_time": reading_time(b, words_per_minute=words_per_minute),
        },
    }


KIND_TITLES = {
    "categories": "Sections",
    "tags": "Tags",
    "sources": "Outlets",
    "stories": "Stories",
    "archive": "Archive",
    "people": "People",
}


def index_meta(title: str, **extra: Any) -> dict[str, Any]:
    """The metadata of a generated index page (what front matter would say)."""
    # Index pages repeat what the briefings say: kept out of search so results lead to briefings.
    # The title is escaped: Material prints it without escaping.
    # Cards and lists need neither the section nav nor a contents list of one heading.
    return {
        "title": html.escape(title),
        "search": {"exclude": True},
        "hide": ["navigation", "toc"],
        **extra,
    }


def count_noun(count: int) -> str:
    """'1 briefing', '3 briefings'."""
    return f"{count} {'briefing' if count == 1 else 'briefings'}"


def listing_intro(kind: str, title: str, count: int) -> tuple[str | None, str]:
    """The line under a listing's heading: (the outlet's name that starts it, or None; the rest).

    Why apart: the formatters escape the name, and write the rest as it is.
    """
    if kind == "sources":
        return title, f": credited in {count_noun(count)}."
    if kind == "stories":
        return None, f"The story so far, oldest first: {count_noun(count)}."
    return None, f"{count_noun(count)}, newest first."


def listing_title(title: str, number: int, pages: int) -> str:
    """A listing page's heading: 'Politics', or 'Politics (page 2 of 3)'."""
    return title if pages == 1 else f"{title} (page {number} of {pages})"


def pager_labels(kind: str) -> tuple[str, str]:
    """The pager's words for earlier and later pages: story timelines run oldest first."""
    return ("← Earlier", "Later →") if kind == "stories" else ("← Newer", "Older →")


def day_title(day: date) -> str:
    """The heading of a generated daily page."""
    return f"Briefings of {format_date(day)}"
