"""Several outlets' drafts on one event -> one draft, each block credited to every outlet in it.

Pure: drafts in, a draft and the editor's notes out. Nothing is written that is not on one of
the pages: when two outlets say the same thing, one outlet's words are kept and both are
credited; the title and key points stay TODOs, with each outlet's headline and lead sentence
listed for the editor as candidates.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import DAY
from .draft import TODO_SOURCE, Draft, Sources, assemble, make_draft
from .sentences import QUOTED, join_sentences, split_sentences

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .draft import Block

TITLE_TODO = "TODO: write the headline (the outlets' headlines are listed at the top of the file)"
KEY_POINTS_TODO = (
    "TODO: sum the event up in one to five one-sentence points"
    " (each outlet's lead sentence is listed at the top of the file)"
)

SAME_TEXT_RATIO = 0.9
"""How alike two sentences must be (difflib's ratio of their normalised text) to be one.

Why 0.9: agencies' copy reused by several outlets differs by a word or two ("city officials"
for "officials", a date written out): 0.92-0.98 on such pairs, while two outlets' own sentences
on the same fact ("The council approved the fares" / "Fares were approved by the council")
stay under 0.75."""
MIN_WORDS = 5
"""Shorter sentences ("He declined to comment.") are kept apart: alike by chance, not copied."""
MIN_QUOTE_WORDS = 4
"""A quote contained in another counts as the same quote only from this many words on."""

_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared: no case, punctuation or quotation marks, single spaces."""
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", text.casefold())).strip()


def same_sentence(a: str, b: str) -> bool:
    """Whether two normalised sentences are near-identical (one outlet's copy of the other's).

    Why difflib (the standard library) rather than a faster matcher: a merge compares a few
    hundred sentences at most, and the length and quick-ratio bounds below skip nearly every
    pair before the full comparison, so a three-outlet merge takes milliseconds.
    """
    if a == b:
        return len(a.split()) >= MIN_WORDS
    if min(len(a.split()), len(b.split())) < MIN_WORDS:
        return False
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < SAME_TEXT_RATIO:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SAME_TEXT_RATIO
        and matcher.quick_ratio() >= SAME_TEXT_RATIO
        and matcher.ratio() >= SAME_TEXT_RATIO
    )


def same_quote(a: str, b: str) -> bool:
    """Whether two normalised quotes are one: equal, near-identical, or one inside the other."""
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter.split()) >= MIN_QUOTE_WORDS and f" {shorter} " in f" {longer} ":
        return True
    return same_sentence(a, b)


@dataclass(frozen=True)
class Merged:
    """The merged draft and the comment lines that go above it for the editor.

    Attributes:
        draft: The merged draft (title and key points are TODOs).
        notes: Lines for the editor, written as YAML comments: each article's outlet,
            headline and lead sentence (the candidates for the title and key points).
    """

    draft: Draft
    notes: list[str]


@functools.lru_cache(maxsize=4096)
def _sentences(paragraph: str) -> tuple[tuple[str, str], ...]:
    """A paragraph's sentences, each with its normalised text (pure, so cached)."""
    return tuple((s, normalise_text(s)) for s in split_sentences(paragraph))


def _quoted_spans(sentence: str) -> list[str]:
    """The quotations that make up most of ``sentence`` (a quote with its 'X said').

    Why most: a sentence that only cites a phrase ("...called the plan “a gamble” and left")
    says more than its quote; dropping it in favour of a callout would lose the rest.
    """
    return [q[1:-1] for q in QUOTED.findall(sentence) if 2 * len(q) >= len(sentence)]


