"""The site's views of the briefings: groupings, pagination and related briefings (pure)."""

from __future__ import annotations

import bisect
import functools
import heapq
import posixpath
import re
from collections import defaultdict
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from .entries import make_slug, newest_first
from .render.text import KIND_TITLES, day_title, listing_title, month_title
from .times import day_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date

    from .entries import Entry
    from .model import Digest, Person

PAGE_SIZE = 25
RELATED_WINDOW = 10  # neighbours in time considered per shared tag or source


@dataclass(frozen=True)
class Listing:
    """The briefings one index page lists: all of a category, tag, source, story or month."""

    kind: str
    key: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Layout:
    """Where each generated page lives inside docs/ (src paths ending in .md)."""

    briefings: str = "briefings"
    digests: str = "digests"
    daily: str = "daily"
    archive: str = "archive"
    categories: str = "categories"
    tags: str = "tags"
    sources: str = "sources"
    stories: str = "stories"
    corrections: str = "corrections"
    people: str = "people"

    def briefing(self, slug: str) -> str:
        """The page of one briefing."""
        return f"{self.briefings}/{slug}.md"

    def index(self, kind: str) -> str:
        """The index of a kind of listing ('categories' -> categories/index.md)."""
        return f"{getattr(self, kind)}/index.md"

    def listing(self, kind: str, key: str, page: int = 1) -> str:
        """Page ``page`` of the listing of ``key`` ('categories', 'politics', 2)."""
        base = f"{getattr(self, kind)}/{key}"
        return f"{base}/index.md" if page == 1 else f"{base}/page/{page}/index.md"

    def digest(self, day: date) -> str:
        """A curated digest's page."""
        return f"{self.digests}/{day.isoformat()}.md"

    def day(self, day: date) -> str:
        """A generated daily page."""
        return f"{self.daily}/{day.isoformat()}.md"


def relative(target: str, page: str) -> str:
    """A Markdown link from the page at src path ``page`` to the src path ``target``.

    Both are normalised docs-relative paths, so this is posixpath.relpath without its
    (measurably slow) normalisation.
    """
    here, _, _ = page.rpartition("/")
    there, _, name = target.rpartition("/")
    prefix = _relative_folder(there, here)
    return prefix + name


@functools.lru_cache(maxsize=4096)  # pure; index pages link many pages in few folders
def _relative_folder(there: str, here: str) -> str:
    """The path from folder ``here`` to folder ``there`` ('' or ending in '/')."""
    here_parts = here.split("/") if here else []
    there_parts = there.split("/") if there else []
    common = 0
    for a, b in zip(here_parts, there_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here_parts) - common) + there_parts[common:]
    return "".join(f"{part}/" for part in parts)


@functools.lru_cache(maxsize=1 << 16)  # pure; `mkdocs serve` plans the same pages again
def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The site-relative URL of the page made from docs/``src_uri``, as MkDocs gives it.

    'briefings/x.md' -> 'briefings/x/' (or 'briefings/x.html'); 'tags/index.md' -> 'tags/';
    'index.md' -> './'. Percent-encoded like MkDocs' ``File.url``.
    """
    parent, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        dest = posixpath.join(parent, "index.html")
    elif directory_urls:
        dest = posixpath.join(parent, stem, "index.html")
    else:
        dest = posixpath.join(parent, stem + ".html")
    if directory_urls and dest.endswith("index.html"):
        dest = (posixpath.dirname(dest) or ".") + "/"
    return quote(dest)


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative), as MkDocs writes links.

    The algorithm of ``mkdocs.utils.get_relative_url`` (tests compare the two): the last part
    of ``other`` is dropped when it has a dot (a file), and '.' stands for the same folder.
    Why the split: pages link many pages of few folders, so the way to a folder is worked out
    once per pair of folders; the last part of ``url`` is added to it.
    """
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    there, _, name = url.rstrip("/").rpartition("/")
    if _UNUSUAL.search(url) or f"/{name}/" in f"/{other}/":  # '..', '//', or on the way
        return _relative_parts(url, other)
    folder = _relative_parts(there, other)
    tail = "/" if url.endswith("/") else ""
    return f"{name}{tail}" if folder == "." else f"{folder}/{name}{tail}"


_UNUSUAL = re.compile(r"(^|/)\.\.?(/|$)|//|^/|^$")


