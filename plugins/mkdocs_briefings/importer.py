"""Source article (saved text or HTML page, Markdown) -> draft briefing data, with its TODOs.

Pure functions, no MkDocs. The importer never invents content: what it cannot find in the
article is left as a placeholder that fails validation where it stands, so `briefings check`
reports it with its line and column:

- a required text or date it could not determine is the string ``"TODO: <what to do>"``;
- a block whose outlets are not named is credited to the source key ``todo``, which is never
  defined under ``sources:`` ("unknown source 'todo'").

`Draft.todos` lists the same places in words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml
from slugify import slugify

from .loader import Loc, format_loc, megabytes

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

Block: TypeAlias = dict[str, Any]

TODO_SOURCE = "todo"
"""The credit given to a block whose outlets the article does not name."""

_TITLE_TODO = "TODO: write the headline"
_CATEGORY_TODO = "TODO: name the section, e.g. Politics"
_PUBLISHED_TODO = "TODO: add the date of first publication, YYYY-MM-DD"
_KEY_POINTS_TODO = "TODO: sum the article up in one to five one-sentence points"
_IMAGE_CREDIT_TODO = "TODO: credit the image (who took or supplied it)"
_BODY_TODO = "TODO: the article's text could not be found; write the first paragraph"

MAX_PAGE_BYTES = 5_000_000
"""A saved HTML page, markup and all; reading its main text takes about a second per MB."""
MAX_ARTICLE_BYTES = 1_000_000
"""A .txt or .md article (characters, for text given as a string); news articles are ~10 kB."""
_PAGE_HINT = "save it as 'Web page, HTML only', or copy the article's text into a .txt file"
_ARTICLE_HINT = "keep only the article"


def _check_size(size: int, limit: int, what: str, hint: str) -> None:
    """Raise ValueError for an input of ``size`` over ``limit``.

    Why: reading a page's main text takes about a second per MB; a 20 MB page would hold
    `briefings import` up for half a minute before failing anyway.
    """
    if size > limit:
        shown = megabytes(size, limit=limit)
        raise ValueError(
            f"the {what} is {shown}; at most {limit / 1e6:g} MB can be imported: {hint}"
        )


@dataclass(frozen=True)
class Draft:
    """A draft briefing: data ready for ``yaml.safe_dump(sort_keys=False)``, and what is left.

    Attributes:
        data: The briefing's keys in the format's order (title, category, published, updated,
            tags, image, key_points, body, sources); unknown optional keys are left out.
        todos: One line per placeholder in ``data``, e.g. "category: name the section, ...".
        source_name: What the draft was imported from (a file name or an address).
    """

    data: dict[str, Any]
    todos: list[str] = field(default_factory=list)
    source_name: str = ""


# --- Outlets -----------------------------------------------------------------------------------

# (key, name readers know, other spellings). Spellings are compared without case, spaces,
# punctuation or a leading "The", so "L.A. Times", "LA Times" and "LATimes" are one entry.
_OUTLETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("reuters", "Reuters", ("Thomson Reuters",)),
    ("ap", "Associated Press", ("AP", "AP News", "The Associated Press")),
    ("afp", "Agence France-Presse", ("AFP",)),
    ("bbc", "BBC", ("BBC News", "British Broadcasting Corporation")),
    ("cnn", "CNN", ()),
    ("nytimes", "The New York Times", ("NYTimes", "NYT", "New York Times", "NY Times")),
    ("washingtonpost", "The Washington Post", ("WaPo", "Washington Post", "WashPost")),
    ("wsj", "The Wall Street Journal", ("WSJ", "Wall Street Journal")),
    ("latimes", "Los Angeles Times", ("LATimes", "LA Times", "L.A. Times")),
    ("aljazeera", "Al Jazeera", ("AlJazeera", "Al-Jazeera", "Al Jazeera English")),
    ("lemonde", "Le Monde", ()),
    ("lefigaro", "Le Figaro", ()),
    ("guardian", "The Guardian", ("Guardian",)),
    ("bloomberg", "Bloomberg", ("Bloomberg News",)),
    ("ft", "Financial Times", ("FT",)),
    ("economist", "The Economist", ()),
    ("haaretz", "Haaretz", ()),
    ("timesofisrael", "The Times of Israel", ("Times of Israel", "ToI")),
    ("jpost", "The Jerusalem Post", ("Jerusalem Post", "JPost")),
    ("ynet", "Ynet", ("Ynetnews", "Ynet News")),
    ("dw", "Deutsche Welle", ("DW",)),
    ("dpa", "Deutsche Presse-Agentur", ("dpa",)),
    ("spiegel", "Der Spiegel", ("Spiegel",)),
    ("npr", "NPR", ("National Public Radio",)),
    ("abcnews", "ABC News", ()),
    ("cbsnews", "CBS News", ("CBS",)),
    ("nbcnews", "NBC News", ("NBC",)),
    ("foxnews", "Fox News", ()),
    ("usatoday", "USA Today", ()),
    ("politico", "Politico", ()),
    ("axios", "Axios", ()),
    ("thehill", "The Hill", ()),
    ("independent", "The Independent", ()),
    ("telegraph", "The Telegraph", ("Daily Telegraph",)),
    ("skynews", "Sky News", ()),
    ("france24", "France 24", ()),
    ("euronews", "Euronews", ()),
    ("elpais", "El País", ("El Pais",)),
    ("alarabiya", "Al Arabiya", ()),
    ("arabnews", "Arab News", ()),
    ("anadolu", "Anadolu Agency", ("Anadolu", "AA")),
    ("xinhua", "Xinhua", ()),
    ("tass", "TASS", ()),
    ("kyivindependent", "The Kyiv Independent", ("Kyiv Independent",)),
    ("scmp", "South China Morning Post", ("SCMP",)),
    ("timesofindia", "The Times of India", ("Times of India",)),
    ("yonhap", "Yonhap", ("Yonhap News Agency",)),
    ("kyodo", "Kyodo News", ("Kyodo",)),
    ("nikkei", "Nikkei Asia", ("Nikkei",)),
)


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, which reads better than a list of quoted words."""
    return frozenset(words.split())


