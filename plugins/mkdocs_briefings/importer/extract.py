"""The article's structure from trafilatura's tree: one block per paragraph the page draws.

Why not trafilatura's text: it joins a container's paragraphs into one line and glues
sentences across elements ("…sing and dance.The new offences…"); its tree still says where
each paragraph, heading, list item and quotation starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from lxml import etree  # type: ignore[import-untyped]

from ..model import MAX_TEXT

if TYPE_CHECKING:
    from lxml.html import HtmlElement  # type: ignore[import-untyped]

Kind = Literal["paragraph", "heading", "item", "quote"]

# Tags of trafilatura's own vocabulary (p, head, list, item, quote, lb, ref, hi) and the HTML
# its fallback extractors leave in (div, h2, ul, li, blockquote, br, a, span).
_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
_ITEMS = frozenset({"item", "li", "dt", "dd"})
_QUOTES = frozenset({"quote", "blockquote"})
_GROUPS = frozenset({"list", "ul", "ol", "dl", "quote", "blockquote"})
_BLOCKS = frozenset(
    {
        *_HEADINGS,
        *_ITEMS,
        *_GROUPS,
        *("p", "div", "section", "article", "main", "body", "doc", "header", "footer", "aside"),
        *("table", "row", "cell", "tr", "td", "th", "figure", "pre", "code", "center", "form"),
    }
)
_BREAKS = frozenset({"lb", "br"})
_LINKS = frozenset({"ref", "a"})
_SKIPPED = frozenset(
    {"script", "style", "noscript", "button", "select", "input", "textarea", "nav", "graphic"}
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")
_SENTENCE_START = re.compile(r"^[\"“‘(\[]?[A-Z0-9ÀÁÂÄÅÇÉÈÊËÍÎÏÑÓÔÖØÚÛÜА-ЯЁ]")
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_DROP_CAP = re.compile(r"drop.?cap|dropcap|first.?letter|initial|versal", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """One paragraph of the page as drawn: its kind, its text and how much of it is links.

    Attributes:
        kind: "paragraph", "heading", "item" (of a list) or "quote" (a blockquote).
        text: The text, whitespace collapsed.
        link_share: The share of the text's characters that are inside links (0 to 1).
        group: Blocks of the same list or blockquote share a number; -1 for the others.
    """

    kind: Kind
    text: str
    link_share: float = 0.0
    group: int = -1


@dataclass
class _Walk:
    """The state of one walk over a tree (local to `article_blocks`)."""

    blocks: list[Block]
    pieces: list[tuple[str, bool]]
    breaks: int = 0


def _kind_of(stack: list[str]) -> Kind:
    for tag in reversed(stack):
        if tag in _HEADINGS:
            return "heading"
        if tag in _QUOTES:
            return "quote"
        if tag in _ITEMS:
            return "item"
    return "paragraph"


def _flush(walk: _Walk, kind: Kind, group: int) -> None:
    text = " ".join("".join(text for text, _ in walk.pieces).split())
    if text:
        linked = len(" ".join("".join(text for text, link in walk.pieces if link).split()))
        walk.blocks.append(Block(kind, text, min(1.0, linked / len(text)), group))
    walk.pieces.clear()
    walk.breaks = 0


def _add(walk: _Walk, text: str | None, *, link: bool, kind: Kind, group: int) -> None:
    """Add inline text; line breaks before it end the paragraph where the page ends one."""
    if not text:
        return
    if walk.breaks and text.strip():
        before = "".join(piece for piece, _ in walk.pieces).strip()
        # Why: "<br><br>" is how many pages separate paragraphs; one <br> after a full
        # sentence, before a capital, is too ("…the harbour.<br>The council…"), while one
        # inside a sentence (an address, a poem's line) is not.
        if walk.breaks >= 2 or (
            _SENTENCE_END.search(before) and _SENTENCE_START.match(text.lstrip())
        ):
            _flush(walk, kind, group)
        else:
            walk.pieces.append((" ", False))
        walk.breaks = 0
    walk.pieces.append((text, link))


def article_blocks(body: HtmlElement | etree._Element | None) -> list[Block]:
    """The paragraphs, headings, list items and quotations of an extracted body, in order.

    Each block element starts a new block, so a container's paragraphs stay apart and
    sentences of neighbouring elements are never glued; two line breaks (or one after a
    full sentence) start a new block too. Inline elements (links, emphasis, a drop-cap's
    span) stay part of their paragraph's text.

    Args:
        body: trafilatura's ``Document.body`` (or any HTML element).

    Returns:
        The blocks in page order.
    """
    if body is None:
        return []
    walk = _Walk(blocks=[], pieces=[])
    stack: list[str] = []  # open block tags
    groups: list[int] = []  # open lists and quotations
    counter = 0
    links = 0
    skipping = 0
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rpartition("}")[2].lower()
        kind, group = _kind_of(stack), (groups[-1] if groups else -1)
        if event == "start":
            if skipping or tag in _SKIPPED or not tag:
                skipping += 1
                continue
            if tag in _BLOCKS:
                _flush(walk, kind, group)
                stack.append(tag)
                if tag in _GROUPS:
                    groups.append(counter)
                    counter += 1
                kind, group = _kind_of(stack), (groups[-1] if groups else -1)
            elif tag in _BREAKS:
                walk.breaks += 1
            links += tag in _LINKS
            _add(walk, element.text, link=links > 0, kind=kind, group=group)
            continue
        if skipping:
            skipping -= 1
            if not skipping:
                _add(walk, element.tail, link=links > 0, kind=kind, group=group)
            continue
        links -= tag in _LINKS
        if tag in _BLOCKS:
            _flush(walk, kind, group)
            stack.pop()
            if tag in _GROUPS:
                groups.pop()
            kind, group = _kind_of(stack), (groups[-1] if groups else -1)
        if element is not body:
            _add(walk, element.tail, link=links > 0, kind=kind, group=group)
    _flush(walk, _kind_of(stack), -1)
    return walk.blocks


def join_broken(blocks: list[Block]) -> list[Block]:
    """Paragraphs the page broke inside a sentence, joined: "…provides an" + "effective way…".

    A paragraph that ends without a sentence's end (a letter, a comma) followed by one that
    opens in lower case is one sentence drawn as two; list items and headings stay apart.
    """
    joined: list[Block] = []
    for block in blocks:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind == block.kind == "paragraph"
            and re.search(r"[^\W\d_]$|,$", last.text)
            and block.text[:1].islower()
        ):
            text = f"{last.text} {block.text}"
            share = (last.link_share * len(last.text) + block.link_share * len(block.text)) / len(
                text
            )
            joined[-1] = Block("paragraph", text, share, last.group)
        else:
            joined.append(block)
    return joined


def split_long(text: str, limit: int = MAX_TEXT) -> list[str]:
    """A text over ``limit`` characters, cut between sentences into pieces that fit.

    Why: the format takes paragraphs of at most `MAX_TEXT` characters; a page that draws a
    whole article as one element would otherwise give a draft that fails its own schema.
    A sentence longer than the limit is cut between words.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_SPLIT.split(text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def join_drop_caps(tree: HtmlElement) -> None:
    """Put a drop-cap letter drawn in its own element back at the start of its word.

    "<span class='dropcap'>T</span>he council" reads "The council" already; a letter in an
    element of its own before the paragraph ("<div class='dropcap'>T</div><p>he council")
    or one that an extractor would drop as an empty-looking element is moved into the text
    that follows it. Modifies ``tree`` in place.
    """
    for element in tree.iter():
        if not isinstance(element.tag, str) or len(element):
            continue
        letter = (element.text or "").strip()
        marked = _DROP_CAP.search(f"{element.get('class', '')} {element.get('id', '')}")
        if len(letter) != 1 or not letter.isalpha() or not letter.isupper() or not marked:
            continue
        _move_letter(element, letter)


def _move_letter(element: HtmlElement, letter: str) -> None:
    tail = element.tail or ""
    if tail.strip():
        _drop_keeping_tail(element, letter + tail.lstrip())
        return
    following = element.getnext()
    if following is not None and isinstance(following.tag, str):
        # The paragraph that follows: the letter goes before its first text.
        target = following
        while not (target.text or "").strip() and len(target):
            target = target[0]
        if (target.text or "").strip()[:1].islower():
            target.text = letter + (target.text or "").lstrip()
            _drop_keeping_tail(element, "")


def _drop_keeping_tail(element: HtmlElement, tail: str) -> None:
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
