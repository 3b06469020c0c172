"""importer.boilerplate: what is on an article's page but is not the article."""

from __future__ import annotations

import time

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


@pytest.mark.parametrize(
    "text",
    [
        "Get access to the Harbour Ledger for as little as £1 a week.",
        "Watch the full interview with the harbour master on our YouTube channel.",
        "This article has been sent to",
        "Thank you for signing up!",
        "Your message has been sent.",
        "Please enable JavaScript to view the comments.",
        "We want to hear from you. Write to letters@harbour-ledger.example.",
        "The Ledger is committed to publishing a range of letters to the editor. We’d like to"
        " hear what you think about this or any of our articles. And here’s our email:"
        " letters@harbour-ledger.example.",
        "Join the conversation",
    ],
)
def test_offers_invitations_and_the_page_s_own_messages_are_furniture(text: str) -> None:
    assert is_furniture(paragraph(text))


@pytest.mark.parametrize(
    "text",
    [
        "Tickets for the museum's opening night are on sale for as little as 5 crowns.",
        "Watch out for falling rocks on the coast road, the council said.",
        "Thank you to the volunteers, who repainted the lamp room, the chair said.",
        "This article was updated to include the council's vote.",
    ],
)
def test_news_that_sounds_like_an_offer_is_kept(text: str) -> None:
    assert not is_furniture(paragraph(text))


def test_a_list_of_search_keywords_is_furniture_a_list_in_a_sentence_is_not() -> None:
    keywords = "port anselm ferry, ferry fares 2026, gull point lighthouse, harbour news, docks"
    assert is_furniture(paragraph(keywords))
    assert not is_furniture(paragraph("Cast: Ada Lund, Tomas Reel, Ines Varga, Pell Sorensen"))
    listed = "The ferry calls at Gull Point, Eastmoor, Port Anselm, Nordvik, and Halden."
    assert not is_furniture(paragraph(listed))
    tags = [paragraph(PROSE), paragraph("Tags"), paragraph("lighthouse"), paragraph("museums")]
    assert article_only(tags) == [paragraph(PROSE)]
    lead = paragraph("The lighthouse will become a museum.")
    on_top = [paragraph("Topics"), paragraph("Gull Point", link_share=1.0), lead]
    assert article_only(on_top) == [lead]


def test_a_paragraph_that_is_one_link_is_another_page_s_summary() -> None:
    summary = (
        "Harbour mode is a setting of the Gullwing tide gauge that takes readings every"
        " minute while a ship is berthing, so that pilots can see the water under the keel."
    )
    assert is_furniture(paragraph(summary, link_share=1.0))
    assert not is_furniture(paragraph(summary, link_share=0.5))


def test_an_author_s_bio_at_the_end_goes() -> None:
    bio = paragraph("Ines Varga is the Ledger's harbour correspondent and sails on weekends.")
    assert article_only([paragraph(PROSE), bio]) == [paragraph(PROSE)]
    in_italics = paragraph("Pell Sorensen is a freelance writer based in Eastmoor.")
    assert article_only([paragraph(PROSE), in_italics]) == [paragraph(PROSE)]


def test_a_person_the_article_named_is_no_bio_and_a_bio_must_end_the_article() -> None:
    named = paragraph("The campaign was led by Tomas Reel, who grew up on Gull Point.")
    reel = paragraph("Reel is a former reporter for the Nordvik Courier.")
    assert article_only([paragraph(PROSE), named, reel]) == [paragraph(PROSE), named, reel]
    bio = paragraph("Ines Varga is the Ledger's harbour correspondent.")
    later = paragraph("The museum will open in the spring of 2027, the council said.")
    assert article_only([paragraph(PROSE), bio, later]) == [paragraph(PROSE), bio, later]


