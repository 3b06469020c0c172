"""feeds: briefings and digests -> RSS 2.0, Atom 1.0 and JSON Feed 1.1, escaped and reproducible."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

import feedparser
import pytest
from bs4 import BeautifulSoup

from mkdocs_briefings.digest import read_digest
from mkdocs_briefings.feeds import (
    FeedInfo,
    FeedItem,
    render_atom,
    render_json_feed,
    render_rss,
)
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import Source
from mkdocs_briefings.render.feed import briefing_item, digest_item

from .test_loader import VALID

if TYPE_CHECKING:
    import time
    from collections.abc import Callable, Sequence

SITE = "https://news.example.org/"
STRIKE_URL = f"{SITE}briefings/harbour-strike-ends/"
LEVY_URL = f"{SITE}briefings/harbour-levy-agreed/"
INFO = FeedInfo(title="Nordvik Briefings", home_url=SITE, description="Credited news briefings.")

LEVY = (
    VALID.replace("Harbour strike ends", "Harbour levy agreed")
    .replace("published: 2025-11-03", "published: 2025-11-05")
    .replace("updated: 2025-11-04", "updated: 2025-11-06")
    .replace("category: Economy", "category: Politics")
    .replace("Dock workers in Port Anselm return on Monday.", "Ships pay a new levy from May.")
)
HOSTILE = VALID.replace(
    "title: Harbour strike ends", "title: 'Strike <script>alert(1)</script> & ends'"
).replace(
    "paragraph: The strike ended after nine days.",
    "paragraph: 'Talks <script>alert(1)</script> & more ended.'",
)


def rss(items: Sequence[FeedItem], info: FeedInfo = INFO) -> str:
    return render_rss(info, items, feed_url=f"{SITE}feed_rss.xml")


def atom(items: Sequence[FeedItem], info: FeedInfo = INFO) -> str:
    return render_atom(info, items, feed_url=f"{SITE}feed_atom.xml")


def json_feed(items: Sequence[FeedItem], info: FeedInfo = INFO) -> str:
    return render_json_feed(info, items, feed_url=f"{SITE}feed.json")


def strike_item(text: str = VALID) -> FeedItem:
    return briefing_item(read_briefing(text, path="b.yml"), STRIKE_URL)


def two_items() -> list[FeedItem]:
    """Newest first, as the plugin passes them."""
    levy = briefing_item(read_briefing(LEVY, path="levy.yml"), LEVY_URL)
    return [levy, strike_item()]


def parse(xml: str) -> Any:
    parsed = feedparser.parse(xml.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def day(parsed_time: time.struct_time) -> date:
    return date(parsed_time.tm_year, parsed_time.tm_mon, parsed_time.tm_mday)


def soup(html_text: str) -> BeautifulSoup:
    return BeautifulSoup(html_text, "html.parser")


def content_of(entry: Any) -> str:
    return str(entry.content[0].value)


# -- items ---------------------------------------------------------------------------------------


def test_briefing_item_holds_key_points_blocks_credits_and_sources() -> None:
    item = strike_item()
    assert item.url == STRIKE_URL
    assert item.title == "Harbour strike ends"
    assert (item.published, item.modified) == (date(2025, 11, 3), date(2025, 11, 4))
    assert item.summary == "Dock workers in Port Anselm return on Monday."
    assert item.categories == ("Economy", "Port Anselm", "Labour")
    page = soup(item.content_html)
    assert [li.get_text() for li in page.ul.find_all("li")] == [item.summary]
    text = page.get_text(" ")
    assert "The strike ended after nine days." in text
    assert "“We got what we came for.”" in page.blockquote.get_text()
    assert "— Mara Quell, Union organiser" in page.blockquote.get_text()
    credits = [em.get_text() for em in page.find_all("em")]
    assert credits == [
        "According to The Harbour Ledger",
        "According to The Harbour Ledger and Nordvik Courier",
    ]
    links = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert links == {"The Harbour Ledger": "https://harbour-ledger.example/strike"}
    assert "Nordvik Courier" in page.find_all("ul")[-1].get_text()


def test_briefing_item_lists_updates_and_corrections_by_date() -> None:
    text = VALID + (
        "corrections:\n  - {date: 2025-11-05, text: 'The strike lasted nine days, not ten.'}\n"
        "updates:\n  - {date: 2025-11-04, text: Union ratified the deal.}\n"
    )
    item = strike_item(text)
    assert item.modified == date(2025, 11, 5)
    changes = [li.get_text() for li in soup(item.content_html).find_all("ul")[-1].find_all("li")]
    assert changes == [
        "Update, Tuesday, November 4, 2025: Union ratified the deal.",
        "Correction, Wednesday, November 5, 2025: The strike lasted nine days, not ten.",
    ]


def test_only_web_addresses_are_linked_even_if_a_model_was_built_unchecked() -> None:
    b = read_briefing(VALID, path="b.yml")
    evil = Source.model_construct(name="Evil", url="javascript:alert(1)")
    item = briefing_item(b.model_copy(update={"sources": {**b.sources, "evil": evil}}), STRIKE_URL)
    assert "javascript:" not in item.content_html
    assert "<li>Evil</li>" in item.content_html


def test_relative_addresses_are_refused() -> None:
    with pytest.raises(ValueError, match="url must be an absolute http"):
        briefing_item(read_briefing(VALID, path="b.yml"), "/briefings/harbour-strike-ends/")
    with pytest.raises(ValueError, match="home_url must be an absolute http"):
        FeedInfo(title="T", home_url="javascript:alert(1)", description="D")
    with pytest.raises(ValueError, match="feed_url must be an absolute http"):
        render_rss(INFO, [], feed_url="feed_rss.xml")


DIGEST = """\
title: Tuesday, 11 November
date: 2025-11-11
note: Two harbour stories & a levy.
sections:
  - title: Port Anselm
    briefings: [harbour-strike-ends]
  - title: Politics
    briefings: [harbour-levy-agreed, gone-briefing]
