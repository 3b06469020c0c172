"""Reading a whole site's briefings and digests, with every problem (pure of MkDocs).

The plugin and `briefings check` both call `load_site`, so they apply exactly the same rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .collection import (
    Entry,
    address_taken,
    find_briefings,
    find_duplicate_slugs,
    find_missing_images,
    read_entry_file,
    read_text,
)
from .digest import check_references, read_digest
from .errors import BriefingError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from .catalog import Layout
    from .model import Digest


@dataclass
class Site:
    """The good briefings and digests of a site, and the problems of the others."""

    entries: list[Entry] = field(default_factory=list)
    digests: list[tuple[Digest, Path]] = field(default_factory=list)
    """Newest first, with the file each came from."""
    problems: list[Problem] = field(default_factory=list)


def load_site(
    briefings_dir: Path,
    *,
    root: Path,
    digests_dir: Path,
    layout: Layout,
    exists: Callable[[str], bool],
) -> Site:
    """Read every briefing and digest and check them, alone and against each other.

    Args:
        briefings_dir: The folder of briefing files.
        root: The folder paths in problems are relative to (where mkdocs.yml is).
        digests_dir: The folder of digest files (inside briefings_dir, not briefings).
        layout: Where pages go, to find clashes with hand-written pages.
        exists: Whether a path inside docs/ exists (images, hand-written pages).

    Returns:
        The site; a file with problems is left out and its problems listed.
    """
    site = Site()
    entries: dict[str, Entry] = {}
    for source in find_briefings(briefings_dir, exclude=digests_dir):
        display = _display(source, root)
        try:
            entries[display] = read_entry_file(source, display=display)
        except BriefingError as exc:
            site.problems += exc.problems
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
    site.entries = list(entries.values())
    _load_digests(site, digests_dir, root)
    return site


def _load_digests(site: Site, folder: Path, root: Path) -> None:
    known = {e.slug for e in site.entries}
    digests: dict[date, tuple[Digest, Path]] = {}
    for source in find_briefings(folder) if folder.is_dir() else []:
        display = _display(source, root)
        try:
            text = read_text(source, display=display)
            digest, anchors = read_digest(text, path=display)
            check_references(text, digest, path=display, known=known)
        except BriefingError as exc:
            site.problems += exc.problems
            continue
        if digest.date in digests:
            message = f"date: another digest is already dated {digest.date}; keep one per day"
            site.problems.append(Problem(display, *anchors["date"], message))
            continue
        digests[digest.date] = (digest, source)
    site.digests = [digests[day] for day in sorted(digests, reverse=True)]


def _display(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()
