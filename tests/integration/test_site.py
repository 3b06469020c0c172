"""The site around the briefings, built for real: digests, daily pages, archive, indexes,
stories, the updates log, feeds, search and social metadata, the 404 page and search.

Most tests read one shared build of a small fictional newsroom (tests/data/newsroom/): six
briefings over two months, a three-part story and one digest. Each test asserts what a reader,
a feed reader or a search engine gets from the HTML, XML and JSON.
"""

from __future__ import annotations

import json
import logging
import shutil
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from ..conftest import DATA, MINIMAL_MKDOCS_YML, ROOT, build_site

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from bs4 import Tag

NEWSROOM = DATA / "newsroom"
HARBOUR = DATA / "briefings" / "harbour-strike.yml"
SITE_URL = "https://news.example.org/"

# Site-relative URLs of the newsroom's pages.
FERRY = "briefings/nordvik-ferry-fares-rise-by-a-tenth/"
VOTE = "briefings/port-anselm-dockers-vote-to-strike/"
STRIKE = "briefings/harbour-strike-ends-after-nine-days/"
BACKLOG = "briefings/port-anselm-clears-container-backlog/"
TRAM = "briefings/nordvik-council-approves-tram-line/"
CRANES = "briefings/crane-inspections-ordered-at-port-anselm/"
NEWEST_FIRST = [CRANES, TRAM, BACKLOG, STRIKE, VOTE, FERRY]  # same day: by title
DIGEST = "digests/2025-11-04/"
INDEXES = ["archive/", "categories/", "digests/", "sources/", "stories/", "tags/"]

TITLES = {
    FERRY: "Nordvik ferry fares rise by a tenth",
    VOTE: "Port Anselm dockers vote to strike",
    STRIKE: "Harbour strike ends after nine days",
    BACKLOG: "Port Anselm clears container backlog",
    TRAM: "Nordvik council approves tram line",
    CRANES: "Crane inspections ordered at Port Anselm",
}
STRIKE_POINTS = [
    "Dock workers in Port Anselm return to work on Monday.",
    "The union won a shorter night shift.",
    "Shipping firms expect backlogs to clear within a week.",
]
FEED_TYPES = {
    "briefings.rss.xml": "application/rss+xml",
    "briefings.atom.xml": "application/atom+xml",
    "briefings.json": "application/feed+json",
    "digests.rss.xml": "application/rss+xml",
    "digests.atom.xml": "application/atom+xml",
    "digests.json": "application/feed+json",
}


def make_newsroom(root: Path, *, page_size: int | None = None) -> Path:
    """The newsroom project in ``root``: its briefings and digest, a home page using
    briefings-home.html, this repository's 404 page, and no `nav:` in mkdocs.yml."""
    shutil.copytree(NEWSROOM / "briefings", root / "briefings")
    strike = HARBOUR.read_text(encoding="utf-8").replace("tags:", "story: harbour-dispute\ntags:")
    (root / "briefings" / "2025-11-03-harbour-strike.yml").write_text(strike, encoding="utf-8")
    overrides = root / "docs" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "overrides" / "404.html", overrides / "404.html")
    (root / "docs" / "index.md").write_text(
        "---\ntemplate: briefings-home.html\n---\n\n# Harbour news\n", encoding="utf-8"
    )
    config = MINIMAL_MKDOCS_YML.replace(
        "  name: material\n", "  name: material\n  custom_dir: docs/overrides\n"
    )
    if page_size is not None:
        config = config.replace(
            "  - briefings\n", f"  - briefings:\n      page_size: {page_size}\n"
        )
    config += "exclude_docs: |\n  overrides/\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The newsroom, built once for this module (strict: the build has no warnings)."""
    return build_site(make_newsroom(tmp_path_factory.mktemp("newsroom")))


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The newsroom with two briefings per listing page."""
    return build_site(make_newsroom(tmp_path_factory.mktemp("paged"), page_size=2))


def soup(path: Path, parser: str = "html.parser") -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), parser)


def output(site: Path, url: str) -> Path:
    """The file that serves the site-relative ``url``."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def read_page(site: Path, url: str) -> BeautifulSoup:
    return soup(output(site, url))


