"""Watching briefings/ with file events: changes wake the server's rebuild loop, reads don't."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from mkdocs_briefings.adapter.watch import watch_with_events

if TYPE_CHECKING:
    from pathlib import Path


class FakeServer:
    """The two attributes of MkDocs' LiveReloadServer that its own watch callback uses."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def wait_for_rebuild(self, timeout: float) -> bool:
        with self._rebuild_cond:
            return self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=timeout)

    def reset(self) -> None:
        with self._rebuild_cond:
            self._want_rebuild = False


def test_a_saved_briefing_asks_for_a_rebuild_and_reading_one_does_not(tmp_path: Path) -> None:
    (tmp_path / "nested").mkdir()
    existing = tmp_path / "nested" / "a.yml"
    existing.write_text("title: A\n", encoding="utf-8")
    server = FakeServer()
    observer = watch_with_events(server, str(tmp_path))
    assert observer is not None
    try:
        existing.read_text(encoding="utf-8")  # the build reads every file: no rebuild for that
        time.sleep(0.3)
        assert not server._want_rebuild

        existing.write_text("title: A, edited\n", encoding="utf-8")
        assert server.wait_for_rebuild(timeout=5)

        server.reset()
        (tmp_path / "new.yml").write_text("title: B\n", encoding="utf-8")
        assert server.wait_for_rebuild(timeout=5)

        server.reset()
        existing.unlink()
        assert server.wait_for_rebuild(timeout=5)
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_a_server_without_the_rebuild_loop_is_left_to_poll(tmp_path: Path) -> None:
    assert watch_with_events(object(), str(tmp_path)) is None
