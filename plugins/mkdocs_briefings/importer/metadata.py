"""A page's statements about itself, checked before they are trusted.

The headline is the one the page's own ``<h1>``, ``og:title`` and ``<title>`` agree on,
without the site's name; the outlet's name is what the page calls itself; keywords are split
and clamped to the format's limits; a category is one plausible section name; an image credit
loses its "Photo:" and parentheses. What stays doubtful is left out (None), for a TODO.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from ..model import MAX_TITLE
from .outlets import compact_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml.html import HtmlElement  # type: ignore[import-untyped]

MAX_LABEL = 100
"""A `Label` in the format (a category, a tag, a speaker's name or role): at most 100 characters."""
MAX_TAG = MAX_LABEL
"""A tag is a `Label` in the format."""
MAX_TAGS = 20
"""The format's limit on tags per briefing."""
_SITE_WORDS = 6
"""A site's name has a few words; more is a headline or a slogan."""
_TAG_WORDS = 8
"""More words than this is a sentence or a headline, not a topic."""

_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»:]|::)\s+")
_WORD = re.compile(r"\w+")
_PLACEHOLDERS = frozenset(
    {"escenic", "wordpress", "drupal", "arc", "untitled", "home", "homepage", "index", "article"}
)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})
_CREDIT_PREFIX = re.compile(
    r"^(?:(?:photo|photograph|image|picture|illustration|credit|photo credit|image credit"
    r"|source|foto|bild)\s*(?:credit)?\s*(?::|by\b)|©|\(c\)|copyright\b)\s*",
    re.IGNORECASE,
)
_MAX_SECTION_PATH = 3
"""'News, Politics, Elections' may be a section path; a longer list is keywords."""
_SECTION = re.compile(r"^[^\W\d_][\w&'’ .-]{0,29}$")


@dataclass(frozen=True)
class PageFacts:
    """What the page says about itself in its markup (each value as written, or empty).

    Attributes:
        h1: The texts of the page's ``<h1>`` elements.
        og_title: ``og:title`` (or ``twitter:title``).
        html_title: ``<title>``.
        ld_headline: A JSON-LD article's ``headline``.
        site_names: ``og:site_name``, JSON-LD ``publisher.name``, ``application-name``.
        address: ``og:url`` or the canonical link.
    """

    h1: list[str] = field(default_factory=list)
    og_title: str = ""
    html_title: str = ""
    ld_headline: str = ""
    site_names: list[str] = field(default_factory=list)
    address: str = ""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _meta(tree: HtmlElement, *names: str) -> str:
    for name in names:
        for attribute in ("property", "name"):
            for element in tree.iterfind(f".//meta[@{attribute}='{name}']"):
                content = _clean(element.get("content"))
                if content:
                    return content
    return ""


def _ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack += reversed(item)
            elif isinstance(item, dict):
                yield item
                stack += [v for k, v in item.items() if k == "@graph"]


def read_facts(tree: HtmlElement) -> PageFacts:
    """The page's own statements: its ``<h1>``, titles, site names and address.

    Args:
        tree: The whole page, before anything is removed from it.

    Returns:
        The facts, each as the page writes it (whitespace collapsed).
    """
    headline, publishers = "", []
    for item in _ld_objects(tree):
        if not headline and isinstance(item.get("headline"), str):
            headline = _clean(item["headline"])
        publisher = item.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            publishers.append(_clean(publisher["name"]))
    names = [
        _meta(tree, "og:site_name"),
        *publishers,
        _meta(tree, "application-name", "apple-mobile-web-app-title"),
    ]
    h1 = [_clean(h.text_content()) for h in tree.iterfind(".//h1")][:5]
    og_title = _meta(tree, "og:title", "twitter:title")
    # Why: some pages put the headline in og:site_name; a name is short and not the headline.
    headlines = {_normal(text) for text in [*h1, og_title, headline] if text}
    names = [n for n in names if len(n.split()) <= _SITE_WORDS and _normal(n) not in headlines]
    canonical = tree.find(".//link[@rel='canonical']")
    title = tree.find(".//title")
    return PageFacts(
        h1=[text for text in h1 if text],
        og_title=og_title,
        html_title=_clean(title.text_content()) if title is not None else "",
        ld_headline=headline,
        site_names=[name for name in names if name],
        address=_meta(tree, "og:url")
        or _clean(canonical.get("href") if canonical is not None else ""),
    )


def _normal(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split()).strip(" .")


def _same_site(part: str, names: Iterable[str]) -> bool:
    """Whether a title's part names the site: 'Harbour Ledger' for 'The Harbour Ledger'."""
    compact = compact_name(part)
    if not compact:
        return False
    for name in names:
        other = compact_name(name)
        shorter, longer = sorted((compact, other), key=len)
        # Why the length bound: "The Guardian view on Hong Kong" starts with the site's name
        # but is a headline; "Guardian" or "The Guardian US" name the site.
        if shorter and longer.startswith(shorter) and len(longer) <= 1.5 * len(shorter) + 2:
            return True
        if shorter and longer.endswith(shorter) and len(longer) <= len(shorter) + 3:
            return True  # "theharbourledger" and "harbourledger"
    return False