@functools.lru_cache(maxsize=1 << 14)  # pure; pages at one depth link the same few folders
def _relative_parts(url: str, other: str) -> str:
    other_parts = _norm_parts(other)
    dest_parts = _norm_parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def _norm_parts(path: str) -> list[str]:
    # As MkDocs does it, quirks included ('//a' keeps an empty first part).
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def paginate(items: Sequence[Entry], size: int = PAGE_SIZE) -> list[Sequence[Entry]]:
    """``items`` in pages of ``size`` (always at least one page)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def outlet_key(name: str) -> str:
    """One key per outlet across briefings, whatever each file calls it ('reuters')."""
    return make_slug(name)


def _listings(kind: str, groups: dict[str, list[Entry]], titles: dict[str, str]) -> list[Listing]:
    return sorted(
        (Listing(kind, key, titles[key], tuple(items)) for key, items in groups.items()),
        key=lambda listing: listing.title.casefold(),
    )


def by_category(newest: Iterable[Entry]) -> list[Listing]:
    """One listing per category, newest first (``newest``: see `newest_first`)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    titles: dict[str, str] = {}
    for entry in newest:
        key = make_slug(entry.briefing.category)
        groups[key].append(entry)
        titles.setdefault(key, entry.briefing.category)
    return _listings("categories", groups, titles)


def by_tag(newest: Iterable[Entry]) -> list[Listing]:
    """One listing per tag, newest first (``newest``: see `newest_first`)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    titles: dict[str, str] = {}
    for entry in newest:
        for tag in dict.fromkeys(entry.briefing.tags):
            key = make_slug(tag)
            groups[key].append(entry)
            titles.setdefault(key, tag)
    return _listings("tags", groups, titles)


def by_source(newest: Iterable[Entry]) -> list[Listing]:
    """One listing per outlet credited (by name, across files), newest first (``newest``: see
    `newest_first`)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    titles: dict[str, str] = {}
    for entry in newest:
        names = {outlet_key(s.name): s.name for s in entry.briefing.sources.values()}
        for key, name in names.items():
            groups[key].append(entry)
            titles.setdefault(key, name)
    return _listings("sources", groups, titles)


def by_story(newest: Iterable[Entry]) -> list[Listing]:
    """One listing per story, oldest first: a timeline (``newest``: see `newest_first`).

    Story names that make the same slug are one story; its title is the newest briefing's name
    for it, as written ('Port Anselm sea wall'), unless only slugs name it.
    """
    groups: dict[str, list[Entry]] = defaultdict(list)
    titles: dict[str, str] = {}
    for entry in newest:
        name = entry.briefing.story
        if name:
            key = story_key(name)
            groups[key].append(entry)
            if key not in titles or titles[key] == story_title(key):
                titles[key] = name if name != key else story_title(key)
    return sorted(
        (
            Listing("stories", key, titles[key], tuple(reversed(items)))
            for key, items in groups.items()
        ),
        key=lambda listing: listing.title.casefold(),
    )


def by_person(newest: Iterable[Entry], people: Mapping[str, Person]) -> list[Listing]:
    """One listing per person of the people file (whether or not they wrote any), their
    briefings newest first (``newest``: see `newest_first`); bylines' unknown keys are left out.
    """
    groups: dict[str, list[Entry]] = {key: [] for key in people}
    for entry in newest:
        for key in dict.fromkeys(entry.briefing.by):
            if key in groups:
                groups[key].append(entry)
    return _listings("people", groups, {key: person.name for key, person in people.items()})


def story_key(name: str) -> str:
    """A story's slug: 'Port Anselm sea wall' (or 'port-anselm-sea-wall') -> the latter."""
    return make_slug(name)


def story_title(key: str) -> str:
    """A story named only by its slug: 'gaza-ceasefire' -> 'Gaza ceasefire'."""
    return key.replace("-", " ").capitalize()


def by_day(newest: Iterable[Entry]) -> dict[date, tuple[Entry, ...]]:
    """Briefings by publication day, newest day first, each day's newest first.

    ``newest``: the briefings, newest first (see `newest_first`).
    """
    groups: dict[date, list[Entry]] = defaultdict(list)
    for entry in newest:
        groups[day_of(entry.briefing.published)].append(entry)
    return {day: tuple(items) for day, items in sorted(groups.items(), reverse=True)}


