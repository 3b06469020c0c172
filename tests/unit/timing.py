"""A time bound for tests of hostile input: refused quickly, or the test fails."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

BOUND = 1.0
"""Seconds a case may take."""


def timed(call: Callable[[], Any], bound: float = BOUND) -> Any:
    """``call()``, asserting that it returns or raises within ``bound`` seconds.

    A slow call is tried once more: on a busy machine (browser tests beside these) a process
    can wait a second for the CPU, while an input that is slow is slow every time.
    """
    for _ in range(2):
        start = time.perf_counter()
        error: Exception | None = None
        try:
            result = call()
        except Exception as exc:
            error = exc
        elapsed = time.perf_counter() - start
        if elapsed < bound:
            break
    else:
        raise AssertionError(f"took {elapsed:.2f} s, twice")
    if error is not None:
        raise error
    return result
