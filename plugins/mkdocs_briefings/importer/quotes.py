"""Direct quotes and their speakers -> quote blocks, in the order the article gives them.

The rules lean to leaving a sentence as it is: a missed quote costs the editor a minute, a
wrong speaker is a correction. A speaker is taken only from the sentence that holds the
quote, or from the sentence right before it: "he said" / "it said" after a sentence about a
person / an organisation the article names ("She claimed ..." carries that person on), a
quotation after "..., Dempsey said." in the same paragraph, a paragraph of quotations after
"Vale said in a statement:". A name never runs past its sentence. Speakers are people named
(with a description, a role or an owner before the name: "the 14th-ranked Vale", "NASA's
Steve Clarke", "Nordvik's harbour master, Tomas Vale,") or organisations by their proper
name ("the Nordvik Harbour Authority"), never a description ("an officer", "officials").
What the attribution adds (a relative clause, "told the board", "in a statement") becomes
the callout's context word for word, so the sentence loses no word but its speech verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from .outlets import word_set
from .sentences import (
    QUOTED,
    capitalise,
    end_sentence,
    join_sentences,
    quoted_words,
    split_sentences,
)
from .speakers import (
    SPEECH_VERBS,
    TOKEN,
    People,
    Person,
    is_name_word,
    is_organisation,
    is_role_word,
    is_run_word,
    is_verb,
    named_person,
    read_person,
)

if TYPE_CHECKING:
    from .draft import Block

_PARTICIPLE = (
    "stating|saying|adding|noting|warning|declaring|insisting|explaining|arguing|vowing|"
    "stressing|emphasi[sz]ing|asserting|affirming|writing|remarking|promising|pledging|urging|"
    "claiming|telling reporters|asking"
)
_VERB = rf"(?:{SPEECH_VERBS})\b"
# Who "told reporters" speaks to is part of the speech verb; any other listener is context.
_AUDIENCE = re.compile(
    r"^\s*(?:reporters|journalists|the press|the media|us|me|this newspaper)\b", re.IGNORECASE
)
_CONTEXT_WORD = (
    r"(?:while|when|during|after|before|at|in|on|speaking|addressing|as|via|to|of|last|this|"
    r"earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"today|tonight)\b"
)
# A title of up to four words may stand in a context ('said on CNBC's "Trading Nation"').
_TITLE = r"[“\"](?:[^\s“”\"]+\s?){1,4}[”\"]"
# What a speaker did while saying it may quote them too ('adding that it is “a slow decline.”').
_DOING = re.compile(r"^(?-i:[a-z]+ly\s+)?(?-i:[a-z]+ing)\b")
_CONTEXT = re.compile(
    rf"^(?-i:[a-z]+ly\s+)?(?:{_CONTEXT_WORD}|(?-i:[a-z]+ing)\b)(?:[^“”\"]|{_TITLE})*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)
# "“...,” it added.": the organisation the sentence before named, never a person.
_IT = Person("it")
# "Big Machine have denied it." / "“...,” they said.": a name with a plural verb is a group
# (a company, a band, a team, in British usage); "they" right after it is that group.
_THEY = Person("they")
_COLLECTIVE = re.compile(r"^(?P<name>(?:[A-Z][\w&’'.-]*\s+){1,4})(?:have|are|were)\s+[a-z]")
_LEADING_CONTEXT = re.compile(
    r"^(?:(?:after|before|during|in|on|at|later|earlier|then|following|last|this|separately|"
    r"for|with|despite|since|when|while|as|under|without)"
    rf"\b(?:[^,“”\"]|{_TITLE}){{0,60}}?(?:,\s*|(?<=,[”\"])\s+)){{1,2}}",
    re.IGNORECASE,
)
# "She claimed ...", "But he acknowledged ...": a sentence about whoever "she" was before.
_PRONOUN_START = re.compile(r"^(?:(?:but|and|then|yet|so)\s+)?(?:he|she)\s+[a-z]", re.IGNORECASE)
# An adverb between a speaker and the verb ('Thomas allegedly told'), kept as context.
_ADVERB = re.compile(
    r"(?!(?:family|ally|rally|supply|assembly|daily|weekly|monthly|yearly|quarterly|reply|"
    r"bully|tally|fly)$)(?:[a-z]+ly|later|also|then|again|once|earlier|previously)"
)
_VERB_WORDS = word_set("is was are were has had have will would said says told asked")
_MAX_LABEL = 100  # model.Label: a speaker's name or role
_ASIDES = word_set(
    "however though too also meanwhile instead therefore nonetheless nevertheless moreover"
)
# A clause after the verb before a quote: "said that the plan is “...”" quotes only in part.
_CLAUSE = re.compile(r"\b(?:that|is|was|are|were|has|have|had|will|would)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"^(?:who|whom|whose|which|that|where)\b", re.IGNORECASE)
# "George Soros had said": the auxiliary goes with the verb.
_AUX = r"(?:(?:had|has|have)\s+)?"
_INTRO_PARTICIPLE = re.compile(
    rf"^(?P<lead>.+?)(?:,\s*(?:and\s+)?|\s+and\s+)(?:{_PARTICIPLE}|{SPEECH_VERBS})\s*[,:]?\s*$"
)
_INTRO = re.compile(
    rf"^(?:(?P<lead>(?:{_CONTEXT_WORD})[^“”\"]*?),\s*)?(?P<who>[^“”\"]+?)\s+{_AUX}(?P<verb>{_VERB})"
    r"(?P<rest>[^“”\"]*?)\s*[,:]?\s*$",
    re.IGNORECASE,
)
_OUTRO_VERB_FIRST = re.compile(rf"^(?P<verb>{_VERB})\s+(?P<rest>.+)$")
_OUTRO_VERB_LAST = re.compile(rf"^(?P<who>[^“”\"]+?)\s+{_AUX}(?P<verb>{_VERB})(?P<rest>.*)$")
_ACCORDING = re.compile(r"^according to\s+(?P<rest>.+)$", re.IGNORECASE)
_OPENING = ("“", '"')


@dataclass(frozen=True)
class Continued:
    """Quoted words that carry on the previous quote block (no speech verb of their own)."""

    quote: str
    text: str  # the sentences as the page gives them


Piece: TypeAlias = "str | Block | Continued"


def _context(text: str | None) -> str | None:
    text = (text or "").strip().strip(",;").strip()
    text = text.rstrip(".").strip()
    return capitalise(text) if text else None


def _quote_text(inner: str) -> str:
    """A quotation's words; a trailing comma stays until `finish_quote` (see `join_quotes`)."""
    return inner.strip()


