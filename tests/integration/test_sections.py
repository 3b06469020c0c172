"""The optional sections in a real build: after the body, 'Why it matters', 'What's next' and
'Perspectives' before the sources, each credited; the same in the feeds and the search index;
hostile text shown as text everywhere. Every name here is fictional."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup

from ..conftest import DATA, MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
HOSTILE = "</p><script>alert('x')</script><!-- & {{ page }}"
SECTIONS = f"""\
why_it_matters:
  - paragraph: The port handles a third of the country's cargo.
    credits: [ledger, courier]
whats_next:
  - paragraph: Talks on pay resume in January.
    credits: [courier]
perspectives:
  - source: ledger
    label: Business press
    view: Shippers want the backlog cleared first.
  - source: courier
    label: {json.dumps(HOSTILE)}
    view: {json.dumps("Workers say " + HOSTILE)}
"""
PAGE = "briefings/harbour-strike-ends-after-nine-days/index.html"
URL = "https://news.example.org/briefings/harbour-strike-ends-after-nine-days/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("sections")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "briefings").mkdir()
    (project / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, encoding="utf-8")
    text = HARBOUR.replace("sources:\n", SECTIONS + "sources:\n", 1)
    (project / "briefings" / "harbour.yml").write_text(text, encoding="utf-8")
    return build_site(project)


def article(site: Path) -> BeautifulSoup:
    soup = BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "html.parser")
    content = soup.select_one("article.md-content__inner")
    assert content is not None
    return content


def test_page_shows_the_sections_under_headings_in_reading_order(site: Path) -> None:
    content = article(site)
    headings = [(h.get("id"), h.get_text(strip=True).rstrip("¶")) for h in content.find_all("h2")]
    assert headings == [
        ("why-it-matters", "Why it matters"),
        ("whats-next", "What’s next"),
        ("perspectives", "Perspectives"),
        ("sources", "Sources"),
    ]
    blocks = [
        el.get_text(" ", strip=True)
        for el in content.find_all(["p", "h2", "div"])
        if el.name != "div" or "admonition" in el.get("class", [])
    ]
    text = "\n".join(blocks)
    order = [
        "Key points",
        "nine-day strike",
        "Why it matters",
        "a third of the country",
        "What’s next",
        "Talks on pay",
        "Perspectives",
        "Business press",
        "Sources",
    ]
    positions = [text.index(t) for t in order]
    assert positions == sorted(positions)


def test_each_section_paragraph_and_view_has_its_credit_line(site: Path) -> None:
    content = article(site)
    why = content.find("h2", id="why-it-matters").find_next_sibling("p", class_="briefing-credit")
    assert [(a.get_text(), a["href"]) for a in why.find_all("a")] == [
        ("The Harbour Ledger", "https://harbour-ledger.example/2025/11/strike-ends"),
        ("Nordvik Courier", "#source-courier"),
    ]
    views = content.select(".briefing-perspectives > .briefing-perspective")
    credits = [v.select_one(".briefing-credit").get_text(" ", strip=True) for v in views]
    assert credits == ["According to The Harbour Ledger", "According to Nordvik Courier"]
    # The credit's anchor is on this page.
    assert content.find(id="source-courier") is not None


def test_hostile_text_in_sections_is_shown_as_text(site: Path) -> None:
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "<!-- &" not in html
    views = article(site).select(".briefing-perspective")
    assert views[1].select_one(".briefing-perspective__label").get_text() == HOSTILE
    assert views[1].find_all("p")[1].get_text() == "Workers say " + HOSTILE
    assert not views[1].find_all("script")


def test_search_index_has_the_sections(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    for words in ("a third of the country", "Talks on pay", "Shippers want the backlog"):
        assert words in texts


@pytest.mark.parametrize("name", ["briefings.rss.xml", "briefings.atom.xml"])
def test_feeds_carry_the_sections_with_headings(site: Path, name: str) -> None:
    feed = feedparser.parse((site / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    (entry,) = feed.entries
    assert entry.link == URL
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert [h.get_text() for h in content.find_all("h3")] == [
        "Why it matters",
        "What’s next",
        "Perspectives",
        "Sources",
    ]
    text = " ".join(content.get_text(" ").split())
    assert "Shippers want the backlog cleared first." in text
    assert f"{HOSTILE}: Workers say {HOSTILE}" in text
    assert not content.find_all("script")


def test_json_feed_carries_the_sections(site: Path) -> None:
    feed = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    (item,) = feed["items"]
    content = BeautifulSoup(item["content_html"], "html.parser")
    assert [h.get_text() for h in content.find_all("h3")][:3] == [
        "Why it matters",
        "What’s next",
        "Perspectives",
    ]
    assert not content.find_all("script")
