"""Progress for long runs: a line every few seconds, nothing for quick ones (pure)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

PROGRESS_MIN = 1000
"""Sites with at least this many briefings get a summary line at INFO level."""


@dataclass
class Progress:
    """Reports ``done of total`` at most once per ``interval`` seconds, never for quick runs.

    Why time-based: reading 1,000 briefings takes half a second and needs no report; 10,000
    pages take a minute and get about a dozen lines, however many items there are.
    """

    what: str
    say: Callable[[str], None]
    interval: float = 5.0
    clock: Callable[[], float] = time.monotonic
    _next: float = field(default=0.0, init=False)
    _done: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self._next = self.clock() + self.interval

    def __call__(self, done: int, total: int) -> None:
        """``done`` items of ``total`` are done."""
        now = self.clock()
        if now >= self._next and done < total:
            self._next = now + self.interval
            self.say(f"{self.what}: {done:,} of {total:,}")

    def advance(self, total: int) -> None:
        """One more item done, out of ``total``."""
        self._done += 1
        self(self._done, total)