def join_quotes(first: str, second: str) -> str:
    """Two parts of one speaker's quotation as one text, with no word added.

    '“We lost that game,” she said. “We have to learn.”' reads 'We lost that game. We have
    to learn.': a comma that ended the first part before its attribution becomes a full
    stop when the next part starts a sentence (a capital letter), as editors join quotes;
    before a lowercase word ('“Forty years at sea,” he said, “taught me ...”') the comma
    stays as the page gives it.
    """
    first, second = first.strip(), second.strip()
    if first.endswith(",") and second[:1].isupper():
        first = first[:-1].rstrip() + "."
    return f"{first} {second}".strip()


def finish_quote(text: str) -> str:
    """A callout's final text: the comma that led into the attribution goes ('We lost,')."""
    return text.strip().rstrip(",").strip()


def person_starting(text: str) -> Person | None:
    """The person a sentence starts with, when a verb follows ("Netanyahu reinforced ...").

    A leading time or place ("After the hearing, Ada Lund issued ...") and an appositive
    ("Ada Lund, the mayor, said ...") may stand around the name.
    """
    lead = _LEADING_CONTEXT.match(text)
    if lead:
        text = text[lead.end() :]
    appositive = re.match(r"(?P<who>[^,]+),\s*(?P<appos>[^,]+),\s*(?P<verb>\S+)", text)
    if appositive and is_verb(appositive["verb"]):
        found = named_person(appositive["who"], None)
        if found and _RELATIVE.match(appositive["appos"]):
            return found  # "Ada Lund, who runs the yard, said": she is the subject, no role
        role = _appositive(_split_relative(appositive["appos"])[0])
        return Person(found.name, role) if found and role else None
    words, end = list[str](), 0
    for token in TOKEN.finditer(text):
        if text[end : token.start()].strip():
            return None  # a comma: "Additionally, ..." is no subject
        word = token[0]
        if not is_run_word(word):
            if not words or not is_verb(word):
                return None  # "Lund and Vale said" are two people; "Wild defenseman" none
            return read_person(words)
        words.append(word)
        end = token.end()
    return None