def resolve(page_url: str, href: str) -> str:
    """The site-relative URL that ``href``, written in the page at ``page_url``, points to."""
    return urljoin(SITE_URL + page_url, href).removeprefix(SITE_URL)


def links(page_url: str, anchors: Iterable[Tag]) -> list[tuple[str, str]]:
    """(text, site-relative target) of each link."""
    return [(a.get_text(" ", strip=True), resolve(page_url, a["href"])) for a in anchors]


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def card_links(page_url: str, scope: Tag) -> list[str]:
    """The site-relative target of each story card's headline in ``scope``, in order."""
    return [u for _, u in links(page_url, scope.select(".briefing-card__title > a"))]


def card_meta(card: Tag) -> str:
    """A card's meta line: 'Monday, November 3, 2025 · 2 sources'."""
    return text_of(card.select_one(".briefing-card__meta"))


def kinds(article: Tag) -> list[tuple[str, str]]:
    """(name, count) of each entry of a kind index (categories, tags, sources, archive...)."""
    return [
        (li.a.get_text(), li.select_one("span.briefing-count").get_text())
        for li in article.select("ul.briefing-kinds > li")
    ]


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# -- digests ------------------------------------------------------------------------------------


def test_digest_page_shows_the_note_sections_and_each_briefing(site: Path) -> None:
    article = read_page(site, DIGEST).select_one("article")
    assert article.h1.get_text(strip=True) == "The harbour reopens"
    note = article.select_one(".admonition.note")
    assert note.select_one(".admonition-title").get_text() == "Editor's note"
    assert note.select("p")[-1].get_text() == (
        "The dispute at Port Anselm is winding down, and Nordvik looks ahead."
    )
    assert [h.get_text(strip=True) for h in article.select("h2")] == ["Harbour", "City"]

    # Each section: its heading, then a story card per briefing, headlines one level below.
    headlines = article.select("article.briefing-card h3.briefing-card__title")
    sections = [
        h.find_parent("div", class_="briefing-cards")
        .find_previous_sibling("h2")
        .get_text(strip=True)
        for h in headlines
    ]
    assert sections == ["Harbour", "Harbour", "City"]
    assert links(DIGEST, [h.a for h in headlines]) == [
        (TITLES[url], url) for url in (BACKLOG, STRIKE, TRAM)
    ]
    strike = headlines[1].find_parent("article")
    # A digest's cards carry every key point, the category and how many outlets are credited.
    points = strike.select("ul.briefing-card__points li")
    assert [li.get_text() for li in points] == STRIKE_POINTS
    assert strike.select_one(".briefing-card__category").get_text() == "Economy"
    assert card_meta(strike) == "Monday, November 3, 2025 · 2 sources"  # Ledger and Courier
    tram = headlines[2].find_parent("article")
    assert card_meta(tram) == "Tuesday, November 4, 2025 · 2 sources"  # Courier and Halvmark
    assert card_meta(headlines[0].find_parent("article")).endswith(" · 1 source")
    assert article.select_one("p.briefing-intro time")["datetime"] == "2025-11-04"
    assert article.select_one(".briefing-pager") is None  # the only digest
    for url in (BACKLOG, STRIKE, TRAM):
        assert output(site, url).is_file()