def _compact(name: str) -> str:
    """'The L.A. Times' -> 'latimes': the form outlet spellings are compared in."""
    text = name.strip().casefold()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\W_]+", "", text)


_OUTLET_BY_SPELLING: dict[str, tuple[str, str]] = {
    _compact(spelling): (key, name)
    for key, name, others in _OUTLETS
    for spelling in (key, name, *others)
}


def normalise_outlet(name: str) -> tuple[str, str]:
    """An outlet's source key and the name readers know it by.

    Args:
        name: The outlet as an article names it: "LATimes", "REUTERS", "the Harbour Ledger".

    Returns:
        ``(key, name)``: ("latimes", "Los Angeles Times") for outlets in the table; an unknown
        outlet keeps its spelling (a leading lowercase "the" becomes "The") and gets a slug key
        without the article: ("harbour-ledger", "The Harbour Ledger").
    """
    name = " ".join(name.split()).strip(" ,;:.")
    known = _OUTLET_BY_SPELLING.get(_compact(name))
    if known:
        return known
    if name.startswith("the "):
        name = "The " + name[4:]
    key = slugify(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)) or "source"
    return key, name


# Words that make an unknown name look like a publication, or like the bodies articles quote.
_PUBLICATION_WORDS = _word_set(
    """times post news journal gazette herald courier ledger tribune daily press chronicle
    guardian observer telegraph independent mail express standard star sun mirror globe review
    monitor record inquirer examiner today radio tv television broadcasting broadcaster wire
    magazine weekly voice echo dispatch bulletin register courant sentinel reporter insider
    media network channel agency newspaper gazzetta zeitung tageblatt dagblad avisen"""
)
_INSTITUTION_WORDS = _word_set(
    """ministry ministries department office police army forces force government authority
    authorities council committee court bank fund commission service hospital university
    institute officials official spokesperson spokesman spokeswoman sources witnesses
    statement report data survey residents doctors union"""
)
_NAME_PARTICLES = _word_set("of the de la le du des di da del der den van von al el")


