"""The site reads as a news site (issue 14), built for real: a briefing page's figure, credits,
pull quotes and pager; story cards with thumbnails on every listing; story names as written;
no sidebars on briefing pages; share cards as the social image.

One small fictional newsroom is built once for the module: five briefings on five days
(newest first: tram, chart, barrier, rates, sea wall), two of them in a story, with a raster
photo, an SVG illustration, a remote graphic, an image with no file, and none; and two
digests. Every person, place and outlet here is invented.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, NavigableString
from PIL import Image

from ..conftest import MINIMAL_MKDOCS_YML, build_site

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import Tag

SITE_URL = "https://news.example.org/"

SEA_WALL = """\
title: Port Anselm approves sea wall funding
category: Climate
published: 2025-12-01
story: port-anselm-sea-wall
tags: [Port Anselm, Flooding]
image:
  src: assets/images/sea-wall.png
  alt: Workers pour concrete for the sea wall's first section.
  credit: Ledger photo desk
key_points:
  - Port Anselm's council approved funding for a sea wall.
  - Building starts in the spring.
body:
  - paragraph: The council voted to fund the first section of the sea wall on Monday.
    credits: [ledger, courier]
  - quote: The wall will protect the old harbour for fifty years.
    speaker: ليلى حداد
    role: مهندسة الميناء
    context: At the council meeting
    credits: [ledger, courier]
  - paragraph: Residents of the old harbour had asked for the wall since the last storm.
    credits: [courier]
  - paragraph: The second section is to be voted on next year.
    credits: [ledger, courier]
sources:
  ledger:
    name: The Harbour Ledger
    url: https://harbour-ledger.example/2025/12/sea-wall
  courier:
    name: Nordvik Courier
"""

RATES = """\
title: Halvmark bank holds its rates
category: Economy
published: 2025-12-02
tags: [Halvmark]
image:
  alt: A chart of interest rates over ten years.
  credit: Halvmark Pictures
key_points:
  - The Bank of Halvmark kept its main rate at three per cent.
body:
  - paragraph: The bank's board voted five to two to hold the rate.
    credits: [radio]
sources:
  radio:
    name: Radio Halvmark
"""

BARRIER = """\
title: Storm barrier holds at Port Anselm
category: Climate
published: 2025-12-03
story: Port Anselm sea wall
tags: [Port Anselm, Storms]
image:
  src: assets/images/barrier.svg
  alt: A drawing of the temporary barrier in front of the harbour.
  credit: Anselm Desk
  kind: illustration
key_points:
  - The temporary barrier held through the night's storm.
body:
  - paragraph: Water rose to a metre below the top of the barrier.
    credits: [gazette]
  - quote: It did what it was built for.
    speaker: Mara Quell
    role: Harbour master
    credits: [gazette]
sources:
  gazette:
    name: Anselm Gazette
    url: https://anselm-gazette.example/barrier
"""

CHART = """\
title: Nordvik ferry use doubles
category: Transport
published: 2025-12-04
tags: [Nordvik, Ferries]
image:
  src: https://img.example/ferry-chart.png
  alt: A bar chart of ferry passengers per month.
  credit: Nordvik Tribune graphics
  kind: graphic
key_points:
  - Twice as many passengers took the Nordvik ferry as a year ago.
body:
  - paragraph: The ferry carried forty thousand passengers in November.
    credits: [tribune]
sources:
  tribune:
    name: Nordvik Tribune
"""

TRAM = """\
title: Nordvik tram line opens
category: Transport
published: 2025-12-05
tags: [Nordvik, Trams]
key_points:
  - Nordvik's first tram line opened to passengers on Friday.
body:
  - paragraph: Trams run every ten minutes between the station and the harbour.
    credits: [wire]
sources:
  wire:
    name: Velorian Wire