def test_a_press_release_s_about_section_goes() -> None:
    about = [
        paragraph(
            "Gullwing Marine is a leading maker of ferry engines and tide gauges for harbours"
            " in the northern seas."
        ),
        paragraph("Gullwing Marine is headquartered in Halden and employs 400 people."),
        paragraph("For more information, visit www.gullwing-marine.example"),
    ]
    assert article_only([paragraph(PROSE), *about]) == [paragraph(PROSE)]
    headed = [paragraph(PROSE), Block("heading", "About Gullwing Marine"), about[1]]
    assert article_only(headed) == [paragraph(PROSE)]
    sentence = [paragraph(PROSE), paragraph("About Gullwing, she said nothing.")]
    assert article_only(sentence) == sentence
    news = [paragraph(PROSE), paragraph("Gullwing is a Halden company that employs 400 people.")]
    assert article_only(news) == news
    rest = [
        paragraph(f"Paragraph {n} of the release says what the gauge measures.") for n in "ABCD"
    ]
    early = [paragraph(PROSE), about[0], *rest]
    assert article_only(early) == early


def _marked(html: str) -> list[str]:
    tree = lxml.html.fromstring(f"<html><body><article>{html}</article></body></html>")
    mark_furniture(tree)
    return [
        " ".join(e.text_content().split()) for e in tree.iter() if e.get(FURNITURE_MARK) is not None
    ]


def test_a_phrase_under_a_picture_is_its_caption() -> None:
    marked = _marked(
        f"<p>{PROSE}</p>"
        "<p><a href='/lamp.jpg'><img src='/lamp.jpg'></a></p>"
        "<p><em>The lamp room of the Gull Point lighthouse</em></p>"
        f"<p>{PROSE}</p>"
        "<div align='center'><div class='pic'><img src='/quay.jpg' alt='The quay at dusk.'></div>"
        "<br><span class='small'>The quay at dusk.</span></div>"
        f"<p>{PROSE}</p>"
    )
    assert marked == ["The lamp room of the Gull Point lighthouse", "The quay at dusk."]


def test_what_follows_a_picture_is_kept_when_it_is_prose_a_list_or_a_fact_box() -> None:
    assert not _marked(
        f"<p><img src='/lamp.jpg'></p><p>{PROSE}</p>"
        "<p><img src='/a.jpg'></p><h2>The vote</h2>"
        "<p><img src='/b.jpg'></p><ul><li>Ferry</li><li>Tram</li></ul>"
        "<p><img src='/c.jpg'></p><p>Tested by: Ines Varga Price: 40 crowns</p>"
        "<p>The council met <img src='/d.png'> <b>on Tuesday</b> at the harbour.</p>"
        "<p><img src='/e.jpg'></p><div class='menu'><a>Home</a> <div>Sport</div></div>"
        "<p><img src='/f.jpg'></p><p>港の灯台は博物館になる</p>"
        "<div><a href='/g'><img src='/g.jpg'></a><strong>Ask for the harbour discount</strong>"
        "<br><br>The ferry company gives residents a fifth off.</div>"
    )


def test_an_element_hidden_by_its_class_is_furniture() -> None:
    assert _marked(
        f"<p>{PROSE}</p><p>{PROSE}</p><div class='sent-message hide'><p>Sent to</p></div>"
    ) == ["Sent to"]


def test_an_element_shown_on_larger_screens_is_not_hidden() -> None:
    assert not _marked(
        f"<p>{PROSE}</p><p>{PROSE}</p>"
        "<div class='hidden md:block'><p>The quay reopens on Monday.</p></div>"
        "<div class='d-none d-lg-block'><p>The ferry runs hourly.</p></div>"
    )


def test_an_author_box_marked_bio_is_furniture() -> None:
    assert _marked(
        f"<p>{PROSE}</p><p>{PROSE}</p>"
        "<div class='contrib-bio'><p>I am a writer and a sailor, in no order.</p></div>"
    ) == ["I am a writer and a sailor, in no order."]


