"""The people file (briefings/people.yml) and the bylines that name its people (pure).

A byline (`by:` on a briefing or digest) names people by key; an unknown key is a located
problem with a "did you mean", like an unknown credit.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .entries import read_text
from .errors import BriefingError, Problem
from .loader import Loc, compose_data, format_loc, parse_document
from .model import People, Person

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from pathlib import Path

PEOPLE_FILE = "people.yml"
"""The people file's name, inside the briefings folder; it is not a briefing."""


@dataclass(frozen=True)
class Staff:
    """The site's people by key, and where their file is (for hints in problems)."""

    people: Mapping[str, Person] = field(default_factory=dict)
    path: str = f"briefings/{PEOPLE_FILE}"
    """The people file's path as problems show it."""
    broken: bool = False
    """The file has problems: bylines are not checked against it (they would all fail)."""


def _no_checks(data: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    yield from ()


def read_people(text: str, *, path: str) -> dict[str, Person]:
    """Read a people file: each person by key.

    Raises:
        BriefingError: with every problem of the file, each located by line and column.
    """
    people, _ = parse_document(text, path=path, model=People, check=_no_checks)
    return dict(people.root)


def load_people(
    source: Path, *, display: str, exists: Callable[[str], bool]
) -> tuple[Staff, list[Problem]]:
    """Read the people file at ``source`` (none there: no people) and check its avatars.

    Args:
        source: The file.
        display: Its path as problems show it.
        exists: Whether a path inside docs/ exists (local avatars).

    Returns:
        The people (none when the file has problems) and the file's problems.
    """
    if not source.exists():
        return Staff(path=display), []
    try:
        text = read_text(source, display=display)
        people = read_people(text, path=display)
    except BriefingError as exc:
        return Staff(path=display, broken=True), list(exc.problems)
    missing = [
        ((key, "avatar"), f"{person.avatar} is not in docs/; add the file or fix the path")
        for key, person in people.items()
        if person.avatar and person.avatar_is_local and not exists(person.avatar)
    ]
    if missing:
        return Staff(path=display, broken=True), _locate(text, missing, path=display)
    return Staff(people, path=display), []


def unknown_person(key: str, staff: Staff) -> str:
    """What is wrong with a byline naming ``key``, which ``staff`` does not have."""
    close = difflib.get_close_matches(key, list(staff.people), n=1)
    guess = f"did you mean {close[0]!r}? " if close else ""
    return f"no one in {staff.path} has the key {key!r}; {guess}add them to {staff.path}"


def byline_problems(
    refs: Sequence[tuple[Loc, str]], staff: Staff, *, text: str, path: str
) -> list[Problem]:
    """A located problem for each key in ``refs`` (where, key) that ``staff`` lacks.

    Why the text: bylines are checked after every file is read, and positions are only
    worked out for the few files that have problems.
    """
    if staff.broken:
        return []
    missing = [(loc, unknown_person(key, staff)) for loc, key in refs if key not in staff.people]
    return _locate(text, missing, path=path) if missing else []


def byline_refs(by: Sequence[str]) -> list[tuple[Loc, str]]:
    """Each key of a byline with where it is: (('by', 0), 'ana-ruiz')."""
    return [(("by", i), key) for i, key in enumerate(by)]


def _locate(text: str, found: Sequence[tuple[Loc, str]], *, path: str) -> list[Problem]:
    _, where = compose_data(text, path=path)
    return [
        Problem(path, *where.value_at(loc), f"{format_loc(loc)}: {message}")
        for loc, message in found
    ]


def authors(by: Iterable[str], people: Mapping[str, Person]) -> list[tuple[str, Person]]:
    """The people a byline names, in order, as (key, person); unknown keys are left out."""
    return [(key, people[key]) for key in dict.fromkeys(by) if key in people]


def person_json_ld(person: Person, url: str | None) -> dict[str, Any]:
    """A schema.org Person: name, the address of their page, jobTitle and sameAs links."""
    data: dict[str, Any] = {"@type": "Person", "name": person.name}
    if url:
        data["url"] = url
    if person.role:
        data["jobTitle"] = person.role
    if person.links:
        data["sameAs"] = list(person.links)
    return data