def by_month(newest: Iterable[Entry]) -> list[Listing]:
    """One listing per month ('2025-11'), newest month first (``newest``: see `newest_first`)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in newest:
        groups[day_of(entry.briefing.published).strftime("%Y-%m")].append(entry)
    return [
        Listing("archive", key, month_title(day_of(items[0].briefing.published)), tuple(items))
        for key, items in sorted(groups.items(), reverse=True)
    ]


@dataclass
class Related:
    """Finds related briefings: same story first, then shared tags and sources.

    Why windows: popular tags and outlets are shared by thousands of briefings; comparing only
    the neighbours in time within each shared group keeps the work per briefing bounded.
    """

    entries: Sequence[Entry]
    """Newest first (see `newest_first`): ties go to the newest."""
    earlier: InitVar[Related | None] = None
    """The previous build's (`mkdocs serve`): an unchanged briefing's group keys come from it.
    Not kept: each build's Related would hold all the ones before it."""
    _groups: dict[str, list[int]] = field(default_factory=dict, init=False)
    _newest: list[Entry] = field(default_factory=list, init=False)
    _index: dict[str, int] = field(default_factory=dict, init=False)
    _keys: dict[str, tuple[Entry, list[str]]] = field(default_factory=dict, init=False)
    """By path: the entry, and the groups it is in."""

    def __post_init__(self, earlier: Related | None) -> None:
        self._newest = list(self.entries)
        self._index = {entry.path: i for i, entry in enumerate(self._newest)}
        known = earlier._keys if earlier is not None else {}
        self._keys = {
            e.path: keys if (keys := known.get(e.path)) and keys[0] is e else (e, _keys(e))
            for e in self.entries
        }
        groups: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self._newest):
            for key in self._keys[entry.path][1]:
                groups[key].append(i)
        self._groups = dict(groups)

    def neighbours(self, entry: Entry) -> set[str]:
        """Paths of the briefings whose related lists ``entry`` can appear in or change: those
        within the window around it in each of its groups (see `of`)."""
        found = set()
        i = self._index.get(entry.path, 0)
        for key in self._keys.get(entry.path, (entry, []))[1]:
            indexes = self._groups.get(key, [])
            at = bisect.bisect_left(indexes, i)  # the group lists its briefings in order
            for other in indexes[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]:
                found.add(self._newest[other].path)
        return found

    def of(self, entry: Entry, limit: int = 3) -> list[Entry]:
        """Up to ``limit`` briefings related to ``entry``, the most related first."""
        # By index in newest-first order: ties go to the newest. (A defaultdict, not a
        # Counter: Counter counts a new key through a Python-level __missing__.)
        scores: defaultdict[int, int] = defaultdict(int)
        path = entry.path
        i = self._index.get(path, 0)
        for key in self._keys[path][1] if path in self._keys else _keys(entry):
            weight = 100 if key.startswith("story:") else (2 if key.startswith("tag:") else 1)
            indexes = self._groups.get(key, ())
            at = bisect.bisect_left(indexes, i)  # the group lists its briefings in order
            for other in indexes[max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1]:
                scores[other] += weight
        scores.pop(self._index.get(path, -1), None)
        best = heapq.nsmallest(limit, scores.items(), key=_by_score)
        return [self._newest[i] for i, _ in best]


def _by_score(item: tuple[int, int]) -> tuple[int, int]:
    index, score = item
    return -score, index


def _keys(entry: Entry) -> list[str]:
    b = entry.briefing
    keys = [f"story:{story_key(b.story)}"] if b.story else []
    keys += [f"tag:{make_slug(t)}" for t in dict.fromkeys(b.tags)]
    keys += [f"source:{outlet_key(s.name)}" for s in b.sources.values()]
    return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class Catalog:
    """Every grouping of the site's briefings, made once per build (see `make_catalog`)."""

    newest: tuple[Entry, ...]
    """Newest first, then by title."""
    categories: list[Listing]
    tags: list[Listing]
    sources: list[Listing]
    stories: list[Listing]
    months: list[Listing]
    days: dict[date, tuple[Entry, ...]]
    related: Related
    people: list[Listing] = field(default_factory=list)
    """One per person of the people file (see `by_person`)."""


