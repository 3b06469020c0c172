"""Direct quotes and their speakers -> quote blocks."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .outlets import NAME_PARTICLES, word_set
from .sentences import QUOTED, capitalise, end_sentence, join_sentences, split_sentences

if TYPE_CHECKING:
    from .draft import Block

_TOKEN = re.compile(r"[^\s,;:()“”\"]+")
_ROLE_NOUNS = word_set(
    """president vice-president president-elect minister pm secretary chancellor premier mayor
    governor senator congressman congresswoman ambassador envoy mediator negotiator
    spokesperson spokesman spokeswoman chief director head leader chair chairman chairwoman
    chairperson ceo founder commander general officer official adviser advisor analyst
    economist professor judge king queen prince princess pope councillor councilor organiser
    organizer coordinator manager lawmaker legislator activist researcher editor
    correspondent captain coach emir sheikh sultan attorney prosecutor mp dean rector bishop
    rabbi imam cardinal"""
)
_ROLE_MODIFIERS = word_set(
    """government foreign defence defense finance interior deputy former acting military
    political senior union party state federal opposition health security prime vice city
    national regional top army police press executive managing transport trade education
    justice economy energy environment interim assistant associate"""
)
_NOT_NAMES = word_set(
    """the a an and but or so yet however meanwhile additionally also still then now later
    earlier on in at after before when while as if its his her their our my your this that
    these those it he she they we i there here what who yesterday today tomorrow monday
    tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december mr mrs ms dr"""
)
_FINITE = (
    "said|says|stated|states|added|adds|told|tells|declared|warned|noted|insisted|explained|"
    "argued|vowed|stressed|emphasi[sz]ed|asserted|affirmed|wrote|writes|remarked|promised|"
    "pledged|urged|announced|replied|responded|continued|recalled|acknowledged|admitted|claimed"
)
_PARTICIPLE = (
    "stating|saying|adding|noting|warning|declaring|insisting|explaining|arguing|vowing|"
    "stressing|emphasi[sz]ing|asserting|affirming|writing|remarking|promising|pledging|urging|"
    "claiming"
)
_CONTEXT_WORD = r"(?:while|when|during|after|before|at|in|on|speaking|addressing|as)\b"
_CONTEXT = _CONTEXT_WORD + r"[^“”\"]*"
_APPOSITIVE = rf"(?![\s]|{_CONTEXT_WORD})[^,.!?]+?"  # "the finance director", not "speaking ..."
# "<lead>, stating, “..." / "<lead> and said: “...": the sentence's subject is the speaker.
_INTRO_PARTICIPLE = re.compile(
    rf"^(?P<lead>.+?)(?:,\s*(?:and\s+)?|\s+and\s+)(?:{_PARTICIPLE}|{_FINITE})\s*[,:]?\s*$"
)
# "<speaker> said, “..." / "<context>, <role> <speaker>, <appositive>, said: “...".
_INTRO_FINITE = re.compile(rf"^(?P<who>.+?)\s*,?\s+(?:{_FINITE})\s*[,:]?\s*$")
# “...,” said <speaker>[, <appositive>][,] [<context>].
_OUTRO_VERB_FIRST = re.compile(
    rf"^\s*,?\s*(?:{_FINITE})\s+(?P<who>[^,.!?]+?)"
    rf"(?:,\s*(?P<appos>{_APPOSITIVE}))?(?:,?\s+(?P<context>{_CONTEXT}))?\s*[.!?]?\s*$"
)
# “...,” <speaker> said [<context>].
_OUTRO_VERB_LAST = re.compile(
    rf"^\s*,?\s*(?P<who>[^,.!?]+?)(?:,\s*(?P<appos>{_APPOSITIVE}),)?\s+(?:{_FINITE})"
    rf"(?:,?\s+(?P<context>{_CONTEXT}))?\s*[.!?]?\s*$"
)
_AFTER_QUOTE = re.compile(rf"^\s*,?\s*(?:(?P<context>{_CONTEXT}?))?\s*[.!?]?\s*$")
_LEADING_CONTEXT = re.compile(rf"^(?P<context>{_CONTEXT}),\s*", re.IGNORECASE)


def _is_name_word(word: str) -> bool:
    return (word[:1].isupper() and word.casefold() not in _NOT_NAMES) or (
        word.casefold() in NAME_PARTICLES and word[:1].islower()
    )


def _is_role_word(word: str) -> bool:
    return word.casefold().strip(".") in _ROLE_NOUNS


def _is_run_word(word: str) -> bool:
    return _is_name_word(word) or _is_role_word(word) or word.casefold() in _ROLE_MODIFIERS


def _person(words: list[str]) -> tuple[str, str | None] | None:
    """('Benjamin Netanyahu', 'Israeli Prime Minister') from the words of a name with its role."""
    roles = [i for i, word in enumerate(words) if _is_role_word(word)]
    cut = roles[-1] + 1 if roles else 0
    name = words[cut:]
    while name and not name[0][:1].isupper():
        name = name[1:]
    if not name or not all(_is_name_word(w) for w in name) or name[-1][:1].islower():
        return None
    role = " ".join(words[:cut]) if cut else None
    return " ".join(name), capitalise(role) if role else None


def _person_ending(text: str) -> tuple[int, tuple[str, str | None]] | None:
    """The person (with their role) named right at the end of ``text``, and where it starts.

    Why a window: `_fuller_name` calls this at every mention of a name with all the text
    before it; splitting all of it into words each time made a 20 kB article take minutes.
    The window grows until the run of name and role words starts inside it.
    """
    size = 256
    while True:
        offset = max(0, len(text) - size)
        tokens = list(_TOKEN.finditer(text, offset))  # the first one may be part of a word
        start, words = len(text.rstrip()), list[str]()
        first = 0
        for index in range(len(tokens) - 1, -1, -1):
            token = tokens[index]
            if text[token.end() : start].strip() or not _is_run_word(token[0]):
                first = index + 1
                break
            words.append(token[0])
            start = token.start()
        if first > 1 or offset == 0:  # the run stops at a whole word (or at the text's start)
            break
        size *= 4
    words.reverse()
    found = _person(words) if words else None
    return (start, found) if found else None


def _person_starting(text: str) -> tuple[str, str | None] | None:
    """The person a sentence starts with, when a verb follows ("Netanyahu reinforced ...")."""
    words, end = list[str](), 0
    for token in _TOKEN.finditer(text):
        if text[end : token.start()].strip():
            return None  # a comma: "Additionally, ..." is no subject
        if not _is_run_word(token[0]):
            return _person(words) if words and token[0][:1].islower() else None
        words.append(token[0])
        end = token.end()
    return None


def _appositive_role(text: str | None) -> str | None:
    """'chair of the Anselm Passengers’ Association' -> its role text, if it names a role."""
    if not text:
        return None
    words = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE).split()
    return capitalise(" ".join(words)) if any(_is_role_word(w) for w in words) else None


def _who(text: str) -> tuple[str, str | None] | None:
    """The speaker named by all of ``text`` ('Deputy Mayor Alda Fenwick'), every word used."""
    words = text.split()
    if not words or not all(_TOKEN.fullmatch(w) and _is_run_word(w) for w in words):
        return None
    found = _person(words)
    if found is None or len(found[0].split()) + len((found[1] or "").split()) != len(words):
        return None
    return found


@functools.lru_cache(maxsize=256)  # a speaker quoted ten times is looked up once
def _fuller_name(name: str, role: str | None, document: str) -> tuple[str, str | None]:
    """The longest form of ``name`` in ``document`` and the role given there.

    "Netanyahu" in a text that also says "Israeli Prime Minister Benjamin Netanyahu" becomes
    ("Benjamin Netanyahu", "Israeli Prime Minister").
    """
    best: tuple[int, int, str, str | None] = (len(name.split()), role is not None, name, role)
    for match in re.finditer(rf"\b{re.escape(name)}(?![\w-])", document):
        found = _person_ending(document[: match.end()])
        if not found or not found[1][0].endswith(name):
            continue
        full, full_role = found[1]
        candidate = (len(full.split()), full_role is not None, full, full_role)
        if candidate[:2] > best[:2]:
            best = candidate
    return best[2], role or best[3]


def _context(text: str | None) -> str | None:
    text = (text or "").strip().rstrip(".,;")
    return capitalise(text) if text else None


def _quote_text(inner: str) -> str:
    return inner.strip().rstrip(",").strip()


def _quote_block(
    words: str, who: tuple[str, str | None], role: str | None, context: str | None, document: str
) -> Block:
    name, local_role = who
    name, found_role = _fuller_name(name, local_role or role, document)
    block: Block = {"quote": _quote_text(words), "speaker": name}
    if found_role:
        block["role"] = found_role
    if context:
        block["context"] = context
    return block


def _extract_sentence_quote(sentence: str, document: str) -> tuple[str, Block] | None:
    """(what remains of the sentence, the quote block), or None if it is not a clear quote."""
    quotes = list(QUOTED.finditer(sentence))
    if len(quotes) != 1 or len(quotes[0][0][1:-1].split()) < 4:
        return None  # no quote, several, or scare quotes around a term
    match = quotes[0]
    words, pre, post = match[0][1:-1], sentence[: match.start()], sentence[match.end() :]
    if not pre.strip():  # “...,” said Alda Fenwick after the vote.
        for pattern in (_OUTRO_VERB_FIRST, _OUTRO_VERB_LAST):
            outro = pattern.fullmatch(post)
            who = _who(outro["who"]) if outro else None
            if outro and who:
                role = _appositive_role(outro["appos"])
                context = outro["context"]
                if outro["appos"] and not role:
                    if context or not re.fullmatch(_CONTEXT, outro["appos"]):
                        continue  # an aside that is neither role nor context would be lost
                    context = outro["appos"]  # “...,” said Brenn, speaking at the port.
                return "", _quote_block(words, who, role, _context(context), document)
        return None
    after = _AFTER_QUOTE.fullmatch(post)
    if not after:
        return None  # the sentence goes on after the quote; leave it whole
    context = _context(after["context"])
    intro = _INTRO_PARTICIPLE.fullmatch(pre)
    if intro:  # Netanyahu reinforced ..., stating, “...” while addressing parliament.
        subject = _person_starting(intro["lead"])
        if subject:
            block = _quote_block(words, subject, None, context, document)
            return end_sentence(intro["lead"]), block
    intro = _INTRO_FINITE.fullmatch(pre)
    if intro:  # [After the vote, ]Oskar Lind, chair of the association, said, “...”
        who_text = intro["who"]
        lead = _LEADING_CONTEXT.match(who_text)
        if lead:
            if context:
                return None
            context, who_text = _context(lead["context"]), who_text[lead.end() :]
        appos = re.fullmatch(r"(?P<who>[^,]+),\s*(?P<appos>[^,]+?)\s*,?", who_text)
        role = _appositive_role(appos["appos"]) if appos else None
        who = _who(appos["who"] if appos and role else who_text)
        if who:
            return "", _quote_block(words, who, role, context, document)
    return None


def extract_quotes(paragraph: str, *, document: str = "") -> tuple[str, list[dict[str, str]]]:
    """Turn the direct quotes of a paragraph whose speaker is named into quote blocks.

    A sentence such as ``Netanyahu reinforced ..., stating, "..." while addressing the
    parliament.`` keeps its own clause ("Netanyahu reinforced ....") in the paragraph; one
    that only reports the quote (``"...," said Alda Fenwick after the vote.``) leaves it.
    Quotes whose speaker is a pronoun, short scare quotes and sentences that would lose
    words stay in the paragraph as they are.

    Args:
        paragraph: The paragraph's text (attribution phrases already taken out).
        document: The whole article, where a speaker's full name and role are looked up
            ("Netanyahu" -> "Benjamin Netanyahu", "Israeli Prime Minister"); defaults to the
            paragraph.

    Returns:
        The paragraph without the quotes' sentences (possibly empty) and the blocks, each
        ``{quote, speaker, role?, context?}`` (quote without quotation marks).
    """
    document = document or paragraph
    kept, blocks = [], []
    for sentence in split_sentences(paragraph):
        found = _extract_sentence_quote(sentence, document)
        if found is None:
            kept.append(sentence)
        else:
            kept.append(found[0])
            blocks.append(found[1])
    return (join_sentences(kept) if blocks else paragraph.strip()), blocks