def _split_relative(text: str) -> tuple[str, str | None]:
    """('a NASA scientist', 'who led the study') from 'a NASA scientist who led the study'.

    Why: a relative clause is never part of a role (issue 15: "Who was a longtime adviser").
    """
    match = re.search(r"\s(?=(?:who|whom|whose|which)\s)", text)
    if match is None:
        return text, None
    return text[: match.start()], _relative_clause(text[match.end() :])


def _appositive(text: str) -> str | None:
    """The role an appositive states ('a San Diego engineer' -> 'San Diego engineer')."""
    text = text.strip()
    if not text or _RELATIVE.match(text) or _CONTEXT.match(text) or len(text.split()) > 24:
        return None
    if re.search(rf"\b(?:{SPEECH_VERBS}|is|was|are|were|has|had|will|would)\b", text):
        return None
    words = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE).split()
    if not words or words[0].casefold() in _ASIDES or words[0].endswith("ly"):
        return None  # "Jack Buser, however, said"
    if len(words) == 1 and not is_role_word(words[0]) and text == words[0]:
        return None  # one bare word is no role ("Lund, meanwhile,")
    return capitalise(" ".join(words))


class _Named(NamedTuple):
    """A speaker named in the words around a quote, and what those words add."""

    person: Person
    context: str | None = None
    relative: bool = False  # the context is a relative clause about them ("who ...")


def _relative_clause(text: str) -> str | None:
    """'who will testify Thursday' from ', who will testify Thursday.', word for word.

    Why verbatim (no capital, no cut): the clause is the article's own description of the
    speaker, kept in the callout's context so that no word of the sentence is lost.
    """
    text = text.strip().strip(",").strip().removesuffix(".").strip()
    if not _RELATIVE.match(text) or QUOTED.search(text) or re.search('[“”"]', text):
        return None
    return text


def _named(who: str, people: People) -> _Named | None:
    """The speaker and context of 'Sander Voss, the operations director, at ...'.

    A relative clause after the name or its appositive ('said Hill, who will testify
    Thursday', 'said Levy, the chief economist at Flexport, which ships goods') is the
    context, word for word.
    """
    name_text, _, tail = who.partition(",")
    person = named_person(name_text, people)
    if person is None:
        return _named_after(name_text, tail)
    if not tail.strip():
        return _Named(person)
    if _is_context(tail.strip()):
        return _Named(person, _context(tail))  # "said Brenn, speaking at the port."
    clause = _relative_clause(tail)
    if clause:
        return _Named(person, clause, relative=True)
    appositive, _, after = tail.partition(",")
    appositive, clause = _split_relative(appositive)
    role = _appositive(appositive)
    if role is None or person.role:
        return None  # an aside that is neither role nor context would be lost
    if clause:  # "said Lucas Vale, a planetary scientist who led the study."
        return None if after.strip() else _Named(Person(person.name, role), clause, True)
    if not after.strip():
        return _Named(Person(person.name, role))
    clause = _relative_clause(after)
    if clause:
        return _Named(Person(person.name, role), clause, relative=True)
    if not _CONTEXT.match(after.strip()):
        return None
    return _Named(Person(person.name, role), _context(after))


