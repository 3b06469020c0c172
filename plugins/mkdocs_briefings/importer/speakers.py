"""Who is named: people's names with their roles, and an article's fuller forms of them.

`named_person` reads the words an attribution gives for its speaker ('Deputy Mayor Alda
Fenwick', 'the 14th-ranked Vale', 'the Nordvik Harbour Authority'); `People` knows the
article's names, so that 'Vale' is 'Tomas Vale'. quotes.py decides which words those are.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .outlets import word_set
from .sentences import capitalise, split_sentences

TOKEN = re.compile(r"[^\s,;:()“”\"]+")
ROLE_NOUNS = word_set(
    """president vice-president president-elect minister pm secretary chancellor premier mayor
    governor senator congressman congresswoman ambassador envoy mediator negotiator
    spokesperson spokesman spokeswoman chief director head leader chair chairman chairwoman
    chairperson ceo cfo coo founder co-founder commander general officer official adviser
    advisor analyst economist professor judge king queen prince princess pope councillor
    councilor organiser organizer coordinator manager lawmaker legislator activist researcher
    editor editor-in-chief correspondent captain coach emir sheikh sultan attorney prosecutor
    mp dean rector bishop rabbi imam cardinal speaker superintendent sheriff commissioner
    administrator strategist scientist lawyer inspector detective sergeant lieutenant colonel
    major admiral representative delegate treasurer trustee principal historian"""
)
ROLE_MODIFIERS = word_set(
    """government foreign defence defense finance interior deputy former acting military
    political senior union party state federal opposition health security prime vice city
    national regional top army police press executive managing transport trade education
    justice economy energy environment interim assistant associate district attorney general
    u.s. u.k. u.n. eu us uk un"""
)
# Abbreviated titles, which are part of the role ("Gov. Ada Lund": Gov. is her role).
_TITLES = word_set("gov sen rep lt col gen sgt capt prof atty cmdr adm maj det supt insp cpl rev")
_BRITISH_TITLES = word_set("lt col sgt capt supt insp cpl")  # also without a full stop
# Honorifics, never part of a name or a role (British usage writes them without a full stop).
_HONORIFICS = word_set("mr mrs ms miss mx dr")
_SUFFIXES = word_set("jr sr ii iii iv")
_PARTICLES = word_set("de la le du des di da del der den van von al el bin ibn")
_NOT_NAMES = word_set(
    """the a an and but or so yet however meanwhile additionally also still then now later
    earlier on in at after before when while as if its his her their our my your this that
    these those it he she they we i there here what who yesterday today tomorrow monday
    tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december according to for from with by of
    although though because unless whether both either neither even just only once instead
    indeed perhaps thus hence yes no not all some many most every each another other such
    during since until following despite under over like unlike amid among into through
    without within"""
)
# Why: "special envoy to Ukraine Kurt Volker", "District of Massachusetts Ada Lund": after
# these words a run of three capitalised words starts with a place, not a first name.
_PLACE_WORDS = word_set("of to in from at for across near outside inside throughout into")
_MAX_NAME_WORDS = 8
"""'Mohammed bin Salman bin Abdulaziz Al Saud' has seven; a longer run is no one's name (and
would pass the format's 100 characters for a speaker)."""

SPEECH_VERBS = (
    "said|says|say|stated|states|added|adds|told|tells|declared|declares|warned|warns|noted|"
    "notes|insisted|insists|explained|explains|argued|argues|vowed|stressed|emphasi[sz]ed|"
    "asserted|affirmed|wrote|writes|remarked|promised|pledged|urged|announced|replied|replies|"
    "responded|continued|continues|recalled|recalls|acknowledged|admitted|admits|claimed|"
    "claims|asked|asks|testified|tweeted|commented|observed|conceded|cautioned|predicted|"
    "quipped|shouted|exclaimed|recounted|joked|agreed|concluded|countered|complained|"
    "lamented|boasted|reported|posted|answered|comments|assures|assured|shares|shared|"
    "laughed|describes|described|ordered|shouts|pleaded|begged|mused|sighed|wondered|"
    "suggested|suggests|reiterated|texted|emailed|concedes|adds|warns"
)
"""The verbs that attribute a quote, as a regular expression's alternatives."""
_COMMON_VERBS = word_set(
    """has had is was will would could can did does took made gave went got left began
    spoke met won lost told wrote led sent saw knew thought became"""
)
_ORGANISATION_NOUNS = word_set(
    """authority commission ministry department office agency council committee court police
    party company bank university association union coalition group corporation institute
    foundation board service productions records federation league organisation
    organization administration bureau government embassy trust fund"""
)
# Words that tie the words before a name to something else ('the lawyer for Ada Lund').
_FUNCTION_WORDS = word_set(
    """of for to from with by at in on about against and or but nor his her their its our my
    your who whom whose which that this these those it he she they we i not no than as like
    told said says after before when while"""
)
_NOT_WHO = word_set("this that these those its his her their our my your a an")


