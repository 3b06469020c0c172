"""Feeds per topic, the Google News sitemap and robots.txt in a real build: each category's,
story's and outlet's listing links its own RSS, Atom and JSON feeds (full content, only its
briefings, never a draft); sitemap-news.xml holds the last two days' briefings and validates
against the saved schemas; robots.txt names both sitemaps. Every name here is fictional."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from ..conftest import DATA, MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
SITE_URL = "https://news.example.org/"
SCHEMAS = DATA / "sitemaps"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# The build's "now" (SOURCE_DATE_EPOCH, which MkDocs reads too): noon UTC of 2025-11-06.
NOW = dt.datetime(2025, 11, 6, 12, tzinfo=dt.UTC)

BRIEFINGS = {  # file: (title, published, category, story, draft)
    "strike": ("Harbour strike ends", "2025-11-03", "Economy", "Port Anselm strike", False),
    "vote": ("Dock workers vote", "2025-11-01", "Economy", "Port Anselm strike", False),
    "fares": ('Ferry fares <b>frozen</b> & "capped"', "2025-11-06", "Transport", None, False),
    "tram": ("Tram line opens", "2025-11-05", "Transport", None, False),
    "crane": ("Harbour crane repaired", "2025-11-04", "Economy", None, False),
    "draft": ("Ferry timetable draft", "2025-11-06", "Transport", "Port Anselm strike", True),
}


def briefing_yaml(title: str, published: str, category: str, story: str | None, draft: bool) -> str:
    text = HARBOUR.replace("title: Harbour strike ends after nine days", f"title: '{title}'")
    text = text.replace("published: 2025-11-03", f"published: {published}")
    text = text.replace("category: Economy", f"category: {category}")
    text = text.replace("updated: 2025-11-04\n", "")
    text += f"story: {story}\n" if story else ""
    return text + ("draft: true\n" if draft else "")


def write_newsroom(project: Path, *, yml: str = MINIMAL_MKDOCS_YML) -> Path:
    for name, fields in BRIEFINGS.items():
        (project / "briefings" / f"{name}.yml").write_text(briefing_yaml(*fields), encoding="utf-8")
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")
    return project


def make_project(tmp: Path) -> Path:
    (tmp / "docs").mkdir()
    (tmp / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp / "briefings").mkdir()
    return tmp


def build_at_now(project: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
        return build_site(project)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    yml = MINIMAL_MKDOCS_YML.replace("  - briefings\n", "  - briefings:\n      page_size: 2\n")
    return build_at_now(write_newsroom(make_project(tmp_path_factory.mktemp("topics")), yml=yml))


def parse_feed(site: Path, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / path).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def read(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def page(slug: str) -> str:
    return f"{SITE_URL}briefings/{slug}/"


TRANSPORT = [page("ferry-fares-b-frozen-b-capped"), page("tram-line-opens")]
ECONOMY = [page("harbour-crane-repaired"), page("harbour-strike-ends"), page("dock-workers-vote")]
STORY = [page("harbour-strike-ends"), page("dock-workers-vote")]  # newest first, no draft


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("categories/transport", TRANSPORT),
        ("categories/economy", ECONOMY),
        ("stories/port-anselm-strike", STORY),
        ("sources/nordvik-courier", [*TRANSPORT, *ECONOMY]),
    ],
)
def test_each_topic_has_feeds_of_only_its_briefings(
    site: Path, folder: str, expected: list[str]
) -> None:
    for name in ("feed.rss.xml", "feed.atom.xml"):
        assert [e.link for e in parse_feed(site, f"{folder}/{name}").entries] == expected, name
    feed = json.loads((site / folder / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == f"{SITE_URL}{folder}/feed.json"
    assert feed["home_page_url"] == f"{SITE_URL}{folder}/"
    assert [i["url"] for i in feed["items"]] == expected


def test_topic_feeds_carry_the_full_content_and_never_a_draft(site: Path) -> None:
    entries = {e.link: e for e in parse_feed(site, "categories/economy/feed.atom.xml").entries}
    content = BeautifulSoup(entries[page("harbour-strike-ends")].content[0].value, "html.parser")
    text = content.get_text(" ")
    assert "Dock workers in Port Anselm return to work on Monday." in text
    assert "talks that ran through the night" in text
    assert "We got what we came for." in text
    assert "According to The Harbour Ledger and Nordvik Courier" in text
    for path in site.rglob("feed.*"):
        assert "timetable" not in path.read_text(encoding="utf-8").lower(), path


def test_markup_in_a_title_is_text_in_every_feed(site: Path) -> None:
    title = 'Ferry fares <b>frozen</b> & "capped"'
    assert parse_feed(site, "categories/transport/feed.rss.xml").entries[0].title == title
    feed = json.loads((site / "categories/transport/feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["title"] == title


@pytest.mark.parametrize(
    "url", ["categories/transport/", "categories/economy/page/2/", "stories/port-anselm-strike/"]
)
def test_a_listing_page_links_its_feeds_in_head_and_in_a_visible_line(site: Path, url: str) -> None:
    html = read(site, url)
    folder = "/".join(url.split("/")[:2])
    (alternate,) = html.head.select('link[rel~="alternate"]')  # one: see test_site.py
    assert alternate["type"] == "application/rss+xml"
    assert urljoin(SITE_URL + url, alternate["href"]) == f"{SITE_URL}{folder}/feed.rss.xml"
    follow = html.select_one(".briefing-follow")
    assert follow.get_text(" ", strip=True) == "Follow this topic: RSS · Atom · JSON"
    found = {a["type"]: urljoin(SITE_URL + url, a["href"]) for a in follow.select("a")}
    assert found == {
        "application/rss+xml": f"{SITE_URL}{folder}/feed.rss.xml",
        "application/atom+xml": f"{SITE_URL}{folder}/feed.atom.xml",
        "application/feed+json": f"{SITE_URL}{folder}/feed.json",
    }
    for href in found.values():
        assert (site / href.removeprefix(SITE_URL)).is_file()


def test_the_news_sitemap_holds_the_last_two_days_and_validates(site: Path) -> None:
    doc = etree.parse(str(site / "sitemap-news.xml"))
    driver = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
        targetNamespace="{SITEMAP_NS}" elementFormDefault="qualified">
      <xsd:import namespace="{NEWS_NS}" schemaLocation="{(SCHEMAS / "sitemap-news.xsd").as_uri()}"/>
      <xsd:include schemaLocation="{(SCHEMAS / "sitemap.xsd").as_uri()}"/>
    </xsd:schema>"""
    schema = etree.XMLSchema(etree.fromstring(driver))
    assert schema.validate(doc), schema.error_log
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    found = [
        (u.findtext("s:loc", namespaces=ns), u.findtext("n:news/n:publication_date", namespaces=ns))
        for u in doc.getroot().findall("s:url", ns)
    ]
    # 2025-11-04 began 60 hours before the build: out; the draft never.
    assert found == [(TRANSPORT[0], "2025-11-06"), (TRANSPORT[1], "2025-11-05")]
    names = {e.text for e in doc.getroot().iterfind(".//n:name", ns)}
    assert names == {"Test briefings"}
    titles = [e.text for e in doc.getroot().iterfind(".//n:title", ns)]
    assert titles[0] == 'Ferry fares <b>frozen</b> & "capped"'