def _named_after(description: str, tail: str) -> _Named | None:
    """'Sweden's deputy director of public prosecutions, Eva-Marie Persson': the role first.

    The name must be a full one and stand alone between the commas; the description must
    read as one (a role noun, or 'the', 'her', "Nordvik's" before it), never 'Asked about it'.
    """
    name = tail.strip()
    found = read_person(name.split()) if name and "," not in name else None
    if found is None or found.role or len(found.name.split()) < 2 or found.name != name:
        return None
    words = description.split()
    if not words or len(words) > 14 or QUOTED.search(description):
        return None
    opener = re.fullmatch(r"the|a|an|his|her|their|its|[A-Z][\w.&-]*(?:’s|'s|’|')", words[0])
    if not (opener or any(is_role_word(w) for w in words)) or is_verb(words[0].casefold()):
        return None
    if words[0].endswith("ing") or any(w.casefold() in _VERB_WORDS for w in words):
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", description.strip(), flags=re.IGNORECASE)
    return _Named(Person(found.name, capitalise(role)))


def _subject(who: str, context: str | None, people: People) -> tuple[Person, str | None] | None:
    """The speaker named before a speech verb ('Ada Lund, who runs the yard, said'), context.

    A relative clause comes before the verb's own context, as in the sentence ('who did
    not work on the study, told the Ledger').
    """
    if who.count(",") == 2 and who.endswith(","):  # 'Oskar Lind, chair of X, said'
        who = who[:-1]
    elif "," in who:
        return None
    named = _named(who, people)
    if named is None:
        return None
    if named.context is None:
        return named.person, context
    if named.relative:
        rest = f", {context[:1].lower()}{context[1:]}" if context else ""
        return named.person, named.context + rest
    return None


@dataclass(frozen=True)
class _Said:
    """What one sentence says about its quote: the words, who, and what else it holds."""

    quote: str
    person: Person | None  # None: "he said", resolved from the previous sentence
    context: str | None = None
    lead: str = ""  # the sentence's own clause, kept as text before the quote


def _verb_rest(verb: str, rest: str) -> tuple[bool, str | None]:
    """Whether what follows a speech verb is context, and that context.

    'said in a statement' gives 'In a statement'; 'told reporters' gives none; 'told the
    council' keeps its verb ('Told the council'); 'said that the plan ...' is no context.
    """
    rest = rest.strip().strip(",:").strip()
    if verb.casefold() == "told":
        audience = _AUDIENCE.match(rest)
        if audience:
            rest = rest[audience.end() :].strip().strip(",:").strip()
        elif rest.strip(" ,.!?") and "“" not in rest and '"' not in rest:
            listener, comma, after = rest.partition(", ")
            fits = len(listener.split()) <= 8 and (not comma or bool(_CONTEXT.match(after)))
            return fits, _context(f"told {rest}")  # told the board, repeatedly asking ...
    if rest.strip(" .!?") and not _is_context(rest):
        return False, None
    return True, _context(rest)


def _is_context(text: str) -> bool:
    """Whether words after an attribution only say when, where or how it was said."""
    return bool(_CONTEXT.match(text) or _DOING.match(text))


def _adverb_out(who: str, context: str | None) -> tuple[str, str | None]:
    """'Thomas allegedly' (told a supervisor) -> 'Thomas', 'Allegedly told a supervisor'."""
    head, _, last = who.rpartition(" ")
    if not head or not _ADVERB.fullmatch(last):
        return who, context
    rest = f" {context[:1].lower()}{context[1:]}" if context else ""
    return head.strip(), capitalise(last + rest)