"""

BRIEFINGS = {"sea-wall": SEA_WALL, "rates": RATES, "barrier": BARRIER, "chart": CHART, "tram": TRAM}

# Site-relative URLs of the briefings, newest first.
TRAM_URL = "briefings/nordvik-tram-line-opens/"
CHART_URL = "briefings/nordvik-ferry-use-doubles/"
BARRIER_URL = "briefings/storm-barrier-holds-at-port-anselm/"
RATES_URL = "briefings/halvmark-bank-holds-its-rates/"
SEA_WALL_URL = "briefings/port-anselm-approves-sea-wall-funding/"
NEWEST_FIRST = [TRAM_URL, CHART_URL, BARRIER_URL, RATES_URL, SEA_WALL_URL]
WITH_IMAGES = {SEA_WALL_URL, BARRIER_URL, CHART_URL}  # rates' image has no file: no image

DIGESTS = {
    "2025-12-02": "title: Early December\ndate: 2025-12-02\nbriefings:\n"
    "  - port-anselm-approves-sea-wall-funding\n  - halvmark-bank-holds-its-rates\n",
    "2025-12-04": "title: Storm week\ndate: 2025-12-04\nbriefings:\n"
    "  - storm-barrier-holds-at-port-anselm\n  - nordvik-ferry-use-doubles\n",
}


def make_news_site(root: Path) -> Path:
    """The newsroom project in ``root``, with a home page using briefings-home.html."""
    digests = root / "briefings" / "digests"
    digests.mkdir(parents=True)
    for name, text in BRIEFINGS.items():
        (root / "briefings" / f"{name}.yml").write_text(text, "utf-8")
    for day, text in DIGESTS.items():
        (digests / f"{day}.yml").write_text(text, "utf-8")
    images = root / "docs" / "assets" / "images"
    images.mkdir(parents=True)
    Image.new("RGB", (1600, 900), (40, 80, 120)).save(images / "sea-wall.png")
    (images / "barrier.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 500"/>', "utf-8"
    )
    (root / "docs" / "index.md").write_text(
        "---\ntemplate: briefings-home.html\n---\n\n# Harbour news\n", "utf-8"
    )
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, "utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once, strict: the build has no warnings."""
    return build_site(make_news_site(tmp_path_factory.mktemp("news")))