class Person(NamedTuple):
    """A speaker's name as the article gives it (no honorific) and their role, if stated."""

    name: str
    role: str | None = None


def _bare(word: str) -> str:
    return word.casefold().rstrip(".")


def is_honorific(word: str) -> bool:
    """Mr., Mrs, Dr. ... (with or without a full stop)."""
    return _bare(word) in _HONORIFICS and word[:1].isupper()


def _is_title(word: str) -> bool:
    if _bare(word) in _BRITISH_TITLES and word[:1].isupper():
        return True  # "Lt Col Ada Lund"
    return word.endswith(".") and _bare(word) in _TITLES and word[:1].isupper()


def _is_initial(word: str) -> bool:
    return re.fullmatch(r"[A-Z]\.", word) is not None


def _is_suffix(word: str) -> bool:
    return _bare(word) in _SUFFIXES and word[:1].isupper()


def is_role_word(word: str) -> bool:
    """A role noun ('minister') or an abbreviated title ('Gov.')."""
    return word.casefold().strip(".") in ROLE_NOUNS or _is_title(word)


def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a person's name ('Fenwick', 'Hau-yip')."""
    if not word[:1].isupper() or word.casefold() in _NOT_NAMES or is_honorific(word):
        return False
    if _is_modifier(word) or is_role_word(word):
        return False  # "Deputy", "Mayor"; a surname such as "King" is read where it stands
    if word.endswith((".", "’s", "'s", "’", "'")) or any(c.isdigit() for c in word):
        return False
    return any(c.isalpha() for c in word)


def _is_modifier(word: str) -> bool:
    return word.casefold() in ROLE_MODIFIERS


def is_run_word(word: str) -> bool:
    """Whether a word can stand in a run of role and name words."""
    return (
        is_name_word(word)
        or is_role_word(word)
        or _is_modifier(word)
        or is_honorific(word)
        or _is_initial(word)
        or _is_suffix(word)
        or (word in _PARTICLES)
    )


def _ends_in_surname(words: list[str]) -> bool:
    """Whether a role noun ends the words as a surname: 'Ada King', not 'Deputy Mayor'."""
    last = words[-1]
    return (
        len(words) > 1
        and is_name_word(words[-2])
        and last[:1].isupper()
        and not last.endswith(".")
        and is_role_word(last)
    )


def _name_ok(words: list[str]) -> bool:
    """Whether the words are a person's name: name words, initials, particles, a suffix."""
    if not words or len(words) > _MAX_NAME_WORDS or not is_name_word(words[0]):
        return False
    last = words[-1]
    if not (is_name_word(last) or _ends_in_surname(words) or (_is_suffix(last) and len(words) > 1)):
        return False
    middle = words[:-1]
    return all(
        is_name_word(w) or _is_initial(w) or _is_suffix(w) or w in _PARTICLES for w in middle
    )


def read_person(words: list[str]) -> Person | None:
    """('Benjamin Netanyahu', 'Israeli Prime Minister') from a run of role and name words.

    The role runs up to the last role word; honorifics are dropped. A role noun that ends a
    run right after a name word is a surname ("Ada King"), not a role.
    """
    roles = [i for i, word in enumerate(words) if is_role_word(word) or is_honorific(word)]
    if roles and roles[-1] == len(words) - 1 and _ends_in_surname(words):
        roles = [i for i in roles if i < len(words) - 2]  # "Ada King", "Tom Bishop"
    cut = roles[-1] + 1 if roles else 0
    name = words[cut:]
    if not _name_ok(name):
        return None
    role_words = [w for w in words[:cut] if not is_honorific(w)]
    if role_words and not any(is_role_word(w) for w in role_words):
        return None  # "Former Alda Fenwick"? modifiers alone are not a role
    role = " ".join(role_words)
    return Person(" ".join(name), capitalise(role) if role else None)


