"""The list of readers a digest is sent to: one address per line, each checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .message import parse_address

if TYPE_CHECKING:
    from pathlib import Path


class RecipientsError(Exception):
    """A list file that cannot be used: ``lines`` holds one located message per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def parse_recipients(text: str, *, path: str) -> list[str]:
    """The addresses of a list file, in order, each once (compared without case).

    A line holds one address; blank lines and lines starting with ``#`` are left out, and so
    is a comment after `` #`` on an address's line.

    Raises:
        RecipientsError: with ``path:line: message`` for every line that is no address.
    """
    addresses: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        value = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not value or value.startswith("#"):
            continue
        try:
            address = parse_address(value).addr_spec
        except ValueError as exc:
            problems.append(f"{path}:{number}: {exc}")
            continue
        addresses.setdefault(address.lower(), address)
    if problems:
        raise RecipientsError(problems)
    if not addresses:
        raise RecipientsError(
            [f"{path}:1: no address; write one per line, e.g. reader@example.org"]
        )
    return list(addresses.values())


def read_recipients(path: Path) -> list[str]:
    """The addresses of the list file at ``path`` (see ``parse_recipients``).

    Raises:
        RecipientsError: when the file cannot be read or a line is no address.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RecipientsError([f"{path}: cannot read the list: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise RecipientsError([f"{path}: not UTF-8 text; save the list as UTF-8"]) from None
    return parse_recipients(text, path=str(path))
