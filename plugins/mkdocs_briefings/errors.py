"""Problems found in briefing files, reported as ``path:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]} | {
    c: f"\\u{c:04x}" for c in [*range(0x80, 0xA0), 0x2028, 0x2029, 0x202E, 0x2066, 0x2067]
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # Control characters copied from a file are shown escaped: a message must not be able to
        # move a terminal's cursor, recolour a CI log or hide the lines after it.
        message = self.message.translate(_CONTROLS)
        return f"{self.path.translate(_CONTROLS)}:{self.line}:{self.column}: {message}"


class BriefingError(Exception):
    """Every problem of one file, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[BriefingError], tuple[list[Problem]]]:
        """Pickle with the problems (the parallel reader sends errors between processes)."""
        return (BriefingError, (self.problems,))
