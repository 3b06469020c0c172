"""The Nu HTML Checker (vnu.jar) on every page of the built site: the plugin's markup is valid.

vnu.jar comes from the vnu-jar package pinned in tests/browser/package.json (installed with
``npm ci --ignore-scripts --prefix tests/browser``: its install script would download a Java
runtime from outside the package registries) and runs on the system's Java. One JVM checks
every page at once (a few seconds). The full report, notes included, is written to
test-artifacts/vnu.json.

Errors and warnings both fail (vnu's "info" messages with subType "warning", such as an
article without a heading); plain notes ("info" without a subType, such as "Trailing slash on
void elements has no effect") are only in the report. Below, "errors" means both.

Telling the plugin's errors from Material's:

- Every page carries Material's own markup (header, drawer, search, navigation, footer), so an
  error may be Material's even on a briefing page. Material's known errors are listed in
  ``STOCK_ERRORS``, each matched narrowly: vnu's exact message *and* the offending tag, which
  vnu highlights in its extract, matched in full against Material's tag (a regular expression
  with the tag's classes and ids). Any other error on any page fails the test.
- An allowlist could hide the plugin's own mistakes, so each entry must also prove it is
  Material's: it has to occur on a hand-written page of the same site (same mkdocs.yml, theme
  and overrides, rendered by Material's main.html, no plugin template, content from
  Python-Markdown). ``reference_site`` builds this site again with one extra hand-written page
  kept out of the navigation (``not_in_nav``), as briefing pages are; the site's own
  hand-written pages are in the navigation. An entry that no hand-written page reproduces fails
  (and so does an entry that no longer occurs anywhere: Material fixed it, drop it).
- The plugin overrides Material's partials/toc.html for every page, so the table of contents
  is this project's markup: its ``label for="__toc"``, which points at nothing on a page
  outside the navigation (Material renders the #__toc toggle only for pages in it), is not
  allowlisted, on the plugin's pages or on the hand-written page outside the navigation.
- ``KNOWN_PLUGIN_ERRORS`` lists the plugin's own errors that are known and not yet fixed, each
  with its cause. They turn the test into an expected failure; once fixed, the entry must go.

Marked ``browser`` with the rest of tests/browser: it needs the suite's tools (Java and the npm
packages), so ``make test-fast`` skips it; without them it skips, and fails under CI=true.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from ..conftest import ROOT, build_site
from .conftest import skip_or_fail

pytestmark = pytest.mark.browser

VNU_JAR = ROOT / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
REFERENCE_PAGE = "reference-outside-nav.md"
REFERENCE_MARKDOWN = """\
# A hand-written page outside the navigation

Written by hand, rendered by Material alone: the control for the plugin's pages.

## First section

A paragraph with [a link](about.md) and *emphasis*.

!!! note

    An admonition, as briefing pages use.

## Second section

- A list item
- Another one
"""


@dataclass(frozen=True)
class StockError:
    """An error in Material's own markup: vnu's exact message and the whole offending tag."""

    message: str
    tag: re.Pattern[str]
    reason: str


STOCK_ERRORS = (
    StockError(
        message=(
            "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
            "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
            "“search”, “tel”, “text”, “time”, “url”, or “week”."
        ),
        tag=re.compile(
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
            r'id="__(drawer|search)" autocomplete="off">'
        ),
        reason=(
            "Material's base.html: the hidden checkboxes that open the drawer and the search "
            "carry autocomplete=off so that browsers which restore form state (Firefox) do not "
            "reopen them on Back; reported as squidfunk/mkdocs-material#1513 and kept. Only an "
            "override of base.html, a copy of Material's whole page skeleton, could drop it."
        ),
    ),
)


@dataclass(frozen=True)
class KnownPluginError:
    """A plugin error that is known and not yet fixed: the page (a glob) and vnu's message."""

    page: str
    message: str
    cause: str


