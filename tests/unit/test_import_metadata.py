"""importer.metadata: a page's statements about itself, checked before they are trusted."""

from __future__ import annotations

import lxml.html
import pytest

from mkdocs_briefings.importer.metadata import (
    MAX_TAGS,
    PageFacts,
    choose_outlet,
    choose_title,
    clean_category,
    clean_credit,
    clean_tags,
    headlines,
    image_address,
    is_headline,
    read_facts,
    without_site,
)

SITE = ["The Harbour Ledger"]
HEADLINE = "Old lighthouse on Gull Point to become a museum"


def test_read_facts_takes_the_page_s_own_statements() -> None:
    tree = lxml.html.fromstring(
        "<html><head><title>T | The Harbour Ledger</title>"
        "<meta property='og:title' content='OG'><meta property='og:site_name' content='HL'>"
        "<meta name='application-name' content='Ledger'>"
        "<link rel='canonical' href='https://harbour-ledger.example/a'>"
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
        ' "headline": "escenic", "publisher": {"name": "The Harbour Ledger"}}]}</script>'
        "</head><body><h1> The  headline </h1></body></html>"
    )
    assert read_facts(tree) == PageFacts(
        h1=["The headline"],
        og_title="OG",
        html_title="T | The Harbour Ledger",
        ld_headline="escenic",
        site_names=["HL", "The Harbour Ledger", "Ledger"],
        address="https://harbour-ledger.example/a",
    )


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE} | The Harbour Ledger",
        f"{HEADLINE} - The Harbour Ledger",
        f"{HEADLINE} — The Harbour Ledger",
        f"{HEADLINE} – Harbour Ledger",
        f"The Harbour Ledger | {HEADLINE}",
        HEADLINE,
    ],
)
def test_without_site_takes_off_the_site_s_name(title: str) -> None:
    assert without_site(title, SITE) == HEADLINE


def test_a_dash_in_a_headline_stays() -> None:
    assert without_site("Kushner - Netanyahu talks resume", SITE) == (
        "Kushner - Netanyahu talks resume"
    )


def test_the_title_is_what_the_sources_agree_on() -> None:
    facts = PageFacts(
        h1=[HEADLINE],
        og_title=HEADLINE,
        html_title=f"{HEADLINE} | The Harbour Ledger",
        ld_headline="escenic",
    )
    assert choose_title(facts, SITE) == HEADLINE


@pytest.mark.parametrize("placeholder", ["escenic", "The Harbour Ledger", "article", "home"])
def test_a_placeholder_headline_is_never_the_title(placeholder: str) -> None:
    assert choose_title(PageFacts(ld_headline=placeholder), SITE) is None
    facts = PageFacts(og_title=placeholder, ld_headline=placeholder, h1=[HEADLINE])
    assert choose_title(facts, SITE) == HEADLINE  # the h1 stands alone: the others are no title


def test_a_site_name_not_declared_is_recognised_when_the_sources_agree() -> None:
    facts = PageFacts(h1=[HEADLINE], html_title=f"{HEADLINE} :: Gull Point Gazette")
    assert choose_title(facts, []) == HEADLINE


def test_when_no_two_sources_agree_the_h1_needs_the_titles_support() -> None:
    supported = PageFacts(h1=["Lighthouse saved"], og_title="Lighthouse saved, says council chair")
    assert choose_title(supported, SITE) == "Lighthouse saved"
    unsupported = PageFacts(h1=["Latest news"], og_title=HEADLINE, html_title="Gull Point today")
    assert choose_title(unsupported, SITE) is None


def test_an_h1_that_a_title_gives_but_for_a_word_or_two_is_the_title() -> None:
    facts = PageFacts(
        h1=["Gull Point (Anselm) lighthouse to become a museum"],
        html_title="Gull Point lighthouse to become a museum",
    )
    assert choose_title(facts, SITE) == "Gull Point (Anselm) lighthouse to become a museum"
    other = PageFacts(h1=["Gull Point lighthouse closes"], html_title="Gull Point ferry closes")
    assert choose_title(other, SITE) is None


def test_the_outlet_is_what_the_page_calls_itself() -> None:
    facts = PageFacts(site_names=["The Harbour Ledger"], html_title=f"{HEADLINE} | HL")
    assert choose_outlet(facts, title=HEADLINE, fallback="harbour-ledger.example") == (
        "The Harbour Ledger"
    )
    facts = PageFacts(html_title=f"{HEADLINE} | Gull Point Gazette")
    assert choose_outlet(facts, title=HEADLINE, fallback="www.gpg.example") == "Gull Point Gazette"
    assert choose_outlet(PageFacts(), title=HEADLINE, fallback="www.gpg.example") == (
        "www.gpg.example"
    )