def _read_outro(post: str, people: People) -> tuple[Person | None, str | None] | None:
    """The speaker and context in the words after a quote ('said Ada Lund, the mayor.')."""
    post = post.strip().lstrip(",").strip().rstrip(".!?").strip()
    if not post:
        return None
    verb_first = _OUTRO_VERB_FIRST.match(post)
    if verb_first:
        named = _named(verb_first["rest"], people)
        if named:
            return named.person, named.context
        tail = re.match(
            rf"^(?P<who>[^,]+?)\s+(?P<context>(?:{_CONTEXT_WORD})[^“”\"]*)$", verb_first["rest"]
        )
        # Why no "and": "said Ada Lund of the union and Per Vale of the council" is two.
        speaker = (
            named_person(tail["who"], people) if tail and " and " not in tail["context"] else None
        )
        if tail and speaker:  # said Ada Lund in a statement; of Eastmoor, Nordvik, in a letter
            return speaker, _context(tail["context"])
    according = _ACCORDING.match(post)
    if according:
        named = _named(according["rest"], people)
        return (named.person, named.context) if named else None
    verb_last = _OUTRO_VERB_LAST.match(post)
    if verb_last is None:
        return None
    fits, context = _verb_rest(verb_last["verb"], verb_last["rest"])
    who, context = _adverb_out(verb_last["who"].strip(), context)
    if not fits:
        return None
    if _PRONOUN.match(who):
        return None, context
    if who.casefold() in ("it", "they"):
        return (_IT if who.casefold() == "it" else _THEY), context
    return _subject(who, context, people)


def _read_intro(pre: str, people: People) -> _Said | None:
    """The speaker in the words before a quote ('Oskar Lind, chair of X, said:')."""
    intro = _INTRO_PARTICIPLE.fullmatch(pre)
    if intro:  # Netanyahu reinforced ..., stating, "..."
        subject = person_starting(intro["lead"])
        if subject or _PRONOUN_START.match(intro["lead"]):  # "He urged ..., saying “...”"
            return _Said("", subject, lead=end_sentence(intro["lead"]))
    according = re.fullmatch(r"According to\s+(?P<who>[^“”\"]+?)\s*,\s*", pre)
    if according:
        named = _named(according["who"], people)
        return _Said("", named.person, named.context) if named else None
    intro = _INTRO.fullmatch(pre)
    if intro is None:
        return None
    fits, context = _verb_rest(intro["verb"], intro["rest"])
    # Why: before a quote, a long or clausal "context" ("said meeting him was ... in which
    # he “...”") means the quote is part of the sentence, not a callout.
    if not fits or (context and (_CLAUSE.search(context) or len(context.split()) > 8)):
        return None
    if intro["lead"]:
        if context:
            return None
        context = _context(intro["lead"])
    who, context = _adverb_out(intro["who"].strip(), context)
    if _PRONOUN.match(who) or who.casefold() in ("it", "they"):
        pronoun = {"it": _IT, "they": _THEY}.get(who.casefold())
        return _Said("", pronoun, context)
    spoken = _subject(who, context, people)
    return _Said("", spoken[0], spoken[1]) if spoken else None


def _long_quotes(sentence: str) -> list[re.Match[str]]:
    return [m for m in QUOTED.finditer(sentence) if len(quoted_words(m[0]).split()) >= 4]


def _is_bare_quote(sentence: str) -> bool:
    """Whether the sentence is only a quotation ('“We will be back.”')."""
    match = QUOTED.match(sentence)
    return match is not None and not sentence[match.end() :].strip(" .!?")


def _bare_text(sentence: str) -> str:
    match = QUOTED.match(sentence)
    return _quote_text(quoted_words(match[0])) if match else sentence


def _read_interrupted(sentence: str, first: re.Match[str], people: People) -> _Said | None:
    """'“Forty years of law,” he said, “taught me that.”' -> one quote, its speaker."""
    second = QUOTED.search(sentence, first.end())
    if second is None or sentence[second.end() :].strip(" .!?"):
        return None
    middle = sentence[first.end() : second.start()].strip()
    if not middle.endswith(",") or QUOTED.search(middle):
        return None
    outro = _read_outro(middle.rstrip(","), people)
    if outro is None:
        return None
    words = join_quotes(quoted_words(first[0]), quoted_words(second[0]))
    return _Said(words, outro[0], outro[1])


