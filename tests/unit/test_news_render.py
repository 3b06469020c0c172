"""The news formatter's facts and parts: credit runs, source counts, captions, category colours,
story names, story cards, pull quotes and the previous/next and share-card plan (pure)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bs4 import BeautifulSoup

from mkdocs_briefings.catalog import Layout, by_story, relative_url
from mkdocs_briefings.entries import Entry
from mkdocs_briefings.model import Briefing
from mkdocs_briefings.plan import PlanOptions, card_uri, digest_card_uri, plan_site
from mkdocs_briefings.render.html import (
    CATEGORY_PALETTE,
    Cards,
    Media,
    category_color,
    render_briefing,
    render_card,
    show_image,
)
from mkdocs_briefings.render.text import credits_shown, image_caption, source_count


def briefing(**changes: Any) -> Briefing:
    data: dict[str, Any] = {
        "title": "Harbour strike ends in Nordvik",
        "category": "Economy",
        "published": "2025-11-03",
        "key_points": ["Dock workers in Nordvik return to work.", "A deal was signed."],
        "body": [
            {"paragraph": "The strike ended on Sunday.", "credits": ["ledger"]},
            {"paragraph": "Ships queued outside the port.", "credits": ["ledger", "courier"]},
            {
                "quote": "We are back at work.",
                "speaker": "Ilse Varnholm",
                "role": "union chair",
                "credits": ["ledger", "courier"],
            },
        ],
        "sources": {
            "ledger": {"name": "The Harbour Ledger", "url": "https://ledger.example/strike"},
            "courier": {"name": "Nordvik Courier"},
        },
    }
    data.update(changes)
    return Briefing.model_validate(data)


def entry(b: Briefing, slug: str) -> Entry:
    return Entry(b, f"briefings/{slug}.yml", slug, (1, 1), None)


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def test_a_run_of_blocks_with_the_same_credits_shows_the_line_once_after_the_run() -> None:
    b = briefing()
    assert credits_shown(b.body) == [True, False, True]
    page = soup(render_briefing(b).content)
    lines = [p.get_text(" ", strip=True) for p in page.select("p.briefing-credit")]
    assert lines == [
        "According to The Harbour Ledger",
        "According to The Harbour Ledger and Nordvik Courier",
    ]
    # The second line follows the quote, not the paragraph before it.
    assert page.select("p.briefing-credit")[1].find_previous_sibling().name == "figure"


def test_credits_link_the_outlets_article_or_else_the_sources_entry() -> None:
    page = soup(render_briefing(briefing()).content)
    hrefs = [a["href"] for a in page.select("p.briefing-credit")[-1].select("a")]
    assert hrefs == ["https://ledger.example/strike", "#source-courier"]
    assert page.select_one("#source-courier") is not None


def test_a_pull_quote_names_its_speaker_under_it_isolated_for_bidi_text() -> None:
    quote = {
        "quote": "البحر يرتفع",
        "speaker": "سلمى الدرّاجي",
        "role": "Hydrologist",
        "context": "In an interview",
        "credits": ["ledger"],
    }
    b = briefing(body=[quote])
    figure = soup(render_briefing(b).content).select_one("figure.briefing-quote")
    assert figure.blockquote["dir"] == "auto"
    assert figure.blockquote.get_text(strip=True) == "“البحر يرتفع”"
    speaker = figure.select_one(".briefing-quote__speaker")
    assert [bdi.get_text() for bdi in speaker.select("bdi")] == ["سلمى الدرّاجي", "Hydrologist"]
    # The comma sits between the isolated parts, in the page's direction.
    assert speaker.get_text() == "— سلمى الدرّاجي, Hydrologist"
    assert "dir" not in figure.figcaption.attrs
    assert figure.select_one(".briefing-quote__context bdi").get_text() == "In an interview"


def test_no_image_file_means_no_figure_and_no_orphan_credit() -> None:
    b = briefing(image={"alt": "Dockers", "credit": "Reuters"})
    page = render_briefing(b, image=None).content
    assert soup(page).select("figure.briefing-figure, figcaption.briefing-figure__caption") == []
    assert "Reuters" not in page
    assert "credited" not in page.lower()


def test_the_lead_image_is_a_figure_with_its_size_copies_and_caption() -> None:
    b = briefing(
        image={"src": "assets/images/dock.jpg", "alt": "Cranes", "credit": "Nordvik Courier"}
    )
    media = {"assets/images/dock.jpg": Media(1600, 900, (("assets/x-480.webp", 480),))}
    shown = show_image(b, media, page_url="briefings/strike/", relative=relative_url)
    figure = soup(render_briefing(b, image=shown).content).select_one("figure.briefing-figure")
    img = figure.img
    assert (img["width"], img["height"]) == ("1600", "900")
    assert img["src"] == "../../assets/images/dock.jpg"
    assert img["srcset"] == "../../assets/x-480.webp 480w, ../../assets/images/dock.jpg 1600w"
    assert img.get("loading") is None  # above the fold: not lazy
    assert img["fetchpriority"] == "high"
    assert figure.figcaption.get_text() == "Photo: Nordvik Courier"


def test_captions_say_what_the_image_is() -> None:
    b = briefing(image={"src": "a.svg", "alt": "x", "credit": "Briefings", "kind": "illustration"})
    assert b.image is not None
    assert image_caption(b.image) == "Illustration: Briefings"


def test_source_counts_count_outlets_once() -> None:
    assert source_count(briefing()) == "2\u00a0sources"  # never broken across lines
    one = briefing(
        sources={"a": {"name": "Nordvik Courier"}, "b": {"name": "Nordvik Courier"}},
        body=[{"paragraph": "x", "credits": ["a", "b"]}],
    )
    assert source_count(one) == "1\u00a0source"


def test_category_colours_are_stable_and_from_the_palette() -> None:
    assert category_color("Politics") == category_color("Politics")
    assert {category_color(c) for c in ("Politics", "Economy", "Science", "Culture")} <= set(
        CATEGORY_PALETTE
    )


def cards(**changes: Any) -> Cards:
    layout = Layout()
    values: dict[str, Any] = {
        "link": lambda uri: relative_url(uri.removesuffix(".md") + "/", "categories/economy/"),
        "layout": layout,
        "page_url": "categories/economy/",
        "relative": relative_url,
    }
    values.update(changes)
    return Cards(**values)


def test_a_card_shows_category_headline_summary_date_and_source_count() -> None:
    card = soup(render_card(entry(briefing(), "strike"), cards(colors={"Economy": "#123456"})))
    article = card.select_one("article.briefing-card")
    assert "--briefing-category: #123456" in article["style"]
    assert article.select_one(".briefing-card__category").get_text() == "Economy"
    title = article.select_one("h2.briefing-card__title a")
    assert title.get_text() == "Harbour strike ends in Nordvik"
    assert title["href"] == "../../briefings/strike/"
    assert article.select_one(".briefing-card__summary").get_text() == (
        "Dock workers in Nordvik return to work."
    )
    meta = article.select_one(".briefing-card__meta")
    assert meta.time["datetime"] == "2025-11-03"
    assert meta.get_text().endswith("· 2\u00a0sources")
    assert article.img is None  # no image: no thumbnail


def test_a_card_has_a_thumbnail_only_with_an_image_and_can_leave_out_the_category() -> None:
    b = briefing(image={"src": "assets/images/dock.svg", "alt": "Cranes", "credit": "x"})
    card = soup(render_card(entry(b, "strike"), cards(), category=False, level=3, points=True))
    img = card.select_one("img.briefing-card__image")
    assert img["alt"] == ""  # the headline says it all; the image is decoration
    assert img["loading"] == "lazy"
    assert card.select_one(".briefing-card__category") is None
    assert card.select_one("h3.briefing-card__title") is not None
    assert len(card.select("ul.briefing-card__points li")) == 2
    lead = soup(render_card(entry(b, "strike"), cards(), lead=True))
    assert "loading" not in lead.img.attrs
    assert "briefing-card--lead" in lead.article["class"]


def test_story_names_keep_their_case_and_share_a_slug() -> None:
    named = entry(briefing(story="Port Anselm sea wall"), "a")
    slugged = entry(briefing(story="port-anselm-sea-wall", published="2025-11-01"), "b")
    only_slug = entry(briefing(story="nordvik-ferry"), "c")
    stories = {listing.key: listing for listing in by_story([named, slugged, only_slug])}
    assert stories["port-anselm-sea-wall"].title == "Port Anselm sea wall"
    assert [e.slug for e in stories["port-anselm-sea-wall"].entries] == ["b", "a"]
    assert stories["nordvik-ferry"].title == "Nordvik ferry"


def test_plan_links_each_briefing_to_the_one_before_and_after_and_draws_share_cards() -> None:
    days = ["2025-11-01", "2025-11-02", "2025-11-03"]
    entries = [
        entry(briefing(title=f"Story {i}", published=day), f"s{i}") for i, day in enumerate(days)
    ]
    plan = plan_site(entries, [], PlanOptions(site_url="https://news.example/"))
    before, after = plan.pager["briefings/s1.yml"]
    assert (before.title if before else None, after.title if after else None) == (
        "Story 0",
        "Story 2",
    )
    assert plan.pager["briefings/s0.yml"][0] is None
    assert plan.pager["briefings/s2.yml"][1] is None
    assert set(plan.share_cards) == {card_uri(f"s{i}") for i in range(3)}
    context = plan.context("briefings/s1.md", "briefings/s1/", "https://news.example/briefings/s1/")
    pager = soup(context["briefing_pager"])
    assert [a["rel"] for a in pager.select("a")] == [["prev"], ["next"]]
    assert [a["href"] for a in pager.select("a")] == ["../s0/", "../s2/"]
    social = dict((name, value) for _, name, value in context["briefing_social"])
    assert social["og:image"] == "https://news.example/assets/briefings/cards/s1.png"
    assert social["twitter:card"] == "summary_large_image"
    assert digest_card_uri("2025-11-03") == "assets/briefings/cards/digest-2025-11-03.png"
    off = plan_site(entries, [], PlanOptions(site_url="https://news.example/", share_cards=False))
    assert off.share_cards == {}


def test_recent_briefings_never_repeat_related_ones() -> None:
    entries = [
        entry(
            briefing(
                title=f"Story {i}", published=date(2025, 11, i + 1).isoformat(), tags=["Ferries"]
            ),
            f"s{i}",
        )
        for i in range(8)
    ]
    plan = plan_site(entries, [], PlanOptions(recent_limit=5, related_limit=3))
    context = plan.context("briefings/s7.md", "briefings/s7/", None)
    related = {t.url for t in context["briefing_related"]}
    recent = {t.url for t in context["briefing_recent"]}
    assert related
    assert recent
    assert not related & recent
    assert "briefings/s7/" not in related | recent
    assert len(recent) == 4  # 8 briefings: itself and 3 related leave 4