def _runs(sentence: str) -> list[tuple[str, list[str]]]:
    """(the word before or "^", the words) of each run of role and name words in a sentence."""
    runs: list[tuple[str, list[str]]] = []
    words: list[str] = []
    before, previous, end = "", "^", 0  # "^": the sentence's start
    sentence = sentence.rstrip('”’"').rstrip(".!?…")  # "... analyst Ken Doctor."
    for token in TOKEN.finditer(sentence):
        word = token[0]
        joined = not sentence[end : token.start()].strip()
        owner = re.sub(r"[’']s?$", "", word)  # "Michelle Hege’s response": a name ends here
        if words and joined and owner != word and is_name_word(owner):
            runs.append((before, [*words, owner]))
            words, previous, end = [], word, token.end()
            continue
        if words and joined and is_run_word(word):
            words.append(word)
        else:
            if words:
                runs.append((before, words))
            words = [word] if is_run_word(word) else []
            before = previous if joined else ""
        previous, end = word, token.end()
    if words:
        runs.append((before, words))
    return runs


def mentions(document: str) -> list[Person]:
    """Every person named in a document, sentence by sentence (a name never spans two)."""
    found: list[Person] = []
    for paragraph in document.splitlines():
        for sentence in split_sentences(paragraph):
            for before, words in _runs(sentence):
                person = read_person(words)
                if person is None:
                    continue
                name = person.name.split()
                # "to Ukraine Kurt Volker" -> "Kurt Volker"; "Singer-guitarists Tom Lee" too
                proper = [w for w in name if is_name_word(w)]
                bare = len(name) == len(words)  # no role or honorific before the name
                if (
                    bare
                    and len(proper) > 2
                    and (before.casefold() in _PLACE_WORDS or before == "^")
                ):
                    person = Person(" ".join(name[name.index(proper[-2]) :]), None)
                found.append(person)
    return found


def _core(name: str) -> list[str]:
    words = name.split()
    return words[:-1] if len(words) > 1 and _is_suffix(words[-1]) else words


class People:
    """The people an article names, to give a speaker the fullest name and role it uses.

    Built once per article. Why not a cache keyed by the article: it would keep the text of
    every article imported in the process.
    """

    def __init__(self, document: str) -> None:
        """Read every mention of a person in ``document`` (paragraphs on their own lines)."""
        self._by_surname: dict[str, set[Person]] = {}
        self._by_first: dict[str, set[str]] = {}
        for person in mentions(document):  # a set: a name met 300 times is one candidate
            self._by_surname.setdefault(_core(person.name)[-1], set()).add(person)
            if len(_core(person.name)) == 2:
                self._by_first.setdefault(person.name.split()[0], set()).add(person.name)
        self._surnames = {
            surname
            for surname, people in self._by_surname.items()
            if any(len(_core(p.name)) > 1 for p in people)
        }

    def knows_surname(self, word: str) -> bool:
        """Whether ``word`` is the last name of someone named in full in the article."""
        return word in self._surnames

    def fuller(self, person: Person) -> Person:
        """The longest form of the person's name in the article, and the role given there.

        "Netanyahu" in a text that also says "Israeli Prime Minister Benjamin Netanyahu" is
        ("Benjamin Netanyahu", "Israeli Prime Minister"). When two different people share the
        name ("Ada Lund" and "Per Lund"), the name stays as it is.
        """
        core = _core(person.name)
        first = self._by_first.get(core[0], set()) if len(core) == 1 else set()
        if len(first) == 1 and not any(
            len(_core(p.name)) > 1 for p in self._by_surname.get(core[0], ())
        ):
            # "Liu said" where the article wrote "Liu Xiaming" (family name first), and no
            # one else has that name: the one full name.
            return self.fuller(Person(next(iter(first)), person.role))
        # Sorted: a set's order changes from run to run, and so would a tie's winner.
        same = sorted(self._by_surname.get(core[-1], ()), key=lambda p: (p.name, p.role or ""))
        candidates = [p for p in same if _core(p.name)[-len(core) :] == core]
        longer = [p for p in candidates if len(_core(p.name)) > len(core)]
        firsts = {_core(p.name)[-len(core) - 1] for p in longer}
        if any(not (a.startswith(b) or b.startswith(a)) for a in firsts for b in firsts if a != b):
            longer = []  # two people share the name: keep it as the text gives it
        best = max(longer, key=lambda p: (len(p.name.split()), p.role is not None), default=None)
        name = best.name if best else person.name
        role = person.role or (best.role if best else None)
        if role is None:
            role = next((p.role for p in candidates if p.role and p.name == name), None)
        return Person(name, role)


