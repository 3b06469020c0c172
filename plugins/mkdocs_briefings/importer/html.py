"""A saved HTML page -> draft: trafilatura's tree and metadata, checked and cleaned.

From the page to the draft: `metadata.read_facts` reads what the page says about itself,
`boilerplate.mark_furniture` marks what its classes say is not the article, trafilatura
extracts the main content, `extract.article_blocks` keeps its paragraphs as the page draws
them, and `boilerplate.article_only` drops what is still furniture.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..model import MAX_TITLE
from .body import body_blocks
from .boilerplate import (
    FURNITURE_MARK,
    article_only,
    is_paywalled,
    is_teaser,
    link_texts,
    mark_furniture,
    measure_links,
)
from .dates import find_dates
from .draft import (
    IMAGE_CREDIT_TODO,
    MAX_PAGE_BYTES,
    PAGE_HINT,
    TEASER_TODO,
    TODO_SOURCE,
    Draft,
    Sources,
    assemble,
    check_size,
    empty_draft,
    make_draft,
)
from .extract import Block, article_blocks, join_broken, join_drop_caps, split_long
from .metadata import (
    choose_outlet,
    choose_title,
    clean_category,
    clean_credit,
    clean_tags,
    headlines,
    image_address,
    is_headline,
    read_facts,
)
from .text import image_credit_name

if TYPE_CHECKING:
    from lxml.html import HtmlElement  # type: ignore[import-untyped]

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
    r"(?P<who>[^.:;]{2,60}?)\s*\.?$|(?:photo|picture|image)\s+by\s+(?P<by>[^.:;]{2,60}?)\s*\.?$"
    r"|\((?P<paren>[A-Z][^()]{1,60})\)\s*\.?$",
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
            return credit["who"] or credit["by"] or credit["paren"]
    return None


def _parse(html: str) -> HtmlElement | None:
    """The page's tree, parsed as trafilatura parses it (comments out, their tails kept)."""
    from trafilatura.utils import load_html

    tree: HtmlElement | None = load_html(html)
    return tree


def _key_points_and_paragraphs(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """A list before any paragraph is the key points (if it has at most five items)."""
    key_points: list[str] = []
    paragraphs: list[str] = []
    first = next((b for b in blocks if b.kind != "heading"), None)
    lead = [b for b in blocks if first is not None and b.kind == "item" and b.group == first.group]
    if first is not None and first.kind == "item" and len(lead) <= _MAX_KEY_POINTS:
        key_points = [b.text for b in lead]
    for block in blocks:
        if block.kind == "heading" or (key_points and block in lead):
            continue
        paragraphs += split_long(block.text)
    return key_points, paragraphs


_MAX_KEY_POINTS = 5


def import_html(
    html: str,
    *,
    url: str | None = None,
    year: int | None = None,
    name: str = "",
    today: dt.date | None = None,
) -> Draft:
    """Draft a briefing from a saved news page, using trafilatura for its text and metadata.

    Nothing is fetched. The headline is the one the page's ``<h1>``, ``og:title`` and
    ``<title>`` agree on, without the site's name; the outlet is the name the page gives
    itself (``og:site_name``, the publisher), else its host; the date, section, keywords and
    lead image come from its metadata, checked and clamped to the format's limits. The text
    is the page's main content, paragraph by paragraph as the page draws them, without
    furniture (navigation, prompts to subscribe, captions, bylines, embedded posts, links to
    other stories). Paragraphs are credited by their 'according to' phrases, or else to the
    page's own outlet; a leading list of up to five items becomes the key points. A page
    that holds only a teaser (a paywall) says so in a TODO.

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

    tree = _parse(html)
    if tree is None:
        return empty_draft(name or url or "")
    saved_from = _SAVED_FROM.search(html[:4096])
    facts = read_facts(tree)
    paywalled = is_paywalled(tree)
    links = link_texts(tree)
    join_drop_caps(tree)
    mark_furniture(tree)
    page = trafilatura.bare_extraction(
        tree,
        url=url or (saved_from["url"] if saved_from else None),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        prune_xpath=f"//*[@{FURNITURE_MARK}]",
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if page is None or isinstance(page, dict):  # nothing readable (a dict only with as_dict)
        return empty_draft(name or url or "")
    address = url or page.url or facts.address or (saved_from["url"] if saved_from else None)
    names = [*facts.site_names, *([page.sitename] if page.sitename else [])]
    blocks = measure_links(article_blocks(page.body), links)
    opening = [
        *[b.text for b in blocks if b.kind == "heading"][:1],
        *[b.text for b in blocks if b.kind != "heading"][:1],
    ]
    title = choose_title(facts, names, shown=[t for t in opening if len(t) <= MAX_TITLE])
    host = page.hostname or (urlsplit(address).hostname if address else None)
    outlet = choose_outlet(facts, title=title, fallback=(page.sitename or host or "").strip())
    outlet = outlet or None

    teaser = is_teaser(blocks, paywalled=paywalled)
    wordings = headlines(facts, names)
    kept = [block for block in article_only(blocks) if not is_headline(block.text, wordings)]
    kept = join_broken(kept)
    key_points, paragraphs = _key_points_and_paragraphs(kept)

    published, updated = _dates(page.date, page.text, html, year=year, today=today)

    sources = Sources()
    default = sources.credit(outlet, address) if outlet else TODO_SOURCE
    document = "\n".join([*key_points, *paragraphs])
    body = body_blocks(paragraphs, sources, default_credit=default, document=document)
    if teaser:
        body.append({"paragraph": TEASER_TODO, "credits": [default]})
    if outlet and not any(default in block["credits"] for block in body):
        del sources.entries[default]  # every paragraph names other outlets

    data = assemble(
        title=title,
        category=clean_category(page.categories or []),
        published=published,
        updated=updated,
        tags=clean_tags(page.tags or [], outlet=outlet) or None,
        image=_image(page.image, address, html, title=title),
        key_points=key_points,
        body=body,
        sources=sources,
    )
    return make_draft(data, name or address or "")


def _dates(
    date: str | None, text: str | None, html: str, *, year: int | None, today: dt.date | None
) -> tuple[str | None, str | None]:
    """The page's (published, updated) days: its metadata's date, else one its text labels
    (None when neither); its modified date only when not before the published one."""
    published = date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    if published is None:
        published = find_dates(text or "", year=year, today=today or dt.date.today())[0]
    modified = _MODIFIED.search(html)
    updated = next((day for day in modified.groups() if day), None) if modified else None
    if updated and not _is_day(updated):
        updated = None  # '2025-13-45' in the metadata: no date at all
    if updated and published and not published.startswith("TODO") and updated < published:
        updated = None
    return published, updated


def _is_day(text: str) -> bool:
    """Whether 'YYYY-MM-DD' is a day of the calendar."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _image(
    image: str | None, address: str | None, html: str, *, title: str | None
) -> dict[str, str] | None:
    """The lead image as a draft's ``image:`` (its credit from the page, else a TODO)."""
    src = image_address(image, address)
    if not src:
        return None
    found = _html_image_credit(html)
    credit = clean_credit(found) if found else None
    return {
        "src": src,
        "alt": title or "TODO: say what the image shows",
        "credit": image_credit_name(credit) if credit else IMAGE_CREDIT_TODO,
    }