def read_sentence(sentence: str, people: People) -> _Said | None:
    """The quote of a sentence and who said it, or None if it is not a clear quote."""
    first = QUOTED.match(sentence.strip())
    if first:  # the sentence opens with its quote: no scare quotes to fear
        interrupted = _read_interrupted(sentence.strip(), first, people)
        if interrupted:
            return interrupted
    quotes = [first] if first else _long_quotes(sentence)
    if len(quotes) != 1:
        return None  # no quote, or several
    match = quotes[0]
    sentence = sentence.strip()
    words, pre, post = quoted_words(match[0]), sentence[: match.start()], sentence[match.end() :]
    first_quote = QUOTED.search(post)
    # Why: more quoted words only in a title or in what the speaker did while saying it
    # ('..., he said, adding that “..."'), which the context keeps.
    if (
        first_quote
        and not re.fullmatch(_TITLE, first_quote[0])
        and not re.search(r",\s*(?-i:[a-z]+ly\s+)?(?-i:[a-z]+ing)\b", post[: first_quote.start()])
    ):
        return None
    if not pre.strip():
        outro = _read_outro(post, people)
        return _Said(_quote_text(words), outro[0], outro[1]) if outro else None
    after = post.strip().lstrip(",").strip().rstrip(".!?").strip()
    if after and not _CONTEXT.match(after):
        return None  # the sentence goes on after the quote; leave it whole
    said = _read_intro(pre, people)
    if said is None or (after and said.context):
        return None
    context = said.context or _context(after)
    return _Said(_quote_text(words), said.person, context, said.lead)


def _close(paragraph: str) -> tuple[str, str]:
    """The paragraph with a quotation left open at its end closed, and the mark added."""
    tail = paragraph[max((m.end() for m in QUOTED.finditer(paragraph)), default=0) :]
    for opening, closing in (("“", "”"), ('"', '"')):
        if opening in tail:
            return paragraph + closing, closing
    return paragraph, ""


@dataclass
class _Flow:
    """What the sentences read so far leave for the next one."""

    speaker: Person | None = None  # the previous sentence was this person's quote
    subject: Person | None = None  # the previous sentence was about this person
    open: bool = False  # and its quotation runs on into the next paragraph
    # The previous sentence ends by giving this person's words: "..., Dempsey said." (a
    # quotation next in the paragraph is theirs) or "Vale said in a statement:" (the next
    # paragraph's too: `introduced`).
    reported: Person | None = None
    introduced: bool = False
    # An organisation the previous sentence named as its subject or speaker, for "it said"
    # (kept over a paragraph's end: "..., the Authority said." / "“...,” it added.").
    organisation: Person | None = None
    collective: Person | None = None  # "Big Machine have ...", for "they said"


