#!/usr/bin/env python3
"""Search benchmark: Material's lunr search against ``search: pagefind``, in headless Chromium.

Targets (issue 6): at 10,000 briefings the first search result shows <= 300 ms after typing,
and a reader downloads <= 2 MB before it.

N synthetic briefings (``run.py``'s generator: same seed, same files) are built twice with the
briefings plugin, once per search mode:

* ``material``: ``plugins: [search, briefings]``, Material's lunr index (search_index.json,
  fetched whole when a page loads, then indexed by Material's search worker);
* ``pagefind``: ``briefings: {search: pagefind}``, Pagefind's chunked index, fetched per query.

Both use this repository's theme features (``navigation.instant``, ``search.suggest``,
``search.highlight``) and a ``site_url`` with a path, and are served under it on 127.0.0.1 the
way GitHub Pages serves a project site: HTML, CSS, JS, JSON and XML gzip-compressed, and
``Cache-Control: max-age=600``. Every other host is blocked.

For each query, in a fresh browser context (empty cache): load the home page and let it settle
(no request for 500 ms: lunr's index is then downloaded, if not yet indexed), press "/", fill
all but the last character (Material searches on keyup, so nothing runs yet), type the last
one, and time from that keydown to the second frame after the first result appears ("cold");
then type the next query in the same page ("warm"). Bytes are those of every response that
finished before the first result, from the page's own HTML on: "gzip" as they crossed the wire
(Pagefind's index files are gzip already and are sent as they are), "raw" the same files
uncompressed. A response served from the browser's cache counts 0.

    .venv/bin/python bench/search.py --n 1000             # a few minutes
    .venv/bin/python bench/search.py                      # N = 10,000: a build takes minutes
    .venv/bin/python bench/search.py --n 1000 --json bench/out/search-n1000.json
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from functools import cache
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from run import _check_workdir, build, generate, generate_digests  # noqa: E402

from tests.pages_server import LOCAL_HOST, PagesHandler  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Page, Request

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 # Every host but 127.0.0.1 fails to resolve: no request leaves the machine.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]  # fmt: skip
PREFIX = "/search-bench/"
SITE_URL = f"https://bench.example{PREFIX}"
MODES = ("material", "pagefind")
# From the generator's vocabulary, rare to near-universal: at N = 10,000 the full names are in
# about 1.5% of the briefings, the outlets in 17%, a surname in 29%, a country and a plain
# word in 88% (a 300-word vocabulary: real news words are rarer). Search cost grows with them.
QUERIES = ["Amara Okonkwo", "Hana Petrescu", "Zora Thorne", "Riverbend Gazette",
           "Coastal Tribune", "Okonkwo", "Marovia", "landslides"]  # fmt: skip
TARGET_MS = 300.0
TARGET_BYTES = 2_000_000
TIMEOUT_MS = 600_000  # lunr at 10,000 briefings may take a while
# Types a static host compresses (GitHub Pages gzips these); others count as they are.
COMPRESSED_TYPES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".mjs"}

SEARCH_INPUT = 'input[data-md-component="search-query"]'
# Times, in the page's clock: the armed keydown, and the frame after the first result item
# added after it (Material clears the list for a new query, Pagefind's script replaces it).
INSTRUMENT = """() => {
  const bench = (window.__bench = {armed: false, key: null, first: null, painted: null});
  window.addEventListener("keydown", (e) => {
    if (bench.armed && bench.key === null) bench.key = e.timeStamp;
  }, true);
  new MutationObserver((records) => {
    if (bench.key === null || bench.first !== null) return;
    for (const r of records) for (const n of r.addedNodes) {
      if (n instanceof Element && n.matches(".md-search-result__item")) {
        bench.first = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          bench.painted = performance.now();
        }));
        return;
      }
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""
ARM = "() => Object.assign(window.__bench, {armed: true, key: null, first: null, painted: null})"


# --------------------------------------------------------------------------------------------
# Projects and builds
# --------------------------------------------------------------------------------------------


def write_projects(root: Path, n: int, seed: int) -> dict[str, Path]:
    """Write one project per search mode under root, with the same briefings; their configs."""
    print(f"generating {n:,} briefings (seed {seed})...", flush=True)
    briefings = generate(n, seed)
    digests = generate_digests(briefings)
    configs = {}
    for mode in MODES:
        project = root / mode
        if project.exists():
            shutil.rmtree(project)
        (project / "briefings" / "digests").mkdir(parents=True)
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text("# Search benchmark\n", encoding="utf-8")
        for name, text, _ in briefings:
            (project / "briefings" / name).write_text(text, encoding="utf-8")
        for name, text, _ in digests:
            (project / "briefings" / "digests" / name).write_text(text, encoding="utf-8")
        briefings_plugin: Any = (
            "briefings" if mode == "material" else {"briefings": {"search": mode}}
        )
        config = {
            "site_name": "Search benchmark",
            "site_url": SITE_URL,
            "theme": {
                "name": "material",
                "font": False,
                "language": "en",
                "features": ["navigation.instant", "search.suggest", "search.highlight"],
            },
            "plugins": ["search", briefings_plugin],
            "nav": [{"Home": "index.md"}],
            "not_in_nav": "/*/\n",
        }
        path = project / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        configs[mode] = path
    return configs


@cache
def gzip_size(path: Path) -> int:
    """Bytes of ``path`` as a static host serves it: gzip-compressed if its type is text."""
    data = path.read_bytes()
    if path.suffix not in COMPRESSED_TYPES:
        return len(data)
    return min(len(data), len(gzip.compress(data, compresslevel=6)))


def index_size(site: Path, mode: str) -> dict[str, int]:
    """The search index on disk: raw bytes, gzip bytes and file count."""
    if mode == "material":
        files = [site / "search" / "search_index.json"]
    else:
        files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    chunks = [p for p in files if p.suffix in {".pf_index", ".pf_fragment", ".pf_filter"}]
    return {
        "raw": sum(p.stat().st_size for p in files),
        "gzip": sum(gzip_size(p) for p in files),
        "files": len(files),
        "largest_chunk": max((p.stat().st_size for p in chunks), default=0),
    }


# --------------------------------------------------------------------------------------------
# A static host like GitHub Pages
# --------------------------------------------------------------------------------------------


class GzipPagesHandler(PagesHandler):
    """tests/pages_server.py's handler, plus what GitHub Pages adds: gzip and caching.

    Text types are sent gzip-compressed to a browser that accepts it, and every response may
    be cached for ten minutes (``Cache-Control: max-age=600``, as GitHub Pages sends), so a file
    the page asks for twice (Material fetches sitemap.xml several times) is downloaded once.
    """

    compressed: dict[str, bytes]  # path -> gzip bytes, shared by the server's handlers

    def __init__(self, *args: Any, compressed: dict[str, bytes], **kwargs: Any) -> None:
        self.compressed = compressed
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and Path(path).suffix in COMPRESSED_TYPES and os.path.isfile(path)):
            super().do_GET()
            return
        body = self.compressed.get(path) or gzip_file(Path(path))
        self.compressed[path] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection mid-response (a context closed) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def gzip_file(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


@contextlib.contextmanager
def serve(site: Path, prefix: str) -> Iterator[str]:
    """Serve ``site`` under ``prefix`` on 127.0.0.1, gzip and caching on; yields its URL.

    The search index, the sitemap and the assets are compressed before the first request,
    so no measured request waits for the server to compress a large file.
    """
    compressed = {}
    for pattern in ("search/*.json", "sitemap.xml", "index.html", "assets/**/*", "pagefind/*"):
        for path in site.glob(pattern):
            if path.is_file() and path.suffix in COMPRESSED_TYPES:
                compressed[str(path)] = gzip_file(path)
    handler = functools.partial(
        GzipPagesHandler, directory=str(site), prefix=prefix, compressed=compressed
    )
    server = QuietServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------


def new_context(browser: Browser) -> BrowserContext:
    """A fresh context: empty cache. (No request routing: Playwright's routing turns off
    the HTTP cache, and the browser's own ``--host-resolver-rules`` keep it on 127.0.0.1.)"""
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")


def type_query(page: Page, query: str) -> float:
    """Type ``query`` into the open search box; ms from the last keydown to the first result."""
    box = page.locator(SEARCH_INPUT)
    box.fill(query[:-1])
    page.evaluate(ARM)
    box.press(query[-1])
    page.wait_for_function("window.__bench.painted !== null", timeout=TIMEOUT_MS, polling=10)
    bench = page.evaluate("window.__bench")
    return float(bench["painted"] - bench["key"])


def local_file(site: Path, base: str, url: str) -> Path | None:
    """The file of ``site`` that ``url`` (under ``base``) serves, if any."""
    if not url.startswith(base):
        return None
    path = urlsplit(url).path[len(urlsplit(base).path) :]
    file = site / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    return file if file.is_file() else None


def measure_query(
    browser: Browser, base: str, site: Path, query: str, warm_query: str
) -> dict[str, Any]:
    """One cold search (fresh context) and one warm search after it, with the bytes fetched."""
    context = new_context(browser)
    finished: list[Request] = []
    try:
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        # The reader searches once the page has settled: Material's navigation.instant
        # fetches and parses sitemap.xml after the load event, on the main thread.
        page.goto(base, wait_until="networkidle")
        page.evaluate(INSTRUMENT)
        page.locator("body").press("/")
        page.wait_for_function(
            f"document.activeElement === document.querySelector('{SEARCH_INPUT}')"
        )
        cold_ms = type_query(page, query)
        first_at = page.evaluate("performance.timeOrigin + window.__bench.painted")
        before = [
            r for r in finished if r.timing["startTime"] + r.timing["responseEnd"] <= first_at
        ]
        responses = []
        for request in before:
            wire = request.sizes()["responseBodySize"]  # as transferred
            file = local_file(site, base, request.url)
            if wire < 0:  # from the browser's cache
                raw = wire = 0
            elif file is None:
                raw = wire
            else:
                raw = file.stat().st_size
                if wire == 0 and raw:  # a worker's script: Chromium reports no size
                    wire = gzip_size(file)
            responses.append({"url": request.url.removeprefix(base), "raw": raw, "gzip": wire})
        found = page.locator(".md-search-result__meta").inner_text()
        warm_ms = type_query(page, warm_query)
    finally:
        context.close()
    return {"query": query, "cold_ms": cold_ms, "warm_ms": warm_ms, "found": found,
            "responses": responses}  # fmt: skip


def is_search_file(url: str) -> bool:
    return url.startswith(("search/", "pagefind/", "assets/javascripts/workers/")) or (
        "briefings-pagefind" in url
    )


def measure(mode: str, site: Path, queries: list[str]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    runs = []
    with serve(site, PREFIX) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for i, query in enumerate(queries):
                warm = queries[(i + 1) % len(queries)]
                run = measure_query(browser, base, site, query, warm)
                total = sum(r["raw"] for r in run["responses"])
                print(
                    f"  {mode:8} {query!r:22} cold {run['cold_ms']:8.0f} ms"
                    f"  warm {run['warm_ms']:7.0f} ms  {total / 1e6:7.2f} MB before the result"
                    f"  ({run['found']})",
                    flush=True,
                )
                runs.append(run)
        finally:
            browser.close()

    def bytes_of(run: dict[str, Any], key: str, search_only: bool) -> int:
        return sum(r[key] for r in run["responses"] if not search_only or is_search_file(r["url"]))

    return {
        "cold_ms": statistics.median(r["cold_ms"] for r in runs),
        "warm_ms": statistics.median(r["warm_ms"] for r in runs),
        "cold_ms_max": max(r["cold_ms"] for r in runs),
        "bytes_raw": statistics.median(bytes_of(r, "raw", False) for r in runs),
        "bytes_gzip": statistics.median(bytes_of(r, "gzip", False) for r in runs),
        "search_bytes_raw": statistics.median(bytes_of(r, "raw", True) for r in runs),
        "search_bytes_gzip": statistics.median(bytes_of(r, "gzip", True) for r in runs),
        "runs": runs,
    }


# --------------------------------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.3g}x" if b else "-"


def print_table(n: int, results: dict[str, dict[str, Any]]) -> bool:
    """The figures side by side, lunr/Pagefind ratios, and the verdict on the targets."""
    m, p = results["material"], results["pagefind"]
    rows = [
        ("build time (mkdocs build --strict)", "build_s", lambda v: f"{v:.1f} s"),
        ("search index on disk, raw", "index_raw", _mb),
        ("search index on disk, gzip", "index_gzip", _mb),
        ("search index files", "index_files", lambda v: f"{v:,}"),
        ("first result after typing, cold (median)", "cold_ms", lambda v: f"{v:.0f} ms"),
        ("first result after typing, cold (worst)", "cold_ms_max", lambda v: f"{v:.0f} ms"),
        ("next query's first result, warm (median)", "warm_ms", lambda v: f"{v:.0f} ms"),
        ("downloaded before first result, raw", "bytes_raw", _mb),
        ("downloaded before first result, gzip", "bytes_gzip", _mb),
        ("  of which search files, raw", "search_bytes_raw", _mb),
        ("  of which search files, gzip", "search_bytes_gzip", _mb),
    ]
    print(f"\nN = {n:,} briefings; {len(m['runs'])} queries per mode, each in a fresh context")
    print(f"{'':44} {'material (lunr)':>16} {'pagefind':>14} {'lunr/pagefind':>14}")
    for label, key, fmt in rows:
        print(f"{label:44} {fmt(m[key]):>16} {fmt(p[key]):>14} {_ratio(m[key], p[key]):>14}")
    ok_time = p["cold_ms"] <= TARGET_MS
    ok_bytes = p["bytes_gzip"] <= TARGET_BYTES
    print(
        f"pagefind: first result {p['cold_ms']:.0f} ms (target <= {TARGET_MS:.0f}):"
        f" {'PASS' if ok_time else 'FAIL'}; {_mb(p['bytes_gzip'])} gzip,"
        f" {_mb(p['bytes_raw'])} as served, before it (target <= {_mb(TARGET_BYTES)}):"
        f" {'PASS' if ok_bytes else 'FAIL'}"
    )
    for mode, r in results.items():
        mbit = r["bytes_gzip"] * 8 / 10e6
        print(f"({mode}: the gzip bytes alone take {mbit:.1f} s to download at 10 Mbit/s)")
    return ok_time and ok_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="briefings (default 10,000)")
    parser.add_argument("--seed", type=int, default=20251111, help="random seed (as run.py)")
    parser.add_argument("--queries", type=int, default=len(QUERIES), help="queries per mode")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp workdir")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the sites already built in --workdir"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the results as JSON")
    args = parser.parse_args(argv)
    if args.reuse and not args.workdir:
        parser.error("--reuse needs --workdir")

    temp = args.workdir is None
    root = Path(tempfile.mkdtemp(prefix="briefings-search-")) if temp else args.workdir
    root = _check_workdir(root)
    try:
        configs = {mode: root / mode / "mkdocs.yml" for mode in MODES}
        builds: dict[str, dict[str, Any]] = {}
        if not args.reuse:
            configs = write_projects(root, args.n, args.seed)
            for mode, config in configs.items():
                print(f"building {mode}...", flush=True)
                builds[mode] = build(config)
                print(f"  {builds[mode]['wall_s']:.1f} s", flush=True)
            (root / "builds.json").write_text(json.dumps(builds), encoding="utf-8")
        elif (root / "builds.json").exists():  # the figures of the builds being reused
            builds = json.loads((root / "builds.json").read_text(encoding="utf-8"))
        results: dict[str, dict[str, Any]] = {}
        queries = (QUERIES * (args.queries // len(QUERIES) + 1))[: args.queries]
        for mode, config in configs.items():
            site = config.parent / "site"
            size = index_size(site, mode)
            print(f"measuring {mode}...", flush=True)
            started = time.perf_counter()
            results[mode] = {
                "build_s": builds.get(mode, {}).get("wall_s", float("nan")),
                "index_raw": size["raw"],
                "index_gzip": size["gzip"],
                "index_files": size["files"],
                "largest_chunk": size["largest_chunk"],
                **measure(mode, site, queries),
            }
            print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
        passed = print_table(args.n, results)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            out = {"n": args.n, "seed": args.seed, "queries": queries, "results": results,
                   "targets": {"ms": TARGET_MS, "bytes": TARGET_BYTES}, "pass": passed}  # fmt: skip
            args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
            print(f"results written to {args.json}")
        return 0
    finally:
        if temp and not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        elif temp:
            print(f"kept {root}")


if __name__ == "__main__":
    sys.exit(main())