def _join(parts: list[str], separators: list[str]) -> str:
    return parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=True))


def without_site(title: str, names: Iterable[str]) -> str:
    """'Fares rise | The Harbour Ledger' -> 'Fares rise' when the last part names the site.

    Also a leading 'The Harbour Ledger - ' part; a part that names no site stays.
    """
    names = list(names)
    parts, separators = _SEPARATOR.split(title), _SEPARATOR.findall(title)
    while len(parts) > 1 and _same_site(parts[-1], names):
        parts, separators = parts[:-1], separators[:-1]
    if len(parts) > 1 and _same_site(parts[0], names):
        parts, separators = parts[1:], separators[1:]
    return _join(parts, separators).strip()


def _variants(title: str, names: list[str]) -> list[str]:
    """The title without its site part; with up to three short parts taken off either end.

    The first variant is the title as the page gives it, unless a part naming the site
    was taken off: then it is that shorter title, and the full one is not a variant.
    """
    stripped = without_site(title, names)
    found = [stripped]
    parts, separators = _SEPARATOR.split(stripped), _SEPARATOR.findall(stripped)
    for cut in range(1, min(3, len(parts) - 1) + 1):
        if all(len(part.split()) <= 5 for part in parts[-cut:]):
            found.append(_join(parts[:-cut], separators[:-cut]))
        if all(len(part.split()) <= 5 for part in parts[:cut]):
            found.append(_join(parts[cut:], separators[cut:]))
    return [variant.strip() for variant in found if variant.strip()]


def _is_placeholder(text: str, names: list[str]) -> bool:
    words = text.split()
    return (
        not words
        or _normal(text) in _PLACEHOLDERS
        or (len(words) == 1 and text.islower())
        or _same_site(text, names)
        or len(text) > MAX_TITLE
    )


def choose_title(facts: PageFacts, names: list[str], *, shown: Iterable[str] = ()) -> str | None:
    """The headline that the page's sources agree on, without the site's name; None if unsure.

    The sources are the ``<h1>``, ``og:title``, ``<title>`` and a JSON-LD ``headline``;
    each counts once. The text that most of them give (after taking off a site name) wins,
    in the ``<h1>``'s spelling where it gives it. A placeholder ("escenic", the site's name,
    one lowercase word) never counts. When no two agree, the ``<h1>`` is taken only if the
    ``og:title`` or ``<title>`` contains it; a lone title only without a part naming the site.

    Args:
        facts: The page's statements (`read_facts`).
        names: The outlet's names (site name, publisher), to recognise a site suffix.
        shown: What the article's extracted text opens with (its first heading and first
            paragraph), one more source: a page without an ``<h1>`` shows its headline so.

    Returns:
        The headline, or None for a TODO.
    """
    sources: list[list[str]] = []
    groups = (facts.h1, [facts.og_title], [facts.html_title], [facts.ld_headline], list(shown))
    for texts in groups:
        variants = [
            variant
            for text in texts
            if text
            for variant in _variants(text, names)
            if not _is_placeholder(variant, names)
        ]
        sources.append(variants)
    votes: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for variants in sources:
        for key in {_normal(v) for v in variants}:
            votes[key] = votes.get(key, 0) + 1
        for variant in variants:
            spelling.setdefault(_normal(variant), variant)
    if votes:
        best = max(votes.values())
        if best >= 2:
            # Among equally agreed texts, the page's own headline (its h1's, then its
            # og:title's: the SEO <title> and JSON-LD often agree on another wording),
            # then the longest: "Fares rise in January" over "Fares rise".
            agreed = [k for k, v in votes.items() if v == best]
            first = {_normal(v) for v in sources[0]}
            second = {_normal(v) for v in sources[1]}
            key = max(agreed, key=lambda k: (k in first, k in second, len(k)))
            return spelling[key]
    present = [variants for variants in sources if variants]
    if len(present) == 1:
        text = present[0][0]
        stripped = without_site(text, names)
        return stripped if not _is_placeholder(stripped, names) else None
    titles = _normal(facts.og_title) + "\n" + _normal(facts.html_title)
    # An <h1> that is a whole part of a title on its own ("Headline - Gull Point Gazette"
    # under an <h1> "Gull Point Gazette") is the site's logo: no two agree on a headline.
    parts = {
        _normal(part)
        for title in (facts.og_title, facts.html_title)
        if len(split := _SEPARATOR.split(title)) > 1
        for part in split
    }
    for h1 in facts.h1:
        normal = _normal(h1)
        if normal in titles and normal not in parts and not _is_placeholder(h1, names):
            return h1
    others = [v for variants in sources[1:4] for v in variants]
    for h1 in facts.h1:
        if not _is_placeholder(h1, names) and any(_nearly_same(h1, o) for o in others):
            return h1
    return None


