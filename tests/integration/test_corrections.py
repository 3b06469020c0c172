"""Trust in a real build (issue 16, item 4): the home page names the newsroom as a
NewsMediaOrganization, the Corrections page lists every correction newest first, each briefing's
JSON-LD carries its corrections and the feeds date a corrected briefing by its latest correction.
Every name here is fictional."""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING

import feedparser
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from ..conftest import DATA, MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

SITE = "https://news.example.org/"
HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8") + (
    "corrections:\n"
    "  - date: 2025-11-05\n"
    "    text: The strike lasted nine days, not ten.\n"
    "  - date: 2025-11-09\n"
    '    text: "Mara Quell organises for the Dockers\' Guild </script> <b>not</b> the Union."\n'
)
FERRY = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8").replace(
    "Harbour strike ends after nine days", "Ferry timetable changes"
).replace("published: 2025-11-03", "published: 2025-11-06").replace(
    "updated: 2025-11-04\n", ""
) + "corrections:\n  - date: 2025-11-07\n    text: The first ferry leaves at 7, not 8.\n"
DRAFT = FERRY.replace("Ferry timetable changes", "Bridge closes") + "draft: true\n"
PUBLISHER = """\
      publisher_name: The Anselm Desk
      publisher_logo: assets/logo.png
      publisher_masthead: about.md#masthead
      publisher_corrections_policy: corrections-policy.md
      publisher_ethics_policy: standards.md
      publisher_contact: desk@anselm-desk.example
      publisher_founding_date: 2024-03-01
      publisher_same_as: [https://social.example/@anselmdesk]
"""
HOME = "---\ntemplate: briefings-home.html\n---\n\n# The Anselm Desk\n"


def write_site(project: Path, *, options: str = PUBLISHER, site_url: bool = True) -> None:
    docs = project / "docs"
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for name in ("about", "corrections-policy", "standards"):
        (docs / f"{name}.md").write_text(f"# {name}\n\n## Masthead\n", encoding="utf-8")
    for name, text in (("harbour", HARBOUR), ("ferry", FERRY), ("bridge", DRAFT)):
        (project / "briefings" / f"{name}.yml").write_text(text, encoding="utf-8")
    yml = MINIMAL_MKDOCS_YML.replace("  - briefings\n", "  - briefings:\n" + options)
    if not site_url:
        yml = yml.replace(f"site_url: {SITE}\n", "")
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def json_ld(page: BeautifulSoup) -> list[dict[str, object]]:
    return [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]