def test_home_page_leads_with_the_latest_digest_then_the_latest_briefings(site: Path) -> None:
    article = read_page(site, "").select_one("article")
    assert article.h1.get_text() == "Harbour news"  # the page's own content comes first
    lead = article.select_one("section.briefing-front__lead")
    digest = article.select_one("section.briefing-front__digest")
    latest = article.select_one("section.briefing-front__latest")
    order = article.find_all("section")
    assert order.index(lead) < order.index(digest) < order.index(latest)
    # The lead story: the newest briefing, a large card with its key points.
    (card,) = lead.select("article.briefing-card")
    assert "briefing-card--lead" in card["class"]
    assert links("", card.select(".briefing-card__title > a")) == [(TITLES[CRANES], CRANES)]
    assert card.select_one("h2.briefing-card__title")
    assert card.select(".briefing-card__points li")
    # The latest digest, as a card: title, date, note and how many briefings it gathers.
    assert digest.h2.get_text() == "Latest digest"
    assert digest.select_one("article.briefing-card--digest")
    assert links("", digest.select("a")) == [("The harbour reopens", DIGEST)]
    assert "The dispute at Port Anselm is winding down" in text_of(digest)
    assert digest.time["datetime"] == "2025-11-04"
    assert card_meta(digest) == "Tuesday, November 4, 2025 · 3 briefings"
    # Then the other latest briefings, newest first, one card each.
    assert latest.h2.get_text() == "Latest briefings"
    assert card_links("", latest) == NEWEST_FIRST[1:]
    assert [a["href"] for a in latest.select("a")] == [
        a["href"] for a in latest.select(".briefing-card__title > a")
    ]


def test_digests_index_lists_the_digest_and_the_days_without_one(site: Path) -> None:
    article = read_page(site, "digests/").select_one("article")
    listed = links("digests/", article.select("a"))
    assert listed[0] == ("The harbour reopens", DIGEST)
    (card,) = article.select("article.briefing-card--digest")
    assert links("digests/", card.select(".briefing-card__title > a")) == [
        ("The harbour reopens", DIGEST)
    ]
    assert card_meta(card) == "Tuesday, November 4, 2025 · 3 briefings"
    daily = [url for _, url in listed[1:]]
    assert daily == [
        "daily/2025-11-05/",
        "daily/2025-11-03/",
        "daily/2025-11-01/",
        "daily/2025-10-28/",
    ]
    assert all(output(site, url).is_file() for url in [DIGEST, *daily])


DIGEST_MISSING_FLAT = """\
title: A day at the harbour
date: 2025-11-04
briefings:
  - harbour-strike-ends-after-nine-days
  - nope
"""
DIGEST_MISSING_IN_SECTION = """\
title: A day at the harbour
date: 2025-11-04
sections:
  - title: Harbour
    briefings:
      - harbour-strike-ends-after-nine-days
      - nope
"""


def add_strike_and_digest(project: Path, text: str, name: str = "2025-11-04.yml") -> None:
    shutil.copy(HARBOUR, project / "briefings" / "harbour-strike.yml")
    digests = project / "briefings" / "digests"
    digests.mkdir(exist_ok=True)
    (digests / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (DIGEST_MISSING_FLAT, "5:5: briefings[1]"),
        (DIGEST_MISSING_IN_SECTION, "7:9: sections[0].briefings[1]"),
    ],
)
def test_digest_naming_a_missing_briefing_is_a_located_warning(
    project: Path, caplog: pytest.LogCaptureFixture, text: str, where: str
) -> None:
    add_strike_and_digest(project, text)
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    expected = f"briefings/digests/2025-11-04.yml:{where}: no briefing has the address 'nope'; "
    digest_warnings = [w for w in warnings_of(caplog) if "digests/" in w]
    assert len(digest_warnings) == 1
    assert digest_warnings[0].startswith(expected), digest_warnings
    # The digest is left out; the briefings and the rest of the site are still built.
    assert not (site / "digests/2025-11-04").exists()
    assert output(site, STRIKE).is_file()
    assert output(site, "daily/2025-11-03/").is_file()


