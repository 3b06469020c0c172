"""Titles in any script, built for real: readable addresses, collisions reported, and Hebrew and
Arabic text shown in its own direction.

The briefings are fictional: Port Anselm and Nordvik are the invented towns of
tests/data/newsroom/, and every person and outlet here is invented too.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from ..conftest import MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import Tag

HEBREW = """\
title: שביתת הנמל בנורדוויק הסתיימה
category: כלכלה
published: 2025-11-03
tags: [נורדוויק, עבודה]
note: הערת העורך בעברית.
key_points:
  - עובדי הנמל חוזרים לעבודה ביום שני.
  - האיגוד השיג משמרת לילה קצרה יותר.
body:
  - paragraph: השביתה בת תשעה הימים הסתיימה לאחר שיחות שנמשכו כל הלילה.
    credits: [courier]
  - quote: קיבלנו את מה שבאנו בשבילו.
    speaker: מרה קוול
    role: מארגנת האיגוד
    context: מחוץ לשערי הנמל
    credits: [courier]
sources:
  courier: {name: הדואר של נורדוויק, url: "https://nordvik-courier.example/strike"}
"""

ARABIC = """\
title: إعادة فتح ميناء أنسلم بعد العاصفة
category: طقس
published: 2025-11-04
tags: [أنسلم]
key_points:
  - أعيد فتح ميناء أنسلم صباح الاثنين.
  - صمدت حواجز الفيضانات أمام العاصفة.
body:
  - paragraph: قالت سلطة الميناء إن السفن الأولى رست بعد الظهر.
    credits: [gazette]
  - quote: الحواجز أدت عملها كما خططنا.
    speaker: مارا كويل
    role: مديرة الميناء
    credits: [gazette]
sources:
  gazette: {name: صحيفة أنسلم}
"""

# An English briefing quoting someone in Hebrew, with an Arabic key point: each block in its
# own direction on the same page.
MIXED = """\
title: Nordvik ferry adds a night crossing
category: Transport
published: 2025-11-02
key_points:
  - The night ferry to Port Anselm starts in December.
  - الرحلة الليلية تبدأ في ديسمبر.
body:
  - paragraph: The crossing leaves Nordvik at midnight and arrives before dawn.
    credits: [courier]
  - quote: זה יחסוך לנו יום שלם.
    speaker: Ilan Dorev
    role: Fisherman
    credits: [courier]
sources:
  courier: {name: Nordvik Courier}
"""


def plain(title: str, day: int) -> str:
    return f"""\
title: {json.dumps(title, ensure_ascii=False)}
category: World
published: 2025-10-{day:02}
key_points:
  - A point about {json.dumps(title, ensure_ascii=False)}.
body:
  - paragraph: A paragraph.
    credits: [desk]
sources:
  desk: {{name: Anselm Desk}}
"""


#: Titles in other scripts, and the page addresses they get (see tests/unit/test_names.py).
OTHER_TITLES = {
    "港口罢工结束": "gang-kou-ba-gong-jie-shu",
    "港のストライキが終了": "gang-no-sutoraiki-ka-zhong-liao",
    "Η απεργία στο λιμάνι τελειώνει": "e-apergia-sto-limani-teleionei",
    "Harbour reopens 🎉⚓": "harbour-reopens",
    "🎉⚓": "briefing-8a8dc134",
    "?!…": "briefing-3f602b6c",
}
HEBREW_SLUG = "shbytt-hnml-bnvrdvvyq-hstyymh"
ARABIC_SLUG = "iada-fth-myna-anslm-bd-alasfa"
MIXED_SLUG = "nordvik-ferry-adds-a-night-crossing"

DIGEST = f"""\
title: השבוע בנמל
date: 2025-11-05
note: סיכום השבוע של העורך.
sections:
  - title: נמלים
    briefings: [{HEBREW_SLUG}, {ARABIC_SLUG}]
  - title: Elsewhere
    briefings: [{MIXED_SLUG}, gang-kou-ba-gong-jie-shu]
