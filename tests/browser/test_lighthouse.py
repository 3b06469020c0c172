"""Lighthouse on the served site: accessibility, best practices and SEO at 95 or more.

Lighthouse 12.2.3 (pinned in tests/browser/package.json) runs on Node 20 and drives Debian's
Chromium (CHROME_PATH=/usr/bin/chromium, headless, the flags of conftest.CHROMIUM_ARGS) against
the home page and the seed briefing, served as GitHub Pages serves the project site
(``site_url``). Its default settings are kept: a mobile page under simulated throttling.
The JSON and HTML reports and a summary of all four scores go to test-artifacts/
(lighthouse-*.report.{json,html}, lighthouse-scores.json). Performance is recorded, not
checked: on a shared two-core machine it says more about the machine than about the site.
Two runs take about 25 s.

Chromium may resolve no host but 127.0.0.1 (``--host-resolver-rules``), so no request leaves the
machine. Where that or the local address changes what Lighthouse sees, the tests say so:

- Canonical: pages declare https://mkdocs-briefings.github.io/mkdocs-briefings/... while served
  from 127.0.0.1. Lighthouse accepts a canonical URL on another origin (its only origin check,
  "points to the domain's root", is for same-origin canonicals), so the audit runs on the real
  build and passes, with no copy rebuilt for a local site_url. In production the canonical is
  same-origin and not the root (/mkdocs-briefings/), so it passes there as well.
- robots.txt: Lighthouse fetches /robots.txt at the origin's root, outside a project site. On
  GitHub Pages that address belongs to the owner's user site (a 404 without one); the local
  server answers 404 there too, which Lighthouse rates not applicable.
- Console errors: Material's repository link asks api.github.com for the star and fork counts.
  Here that fails (the host does not resolve) and Lighthouse counts the logged errors against
  best practices (-4 points); in production the requests succeed. The scores are kept as
  measured, and a test checks that these are the only console errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import CHROMIUM, CHROMIUM_ARGS, skip_or_fail
from .test_accessibility import seed_briefing_path

pytestmark = pytest.mark.browser

LIGHTHOUSE = Path(__file__).parent / "node_modules" / "lighthouse" / "cli" / "index.js"
NODE_MAJOR = "v20."
CHECKED = ("accessibility", "best-practices", "seo")
BAR = 0.95
PRODUCTION_URL = "https://mkdocs-briefings.github.io/mkdocs-briefings/"
CONSOLE_HOSTS = {"api.github.com"}  # Material's repository facts (stars, forks, release)
# Only 127.0.0.1 resolves: nothing leaves the machine, and the rest fails at once.
CHROME_FLAGS = [
    "--headless=new",
    *CHROMIUM_ARGS,
    "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'",
]
PAGES = ("home", "seed-briefing")


def find_node() -> str:
    """The `node` on PATH, which must be Node 20 (.ci/run installs it where missing)."""
    node = shutil.which("node")
    if node is None:
        skip_or_fail("node is missing: install Node 20 (.ci/run does)")
    version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if not version.startswith(NODE_MAJOR):
        skip_or_fail(f"{node} is Node {version}; Lighthouse runs here on Node 20")
    return node


def run_lighthouse(node: str, url: str, output: Path) -> dict[str, Any]:
    """Run Lighthouse on ``url``; write output.report.{json,html}; return the JSON report."""
    command = [
        node,
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--no-enable-error-reporting",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=240, check=False
    )
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(
        output.with_name(output.name + ".report.json").read_text(encoding="utf-8")
    )
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


@pytest.fixture(scope="module")
def reports(site_url: str, built_site: Path, artifacts_dir: Path) -> dict[str, Any]:
    """Lighthouse's JSON report per page; also writes test-artifacts/lighthouse-scores.json."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    if not LIGHTHOUSE.is_file():
        skip_or_fail(
            f"{LIGHTHOUSE} is missing: run `npm ci --prefix tests/browser` (make test does)"
        )
    node = find_node()
    paths = {"home": "", "seed-briefing": seed_briefing_path(built_site)}
    results = {
        name: run_lighthouse(node, site_url + paths[name], artifacts_dir / f"lighthouse-{name}")
        for name in PAGES
    }
    summary = {
        name: {
            "url": report["finalDisplayedUrl"],
            "lighthouse": report["lighthouseVersion"],
            "scores": {key: round(c["score"] * 100) for key, c in report["categories"].items()},
        }
        for name, report in results.items()
    }
    summary_path = artifacts_dir / "lighthouse-scores.json"
    summary_path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return results


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            explanation = audit.get("explanation") or audit.get("displayValue") or ""
            lines.append(
                f"    {ref['id']} (weight {ref['weight']}): {audit['title']} {explanation}"
            )
    return lines


@pytest.mark.parametrize("name", PAGES)
def test_scores_reach_the_bar(reports: dict[str, Any], name: str) -> None:
    report = reports[name]
    low = {}
    for category in CHECKED:
        score = report["categories"][category]["score"]
        if score < BAR:
            low[category] = f"{score:.2f}\n" + "\n".join(failing_audits(report, category))
    assert not low, f"{report['finalDisplayedUrl']}: " + "\n".join(
        f"{category} {detail}" for category, detail in low.items()
    )


@pytest.mark.parametrize("name", PAGES)
def test_only_console_errors_are_the_repository_widgets(reports: dict[str, Any], name: str) -> None:
    items = reports[name]["audits"]["errors-in-console"]["details"]["items"]
    sources = [str(item.get("sourceLocation", {}).get("url", "")) for item in items]
    other = [
        f"{item['description']} ({source})"
        for item, source in zip(items, sources, strict=True)
        if urlsplit(source).hostname not in CONSOLE_HOSTS
    ]
    assert not other, f"console errors besides Material's repository facts: {other}"


@pytest.mark.parametrize("name", PAGES)
def test_crawl_audits_pass_with_the_production_canonical(
    reports: dict[str, Any], built_site: Path, name: str
) -> None:
    report = reports[name]
    audits = report["audits"]
    assert audits["is-crawlable"]["score"] == 1
    assert audits["canonical"]["score"] == 1, audits["canonical"].get("explanation")
    # The answer at the origin's root is a 404, as on GitHub Pages without a user site.
    assert audits["robots-txt"]["scoreDisplayMode"] == "notApplicable", audits["robots-txt"]

    # The canonical Lighthouse accepted is the production address, not the served one.
    path = urlsplit(report["finalDisplayedUrl"]).path.removeprefix("/mkdocs-briefings/")
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    canonical = BeautifulSoup(html, "html.parser").select_one('link[rel="canonical"]')
    assert canonical is not None
    assert canonical["href"] == PRODUCTION_URL + path