def _is_outlet(name: str) -> bool:
    """Whether a name after 'according to' is an outlet (rather than a ministry or a person)."""
    if _compact(name) in _OUTLET_BY_SPELLING:
        return True
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    if not 1 <= len(words) <= 6:
        return False
    lowered = [w.casefold().strip("’'.") for w in words]
    if any(w in _INSTITUTION_WORDS for w in lowered):
        return False
    capitalised = all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)
    return capitalised and any(w in _PUBLICATION_WORDS for w in lowered)


# --- Sentences ---------------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z“\"‘(0-9])")
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr no vs etc inc co corp ltd"
    " u.s u.k u.n e.g i.e a.m p.m"
)


def _mask_quotes(text: str) -> str:
    """``text`` with quoted words blanked out (same length), keeping a final . ! or ?."""

    def blank(match: re.Match[str]) -> str:
        inner = match[0][1:-1]
        end = inner[-1] if inner[-1:] in (".", "!", "?") else "x"
        return match[0][0] + "x" * (len(inner) - 1) + (end if inner else "") + match[0][-1]

    return _QUOTED.sub(blank, text)


def _split_sentences(text: str) -> list[str]:
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


def _join(sentences: Iterable[str]) -> str:
    return " ".join(s for s in sentences if s)


def _end_sentence(text: str) -> str:
    """``text`` without trailing commas or spaces, ending with a full stop."""
    text = text.rstrip(" ,;:")
    return text if not text or text[-1] in '.!?…”"’' else text + "."


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Attribution -------------------------------------------------------------------------------

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
    if not names or not all(names) or not all(_is_outlet(n) for n in names):
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
                return _capitalise(after[1:].lstrip()), names
            head = before.rstrip()
            if head.endswith(",") and after.startswith(","):  # "Hamas, according to X, said"
                if _GOES_ON_ABOUT_OUTLET.match(after[1:]):
                    continue  # "..., according to X, which cited ..." needs X
                return head[:-1] + after[1:], names
            if not after.startswith(","):  # "..., according to X." / "... according to X."
                head = head.removesuffix(",").rstrip()
                mark = after.strip() if head[-1:] not in (".", "!", "?") else ""
                return _end_sentence(head + mark), names
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
    for sentence in _split_sentences(paragraph):
        text, found = _split_sentence_attribution(sentence)
        sentences.append(text)
        names += [n for n in found if n not in names]
    return (_join(sentences), names) if names else (paragraph.strip(), [])