class QuoteReader:
    """Reads an article's paragraphs in order, turning clear direct quotes into quote blocks.

    One reader per article: it holds the article's people (for full names and roles) and
    what the previous sentence was, for "he said" and for quotes that run on.
    """

    def __init__(self, document: str) -> None:
        """Prepare to read the paragraphs of ``document`` (paragraphs on their own lines)."""
        self._people = People(document)
        self._flow = _Flow()

    def interrupt(self) -> None:
        """Forget the previous sentence: something that is not a paragraph came between."""
        self._flow = _Flow()

    def _block(self, said: _Said, person: Person) -> Block:
        name, role = self._people.fuller(person)
        context = said.context
        if role and len(role) > _MAX_LABEL:
            # Why: the format's roles are labels (100 characters); a longer appositive is
            # kept, word for word, at the head of the context instead.
            context = f"{role}, {context}" if context else role
            role = None
        block: Block = {"quote": said.quote, "speaker": name}
        if role:
            block["role"] = role
        if context:
            block["context"] = context
        return block

    def _speaker_of(self, said: _Said) -> Person | None:
        return _resolve(said.person, self._flow)

    def read(self, paragraph: str) -> list[Piece]:
        """The paragraph as text, quote blocks and continued quotes, in the page's order.

        Args:
            paragraph: One paragraph of the article (attribution phrases already out).

        Returns:
            Pieces in order: text (a run of the paragraph's sentences), quote blocks
            ``{quote, speaker, role?, context?}`` and `Continued` quotes, which carry on
            the quote block before them.
        """
        text, mark = _close(paragraph.strip())
        sentences = split_sentences(text)
        flow, pieces = self._flow, list[Piece]()
        opens_quote = text.startswith(_OPENING)
        before = flow.speaker or (flow.reported if flow.introduced else None)
        if before and opens_quote and all(map(_is_bare_quote, sentences)):
            # A paragraph that is only a quotation, right after a quote (the same speaker's)
            # or after "Vale said in a statement:" (Vale's).
            continued = [Continued(_bare_text(s), s) for s in sentences]
            if mark and sentences:
                last = sentences[-1]
                continued[-1] = Continued(_bare_text(last), last.removesuffix(mark))
            pieces = list[Piece](continued)
            if flow.speaker is None and continued:
                pieces[0] = self._block(_Said(continued[0].quote, before), before)
            self._flow = _Flow(before, before, bool(mark))
            return pieces
        kept: list[str] = []
        index = 0
        while index < len(sentences):
            sentence = sentences[index]
            index += 1
            if _is_bare_quote(sentence) and index < len(sentences):
                joined = f"{sentence} {sentences[index]}"  # “... ?” Ada Lund asked.
                said = read_sentence(joined, self._people)
                if said is not None and said.person is not None:
                    sentence, index = joined, index + 1
            said = read_sentence(sentence, self._people)
            person = self._speaker_of(said) if said else None
            if said is not None and person is not None:
                if said.lead:
                    kept.append(said.lead)
                if kept:
                    pieces.append(join_sentences(kept))
                    kept = []
                pieces.append(self._block(said, person))
                flow = _Flow(person, person, organisation=_organisation_of(person))
            elif flow.speaker and _is_bare_quote(sentence) and not kept:
                pieces.append(Continued(_bare_text(sentence), sentence))
                flow = _Flow(flow.speaker, flow.speaker)
            elif flow.reported and _is_bare_quote(sentence):
                # "..., Dempsey said. “That way they may uncover things.”"
                if kept:
                    pieces.append(join_sentences(kept))
                    kept = []
                quote = _Said(_bare_text(sentence), flow.reported)
                pieces.append(self._block(quote, flow.reported))
                flow = _Flow(flow.reported, flow.reported)
            else:
                kept.append(sentence)
                flow = self._after_text(sentence, flow)
            self._flow = flow
        if kept:
            last = join_sentences(kept)
            pieces.append(last.removesuffix(mark) if mark and last.endswith(mark) else last)
        self._flow = _Flow(
            flow.speaker,
            flow.subject,
            bool(mark) and flow.speaker is not None,
            flow.reported if flow.introduced else None,
            flow.introduced,
            flow.organisation,
            flow.collective,
        )
        return pieces

    def _after_text(self, sentence: str, flow: _Flow) -> _Flow:
        """What a sentence left as text tells the next one: whom it is about, whose words
        it reports at its end ("..., Dempsey said.", "Vale said in a statement:")."""
        subject = _subject_of(sentence, flow)
        if is_organisation(subject):
            subject, organisation = None, subject
        else:
            organisation = None
        if QUOTED.search(sentence) is None and sentence.rstrip().endswith(":"):
            said = _read_intro(sentence.rstrip(), self._people)
            person = _resolve(said.person, flow) if said else None
            if said and person and not said.lead:
                return _Flow(
                    None,
                    subject or person,
                    reported=person,
                    introduced=True,
                    organisation=organisation or _organisation_of(person),
                )
        head, comma, tail = sentence.rpartition(", ")
        if comma and head and not QUOTED.search(tail):
            outro = _read_outro(tail, self._people)
            person = _resolve(outro[0], flow) if outro else None
            if person:
                organisation = organisation or _organisation_of(person)
                return _Flow(None, subject, reported=person, organisation=organisation)
        return _Flow(None, subject, organisation=organisation, collective=_collective(sentence))