KNOWN_PLUGIN_ERRORS: tuple[KnownPluginError, ...] = ()

# What a digest's email has on purpose, not a mistake: the presentational table attributes
# (width, align, cellpadding, cellspacing, border) that Outlook's Word engine lays out by, since
# it ignores CSS widths and margins; and the unsubscribe link's placeholder, which the sending
# provider replaces with each reader's address; and two mail clients' own CSS properties
# (Outlook's mso-hide hides the preheader, Apple Mail reads supported-color-schemes).
EMAIL_CONVENTIONS = re.compile(
    r"The “(width|align|cellpadding|cellspacing|border)” attribute on the “(table|td)” element "
    r"is obsolete\..*"
    r"|Bad value “\{\{ unsubscribe_url \}\}” for attribute “href” on element “a”: .*"
    r"|CSS: “(?P<prop>mso-hide|supported-color-schemes)”: Property “(?P=prop)” doesn't exist\."
)


def hand_written_pages() -> list[str]:
    """Pages built from docs/*.md, but the home page (it uses the plugin's home template)."""
    sources = sorted((ROOT / "docs").glob("*.md"))
    return [f"{md.stem}/index.html" for md in sources if md.name != "index.md"]


# Every page of the site belongs to one of these groups (glob patterns under the site).
PAGE_GROUPS = {
    "home": ["index.html"],
    "not-found": ["404.html"],
    "briefings": ["briefings/*/index.html"],
    "digests": ["digests/index.html", "digests/*/index.html"],
    "emails": ["digests/*/email.html"],  # each digest's email: an HTML document of its own
    "daily": ["daily/*/index.html"],
    "listings": [f"{kind}/*index.html" for kind in ("archive", "categories", "tags", "sources")]
    + ["stories/*index.html", "people/*index.html"],
    "corrections": ["corrections/index.html"],
    "hand-written": hand_written_pages(),
}


def highlighted(message: dict[str, Any]) -> str:
    """The part of vnu's extract it highlights: the offending tag."""
    extract = str(message.get("extract", ""))
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", len(extract))
    return extract[start : start + length]


def stock_error(message: dict[str, Any]) -> StockError | None:
    for stock in STOCK_ERRORS:
        if message["message"] == stock.message and stock.tag.fullmatch(highlighted(message)):
            return stock
    return None


def describe(page: str, message: dict[str, Any]) -> str:
    where = f"{page}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
    return f"{where}: {message['message']}\n    {' '.join(highlighted(message).split())}"


