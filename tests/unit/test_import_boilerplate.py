"""importer.boilerplate: what is on an article's page but is not the article."""

from __future__ import annotations

import lxml.html
import pytest

from mkdocs_briefings.importer.boilerplate import (
    FURNITURE_MARK,
    article_only,
    drop_repeats,
    is_furniture,
    is_paywalled,
    is_teaser,
    link_texts,
    mark_furniture,
    measure_links,
)
from mkdocs_briefings.importer.extract import Block

PROSE = (
    "The council of Port Anselm voted on Wednesday to turn the old lighthouse on Gull Point"
    " into a maritime museum, ending a campaign that the village had fought for ten years."
)


def paragraph(text: str, link_share: float = 0.0) -> Block:
    return Block("paragraph", text, link_share)


@pytest.mark.parametrize(
    "text",
    [
        "Subscribe to continue reading.",
        "Already a subscriber? Log in.",
        "Get the Morning Ledger in your inbox every weekday. Sign up now.",
        "Download the Harbour Ledger app for the latest news.",
        "CLICK HERE TO GET THE HARBOUR LEDGER APP",
        "MORE: Port Anselm ferry fares to rise by a fifth in January",
        "READ MORE: Dockers to vote on strike",
        "Read more about the tram line here: https://nordvik-courier.example/tram",
        "© 2025 The Harbour Ledger. All rights reserved.",
        "Copyright Nordvik Courier 2025",
        "Posted on 6 November 2025, 08:00",
        "Latest update: 4 November 2025 18:40",
        "Published 2 hours ago",
        "5 min read",
        "Photo: Quayside Pictures",
        "The lighthouse at dawn. (Quayside Pictures photo)",
        "By Ines Varga",
        "By Pell Sorensen and Alda Fenwick | Nordvik Courier",
        "Ines Varga, Staff Writer",
        "Reporting by Pell Sorensen; editing by Hedda Moor",
        "Tomas Reel contributed reporting from Gull Point.",
        "Follow us on Facebook and Instagram.",
        "Follow The Harbour Ledger's culture desk on Twitter.",
        "Like this story? Share it with a friend!",
        "12 comments",
        "Write to Ines Varga at ines@harbour-ledger.example",
        "If you buy something through this post, we may earn a commission.",
        "Tags: lighthouse, museums",
        "Share",
    ],
)
def test_furniture_lines(text: str) -> None:
    assert is_furniture(paragraph(text))


@pytest.mark.parametrize(
    "text",
    [
        PROSE,
        "Posted on social media by the society's volunteers, the photographs show the lamp room.",
        "The society's chair, Tomas Reel, said the vote ended a long campaign.",
        "By noon, the ferry had left.",
        "“We will not give up,” she said.",
        "港の灯台は博物館になる。",
        "The museum opens in 2027.",
        "Why?",
    ],
)
def test_article_lines(text: str) -> None:
    assert not is_furniture(paragraph(text))


def test_a_line_that_is_mostly_a_link_is_another_story() -> None:
    assert is_furniture(paragraph("Dockers to vote on strike over night shifts", link_share=0.9))
    assert not is_furniture(paragraph(PROSE, link_share=0.1))


def test_a_related_heading_ends_the_article_until_prose_resumes() -> None:
    blocks = [
        paragraph(PROSE),
        Block("heading", "You may also like"),
        paragraph("Dockers to vote on strike"),
        paragraph("Harbour tram line gets the go-ahead"),
    ]
    assert article_only(blocks) == [paragraph(PROSE)]
    later = paragraph("Restoring the tower will cost 2.4 million crowns. " * 4)
    resumed = [paragraph(PROSE), Block("heading", "Don't miss"), later]
    assert article_only(resumed) == [resumed[0], resumed[2]]


def test_pull_quotes_and_repeats_go_the_first_stays() -> None:
    lead = paragraph("The tower has stood empty for thirty years. " + PROSE)
    pull = Block("quote", "The tower has stood empty for thirty years.", group=3)
    credit = Block("quote", "— Tomas Reel", group=3)
    again = paragraph(PROSE)
    assert drop_repeats([lead, pull, credit, again]) == [lead]
    assert drop_repeats([again, again]) == [again]


def test_mark_furniture_marks_boxes_but_not_the_article() -> None:
    tree = lxml.html.fromstring(
        "<html><body><article class='story paywall-content'>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE} <a class='relatedLink' href='/x'>link</a></p>"
        "<div class='newsletter-box'><p>Sign up</p></div>"
        "<blockquote class='twitter-tweet'><p>A post</p></blockquote>"
        "<figure><figcaption>A caption</figcaption></figure>"
        "<div class='relatedStories'><p>Another story</p></div>"
        "<span class='rollover-card' style='display:none'>Tomas Reel, chair</span>"
        "</article></body></html>"
    )
    mark_furniture(tree)
    marked = [e.text_content() for e in tree.iter() if e.get(FURNITURE_MARK) is not None]
    assert marked == ["Sign up", "A post", "A caption", "Another story", "Tomas Reel, chair"]
    assert is_paywalled(tree)


def test_a_teaser_is_little_text_on_a_paywalled_page() -> None:
    lead = [paragraph("Dockers at Port Anselm voted on Tuesday to strike over night shifts.")]
    assert is_teaser([*lead, paragraph("Subscribe to continue reading.")], paywalled=False)
    assert is_teaser(lead, paywalled=True)
    article = [paragraph(f"{PROSE} Paragraph {n}.") for n in range(6)]
    assert not is_teaser(article, paywalled=True)


def test_a_longer_paragraph_that_opens_with_a_prompt_is_furniture() -> None:
    prompt = "Follow @HarbourDeals on Twitter to keep up with the latest deals from the quay. " * 4
    assert is_furniture(paragraph(prompt.strip()))
    assert not is_furniture(paragraph(PROSE + " " + PROSE))


@pytest.mark.parametrize(
    "text",
    [
        "Note: we are moderating all comments submitted to deal with a surge in spam.",
        "An error has occurred, please try again later.",
        '[button link="https://harbour-ledger.example/tips" type="big"] Send us your tips',
    ],
)
def test_notices_and_leftover_markup_are_furniture(text: str) -> None:
    assert is_furniture(paragraph(text))


def test_link_shares_come_from_the_page_s_links() -> None:
    blocks = [paragraph("Related: Dockers to vote on strike"), paragraph(PROSE)]
    measured = measure_links(blocks, {"Dockers to vote on strike", "Gull Point"})
    assert measured[0].link_share == pytest.approx(25 / 34)
    assert measured[1].link_share == pytest.approx(10 / len(PROSE))
    tree = lxml.html.fromstring("<div><a href='/a'> Dockers  to vote </a><a>x</a></div>")
    assert link_texts(tree) == {"Dockers to vote"}


def test_a_short_brief_or_a_page_in_japanese_is_no_teaser() -> None:
    brief = [paragraph(PROSE)]
    assert not is_teaser(brief, paywalled=False)
    japanese = [paragraph("港の灯台は博物館になる。村の人々は十年間この日を待っていた。" * 3)]
    assert not is_teaser(japanese, paywalled=False)
