"""Many briefings at once: slugs, and problems that span files."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from slugify import slugify

from .errors import BriefingError, Problem
from .loader import Position, file_too_large, parse_briefing
from .model import MAX_FILE_BYTES, MAX_SLUG
from .times import moment_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from .model import Briefing

# Apostrophes join their word instead of splitting it: "Anselm's" -> "anselms".
_SLUG_REPLACEMENTS = [["'", ""], ["’", ""]]
# Japanese writes words without spaces; a change between hiragana, katakana and other scripts
# is the nearest thing to a word boundary ("港のストライキ" -> "gang-no-sutoraiki").
_KANA_RUN = re.compile("[\u3040-\u309f]+|[\u30a0-\u30ff]+")
# text-unidecode drops alef and writes ain, hamza and teh marbuta as ` ' @, which would split
# Arabic words: "بعد" -> "b-d". Alef and its forms become vowels, ain and hamza join the word.
_ARABIC = str.maketrans(
    {"ا": "a", "أ": "a", "إ": "i", "آ": "a", "ى": "a", "ة": "a", "ع": "", "ء": ""}
)


@functools.lru_cache(maxsize=8192)  # pure; catalogs slug the same tags and outlets many times
def make_slug(title: str) -> str:
    """A readable ASCII slug from a title in any script ('Ливия' -> 'liviia').

    Why our own transliteration: python-slugify uses Unidecode when it happens to be
    installed and text-unidecode (its own dependency) otherwise, and the two differ, so the
    same title could get another address on another machine. Why a hash fallback: a title of
    only symbols or emoji has no letters to transliterate.
    """
    text = title
    for old, new in _SLUG_REPLACEMENTS:  # before transliteration, as slugify does
        text = text.replace(old, new)
    if not text.isascii():
        text = _transliterate(_KANA_RUN.sub(lambda run: f" {run[0]} ", text).translate(_ARABIC))
    slug = slugify(text, max_length=MAX_SLUG, word_boundary=True, replacements=_SLUG_REPLACEMENTS)
    if slug:
        return slug
    digest = hashlib.sha1(unicodedata.normalize("NFC", title).encode())  # noqa: S324
    return "briefing-" + digest.hexdigest()[:8]


def _transliterate(text: str) -> str:
    """``text`` in ASCII, as python-slugify's text-unidecode backend makes it."""
    from text_unidecode import unidecode  # type: ignore[import-untyped]  # ~3 MB table: lazily

    ascii_text: str = unidecode(unicodedata.normalize("NFKD", text))
    return ascii_text


@dataclass(frozen=True)
class Entry:
    """A briefing read from a file, with what cross-file checks and links need."""

    briefing: Briefing
    path: str
    slug: str
    slug_at: Position
    image_at: Position | None
    aliases_at: tuple[Position, ...] = ()
    """Where each of the briefing's 'aliases:' starts, in order."""


def read_entry(text: str, *, path: str) -> Entry:
    """Read one briefing file into an Entry.

    Raises:
        BriefingError: with every problem of the file.
    """
    briefing, anchors = parse_briefing(text, path=path)
    return Entry(
        briefing=briefing,
        path=path,
        slug=briefing.slug or make_slug(briefing.title),
        slug_at=anchors["slug" if briefing.slug else "title"],
        image_at=anchors.get("image.src"),
        aliases_at=tuple(
            anchors.get(f"aliases[{i}]", anchors["title"]) for i in range(len(briefing.aliases))
        ),
    )


def find_duplicate_slugs(entries: Iterable[Entry]) -> Iterator[tuple[Entry, Problem]]:
    """Yield each entry whose slug an earlier entry (by path) already has, with its problem."""
    first: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        if (owner := first.setdefault(entry.slug, entry)) is not entry:
            clash = f"which {owner.path} already has; set a different 'slug:' in one of them"
            yield entry, _address_problem(entry, clash)


def address_taken(entry: Entry, src_uri: str) -> Problem:
    """The problem of a briefing whose page would replace the hand-written docs/``src_uri``."""
    clash = f"but docs/{src_uri} already has it; set a different 'slug:' or rename the page"
    return _address_problem(entry, clash)


def _address_problem(entry: Entry, clash: str) -> Problem:
    """A problem located at what gives ``entry`` its address: its 'slug:' or its 'title:'."""
    field = "slug" if entry.briefing.slug else "title"
    message = f"{field}: gives the page address '{entry.slug}', {clash}"
    return Problem(entry.path, *entry.slug_at, message)


def find_missing_images(
    entries: Iterable[Entry], *, exists: Callable[[str], bool]
) -> Iterator[tuple[Entry, Problem]]:
    """Yield each entry whose local image (a path inside docs/) ``exists`` does not find."""
    for entry in entries:
        image = entry.briefing.image
        if image and image.src and image.is_local and not exists(image.src):
            line, col = entry.image_at or entry.slug_at
            yield (
                entry,
                Problem(
                    entry.path,
                    line,
                    col,
                    f"image.src: {image.src} is not in docs/; add the file or fix the path",
                ),
            )


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Entries sorted by publication, newest first: by day, then by time within the day (a
    briefing dated by day alone after the day's timed ones), then by title for a stable order."""
    by_title = sorted(entries, key=lambda e: e.briefing.title)
    return sorted(by_title, key=lambda e: moment_key(e.briefing.published), reverse=True)


def read_text(path: Path, *, display: str) -> str:
    """A file's UTF-8 text; an unreadable or oversized file is a problem, not a traceback.

    Raises:
        BriefingError: naming the file and what is wrong with it.
    """
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:  # before decoding: 20 MB of text would take seconds later
            raise BriefingError([file_too_large(len(raw), path=display)])
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
        raise BriefingError([Problem(display, 1, 1, message)]) from None
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror}"
        raise BriefingError([Problem(display, 1, 1, message)]) from None


def read_entry_file(path: Path, *, display: str) -> Entry:
    """Read and check one briefing file.

    Raises:
        BriefingError: with every problem of the file.
    """
    return read_entry(read_text(path, display=display), path=display)


def find_briefings(folder: Path, *, exclude: Path | None = None) -> list[Path]:
    """Every YAML file under ``folder`` but not under ``exclude``, in a stable order.

    Why os.walk: at 10,000 files, Path.rglob and Path comparisons cost a second per build.
    """
    skip = os.path.abspath(exclude) if exclude is not None else None
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if os.path.abspath(os.path.join(parent, d)) != skip]
        found += [os.path.join(parent, n) for n in names if n.endswith((".yml", ".yaml"))]
    # Not only regular files: a dangling link or an unreadable entry is reported when read.
    return [Path(p) for p in sorted(found) if not os.path.isdir(p)]