def is_verb(word: str) -> bool:
    """Whether a word after a name is surely its verb ('reinforced', 'said', 'has')."""
    return (
        (word.endswith("ed") and word.islower())
        or word in _COMMON_VERBS
        or (re.fullmatch(SPEECH_VERBS, word) is not None)
    )


def named_person(text: str, people: People | None) -> Person | None:
    """The speaker named by all of ``text`` ('Deputy Mayor Alda Fenwick'), every word used.

    A few lowercase words may open the role ('veteran industry analyst Ken Doctor'); a lone
    role noun is a name only where the article gives it as someone's surname ('King').
    """
    words = text.split()
    if not words or not all(TOKEN.fullmatch(w) for w in words):
        return None
    return _titled(words, people) or _described(words, people) or _organisation(words)


def _organisation(words: list[str]) -> Person | None:
    """'the Swedish Prosecution Authority', 'the Bureau of Prisons': an organisation's name.

    Only a proper name (capitalised words, one of them a noun such as Authority or Ministry);
    never 'officials' or 'the company'.
    """
    if words[:1] and words[0].casefold() == "the":
        words = words[1:]
    if len(words) < 2 or words[-1] == "of":
        return None
    if not all(w == "of" or (w[:1].isupper() and w.isalpha()) for w in words):
        return None
    if not is_organisation(Person(" ".join(words))) or words[0].casefold() in _NOT_WHO:
        return None
    return Person(" ".join(words))


def is_organisation(person: Person | None) -> bool:
    """Whether a speaker is an organisation (its name holds 'Authority', 'Ministry' ...)."""
    return person is not None and any(
        w.casefold() in _ORGANISATION_NOUNS for w in person.name.split()
    )


def _described(words: list[str], people: People | None) -> Person | None:
    """'the 14th-ranked Schwartzman', 'Wild defenseman Ryan Suter': a name after a description.

    The name must be one the article gives in full (or a full name itself), and the words
    before it only describe: no verb, no 'of', 'for', 'his' ('the lawyer for Ada Lund').
    The description is no role (it may be a team or an age), so none is given.
    """
    cut = max((i + 1 for i, w in enumerate(words) if not is_run_word(w)), default=0)
    if cut == 0 or cut == len(words):
        return None
    lead, rest = words[:cut], words[cut:]
    if lead[-1][:1].isupper():  # only an owner may stand capitalised: "NASA's Steve Clarke"
        if len(lead) > 1 or not re.fullmatch(r"[A-Z][\w.&-]*(?:’s|'s|’|')", lead[0]):
            return None
    elif lead[0].casefold() in ("the", "a", "an"):
        lead = lead[1:]
    if not lead or not all(_describes(w) or _joins(lead, i) for i, w in enumerate(lead)):
        return None
    found = read_person(rest)
    if found is None or found.role:
        return None
    known = len(found.name.split()) > 1 or (people is not None and people.knows_surname(rest[-1]))
    return Person(found.name) if known else None


def _joins(words: list[str], index: int) -> bool:
    """An 'and' between two describing words ('scientist and study co-author')."""
    return (
        words[index] == "and"
        and 0 < index < len(words) - 1
        and words[index - 1].islower()
        and words[index + 1].islower()
    )


def _describes(word: str) -> bool:
    """Whether a word may describe a person before their name ('14th-ranked', 'veteran')."""
    bare = word.casefold()
    return (
        re.fullmatch(r"[\w’'-]+", word) is not None
        and bare not in _FUNCTION_WORDS
        and not bare.endswith("ing")
        and ("-" in bare or not is_verb(bare))  # "14th-ranked" describes
    )


def _titled(words: list[str], people: People | None) -> Person | None:
    """'Deputy Mayor Alda Fenwick', 'veteran industry analyst Ken Doctor': role and name."""
    lead = 0
    while lead < 4 and lead < len(words) and re.fullmatch(r"[a-z][a-z-]*", words[lead]):
        if is_role_word(words[lead]):
            break  # "veteran industry | analyst Ken Doctor"
        lead += 1
    if words[lead - 1 : lead] and words[lead - 1] in ("the", "a", "an", "and", "of"):
        return None
    rest = words[lead:]
    if not rest or not all(is_run_word(w) for w in rest):
        return None
    found = read_person(rest)
    if found is None and len(rest) == 1 and people and people.knows_surname(rest[0]):
        found = Person(rest[0])
    if found is None or (lead and not found.role):
        return None
    if lead:
        role = [w for w in rest[: len(rest) - len(found.name.split())] if not is_honorific(w)]
        found = Person(found.name, capitalise(" ".join([*words[:lead], *role])))
    return found