def test_digest_naming_a_missing_briefing_fails_a_strict_build(project: Path) -> None:
    add_strike_and_digest(project, DIGEST_MISSING_FLAT)
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_two_digests_of_one_day_are_a_located_warning(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = (
        "title: First take\ndate: 2025-11-03\nbriefings: [harbour-strike-ends-after-nine-days]\n"
    )
    add_strike_and_digest(project, first, "a.yml")
    add_strike_and_digest(project, first.replace("First take", "Second take"), "b.yml")
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    assert warnings_of(caplog) == [
        "briefings/digests/b.yml:2:7: date: another digest is already dated 2025-11-03; "
        "keep one per day"
    ]
    assert read_page(site, "digests/2025-11-03/").h1.get_text(strip=True) == "First take"


# -- daily pages and the archive ----------------------------------------------------------------


def test_a_day_without_a_digest_gets_a_daily_page(site: Path) -> None:
    url = "daily/2025-11-03/"
    article = read_page(site, url).select_one("article")
    assert article.h1.get_text(strip=True) == "Briefings of Monday, November 3, 2025"
    headlines = article.select("article.briefing-card h2.briefing-card__title")
    assert links(url, [h.a for h in headlines]) == [(TITLES[STRIKE], STRIKE)]
    card = headlines[0].find_parent("article")
    points = card.select("ul.briefing-card__points li")
    assert [li.get_text() for li in points] == STRIKE_POINTS
    assert card.select_one(".briefing-card__category").get_text() == "Economy"
    assert card_meta(card) == "Monday, November 3, 2025 · 2 sources"  # Ledger and Courier


def test_a_day_with_a_digest_gets_no_daily_page(site: Path) -> None:
    days = sorted(p.name for p in (site / "daily").iterdir())
    assert days == ["2025-10-28", "2025-11-01", "2025-11-03", "2025-11-05"]
    assert not (site / "daily/2025-11-04").exists()


def test_archive_lists_the_months_with_their_counts(site: Path) -> None:
    article = read_page(site, "archive/").select_one("article")
    assert kinds(article) == [("November 2025", "5 briefings"), ("October 2025", "1 briefing")]
    months = [url for _, url in links("archive/", article.select("li a"))]
    assert months == ["archive/2025-11/", "archive/2025-10/"]
    assert all(output(site, url).is_file() for url in months)


def test_a_month_lists_its_briefings_by_day_with_the_digest_or_daily_page(site: Path) -> None:
    url = "archive/2025-11/"
    article = read_page(site, url).select_one("article")
    days = []
    for heading in article.select("h2"):
        (day_link,) = links(url, heading.find_next_sibling("p").select("a"))
        cards = heading.find_next_sibling("div", class_="briefing-cards")
        assert cards.select("h3.briefing-card__title")  # one level below the day
        days.append((heading.get_text(strip=True), day_link, card_links(url, cards)))
    assert days == [
        ("Wednesday, November 5, 2025", ("All of the day", "daily/2025-11-05/"), [CRANES]),
        ("Tuesday, November 4, 2025", ("The day's digest", DIGEST), [TRAM, BACKLOG]),
        ("Monday, November 3, 2025", ("All of the day", "daily/2025-11-03/"), [STRIKE]),
        ("Saturday, November 1, 2025", ("All of the day", "daily/2025-11-01/"), [VOTE]),
    ]
    assert all(output(site, day_url).is_file() for _, (_, day_url), _ in days)


# -- categories, tags, sources --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("categories", [("Economy", "5 briefings"), ("Politics", "1 briefing")]),
        (
            "tags",
            [
                ("Labour", "3 briefings"),
                ("Nordvik", "2 briefings"),
                ("Port Anselm", "3 briefings"),
                ("Shipping", "1 briefing"),
                ("Transport", "1 briefing"),
            ],
        ),
        (
            "sources",
            [
                ("Anselm Gazette", "2 briefings"),
                ("Nordvik Courier", "4 briefings"),
                ("Radio Halvmark", "1 briefing"),
                ("The Harbour Ledger", "3 briefings"),
            ],
        ),
        ("stories", [("Harbour dispute", "3 briefings")]),
    ],
)
def test_kind_index_lists_each_listing_with_its_count(
    site: Path, kind: str, expected: list[tuple[str, str]]
) -> None:
    url = f"{kind}/"
    article = read_page(site, url).select_one("article")
    assert kinds(article) == expected
    assert len(article.select("li")) == len(expected)
    for _, target in links(url, article.select("li a")):
        assert target.startswith(url)
        assert output(site, target).is_file()


