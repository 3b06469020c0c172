"""A saved or copied page's plain text -> draft."""

from __future__ import annotations

import datetime as dt
import re

from .body import body_blocks
from .dates import LABELLED_DATE, find_dates
from .draft import (
    ARTICLE_HINT,
    MAX_ARTICLE_BYTES,
    TODO_SOURCE,
    Draft,
    Sources,
    assemble,
    check_size,
    empty_draft,
    make_draft,
)
from .outlets import OUTLET_BY_SPELLING, compact_name, normalise_outlet

_FURNITURE = re.compile(
    r"""^(?:
        [a-z]+(?:-[a-z]+)*-(?:image|picture|icon|thumbnail|photo|img|placeholder)
        |recent\ posts|related\ (?:posts|articles|stories)|popular\ posts|trending
        |share(?:\ this(?:\ article|\ story|\ post)?)?:?|comments?|\d+\ comments?
        |advertisement|sponsored|read\ more|continue\ reading|skip\ to\ content
        |\[?image(?:\ placeholder)?\]?|placeholder|loading\.*
        |\d+\ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\ ago
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_INLINE_FURNITURE = re.compile(
    r"[a-z]+(?:-[a-z]+)*-icon|\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
    r"\s+ago\b",
    re.IGNORECASE,
)
_END_OF_ARTICLE = re.compile(
    r"^(?:share this (?:article|story|post):?|related (?:posts|articles|stories):?"
    r"|you may also like|leave a (?:comment|reply)|comments|recent posts|read next)$",
    re.IGNORECASE,
)
_TITLE_AND_SITE = re.compile(r"^(?P<title>.+)\s+[-–—|]\s+(?P<site>[^-–—|]{2,60})$")
_IMAGE_CREDIT = re.compile(
    r"^(?:credited from|image credit|photo credit|credit|photo|image|picture|source)"
    r"\s*:\s*(?P<who>.+)$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*(?:[•*·▪◦‣–-]|\d+[.)])\s+(?P<text>\S.*)$")


def _is_furniture(line: str, site: str | None) -> bool:
    stripped = line.strip()
    if _FURNITURE.match(stripped):
        return True
    if site and stripped and " " not in stripped.strip():
        # "PRESSAI" on a page of "PRESS AI WORLD": the site's logo text.
        return (
            compact_name(site).startswith(compact_name(stripped))
            and len(compact_name(stripped)) > 2
        )
    return bool(site) and compact_name(stripped) == compact_name(site or "")


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _looks_like_category(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and len(line) <= 40 and not re.search(r"[.:!?,;•]", line)


def image_credit_name(who: str) -> str:
    """'REUTERS' -> 'Reuters'; other credits keep their spelling."""
    who = who.strip().rstrip(".")
    return normalise_outlet(who)[1] if compact_name(who) in OUTLET_BY_SPELLING else who


def import_text(
    text: str, *, year: int | None = None, name: str = "", today: dt.date | None = None
) -> Draft:
    """Draft a briefing from the text of a news page (as saved or copied from a browser).

    Drops the page's furniture (logo text, "Recent Posts", image placeholders, share and
    comment icons, "SHARE THIS ARTICLE:", "2 months ago") and reads: the title (the first line,
    before " - SITE NAME"), the category (the line above the repeated title), the published
    and updated dates, the image credit ("Credited from: REUTERS"), the bullet key points, the
    paragraphs with their credits, and the direct quotes.

    Args:
        text: The page's text.
        year: Year for dates written without one, when the page gives none.
        name: What the text was read from, for `Draft.source_name`.
        today: The reading date for guessing a year from a weekday (default: today).

    Returns:
        The draft; each value it could not determine is a "TODO: ..." placeholder.

    Raises:
        ValueError: for a text of more than `MAX_ARTICLE_BYTES` characters.
    """
    check_size(len(text), MAX_ARTICLE_BYTES, "text", ARTICLE_HINT)
    today = today or dt.date.today()
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return empty_draft(name)
    title, site = lines[first].strip(), None
    heading = _TITLE_AND_SITE.match(title)
    # "Headline - SITE NAME" only if the page repeats the bare headline or the site is in
    # capitals: "Kushner - Netanyahu talks resume" is a headline with a dash.
    if heading and (
        heading["site"].isupper() or any(_same_text(line, heading["title"]) for line in lines)
    ):
        title, site = heading["title"].strip(), heading["site"].strip()

    date_line = next(
        (i for i, line in enumerate(lines) if i > first and LABELLED_DATE.search(line)), None
    )
    published, updated = None, None
    header_end = date_line if date_line is not None else first + 1
    if date_line is not None:
        published, updated, _ = find_dates(lines[date_line], year=year, today=today)
    else:
        repeat = next(
            (i for i in range(first + 1, len(lines)) if _same_text(lines[i], title)), None
        )
        header_end = repeat + 1 if repeat is not None else first + 1

    category = None
    header = [
        line.strip()
        for line in lines[first + 1 : header_end]
        if line.strip() and not _is_furniture(line, site)
    ]
    if header and _same_text(header[-1], title):
        above = [line for line in header[:-1] if not _same_text(line, title)]
        if above and _looks_like_category(above[-1]):
            category = above[-1]

    body_start = date_line + 1 if date_line is not None else header_end
    image_credit, key_points, paragraphs = _read_body(lines[body_start:], title=title, site=site)

    sources = Sources()
    document = "\n".join([*key_points, *paragraphs])
    body = body_blocks(paragraphs, sources, default_credit=TODO_SOURCE, document=document)
    image = {"alt": title, "credit": image_credit} if image_credit else None
    data = assemble(
        title=title,
        category=category,
        published=published,
        updated=updated,
        image=image,
        key_points=key_points,
        body=body,
        sources=sources,
    )
    return make_draft(data, name)


def _read_body(
    lines: list[str], *, title: str, site: str | None
) -> tuple[str | None, list[str], list[str]]:
    """The article's lines after its header -> (image credit, key points, paragraphs).

    An image credit and bullets count only before the first paragraph; blank lines,
    furniture and the title repeated end a paragraph; an end-of-article line ends the text.
    """
    image_credit = None
    key_points: list[str] = []
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        stripped = _INLINE_FURNITURE.sub("", line).strip()
        end = _END_OF_ARTICLE.match(stripped) is not None
        if end or not stripped or _is_furniture(stripped, site) or _same_text(stripped, title):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if end:
                break  # the paragraph right above 'Related Articles' is still the article's
            continue
        credit = _IMAGE_CREDIT.match(stripped)
        bullet = BULLET.match(line)
        if credit and image_credit is None and not paragraphs and not current:
            image_credit = image_credit_name(credit["who"])
        elif bullet and not paragraphs and not current:
            key_points.append(" ".join(bullet["text"].split()))
        else:
            current.append(stripped)
    return image_credit, key_points, paragraphs
