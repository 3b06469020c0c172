"""Lighthouse on the served site, mobile: performance 95 or more, the rest 100.

Lighthouse 12.2.3 (pinned in tests/browser/package.json) runs on Node 20 and drives Debian's
Chromium (CHROME_PATH=/usr/bin/chromium, headless, the flags of conftest.CHROMIUM_ARGS) against
the home page and the seed briefing, served as GitHub Pages serves the project site
(``site_url``: under its sub-path, text gzip-compressed; tests/pages_server.py). Its default
settings are kept: a mobile page (Moto G Power's screen) under *simulated* throttling (Lantern
models a slow 4G network and a 4x slower CPU from the trace of an unthrottled load), so the
scores do not wait on a real slow network and vary less from run to run than applied
throttling would.

Accessibility, best practices and SEO must be 100 in every run. Performance must reach 95:
a shared two-core machine is noisy, so when a run falls short the page is measured again, up
to three runs, and the best run counts (a page that reaches 95 once can reach it; one that
never does in three runs does not). Every run's four scores go to
test-artifacts/lighthouse-scores.json; the reports of the best run to
lighthouse-<page>.report.{json,html}, the others to lighthouse-<page>-run<n>.report.*.
One run takes about 15 s.

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
- Console errors: none is allowed. The site makes no request to another host (no repo_url, so
  no repository widget asking api.github.com; system fonts), so a console error is the site's.
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

from .conftest import CHROMIUM, CHROMIUM_ARGS, PAGE_KINDS, skip_or_fail

pytestmark = pytest.mark.browser

LIGHTHOUSE = Path(__file__).parent / "node_modules" / "lighthouse" / "cli" / "index.js"
NODE_MAJOR = "v20."
CHECKED = ("accessibility", "best-practices", "seo")  # 100 in every run
PERFORMANCE_BAR = 0.95  # in the best of up to RUNS runs
RUNS = 3
PRODUCTION_URL = "https://mkdocs-briefings.github.io/mkdocs-briefings/"
# Only 127.0.0.1 resolves: nothing leaves the machine, and the rest fails at once.
CHROME_FLAGS = [
    "--headless=new",
    *CHROMIUM_ARGS,
    "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'",
]
PAGES = {"home": PAGE_KINDS["home"], "seed-briefing": PAGE_KINDS["briefing-without-image"]}


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


def scores(report: dict[str, Any]) -> dict[str, float]:
    return {key: category["score"] for key, category in report["categories"].items()}


@pytest.fixture(scope="module")
def runs(site_url: str, artifacts_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Lighthouse's JSON reports per page, one per run, the best for performance first.

    A page is run again (up to RUNS times) only while its performance is below the bar. The
    best run's reports are renamed lighthouse-<page>.report.*; all scores are written to
    test-artifacts/lighthouse-scores.json.
    """
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    if not LIGHTHOUSE.is_file():
        skip_or_fail(
            f"{LIGHTHOUSE} is missing: run `npm ci --prefix tests/browser` (make test does)"
        )
    node = find_node()
    results: dict[str, list[dict[str, Any]]] = {}
    for name, path in PAGES.items():
        reports = []
        for n in range(1, RUNS + 1):
            output = artifacts_dir / f"lighthouse-{name}-run{n}"
            reports.append((output, run_lighthouse(node, site_url + path, output)))
            if scores(reports[-1][1])["performance"] >= PERFORMANCE_BAR:
                break
        best = max(range(len(reports)), key=lambda i: scores(reports[i][1])["performance"])
        for extension in ("json", "html"):
            source = reports[best][0].with_name(f"{reports[best][0].name}.report.{extension}")
            source.replace(artifacts_dir / f"lighthouse-{name}.report.{extension}")
        results[name] = [reports[best][1]] + [r for i, (_, r) in enumerate(reports) if i != best]
    summary = {
        name: {
            "url": reports[0]["finalDisplayedUrl"],
            "lighthouse": reports[0]["lighthouseVersion"],
            "throttling": reports[0]["configSettings"]["throttlingMethod"],
            "form_factor": reports[0]["configSettings"]["formFactor"],
            "best": {k: round(v * 100) for k, v in scores(reports[0]).items()},
            "runs": [
                {k: round(v * 100) for k, v in scores(report).items()}
                for report in sorted(reports, key=lambda r: r["fetchTime"])
            ],
        }
        for name, reports in results.items()
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
def test_mobile_defaults_and_gzip(runs: dict[str, list[dict[str, Any]]], name: str) -> None:
    """Measured as a reader on a phone gets the page: Lighthouse's mobile defaults, gzip."""
    for report in runs[name]:
        settings = report["configSettings"]
        assert settings["formFactor"] == "mobile"
        assert settings["throttlingMethod"] == "simulate"
        assert settings["screenEmulation"]["mobile"] is True
        assert report["audits"]["uses-text-compression"]["score"] == 1


@pytest.mark.parametrize("name", PAGES)
def test_accessibility_best_practices_and_seo_are_100(
    runs: dict[str, list[dict[str, Any]]], name: str
) -> None:
    for report in runs[name]:
        low = {
            category: f"{report['categories'][category]['score']:.2f}\n"
            + "\n".join(failing_audits(report, category))
            for category in CHECKED
            if report["categories"][category]["score"] < 1
        }
        assert not low, f"{report['finalDisplayedUrl']}: " + "\n".join(
            f"{category} {detail}" for category, detail in low.items()
        )


@pytest.mark.parametrize("name", PAGES)
def test_performance_reaches_95(runs: dict[str, list[dict[str, Any]]], name: str) -> None:
    best = runs[name][0]
    score = best["categories"]["performance"]["score"]
    all_scores = [round(r["categories"]["performance"]["score"] * 100) for r in runs[name]]
    assert score >= PERFORMANCE_BAR, (
        f"{best['finalDisplayedUrl']}: performance {all_scores} in {len(all_scores)} runs, "
        f"best {score:.2f}:\n" + "\n".join(failing_audits(best, "performance"))
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors(runs: dict[str, list[dict[str, Any]]], name: str) -> None:
    for report in runs[name]:
        items = report["audits"]["errors-in-console"]["details"]["items"]
        errors = [
            f"{item['description']} ({item.get('sourceLocation', {}).get('url', '')})"
            for item in items
        ]
        assert not errors, f"{report['finalDisplayedUrl']}: console errors: {errors}"


@pytest.mark.parametrize("name", PAGES)
def test_crawl_audits_pass_with_the_production_canonical(
    runs: dict[str, list[dict[str, Any]]], built_site: Path, name: str
) -> None:
    report = runs[name][0]
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
