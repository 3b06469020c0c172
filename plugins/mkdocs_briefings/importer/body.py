"""Paragraphs -> paragraph and quote blocks, credited by their attribution phrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import split_attribution
from .quotes import Continued, QuoteReader, finish_quote, join_quotes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .draft import Block, Sources


def body_blocks(
    paragraphs: Iterable[str | Block],
    sources: Sources,
    *,
    default_credit: str,
    document: str,
) -> list[Block]:
    """Paragraphs -> paragraph and quote blocks, credited by their attribution phrases.

    Each quote stands where the article gives it: a paragraph with text before and after a
    quote becomes paragraph, quote, paragraph (all with the paragraph's credits). Quoted
    sentences that carry on a quote (in the same paragraph, or a paragraph that is only a
    quotation right after it) join its block, which then credits both paragraphs' outlets;
    the parts read as one quotation (`join_quotes`: '“A,” she said. “B.”' gives 'A. B.').

    Args:
        paragraphs: The article's paragraphs in page order; a block among them (a Markdown
            blockquote already made a quote) stands in its place, credited to
            ``default_credit`` unless it has credits, and no quote runs on across it.
        sources: The draft's outlets, which give each credited name its key.
        default_credit: The key for a paragraph that names no outlet.
        document: The whole article (paragraphs on their own lines), where a speaker's full
            name and role are looked up.

    Returns:
        The blocks, each with its ``credits``.
    """
    reader = QuoteReader(document)
    blocks: list[Block] = []
    for paragraph in paragraphs:
        if not isinstance(paragraph, str):
            blocks.append({**paragraph, "credits": paragraph.get("credits") or [default_credit]})
            reader.interrupt()
            continue
        text, names = split_attribution(paragraph)
        credits = [sources.credit(name) for name in names] or [default_credit]
        for piece in reader.read(text):
            if isinstance(piece, str):
                blocks.append({"paragraph": piece, "credits": list(credits)})
            elif isinstance(piece, Continued) and blocks and "quote" in blocks[-1]:
                last = blocks[-1]
                more = [c for c in credits if c not in last["credits"]]
                blocks[-1] = {
                    **last,
                    "quote": join_quotes(last["quote"], piece.quote),
                    "credits": [*last["credits"], *more],
                }
            elif isinstance(piece, Continued):  # never dropped, though always after a quote
                blocks.append({"paragraph": piece.text, "credits": list(credits)})
            else:
                blocks.append({**piece, "credits": list(credits)})
    return [{**b, "quote": finish_quote(b["quote"])} if "quote" in b else b for b in blocks]
