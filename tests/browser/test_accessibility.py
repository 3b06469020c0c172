"""axe-core in headless Chromium: no serious or critical violations on the site's kinds of page.

axe-core is injected from the copy pinned in tests/browser/package.json (``npm ci --prefix
tests/browser``), never fetched, and runs every rule it has on the whole page as served: Material's
header, search, navigation and footer as well as the plugin's templates, since a reader meets
them together. Each page is checked in both colour schemes of mkdocs.yml's palette (the browser's
``prefers-color-scheme`` picks one), because contrast is checked per scheme. Every violation,
whatever its impact, is written to test-artifacts/axe-<page>-<scheme>.json for a person to read;
only serious and critical ones fail the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import skip_or_fail

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SEED_PREFIX = "kushner-and-netanyahu"  # the seed briefing's slug starts so
FAILING_IMPACTS = {"serious", "critical"}

# One page of each kind: paths under the site's URL. "seed-briefing" is looked up in the build.
PAGES = {
    "home": "",
    "digest": "digests/2025-11-11/",
    "seed-briefing": None,
    "sources": "sources/",
    "source-listing": "sources/reuters/",
    "categories": "categories/",
    "category-listing": "categories/politics/",
    "archive": "archive/",
    "tags": "tags/",
    "stories": "stories/",
    "not-found": "404.html",
}


def seed_briefing_path(built_site: Path) -> str:
    """The seed briefing's address in the build: its folder under briefings/."""
    found = [p for p in (built_site / "briefings").iterdir() if p.name.startswith(SEED_PREFIX)]
    assert len(found) == 1, f"expected one seed briefing under briefings/, found {found}"
    return f"briefings/{found[0].name}/"


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Inject the pinned axe-core into ``page`` and return its violations (all impacts)."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"    {' '.join(node['target'])}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_axe_violations(
    page: Page, site_url: str, built_site: Path, artifacts_dir: Path, kind: str, scheme: str
) -> None:
    if not AXE_JS.is_file():
        skip_or_fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (make test does)")
    path = PAGES[kind] or seed_briefing_path(built_site)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected

    violations = run_axe(page)
    report = {"url": page.url, "scheme": scheme, "violations": violations}
    name = re.sub(r"[^a-z0-9]+", "-", f"axe-{kind}-{scheme}")
    (artifacts_dir / f"{name}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")

    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"axe-core on {path or 'the home page'} ({scheme}):\n{describe(failing)}"