def _collective(sentence: str) -> Person | None:
    """'Big Machine' from 'Big Machine have twice denied it.' (a name, then a plural verb)."""
    lead = _LEADING_CONTEXT.match(sentence)
    match = _COLLECTIVE.match(sentence[lead.end() :] if lead else sentence)
    words = match["name"].split() if match else []
    # Why two words at least: a sentence's first word is capitalised anyway ("Officials have").
    if len(words) < 2 or not all(is_name_word(w) for w in words):
        return None  # "The Lunds have", "They are"
    return Person(" ".join(words))


def _organisation_of(person: Person | None) -> Person | None:
    return person if is_organisation(person) else None


def _resolve(person: Person | None, flow: _Flow) -> Person | None:
    """The speaker a sentence names, or whom its "he"/"she" (None), "it" or "they" stands for.

    Why only the previous sentence: "he" is whoever it was about or quoted, if it names a
    person (never an organisation); "it" is the organisation it named; "they" only a name
    it gave with a plural verb ("Big Machine have ..."), never officials or people.
    """
    if person == _IT:
        found = [p for p in (flow.speaker, flow.subject, flow.organisation) if is_organisation(p)]
        return found[0] if found else None
    if person == _THEY:
        return flow.collective
    if person is not None:
        return person
    pronoun_for = flow.speaker or flow.subject
    return None if is_organisation(pronoun_for) else pronoun_for


def _subject_of(sentence: str, flow: _Flow) -> Person | None:
    """Whom a sentence left as text is about: the person it starts with, or for "She
    claimed ...", "But he acknowledged ..." the person the sentence before was about."""
    subject = person_starting(sentence)
    if subject is None and _PRONOUN_START.match(sentence):
        subject = flow.speaker or flow.subject
    return subject


def merge_pieces(pieces: list[Piece]) -> tuple[str, list[Block]]:
    """(the text pieces joined, the quote blocks with their continuations)."""
    texts, blocks = list[str](), list["Block"]()
    for piece in pieces:
        if isinstance(piece, str):
            texts.append(piece)
        elif isinstance(piece, Continued) and not blocks:
            texts.append(piece.text)
        elif isinstance(piece, Continued):
            blocks[-1] = {**blocks[-1], "quote": join_quotes(blocks[-1]["quote"], piece.quote)}
        else:
            blocks.append(piece)
    return join_sentences(texts), [{**b, "quote": finish_quote(b["quote"])} for b in blocks]


def extract_quotes(paragraph: str, *, document: str = "") -> tuple[str, list[Block]]:
    """Turn the direct quotes of a paragraph whose speaker is named into quote blocks.

    A sentence such as ``Netanyahu reinforced ..., stating, "..." while addressing the
    parliament.`` keeps its own clause ("Netanyahu reinforced ....") in the paragraph; one
    that only reports the quote (``"...," said Alda Fenwick after the vote.``) leaves it.
    Quotes whose speaker is not named, short scare quotes and sentences that would lose
    words stay in the paragraph as they are. `QuoteReader` keeps the quotes where they stand.

    Args:
        paragraph: The paragraph's text (attribution phrases already taken out).
        document: The whole article, where a speaker's full name and role are looked up
            ("Netanyahu" -> "Benjamin Netanyahu", "Israeli Prime Minister"); defaults to the
            paragraph.

    Returns:
        The paragraph without the quotes' sentences (possibly empty) and the blocks, each
        ``{quote, speaker, role?, context?}`` (quote without quotation marks).
    """
    text, blocks = merge_pieces(QuoteReader(document or paragraph).read(paragraph))
    return (text if blocks else paragraph.strip()), blocks