def read(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def resolve(page_url: str, href: str) -> str:
    """The site-relative URL that ``href``, written in the page at ``page_url``, points to."""
    return urljoin(SITE_URL + page_url, href).removeprefix(SITE_URL)


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def card_urls(page_url: str, scope: Tag | None) -> list[str]:
    """The site-relative target of each story card's headline in ``scope``."""
    if scope is None:
        return []
    return [resolve(page_url, a["href"]) for a in scope.select(".briefing-card__title > a")]


def meta_tags(page: BeautifulSoup) -> dict[str, str]:
    return {
        str(m.get("property") or m.get("name")): str(m["content"])
        for m in page.head.select("meta[content]")
    }


# -- the briefing page: figure, credits, quotes --------------------------------------------------


def test_a_credit_line_shared_by_a_paragraph_and_the_quote_after_it_is_shown_once(
    site: Path,
) -> None:
    article = read(site, SEA_WALL_URL).select_one("div.briefing")
    credits = article.select("p.briefing-credit")
    assert [text_of(c) for c in credits] == [
        "According to The Harbour Ledger and Nordvik Courier",  # after the quote, not before
        "According to Nordvik Courier",
        "According to The Harbour Ledger and Nordvik Courier",  # not next to the first: again
    ]
    first = article.find("p", attrs={"dir": "auto", "class": None})
    assert first.get_text() == (
        "The council voted to fund the first section of the sea wall on Monday."
    )
    assert first.find_next_sibling().name == "figure"  # the quote, with no credit between
    assert credits[0].find_previous_sibling() is article.select_one("figure.briefing-quote")


def test_each_credit_links_to_the_outlets_article_or_else_to_its_source_entry(
    site: Path,
) -> None:
    article = read(site, SEA_WALL_URL).select_one("div.briefing")
    first = article.select_one("p.briefing-credit")
    ledger, courier = first.select("a")
    assert (ledger.get_text(), ledger["href"]) == (
        "The Harbour Ledger",
        "https://harbour-ledger.example/2025/12/sea-wall",
    )
    assert ledger["class"] == ["briefing-credit__outlet"]
    assert (courier.get_text(), courier["href"]) == ("Nordvik Courier", "#source-courier")
    assert not courier.has_attr("class")
    # The sources section stays: the anchor exists, and it names the ledger's article too.
    assert article.select_one("li#source-courier").get_text().startswith("Nordvik Courier")
    assert article.select_one("li#source-ledger > a")["href"] == ledger["href"]
    barrier = read(site, BARRIER_URL).select_one("div.briefing p.briefing-credit")
    assert [a["href"] for a in barrier.select("a")] == ["https://anselm-gazette.example/barrier"]


def test_an_image_without_a_file_shows_no_figure_and_no_credit(site: Path) -> None:
    page = read(site, RATES_URL)
    article = page.select_one("div.briefing")
    assert article.select("figure, img, figcaption, .briefing-image-credit") == []
    assert "Halvmark Pictures" not in page.get_text()
    # The rest of the page is all there.
    assert text_of(article.select_one("p.briefing-credit")) == "According to Radio Halvmark"


@pytest.mark.parametrize(
    ("url", "caption"),
    [
        (SEA_WALL_URL, "Photo: Ledger photo desk"),  # kind: photo, the default
        (BARRIER_URL, "Illustration: Anselm Desk"),
        (CHART_URL, "Graphic: Nordvik Tribune graphics"),
    ],
)
def test_the_lead_image_is_a_figure_whose_caption_says_what_it_is(
    site: Path, url: str, caption: str
) -> None:
    article = read(site, url).select_one("div.briefing")
    (figure,) = article.select("figure.briefing-figure")
    assert figure.find_previous_sibling() is article.select_one("header.briefing__header")
    img = figure.select_one("img.briefing-image")
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")  # above the fold: not lazy
    assert text_of(figure.select_one("figcaption.briefing-figure__caption")) == caption


def test_a_raster_lead_image_has_its_size_and_smaller_copies(site: Path) -> None:
    img = read(site, SEA_WALL_URL).select_one("figure.briefing-figure img")
    assert img["src"] == "../../assets/images/sea-wall.png"
    assert (img["width"], img["height"]) == ("1600", "900")  # no layout shift
    candidates = [c.split() for c in str(img["srcset"]).split(",")]
    assert candidates[-1] == ["../../assets/images/sea-wall.png", "1600w"]
    assert len(candidates) > 1
    for href, _width in candidates:
        assert (site / resolve(SEA_WALL_URL, href)).is_file(), href
    assert img["sizes"]


def test_a_speaker_in_another_script_is_isolated_with_the_comma_outside(site: Path) -> None:
    quote = read(site, SEA_WALL_URL).select_one("figure.briefing-quote")
    assert quote.blockquote["dir"] == "auto"
    assert quote.blockquote.get_text(strip=True) == (
        "“The wall will protect the old harbour for fifty years.”"
    )
    speaker = quote.select_one("figcaption .briefing-quote__speaker")
    parts = list(speaker.children)
    assert [p.name or str(p) for p in parts] == ["— ", "bdi", ", ", "bdi"]
    assert isinstance(parts[2], NavigableString)  # the comma is in neither name
    assert [p.get_text() for p in speaker.select("bdi")] == ["ليلى حداد", "مهندسة الميناء"]
    context = quote.select_one("figcaption .briefing-quote__context")
    assert [c.name for c in context.children] == ["bdi"]
    assert context.get_text() == "At the council meeting"
    # A name in the page's own script is marked the same way.
    barrier = read(site, BARRIER_URL).select_one(".briefing-quote__speaker")
    assert barrier.get_text() == "— Mara Quell, Harbour master"
    assert [b.get_text() for b in barrier.select("bdi")] == ["Mara Quell", "Harbour master"]


# -- after the article: pager, related, recent ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (TRAM_URL, {"prev": CHART_URL}),  # the newest: nothing newer
        (BARRIER_URL, {"prev": RATES_URL, "next": CHART_URL}),
        (SEA_WALL_URL, {"next": RATES_URL}),  # the oldest: nothing older
    ],
)
def test_each_briefing_links_to_the_one_before_and_after_it(
    site: Path, url: str, expected: dict[str, str]
) -> None:
    page = read(site, url)
    (pager,) = page.select("nav.briefing-pager")
    assert pager["aria-label"] == "More briefings"
    assert pager.find_parent("div", class_="briefing") is None  # after the article
    found = {}
    for a in pager.select("a.briefing-pager__link"):
        rel = a["rel"][0]
        assert f"briefing-pager__link--{rel}" in a["class"]
        found[rel] = resolve(url, a["href"])
        title = read(site, found[rel]).select_one("h1#briefing-title").get_text()
        assert a.select_one(".briefing-pager__title").get_text() == title
        label = a.select_one(".briefing-pager__label").get_text()
        assert label == {"prev": "Previous", "next": "Next"}[rel]
    assert found == expected