def test_source_page_lists_its_briefings_newest_first(site: Path) -> None:
    url = "sources/the-harbour-ledger/"
    article = read_page(site, url).select_one("article")
    assert article.h1.get_text(strip=True) == "The Harbour Ledger"
    assert "The Harbour Ledger: credited in 3 briefings" in text_of(article)
    cards = article.select("article.briefing-card")
    assert [
        (
            text_of(card.select_one(".briefing-card__title")),
            card.select_one(".briefing-card__category").get_text(),  # not a category's page
            card_meta(card),
        )
        for card in cards
    ] == [
        ("Crane inspections ordered at Port Anselm", "Economy",
         "Wednesday, November 5, 2025 · 2 sources"),
        ("Harbour strike ends after nine days", "Economy", "Monday, November 3, 2025 · 2 sources"),
        ("Port Anselm dockers vote to strike", "Economy", "Saturday, November 1, 2025 · 2 sources"),
    ]  # fmt: skip
    assert [c.time["datetime"] for c in cards] == ["2025-11-05", "2025-11-03", "2025-11-01"]
    assert [text_of(c.select_one(".briefing-card__summary")) for c in cards][1] == STRIKE_POINTS[0]
    assert card_links(url, article) == [CRANES, STRIKE, VOTE]


def pager(site: Path, url: str) -> dict[str, str]:
    """The pager of a listing page: {link text: site-relative target}."""
    bar = read_page(site, url).select_one(".briefing-pager")
    return dict(links(url, bar.select("a"))) if bar else {}


def test_category_listing_is_paginated_with_newer_and_older_links(paged_site: Path) -> None:
    pages = ["categories/economy/", "categories/economy/page/2/", "categories/economy/page/3/"]
    listed = [card_links(url, read_page(paged_site, url).select_one("article")) for url in pages]
    assert listed == [[CRANES, BACKLOG], [STRIKE, VOTE], [FERRY]]
    assert pager(paged_site, pages[0]) == {"Older →": pages[1]}
    assert pager(paged_site, pages[1]) == {"← Newer": pages[0], "Older →": pages[2]}
    assert pager(paged_site, pages[2]) == {"← Newer": pages[1]}
    assert "Page 2 of 3" in text_of(read_page(paged_site, pages[1]).select_one(".briefing-pager"))
    assert all(output(paged_site, url).is_file() for url in pages)
    assert not (paged_site / "categories/economy/page/4").exists()
    assert not (paged_site / "categories/politics/page").exists()


def test_story_pager_points_forward_in_time(paged_site: Path) -> None:
    first, second = "stories/harbour-dispute/", "stories/harbour-dispute/page/2/"
    assert card_links(second, read_page(paged_site, second).select_one("article")) == [BACKLOG]
    forward = next(text for text, target in pager(paged_site, first).items() if target == second)
    back = next(text for text, target in pager(paged_site, second).items() if target == first)
    assert "Older" not in forward
    assert "Newer" not in back


def test_category_and_tag_chips_link_to_their_listings(site: Path) -> None:
    page = read_page(site, STRIKE)
    category = page.select_one(".briefing-meta a.briefing-meta__category")
    assert links(STRIKE, [category]) == [("Economy", "categories/economy/")]
    tags = links(STRIKE, page.select(".briefing-tags a.md-tag"))
    assert tags == [("Port Anselm", "tags/port-anselm/"), ("Labour", "tags/labour/")]
    for _, url in [*links(STRIKE, [category]), *tags]:
        listed = links(url, read_page(site, url).select(".briefing-card__title > a"))
        assert (TITLES[STRIKE], STRIKE) in listed


@pytest.mark.parametrize("url", ["", STRIKE, "categories/economy/", DIGEST])
def test_navigation_holds_the_indexes_but_not_listings_or_briefings(site: Path, url: str) -> None:
    nav = read_page(site, url).select(".md-nav--primary a[href]")
    targets = {target for _, target in links(url, nav) if not target.startswith("https:")}
    assert set(INDEXES) <= targets
    # Only the home page and the top-level indexes: no category, digest, daily or briefing page.
    assert {t for t in targets if t.count("/") > 1 or "#" in t} == set()
    assert not any(t.startswith(("briefings/", "daily/")) for t in targets)


# -- stories and related briefings ---------------------------------------------------------------


