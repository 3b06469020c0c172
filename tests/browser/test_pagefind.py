"""`search: pagefind` in headless Chromium: Material's search box, fed by Pagefind's index.

The site is this repository's, built with `search: pagefind` and served under mkdocs.yml's
sub-path (/mkdocs-briefings/) as GitHub Pages would. The reader types into Material's header
search box and sees Material's result list; behind it, only Pagefind's files are fetched
(never Material's search_index.json or its lunr worker), all under the sub-path.
"""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest

from ..conftest import ROOT, build_site
from ..integration.test_pagefind import use_pagefind
from ..pages_server import serve
from .conftest import SITE_PREFIX

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Locator, Page, Request

pytest.importorskip("pagefind", reason="pip install -e '.[pagefind]'")
pytestmark = pytest.mark.browser

SEED_SLUG = "kushner-and-netanyahu"
SEARCH_INPUT = 'input[data-md-component="search-query"]'
RESULTS = '[data-md-component="search-result"]'


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This repository's site built with `search: pagefind`, served under its sub-path."""
    project = tmp_path_factory.mktemp("browser-pagefind")
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    use_pagefind(project)
    with serve(build_site(project), SITE_PREFIX) as url:
        yield url


def search(page: Page, query: str) -> Locator:
    """Open the search with the "/" shortcut, type ``query``; return its result items.

    As in test_search.py, all but the last character are filled silently (the search runs on
    keyup) and the last one is typed; the list then says which query it shows.
    """
    page.locator("body").press("/")
    page.wait_for_function(f"document.activeElement === document.querySelector('{SEARCH_INPUT}')")
    search_input = page.locator(SEARCH_INPUT)
    search_input.fill(query[:-1])
    search_input.press(query[-1])
    page.wait_for_function(
        f"document.querySelector('{RESULTS}').dataset.briefingsQuery === {query!r}"
    )
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    return results


def test_kushner_finds_the_seed_briefing_first_under_the_sub_path(
    page: Page, pagefind_url: str, artifacts_dir: Path
) -> None:
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.goto(pagefind_url)
    results = search(page, "Kushner")
    page.screenshot(path=artifacts_dir / "pagefind-kushner.png")

    first_link = results.first.locator("a.md-search-result__link")
    href = first_link.get_attribute("href") or ""
    assert SEED_SLUG in href, f"first result links to {href!r}, not the seed briefing"
    assert href.startswith(pagefind_url), f"{href!r} is not under {pagefind_url!r}"
    title = first_link.locator("article.md-search-result__article h1").inner_text()
    assert "Kushner" in title
    assert first_link.locator("article mark").first.inner_text() == "Kushner"
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.fullmatch(r"\d+ matching documents?", meta), meta

    # Only Pagefind's files are fetched for the search, and all under the sub-path.
    search_files = [u for u in requests if "/pagefind/" in u or "search" in u.rsplit("/", 1)[-1]]
    assert any(u.endswith("/pagefind/pagefind.js") for u in search_files), search_files
    assert all(u.startswith(pagefind_url) for u in search_files), search_files
    assert not [u for u in search_files if "search_index" in u or "workers/search" in u]

    # Clicking the result closes the search and opens the briefing (navigation.instant).
    first_link.click()
    page.wait_for_url(re.compile(SEED_SLUG))
    assert "Kushner" in page.locator("article h1").first.inner_text()
    assert not page.locator('[data-md-toggle="search"]').is_checked()

    # After an instant navigation the search box still searches.
    results = search(page, "tunnels")
    hrefs = [a.get_attribute("href") or "" for a in results.locator("a").all()]
    assert any(SEED_SLUG in h for h in hrefs), hrefs


@pytest.mark.parametrize("query", ["iron fist", "Netanyahu", "Le Monde"])
def test_quotes_speakers_and_outlets_are_searchable(
    page: Page, pagefind_url: str, query: str
) -> None:
    page.goto(pagefind_url)
    results = search(page, query)
    hrefs = [a.get_attribute("href") or "" for a in results.locator("a").all()]
    assert any(SEED_SLUG in h for h in hrefs), f"{query!r} found only {hrefs}"


def test_keyboard_works_as_in_material(page: Page, pagefind_url: str) -> None:
    page.goto(pagefind_url + "sources/")
    toggle = page.locator('[data-md-toggle="search"]')
    search(page, "Kushner")
    assert toggle.is_checked()
    page.keyboard.press("Escape")
    assert not toggle.is_checked()

    # ArrowDown moves from the query to the first result; Enter on the query opens it.
    search(page, "Kushner")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('a.md-search-result__link')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(SEED_SLUG))


def test_no_match_says_so(page: Page, pagefind_url: str) -> None:
    page.goto(pagefind_url)
    page.locator("body").press("/")
    page.locator(SEARCH_INPUT).fill("zzyzxquux")
    page.locator(SEARCH_INPUT).press("q")
    page.wait_for_function(f"document.querySelector('{RESULTS}').dataset.briefingsQuery")
    assert page.locator(".md-search-result__meta").inner_text() == "No matching documents"
    assert page.locator(".md-search-result__item").count() == 0


def test_typing_preloads_the_index_chunk_before_the_search_runs(
    page: Page, pagefind_url: str
) -> None:
    """While the reader types (input events, no keyup yet), Pagefind's preload fetches the
    index chunk the words so far need, so the search on keyup finds it loaded."""
    page.goto(pagefind_url)
    page.locator("body").press("/")
    page.wait_for_function(f"document.activeElement === document.querySelector('{SEARCH_INPUT}')")
    with page.expect_request(re.compile(r"/pagefind/index/[^/]+\.pf_index$")) as chunk:
        page.locator(SEARCH_INPUT).fill("Kushne")  # fill: an input event, no keyup
    assert chunk.value.url.startswith(pagefind_url)
    assert page.locator(".md-search-result__item").count() == 0  # nothing searched yet
