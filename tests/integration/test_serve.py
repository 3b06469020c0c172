"""`mkdocs serve` as the README runs it: live reload on, briefings/ watched, bad files skipped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import pytest

from ..conftest import DATA

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
PAGE = "briefings/harbour-strike-ends-after-nine-days/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture(params=[["--dirty"], []], ids=["dirty (make serve)", "clean"])
def served(project: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, Path]]:
    """`mkdocs serve --livereload` of the project on 127.0.0.1; yields (base URL, yml, log file).

    Both as `make serve` runs it (--dirty: the plugin re-renders only what an edit affects) and
    as plain `mkdocs serve` (every rebuild renders everything).
    """
    yml = project / "briefings" / "harbour-strike.yml"
    yml.write_text(HARBOUR, encoding="utf-8")
    (project / "briefings" / "other.yml").write_text(
        HARBOUR.replace("Harbour strike ends", "Ferry service resumes"), encoding="utf-8"
    )
    port = free_port()
    log = project / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "mkdocs", "serve", "--livereload"),
                *request.param,
                *("-a", f"127.0.0.1:{port}"),
            ],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(lambda: fetch(base + PAGE)[0] == 200, "the first build")
            yield base, yml, log
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_saving_a_briefing_rebuilds_and_live_reload_is_on(served: tuple[str, Path, Path]) -> None:
    base, yml, log = served
    _status, html = fetch(base + PAGE)
    assert "livereload" in html  # the reload script MkDocs injects when live reload is on
    # briefings/ is watched by the system's file events (see watch.py), not polled by MkDocs
    assert "briefings: watching 'briefings' for changes (file events)" in log.read_text("utf-8")
    yml.write_text(HARBOUR.replace("nine-day strike", "ten-day strike"), encoding="utf-8")
    wait_for(lambda: "ten-day strike" in fetch(base + PAGE)[1], "the edited text to be served")


def test_a_broken_briefing_is_logged_and_the_rest_keeps_serving(
    served: tuple[str, Path, Path],
) -> None:
    base, yml, log = served
    yml.write_text(HARBOUR.replace("category: Economy", "category: [Economy"), encoding="utf-8")
    wait_for(
        lambda: "briefings/harbour-strike.yml:4:10: YAML syntax error" in log.read_text(),
        "the problem in the log",
    )
    wait_for(lambda: fetch(base + PAGE)[0] == 404, "the broken briefing to be left out")
    assert fetch(base + "briefings/ferry-service-resumes-after-nine-days/")[0] == 200
    assert "Traceback" not in log.read_text()
    yml.write_text(HARBOUR, encoding="utf-8")
    wait_for(lambda: fetch(base + PAGE)[0] == 200, "the fixed briefing to come back")


def test_a_half_written_save_is_survived_and_the_fix_is_served(
    served: tuple[str, Path, Path],
) -> None:
    """An editor's save cut off mid-file (truncated YAML): reported, the rest keeps serving."""
    base, yml, log = served
    yml.write_text(HARBOUR[: len(HARBOUR) // 2], encoding="utf-8")
    wait_for(lambda: "briefings/harbour-strike.yml:" in log.read_text(), "the problem in the log")
    wait_for(lambda: fetch(base + PAGE)[0] == 404, "the half-written briefing to be left out")
    assert fetch(base + "briefings/ferry-service-resumes-after-nine-days/")[0] == 200
    yml.write_text(HARBOUR.replace("nine-day strike", "ten-day strike"), encoding="utf-8")
    wait_for(lambda: "ten-day strike" in fetch(base + PAGE)[1], "the completed file to be served")
    assert "Traceback" not in log.read_text()
