"""Progress lines: at most one per interval, none for quick runs."""

from __future__ import annotations

from mkdocs_briefings.progress import Progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_quick_runs_say_nothing() -> None:
    lines: list[str] = []
    clock = FakeClock()
    progress = Progress("files read", lines.append, interval=5, clock=clock)
    for done in range(1, 10_001):
        clock.now += 0.0001  # 10,000 items in one second
        progress(done, 10_000)
    assert lines == []


def test_long_runs_report_once_per_interval_and_not_at_the_end() -> None:
    lines: list[str] = []
    clock = FakeClock()
    progress = Progress("pages rendered", lines.append, interval=5, clock=clock)
    for _ in range(2_400):
        clock.now += 0.0078125  # 1/128 s, exact in binary: 18.75 s in all
        progress.advance(2_400)
    assert lines == [
        "pages rendered: 640 of 2,400",
        "pages rendered: 1,280 of 2,400",
        "pages rendered: 1,920 of 2,400",
    ]
