"""People in a real build: briefings/people.yml and `by:` give a byline on the briefing and
digest pages, a page per person listing their briefings, authors in JSON-LD and the feeds, and
fediverse:creator; an unknown key fails --strict with a located "did you mean". Every name here
is fictional."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from mkdocs_briefings.cli import cli

from ..conftest import DATA, build_site

if TYPE_CHECKING:
    from pathlib import Path

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
PEOPLE = """\
ana-ruiz:
  name: Ana <Ruiz>
  role: Harbour correspondent
  bio: Covers the port & its unions.
  links:
    - https://ana.example/
    - https://social.example/@ana
  fediverse: "@ana@social.example"
ben-oduya:
  name: Ben Oduya
"""
FERRY = (
    HARBOUR.replace("Harbour strike ends after nine days", "Ferry timetable changes")
    .replace("published: 2025-11-03", "published: 2025-11-05\nby: [ana-ruiz]")
    .replace("updated: 2025-11-04\n", "")
)
DIGEST = """\
title: Wednesday
date: 2025-11-05
by: [ben-oduya]
briefings: [ferry-timetable-changes, harbour-strike-ends-after-nine-days]
"""


def with_byline(by: str) -> str:
    return HARBOUR.replace("published: 2025-11-03", f"published: 2025-11-03\nby: {by}")


def write_site(project: Path, *, by: str = "[ana-ruiz, ben-oduya]") -> None:
    (project / "briefings" / "people.yml").write_text(PEOPLE, encoding="utf-8")
    (project / "briefings" / "harbour.yml").write_text(with_byline(by), encoding="utf-8")
    (project / "briefings" / "ferry.yml").write_text(FERRY, encoding="utf-8")
    (project / "briefings" / "digests").mkdir()
    (project / "briefings" / "digests" / "2025-11-05.yml").write_text(DIGEST, encoding="utf-8")


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_briefing_shows_its_byline_linking_to_each_persons_page(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    html = page(site, "briefings/harbour-strike-ends-after-nine-days")
    byline = html.select_one(".briefing-byline")
    assert byline is not None
    assert " ".join(byline.get_text().split()) == "By Ana <Ruiz> and Ben Oduya"
    assert "Ana <Ruiz>" not in str(byline)  # escaped
    assert [a["href"] for a in byline.select("a")] == [
        "../../people/ana-ruiz/",
        "../../people/ben-oduya/",
    ]
    # Near the date: in the page's header, just after the date line.
    assert byline.find_previous_sibling("p", class_="briefing-meta") is not None
    fediverse = html.select('meta[name="fediverse:creator"]')
    assert [m["content"] for m in fediverse] == ["@ana@social.example"]
    (script,) = [s for s in html.select('script[type="application/ld+json"]') if s.string]
    article = json.loads(script.string or "")
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Ana <Ruiz>",
            "url": "https://news.example.org/people/ana-ruiz/",
            "jobTitle": "Harbour correspondent",
            "sameAs": ["https://ana.example/", "https://social.example/@ana"],
        },
        {
            "@type": "Person",
            "name": "Ben Oduya",
            "url": "https://news.example.org/people/ben-oduya/",
        },
    ]
    assert "<Ruiz>" not in script.string  # '<' is escaped inside <script>


def test_a_person_page_says_who_they_are_and_lists_their_briefings(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    html = page(site, "people/ana-ruiz")
    assert html.select_one("h1").get_text().strip("¶ ") == "Ana <Ruiz>"
    assert html.select_one(".briefing-person__role").get_text() == "Harbour correspondent"
    assert html.select_one(".briefing-person__bio").get_text() == "Covers the port & its unions."
    links = html.select(".briefing-person__links a")
    assert [(a["href"], a["rel"]) for a in links] == [
        ("https://ana.example/", ["me"]),
        ("https://social.example/@ana", ["me"]),
    ]
    titles = [a.get_text() for a in html.select(".briefing-card__title a")]
    assert titles == ["Ferry timetable changes", "Harbour strike ends after nine days"]
    index = page(site, "people")
    assert [a.get_text() for a in index.select(".briefing-kinds a")] == ["Ana <Ruiz>", "Ben Oduya"]


def test_a_local_avatar_is_shown_with_the_persons_name_as_alt_text(project: Path) -> None:
    write_site(project)
    (project / "docs" / "assets").mkdir()
    (project / "docs" / "assets" / "ben.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', "utf-8"
    )
    people = PEOPLE + "  avatar: assets/ben.svg\n"
    (project / "briefings" / "people.yml").write_text(people, encoding="utf-8")
    site = build_site(project)
    avatar = page(site, "people/ben-oduya").select_one("img.briefing-person__avatar")
    assert avatar is not None
    assert (avatar["src"], avatar["alt"]) == ("../../assets/ben.svg", "Ben Oduya")
    assert (site / "assets" / "ben.svg").is_file()


def test_a_missing_local_avatar_is_a_located_error(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(project)
    people = PEOPLE + "  avatar: assets/ben.jpg\n"
    (project / "briefings" / "people.yml").write_text(people, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "briefings/people.yml:11:11: ben-oduya.avatar: assets/ben.jpg is not in docs/; add the "
        "file or fix the path"
    ]


def test_a_digest_shows_its_byline(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    byline = page(site, "digests/2025-11-05").select_one(".briefing-byline")
    assert byline is not None
    assert byline.get_text() == "By Ben Oduya"
    assert byline.a is not None
    assert byline.a["href"] == "../../people/ben-oduya/"


def test_the_feeds_credit_the_byline(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    rss = feedparser.parse((site / "briefings.rss.xml").read_text(encoding="utf-8"))
    harbour = next(e for e in rss.entries if e.title.startswith("Harbour"))
    assert [a["name"] for a in harbour.authors] == ["Ana <Ruiz>", "Ben Oduya"]  # dc:creator
    atom = feedparser.parse((site / "briefings.atom.xml").read_text(encoding="utf-8"))
    harbour = next(e for e in atom.entries if e.title.startswith("Harbour"))
    assert [(a["name"], a["href"]) for a in harbour.authors] == [
        ("Ana <Ruiz>", "https://news.example.org/people/ana-ruiz/"),
        ("Ben Oduya", "https://news.example.org/people/ben-oduya/"),
    ]
    feed = json.loads((site / "digests.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["authors"] == [
        {"name": "Ben Oduya", "url": "https://news.example.org/people/ben-oduya/"}
    ]


def test_each_person_has_feeds_of_their_briefings(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    ana = site / "people" / "ana-ruiz"
    rss = feedparser.parse((ana / "feed.rss.xml").read_bytes())
    assert not rss.bozo
    assert [e.title for e in rss.entries] == [
        "Ferry timetable changes",
        "Harbour strike ends after nine days",
    ]
    assert "Ana &lt;Ruiz&gt;" in (ana / "feed.rss.xml").read_text(encoding="utf-8")
    assert "The nine-day strike at Port Anselm" in rss.entries[1].content[0].value  # full text
    ben = json.loads((site / "people" / "ben-oduya" / "feed.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in ben["items"]] == ["Harbour strike ends after nine days"]
    atom = feedparser.parse((ana / "feed.atom.xml").read_bytes())
    assert len(atom.entries) == 2
    ana_page = page(site, "people/ana-ruiz")
    follow = ana_page.select_one(".briefing-follow")
    assert follow is not None
    assert follow.get_text(" ", strip=True).startswith("Follow this writer: RSS")
    head = ana_page.find("link", rel="alternate")
    assert head is not None
    assert head["href"].endswith("feed.rss.xml")


def test_without_people_nothing_changes(project: Path) -> None:
    (project / "briefings" / "harbour.yml").write_text(HARBOUR, encoding="utf-8")
    site = build_site(project)
    html = page(site, "briefings/harbour-strike-ends-after-nine-days")
    assert html.select(".briefing-byline") == []
    assert not (site / "people").exists()
    assert '"author"' not in str(html)
    feed = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["authors"] == [{"name": "Test briefings: briefings"}]  # the feed's


def test_an_unknown_person_is_a_located_error_with_a_suggestion(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(project, by="[ana-ruiz, ben-oduja]")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    line = with_byline("x").splitlines().index("by: x") + 1
    assert (
        f"briefings/harbour.yml:{line}:16: by[1]: no one in briefings/people.yml has the key "
        "'ben-oduja'; did you mean 'ben-oduya'? add them to briefings/people.yml"
    ) in [r.getMessage() for r in caplog.records]
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_a_mistake_in_the_people_file_is_located(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(project)
    broken = PEOPLE.replace('fediverse: "@ana@social.example"', "fediverse: ana")
    (project / "briefings" / "people.yml").write_text(broken, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert messages == [
        "briefings/people.yml:8:14: ana-ruiz.fediverse: expected a fediverse handle like "
        "'@name@example.social' (an '@', the name, an '@' and the server's address)"
    ]
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_check_reads_the_people_file_as_people(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    (project / "briefings" / "harbour.yml").write_text(with_byline("[ana-ruis]"), "utf-8")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert "by[0]: no one in briefings/people.yml has the key 'ana-ruis'; did you mean" in (
        result.output
    )
    result = CliRunner().invoke(cli, ["check", "briefings/people.yml"])
    assert result.exit_code == 0, result.output
