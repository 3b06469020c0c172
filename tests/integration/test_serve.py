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
from mkdocs.exceptions import Abort

from mkdocs_briefings.adapter.problems import (
    MAX_SHOWN,
    add_box,
    error_page,
    guess_slug,
    problems_box,
)
from mkdocs_briefings.errors import Problem

from ..conftest import DATA, build_site

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


def test_a_broken_briefing_shows_its_problems_in_the_browser(
    served: tuple[str, Path, Path],
) -> None:
    """As Hugo's server does: the broken briefing's address lists its problems (instead of
    "Page not found"), every other page carries a box of them, and the fix clears both."""
    base, yml, log = served
    yml.write_text(HARBOUR.replace("category: Economy", "category: [Economy"), encoding="utf-8")
    problem = "briefings/harbour-strike.yml:4:10: YAML syntax error"
    wait_for(lambda: problem in log.read_text(), "the problem in the log")
    wait_for(lambda: problem in fetch(base + PAGE)[1], "the problems at the briefing's address")
    page = fetch(base + PAGE)[1]
    assert "<h1>Problems in <code>briefings/harbour-strike.yml</code></h1>" in page
    assert "livereload" in page  # the server reloads it when the file is saved
    other = base + "briefings/ferry-service-resumes-after-nine-days/"
    status, html = fetch(other)
    assert status == 200
    assert 'class="briefings-problems"' in html
    assert problem in html
    assert "1 briefing or digest file has problems" in html
    assert "Traceback" not in log.read_text()
    yml.write_text(HARBOUR, encoding="utf-8")
    wait_for(lambda: "Problems in" not in fetch(base + PAGE)[1], "the fixed briefing to come back")
    assert "nine-day strike" in fetch(base + PAGE)[1]
    wait_for(lambda: "briefings-problems" not in fetch(other)[1], "the box to go")
    assert "briefings-problems" not in fetch(base)[1]


def test_a_half_written_save_is_survived_and_the_fix_is_served(
    served: tuple[str, Path, Path],
) -> None:
    """An editor's save cut off mid-file (truncated YAML): reported, the rest keeps serving."""
    base, yml, log = served
    yml.write_text(HARBOUR[: len(HARBOUR) // 2], encoding="utf-8")
    wait_for(lambda: "briefings/harbour-strike.yml:" in log.read_text(), "the problem in the log")
    wait_for(lambda: "Problems in" in fetch(base + PAGE)[1], "the half-written briefing's problems")
    assert fetch(base + "briefings/ferry-service-resumes-after-nine-days/")[0] == 200
    yml.write_text(HARBOUR.replace("nine-day strike", "ten-day strike"), encoding="utf-8")
    wait_for(lambda: "ten-day strike" in fetch(base + PAGE)[1], "the completed file to be served")
    assert "Traceback" not in log.read_text()


def test_a_busy_port_is_one_line_naming_it(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    other = f"127.0.0.1:{port + 1}"
    assert (
        f"127.0.0.1:{port} is in use (another `mkdocs serve`?); choose another address with "
        f"`make serve ADDR={other}` or `mkdocs serve -a {other}`"
    ) in output


def test_the_problems_box_escapes_and_only_serve_shows_it(project: Path) -> None:
    """Problem messages quote the file's text: the box escapes them. A build never shows it,
    and --strict still fails."""
    box = problems_box([Problem("briefings/<x>.yml", 2, 1, "unknown field '<script>'")])
    assert "briefings/&lt;x&gt;.yml:2:1: unknown field &#x27;&lt;script&gt;&#x27;" in box
    assert "<script>" not in box
    assert problems_box([]) == ""
    (project / "briefings" / "a.yml").write_text(HARBOUR, encoding="utf-8")
    (project / "briefings" / "b.yml").write_text("title: [Broken\n", encoding="utf-8")
    site = build_site(project, strict=False)
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert pages
    assert not any("briefings-problems" in page for page in pages)
    assert not (site / "briefings" / "broken").exists()
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_the_problems_page_escapes_the_path_and_the_messages() -> None:
    path = "briefings/<img src=x onerror=alert(1)>&.yml"
    page = error_page(path, [Problem(path, 3, 7, "unknown field '</code><script>x</script>'")])
    assert "<script>" not in page
    assert "<img" not in page
    assert (
        "<title>Problems in briefings/&lt;img src=x onerror=alert(1)&gt;&amp;.yml</title>" in page
    )
    assert "&lt;/code&gt;&lt;script&gt;x&lt;/script&gt;" in page


def test_more_problems_than_the_box_lists_are_counted() -> None:
    problems = [Problem("briefings/a.yml", n, 1, "x") for n in range(1, MAX_SHOWN + 8)]
    box = problems_box(problems)
    assert box.count("<li") == MAX_SHOWN + 1
    assert "… and 7 more (see the terminal)" in box
    assert add_box("<html><body>x</body></html>", box).endswith(f"x{box}</body></html>")
    assert add_box("<p>no body</p>", box) == "<p>no body</p>"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("title: Harbour strike ends\ncategory: [x\n", "harbour-strike-ends"),
        ('title: "Harbour strike ends\ncategory: x\n', "harbour-strike-ends"),  # left open
        ("title: 'Harbour' # a note\n", "harbour"),
        ("slug: the-strike\ntitle: Harbour strike ends\n", "the-strike"),
        ("slug: Not A Slug\n", None),
        ("category: x\n", None),
    ],
)
def test_a_broken_briefing_s_address_comes_from_its_slug_or_title(
    text: str, slug: str | None
) -> None:
    assert guess_slug(text) == slug
