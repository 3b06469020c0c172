"""Sentences of a paragraph, never split inside a quotation or after 'Mr.'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .outlets import word_set

if TYPE_CHECKING:
    from collections.abc import Iterable

# Why the mixed form: pages mix marks ("...” or “...") where their editors' tools did, so a
# straight mark after , . ! or ? and before a space closes a curly quotation ("“A," he said,
# "B.”" is two quotations, not one). Two apostrophes (’’ or '') close one on some sites;
# „...“, «...» and ‚...‘ are other languages' marks (kept whole when sentences are split).
_STRAIGHT_CLOSER = r"(?<=[,.!?…])\"(?=\s|$)"
QUOTED = re.compile(
    rf"“(?:(?!{_STRAIGHT_CLOSER}|’’|'')[^“”])*(?:”|’’|'')"
    r"|\"[^\"”]*\""
    r"|[“\"][^“”\"]*[”\"]"
    r"|„[^„“”]*[“”]|«[^«»]*»|‚[^‚‘]*‘"
)
_OPENERS = ("“", '"', "„", "«", "‚")
_CLOSERS = ("’’", "''", "”", '"', "“", "»", "‘")
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][”\"’)“»])|(?<=[.!?][’'][”\"]))\s+(?=[A-Z“\"‘(0-9„«])"
)
_ABBREVIATIONS = word_set(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr no vs etc inc co corp ltd"
    " u.s u.k u.n e.g i.e a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec"
)


def quoted_words(quotation: str) -> str:
    """The words of a quotation without its marks ('“We stay,’’' -> 'We stay,')."""
    if quotation.startswith(_OPENERS):
        quotation = quotation[1:]
    for closer in _CLOSERS:
        if quotation.endswith(closer):
            return quotation[: -len(closer)]
    return quotation


def _mask_quotes(text: str) -> str:
    """``text`` with quoted words blanked out (same length), keeping a final . ! or ?."""

    def blank(match: re.Match[str]) -> str:
        inner = quoted_words(match[0])
        opening, closing = match[0][:1], match[0][1 + len(inner) :]
        ending = re.search(r"[.!?][’']?$", inner)  # “... It’s very simple.’” ends a sentence
        end = ending[0] if ending else ""
        return opening + "x" * (len(inner) - len(end)) + end + closing

    return QUOTED.sub(blank, text)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, never inside a quotation or after 'Mr.' or 'U.S.'."""
    masked = _mask_quotes(text)
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        before = masked[start : match.start()].rstrip('”"’)')
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        token = word.rstrip(".!?").casefold()
        if word.endswith(".") and (token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token)):
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def join_sentences(sentences: Iterable[str]) -> str:
    return " ".join(s for s in sentences if s)


def end_sentence(text: str) -> str:
    """``text`` without trailing commas or spaces, ending with a full stop."""
    text = text.rstrip(" ,;:")
    return text if not text or text[-1] in '.!?…”"’' else text + "."


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
