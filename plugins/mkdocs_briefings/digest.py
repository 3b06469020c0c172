"""Digest files: YAML text -> Digest, and checks of their references to briefings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import BriefingError, Problem
from .loader import Loc, Position, compose_data, format_loc, parse_document
from .model import Digest

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping


def check_digest(data: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    """A digest lists its briefings either directly or in sections, not both and not neither."""
    has_sections, has_briefings = bool(data.get("sections")), bool(data.get("briefings"))
    if has_sections and has_briefings:
        yield ("briefings",), "use either 'briefings:' or 'sections:', not both"
    elif not has_sections and not has_briefings:
        yield (), "list the digest's briefings under 'briefings:' (or in 'sections:')"


def read_digest(text: str, *, path: str) -> tuple[Digest, dict[str, Position]]:
    """Read one digest file.

    Raises:
        BriefingError: with every problem of the file, located.
    """
    return parse_document(text, path=path, model=Digest, check=check_digest)


def check_references(text: str, digest: Digest, *, path: str, known: Collection[str]) -> None:
    """Raise a located problem for each reference to a briefing that does not exist.

    Why the text: references are checked after every briefing is read, and positions are
    only worked out for files that have problems.

    Raises:
        BriefingError: naming each unknown slug where it is written.
    """
    missing: list[tuple[Loc, str]] = [(loc, s) for loc, s in digest.references() if s not in known]
    if not missing:
        return
    _, where = compose_data(text, path=path)
    raise BriefingError(
        Problem(
            path,
            *where.value_at(loc),
            f"{format_loc(loc)}: no briefing has the address '{slug}'; check the slug "
            "(the last part of the briefing page's address)",
        )
        for loc, slug in missing
    )
