"""`mkdocs serve --dirty` with the plugin serves nothing stale: the proof.

The builds here run the way `mkdocs serve --dirty` runs them: one plugin object kept across
rebuilds (MkDocs keeps plugins that define on_startup), a fresh config per rebuild, one site
folder that is never cleaned. After each round of edits (a changed key point, a new briefing,
a renamed one, a deleted one, a broken file and its fix, a digest and a hand-written page), the
site folder must be identical to what a clean `mkdocs build` of the same sources writes, in a
separate process: every file, byte for byte, with the search index compared entry by entry.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig

SEED = "briefings/2025-11-11-kushner-netanyahu-gaza-truce-phase-two.yml"
BANK = "briefings/2025-11-06-bank-of-halvmark-holds-rates.yml"
COALITION = "briefings/2025-11-03-veloria-coalition-talks-harbour-levy.yml"
FLOOD = "briefings/2025-11-14-port-anselm-flood-barriers-storm-irela.yml"
DIGEST = "briefings/digests/2025-11-18.yml"
NEW = """\
# Example briefing: every person, place and outlet here is fictional.
title: Nordvik Tram Line Opens Two Weeks Early
note: "Example briefing: every person, place and outlet in it is fictional."
category: Transport
published: 2025-11-23
tags: [Nordvik, Transport]
key_points:
  - The new tram line in Nordvik opened on November 23, two weeks ahead of schedule.
body:
  - paragraph: The first trams ran at dawn with the mayor on board.
    credits: [courier]
sources:
  courier: {name: Nordvik Courier}
"""


class ServeSession:
    """Rebuilds a project the way `mkdocs serve --dirty` does, into one site folder."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.site = project / "served"
        self.logs: list[str] = []
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugins = config.plugins

    def _config(self) -> MkDocsConfig:
        return load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site), strict=False)

    def rebuild(self) -> None:
        build(self._config(), dirty=True)

    def close(self) -> None:
        self.plugins.on_shutdown()
        # MkDocs keeps plugin objects for the whole process, and Material's search keeps the
        # last dirty build's index (it never expects a build after a serve): forget it, or
        # the next test's build would inherit it.
        self.plugins["material/search"].search_index_prev = None  # type: ignore[attr-defined]


def full_build(project: Path, out: Path) -> None:
    """A clean build in its own process: nothing shared with the serve session."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


def snapshot(site: Path) -> dict[str, object]:
    """Every file of a built site, comparable across builds."""
    files: dict[str, object] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if rel.endswith(".gz"):
            files[rel] = gzip.decompress(data)  # the gzip header holds a timestamp
        elif rel == "search/search_index.json":
            index = json.loads(data)
            docs = sorted(json.dumps(d, sort_keys=True) for d in index.pop("docs"))
            files[rel] = (index, docs)  # Material's order follows the order pages were built
        else:
            files[rel] = data
    return files


PROBLEMS_BOX = re.compile(rb'<details open class="briefings-problems".*?</details>', re.DOTALL)


def without_problems(files: dict[str, object]) -> dict[str, object]:
    """A served site without what serve adds while files have problems (adapter/problems.py):
    the box on every page and the pages at broken briefings' addresses."""
    kept: dict[str, object] = {}
    for name, data in files.items():
        if isinstance(data, bytes) and name.endswith(".html"):
            if data.startswith(b"<!doctype html>\n") and b"<h1>Problems in <code>" in data:
                continue
            data = PROBLEMS_BOX.sub(b"", data)
        kept[name] = data
    return kept


def assert_same_site(served: Path, reference: Path, *, problems: bool = False) -> None:
    got, want = snapshot(served), snapshot(reference)
    if problems:
        got = without_problems(got)
    assert sorted(got.keys() - want.keys()) == [], "stale files left in the served site"
    assert sorted(want.keys() - got.keys()) == [], "files missing from the served site"
    differ = [name for name in want if got[name] != want[name]]
    assert differ == [], f"served pages differ from a clean build: {differ[:10]}"


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10_000_000))


@pytest.fixture
def session(repo_copy: Path) -> Iterator[ServeSession]:
    serve = ServeSession(repo_copy)
    serve.rebuild()
    yield serve
    serve.close()


@pytest.mark.slow
def test_rebuilds_after_edits_equal_clean_builds(
    session: ServeSession, repo_copy: Path, tmp_path: Path
) -> None:
    reference = tmp_path / "reference"
    full_build(repo_copy, reference)
    assert_same_site(session.site, reference)
    plugin = session.plugins["briefings"]

    # 1. A key point of an older briefing, a tag, and a new briefing (the newest: every
    #    briefing page's recent list changes).
    edit(repo_copy, BANK, "its third hold in a row", "its third pause in a row")
    edit(repo_copy, COALITION, "tags: [", "tags: [Harbour levy talks, ")
    (repo_copy / "briefings" / "2025-11-23-nordvik-tram.yml").write_text(NEW, encoding="utf-8")
    session.rebuild()
    full_build(repo_copy, reference)
    assert_same_site(session.site, reference)

    # 2. An edit to a paragraph, which no list shows: few pages are rendered again (on this
    #    small site every briefing is among the latest, so a headline or a first key point
    #    shows on every briefing page).
    edit(repo_copy, BANK, "forecast by all 14 economists", "forecast by all fourteen economists")
    session.rebuild()
    rendered, generated = plugin._server.incremental.planned  # type: ignore[attr-defined]
    assert 0 < rendered < generated / 3, (rendered, generated)
    # A rebuild that fails part-way leaves pages unwritten: the next one renders everything.
    with pytest.raises(Exception, match="the build stopped"):
        plugin.on_build_error(error=OSError(28, "No space left on device", "x.html"))
    assert plugin._server.incremental.fingerprints == {}  # type: ignore[attr-defined]
    full_build(repo_copy, reference)
    assert_same_site(session.site, reference)

    # 3. A tag other briefings have (their related lists change), a renamed briefing (new
    #    slug), a deleted one, and a broken file.
    edit(repo_copy, BANK, "tags: [", "tags: [Port Anselm, ")
    edit(repo_copy, COALITION, "title: ", "title: Renamed: ")
    (repo_copy / FLOOD).unlink()
    edit(
        repo_copy,
        DIGEST,
        "  - port-anselms-temporary-flood-barriers-hold-as-storm-irela-brings-record-surge\n",
        "",
    )
    broken = repo_copy / SEED
    good_seed = broken.read_text(encoding="utf-8")
    broken.write_text(good_seed[: len(good_seed) // 2] + "\n  - [unclosed\n", encoding="utf-8")
    session.rebuild()
    full_build(repo_copy, reference)  # not --strict: the broken file is left out, as in serve
    assert_same_site(session.site, reference, problems=True)
    assert "briefings-problems" in (session.site / "index.html").read_text(encoding="utf-8")

    # 4. The fix, a digest's note and a hand-written page.
    broken.write_text(good_seed, encoding="utf-8")
    edit(repo_copy, DIGEST, "Example digest:", "Example digest, revised:")
    edit(repo_copy, "docs/about.md", "# ", "# Revised: ")
    session.rebuild()
    full_build(repo_copy, reference)
    assert_same_site(session.site, reference, problems=True)  # "title: Renamed: ..." is broken

    # 5. That title back as it was: no problem left, so no box on any page, no problems page.
    edit(repo_copy, COALITION, "title: Renamed: ", "title: ")
    session.rebuild()
    full_build(repo_copy, reference)
    assert_same_site(session.site, reference)
