"""'According to <outlets>' phrases: which outlets a paragraph credits."""

from __future__ import annotations

import re

from .outlets import is_outlet
from .sentences import capitalise, end_sentence, join_sentences, split_sentences

_ACCORDING = re.compile(
    r"\baccording to\s+"
    r"(?:(?:an?\s+)?(?:reports?|reporting|coverage|analysis)\s+(?:by|from|in)\s+)?",
    re.IGNORECASE,
)
_GOES_ON_ABOUT_OUTLET = re.compile(
    r"\s*(?:which|who|whose|that|citing|quoting|saying|adding|as)\b", re.IGNORECASE
)
_NAME_LIST = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")


def _outlet_names(span: str) -> list[str] | None:
    """The names in 'LATimes and Reuters' / 'A, B, and C', or None unless all are outlets."""
    names = [n.strip() for n in _NAME_LIST.split(span.strip())]
    if not names or not all(names) or not all(is_outlet(n) for n in names):
        return None
    return names


def _split_sentence_attribution(sentence: str) -> tuple[str, list[str]]:
    """One sentence without its 'according to <outlets>' phrase, and the outlets."""
    for match in _ACCORDING.finditer(sentence):
        rest = sentence[match.end() :]
        # The names run to a comma or to the sentence's end; try the longest span first.
        stops = [m.start() for m in re.finditer(r",", rest)]
        tail = re.search(r"[.!?]?\s*$", rest)
        ends = [tail.start()] if tail else []
        for stop in sorted(ends + stops, reverse=True):
            names = _outlet_names(rest[:stop])
            if names is None:
                continue
            before = sentence[: match.start()]
            after = rest[stop:]
            if not before.strip():  # "According to Reuters, the army ..."
                if not after.startswith(","):
                    continue
                return capitalise(after[1:].lstrip()), names
            head = before.rstrip()
            if head.endswith(",") and after.startswith(","):  # "Hamas, according to X, said"
                if _GOES_ON_ABOUT_OUTLET.match(after[1:]):
                    continue  # "..., according to X, which cited ..." needs X
                return head[:-1] + after[1:], names
            if not after.startswith(","):  # "..., according to X." / "... according to X."
                head = head.removesuffix(",").rstrip()
                mark = after.strip() if head[-1:] not in (".", "!", "?") else ""
                return end_sentence(head + mark), names
    return sentence, []


def split_attribution(paragraph: str) -> tuple[str, list[str]]:
    """Take the outlets out of a paragraph's 'according to' phrases.

    Handles "..., according to LATimes and Reuters.", "A, B and C" (with or without the serial
    comma), "according to reports by X", a sentence starting "According to X, ..." and a
    phrase between commas. Only names that are outlets count (known ones, or names such as
    "Nordvik Courier"); "according to the Health Ministry" is the article's content and stays.

    Args:
        paragraph: The paragraph's text.

    Returns:
        The text without the phrases (a sentence that lost its ending ends with '.'), and the
        outlet names in order of appearance, each once.
    """
    sentences, names = [], []
    for sentence in split_sentences(paragraph):
        text, found = _split_sentence_attribution(sentence)
        sentences.append(text)
        names += [n for n in found if n not in names]
    return (join_sentences(sentences), names) if names else (paragraph.strip(), [])