def run_vnu(pages: list[Path], report: Path) -> list[dict[str, Any]]:
    """Check ``pages`` with one vnu.jar run; save the JSON report; return all its messages."""
    java = shutil.which("java")
    if java is None:
        skip_or_fail("java is missing: install a Java runtime (Debian: default-jre-headless)")
    if not VNU_JAR.is_file():
        skip_or_fail(f"{VNU_JAR} is missing: run `npm ci --prefix tests/browser` (make test does)")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 only says that some page has errors; the JSON says which.
    assert result.returncode in (0, 1), f"vnu.jar failed:\n{result.stderr}"
    report.write_text(result.stdout, encoding="utf-8")
    return list(json.loads(result.stdout)["messages"])


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This site again, plus a hand-written page kept out of the navigation, as briefings are."""
    project = tmp_path_factory.mktemp("reference-site")
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, project / name)
    (project / "docs" / REFERENCE_PAGE).write_text(REFERENCE_MARKDOWN, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # Added to mkdocs.yml's own not_in_nav (the policy pages), not a second key replacing it.
    block = "\nnot_in_nav: |\n"
    if block in config:
        config = config.replace(block, f"{block}  /{REFERENCE_PAGE}\n", 1)
    else:
        config += f"{block}  /{REFERENCE_PAGE}\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build_site(project)


@pytest.fixture(scope="module")
def vnu_errors(
    built_site: Path, reference_site: Path, artifacts_dir: Path
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """vnu's errors per page: {"site": {relative path: [...]}, "reference": {...}}.

    "site" is every page of this repository's build; "reference" the hand-written pages of
    ``reference_site``: the site's own and the one outside the navigation.
    """
    site_pages = sorted(built_site.rglob("*.html"))
    stem = REFERENCE_PAGE.removesuffix(".md")
    names = [*hand_written_pages(), f"{stem}/index.html"]
    reference_pages = [reference_site / name for name in names]
    messages = run_vnu(site_pages + reference_pages, artifacts_dir / "vnu.json")
    roots = {"site": built_site, "reference": reference_site}
    errors: dict[str, dict[str, list[dict[str, Any]]]] = {
        "site": {p.relative_to(built_site).as_posix(): [] for p in site_pages},
        "reference": {p.relative_to(reference_site).as_posix(): [] for p in reference_pages},
    }
    for message in messages:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue  # notes: in the report, not failures
        path = Path(unquote(urlsplit(str(message.get("url", ""))).path))  # "file:/tmp/..."
        for name, root in roots.items():
            if path.is_relative_to(root):
                errors[name][path.relative_to(root).as_posix()].append(message)
                break
        else:  # a "non-document-error" (page unreadable) or one we cannot place
            pytest.fail(f"vnu.jar: {message}")
    return errors


def test_every_page_is_in_a_group(
    vnu_errors: dict[str, dict[str, list[dict[str, Any]]]],
) -> None:
    patterns = [pattern for group in PAGE_GROUPS.values() for pattern in group]
    ungrouped = [p for p in vnu_errors["site"] if not any(fnmatch(p, pat) for pat in patterns)]
    assert not ungrouped, f"pages of no group in PAGE_GROUPS (add them): {ungrouped}"


def test_stock_errors_are_materials(
    vnu_errors: dict[str, dict[str, list[dict[str, Any]]]],
) -> None:
    """Hand-written pages have only the allowlisted errors, and each one of them."""
    reference = vnu_errors["reference"]
    unexpected = [
        describe(page, m) for page, ms in reference.items() for m in ms if not stock_error(m)
    ]
    assert not unexpected, "errors on hand-written pages:\n" + "\n".join(unexpected)
    seen = {stock_error(m) for ms in reference.values() for m in ms}
    missing = [stock.message for stock in STOCK_ERRORS if stock not in seen]
    assert not missing, (
        f"allowlisted as Material's, but no hand-written page shows them: {missing}; "
        "if Material fixed them, remove them from STOCK_ERRORS"
    )


@pytest.mark.parametrize("group", list(PAGE_GROUPS))
def test_no_plugin_markup_errors(
    vnu_errors: dict[str, dict[str, list[dict[str, Any]]]], group: str
) -> None:
    pages = {
        page: messages
        for page, messages in vnu_errors["site"].items()
        if any(fnmatch(page, pattern) for pattern in PAGE_GROUPS[group])
    }
    assert pages, f"no page of group {group!r} in the build"
    known_here = [k for k in KNOWN_PLUGIN_ERRORS if any(fnmatch(p, k.page) for p in pages)]
    problems, known_seen = [], set()
    for page, messages in pages.items():
        for message in messages:
            if stock_error(message):
                continue
            if group == "emails" and EMAIL_CONVENTIONS.fullmatch(message["message"]):
                continue
            known = [
                k for k in known_here if fnmatch(page, k.page) and message["message"] == k.message
            ]
            if known:
                known_seen.update(known)
            else:
                problems.append(describe(page, message))
    assert not problems, f"{len(problems)} markup errors:\n" + "\n".join(problems)
    fixed = [k.page for k in known_here if k not in known_seen]
    assert not fixed, f"fixed, so remove from KNOWN_PLUGIN_ERRORS: {fixed}"
    if known_seen:
        pytest.xfail("; ".join(f"{k.page}: {k.cause}" for k in known_seen))