@dataclass
class _Body:
    """The merged body being built, with what later outlets' blocks are matched against."""

    blocks: list[Block] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)  # which article each block came from

    def position(self, block: Block) -> int:
        return next(i for i, b in enumerate(self.blocks) if b is block)

    def insert(self, at: int, block: Block, article: int) -> int:
        """Insert ``block`` at ``at``; return the position after it."""
        self.blocks.insert(at, block)
        self.origin.insert(at, article)
        return at + 1

    def remove(self, block: Block) -> tuple[int, int]:
        """Remove ``block``; return where it stood and which article it came from."""
        at = self.position(block)
        del self.blocks[at]
        return at, self.origin.pop(at)

    def earlier(self, article: int) -> list[Block]:
        """Blocks that came from articles before ``article``."""
        return [b for b, o in zip(self.blocks, self.origin, strict=True) if o < article]

    def find_quote(self, quote: str, article: int) -> Block | None:
        """An earlier callout of the same quote."""
        text = normalise_text(quote)
        return next(
            (
                b
                for b in self.earlier(article)
                if "quote" in b and same_quote(text, normalise_text(b["quote"]))
            ),
            None,
        )

    def find_quoted_sentence(self, quote: str, article: int) -> tuple[Block, str] | None:
        """An earlier paragraph's sentence that is mostly ``quote`` (an outlet's 'X said')."""
        text = normalise_text(quote)
        for block in self.earlier(article):
            for sentence, _ in _sentences(block.get("paragraph", "")):
                if any(same_quote(text, normalise_text(q)) for q in _quoted_spans(sentence)):
                    return block, sentence
        return None

    def find_sentence(self, sentence: str, article: int) -> Block | None:
        """An earlier block that says ``sentence``: a near-identical sentence, or its quote."""
        text = normalise_text(sentence)
        quotes = [normalise_text(q) for q in _quoted_spans(sentence)]
        for block in self.earlier(article):
            for known_sentence, known in _sentences(block.get("paragraph", "")):
                if same_sentence(text, known):
                    return block
                # Both outlets give the quote in a sentence of their own ('X said'):
                if quotes and any(
                    same_quote(q, normalise_text(k))
                    for q in quotes
                    for k in _quoted_spans(known_sentence)
                ):
                    return block
        for quoted in _quoted_spans(sentence):
            found = self.find_quote(quoted, article)
            if found is not None:
                return found
        return None


def _credit(block: Block, credits: Iterable[str]) -> None:
    for key in credits:
        if key not in block["credits"]:
            block["credits"].append(key)
    if len(block["credits"]) > 1 and TODO_SOURCE in block["credits"]:
        block["credits"].remove(TODO_SOURCE)  # another outlet is named: the TODO is answered


def _is_todo(block: Block) -> bool:
    text = block.get("quote", block.get("paragraph", ""))
    return isinstance(text, str) and text.startswith("TODO:")


def _merge_quote(found: Block, block: Block) -> None:
    """Credit ``found`` with ``block``'s outlets, keeping the longer wording and a named speaker."""
    _credit(found, block["credits"])
    if len(normalise_text(block["quote"])) > len(normalise_text(found["quote"])):
        found["quote"] = block["quote"]  # one outlet quoted more of it: its words, verbatim
    if str(found.get("speaker", "")).startswith("TODO:") and not str(
        block.get("speaker", "TODO:")
    ).startswith("TODO:"):
        found["speaker"] = block["speaker"]
        found.pop("role", None)
    for key in ("role", "context"):
        if key not in found and key in block and block["speaker"] == found["speaker"]:
            found[key] = block[key]


def merge_bodies(bodies: Sequence[Sequence[Block]]) -> list[Block]:
    """Several articles' bodies -> one, each block credited to every outlet that says it.

    The first article is the backbone. Each later block either matches an earlier article's
    block (the same quote; a near-identical sentence), which then gets its credits, or is
    inserted after the last block it matched, so that what one outlet adds stands next to
    what it adds to. A paragraph some of whose sentences match keeps only the others.

    Args:
        bodies: Each article's body blocks, credited with source keys.

    Returns:
        The merged blocks (new dicts; the inputs are not changed).
    """
    body = _Body()
    for article, blocks in enumerate(bodies):
        at = len(body.blocks)
        for original in blocks:
            if _is_todo(original):
                continue
            block: Block = {**original, "credits": list(original["credits"])}
            if "quote" in block:
                found = body.find_quote(block["quote"], article)
                if found is None:
                    found = body.find_sentence(block["quote"], article)
                if found is not None:
                    if "quote" in found:
                        _merge_quote(found, block)
                    else:
                        _credit(found, block["credits"])
                    at = body.position(found) + 1
                    continue
                hit = body.find_quoted_sentence(block["quote"], article)
                if hit is None:
                    at = body.insert(at, block, article)
                    continue
                # An earlier outlet has the quote in a sentence: the callout takes its place.
                paragraph, sentence = hit
                _credit(block, paragraph["credits"])
                rest = [s for s, _ in _sentences(paragraph["paragraph"]) if s != sentence]
                if rest:
                    paragraph["paragraph"] = join_sentences(rest)
                    at = body.insert(body.position(paragraph) + 1, block, article)
                else:
                    place, origin = body.remove(paragraph)
                    at = body.insert(place, block, origin)
                continue
            kept: list[str] = []
            for sentence in split_sentences(block["paragraph"]):
                found = body.find_sentence(sentence, article)
                if found is None:
                    kept.append(sentence)
                else:
                    _credit(found, block["credits"])
                    at = body.position(found) + 1
            if kept:
                block["paragraph"] = join_sentences(kept)
                at = body.insert(at, block, article)
    return body.blocks