@pytest.mark.parametrize(
    "text",
    [
        "Click to share on Twitter (Opens in new window)",
        "Skip to main content",
        "Image 1 of 12",
        "Loading...",
        "Share on Facebook Share via Email",
        "Print this article",
        "Reprints & Permissions",
        "Sign in to comment",
        "Read our community guidelines before you comment.",
        "Let us know what you think in the comments.",
        "Have your say",
        "Do you have a story for the Ledger? Email news@harbour-ledger.example",
        "Send us your tips.",
        "Ines Varga can be reached at ines@harbour-ledger.example.",
        "Tomas Reel can be reached on 0123 456 789.",
        "Join the Ledger for just 1 crown a week.",
        "Support independent journalism today.",
        "Want more stories like this? Sign up for the Ledger's weekly digest.",
        "You can view our spring open thread here.",
        "This video can not be played",
        "This content is not available due to your privacy preferences.",
        "We use cookies to give you the best experience on our website.",
        "Enter your email address",
        "Invalid email address",
        "By clicking Sign up, you agree to our Terms of Use and Privacy Policy.",
        "This post may contain affiliate links.",
        "Paid content by Gullwing Marine",
    ],
)
def test_the_page_s_buttons_forms_and_invitations_are_furniture(text: str) -> None:
    assert is_furniture(paragraph(text))


@pytest.mark.parametrize(
    "text",
    [
        "Share prices on the Nordvik exchange fell 3 per cent on Tuesday.",
        "Loading the ferries took longer than planned, the harbour master said.",
        "You can see the lighthouse from the coast road.",
        "The council said it would share its plans for the quay next week.",
        "Paid parking will start on the quay in May.",
        "Invalid ballots were counted separately, officials said.",
        "By clicking through the archive, researchers found the 1920 plans.",
        "Support for the plan fell to 40 per cent.",
        "Police said the man can be reached at the hospital by his family only.",
        "The video is not available in Nordvik, the broadcaster said.",
        "Image 3 of the survey shows the cracked lens.",
        "Residents are urged to sign up for flood alerts on the council's website.",
        "The museum offers a family membership for just 20 crowns a year.",
        "The ferry company changed its privacy settings after the ruling.",
        "The summit of Gull Fell can be reached at 2000 metres by the north path.",
    ],
)
def test_news_that_sounds_like_a_button_is_kept(text: str) -> None:
    assert not is_furniture(paragraph(text))


def test_a_closing_line_about_the_writer_goes() -> None:
    for line in (
        "Ines Varga covers the harbour and its ferries for the Ledger.",
        "The writer is a professor of maritime law at Halden University.",
    ):
        assert article_only([paragraph(PROSE), paragraph(line)]) == [paragraph(PROSE)]
    court = paragraph("The writer is expected to appear in court in Halden on Monday.")
    assert article_only([paragraph(PROSE), court]) == [paragraph(PROSE), court]
    named = paragraph("Ines Varga, a ferry captain, said the fares were too high.")
    covers = paragraph("Ines Varga covers the night shift for the Nordvik Ferry Company.")
    assert article_only([paragraph(PROSE), named, covers])[-1] == covers


@pytest.mark.parametrize(
    "text",
    [
        "Leia também: Balsa de Porto Anselmo muda de horário",
        "Lire aussi : le phare de Gull Point devient un musée",
        "Lesen Sie auch: Fähre nach Halden wird teurer",
        "Assine o Diário do Porto e leia sem limites.",
        "Abonnez-vous à la lettre du port.",
    ],
)
def test_prompts_in_other_languages_are_furniture(text: str) -> None:
    assert is_furniture(paragraph(text))


def test_only_a_whole_link_makes_a_block_wholly_linked() -> None:
    summary = (
        "Harbour mode keeps the tide gauge reading every minute while a ship berths, so that"
        " the pilot and the master both see how much water is left under the keel."
    )
    whole = measure_links([paragraph(summary)], {summary})
    assert whole[0].link_share == 1.0
    assert is_furniture(whole[0])
    half = len(summary) // 2
    pieces = {summary[:half], summary[half:], summary[: half // 2]}  # add up to over 1
    parts = measure_links([paragraph(summary)], pieces)
    assert parts[0].link_share == pytest.approx(0.9)
    assert not is_furniture(parts[0])


def test_many_pictures_in_a_long_page_are_read_in_one_walk() -> None:
    article = "".join(f"<p>{PROSE}</p><span><img src='/{n}.jpg'></span>" for n in range(3000))
    tree = lxml.html.fromstring(f"<html><body><div>{article}</div></body></html>")
    started = time.perf_counter()
    mark_furniture(tree)
    assert time.perf_counter() - started < 5  # was minutes: each image read the whole page