def test_keywords_are_split_deduplicated_and_clamped() -> None:
    long_phrase = "the long debate over what to do with the old lighthouse keeper's cottage"
    tags = clean_tags(
        [
            "Gull Point, lighthouse;museums",
            f"Lighthouse, The Harbour Ledger, {long_phrase}",
            "x" * 101,
            "@hl-top-stories, https://harbour-ledger.example",
        ],
        outlet="The Harbour Ledger",
    )
    assert tags == ["Gull Point", "lighthouse", "museums"]
    many = clean_tags([", ".join(f"topic {n}" for n in range(40))], outlet=None)
    assert len(many) == MAX_TAGS


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Culture"], "Culture"),
        (["Culture, Local, Harbour"], "Culture"),
        (["general-news,trials,legal-proceedings"], None),
        (["Tomas Reel, Edda Marsh, Ines Varga, Gull Point"], None),  # keywords, not a section
        ([], None),
        (["2025"], None),
    ],
)
def test_a_category_is_one_plausible_section(values: list[str], expected: str | None) -> None:
    assert clean_category(values) == expected


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("(Quayside Pictures)", "Quayside Pictures"),
        ("Photo: Quayside Pictures.", "Quayside Pictures"),
        ("© Nordvik Courier", "Nordvik Courier"),
        ("[Ines Varga/The Harbour Ledger]", "Ines Varga/The Harbour Ledger"),
        ("Quayside Pictures)", "Quayside Pictures"),
        ("Photo by Tomas Reel", "Tomas Reel"),
        ("", None),
        ("()", None),
        ("The lighthouse on Gull Point at dawn, seen from the ferry on its first crossing", None),
    ],
)
def test_an_image_credit_is_a_name(credit: str, expected: str | None) -> None:
    assert clean_credit(credit) == expected


def test_an_image_address_is_absolute_or_none() -> None:
    page = "https://harbour-ledger.example/2025/11/lighthouse"
    assert image_address("/media/a.jpg", page) == "https://harbour-ledger.example/media/a.jpg"
    assert image_address("//cdn.example/a.jpg", None) == "https://cdn.example/a.jpg"
    assert image_address("media/a.jpg", None) is None
    assert image_address("https://cdn.example/a.jpg", None) == "https://cdn.example/a.jpg"


def test_when_two_pairs_agree_the_page_s_own_headline_wins() -> None:
    facts = PageFacts(
        h1=["Gull Point lighthouse saved"],
        og_title="Gull Point lighthouse saved",
        html_title="Port Anselm council votes to turn lighthouse into museum - The Harbour Ledger",
        ld_headline="Port Anselm council votes to turn lighthouse into museum",
    )
    assert choose_title(facts, SITE) == "Gull Point lighthouse saved"


def test_a_headline_that_starts_with_the_site_s_name_keeps_it() -> None:
    headline = "The Harbour Ledger view on the ferry: a lifeline worth paying for"
    facts = PageFacts(
        h1=[headline],
        og_title=f"{headline} | Editorial",
        html_title=f"{headline} | Editorial | Opinion | The Harbour Ledger",
    )
    assert choose_title(facts, SITE) == headline


def test_a_site_name_that_is_the_headline_is_no_site_name() -> None:
    tree = lxml.html.fromstring(
        f"<html><head><meta property='og:site_name' content='{HEADLINE}'>"
        f"<meta property='og:title' content='{HEADLINE}'><title>{HEADLINE}</title></head>"
        f"<body><h1>{HEADLINE}</h1></body></html>"
    )
    facts = read_facts(tree)
    assert facts.site_names == []
    assert choose_title(facts, facts.site_names) == HEADLINE


def test_an_h1_that_is_the_title_s_site_part_is_no_headline() -> None:
    facts = PageFacts(h1=["Gull Point Gazette"], html_title=f"{HEADLINE} - Gull Point Gazette")
    assert choose_title(facts, []) is None


def test_the_article_s_opening_heading_is_one_more_source() -> None:
    facts = PageFacts(og_title="Lighthouse saved", html_title=HEADLINE)
    assert choose_title(facts, []) is None  # no two agree
    assert choose_title(facts, [], shown=[HEADLINE, "The council voted."]) == HEADLINE


def test_headlines_lists_every_wording() -> None:
    facts = PageFacts(h1=[HEADLINE], html_title=f"{HEADLINE} | The Harbour Ledger")
    wordings = headlines(facts, SITE)
    assert is_headline(f"  {HEADLINE.upper()}.", wordings)
    assert not is_headline("The council voted on Wednesday.", wordings)
