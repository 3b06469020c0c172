"""Feeds per topic: each category, story and outlet gets RSS, Atom and JSON Feed of its own
newest briefings, with full content, beside its listing page (pure: plan.py). Every person,
place and outlet here is fictional."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from mkdocs_briefings import plan as plan_module
from mkdocs_briefings.catalog import make_catalog
from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.plan import (
    FEED_KINDS,
    PlanOptions,
    feed_items,
    listing_feeds,
    plan_site,
    topic_listings,
)

from ..conftest import DATA

if TYPE_CHECKING:
    from mkdocs_briefings.entries import Entry
    from mkdocs_briefings.plan import Feed, SitePlan

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
SITE = "https://news.example.org/"
OPTIONS = PlanOptions(site_url=SITE, site_name="Nordvik News")


def briefing(
    title: str,
    published: str,
    *,
    category: str = "Economy",
    story: str | None = None,
    draft: bool = False,
) -> Entry:
    text = HARBOUR.replace("Harbour strike ends after nine days", title)
    text = text.replace("published: 2025-11-03", f"published: {published}")
    text = text.replace("category: Economy", f"category: {category}")
    text = text.replace("updated: 2025-11-04\n", "")
    text += f"story: {story}\n" if story else ""
    text += "draft: true\n" if draft else ""
    return read_entry(text, path=f"briefings/{title}.yml")


def site() -> list[Entry]:
    return [
        briefing("Harbour strike ends", "2025-11-03", story="Port Anselm strike"),
        briefing("Dock workers vote", "2025-11-01", story="Port Anselm strike"),
        briefing("Ferry fares frozen", "2025-11-05", category="Transport"),
        briefing("Tram line opens", "2025-11-04", category="Transport"),
        briefing("Ferry timetable draft", "2025-11-06", category="Transport", draft=True),
        briefing("Strike talks resume", "2025-11-02", story="Port Anselm strike", draft=True),
    ]


def feeds_of(plan: SitePlan) -> dict[str, Feed]:
    return {f.uri: f for f in plan.feeds}


def titles(rss: str) -> list[str]:
    parsed = feedparser.parse(rss)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return [e.title for e in parsed.entries]


def test_every_category_story_and_outlet_has_three_feeds_beside_its_page() -> None:
    feeds = feeds_of(plan_site(site(), [], OPTIONS))
    for folder in (
        "categories/economy",
        "categories/transport",
        "stories/port-anselm-strike",
        "sources/the-harbour-ledger",
        "sources/nordvik-courier",
    ):
        assert feeds[f"{folder}/feed.rss.xml"].mime == "application/rss+xml"
        assert feeds[f"{folder}/feed.atom.xml"].mime == "application/atom+xml"
        assert feeds[f"{folder}/feed.json"].mime == "application/feed+json"
    assert not any(uri.startswith("tags/") for uri in feeds)  # tags have no feeds of their own


def test_a_topic_feed_carries_only_its_topic_newest_first_without_drafts() -> None:
    feeds = feeds_of(plan_site(site(), [], OPTIONS))
    assert titles(feeds["categories/transport/feed.rss.xml"].content) == [
        "Ferry fares frozen",
        "Tram line opens",
    ]
    # A story's page is a timeline, oldest first; its feed is newest first like any feed.
    assert titles(feeds["stories/port-anselm-strike/feed.atom.xml"].content) == [
        "Harbour strike ends",
        "Dock workers vote",
    ]
    items = json.loads(feeds["categories/economy/feed.json"].content)["items"]
    assert [i["title"] for i in items] == ["Harbour strike ends", "Dock workers vote"]


def test_drafts_stay_out_of_topic_feeds_even_when_the_site_shows_them() -> None:
    shown = plan_site(site(), [], PlanOptions(site_url=SITE, site_name="N", drafts=True))
    for feed in shown.feeds:
        assert "draft" not in feed.content.lower(), feed.uri
        assert "Strike talks resume" not in feed.content, feed.uri


def test_a_topic_feed_has_the_full_content_and_names_its_topic() -> None:
    feeds = feeds_of(plan_site(site(), [], OPTIONS))
    parsed = feedparser.parse(feeds["categories/economy/feed.atom.xml"].content)
    assert parsed.feed.title == "Nordvik News: Economy"
    assert parsed.feed.link == f"{SITE}categories/economy/"
    assert parsed.feed.language == "en"
    (strike, _) = parsed.entries
    content = BeautifulSoup(strike.content[0].value, "html.parser")
    assert [li.get_text() for li in content.select("ul")[0].select("li")] == [
        "Dock workers in Port Anselm return to work on Monday.",
        "The union won a shorter night shift.",
        "Shipping firms expect backlogs to clear within a week.",
    ]
    text = content.get_text(" ")
    assert "talks that ran through the night" in text
    assert "Mara Quell" in text
    assert "According to The Harbour Ledger and Nordvik Courier" in text
    assert strike.link == f"{SITE}briefings/harbour-strike-ends/"
    rss = feedparser.parse(feeds["sources/nordvik-courier/feed.rss.xml"].content)
    assert rss.feed.title == "Nordvik News: Nordvik Courier"
    assert "crediting Nordvik Courier" in rss.feed.description


def test_each_topic_feed_is_capped_to_the_newest() -> None:
    capped = PlanOptions(site_url=SITE, site_name="Nordvik News", feed_topic_limit=1)
    feeds = feeds_of(plan_site(site(), [], capped))
    assert titles(feeds["categories/transport/feed.rss.xml"].content) == ["Ferry fares frozen"]
    assert titles(feeds["stories/port-anselm-strike/feed.rss.xml"].content) == [
        "Harbour strike ends"
    ]
    assert titles(feeds["briefings.rss.xml"].content)[:2] == [  # the site's own: feed_limit
        "Ferry fares frozen",
        "Tram line opens",
    ]


@pytest.mark.parametrize(
    "options",
    [PlanOptions(site_name="N"), PlanOptions(site_url=SITE, site_name="N", feed_topic_limit=0)],
)
def test_no_topic_feeds_without_a_site_url_or_with_a_limit_of_zero(options: PlanOptions) -> None:
    plan = plan_site(site(), [], options)
    assert not any("/" in f.uri for f in plan.feeds)
    page = plan.pages["categories/economy/index.md"].html.content
    assert "briefing-follow" not in page


def test_each_briefing_s_item_is_made_once_however_many_feeds_carry_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[str] = []
    real = plan_module.briefing_item

    def counting(b: object, url: str, authors: tuple[tuple[str, str | None], ...] = ()) -> object:
        made.append(url)
        return real(b, url, authors)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_module, "briefing_item", counting)
    plan_site(site(), [], OPTIONS)
    assert sorted(made) == sorted(set(made))  # each once: the site's feed, its topics' feeds
    assert len(made) == 4  # the four briefings that are not drafts


def test_topic_feeds_speak_the_site_s_language() -> None:
    options = PlanOptions(site_url=SITE, site_name="Nordvik News", language="nb")
    feeds = feeds_of(plan_site(site(), [], options))
    assert feedparser.parse(feeds["categories/economy/feed.atom.xml"].content).feed.language == "nb"
    assert json.loads(feeds["categories/economy/feed.json"].content)["language"] == "nb"


def test_listing_feeds_takes_any_listing() -> None:
    """One function gives a listing's three feeds: a new kind of listing needs only its name
    in FEED_KINDS (and a Catalog field and Layout folder of that name)."""
    catalog = make_catalog(site())
    item = feed_items(OPTIONS, lambda uri: uri.removesuffix(".md") + "/")
    (economy,) = (x for x in catalog.categories if x.key == "economy")
    feeds = listing_feeds(economy, item, OPTIONS)
    assert [f.uri for f in feeds] == [
        "categories/economy/feed.rss.xml",
        "categories/economy/feed.atom.xml",
        "categories/economy/feed.json",
    ]
    assert [f.title for f in feeds] == [
        "Nordvik News: Economy (RSS)",
        "Nordvik News: Economy (Atom)",
        "Nordvik News: Economy (JSON Feed)",
    ]
    assert {x.kind for x in topic_listings(catalog)} == set(FEED_KINDS) - {"people"}  # none here


def test_listing_pages_link_their_feeds_in_head_and_in_a_visible_line() -> None:
    plan = plan_site(site(), [], PlanOptions(site_url=SITE, site_name="Nordvik News", page_size=1))
    page = BeautifulSoup(
        plan.pages["categories/transport/page/2/index.md"].html.content, "html.parser"
    )
    follow = page.select_one(".briefing-follow")
    assert follow.get_text(" ", strip=True).startswith("Follow this topic:")
    assert [(a.get_text(), a["href"], a["type"]) for a in follow.select("a")] == [
        ("RSS", "../../feed.rss.xml", "application/rss+xml"),
        ("Atom", "../../feed.atom.xml", "application/atom+xml"),
        ("JSON", "../../feed.json", "application/feed+json"),
    ]
    head = BeautifulSoup(plan.discovery("categories/transport/page/2/"), "html.parser").link
    assert (head["rel"], head["type"], head["href"]) == (
        ["alternate", "feed"],  # not [rel=alternate] to Material: no sitemap.xml lookup here
        "application/rss+xml",
        "../../feed.rss.xml",
    )
    assert head["title"] == "Nordvik News: Transport (RSS)"
    other = BeautifulSoup(plan.discovery("categories/"), "html.parser").link
    assert other["href"] == "../briefings.rss.xml"  # elsewhere: the site's feed
    tags = plan.pages["tags/labour/index.md"].html.content
    assert "briefing-follow" not in tags


def test_a_later_plan_keeps_the_feeds_of_unchanged_listings() -> None:
    """`mkdocs serve`: after an edit, only the listings of the edited briefing get new feeds."""
    entries = site()
    first = plan_site(entries, [], OPTIONS)
    edited = briefing("Tram line opens on time", "2025-11-04", category="Transport")
    later = plan_site(
        [e if "Tram" not in e.path else edited for e in entries], [], OPTIONS, previous=first
    )
    before, after = feeds_of(first), feeds_of(later)
    assert after["categories/economy/feed.rss.xml"] is before["categories/economy/feed.rss.xml"]
    assert (
        after["stories/port-anselm-strike/feed.json"]
        is before["stories/port-anselm-strike/feed.json"]
    )
    assert titles(after["categories/transport/feed.rss.xml"].content) == [
        "Ferry fares frozen",
        "Tram line opens on time",
    ]
    # Every briefing credits both outlets: their feeds are made again.
    assert "Tram line opens on time" in after["sources/nordvik-courier/feed.json"].content
    assert later.feeds == tuple(sorted(later.feeds, key=lambda f: "/" in f.uri))  # site's first


def test_a_topic_name_with_markup_is_text_in_its_feeds_and_discovery_link() -> None:
    name = 'R&D <b>"labs"</b>'
    entries = [briefing("Lab opens", "2025-11-04", category=f"'{name}'")]
    plan = plan_site(entries, [], OPTIONS)
    (listing,) = plan.catalog.categories
    folder = f"categories/{listing.key}"
    feeds = feeds_of(plan)
    rss = etree.fromstring(feeds[f"{folder}/feed.rss.xml"].content.encode())
    assert rss.findtext("channel/title") == f"Nordvik News: {name}"  # escaped once, read back
    assert json.loads(feeds[f"{folder}/feed.json"].content)["title"] == f"Nordvik News: {name}"
    head = plan.discovery(f"{folder}/")
    assert "<b>" not in head
    assert BeautifulSoup(head, "html.parser").link["title"] == f"Nordvik News: {name} (RSS)"