# --- Speakers ----------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\s,;:()“”\"]+")
_ROLE_NOUNS = _word_set(
    """president vice-president president-elect minister pm secretary chancellor premier mayor
    governor senator congressman congresswoman ambassador envoy mediator negotiator
    spokesperson spokesman spokeswoman chief director head leader chair chairman chairwoman
    chairperson ceo founder commander general officer official adviser advisor analyst
    economist professor judge king queen prince princess pope councillor councilor organiser
    organizer coordinator manager lawmaker legislator activist researcher editor
    correspondent captain coach emir sheikh sultan attorney prosecutor mp dean rector bishop
    rabbi imam cardinal"""
)
_ROLE_MODIFIERS = _word_set(
    """government foreign defence defense finance interior deputy former acting military
    political senior union party state federal opposition health security prime vice city
    national regional top army police press executive managing transport trade education
    justice economy energy environment interim assistant associate"""
)
_NOT_NAMES = _word_set(
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
        word.casefold() in _NAME_PARTICLES and word[:1].islower()
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
    return " ".join(name), _capitalise(role) if role else None


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
    return _capitalise(" ".join(words)) if any(_is_role_word(w) for w in words) else None


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
    return _capitalise(text) if text else None


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
    quotes = list(_QUOTED.finditer(sentence))
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
            return _end_sentence(intro["lead"]), block
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
    for sentence in _split_sentences(paragraph):
        found = _extract_sentence_quote(sentence, document)
        if found is None:
            kept.append(sentence)
        else:
            kept.append(found[0])
            blocks.append(found[1])
    return (_join(kept) if blocks else paragraph.strip()), blocks


# --- Dates -------------------------------------------------------------------------------------

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_TEXT = (
    r"(?:(?P<weekday>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?,?\s+)?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH}))"
    r"(?:,?\s+(?P<year>\d{4}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
)
_LABELLED_DATE = re.compile(
    rf"(?P<label>published|posted|updated|last updated|modified)(?:\s+on)?\s*:?\s*(?:{_DATE_TEXT})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _DayText:
    """A date as a page writes it, maybe without its year."""

    text: str
    month: int
    day: int
    year: int | None = None
    weekday: int | None = None


def _day_text(match: re.Match[str]) -> _DayText | None:
    if match["iso"]:
        try:
            day = dt.date.fromisoformat(match["iso"])
        except ValueError:
            return None
        return _DayText(match["iso"], day.month, day.day, day.year)
    month_word = (match["month"] or match["month2"]).casefold()[:3]
    month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(month_word))
    weekday_word = match["weekday"].casefold()[:3] if match["weekday"] else None
    weekday = next((i for i, w in enumerate(_WEEKDAYS) if w[:3] == weekday_word), None)
    start = min(match.start(g) for g in ("weekday", "month", "day2") if match[g])
    text = match.string[start : match.end()]
    year = int(match["year"]) if match["year"] else None
    return _DayText(text.strip(), month, int(match["day"] or match["day2"]), year, weekday)


def _resolve_day(found: _DayText, year: int | None, today: dt.date) -> str:
    """The date as YYYY-MM-DD, or a "TODO: ..." saying why it cannot be told.

    Without a year, the weekday decides: the latest year, up to ``today``, in which the date
    falls on that weekday ("Tuesday, November 11" -> 2025 when read in 2026).
    """
    year = found.year or year
    if year is not None:
        try:
            day = dt.date(year, found.month, found.day)
        except ValueError:
            return f"TODO: {found.text!r} is not a date in {year}; write it as YYYY-MM-DD"
        if found.weekday is not None and day.weekday() != found.weekday:
            weekday = _WEEKDAYS[day.weekday()].capitalize()
            return (
                f"TODO: the page says {found.text!r} but {day.isoformat()} is a {weekday};"
                " check the date and write it as YYYY-MM-DD"
            )
        return day.isoformat()
    if found.weekday is not None:
        for candidate in range(today.year, today.year - 30, -1):
            try:
                day = dt.date(candidate, found.month, found.day)
            except ValueError:
                continue
            if day <= today and day.weekday() == found.weekday:
                return day.isoformat()
    return f"TODO: the page gives no year for {found.text!r}; write the date as YYYY-MM-DD"


def _find_dates(
    text: str, *, year: int | None, today: dt.date
) -> tuple[str | None, str | None, int]:
    """(published, updated) from 'Published: ...' / 'Updated: ...' labels, and where they end."""
    days: dict[str, _DayText] = {}
    end = 0
    for match in _LABELLED_DATE.finditer(text):
        found = _day_text(match)
        kind = "published" if match["label"].casefold() in ("published", "posted") else "updated"
        if found and kind not in days:
            days[kind] = found
            end = max(end, match.end())
    # A year written with one of the dates holds for the other ("the year from the text").
    text_year = next((d.year for d in days.values() if d.year), None) or year
    published = days.get("published")
    updated = days.get("updated")
    return (
        _resolve_day(published, text_year, today) if published else None,
        _resolve_day(updated, text_year, today) if updated else None,
        end,
    )


# --- Assembling the draft ----------------------------------------------------------------------


@dataclass
class _Sources:
    """The outlets credited so far, in order of first credit."""

    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    def credit(self, name: str, url: str | None = None) -> str:
        key, display = normalise_outlet(name)
        entry = self.entries.setdefault(key, {"name": display})
        if url and "url" not in entry:
            entry["url"] = url
        return key


def _body_blocks(
    paragraphs: Iterable[str],
    sources: _Sources,
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


def _assemble(
    *,
    title: str | None,
    category: str | None,
    published: str | None,
    updated: str | None = None,
    tags: list[str] | None = None,
    image: dict[str, str] | None = None,
    key_points: list[str],
    body: list[Block],
    sources: _Sources,
) -> dict[str, Any]:
    """The briefing's data in the format's key order, placeholders where values are missing."""
    data: dict[str, Any] = {
        "title": title or _TITLE_TODO,
        "category": category or _CATEGORY_TODO,
        "published": published or _PUBLISHED_TODO,
    }
    if updated:
        data["updated"] = updated
    if tags:
        data["tags"] = tags
    if image:
        data["image"] = image
    data["key_points"] = key_points or [_KEY_POINTS_TODO]
    data["body"] = body or [{"paragraph": _BODY_TODO, "credits": [TODO_SOURCE]}]
    data["sources"] = sources.entries
    return data


def _walk_todos(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_todos(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if loc[-1:] == ("credits",) and item == TODO_SOURCE:
                yield (
                    (*loc, i),
                    "the article names no outlet for this block; credit its sources"
                    " (and add them under 'sources:')",
                )
            else:
                yield from _walk_todos(item, (*loc, i))
    elif isinstance(value, str) and value.startswith("TODO:"):
        yield loc, value.removeprefix("TODO:").strip()


def _draft(data: dict[str, Any], name: str) -> Draft:
    _fuller_name.cache_clear()  # it holds the article's text; the next import needs none of it
    todos = [f"{format_loc(loc)}: {message}" for loc, message in _walk_todos(data)]
    if not data["sources"]:
        todos.append("sources: add the outlets the briefing draws on")
    return Draft(data=data, todos=todos, source_name=name)


def _empty_draft(name: str) -> Draft:
    """The draft of a source with no text: every required value a placeholder."""
    data = _assemble(
        title=None, category=None, published=None, key_points=[], body=[], sources=_Sources()
    )
    return _draft(data, name)


# --- Plain text --------------------------------------------------------------------------------

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
_BULLET = re.compile(r"^\s*(?:[•*·▪◦‣–-]|\d+[.)])\s+(?P<text>\S.*)$")


def _is_furniture(line: str, site: str | None) -> bool:
    stripped = line.strip()
    if _FURNITURE.match(stripped):
        return True
    if site and stripped and " " not in stripped.strip():
        # "PRESSAI" on a page of "PRESS AI WORLD": the site's logo text.
        return _compact(site).startswith(_compact(stripped)) and len(_compact(stripped)) > 2
    return bool(site) and _compact(stripped) == _compact(site or "")


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _looks_like_category(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and len(line) <= 40 and not re.search(r"[.:!?,;•]", line)


def _image_credit_name(who: str) -> str:
    """'REUTERS' -> 'Reuters'; other credits keep their spelling."""
    who = who.strip().rstrip(".")
    return normalise_outlet(who)[1] if _compact(who) in _OUTLET_BY_SPELLING else who


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
    _check_size(len(text), MAX_ARTICLE_BYTES, "text", _ARTICLE_HINT)
    today = today or dt.date.today()
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return _empty_draft(name)
    title, site = lines[first].strip(), None
    heading = _TITLE_AND_SITE.match(title)
    # "Headline - SITE NAME" only if the page repeats the bare headline or the site is in
    # capitals: "Kushner - Netanyahu talks resume" is a headline with a dash.
    if heading and (
        heading["site"].isupper() or any(_same_text(line, heading["title"]) for line in lines)
    ):
        title, site = heading["title"].strip(), heading["site"].strip()

    date_line = next(
        (i for i, line in enumerate(lines) if i > first and _LABELLED_DATE.search(line)), None
    )
    published, updated = None, None
    header_end = date_line if date_line is not None else first + 1
    if date_line is not None:
        published, updated, _ = _find_dates(lines[date_line], year=year, today=today)
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

    image_credit = None
    key_points: list[str] = []
    paragraphs: list[str] = []
    current: list[str] = []
    body_start = date_line + 1 if date_line is not None else header_end
    for line in [*lines[body_start:], ""]:
        stripped = _INLINE_FURNITURE.sub("", line).strip()
        if _END_OF_ARTICLE.match(stripped):
            break
        if not stripped or _is_furniture(stripped, site) or _same_text(stripped, title):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        credit = _IMAGE_CREDIT.match(stripped)
        bullet = _BULLET.match(line)
        if credit and image_credit is None and not paragraphs and not current:
            image_credit = _image_credit_name(credit["who"])
        elif bullet and not paragraphs and not current:
            key_points.append(" ".join(bullet["text"].split()))
        else:
            current.append(stripped)

    sources = _Sources()
    document = "\n".join([*key_points, *paragraphs])
    body = _body_blocks(paragraphs, sources, default_credit=TODO_SOURCE, document=document)
    image = {"alt": title, "credit": image_credit} if image_credit else None
    data = _assemble(
        title=title,
        category=category,
        published=published,
        updated=updated,
        image=image,
        key_points=key_points,
        body=body,
        sources=sources,
    )
    return _draft(data, name)


# --- HTML --------------------------------------------------------------------------------------

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
    r"(?P<who>[^.:;]{2,60}?)\s*\.?$|(?:photo|picture|image)\s+by\s+(?P<by>[^.:;]{2,60}?)\s*\.?$",
    re.IGNORECASE,
)
_HTML_FURNITURE = re.compile(
    r"^(?:(?:related|read more|read also|also read|see also|more on this)\s*:"
    r"|(?:advertisement|sign up|subscribe|share this|follow us)\b.{0,40}$)",
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
            return credit["who"] or credit["by"]
    return None


def _element_text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def import_html(
    html: str,
    *,
    url: str | None = None,
    year: int | None = None,
    name: str = "",
    today: dt.date | None = None,
) -> Draft:
    """Draft a briefing from a saved news page, using trafilatura for its text and metadata.

    Nothing is fetched: the headline, date, section, site name and lead image come from the
    page's own metadata (Open Graph, JSON-LD, ``<time>``), the text from its main content,
    without navigation, ads, share buttons or comments. Paragraphs are credited by their
    'according to' phrases, or else to the page's own outlet (its site name, with its
    address); a leading list becomes the key points.

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
    _check_size(len(html), MAX_PAGE_BYTES, "page", _PAGE_HINT)
    import trafilatura  # slow to import; only importing HTML needs it

    saved_from = _SAVED_FROM.search(html[:4096])
    page = trafilatura.bare_extraction(
        html,
        url=url or (saved_from["url"] if saved_from else None),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if page is None or isinstance(page, dict):  # nothing readable (a dict only with as_dict)
        return _empty_draft(name or url or "")
    title = (page.title or "").strip() or None
    address = url or page.url or (saved_from["url"] if saved_from else None)
    outlet = (page.sitename or page.hostname or "").strip() or None

    key_points: list[str] = []
    paragraphs: list[str] = []
    for element in page.body if page.body is not None else []:
        text = _element_text(element)
        if not text or element.tag == "head" or _HTML_FURNITURE.match(text):
            continue
        if element.tag == "list":
            items = [_element_text(item) for item in element.iter("item")]
            if not paragraphs and not key_points:
                key_points = [item for item in items if item]
            else:
                paragraphs += [item for item in items if item]
        else:
            paragraphs.append(text)

    published = page.date if page.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.date) else None
    if published is None:
        published = _find_dates(page.text or "", year=year, today=today or dt.date.today())[0]
    modified = _MODIFIED.search(html)
    updated = next((day for day in modified.groups() if day), None) if modified else None
    if updated and published and not published.startswith("TODO") and updated < published:
        updated = None

    sources = _Sources()
    default = sources.credit(outlet, address) if outlet else TODO_SOURCE
    document = "\n".join([*key_points, *paragraphs])
    body = _body_blocks(paragraphs, sources, default_credit=default, document=document)
    if outlet and not any(default in block["credits"] for block in body):
        del sources.entries[default]  # every paragraph names other outlets

    image = None
    if page.image:
        credit = _html_image_credit(html)
        image = {
            "src": page.image,
            "alt": title or "TODO: say what the image shows",
            "credit": _image_credit_name(credit) if credit else _IMAGE_CREDIT_TODO,
        }
    categories = [c.strip() for c in page.categories or [] if c.strip()]
    data = _assemble(
        title=title,
        category=categories[0] if categories else None,
        published=published,
        updated=updated,
        tags=[t.strip() for t in page.tags or [] if t.strip()] or None,
        image=image,
        key_points=key_points,
        body=body,
        sources=sources,
    )
    return _draft(data, name or address or "")


# --- Markdown ----------------------------------------------------------------------------------

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


def _front_matter_sources(meta: dict[str, Any], sources: _Sources) -> list[str]:
    """The keys of the outlets front matter names (``sources:``, or ``source:`` + ``url:``)."""
    keys: list[str] = []
    given = meta.get("sources")
    if isinstance(given, dict):  # the briefing format: {reuters: {name: Reuters, url: ...}}
        for key, entry in given.items():
            entry = entry if isinstance(entry, dict) else {"name": entry}
            name = _as_text(entry.get("name")) or str(key)
            url = _as_text(entry.get("url"))
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
        items = [item["text"] for line in lines if (item := _BULLET.match(line))]
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
                    block["role"] = _capitalise(role.strip())
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
    _check_size(len(text), MAX_ARTICLE_BYTES, "text", _ARTICLE_HINT)
    front = _FRONT_MATTER.match(text)
    meta: dict[str, Any] = {}
    if front:
        try:
            loaded = yaml.safe_load(front["yaml"])
        except yaml.YAMLError:
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
    body_text = text[front.end() :] if front else text

    sources = _Sources()
    given = _front_matter_sources(meta, sources)
    bullets, paragraphs, texts = _markdown_blocks(body_text)
    document = "\n".join(texts)
    default = given[0] if len(given) == 1 else TODO_SOURCE
    body: list[Block] = []
    for paragraph in paragraphs:
        if isinstance(paragraph, dict):  # a blockquote is the article's own: its outlet
            body.append({**paragraph, "credits": [default]})
        else:
            body += _body_blocks([paragraph], sources, default_credit=default, document=document)

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
        image_data.setdefault("credit", _IMAGE_CREDIT_TODO)
    tags = meta.get("tags")
    data = _assemble(
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
    return _draft(data, name)


# --- Files -------------------------------------------------------------------------------------


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # pages saved by older Windows browsers


def import_file(path: Path, *, year: int | None = None, today: dt.date | None = None) -> Draft:
    """Draft a briefing from a saved file, chosen by its suffix: .txt, .html/.htm or .md.

    Args:
        path: The file.
        year: Year for dates written without one (text pages).
        today: The reading date for guessing a year from a weekday (default: today).

    Returns:
        The draft, with ``source_name`` set to the file's name.

    Raises:
        ValueError: for another suffix, or a file larger than `MAX_PAGE_BYTES` (HTML) or
            `MAX_ARTICLE_BYTES` (text, Markdown).
        OSError: if the file cannot be read.
    """
    suffix = path.suffix.casefold()
    if suffix in (".html", ".htm"):
        _check_size(path.stat().st_size, MAX_PAGE_BYTES, "file", _PAGE_HINT)
    elif suffix in (".txt", ".md", ".markdown"):
        _check_size(path.stat().st_size, MAX_ARTICLE_BYTES, "file", _ARTICLE_HINT)
    text = _decode(path.read_bytes())
    if suffix == ".txt":
        return import_text(text, year=year, name=path.name, today=today)
    if suffix in (".html", ".htm"):
        return import_html(text, year=year, name=path.name, today=today)
    if suffix in (".md", ".markdown"):
        return import_markdown(text, name=path.name)
    raise ValueError(f"cannot import {suffix or 'files without a suffix'}; use .txt, .html or .md")