"""


def make_names_site(root: Path) -> Path:
    """A project in ``root`` with the Hebrew, Arabic and mixed briefings, the other titles,
    a Hebrew digest and a home page listing the latest briefings."""
    briefings = root / "briefings"
    (briefings / "digests").mkdir(parents=True)
    (root / "docs").mkdir()
    (briefings / "hebrew.yml").write_text(HEBREW, "utf-8")
    (briefings / "arabic.yml").write_text(ARABIC, "utf-8")
    (briefings / "mixed.yml").write_text(MIXED, "utf-8")
    for day, title in enumerate(OTHER_TITLES, start=1):
        (briefings / f"other-{day}.yml").write_text(plain(title, day), "utf-8")
    (briefings / "digests" / "2025-11-05.yml").write_text(DIGEST, "utf-8")
    (root / "docs" / "index.md").write_text(
        "---\ntemplate: briefings-home.html\n---\n\n# Home\n", "utf-8"
    )
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, "utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built strict: titles in any script are no problem."""
    return build_site(make_names_site(tmp_path_factory.mktemp("names")))


def read(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def auto(tags: list[Tag]) -> list[str | None]:
    """The dir attribute of each tag (all 'auto' when each takes its own direction)."""
    return [tag.get("dir") for tag in tags]  # type: ignore[misc]


# -- addresses -----------------------------------------------------------------------------------


def test_titles_in_any_script_get_readable_addresses(site: Path) -> None:
    for slug in [HEBREW_SLUG, ARABIC_SLUG, MIXED_SLUG, *OTHER_TITLES.values()]:
        assert (site / "briefings" / slug / "index.html").is_file(), slug
    page = read(site, f"briefings/{OTHER_TITLES['🎉⚓']}")
    assert page.select_one("div.briefing h1").get_text() == "🎉⚓"
    # Categories and tags in Hebrew and Arabic get readable listing addresses too.
    assert (site / "categories/klklh/index.html").is_file()
    assert (site / "tags/nvrdvvyq/index.html").is_file()
    assert (site / "categories/tqs/index.html").is_file()


def _collide(project: Path, second: str) -> None:
    briefings = project / "briefings"
    (briefings / "a-hebrew.yml").write_text(HEBREW, "utf-8")
    (briefings / "b-hebrew.yml").write_text(second, "utf-8")


def test_two_briefings_with_one_address_keep_the_first_and_report_the_second(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The same headline with an emoji added: the emoji leaves no trace in the address.
    second = HEBREW.replace("הסתיימה\n", "הסתיימה 🎉\n").replace(
        "עובדי הנמל חוזרים לעבודה ביום שני.", "נקודה מהקובץ השני."
    )
    _collide(project, second)
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"briefings/b-hebrew.yml:1:8: title: gives the page address '{HEBREW_SLUG}', which "
        "briefings/a-hebrew.yml already has; set a different 'slug:' in one of them"
    ]
    page = read(site, f"briefings/{HEBREW_SLUG}")
    points = [li.get_text() for li in page.select(".key-points li")]
    assert points[0] == "עובדי הנמל חוזרים לעבודה ביום שני."  # the first file's, not the second's
    assert [p for p in site.rglob("*.html") if "נקודה מהקובץ השני" in p.read_text("utf-8")] == []


def test_an_explicit_slug_taking_another_briefings_address_is_reported(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    second = f"slug: {HEBREW_SLUG}\n" + ARABIC
    _collide(project, second)
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    assert (
        f"briefings/b-hebrew.yml:1:7: slug: gives the page address '{HEBREW_SLUG}', which "
        "briefings/a-hebrew.yml already has; set a different 'slug:' in one of them"
    ) in [r.getMessage() for r in caplog.records]
    assert read(site, f"briefings/{HEBREW_SLUG}").select_one("h1").get_text() == (
        "שביתת הנמל בנורדוויק הסתיימה"
    )


def test_a_collision_fails_a_strict_build(project: Path) -> None:
    _collide(project, HEBREW)
    with pytest.raises(Abort):
        build_site(project, strict=True)


# -- direction -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [HEBREW_SLUG, ARABIC_SLUG, MIXED_SLUG])
def test_briefing_text_takes_its_own_direction(site: Path, slug: str) -> None:
    page = read(site, f"briefings/{slug}")
    article = page.select_one("div.briefing")
    assert auto(article.select("h1")) == ["auto"]
    assert auto(article.select(".key-points li")) == ["auto", "auto"]
    paragraphs = article.select(":scope > p:not([class])")
    assert paragraphs
    assert auto(paragraphs) == ["auto"] * len(paragraphs)
    assert auto(article.select("figure.briefing-quote blockquote")) == ["auto"]
    # Who said it: each part isolated in its own direction, the comma and dash outside them.
    speaker = article.select_one(".briefing-quote__speaker")
    parts = [c.name or str(c) for c in speaker.children]
    assert parts == ["— ", "bdi", ", ", "bdi"]
    context = article.select(".briefing-quote__context")
    assert [c.name for c in context for c in c.children] == ["bdi"] * len(context)
    assert auto(article.select(".admonition.note > p:not(.admonition-title)")) == ["auto"] * len(
        article.select(".admonition.note")
    )
    assert auto(article.select(".briefing-meta__category, .md-tag")) == ["auto"] * len(
        article.select(".briefing-meta__category, .md-tag")
    )
    cards = page.select(
        ".briefing-recent article.briefing-card, .briefing-related article.briefing-card"
    )
    assert cards
    for card in cards:
        assert auto(
            card.select(
                ".briefing-card__title > a, .briefing-card__category, .briefing-card__summary"
            )
        ) == ["auto", "auto", "auto"]
    pager = page.select(".briefing-pager .briefing-pager__title")
    assert pager
    assert auto(pager) == ["auto"] * len(pager)


def test_home_page_teasers_take_their_own_direction(site: Path) -> None:
    home = read(site, "")
    lead = home.select(".briefing-front__lead .briefing-card__title > a")
    assert [t.get_text() for t in lead] == ["إعادة فتح ميناء أنسلم بعد العاصفة"]  # the newest
    assert auto(lead) == ["auto"]
    assert auto(home.select(".briefing-front__lead .briefing-card__points li")) == ["auto"] * 2
    titles = home.select(".briefing-front__latest .briefing-card__title > a")
    assert "שביתת הנמל בנורדוויק הסתיימה" in [t.get_text() for t in titles]
    assert auto(titles) == ["auto"] * len(titles)
    summaries = home.select(".briefing-front__latest .briefing-card__summary")
    assert auto(summaries) == ["auto"] * len(titles)
    digest = home.select(".briefing-front__digest .briefing-card__title > a")
    assert auto(digest) == ["auto"]
    assert digest[0].get_text() == "השבוע בנמל"
    note = home.select(".briefing-front__digest .briefing-card__summary")
    assert [n.get_text() for n in note] == ["סיכום השבוע של העורך."]
    assert auto(note) == ["auto"]


def test_listings_isolate_each_headline_in_its_direction(site: Path) -> None:
    category = read(site, "categories/klklh")
    assert auto(category.select("article h1")) == ["auto"]
    links = category.select(".briefing-card__title > a")
    assert [a.get_text() for a in links] == ["שביתת הנמל בנורדוויק הסתיימה"]
    assert auto(links) == ["auto"]
    assert auto(category.select(".briefing-card__summary")) == ["auto"]
    for index in ("categories", "tags", "sources"):
        links = read(site, index).select("ul.briefing-kinds li > a")
        assert links, index
        assert auto(links) == ["auto"] * len(links), index
    digests = read(site, "digests").select(".briefing-card--digest .briefing-card__title > a")
    assert [a.get_text() for a in digests] == ["השבוע בנמל"]
    assert auto(digests) == ["auto"]
    archive = read(site, "archive/2025-11").select(".briefing-card__title > a")
    assert len(archive) == 3
    assert auto(archive) == ["auto"] * len(archive)


def test_digest_entries_take_their_own_direction(site: Path) -> None:
    article = read(site, "digests/2025-11-05").select_one("article")
    assert auto(article.select("h1")) == ["auto"]
    assert auto(article.select(".admonition.note > p:not(.admonition-title)")) == ["auto"]
    assert [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")] == [
        "נמלים",
        "Elsewhere",
    ]
    assert auto(article.select("h2")) == ["auto", "auto"]
    headlines = article.select("h3.briefing-card__title > a")
    assert len(headlines) == 4
    assert auto(headlines) == ["auto"] * 4
    assert auto(article.select(".briefing-card__category")) == ["auto"] * 4
    points = article.select("li")
    assert len(points) == 7
    assert auto(points) == ["auto"] * len(points)


def test_search_results_take_the_direction_of_their_text(site: Path) -> None:
    """Material builds the results from the search index, without dir attributes: the
    stylesheet gives each result paragraph the direction of its own text."""
    css = (site / "assets/stylesheets/briefings.css").read_text("utf-8")
    rule = next(line for line in css.splitlines() if "md-search-result__article" in line)
    assert rule.endswith("{ unicode-bidi: plaintext; }")
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    assert "שביתת הנמל בנורדוויק הסתיימה" in titles
    assert "إعادة فتح ميناء أنسلم بعد العاصفة" in titles