def test_the_home_page_names_the_newsroom(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    [data] = json_ld(soup(site / "index.html"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsMediaOrganization",
        "@id": f"{SITE}#publisher",
        "name": "The Anselm Desk",
        "url": SITE,
        "logo": {"@type": "ImageObject", "url": f"{SITE}assets/logo.png"},
        "masthead": f"{SITE}about/#masthead",
        "correctionsPolicy": f"{SITE}corrections-policy/",
        "ethicsPolicy": f"{SITE}standards/",
        "foundingDate": "2024-03-01",
        "sameAs": ["https://social.example/@anselmdesk"],
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "newsroom",
            "email": "desk@anselm-desk.example",
        },
    }
    for url in (f"{SITE}assets/logo.png", data["masthead"], data["ethicsPolicy"]):
        path = str(url).removeprefix(SITE).partition("#")[0]
        assert (site / path).is_file() or (site / path / "index.html").is_file(), url
    # Each briefing's publisher is the same organization.
    page = soup(site / "briefings" / "ferry-timetable-changes" / "index.html")
    [article] = json_ld(page)
    assert article["publisher"] == {k: v for k, v in data.items() if k != "@context"}


def test_without_options_the_publisher_is_the_site(project: Path) -> None:
    write_site(project, options="      enabled: true\n")
    [data] = json_ld(soup(build_site(project) / "index.html"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsMediaOrganization",
        "@id": f"{SITE}#publisher",
        "name": "Test briefings",
        "url": SITE,
    }


def test_without_a_site_url_there_is_no_json_ld(project: Path) -> None:
    write_site(project, site_url=False)
    site = build_site(project)
    assert json_ld(soup(site / "index.html")) == []
    assert (site / "corrections" / "index.html").is_file()


def test_the_corrections_page_lists_every_correction_newest_first(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    page = soup(site / "corrections" / "index.html")
    items = page.select("li.briefing-correction")
    found = [
        (li.time["datetime"], li.a.get_text(), li.select_one(".briefing-correction__text").text)
        for li in items
    ]
    assert found == [
        (
            "2025-11-09",
            "Harbour strike ends after nine days",
            "Mara Quell organises for the Dockers' Guild </script> <b>not</b> the Union.",
        ),
        ("2025-11-07", "Ferry timetable changes", "The first ferry leaves at 7, not 8."),
        (
            "2025-11-05",
            "Harbour strike ends after nine days",
            "The strike lasted nine days, not ten.",
        ),
    ]
    assert "Bridge closes" not in page.get_text()  # a draft's corrections are not listed
    for li in items:  # each link leads to its briefing's page
        target = posixpath.normpath(posixpath.join("corrections", li.a["href"]))
        linked = soup(site / target / "index.html")
        assert linked.h1.get_text(strip=True).startswith(li.a.get_text())
    policy = page.select_one(".briefing-intro a")["href"]
    assert (
        site / posixpath.normpath(posixpath.join("corrections", policy)) / "index.html"
    ).exists()
    assert page.title.get_text().startswith("Corrections")


def test_no_corrections_yet(project: Path) -> None:
    (project / "briefings" / "harbour.yml").write_text(
        (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    page = soup(build_site(project) / "corrections" / "index.html")
    assert page.select("li.briefing-correction") == []
    assert "No corrections yet." in page.get_text()


def test_a_briefing_carries_its_corrections_as_correction_comments(project: Path) -> None:
    write_site(project)
    page = soup(
        build_site(project) / "briefings" / "harbour-strike-ends-after-nine-days" / "index.html"
    )
    raw = page.select_one('script[type="application/ld+json"]').string
    assert "</script" not in raw
    [article] = json_ld(page)
    assert article["dateModified"] == "2025-11-09"
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The strike lasted nine days, not ten.",
            "datePublished": "2025-11-05",
        },
        {
            "@type": "CorrectionComment",
            "text": "Mara Quell organises for the Dockers' Guild </script> <b>not</b> the Union.",
            "datePublished": "2025-11-09",
        },
    ]


def test_a_corrected_briefing_is_an_updated_feed_entry(project: Path) -> None:
    write_site(project)
    site = build_site(project)
    atom = feedparser.parse((site / "briefings.atom.xml").read_text(encoding="utf-8"))
    rss = feedparser.parse((site / "briefings.rss.xml").read_text(encoding="utf-8"))
    assert not atom.bozo
    assert not rss.bozo
    entries = {e.title: e for e in atom.entries}
    assert set(entries) == {"Harbour strike ends after nine days", "Ferry timetable changes"}
    harbour = entries["Harbour strike ends after nine days"]
    assert harbour.updated.startswith("2025-11-09")  # the latest correction
    assert harbour.published.startswith("2025-11-03")
    assert entries["Ferry timetable changes"].updated.startswith("2025-11-07")
    for entry in (harbour, *(e for e in rss.entries if e.title == harbour.title)):
        content = BeautifulSoup(entry.content[0].value, "html.parser").get_text(" ")
        assert "Correction, Sunday, November 9, 2025:" in content
        assert "the Dockers' Guild </script> <b>not</b> the Union." in content
    items = json.loads((site / "briefings.json").read_text(encoding="utf-8"))["items"]
    modified = {item["title"]: item["date_modified"][:10] for item in items}
    assert modified == {
        "Harbour strike ends after nine days": "2025-11-09",
        "Ferry timetable changes": "2025-11-07",
    }


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("publisher_logo: javascript:alert(1)", "publisher_logo: 'javascript:alert(1)' is"),
        ("publisher_logo: assets/missing.png", "publisher_logo: assets/missing.png is not a file"),
        ("publisher_ethics_policy: ethics.md", "publisher_ethics_policy: ethics.md is not a file"),
        (
            "publisher_founding_date: 'spring 2024'",
            "publisher_founding_date: 'spring 2024' is not a date",
        ),
        ("publisher_same_as: [twitter]", "publisher_same_as[0]: 'twitter' is not"),
    ],
)
def test_bad_publisher_options_stop_the_build(
    project: Path, option: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(project, options=f"      {option}\n")
    with pytest.raises(Abort):
        build_site(project)
    assert f"briefings: {message}" in caplog.text
    assert "Traceback" not in caplog.text
