"""A saved HTML page -> draft, through trafilatura's text and metadata."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .body import body_blocks
from .dates import find_dates
from .draft import (
    IMAGE_CREDIT_TODO,
    MAX_PAGE_BYTES,
    PAGE_HINT,
    TODO_SOURCE,
    Draft,
    Sources,
    assemble,
    check_size,
    empty_draft,
    make_draft,
)
from .text import image_credit_name

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>https?://[^\s>]+)\s*-->", re.I)
_MODIFIED = re.compile(
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:modified_time|og:updated_time|dateModified|last-modified)["'][^>]*?content\s*=\s*["'](?P<a>\d{4}-\d{2}-\d{2})"""
    r"""|content\s*=\s*["'](?P<b>\d{4}-\d{2}-\d{2})[^"']*["'][^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:modified_time|og:updated_time|dateModified)["']"""
    r"""|"dateModified"\s*:\s*"(?P<c>\d{4}-\d{2}-\d{2})""",
    re.IGNORECASE,
)
_HTML_CAPTION = re.compile(
    r"<figcaption\b[^>]*>(?P<caption>.*?)</figcaption>"
    r"|<[a-z]+\b[^>]*\bclass\s*=\s*[\"'][^\"']*\bcredit[^\"']*[\"'][^>]*>(?P<credit>[^<]{2,80})<",
    re.IGNORECASE | re.DOTALL,
)
_CAPTION_CREDIT = re.compile(
    r"(?:credited from|image credit|photo credit|photograph|photo|picture|image|credit)\s*:\s*"
    r"(?P<who>[^.:;]{2,60}?)\s*\.?$|(?:photo|picture|image)\s+by\s+(?P<by>[^.:;]{2,60}?)\s*\.?$",
    re.IGNORECASE,
)
_HTML_FURNITURE = re.compile(
    r"^(?:(?:related|read more|read also|also read|see also|more on this)\s*:"
    r"|(?:advertisement|sign up|subscribe|share this|follow us)\b.{0,40}$)",
    re.IGNORECASE,
)


def _html_image_credit(html: str) -> str | None:
    """Who a page credits its image to: 'Photo: X' ending a caption, or a 'credit' element."""
    for match in _HTML_CAPTION.finditer(html):
        if match["credit"]:
            return " ".join(match["credit"].split()).removeprefix("©").strip() or None
        caption = " ".join(re.sub(r"<[^>]+>", " ", match["caption"]).split())
        credit = _CAPTION_CREDIT.search(caption)
        if credit:
            return credit["who"] or credit["by"]
    return None


def _element_text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def import_html(
    html: str,
    *,
    url: str | None = None,
    year: int | None = None,
    name: str = "",
    today: dt.date | None = None,
) -> Draft:
    """Draft a briefing from a saved news page, using trafilatura for its text and metadata.

    Nothing is fetched: the headline, date, section, site name and lead image come from the
    page's own metadata (Open Graph, JSON-LD, ``<time>``), the text from its main content,
    without navigation, ads, share buttons or comments. Paragraphs are credited by their
    'according to' phrases, or else to the page's own outlet (its site name, with its
    address); a leading list becomes the key points.

    Args:
        html: The page's HTML.
        url: The page's address (default: the saved page's canonical or "saved from" address).
        year: Year for a "Published: Tuesday, November 11" line when the metadata has no date.
        name: What the page was read from, for `Draft.source_name`.
        today: The reading date for guessing a year from a weekday (default: today).

    Returns:
        The draft; each value it could not determine is a "TODO: ..." placeholder.

    Raises:
        ValueError: for a page of more than `MAX_PAGE_BYTES` characters.
    """
    check_size(len(html), MAX_PAGE_BYTES, "page", PAGE_HINT)
    import trafilatura  # slow to import; only importing HTML needs it

    saved_from = _SAVED_FROM.search(html[:4096])
    page = trafilatura.bare_extraction(
        html,
        url=url or (saved_from["url"] if saved_from else None),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if page is None or isinstance(page, dict):  # nothing readable (a dict only with as_dict)
        return empty_draft(name or url or "")
    title = (page.title or "").strip() or None
    address = url or page.url or (saved_from["url"] if saved_from else None)
    outlet = (page.sitename or page.hostname or "").strip() or None

    key_points: list[str] = []
    paragraphs: list[str] = []
    for element in page.body if page.body is not None else []:
        text = _element_text(element)
        if not text or element.tag == "head" or _HTML_FURNITURE.match(text):
            continue
        if element.tag == "list":
            items = [_element_text(item) for item in element.iter("item")]
            if not paragraphs and not key_points:
                key_points = [item for item in items if item]
            else:
                paragraphs += [item for item in items if item]
        else:
            paragraphs.append(text)

    published = page.date if page.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.date) else None
    if published is None:
        published = find_dates(page.text or "", year=year, today=today or dt.date.today())[0]
    modified = _MODIFIED.search(html)
    updated = next((day for day in modified.groups() if day), None) if modified else None
    if updated and published and not published.startswith("TODO") and updated < published:
        updated = None

    sources = Sources()
    default = sources.credit(outlet, address) if outlet else TODO_SOURCE
    document = "\n".join([*key_points, *paragraphs])
    body = body_blocks(paragraphs, sources, default_credit=default, document=document)
    if outlet and not any(default in block["credits"] for block in body):
        del sources.entries[default]  # every paragraph names other outlets

    image = None
    if page.image:
        credit = _html_image_credit(html)
        image = {
            "src": page.image,
            "alt": title or "TODO: say what the image shows",
            "credit": image_credit_name(credit) if credit else IMAGE_CREDIT_TODO,
        }
    categories = [c.strip() for c in page.categories or [] if c.strip()]
    data = assemble(
        title=title,
        category=categories[0] if categories else None,
        published=published,
        updated=updated,
        tags=[t.strip() for t in page.tags or [] if t.strip()] or None,
        image=image,
        key_points=key_points,
        body=body,
        sources=sources,
    )
    return make_draft(data, name or address or "")
