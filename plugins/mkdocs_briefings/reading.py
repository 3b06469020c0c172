"""Reading a whole site's briefings and digests, with every problem (pure of MkDocs).

The plugin and `briefings check` both call `load_site`, so they apply exactly the same rules.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .digest import check_references, read_digest
from .entries import (
    Entry,
    address_taken,
    find_briefings,
    find_duplicate_slugs,
    find_missing_images,
    read_entry_file,
    read_text,
)
from .errors import BriefingError, Problem
from .people import PEOPLE_FILE, Staff, byline_problems, byline_refs, load_people
from .redirects import find_alias_clashes
from .store import Store, content_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from datetime import date

    from .catalog import Layout
    from .loader import Position
    from .model import Briefing, Digest, Image

T = TypeVar("T")


@dataclass
class Site:
    """The good briefings and digests of a site, and the problems of the others."""

    entries: list[Entry] = field(default_factory=list)
    digests: list[tuple[Digest, Path]] = field(default_factory=list)
    """Newest first, with the file each came from."""
    problems: list[Problem] = field(default_factory=list)
    staff: Staff = field(default_factory=Staff)
    """The people of briefings/people.yml, whom bylines name."""


Stamp = tuple[int, int]
PARALLEL_MIN = 1500
"""Read files in several processes when at least this many need reading (and cores allow)."""


@dataclass
class FileCache:
    """What earlier reads made of each file, reused while the file's size and mtime hold.

    Why: `mkdocs serve` rebuilds the site after every save, and reading 10,000 unchanged
    briefings again would take seconds. A file saved since (new mtime or size) is read again;
    a file that is gone is forgotten. Problems are cached like results, so an unchanged
    broken file is reported again without being parsed again.

    With a `Store` (kept on disk between builds), a file whose stamp is new but whose bytes
    the store knows is not parsed again either.
    """

    store: Store | None = None
    _seen: dict[Callable[..., Any], dict[tuple[Path, str], tuple[Stamp, Any, bytes | None]]] = (
        field(default_factory=dict)
    )
    """By reader, then by (path, display): the file's stamp, what the reader made of it, and
    the file's content key."""

    def read_all(
        self,
        files: Sequence[tuple[Path, str]],
        reader: Callable[[Path, str], T],
        *,
        workers: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[T | BriefingError]:
        """``reader(path, display)`` for each file: its result, or the BriefingError it raised.

        Unchanged files come from the cache (then the store); the others are read, in
        ``workers`` processes when there are at least PARALLEL_MIN of them. Files not in
        ``files`` are forgotten.
        """
        known = self._seen.get(reader, {})
        stamps = [stamp(path) for path, _ in files]
        stale = [
            i
            for i, (key, stamp) in enumerate(zip(files, stamps, strict=True))
            if stamp is None or key not in known or known[key][0] != stamp
        ]
        name = f"{reader.__module__}.{getattr(reader, '__qualname__', type(reader).__name__)}"
        # Content keys only where a store will keep them (not for `briefings check`).
        keys = {i: _content_key(files[i][0]) if self.store else None for i in stale}
        outcomes = self._stored(name, {i: (files[i][1], keys[i]) for i in stale})
        misses = [i for i in stale if i not in outcomes]
        fresh = _read_each([files[i] for i in misses], reader, workers=workers, progress=progress)
        outcomes.update(zip(misses, fresh, strict=True))
        for i in misses:  # saved while being read: the key may not match what was parsed
            if keys[i] is not None and stamp(files[i][0]) != stamps[i]:
                keys[i] = None  # not stored; the new stamp makes the next build read it again
        seen = {key: known[key] for key in files if key in known}
        for i in stale:
            seen[files[i]] = (stamps[i] or (-1, -1), outcomes[i], keys[i])
        self._seen[reader] = seen
        if self.store is not None:
            self.store.keep_outcomes(
                name, {d: (k, out) for (_, d), (_, out, k) in seen.items() if k is not None}
            )
        return [seen[key][1] for key in files]

    def _stored(self, reader: str, wanted: dict[int, tuple[str, bytes | None]]) -> dict[int, Any]:
        """What the store holds for the files in ``wanted`` (index: (display, content key))
        whose bytes it saw, by index."""
        stored = self.store.outcomes.get(reader, {}) if self.store else {}
        found = {}
        for i, (display, key) in wanted.items():
            before = stored.get(display)
            if key is not None and before is not None and before[0] == key:
                found[i] = before[1]
        return found

    def stamps(self, reader: Callable[..., Any]) -> dict[str, Stamp]:
        """The stamp of every file ``reader`` last read, by display path."""
        return {display: seen[0] for (_, display), seen in self._seen.get(reader, {}).items()}

    def content_keys(self, reader: Callable[..., Any]) -> dict[str, bytes | None]:
        """The content key of every file ``reader`` last read (None: unreadable), by display."""
        return {display: seen[2] for (_, display), seen in self._seen.get(reader, {}).items()}


def _content_key(path: Path) -> bytes | None:
    try:
        return content_key(path.read_bytes())
    except OSError:
        return None  # the reader reports what is wrong with the file


def stamp(path: str | Path) -> Stamp | None:
    """A file's (mtime in ns, size), or None when it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None  # the reader reports what is wrong with the file
    return (info.st_mtime_ns, info.st_size)


def _outcome(reader: Callable[[Path, str], T], path: Path, display: str) -> T | BriefingError:
    try:
        return reader(path, display)
    except BriefingError as exc:
        return exc.with_traceback(None)  # kept in the cache: keep no parser frames with it


def _read_chunk(
    reader: Callable[[Path, str], T], files: list[tuple[Path, str]]
) -> list[T | BriefingError]:
    return [_outcome(reader, path, display) for path, display in files]


def _read_each(
    files: list[tuple[Path, str]],
    reader: Callable[[Path, str], T],
    *,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[T | BriefingError]:
    """Read ``files`` in order, in worker processes when there are many (see PARALLEL_MIN).

    Why processes: parsing YAML is CPU-bound Python; threads would take turns on the GIL.
    Why fork: workers start at once with everything imported (spawn and forkserver import
    the program's main module again). Forking a process that runs threads can deadlock, so
    only single-threaded callers (the `briefings` command) pass ``workers`` > 1; the plugin
    runs inside `mkdocs serve`'s threads and reads in-process, with its `FileCache`.
    """
    total, out = len(files), []
    if workers > 1 and total >= PARALLEL_MIN:
        size = max(50, total // (workers * 8))
        chunks = [files[i : i + size] for i in range(0, total, size)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for chunk in pool.map(_read_chunk, [reader] * len(chunks), chunks):
                out += chunk
                if progress:
                    progress(len(out), total)
        return out
    for path, display in files:
        out.append(_outcome(reader, path, display))
        if progress:
            progress(len(out), total)
    return out


def default_workers() -> int:
    """Processes for reading many files: the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_site(
    briefings_dir: Path,
    *,
    root: Path,
    digests_dir: Path,
    layout: Layout,
    exists: Callable[[str], bool],
    cache: FileCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
    checks_only: bool = False,
) -> Site:
    """Read every briefing and digest and check them, alone and against each other.

    Args:
        briefings_dir: The folder of briefing files.
        root: The folder paths in problems are relative to (where mkdocs.yml is).
        digests_dir: The folder of digest files (inside briefings_dir, not briefings).
        layout: Where pages go, to find clashes with hand-written pages.
        exists: Whether a path inside docs/ exists (images, hand-written pages).
        cache: Results of earlier reads to reuse for unchanged files (`mkdocs serve`).
        progress: Called with (files read, files to read) as briefing files are read.
        workers: Processes to read briefings in, when many files need reading.
        checks_only: Keep in each entry only what the site-wide checks look at (title, slug,
            image): the `check` command's worker processes then send back a few fields per
            briefing instead of the whole of it, which the parent would have to unpickle.

    Returns:
        The site; a file with problems is left out and its problems listed.
    """
    site = Site()
    cache = cache or FileCache()
    entries: dict[str, Entry] = {}
    people_file = briefings_dir / PEOPLE_FILE
    (people_display,) = relative_paths([people_file], root)
    site.staff, problems = load_people(people_file, display=people_display, exists=exists)
    site.problems += problems
    found = [p for p in find_briefings(briefings_dir, exclude=digests_dir) if p != people_file]
    files = list(zip(found, relative_paths(found, root), strict=True))
    reader = _check_briefing_file if checks_only else _read_briefing_file
    outcomes = cache.read_all(files, reader, workers=workers, progress=progress)
    for (_, display), outcome in zip(files, outcomes, strict=True):
        if isinstance(outcome, BriefingError):
            site.problems += outcome.problems
        else:
            entries[display] = outcome
    for entry, problem in find_duplicate_slugs(list(entries.values())):
        site.problems.append(problem)
        del entries[entry.path]
    for entry, problem in find_missing_images(list(entries.values()), exists=exists):
        site.problems.append(problem)
        del entries[entry.path]
    for entry in list(entries.values()):
        page = layout.briefing(entry.slug)  # briefings/x.md, or the same URL as x/index.md
        taken = [p for p in (page, page.removesuffix(".md") + "/index.md") if exists(p)]
        if taken:
            site.problems.append(address_taken(entry, taken[0]))
            del entries[entry.path]
    for entry, problem in find_alias_clashes(list(entries.values()), layout, exists=exists):
        site.problems.append(problem)
        del entries[entry.path]
    for entry, problems in _check_bylines(list(entries.values()), site.staff, root):
        site.problems += problems
        del entries[entry.path]
    site.entries = list(entries.values())
    _load_digests(site, digests_dir, root, cache)
    return site


def _check_bylines(
    entries: Iterable[Entry], staff: Staff, root: Path
) -> Iterator[tuple[Entry, list[Problem]]]:
    """Each entry whose byline names someone the people file lacks, with its problems."""
    for entry in entries:
        by = entry.briefing.by
        if not by or all(key in staff.people for key in by) or staff.broken:
            continue
        try:  # read again: positions are only worked out for files with problems
            text = read_text(root / entry.path, display=entry.path)
        except BriefingError as exc:
            yield entry, list(exc.problems)
            continue
        problems = byline_problems(byline_refs(by), staff, text=text, path=entry.path)
        if problems:
            yield entry, problems


def briefing_stamps(cache: FileCache) -> dict[str, Stamp]:
    """The stamp of every briefing file ``cache`` holds, by display path."""
    return cache.stamps(_read_briefing_file)


def briefing_content_keys(cache: FileCache) -> dict[str, bytes | None]:
    """The content key of every briefing file ``cache`` holds, by display path."""
    return cache.content_keys(_read_briefing_file)


def _read_briefing_file(source: Path, display: str) -> Entry:
    return read_entry_file(source, display=display)


def _check_briefing_file(source: Path, display: str) -> Entry:
    entry = read_entry_file(source, display=display)
    b = entry.briefing
    # Not a Briefing (pydantic's model_construct costs more than the pickling it saves): only
    # `check`'s site-wide rules read it, and they read these fields.
    light = _Checked(b.title, b.slug, b.image, b.aliases, b.published, draft=b.draft, by=b.by)
    return replace(entry, briefing=cast("Briefing", light))


@dataclass(frozen=True)
class _Checked:
    """What site-wide checks read of a briefing (see `load_site`'s ``checks_only``)."""

    title: str
    slug: str | None
    image: Image | None
    aliases: list[str]
    published: date
    """`check` names the briefings scheduled for later."""
    draft: bool = False
    """`check` lists the drafts."""
    by: list[str] = field(default_factory=list)
    """Bylines are checked against the people file."""


def _read_digest_file(source: Path, display: str) -> tuple[str, Digest, dict[str, Position]]:
    text = read_text(source, display=display)
    return (text, *read_digest(text, path=display))


def _load_digests(site: Site, folder: Path, root: Path, cache: FileCache) -> None:
    known = {e.slug for e in site.entries}
    digests: dict[date, tuple[Digest, Path]] = {}
    found = find_briefings(folder) if folder.is_dir() else []
    files = list(zip(found, relative_paths(found, root), strict=True))
    for (source, display), outcome in zip(
        files, cache.read_all(files, _read_digest_file), strict=True
    ):
        if isinstance(outcome, BriefingError):  # not raised again: it is the cached object
            site.problems += outcome.problems
            continue
        text, digest, anchors = outcome
        try:
            check_references(text, digest, path=display, known=known)
        except BriefingError as exc:
            site.problems += exc.problems
            continue
        if unknown := byline_problems(byline_refs(digest.by), site.staff, text=text, path=display):
            site.problems += unknown
            continue
        if digest.date in digests:
            message = f"date: another digest is already dated {digest.date}; keep one per day"
            site.problems.append(Problem(display, *anchors["date"], message))
            continue
        digests[digest.date] = (digest, source)
    site.digests = [digests[day] for day in sorted(digests, reverse=True)]


def relative_paths(paths: Iterable[Path | str], root: Path | str) -> list[str]:
    """Each path relative to ``root``, with forward slashes ('briefings/x.yml').

    Why per folder: os.path.relpath makes both paths absolute on every call; 10,000 files in
    a few folders need a few calls, not 10,000 (a tenth of a second on every rebuild).
    """
    folders: dict[str, str] = {}
    out = []
    for path in paths:
        folder, name = os.path.split(path)
        if folder not in folders:
            folders[folder] = Path(os.path.relpath(folder or ".", root)).as_posix()
        prefix = folders[folder]
        out.append(name if prefix == "." else f"{prefix}/{name}")
    return out
