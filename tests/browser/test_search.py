"""Material's client-side search over the built site, driven in headless Chromium.

The site is served under mkdocs.yml's sub-path (/mkdocs-briefings/), as GitHub Pages serves a
project site: these tests also check that search (index, worker and result links) stays there.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

SEED_SLUG = "kushner-and-netanyahu"
SEARCH_INPUT = 'input[data-md-component="search-query"]'
RESULT_ITEM = ".md-search-result__item"


def search(page: Page, site_url: str, query: str) -> Locator:
    """Open the home page, open search with the "/" shortcut, type ``query``; return the results.

    Served at the root, so this also checks that Material finds its index and worker there.
    """
    page.goto(site_url)
    search_input = page.locator(SEARCH_INPUT)
    page.locator("body").press("/")  # Material's keyboard shortcut to focus the search
    page.wait_for_function(f"document.activeElement === document.querySelector('{SEARCH_INPUT}')")
    # Material searches on keyup: fill all but the last character silently, then type the last
    # one, so exactly one search runs, for the whole query, and no results for a partial
    # query can be read by mistake (the list is empty until then).
    search_input.fill(query[:-1])
    search_input.press(query[-1])
    results = page.locator(RESULT_ITEM)
    results.first.wait_for(state="visible")
    return results


def screenshot(page: Page, artifacts_dir: Path, name: str) -> None:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    page.screenshot(path=artifacts_dir / f"search-{slug}.png")


def test_kushner_first_result_is_the_seed_briefing(
    page: Page, site_url: str, artifacts_dir: Path, blocked_requests: list[str]
) -> None:
    results = search(page, site_url, "Kushner")
    screenshot(page, artifacts_dir, "Kushner")

    first_link = results.first.locator("a.md-search-result__link").first
    href = first_link.get_attribute("href") or ""
    assert SEED_SLUG in href, f"first result links to {href!r}, not the seed briefing"
    # Result links must stay under the served sub-path.
    assert href.startswith(site_url), f"{href!r} is not under {site_url!r}"
    title = first_link.locator(".md-search-result__article h1").first.inner_text()
    assert "Kushner" in title

    # The link leads to the briefing itself.
    first_link.click()
    page.wait_for_url(re.compile(SEED_SLUG))
    assert "Kushner" in page.locator("article h1").first.inner_text()

    # Searching and following a result asks no other host for anything (system fonts, no
    # repository widget): every request stayed on 127.0.0.1.
    assert not blocked_requests, f"the site requests outside URLs: {blocked_requests}"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("tunnels", id="key-point-word"),
        pytest.param("iron fist", id="quote-words"),
        pytest.param("Netanyahu", id="speaker"),
        pytest.param("Le Monde", id="outlet"),
    ],
)
def test_search_finds_the_seed_briefing(
    page: Page, site_url: str, artifacts_dir: Path, query: str
) -> None:
    results = search(page, site_url, query)
    screenshot(page, artifacts_dir, query)
    hrefs = [
        link.get_attribute("href") or ""
        for link in results.locator("a.md-search-result__link").all()
    ]
    assert any(SEED_SLUG in href for href in hrefs), f"{query!r} found only {hrefs}"


@pytest.mark.parametrize("boilerplate", ["Share this briefing", "Recent briefings"])
def test_boilerplate_is_not_indexed(built_site: Path, boilerplate: str) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Only briefing pages: the format documentation may well mention these words.
    pages = [doc for doc in index["docs"] if doc["location"].startswith("briefings/")]
    assert pages
    indexed = [doc["location"] for doc in pages if boilerplate in doc["text"] + doc["title"]]
    assert not indexed, f"{boilerplate!r} is in the search index for {indexed}"
