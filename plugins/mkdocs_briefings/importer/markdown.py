"""Markdown with YAML front matter -> draft."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..model import SOURCE_KEY
from .body import body_blocks
from .draft import (
    ARTICLE_HINT,
    IMAGE_CREDIT_TODO,
    MAX_ARTICLE_BYTES,
    TODO_SOURCE,
    Block,
    Draft,
    Sources,
    assemble,
    check_size,
    make_draft,
)
from .sentences import capitalise
from .text import BULLET

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_MD_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?P<text>\S(?:.*?\S)?)\1")
_MD_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_QUOTE_BY = re.compile(r"^[—–]\s*|^--\s*")


def _plain_markdown(text: str) -> str:
    """Markdown inline syntax -> plain text: links keep their text, emphasis its words."""
    text = _MD_LINK.sub(lambda m: "" if m[0].startswith("!") else m["text"], text)
    text = _MD_EMPHASIS.sub(lambda m: m["text"], text)
    text = _MD_HTML_TAG.sub("", text)
    return " ".join(text.split())


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as written.

    Why: 'date: 2025-02-30' stops the safe loader with a ValueError (no such day), which
    stopped the import ('day is out of range for month'); as text, `_front_matter_day` makes
    it a TODO and the rest of the front matter is kept.
    """


def _as_written(loader: _FrontMatterLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node)) if isinstance(node, yaml.ScalarNode) else ""


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_written)


def _as_text(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _front_matter_day(value: Any) -> str | None:
    """A front-matter date as YYYY-MM-DD, or a "TODO: ..." if it is not one."""
    text = _as_text(value)
    if text is None:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", text)
    if match:
        try:
            return dt.date.fromisoformat(match[0]).isoformat()
        except ValueError:
            pass
    return f"TODO: {text!r} is not a date; write it as YYYY-MM-DD"


def _front_matter_sources(meta: dict[str, Any], sources: Sources) -> list[str]:
    """The keys of the outlets front matter names (``sources:``, or ``source:`` + ``url:``)."""
    keys: list[str] = []
    given = meta.get("sources")
    if isinstance(given, dict):  # the briefing format: {reuters: {name: Reuters, url: ...}}
        for key, entry in given.items():
            entry = entry if isinstance(entry, dict) else {"name": entry}
            name = _as_text(entry.get("name")) or str(key)
            url = _as_text(entry.get("url"))
            if not SOURCE_KEY.match(str(key)):  # 'Harbour Ledger': a key made from the name
                keys.append(sources.credit(name, url))
                continue
            sources.entries.setdefault(str(key), {"name": name, **({"url": url} if url else {})})
            keys.append(str(key))
    elif isinstance(given, list):
        for entry in given:
            entry = entry if isinstance(entry, dict) else {"name": entry}
            if outlet := _as_text(entry.get("name")):
                keys.append(sources.credit(outlet, _as_text(entry.get("url"))))
    elif single := _as_text(meta.get("source")):
        keys.append(sources.credit(single, _as_text(meta.get("url"))))
    return keys


def _markdown_blocks(body: str) -> tuple[list[str], list[str | Block], list[str]]:
    """(leading bullets, paragraphs and quotes, paragraph texts) of a Markdown body.

    Blockquotes that end with a "— Speaker, role" line become quote blocks (without credits),
    in their place among the paragraphs.
    """
    bullets: list[str] = []
    paragraphs: list[str | Block] = []
    texts: list[str] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines or lines[0].startswith("#") or re.fullmatch(r"[-*_]{3,}", lines[0]):
            continue  # headings and rules: the format has neither
        items = [item["text"] for line in lines if (item := BULLET.match(line))]
        if len(items) == len(lines) and not paragraphs:
            bullets += [_plain_markdown(item) for item in items]
            continue
        if all(line.startswith(">") for line in lines):
            inner = [line.lstrip(">").strip() for line in lines]
            by = _MD_QUOTE_BY.match(inner[-1]) if len(inner) > 1 else None
            if by:
                who, _, role = _plain_markdown(inner[-1][by.end() :]).partition(",")
                words = _plain_markdown(" ".join(inner[:-1])).strip('“”"')
                block: Block = {"quote": words, "speaker": who.strip()}
                if role.strip():
                    block["role"] = capitalise(role.strip())
                paragraphs.append(block)
                continue
            lines = inner
        texts.append(_plain_markdown(" ".join(lines)))
        paragraphs.append(texts[-1])
    return bullets, paragraphs, texts


def import_markdown(text: str, *, name: str = "") -> Draft:
    """Draft a briefing from Markdown with YAML front matter.

    Front matter gives title, category (or the first of ``categories``), published (or
    ``date``), updated (or ``modified``/``lastmod``), tags, image, key_points and the outlets
    (``sources:`` as in the briefing format or a list of names, or ``source:`` with ``url:``).
    The body's leading bullet list gives key points when front matter has none; its paragraphs
    are credited by their 'according to' phrases, or else to the only outlet front matter
    names; a blockquote ending in "— Speaker, role" is a quote.

    Args:
        text: The Markdown file's content.
        name: What the text was read from, for `Draft.source_name`.

    Returns:
        The draft; each value it could not determine is a "TODO: ..." placeholder.

    Raises:
        ValueError: for a text of more than `MAX_ARTICLE_BYTES` characters.
    """
    check_size(len(text), MAX_ARTICLE_BYTES, "text", ARTICLE_HINT)
    front = _FRONT_MATTER.match(text)
    meta: dict[str, Any] = {}
    if front:
        try:
            loaded = yaml.load(front["yaml"], Loader=_FrontMatterLoader)  # noqa: S506 (safe)
        except (yaml.YAMLError, ValueError):
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
    body_text = text[front.end() :] if front else text

    sources = Sources()
    given = _front_matter_sources(meta, sources)
    bullets, paragraphs, texts = _markdown_blocks(body_text)
    document = "\n".join(texts)
    default = given[0] if len(given) == 1 else TODO_SOURCE
    # One call for the whole body, so that a quote runs on into the next paragraph and "she
    # said" finds the person of the sentence before, as in HTML imports; a blockquote stands
    # in its place, credited to the article's own outlet.
    body = body_blocks(paragraphs, sources, default_credit=default, document=document)

    categories = meta.get("categories")
    category = _as_text(meta.get("category")) or (
        _as_text(categories[0]) if isinstance(categories, list) and categories else None
    )
    key_points = meta.get("key_points")
    image = meta.get("image")
    image_data = None
    if isinstance(image, dict):
        found = {k: _as_text(image.get(k)) for k in ("src", "alt", "credit")}
        image_data = {k: v for k, v in found.items() if v}
    elif src := _as_text(image):
        image_data = {"src": src}
    if image_data is not None:
        image_data.setdefault("alt", _as_text(meta.get("title")) or "TODO: say what it shows")
        image_data.setdefault("credit", IMAGE_CREDIT_TODO)
    tags = meta.get("tags")
    data = assemble(
        title=_as_text(meta.get("title")),
        category=category,
        published=_front_matter_day(meta.get("published", meta.get("date"))),
        updated=_front_matter_day(meta.get("updated", meta.get("modified", meta.get("lastmod")))),
        tags=[t for t in (_as_text(x) for x in tags) if t] if isinstance(tags, list) else None,
        image=image_data,
        key_points=(
            [t for t in (_as_text(x) for x in key_points) if t]
            if isinstance(key_points, list)
            else bullets
        ),
        body=body,
        sources=sources,
    )
    return make_draft(data, name)
