"""Sentences of a paragraph, never split inside a quotation or after 'Mr.'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .outlets import word_set

if TYPE_CHECKING:
    from collections.abc import Iterable

# Why the third form: pages mix marks ("...” or “...") where their editors' tools did.
QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|[“\"][^“”\"]*[”\"]")
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][”\"’)])|(?<=[.!?][’'][”\"]))\s+(?=[A-Z“\"‘(0-9])"
)
_ABBREVIATIONS = word_set(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr no vs etc inc co corp ltd"
    " u.s u.k u.n e.g i.e a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec"
)


def _mask_quotes(text: str) -> str:
    """``text`` with quoted words blanked out (same length), keeping a final . ! or ?."""

    def blank(match: re.Match[str]) -> str:
        inner = match[0][1:-1]
        ending = re.search(r"[.!?][’']?$", inner)  # “... It’s very simple.’” ends a sentence
        end = ending[0] if ending else ""
        return match[0][0] + "x" * (len(inner) - len(end)) + end + match[0][-1]

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
