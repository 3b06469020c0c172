"""pages: the lists of briefings a page shows, linked from that page (made once per folder)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from mkdocs.utils import get_relative_url

from mkdocs_briefings.pages import Build, Teaser, recent_teasers


def _teasers(urls: list[str]) -> list[Teaser]:
    return [
        Teaser(
            title=f"Briefing {i}",
            url=url,
            category="City",
            published="2025-01-01",
            published_display="1 January 2025",
            key_point="A point.",
        )
        for i, url in enumerate(urls)
    ]


def _linked_one_by_one(teasers: list[Teaser], page_url: str) -> list[Teaser]:
    """What MkDocs' `url` filter would give each link from the page, worked out afresh."""
    return [replace(t, href=get_relative_url(t.url, page_url)) for t in teasers]


DIRECTORY_URLS = [f"briefings/b{i}/" for i in range(8)]
FILE_URLS = [f"briefings/b{i}.html" for i in range(8)]


@pytest.mark.parametrize("urls", [DIRECTORY_URLS, FILE_URLS], ids=["directory", "file"])
def test_recent_lists_are_what_each_page_would_link_on_its_own(urls: list[str]) -> None:
    build = Build(latest=_teasers(urls))
    for page_url in urls:
        expected = recent_teasers(build.latest, but=page_url, limit=3)
        assert build.recent(page_url, 3) == _linked_one_by_one(expected, page_url)
        assert page_url not in [t.url for t in build.recent(page_url, 3)]


def test_pages_outside_the_newest_share_one_recent_list() -> None:
    build = Build(latest=_teasers(DIRECTORY_URLS))
    assert build.recent("briefings/b6/", 3) is build.recent("briefings/b7/", 3)
    assert build.recent("briefings/b0/", 3) is not build.recent("briefings/b1/", 3)


@pytest.mark.parametrize(
    "page_url",
    ["briefings/", "briefings/b0/", "briefings/b0.html", "", "index.html", "other/", "a/b/c/"],
)
def test_linked_teasers_match_mkdocs_from_any_page(page_url: str) -> None:
    """Pages at other depths, or listing the page itself or pages below it, get their own
    links, whatever pages were linked before them."""
    build = Build()
    teasers = _teasers([*DIRECTORY_URLS, "briefings/", "briefings/b0/more/", ""])
    for earlier in ["briefings/b5/", "briefings/b5.html", "other/x/", ""]:
        build.linked(teasers, earlier)
    assert build.linked(teasers, page_url) == _linked_one_by_one(teasers, page_url)