def test_story_page_is_a_timeline_oldest_first(site: Path) -> None:
    url = "stories/harbour-dispute/"
    article = read_page(site, url).select_one("article")
    assert article.h1.get_text(strip=True) == "Harbour dispute"
    assert "The story so far, oldest first: 3 briefings." in text_of(article)
    assert card_links(url, article) == [VOTE, STRIKE, BACKLOG]
    assert links("stories/", read_page(site, "stories/").select("article li a")) == [
        ("Harbour dispute", url)
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (VOTE, {"Later": (TITLES[STRIKE], STRIKE)}),
        (STRIKE, {"Earlier": (TITLES[VOTE], VOTE), "Later": (TITLES[BACKLOG], BACKLOG)}),
        (BACKLOG, {"Earlier": (TITLES[STRIKE], STRIKE)}),
    ],
)
def test_briefing_in_a_story_links_to_the_briefings_before_and_after(
    site: Path, url: str, expected: dict[str, tuple[str, str]]
) -> None:
    story = read_page(site, url).select_one(".briefing-story")
    assert links(url, [story.select_one(".briefing-story__title a")]) == [
        ("Harbour dispute", "stories/harbour-dispute/")
    ]
    neighbours = {
        p.get_text().split(":")[0]: links(url, [p.a])[0]
        for p in story.select(".briefing-story__link")
    }
    assert neighbours == expected


def test_related_briefings_list_the_same_story_first(site: Path) -> None:
    # Crane inspections shares both tags and both outlets with the strike, the backlog none of
    # them: still the story comes first, and the list stops at three.
    related = read_page(site, STRIKE).select_one(".briefing-related")
    assert card_links(STRIKE, related) == [VOTE, BACKLOG, CRANES]
    assert [a["href"] for a in related.select("a")] == [  # the headline is the card's only link
        a["href"] for a in related.select(".briefing-card__title > a")
    ]


def test_briefing_outside_a_story_has_no_story_links(site: Path) -> None:
    page = read_page(site, TRAM)
    assert page.select_one(".briefing-story") is None


# -- updates and corrections ----------------------------------------------------------------------


def test_updates_and_corrections_are_shown_in_date_order(site: Path) -> None:
    heading = read_page(site, BACKLOG).select_one("article h2#updates")
    assert heading.get_text(strip=True) == "Updates and corrections"
    assert [text_of(li) for li in heading.find_next_sibling("ul").select("li")] == [
        "Update, Wednesday, November 5, 2025: The port authority published its figures for the week.",
        "Correction, Thursday, November 6, 2025: The backlog cleared on Tuesday, not Monday.",
        "Update, Friday, November 7, 2025: Two more delayed ships were counted.",
    ]
    assert read_page(site, TRAM).select_one("#updates") is None


def test_sitemap_is_a_small_index_of_the_list_of_pages(site: Path) -> None:
    # Material fetches sitemap.xml on page views: it stays small however big the archive.
    index = soup(site / "sitemap.xml", "xml")
    assert [loc.get_text() for loc in index.select("sitemapindex > sitemap > loc")] == [
        SITE_URL + "sitemap-pages.xml"
    ]
    assert index.find("url") is None
    pages = soup(site / "sitemap-pages.xml", "xml")
    assert SITE_URL + STRIKE in {u.loc.get_text() for u in pages.find_all("url")}


def test_sitemap_and_json_ld_date_a_briefing_by_its_latest_change(site: Path) -> None:
    sitemap = soup(site / "sitemap-pages.xml", "xml")
    lastmod = {u.loc.get_text(): u.lastmod.get_text() for u in sitemap.find_all("url")}
    assert lastmod[SITE_URL + BACKLOG] == "2025-11-07"  # the last update, not the build date
    assert lastmod[SITE_URL + STRIKE] == "2025-11-04"  # `updated:`
    assert lastmod[SITE_URL + VOTE] == "2025-11-01"  # published, never changed
    for url in (BACKLOG, STRIKE, VOTE):
        script = read_page(site, url).select_one('script[type="application/ld+json"]')
        assert json.loads(script.string)["dateModified"] == lastmod[SITE_URL + url]


# -- feeds ----------------------------------------------------------------------------------------


