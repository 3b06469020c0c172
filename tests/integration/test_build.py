"""Real builds with MkDocs' own API: what a reader sees in the HTML."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from ..conftest import DATA, build_site

HARBOUR = DATA / "briefings" / "harbour-strike.yml"
PAGE = Path("briefings/harbour-strike-ends-after-nine-days/index.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def add_briefing(project: Path, name: str, text: str | None = None) -> Path:
    target = project / "briefings" / name
    target.write_text(
        text if text is not None else HARBOUR.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return target


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_briefing_page_shows_everything_a_reader_needs(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    site = build_site(project)
    page = soup(site / PAGE)
    article = page.select_one("div.briefing")
    assert article is not None
    headline = article.select_one("h1#briefing-title.briefing__title")
    assert headline.get_text(strip=True) == "Harbour strike ends after nine days"
    # Material's "Skip to content" goes to the first entry of the page's toc: the headline.
    assert page.select_one("a.md-skip")["href"] == "#briefing-title"

    # One meta line: category · reading time · date · Updated date (the dots are CSS).
    meta = page.select_one("header.briefing__header p.briefing-meta")
    assert meta.select_one("a.briefing-meta__category").get_text(strip=True) == "Economy"
    assert meta.select_one("a.briefing-meta__category")["href"] == "../../categories/economy/"
    times = meta.select("time")
    assert [t["datetime"] for t in times] == ["2025-11-03", "2025-11-04"]
    assert [t["title"] for t in times] == ["Monday, November 3, 2025", "Tuesday, November 4, 2025"]
    assert [t.get_text() for t in times] == [t["title"] for t in times]  # exact date until JS
    assert all(t.has_attr("data-briefing-relative") for t in times)
    assert meta.select_one(".briefing-meta__updated").get_text(" ", strip=True) == (
        "Updated Tuesday, November 4, 2025"
    )
    assert meta.get_text(" ", strip=True) == (
        "Economy 1 min read Monday, November 3, 2025 Updated Tuesday, November 4, 2025"
    )
    assert len(meta.select(".briefing-meta__item")) == 3

    # The tags come after the story, inside the article.
    tags = article.select(".briefing-tags .md-tag")
    assert [t.get_text() for t in tags] == ["Port Anselm", "Labour"]
    assert [t["href"] for t in tags] == ["../../tags/port-anselm/", "../../tags/labour/"]
    assert not page.select_one("header.briefing__header .briefing-tags")
    assert article.select_one("#sources").find_next(class_="briefing-tags") is not None

    points = page.select(".admonition.key-points li")
    assert (
        next(p.get_text() for p in points)
        == "Dock workers in Port Anselm return to work on Monday."
    )
    assert len(points) == 3

    # Each credit links to the outlet's article when the source has a URL, else to the source.
    credits = page.select("p.briefing-credit")
    assert [c.get_text() for c in credits] == [
        "According to The Harbour Ledger and Nordvik Courier",
        "According to The Harbour Ledger",
        "According to Nordvik Courier",
    ]
    assert [a["href"] for a in credits[0].select("a")] == [
        "https://harbour-ledger.example/2025/11/strike-ends",
        "#source-courier",
    ]
    assert credits[0].a["class"] == ["briefing-credit__outlet"]
    quote = page.select_one("figure.briefing-quote")
    assert quote.blockquote.get_text(strip=True) == "“We got what we came for.”"
    assert quote.blockquote["dir"] == "auto"
    speaker = quote.select_one("figcaption .briefing-quote__speaker")
    assert speaker.get_text() == "— Mara Quell, Union organiser"
    assert [b.get_text() for b in speaker.select("bdi")] == ["Mara Quell", "Union organiser"]
    assert (
        quote.select_one("figcaption .briefing-quote__context").get_text()
        == "Outside the port gates on Sunday"
    )
    assert not page.select(".admonition.briefing-quote, .briefing-quote-context")

    sources = page.select("#sources + ul li")
    assert [li["id"] for li in sources] == ["source-ledger", "source-courier"]
    assert sources[0].a["href"] == "https://harbour-ledger.example/2025/11/strike-ends"

    edit = page.select_one('a[rel="edit"]')["href"]
    assert edit == "https://github.com/example/briefings/edit/main/briefings/harbour-strike.yml"
    stylesheet = site / "assets/stylesheets/briefings.css"
    assert ".admonition.key-points" in stylesheet.read_text(encoding="utf-8")
    assert any("briefings.css" in link["href"] for link in page.select('link[rel="stylesheet"]'))
    # The script that makes the dates relative runs inline, right after the meta line (before
    # the first paint: nothing moves once the page is seen).
    script = meta.find_next_sibling()
    assert script.name == "script"
    assert "data-briefing-relative" in script.string
    assert "RelativeTimeFormat" in script.string


def test_meta_line_shows_an_update_on_the_day_of_publication(project: Path) -> None:
    # An editor who writes `updated:` means the briefing was updated, even the same day.
    text = HARBOUR.read_text(encoding="utf-8").replace("updated: 2025-11-04", "updated: 2025-11-03")
    add_briefing(project, "harbour-strike.yml", text)
    meta = soup(build_site(project) / PAGE).select_one("p.briefing-meta")
    assert [t["datetime"] for t in meta.select("time")] == ["2025-11-03", "2025-11-03"]
    assert "Updated" in meta.select_one(".briefing-meta__updated").get_text()


def test_meta_line_has_no_updated_date_without_updates(project: Path) -> None:
    text = HARBOUR.read_text(encoding="utf-8").replace("updated: 2025-11-04\n", "")
    add_briefing(project, "harbour-strike.yml", text)
    meta = soup(build_site(project) / PAGE).select_one("p.briefing-meta")
    assert [t["datetime"] for t in meta.select("time")] == ["2025-11-03"]
    assert meta.select_one(".briefing-meta__updated") is None


def test_share_links_and_copy_button_carry_the_absolute_url(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    site = build_site(project)
    page = soup(site / PAGE)
    url = "https://news.example.org/briefings/harbour-strike-ends-after-nine-days/"
    links = page.select(".briefing-share a")
    assert [a["aria-label"] for a in links] == [
        "Share on X", "Share on Facebook", "Share on LinkedIn", "Share on WhatsApp", "Share on Email"
    ]  # fmt: skip
    assert all("news.example.org%2Fbriefings%2Fharbour-strike" in a["href"] for a in links)
    # Icons, not text: each link names an icon that the packaged stylesheet defines.
    css = (site / "assets/stylesheets/briefings.css").read_text(encoding="utf-8")
    for a in [*links, page.select_one(".briefing-share button")]:
        key = next(c for c in a["class"] if c.startswith("briefing-share__link--")).split("--")[1]
        assert (
            f".briefing-share__link--{key} {{ --briefing-icon: var(--briefing-icon--{key}); }}"
            in css
        )
        assert f'--briefing-icon--{key}: url("data:image/svg+xml' in css
        assert a.get_text(strip=True) == ""
    assert page.select_one(".briefing-share button")["data-clipboard-text"] == url
    assert not page.select(".briefing-share script, script[src*='share']")


def unrelated(text: str, title: str, published: str, updated: str) -> str:
    """The harbour briefing retitled and redated, sharing no tag, story or outlet with it."""
    return (
        text.replace("Harbour strike ends", title)
        .replace("2025-11-03", published)
        .replace("2025-11-04", updated)
        .replace("tags: [Port Anselm, Labour]", f"tags: [{title} tag]")
        .replace("The Harbour Ledger", f"{title} Herald")
        .replace("Nordvik Courier", f"{title} Post")
    )


def test_recent_list_links_other_briefings_newest_first(project: Path) -> None:
    text = HARBOUR.read_text(encoding="utf-8")
    add_briefing(project, "a.yml", text)
    add_briefing(
        project, "b.yml", unrelated(text, "Ferry service resumes", "2025-11-05", "2025-11-06")
    )
    add_briefing(
        project, "c.yml", unrelated(text, "Bridge repairs start", "2025-11-01", "2025-11-02")
    )
    site = build_site(project)
    page = soup(site / PAGE)
    assert page.select_one(".briefing-related") is None  # nothing shares a tag or an outlet
    recent = page.select(".briefing-recent article.briefing-card .briefing-card__title a")
    assert [a.get_text() for a in recent] == [
        "Ferry service resumes after nine days",
        "Bridge repairs start after nine days",
    ]
    assert recent[0]["href"] == "../ferry-service-resumes-after-nine-days/"
    assert page.select_one(".briefing-recent h2").get_text() == "Recent briefings"


def test_recent_list_leaves_out_what_related_shows(project: Path) -> None:
    text = HARBOUR.read_text(encoding="utf-8")
    add_briefing(project, "a.yml", text)
    add_briefing(  # shares the tags and outlets: related
        project,
        "b.yml",
        text.replace("Harbour strike ends", "Ferry service resumes")
        .replace("2025-11-03", "2025-11-05")
        .replace("2025-11-04", "2025-11-06"),
    )
    add_briefing(
        project, "c.yml", unrelated(text, "Bridge repairs start", "2025-11-01", "2025-11-02")
    )
    page = soup(build_site(project) / PAGE)
    titles = ".briefing-card__title a"
    related = [a.get_text() for a in page.select(f".briefing-related {titles}")]
    recent = [a.get_text() for a in page.select(f".briefing-recent {titles}")]
    assert related == ["Ferry service resumes after nine days"]
    assert recent == ["Bridge repairs start after nine days"]


def test_briefings_stay_out_of_the_navigation_and_boilerplate_out_of_search(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    site = build_site(project)
    nav = soup(site / "index.html").select(".md-nav--primary a")
    assert all("harbour" not in a.get("href", "") for a in nav)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index)
    assert "Harbour strike ends after nine days" in text
    assert "Mara Quell" in text
    assert "Nordvik Courier" in text
    page = next(d for d in index["docs"] if d["location"].endswith("nine-days/"))
    assert page["tags"] == ["Economy", "Port Anselm", "Labour"]
    assert "Share this briefing" not in text
    assert "Recent briefings" not in text


def test_broken_briefing_is_reported_with_its_location_and_left_out(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "good.yml")
    bad = HARBOUR.read_text(encoding="utf-8").replace("key_points:", "keypoints:")
    add_briefing(project, "bad.yml", bad.replace("Harbour strike", "Another strike"))
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert (
        "briefings/bad.yml:7:1: unknown field 'keypoints'; did you mean 'key_points'?" in warnings
    )
    assert (site / PAGE).exists()
    assert not (site / "briefings/another-strike-ends-after-nine-days").exists()
    assert not any("Traceback" in r.getMessage() for r in caplog.records)


def test_strict_build_fails_on_any_problem(project: Path) -> None:
    add_briefing(project, "bad.yml", "title: [unclosed\n")
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_two_briefings_with_one_slug_are_a_located_error(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "a.yml")
    add_briefing(project, "b.yml")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    assert (
        "briefings/b.yml:2:8: title: gives the page address 'harbour-strike-ends-after-nine-days', "
        "which briefings/a.yml already has; set a different 'slug:' in one of them"
    ) in [r.getMessage() for r in caplog.records]


def test_build_writes_nothing_into_briefings_or_docs(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    before = (tree_digest(project / "briefings"), tree_digest(project / "docs"))
    build_site(project)
    assert (tree_digest(project / "briefings"), tree_digest(project / "docs")) == before


def test_theme_override_in_custom_dir_wins(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    overrides = project / "docs" / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "briefing-share.html").write_text(
        "<p class='my-share'>custom</p>", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: docs/overrides\n"
        ),
        encoding="utf-8",
    )
    page = soup(build_site(project) / PAGE)
    assert page.select_one(".my-share").get_text() == "custom"
    assert page.select_one(".briefing-share") is None


def test_local_image_is_shown_with_its_credit(project: Path) -> None:
    images = project / "docs" / "assets"
    images.mkdir()
    shutil.copy(Path(__file__).parents[2] / "docs" / "schema" / "briefing.json", images / "x.json")
    (images / "port.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    text = HARBOUR.read_text(encoding="utf-8").replace(
        "key_points:",
        "image:\n  src: assets/port.svg\n  alt: Cranes at dawn\n  credit: Ledger photo desk\nkey_points:",
    )
    add_briefing(project, "harbour-strike.yml", text)
    page = soup(build_site(project) / PAGE)
    figure = page.select_one("div.briefing figure.briefing-figure")
    img = figure.select_one("img.briefing-image")
    assert img["src"] == "../../assets/port.svg"
    assert img["alt"] == "Cranes at dawn"
    assert img["fetchpriority"] == "high"  # above the fold: loaded first, not lazily
    assert not img.has_attr("loading")
    caption = figure.select_one("figcaption.briefing-figure__caption")
    assert caption.get_text() == "Photo: Ledger photo desk"
    assert not page.select(".briefing-image-credit")


def test_briefing_cannot_replace_a_hand_written_page(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "harbour-strike.yml")
    page = project / "docs" / "briefings" / "harbour-strike-ends-after-nine-days.md"
    page.parent.mkdir()
    page.write_text("# Hand-written\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    assert (
        "briefings/harbour-strike.yml:2:8: title: gives the page address "
        "'harbour-strike-ends-after-nine-days', but docs/briefings/harbour-strike-ends-after-nine-days.md "
        "already has it; set a different 'slug:' or rename the page"
    ) in [r.getMessage() for r in caplog.records]
    assert "Hand-written" in (site / PAGE).read_text(encoding="utf-8")


def test_hand_written_page_at_the_same_url_is_also_a_conflict(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "harbour-strike.yml")
    page = project / "docs" / "briefings" / "harbour-strike-ends-after-nine-days" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Hand-written\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    assert any("already has it" in r.getMessage() for r in caplog.records)


def test_title_with_markup_is_shown_as_text_everywhere(project: Path) -> None:
    hostile = 'Strike <img src=x onerror="alert(1)"> ends'
    text = (
        HARBOUR.read_text(encoding="utf-8")
        .replace("title: Harbour strike ends after nine days", f"title: '{hostile}'")
        .replace("tags: [Port Anselm, Labour]", "tags: ['<b>Port</b>']")
    )
    add_briefing(project, "harbour-strike.yml", text)
    site = build_site(project)
    for html_file in site.rglob("*.html"):
        assert "<img src=x" not in html_file.read_text(encoding="utf-8"), html_file
        assert "<b>Port</b>" not in html_file.read_text(encoding="utf-8"), html_file
    page = soup(next(site.glob("briefings/strike-*/index.html")))
    assert page.select_one("div.briefing h1").get_text() == hostile
    assert page.title.get_text().startswith(hostile)
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<img" not in index
    assert "<b>" not in index


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("words_per_minute", 0),
        ("page_size", 0),
        ("recent_limit", -1),
        ("url_prefix", "''"),
        ("url_prefix", "/"),
    ],
)
def test_impossible_options_are_refused_clearly(
    project: Path, option: str, value: int, caplog: pytest.LogCaptureFixture
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - briefings\n", f"  - briefings:\n      {option}: {value}\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        build_site(project)
    assert any(f"briefings: '{option}'" in r.getMessage() for r in caplog.records)