def test_recent_briefings_never_repeat_a_related_one_or_the_page(site: Path) -> None:
    seen_related = 0
    for url in NEWEST_FIRST:
        page = read(site, url)
        related = card_urls(url, page.select_one("section.briefing-related"))
        recent = card_urls(url, page.select_one("section.briefing-recent"))
        seen_related += len(related)
        assert not set(related) & set(recent), url
        assert url not in related + recent
        # Between them, every other briefing (five are within the limits).
        assert sorted(related + recent) == sorted(u for u in NEWEST_FIRST if u != url)
        assert recent == [u for u in NEWEST_FIRST if u in recent]  # newest first
    assert seen_related  # the check did see related briefings
    story = read(site, SEA_WALL_URL)
    assert card_urls(SEA_WALL_URL, story.select_one("section.briefing-related"))[0] == BARRIER_URL


# -- story cards ---------------------------------------------------------------------------------


def all_cards(site: Path) -> list[tuple[str, Tag]]:
    """(page URL, card) of every briefing's story card on every page of the site."""
    found = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        found += [
            (url, c) for c in page.select("article.briefing-card:not(.briefing-card--digest)")
        ]
    return found


def test_cards_have_thumbnails_exactly_where_briefings_have_images(site: Path) -> None:
    cards = all_cards(site)
    pages = {url for url, _ in cards}
    # Every kind of page with cards: home, briefings (related, recent), listings, days, digests.
    kinds = {url.split("/")[0] for url in pages}
    assert kinds == {"", "briefings", "categories", "tags", "sources", "stories", "daily",
                     "digests", "archive"}  # fmt: skip
    assert {"", TRAM_URL, "tags/port-anselm/", "digests/2025-12-04/"} <= pages
    for url, card in cards:
        (target,) = card_urls(url, card)
        images = card.select("img")
        assert bool(images) == (target in WITH_IMAGES), (url, target)
        assert ("briefing-card--image" in card["class"]) == (target in WITH_IMAGES)
        if images:
            (img,) = images
            assert img["class"] == ["briefing-card__image"]
            assert img["alt"] == ""  # the headline says it: no second announcement
            if "briefing-card--lead" in card["class"]:
                assert img["fetchpriority"] == "high"
            else:
                assert img["loading"] == "lazy"
        # Each card: headline, one-line summary or key points, date and source count.
        assert card.select_one(".briefing-card__summary, .briefing-card__points")
        meta = text_of(card.select_one(".briefing-card__meta"))
        assert meta.endswith(" · 1 source") or meta.endswith(" · 2 sources"), meta
        assert card.select_one(".briefing-card__meta time")["datetime"].startswith("2025-12-0")
        assert card["style"].startswith("--briefing-category: #")


def test_the_home_page_leads_with_the_newest_then_the_digest_then_the_latest(site: Path) -> None:
    home = read(site, "")
    lead = home.select_one("section.briefing-front__lead")
    assert card_urls("", lead) == [TRAM_URL]
    assert not lead.select("img")  # the newest has no image
    digest = home.select_one("section.briefing-front__digest")
    assert [resolve("", a["href"]) for a in digest.select("a")] == ["digests/2025-12-04/"]
    assert text_of(digest.select_one(".briefing-card__meta")) == (
        "Thursday, December 4, 2025 · 2 briefings"
    )
    latest = home.select_one("section.briefing-front__latest")
    assert card_urls("", latest) == NEWEST_FIRST[1:]
    thumbs = [
        resolve("", c.select_one(".briefing-card__title a")["href"])
        for c in latest.select("article.briefing-card")
        if c.img
    ]
    assert thumbs == [CHART_URL, BARRIER_URL, SEA_WALL_URL]
    chart = latest.select_one("article.briefing-card img")
    assert chart["src"] == "https://img.example/ferry-chart.png"


def test_a_category_page_leaves_the_category_off_its_cards(site: Path) -> None:
    climate = read(site, "categories/climate/")
    cards = climate.select("article.briefing-card")
    assert card_urls("categories/climate/", climate) == [BARRIER_URL, SEA_WALL_URL]
    assert climate.select(".briefing-card__category") == []
    # Elsewhere the category names each card's section.
    tag = read(site, "tags/port-anselm/")
    assert [c.get_text() for c in tag.select(".briefing-card__category")] == ["Climate"] * 2
    assert len(cards) == 2


def test_a_digest_page_shows_cards_with_points_and_links_to_the_other_digest(site: Path) -> None:
    newer, older = "digests/2025-12-04/", "digests/2025-12-02/"
    page = read(site, newer)
    assert card_urls(newer, page.select_one("article")) == [BARRIER_URL, CHART_URL]
    assert page.select("article.briefing-card ul.briefing-card__points li")
    (pager,) = page.select("nav.briefing-pager")
    assert [(a["rel"][0], resolve(newer, a["href"])) for a in pager.select("a")] == [
        ("prev", older)
    ]
    assert text_of(pager) == "Previous digest Early December"
    (pager,) = read(site, older).select("nav.briefing-pager")
    assert [(a["rel"][0], resolve(older, a["href"])) for a in pager.select("a")] == [
        ("next", newer)
    ]