def parse_feed(site: Path, name: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("name", ["briefings.rss.xml", "briefings.atom.xml"])
def test_briefing_feeds_carry_each_briefing_with_its_credits(site: Path, name: str) -> None:
    feed = parse_feed(site, name)
    assert [e.link for e in feed.entries] == [SITE_URL + url for url in NEWEST_FIRST]
    entries = {e.link: e for e in feed.entries}
    strike = entries[SITE_URL + STRIKE]
    assert strike.title == TITLES[STRIKE]
    assert strike.published_parsed[:3] == (2025, 11, 3)
    content = BeautifulSoup(strike.content[0].value, "html.parser")
    assert [li.get_text() for li in content.select("ul")[0].select("li")] == STRIKE_POINTS
    assert "According to The Harbour Ledger and Nordvik Courier" in text_of(content)
    backlog = BeautifulSoup(entries[SITE_URL + BACKLOG].content[0].value, "html.parser")
    assert "The backlog cleared on Tuesday, not Monday." in text_of(backlog)
    if name.endswith("atom.xml"):
        assert entries[SITE_URL + BACKLOG].updated_parsed[:3] == (2025, 11, 7)


@pytest.mark.parametrize("name", ["digests.rss.xml", "digests.atom.xml"])
def test_digest_feeds_carry_the_digest_with_linked_headlines(site: Path, name: str) -> None:
    (entry,) = parse_feed(site, name).entries
    assert (entry.title, entry.link) == ("The harbour reopens", SITE_URL + DIGEST)
    assert entry.published_parsed[:3] == (2025, 11, 4)
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert [(a.get_text(), a["href"]) for a in content.select("h3 a")] == [
        (TITLES[url], SITE_URL + url) for url in (BACKLOG, STRIKE, TRAM)
    ]
    assert "According to The Harbour Ledger and Nordvik Courier" in text_of(content)
    assert "The dispute at Port Anselm is winding down" in text_of(content)


def test_json_feeds_match_the_xml_feeds(site: Path) -> None:
    briefings = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    assert briefings["version"] == "https://jsonfeed.org/version/1.1"
    assert briefings["feed_url"] == SITE_URL + "briefings.json"
    assert [i["url"] for i in briefings["items"]] == [SITE_URL + url for url in NEWEST_FIRST]
    strike = next(i for i in briefings["items"] if i["url"] == SITE_URL + STRIKE)
    assert strike["date_published"].startswith("2025-11-03")
    assert strike["date_modified"].startswith("2025-11-04")
    content = BeautifulSoup(strike["content_html"], "html.parser")
    assert [li.get_text() for li in content.select("ul")[0].select("li")] == STRIKE_POINTS
    assert "According to The Harbour Ledger and Nordvik Courier" in text_of(content)
    digests = json.loads((site / "digests.json").read_text(encoding="utf-8"))
    assert [(i["url"], i["date_published"][:10]) for i in digests["items"]] == [
        (SITE_URL + DIGEST, "2025-11-04")
    ]


def discovered_feeds(site: Path, url: str) -> dict[str, str]:
    """{site-relative feed URL: media type} of the page's feed discovery links."""
    head = read_page(site, url).head
    return {
        resolve(url, link["href"]): link["type"]
        for link in head.select('link[rel~="alternate"]')
        if link.get("type") in FEED_TYPES.values()
    }


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("", "briefings.rss.xml"),
        (STRIKE, "briefings.rss.xml"),
        ("categories/", "briefings.rss.xml"),
        ("sources/the-harbour-ledger/", "sources/the-harbour-ledger/feed.rss.xml"),
        ("categories/economy/", "categories/economy/feed.rss.xml"),
        ("daily/2025-11-03/", "briefings.rss.xml"),
        (DIGEST, "digests.rss.xml"),
        ("digests/", "digests.rss.xml"),
    ],
)
def test_every_page_links_to_one_feed(site: Path, url: str, feed: str) -> None:
    """One discovery link per page, not one per feed and format: Material fetches sitemap.xml
    once for each <link rel="alternate"> of a page. Digest pages name the digests' feed, a
    category's, story's or outlet's listing its own."""
    assert discovered_feeds(site, url) == {feed: "application/rss+xml"}
    assert len(read_page(site, url).head.select('link[rel~="alternate"]')) == 1
    assert (site / feed).is_file()


