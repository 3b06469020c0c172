"""axe-core in headless Chromium: no violations at all on every kind of page, in both schemes.

axe-core is injected from the copy pinned in tests/browser/package.json (``npm ci --prefix
tests/browser``), never fetched, and runs every rule it has on the whole page as served: Material's
header, search, navigation and footer as well as the plugin's templates, since a reader meets
them together. The pages are conftest.PAGE_KINDS: one of each kind a reader meets (home,
briefings with and without an image, a digest, a daily page, category, tag, outlet and story
listings, the archive and a month of it, the kinds' indexes, About and the 404 page). Each is
checked in both colour schemes of mkdocs.yml's palette (the browser's ``prefers-color-scheme``
picks one, and the test checks Material applied it), because contrast is checked per scheme.
Every violation, whatever its impact (minor ones too), fails the test and is written to
test-artifacts/axe-<page>-<scheme>.json for a person to read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from .conftest import PAGE_KINDS, local_context, skip_or_fail

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

Scheme = Literal["light", "dark"]

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SEED_PREFIX = "kushner-and-netanyahu"  # the seed briefing's slug starts so


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


@pytest.fixture(scope="module")
def scheme_pages(browser: Browser) -> Iterator[dict[Scheme, tuple[Page, list[str]]]]:
    """A page per colour scheme, reused by the module's tests (one context each), and the
    uncaught JavaScript errors it met since the last test took it."""
    pages: dict[Scheme, tuple[Page, list[str]]] = {}
    contexts = []
    for scheme in ("light", "dark"):
        context = local_context(browser, [], scheme=scheme)
        contexts.append(context)
        page, errors = context.new_page(), []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        pages[scheme] = (page, errors)
    yield pages
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_axe_violations(
    scheme_pages: dict[Scheme, tuple[Page, list[str]]],
    site_url: str,
    artifacts_dir: Path,
    kind: str,
    scheme: Scheme,
) -> None:
    if not AXE_JS.is_file():
        skip_or_fail(f"{AXE_JS} is missing: run `npm ci --prefix tests/browser` (make test does)")
    path = PAGE_KINDS[kind]
    page, errors = scheme_pages[scheme]
    errors.clear()
    page.goto(site_url + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected

    violations = run_axe(page)
    report = {"url": page.url, "scheme": scheme, "violations": violations}
    name = re.sub(r"[^a-z0-9]+", "-", f"axe-{kind}-{scheme}")
    (artifacts_dir / f"{name}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    assert not violations, (
        f"axe-core on {path or 'the home page'} ({scheme}):\n{describe(violations)}"
    )