def _nearly_same(headline: str, title: str) -> bool:
    """Whether a title gives the headline with at most two words added or left out.

    "Sea wall (Anselm) to be raised" and "Sea wall to be raised": one headline, the page's
    own spelling wins. Headlines of three words or fewer must agree exactly.
    """
    ours = _WORD.findall(_normal(headline))
    theirs = _WORD.findall(_normal(title))
    if min(len(ours), len(theirs)) < 4:
        return False
    small, large = sorted((ours, theirs), key=len)
    return set(small) <= set(large) and len(large) - len(small) <= 2


def headlines(facts: PageFacts, names: list[str]) -> set[str]:
    """Every wording of the page's headline (normalised), to drop it where the body repeats it.

    Args:
        facts: The page's statements.
        names: The outlet's names, to take the site's part off titles.

    Returns:
        The ``<h1>``, ``og:title``, ``<title>`` and JSON-LD headline, with their variants
        without the site's name, casefolded with quotation marks and spaces made alike.
    """
    texts = [*facts.h1, facts.og_title, facts.html_title, facts.ld_headline]
    return {_normal(v) for text in texts if text for v in _variants(text, names)}


def is_headline(text: str, wordings: set[str]) -> bool:
    """Whether ``text`` is one of the headline's wordings (`headlines`)."""
    return _normal(text) in wordings


def choose_outlet(facts: PageFacts, *, title: str | None, fallback: str | None) -> str | None:
    """The outlet's name as the page states it: site name, publisher, the title's site part.

    Args:
        facts: The page's statements.
        title: The chosen headline: what ``<title>`` adds to it is the site's name.
        fallback: What to use when the page says nothing (trafilatura's guess, the host).

    Returns:
        The name, or ``fallback``.
    """
    for name in facts.site_names:
        name = _SEPARATOR.split(name)[0].strip()  # "The Jerusalem Post | JPost.com"
        if 1 < len(name) <= 60 and not name.startswith(("http:", "https:")):
            return name
    if title and facts.html_title:
        parts = _SEPARATOR.split(facts.html_title)
        if len(parts) > 1 and _normal(facts.html_title).startswith(_normal(title)):
            suffix = parts[-1].strip()
            if 1 < len(suffix) <= 60 and len(suffix.split()) <= 5:
                return suffix
    return fallback


def clean_tags(values: Iterable[str], *, outlet: str | None) -> list[str]:
    """Keywords as tags: comma lists split, repeats and the outlet's name left out, clamped.

    A keyword longer than a tag may be (`MAX_TAG`) or of more than eight words (a sentence
    or a headline) is dropped, not cut; a code such as "@hp-top-stories" is dropped; at most
    `MAX_TAGS` are kept.
    """
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in re.split(r"[,;|]", value):
            tag = _clean(part).strip("#").strip()
            key = tag.casefold()
            if (
                not tag
                or key in seen
                or len(tag) > MAX_TAG
                or len(tag.split()) > _TAG_WORDS
                or re.search(r"[@<>{}]|https?:|www\.", tag)
                or not re.match(r"\w", tag)
                or (outlet and compact_name(tag) == compact_name(outlet))
            ):
                continue
            seen.add(key)
            tags.append(tag)
    return tags[:MAX_TAGS]


def clean_category(values: Iterable[str]) -> str | None:
    """One section name: the first of the page's categories, if it looks like one.

    A comma list ("general-news,trials,crime") is not a category: of a short list (a section
    path such as "Culture, Local") the first item is taken if it is a plausible section name
    (one to three words, a letter first, not a lowercase-hyphenated code); otherwise None,
    for a TODO.
    """
    items = [_clean(part) for value in values for part in value.split(",")]
    items = [item for item in items if item]
    if not items or len(items) > _MAX_SECTION_PATH:
        return None  # a list of keywords or names, not a section and its subsections
    first = items[0]
    plausible = (
        _SECTION.match(first) is not None
        and len(first.split()) <= 3
        and not (("-" in first or "_" in first) and first.islower())
    )
    return first if plausible else None


def clean_credit(text: str | None) -> str | None:
    """An image credit without "Photo:", "©" or parentheses: '(Getty Images)' -> 'Getty Images'.

    Returns None for a credit that is empty after cleaning or longer than a credit can be
    (a caption, a sentence).
    """
    credit = _clean(text)
    for _ in range(3):
        before = credit
        credit = _CREDIT_PREFIX.sub("", credit).strip()
        credit = credit.strip(" .;:,").strip()
        if credit[:1] in "([" and credit[-1:] in ")]":
            credit = credit[1:-1].strip()
        if credit == before:
            break
    if credit.count("(") != credit.count(")"):
        credit = credit.replace("(", "").replace(")", "").strip()
    if credit.count("[") != credit.count("]"):
        credit = credit.replace("[", "").replace("]", "").strip()
    if not credit or len(credit) > 100 or len(credit.split()) > 8:
        return None
    return credit


def image_address(src: str | None, page: str | None) -> str | None:
    """The image's https:// address: a relative one resolved against the page's; else None."""
    if not src:
        return None
    src = src.strip()
    if urlsplit(src).scheme in ("http", "https") and " " not in src:
        return src
    if src.startswith("//"):
        return "https:" + src
    if page and urlsplit(page).scheme in ("http", "https"):
        resolved = urljoin(page, src)
        return resolved if " " not in resolved else None
    return None