"""


def digest_feed_item() -> FeedItem:
    digest, _ = read_digest(DIGEST, path="d.yml")
    briefings = {
        "harbour-strike-ends": (read_briefing(VALID, path="b.yml"), STRIKE_URL),
        "harbour-levy-agreed": (read_briefing(LEVY, path="levy.yml"), LEVY_URL),
    }
    return digest_item(digest, f"{SITE}digests/2025-11-11/", briefings)


def test_digest_item_lists_each_briefing_with_its_key_points_and_outlets() -> None:
    item = digest_feed_item()
    assert item.title == "Tuesday, 11 November"
    assert item.published == item.modified == date(2025, 11, 11)
    assert item.summary == "Two harbour stories & a levy."
    assert item.categories == ("Economy", "Politics")
    page = soup(item.content_html)
    assert [h.get_text() for h in page.find_all("h2")] == ["Port Anselm", "Politics"]
    headlines = {h.a.get_text(): h.a["href"] for h in page.find_all("h3")}
    assert headlines == {"Harbour strike ends": STRIKE_URL, "Harbour levy agreed": LEVY_URL}
    points = [li.get_text() for li in page.find_all("li")]
    assert points == [
        "Dock workers in Port Anselm return on Monday.",
        "Ships pay a new levy from May.",
    ]
    outlets = [em.get_text() for em in page.find_all("em")]
    assert outlets == ["According to The Harbour Ledger and Nordvik Courier"] * 2
    assert "gone-briefing" not in item.content_html


# -- documents -----------------------------------------------------------------------------------


def test_rss_has_channel_items_guids_dates_categories_and_self_link() -> None:
    xml = rss(two_items())
    assert xml.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    parsed = parse(xml)
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Nordvik Briefings"
    assert parsed.feed.link == SITE
    assert parsed.feed.subtitle == "Credited news briefings."
    assert parsed.feed.language == "en"
    assert {"rel": "self", "href": f"{SITE}feed_rss.xml", "type": "application/rss+xml"} in [
        dict(link) for link in parsed.feed.links
    ]
    assert day(parsed.feed.updated_parsed) == date(2025, 11, 6)  # lastBuildDate: newest change
    levy, strike = parsed.entries
    assert (levy.title, strike.title) == ("Harbour levy agreed", "Harbour strike ends")
    assert (strike.link, strike.id) == (STRIKE_URL, STRIKE_URL)
    assert day(strike.published_parsed) == date(2025, 11, 3)
    assert [t.term for t in strike.tags] == ["Economy", "Port Anselm", "Labour"]
    assert strike.summary == "Dock workers in Port Anselm return on Monday."
    text = soup(content_of(strike)).get_text(" ")
    assert "Dock workers in Port Anselm return on Monday." in text
    assert "According to The Harbour Ledger and Nordvik Courier" in text
    assert f'<guid isPermaLink="true">{STRIKE_URL}</guid>' in xml


def test_atom_has_ids_dates_author_and_self_and_alternate_links() -> None:
    parsed = parse(atom(two_items()))
    assert parsed.version == "atom10"
    assert parsed.feed.id == f"{SITE}feed_atom.xml"
    assert parsed.feed.title == "Nordvik Briefings"
    assert parsed.feed.author == "Nordvik Briefings"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": f"{SITE}feed_atom.xml", "alternate": SITE}
    assert day(parsed.feed.updated_parsed) == date(2025, 11, 6)
    levy, strike = parsed.entries
    assert levy.title == "Harbour levy agreed"
    assert (strike.id, strike.link) == (STRIKE_URL, STRIKE_URL)
    assert [(link.rel, link.href) for link in strike.links] == [("alternate", STRIKE_URL)]
    assert day(strike.published_parsed) == date(2025, 11, 3)
    assert day(strike.updated_parsed) == date(2025, 11, 4)
    assert [t.term for t in strike.tags] == ["Economy", "Port Anselm", "Labour"]
    assert strike.content[0].type == "text/html"
    text = soup(content_of(strike)).get_text(" ")
    assert "Dock workers in Port Anselm return on Monday." in text
    assert "According to The Harbour Ledger and Nordvik Courier" in text


def test_atom_author_is_the_configured_one() -> None:
    info = FeedInfo(title="T", home_url=SITE, description="D", language="de", author="Desk & Co")
    parsed = parse(atom([strike_item()], info))
    assert parsed.feed.author == "Desk & Co"
    assert parsed.feed.language == "de"


def test_json_feed_follows_version_1_1() -> None:
    feed = json.loads(json_feed(two_items()))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Nordvik Briefings"
    assert (feed["home_page_url"], feed["feed_url"]) == (SITE, f"{SITE}feed.json")
    assert feed["language"] == "en"
    assert feed["authors"] == [{"name": "Nordvik Briefings"}]
    levy, strike = feed["items"]
    assert levy["title"] == "Harbour levy agreed"
    assert strike["id"] == strike["url"] == STRIKE_URL
    assert strike["date_published"] == "2025-11-03T00:00:00+00:00"
    assert strike["date_modified"] == "2025-11-04T00:00:00+00:00"
    assert strike["tags"] == ["Economy", "Port Anselm", "Labour"]
    assert strike["summary"] == "Dock workers in Port Anselm return on Monday."
    assert "According to The Harbour Ledger and Nordvik Courier" in strike["content_html"]


@pytest.mark.parametrize("render", [rss, atom])
def test_xml_escapes_markup_and_readers_see_it_as_text(render: Callable[..., str]) -> None:
    xml = render([strike_item(HOSTILE)])
    assert "<script" not in xml
    assert "Strike &lt;script&gt;alert(1)&lt;/script&gt; &amp; ends" in xml
    entry = parse(xml).entries[0]
    assert entry.title == "Strike <script>alert(1)</script> & ends"
    content = soup(content_of(entry))
    assert content.find("script") is None
    assert "Talks <script>alert(1)</script> & more ended." in content.get_text()


def test_json_feed_escapes_markup_in_content() -> None:
    item = json.loads(json_feed([strike_item(HOSTILE)]))["items"][0]
    assert item["title"] == "Strike <script>alert(1)</script> & ends"
    content = soup(item["content_html"])
    assert content.find("script") is None
    assert "Talks <script>alert(1)</script> & more ended." in content.get_text()


def test_summary_stays_text_in_rss_descriptions() -> None:
    hostile = VALID.replace(
        "- Dock workers in Port Anselm return on Monday.", "- 'Docks <b>reopen</b> & more.'"
    )
    xml = rss([strike_item(hostile)])
    assert "<b>" not in xml
    assert parse(xml).entries[0].summary == "Docks &lt;b&gt;reopen&lt;/b&gt; &amp; more."


@pytest.mark.parametrize("render", [rss, atom, json_feed])
def test_every_content_link_is_an_absolute_web_address(render: Callable[..., str]) -> None:
    digest = digest_feed_item()
    text = render([digest, *two_items()])
    if render is json_feed:
        contents = [i["content_html"] for i in json.loads(text)["items"]]
    else:
        contents = [content_of(e) for e in parse(text).entries]
    hrefs = [a["href"] for c in contents for a in soup(c).find_all("a")]
    # Two headlines and an outlet of each in the digest (its email content), a source in each.
    assert len(hrefs) == 6
    assert all(href.startswith("https://") for href in hrefs)


@pytest.mark.parametrize("render", [rss, atom, json_feed])
def test_same_input_gives_identical_output(render: Callable[..., str]) -> None:
    # Dates come from the YAML alone (the tests above check lastBuildDate/updated).
    assert render(two_items()) == render(two_items())


def test_characters_xml_cannot_hold_are_dropped() -> None:
    text = VALID.replace("title: Harbour strike ends", 'title: "Harbour\\x01 strike ends\\uFFFE"')
    item = strike_item(text)
    for render in (rss, atom):
        assert parse(render([item])).entries[0].title == "Harbour strike ends"
    assert json.loads(json_feed([item]))["items"][0]["title"] == "Harbour strike ends"


def test_an_empty_feed_is_still_valid_and_reproducible() -> None:
    parsed = parse(atom([]))
    assert parsed.entries == []
    assert day(parsed.feed.updated_parsed) == date(1970, 1, 1)
    assert parse(rss([])).feed.title == "Nordvik Briefings"
    assert json.loads(json_feed([]))["items"] == []