# -- story names ---------------------------------------------------------------------------------


def test_a_story_keeps_the_name_its_briefings_give_it(site: Path) -> None:
    """One briefing names the story 'Port Anselm sea wall', the other by its slug only."""
    url = "stories/port-anselm-sea-wall/"
    story = read(site, url)
    assert story.select_one("article h1").get_text(strip=True) == "Port Anselm sea wall"
    assert story.title.get_text().startswith("Port Anselm sea wall - ")
    assert card_urls(url, story.select_one("article")) == [
        SEA_WALL_URL,
        BARRIER_URL,
    ]  # oldest first
    index = read(site, "stories/").select("ul.briefing-kinds li")
    assert [(li.a.get_text(), resolve("stories/", li.a["href"])) for li in index] == [
        ("Port Anselm sea wall", url)
    ]
    assert index[0].select_one(".briefing-count").get_text() == "2 briefings"
    for page_url in (SEA_WALL_URL, BARRIER_URL):
        box = read(site, page_url).select_one(".briefing-story__title a")
        assert (box.get_text(), resolve(page_url, box["href"])) == ("Port Anselm sea wall", url)


# -- no sidebars; the skip link --------------------------------------------------------------------


@pytest.mark.parametrize("url", NEWEST_FIRST)
def test_briefing_pages_hide_navigation_and_contents(site: Path, url: str) -> None:
    page = read(site, url)
    for side in ("primary", "secondary"):
        sidebar = page.select_one(f".md-sidebar--{side}")
        assert sidebar is None or sidebar.has_attr("hidden"), side
    secondary = page.select_one(".md-sidebar--secondary")
    assert secondary is None or not secondary.select("a, label, li")
    assert page.select('label[for="__toc"], input#__toc') == []
    assert page.select_one("a.md-skip")["href"] == "#briefing-title"
    assert page.select_one("h1#briefing-title")


@pytest.mark.parametrize("url", ["categories/climate/", "stories/port-anselm-sea-wall/", ""])
def test_listings_have_no_contents_sidebar(site: Path, url: str) -> None:
    page = read(site, url)
    assert page.select('.md-sidebar--secondary a, label[for="__toc"]') == []


# -- share cards ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [TRAM_URL, RATES_URL, BARRIER_URL])
def test_a_briefing_without_a_photo_shares_its_card(site: Path, url: str) -> None:
    """No image, an image without a file, an SVG (social networks show no SVG): the card."""
    page = read(site, url)
    card = f"{SITE_URL}assets/briefings/cards/{url.split('/')[1]}.png"
    meta = meta_tags(page)
    assert meta["og:image"] == meta["twitter:image"] == card
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    images = data["image"] if isinstance(data["image"], list) else [data["image"]]
    assert images[-1] == {"@type": "ImageObject", "url": card, "width": 1200, "height": 630}
    if url == BARRIER_URL:  # the illustration first, then the card
        assert [i["url"] for i in images] == [f"{SITE_URL}assets/images/barrier.svg", card]


def test_a_briefing_with_a_photo_shares_the_photo_and_lists_the_card_after_it(
    site: Path,
) -> None:
    page = read(site, SEA_WALL_URL)
    photo = f"{SITE_URL}assets/images/sea-wall.png"
    card = f"{SITE_URL}assets/briefings/cards/port-anselm-approves-sea-wall-funding.png"
    meta = meta_tags(page)
    assert meta["og:image"] == meta["twitter:image"] == photo
    assert meta["og:image:alt"] == "Workers pour concrete for the sea wall's first section."
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert [i["url"] for i in data["image"]] == [photo, card]
    assert data["image"][0]["creditText"] == "Ledger photo desk"


def test_a_digest_page_shares_its_card(site: Path) -> None:
    page = read(site, "digests/2025-12-04/")
    card = f"{SITE_URL}assets/briefings/cards/digest-2025-12-04.png"
    meta = meta_tags(page)
    assert meta["og:image"] == meta["twitter:image"] == card
    assert meta["og:title"] == "Storm week"
    assert meta["og:url"] == f"{SITE_URL}digests/2025-12-04/"