def _merge_sources(drafts: Sequence[Draft]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """One source per outlet (the key is the outlet: `normalise_outlet` made it), and notes."""
    sources: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    for draft in drafts:
        for key, entry in draft.data.get("sources", {}).items():
            if key == TODO_SOURCE:  # the placeholder of a draft that names no outlet
                continue
            kept = sources.setdefault(key, dict(entry))
            if "url" not in kept and entry.get("url"):
                kept["url"] = entry["url"]
            elif entry.get("url") and entry["url"] != kept.get("url"):
                notes.append(f"{key} also published {entry['url']}")
    return sources, notes


def _agreed(values: Iterable[Any]) -> Any:
    """The value every draft that has one gives (compared without case), else None."""
    known = [v for v in values if isinstance(v, str) and v.strip() and not v.startswith("TODO:")]
    if known and len({v.casefold() for v in known}) == 1:
        return known[0]
    return None


def _agreed_tags(drafts: Sequence[Draft]) -> list[str] | None:
    """The tags every draft that has tags gives (compared without case), in the first's order."""
    tagged = [[t for t in d.data.get("tags", []) if isinstance(t, str)] for d in drafts]
    tagged = [tags for tags in tagged if tags]
    if not tagged:
        return None
    shared = set.intersection(*({t.casefold() for t in tags} for tags in tagged))
    return [t for t in tagged[0] if t.casefold() in shared] or None


def _earliest_day(drafts: Sequence[Draft]) -> str | None:
    days = [str(d.data.get("published", "")) for d in drafts]
    return min((day for day in days if bool(DAY.match(day))), default=None)


def _outlet(draft: Draft) -> str:
    """The article's own outlet: the source with an address, else its first source."""
    sources = [e for k, e in draft.data.get("sources", {}).items() if k != TODO_SOURCE]
    own = next((e for e in sources if e.get("url")), None) or next(iter(sources), None)
    return own["name"] if own else "outlet not named"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def candidates(draft: Draft) -> list[str]:
    """The editor's notes for one article: its outlet and date, headline, key points, lead."""
    data = draft.data
    day = str(data.get("published", ""))
    lines = [f"{draft.source_name} ({_outlet(draft)}{', ' + day if bool(DAY.match(day)) else ''})"]
    title = str(data.get("title", ""))
    if title and not title.startswith("TODO:"):
        lines.append(f"  headline: {_one_line(title)}")
    points = [p for p in data.get("key_points", []) if not str(p).startswith("TODO:")]
    lines += [f"  key point: {_one_line(str(p))}" for p in points]
    lead = next(
        (b["paragraph"] for b in data.get("body", []) if "paragraph" in b and not _is_todo(b)),
        None,
    )
    if lead:
        lines.append(f"  lead: {_one_line(split_sentences(lead)[0])}")
    return lines


def merge_drafts(drafts: Sequence[Draft]) -> Merged:
    """Several outlets' drafts on one event -> one draft and the editor's notes.

    - one source per outlet: the drafts' source keys name outlets, so two articles from one
      outlet share its source (its first address is kept; the others are noted);
    - each block keeps the credits of the article it comes from; a quote several outlets
      report is one callout credited to all of them; near-identical sentences are said once,
      credited to every outlet that has them;
    - published: the earliest date among the articles; category and tags only where the
      articles agree; the first article's image;
    - title and key points: TODOs, the candidates listed in ``notes``.

    Args:
        drafts: The articles' drafts, in the order given (the first is the backbone).

    Returns:
        The merged draft (``source_name``: the articles' names joined with " + ") and notes.

    Raises:
        ValueError: for no drafts.
    """
    if not drafts:
        raise ValueError("nothing to merge")
    sources, source_notes = _merge_sources(drafts)
    body = merge_bodies([d.data.get("body", []) for d in drafts])
    image = next((d.data["image"] for d in drafts if d.data.get("image")), None)
    data = assemble(
        title=TITLE_TODO,
        category=_agreed(d.data.get("category") for d in drafts),
        published=_earliest_day(drafts),
        tags=_agreed_tags(drafts),
        image=dict(image) if image else None,
        key_points=[KEY_POINTS_TODO],
        body=body,
        sources=Sources(entries=sources),
    )
    name = " + ".join(d.source_name for d in drafts)
    notes = [f"Merged from {len(drafts)} articles. Candidates for the title and key points:"]
    for draft in drafts:
        notes += candidates(draft)
    notes += source_notes
    return Merged(draft=make_draft(data, name), notes=notes)
