#!/usr/bin/env python3
"""Edit-to-preview benchmark: save one briefing, time until the browser shows the change.

For N synthetic briefings (bench/run.py's generator), this runs the README's serve command
(`mkdocs serve --livereload --dirty`, side "dirty") and, as the baseline in the same
invocation, plain `mkdocs serve --livereload` (side "clean", which rebuilds everything). For
each side it opens an older briefing in headless Chromium (Debian's /usr/bin/chromium, network
limited to 127.0.0.1), changes a sentence of that briefing's YAML, and measures the time from
saving to the open page showing the new sentence (live reload). It then checks that what the
edit affects is up to date too: the briefing's daily or digest page (it shows key points) and
the search index.

    .venv/bin/python bench/preview.py --n 1000
    .venv/bin/python bench/preview.py --n 10000 --sides dirty   # the clean side takes minutes
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

import run  # bench/run.py: the synthetic briefings

CHROMIUM = "/usr/bin/chromium"
TARGETS = {1000: 1.0, 10000: 2.5}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
            return response.status, response.read().decode("utf-8", "replace")
    except OSError as exc:
        return getattr(exc, "code", 0), ""


def write_project(root: Path, n: int, seed: int) -> Path:
    """Side (a) of bench/run.py: N briefings and their digests, read by the plugin."""
    project = root / f"preview-{n}"
    if (project / "mkdocs.yml").exists():
        return project
    briefings = run.generate(n, seed)
    digests = run.generate_digests(briefings)
    (project / "briefings" / "digests").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(run.INDEX_MD, encoding="utf-8")
    for name, text, _ in briefings:
        (project / "briefings" / name).write_text(text, encoding="utf-8")
    for name, text, _ in digests:
        (project / "briefings" / "digests" / name).write_text(text, encoding="utf-8")
    config = run._mkdocs_yml({"plugins": ["search", "briefings"]}, run.INDEX_NAV)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def pick_briefing(project: Path) -> tuple[Path, str, str]:
    """An older briefing (not among the latest), its page URL path and its publication day."""
    from mkdocs_briefings.entries import read_entry_file

    files = sorted((project / "briefings").glob("*.yml"))
    path = files[len(files) // 3]
    entry = read_entry_file(path, display=path.name)
    return path, f"briefings/{entry.slug}/", entry.briefing.published.isoformat()


def measure(project: Path, extra: list[str], edits: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project / f"serve{'-'.join(extra)}.log"
    path, page_path, day = pick_briefing(project)
    original = path.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *extra]
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    result: dict[str, Any] = {"command": " ".join(command[2:]), "times": []}
    try:
        while fetch(base + page_path)[0] != 200:
            if server.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped: see {log}")
            time.sleep(0.5)
        result["first_build_s"] = round(time.perf_counter() - started, 1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.route("**/*", _local_only)
            page.goto(base + page_path)
            for i in range(edits):
                marker = f"Edited key point number {i + 1} for the preview benchmark."
                saved = time.perf_counter()
                path.write_text(with_key_point(original, marker), encoding="utf-8")
                page.wait_for_function(
                    "m => document.body && document.body.innerText.includes(m)",
                    arg=marker,
                    timeout=600_000,
                    polling=50,
                )
                result["times"].append(round(time.perf_counter() - saved, 2))
                result["up_to_date"] = affected_up_to_date(base, day, marker)
                time.sleep(1.0)  # let the server settle before the next save
            browser.close()
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    result["median_s"] = sorted(result["times"])[len(result["times"]) // 2]
    return result


def with_key_point(text: str, point: str) -> str:
    """The briefing YAML ``text`` with ``point`` as its first key point."""
    data = yaml.safe_load(text)
    data["key_points"][0] = point
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def _local_only(route: Any) -> None:
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


def affected_up_to_date(base: str, day: str, marker: str) -> dict[str, bool]:
    """Whether the pages and files the edit affects show it too, right after the page did."""
    digest = fetch(f"{base}digests/{day}/")
    day_page = digest if digest[0] == 200 else fetch(f"{base}daily/{day}/")
    # Feeds are rewritten on every rebuild (and hold only the latest briefings, not this one).
    return {
        "search index": marker in fetch(base + "search/search_index.json")[1],
        "digest or daily page of its day": marker in day_page[1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3, help="saves timed per side")
    parser.add_argument("--sides", default="dirty,clean", help="dirty, clean or both")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    project = write_project(args.workdir, args.n, args.seed)
    sides = {"dirty": ["--dirty"], "clean": []}
    results = {}
    for side in args.sides.split(","):
        print(f"{side}: mkdocs serve --livereload {' '.join(sides[side])} ({args.n} briefings)")
        results[side] = measure(project, sides[side], args.edits)
        print(f"  {json.dumps(results[side])}")
    target = TARGETS.get(args.n)
    if "dirty" in results:
        median = results["dirty"]["median_s"]
        verdict = "" if target is None else f" (target <= {target} s: {median <= target})"
        print(f"edit-to-preview, make serve: {median} s median{verdict}")
    if {"dirty", "clean"} <= results.keys():
        ratio = results["dirty"]["median_s"] / results["clean"]["median_s"]
        print(f"ratio dirty/clean (plain mkdocs serve) = {ratio:.3f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"n": args.n, **results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