def make_catalog(
    entries: Iterable[Entry],
    earlier: Catalog | None = None,
    *,
    people: Mapping[str, Person] | None = None,
) -> Catalog:
    """Sort and group ``entries`` once: every listing, day and related index of the site
    (``earlier``: the previous build's, whose work on unchanged briefings is reused;
    ``people``: the people file's, each of whom gets a listing)."""
    newest = tuple(newest_first(entries))
    return Catalog(
        newest=newest,
        categories=by_category(newest),
        tags=by_tag(newest),
        sources=by_source(newest),
        stories=by_story(newest),
        months=by_month(newest),
        days=by_day(newest),
        related=Related(newest, earlier.related if earlier is not None else None),
        people=by_person(newest, people or {}),
    )


@dataclass(frozen=True)
class IndexView:
    """What one generated index page shows, before any formatter writes it."""

    kind: str
    """'kinds' (every category...), 'listing', 'month', 'day', 'digest' or 'digests'."""
    uri: str
    title: str
    """Plain text."""
    created: date | None = None
    listing_kind: str = ""
    listing: Listing | None = None
    listings: tuple[Listing, ...] = ()
    entries: tuple[Entry, ...] = ()
    number: int = 1
    pages: int = 1
    day: date | None = None
    digest: Digest | None = None
    digests: tuple[Digest, ...] = ()
    days: tuple[date, ...] = ()
    """The month's curated days, or the days without a digest (for 'digests')."""
    person: Person | None = None
    """Whom a listing of kind 'people' is about: their page shows who they are."""
    authors: tuple[tuple[str, str], ...] = ()
    """A digest's byline: (key, name) of each person it names."""

    @property
    def in_nav(self) -> bool:
        """categories/index.md and its like belong in the navigation; pages below them don't."""
        return self.kind in ("kinds", "digests")


def index_views(
    catalog: Catalog,
    digests: Sequence[Digest],
    *,
    layout: Layout,
    page_size: int = PAGE_SIZE,
    people: Mapping[str, Person] | None = None,
) -> dict[str, IndexView]:
    """Every generated index page, by src path: what the site shows besides briefings.

    Args:
        catalog: The briefings, grouped.
        digests: The curated digests, with valid references, newest first.
        layout: Where pages go.
        page_size: Briefings per listing page.
        people: The people file's, by key: their pages and digests' bylines.
    """
    people = people or {}
    views: dict[str, IndexView] = {}
    kinds = [
        ("categories", catalog.categories),
        ("tags", catalog.tags),
        ("sources", catalog.sources),
        ("stories", catalog.stories),
    ]
    if catalog.people:  # no people file: no people pages
        kinds.append(("people", catalog.people))
    for kind, listings in kinds:
        uri = layout.index(kind)
        views[uri] = IndexView(
            "kinds", uri, KIND_TITLES[kind], listing_kind=kind, listings=tuple(listings)
        )
        for listing in listings:
            chunks = paginate(listing.entries, page_size)
            for number, chunk in enumerate(chunks, start=1):
                uri = layout.listing(kind, listing.key, number)
                title = listing_title(listing.title, number, len(chunks))
                views[uri] = IndexView(
                    "listing",
                    uri,
                    title,
                    listing=listing,
                    entries=tuple(chunk),
                    number=number,
                    pages=len(chunks),
                    person=people.get(listing.key) if kind == "people" else None,
                )
    curated = {d.date for d in digests}
    uri = layout.index("archive")
    views[uri] = IndexView(
        "kinds", uri, KIND_TITLES["archive"], listing_kind="archive", listings=tuple(catalog.months)
    )
    for month in catalog.months:
        uri = layout.listing("archive", month.key)
        days = tuple(sorted({day_of(e.briefing.published) for e in month.entries} & curated))
        views[uri] = IndexView("month", uri, month.title, listing=month, days=days)
    uncurated = tuple(day for day in catalog.days if day not in curated)
    for day in uncurated:
        uri = layout.day(day)
        views[uri] = IndexView(
            "day", uri, day_title(day), created=day, day=day, entries=catalog.days[day]
        )
    for digest in digests:
        uri = layout.digest(digest.date)
        byline = tuple((key, people[key].name) for key in dict.fromkeys(digest.by) if key in people)
        views[uri] = IndexView(
            "digest", uri, digest.title, created=digest.date, digest=digest, authors=byline
        )
    uri = layout.index("digests")
    views[uri] = IndexView("digests", uri, "Digests", digests=tuple(digests), days=uncurated)
    return views