def test_every_feed_is_built_in_its_format(site: Path) -> None:
    for name in FEED_TYPES:
        if name.endswith(".json"):
            assert json.loads((site / name).read_text(encoding="utf-8"))["items"], name
        else:
            assert parse_feed(site, name).entries, name


def test_feed_links_resolve_from_deep_listing_pages(paged_site: Path) -> None:
    assert discovered_feeds(paged_site, "categories/economy/page/2/") == {
        "categories/economy/feed.rss.xml": "application/rss+xml"
    }


# -- metadata -------------------------------------------------------------------------------------


def test_briefing_page_describes_itself_to_search_engines_and_social_networks(site: Path) -> None:
    page = read_page(site, STRIKE)
    (script,) = page.select('script[type="application/ld+json"]')
    article = json.loads(script.string)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == TITLES[STRIKE]
    assert (article["datePublished"], article["dateModified"]) == ("2025-11-03", "2025-11-04")
    assert article["articleSection"] == "Economy"
    assert article["publisher"]["name"] == "Test briefings"
    assert [c["name"] for c in article["citation"]] == ["The Harbour Ledger", "Nordvik Courier"]
    assert article["url"] == SITE_URL + STRIKE
    card = SITE_URL + "assets/briefings/cards/harbour-strike-ends-after-nine-days.png"
    # No photo: the share card is the image (Google's Top Stories require one).
    assert article["image"] == {"@type": "ImageObject", "url": card, "width": 1200, "height": 630}

    meta = {
        (m.get("property") or m.get("name")): m["content"]
        for m in page.head.select("meta[content]")
    }
    assert meta["og:title"] == TITLES[STRIKE]
    assert meta["og:type"] == "article"
    assert meta["og:url"] == SITE_URL + STRIKE
    # No photo: the share card, drawn at 1200 x 630, is what social networks show, large.
    assert meta["og:image"] == meta["twitter:image"] == card
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == TITLES[STRIKE]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["description"] == " ".join(STRIKE_POINTS)
    assert page.head.select_one('link[rel="canonical"]')["href"] == SITE_URL + STRIKE


def test_only_briefing_pages_and_the_home_page_carry_json_ld(site: Path) -> None:
    counts = {
        path.relative_to(site).as_posix(): len(
            soup(path).select('script[type="application/ld+json"]')
        )
        for path in site.rglob("*.html")
    }
    assert {p: n for p, n in counts.items() if p.startswith("briefings/")} == {
        f"{url}index.html": 1 for url in NEWEST_FIRST
    }
    # The home page names the publisher (a NewsMediaOrganization: tests/integration/test_corrections.py).
    assert {p: n for p, n in counts.items() if not p.startswith("briefings/") and n} == {
        "index.html": 1
    }
    assert "categories/index.html" in counts  # the check did see the other pages


# -- 404 and search -------------------------------------------------------------------------------


def test_not_found_page_offers_search_and_the_latest_briefings(site: Path) -> None:
    page = soup(site / "404.html")
    article = page.select_one("article")
    assert article.select_one('label[for="__search"]').get_text(strip=True) == "Search"
    assert "Search the briefings" in text_of(article)
    latest = links("404.html", article.select(".briefing-latest a"))
    assert latest == [(TITLES[url], url) for url in NEWEST_FIRST]
    assert all(output(site, url).is_file() for _, url in latest)


def test_search_finds_briefings_but_not_index_or_digest_pages(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert set(NEWEST_FIRST) <= pages
    assert not {p for p in pages if p.startswith((*INDEXES, "daily/"))}
    text = json.dumps(index)
    assert "The harbour reopens" not in text
    assert "Nordvik looks ahead" not in text


def test_digest_edit_link_opens_its_yaml(site: Path) -> None:
    page = read_page(site, "digests/2025-11-04/")
    assert page.select_one('a[rel="edit"]')["href"].endswith("/briefings/digests/2025-11-04.yml")
