"""sitemaps: the Google News sitemap and robots.txt, from a fixed build time (pure). Every
person, place and outlet here is fictional."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.sitemaps import (
    NEWS_NS,
    SITEMAP_NS,
    NewsEntry,
    crawler_files,
    news_entries,
    news_language,
    render_news_sitemap,
    render_robots,
)

from ..conftest import DATA

if TYPE_CHECKING:
    from mkdocs_briefings.entries import Entry

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
SCHEMAS = DATA / "sitemaps"
SITE = "https://news.example.org/"
# Midnight UTC of 2025-11-06: a briefing of 2025-11-04 is exactly two days old.
NOW = dt.datetime(2025, 11, 6, tzinfo=dt.UTC)


def briefing(title: str, published: str, *, draft: bool = False) -> Entry:
    text = HARBOUR.replace("Harbour strike ends after nine days", title)
    text = text.replace("published: 2025-11-03", f"published: {published}")
    text = text.replace("updated: 2025-11-04\n", "") + ("draft: true\n" if draft else "")
    return read_entry(text, path=f"briefings/{published}-{len(title)}.yml")


def url(entry: Entry) -> str:
    return f"{SITE}briefings/{entry.slug}/"


def titles(found: list[NewsEntry]) -> list[str]:
    return [e.title for e in found]


NEWEST = [  # newest first, as the plan orders them
    briefing("Tram line opens early", "2025-11-07"),  # after the build: not yet
    briefing("Ferry fares frozen", "2025-11-06"),
    briefing("Ferry timetable draft", "2025-11-05", draft=True),
    briefing("Harbour crane repaired", "2025-11-05"),
    briefing("Harbour strike ends", "2025-11-04"),
    briefing("Dock workers vote", "2025-11-03"),
]


def test_the_news_sitemap_holds_the_last_two_days_but_drafts_and_future_briefings() -> None:
    found = news_entries(NEWEST, now=NOW, url=url)
    assert titles(found) == ["Ferry fares frozen", "Harbour crane repaired", "Harbour strike ends"]
    assert found[0] == NewsEntry(
        f"{SITE}briefings/ferry-fares-frozen/", "Ferry fares frozen", "2025-11-06"
    )


@pytest.mark.parametrize(
    ("now", "oldest"),
    [
        (NOW, "Harbour strike ends"),  # exactly two days: in
        (NOW + dt.timedelta(seconds=1), "Harbour crane repaired"),  # a second more: out
        (NOW - dt.timedelta(days=1), "Dock workers vote"),  # 2025-11-03: two days old then
    ],
)
def test_the_two_day_window_includes_both_ends(now: dt.datetime, oldest: str) -> None:
    assert titles(news_entries(NEWEST, now=now, url=url))[-1] == oldest


def test_a_briefing_of_the_build_day_is_in_from_its_midnight() -> None:
    at_midnight = dt.datetime(2025, 11, 7, tzinfo=dt.UTC)
    assert titles(news_entries(NEWEST, now=at_midnight, url=url))[0] == "Tram line opens early"
    just_before = at_midnight - dt.timedelta(microseconds=1)
    assert titles(news_entries(NEWEST, now=just_before, url=url))[0] == "Ferry fares frozen"


def test_a_date_alone_starts_at_midnight_in_the_site_s_time_zone() -> None:
    # As site.md says: 2025-11-07 in Tokyo (UTC+9) begins at 15:00 UTC on 2025-11-06.
    tokyo = dt.timezone(dt.timedelta(hours=9))
    at = dt.datetime(2025, 11, 6, 15, tzinfo=dt.UTC)
    assert titles(news_entries(NEWEST, now=at, url=url, zone=tokyo))[0] == "Tram line opens early"
    before = at - dt.timedelta(microseconds=1)
    assert titles(news_entries(NEWEST, now=before, url=url, zone=tokyo))[0] == "Ferry fares frozen"


def test_the_news_sitemap_keeps_the_newest_up_to_its_limit() -> None:
    many = [briefing(f"Briefing number {i}", "2025-11-05") for i in range(5)]
    found = news_entries(many, now=NOW, url=url, limit=3)
    assert titles(found) == ["Briefing number 0", "Briefing number 1", "Briefing number 2"]
    assert len(news_entries(many * 300, now=NOW, url=url)) == 1000  # Google's maximum


def parse(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"))


def schema() -> etree.XMLSchema:
    """sitemaps.org's schema with Google's news extension (tests/data/sitemaps/, saved)."""
    driver = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
        targetNamespace="{SITEMAP_NS}" elementFormDefault="qualified">
      <xsd:import namespace="{NEWS_NS}" schemaLocation="{(SCHEMAS / "sitemap-news.xsd").as_uri()}"/>
      <xsd:include schemaLocation="{(SCHEMAS / "sitemap.xsd").as_uri()}"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(driver))


def test_the_news_sitemap_has_google_s_required_tags_and_validates() -> None:
    entries = [NewsEntry(f"{SITE}briefings/a/", "Ferry fares frozen", "2025-11-06")]
    root = parse(render_news_sitemap(entries, name="Nordvik News", language="en"))
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    (item,) = root.findall("s:url", ns)
    assert item.findtext("s:loc", namespaces=ns) == f"{SITE}briefings/a/"
    news = item.find("n:news", ns)
    assert news.findtext("n:publication/n:name", namespaces=ns) == "Nordvik News"
    assert news.findtext("n:publication/n:language", namespaces=ns) == "en"
    assert news.findtext("n:publication_date", namespaces=ns) == "2025-11-06"
    assert news.findtext("n:title", namespaces=ns) == "Ferry fares frozen"
    validator = schema()
    assert validator.validate(root), validator.error_log


def test_the_saved_schema_refuses_what_google_refuses() -> None:
    """The fixture is a real check: a language name or a missing title fails it."""
    entries = [NewsEntry(f"{SITE}briefings/a/", "Ferry fares frozen", "2025-11-06")]
    xml = render_news_sitemap(entries, name="Nordvik News", language="en")
    for broken in (
        xml.replace("<news:language>en<", "<news:language>English<"),
        xml.replace("<news:title>Ferry fares frozen</news:title>", ""),
        xml.replace("2025-11-06<", "6 November 2025<"),
    ):
        assert not schema().validate(parse(broken))


def test_texts_are_escaped_and_characters_xml_cannot_hold_dropped() -> None:
    title = 'Ferry <b>fares</b> & "tolls"\x01 frozen'
    entries = [NewsEntry(f"{SITE}briefings/a/?x=1&y=2", title, "2025-11-06")]
    xml = render_news_sitemap(entries, name="Nordvik <News> & Co", language="en")
    assert "<b>" not in xml
    root = parse(xml)
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    assert (
        root.findtext("s:url/n:news/n:title", namespaces=ns)
        == 'Ferry <b>fares</b> & "tolls" frozen'
    )
    assert (
        root.findtext("s:url/n:news/n:publication/n:name", namespaces=ns) == "Nordvik <News> & Co"
    )
    assert root.findtext("s:url/s:loc", namespaces=ns) == f"{SITE}briefings/a/?x=1&y=2"
    assert schema().validate(root)


def test_an_empty_news_sitemap_is_still_well_formed() -> None:
    """No briefing in the last two days: the file stays (robots.txt names it), with no URL."""
    root = parse(render_news_sitemap([], name="Nordvik News", language="en"))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert len(root) == 0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "en"),
        ("pt-BR", "pt"),
        ("de_AT", "de"),
        ("zh", "zh-cn"),
        ("zh-Hant", "zh-tw"),
        ("zh-TW", "zh-tw"),
        ("fil", "fil"),
    ],
)
def test_the_language_is_named_as_google_news_asks(language: str, expected: str) -> None:
    assert news_language(language) == expected


def test_robots_txt_allows_everything_and_names_both_sitemaps() -> None:
    assert render_robots("https://news.example.org/world") == (
        "User-agent: *\n"
        "Allow: /\n"
        "\n"
        "Sitemap: https://news.example.org/world/sitemap.xml\n"
        "Sitemap: https://news.example.org/world/sitemap-news.xml\n"
    )


def test_robots_txt_without_a_site_url_names_no_sitemap() -> None:
    assert render_robots("") == "User-agent: *\nAllow: /\n"


def crawl(*, site_url: str = SITE, exists: frozenset[str] = frozenset()) -> dict[str, str]:
    return crawler_files(
        NEWEST,
        site_url=site_url,
        site_name="Nordvik News",
        language="en",
        url=lambda e: f"briefings/{e.slug}/",
        now=NOW,
        exists=exists.__contains__,
    )


def test_crawler_files_are_robots_txt_and_the_news_sitemap_with_absolute_addresses() -> None:
    files = crawl()
    assert sorted(files) == ["robots.txt", "sitemap-news.xml"]
    assert f"<loc>{SITE}briefings/ferry-fares-frozen/</loc>" in files["sitemap-news.xml"]


def test_a_file_of_the_user_wins_and_no_site_url_means_no_news_sitemap() -> None:
    assert sorted(crawl(exists=frozenset({"robots.txt"}))) == ["sitemap-news.xml"]
    assert sorted(crawl(exists=frozenset({"sitemap-news.xml"}))) == ["robots.txt"]
    assert crawl(site_url="") == {"robots.txt": "User-agent: *\nAllow: /\n"}
