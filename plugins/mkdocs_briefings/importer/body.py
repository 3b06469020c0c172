"""Paragraphs -> paragraph and quote blocks, credited by their attribution phrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import split_attribution
from .quotes import extract_quotes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .draft import Block, Sources


def body_blocks(
    paragraphs: Iterable[str],
    sources: Sources,
    *,
    default_credit: str,
    document: str,
) -> list[Block]:
    """Paragraphs -> paragraph and quote blocks, credited by their attribution phrases."""
    blocks: list[Block] = []
    for paragraph in paragraphs:
        text, names = split_attribution(paragraph)
        credits = [sources.credit(name) for name in names] or [default_credit]
        text, quotes = extract_quotes(text, document=document)
        if text:
            blocks.append({"paragraph": text, "credits": list(credits)})
        blocks += [{**quote, "credits": list(credits)} for quote in quotes]
    return blocks