def test_robots_txt_allows_all_and_names_both_sitemaps(site: Path) -> None:
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\n"
        "Allow: /\n"
        "\n"
        f"Sitemap: {SITE_URL}sitemap.xml\n"
        f"Sitemap: {SITE_URL}sitemap-news.xml\n"
    )
    assert (site / "sitemap.xml").is_file()


def test_without_a_site_url_there_are_no_feeds_nor_news_sitemap(tmp_path: Path) -> None:
    yml = MINIMAL_MKDOCS_YML.replace(f"site_url: {SITE_URL}\n", "")
    site = build_at_now(write_newsroom(make_project(tmp_path), yml=yml))
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert not (site / "sitemap-news.xml").exists()
    assert list(site.rglob("feed.*")) == []
    assert read(site, "categories/transport/").select(".briefing-follow") == []


def test_the_user_s_robots_txt_wins(tmp_path: Path) -> None:
    project = write_newsroom(make_project(tmp_path))
    mine = "User-agent: *\nDisallow: /drafts/\n"
    (project / "docs" / "robots.txt").write_text(mine, encoding="utf-8")
    site = build_at_now(project)
    assert (site / "robots.txt").read_text(encoding="utf-8") == mine
    assert (site / "sitemap-news.xml").is_file()


def test_the_news_sitemap_names_the_publication_as_its_articles_do(tmp_path: Path) -> None:
    # Google asks news:name to match the publication named on the articles: their NewsArticle's
    # publisher is publisher_name when set (it was site_name in the news sitemap).
    yml = MINIMAL_MKDOCS_YML.replace(
        "  - briefings\n", "  - briefings:\n      publisher_name: The Anselm Desk\n"
    )
    site = build_at_now(write_newsroom(make_project(tmp_path), yml=yml))
    names = etree.parse(str(site / "sitemap-news.xml")).findall(f".//{{{NEWS_NS}}}name")
    assert names
    assert {n.text for n in names} == {"The Anselm Desk"}
    page = read(site, "briefings/harbour-strike-ends/")
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None
    assert json.loads(script.text)["publisher"]["name"] == "The Anselm Desk"
