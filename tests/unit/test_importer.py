"""importer: saved news pages (text, HTML, Markdown) -> draft briefing data with its TODOs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml

from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.importer import (
    TODO_SOURCE,
    Draft,
    extract_quotes,
    import_file,
    import_html,
    import_markdown,
    import_text,
    normalise_outlet,
    split_attribution,
)
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import SOURCE_KEY, Briefing

from ..conftest import DATA, ROOT

IMPORT = DATA / "import"
SEED = IMPORT / "press-ai-world-kushner-netanyahu.txt"  # ../shared/seeds/000_e42ea9a88478120d.txt
SEED_BRIEFING = ROOT / "briefings" / "2025-11-11-kushner-netanyahu-gaza-truce-phase-two.yml"
READ_ON = date(2026, 1, 15)  # the seed page says "2 months ago"
ORDER = ["title", "category", "published", "updated", "tags", "image", "key_points", "body"]


def as_yaml(draft: Draft) -> str:
    """The draft as `briefings import` writes it."""
    return yaml.safe_dump(draft.data, allow_unicode=True, sort_keys=False, width=100)


def problems_of(draft: Draft) -> list[str]:
    """What `briefings check` reports for the draft's file ([] if it is a valid briefing)."""
    try:
        read_briefing(as_yaml(draft), path="b.yml")
    except BriefingError as exc:
        return [str(p) for p in exc.problems]
    return []


def without_tags(briefing: Briefing) -> dict[str, Any]:
    dumped = briefing.model_dump()
    del dumped["tags"]
    return dumped


# --- The seed page -------------------------------------------------------------------------------


def test_seed_page_gives_the_hand_written_briefing() -> None:
    draft = import_file(SEED, today=READ_ON)
    expected = read_briefing(SEED_BRIEFING.read_text(encoding="utf-8"), path="seed.yml")
    assert without_tags(Briefing.model_validate(draft.data)) == without_tags(expected)
    assert draft.todos == []
    assert draft.source_name == SEED.name


def test_seed_draft_is_a_valid_file_in_the_format_s_key_order() -> None:
    draft = import_file(SEED, today=READ_ON)
    assert problems_of(draft) == []
    assert list(draft.data) == [k for k in ORDER if k != "tags"] + ["sources"]
    assert "tags" not in draft.data  # the page has none; the editor adds them
    assert list(draft.data["body"][3]) == ["quote", "speaker", "role", "context", "credits"]


def test_seed_paragraph_keeps_its_own_clause_and_the_quote_follows_it() -> None:
    body = import_file(SEED, today=READ_ON).data["body"]
    assert body[2]["paragraph"].endswith(
        "the precarious nature of the agreement. Netanyahu reinforced Israel’s commitment to"
        " enforcement."
    )
    assert body[3] == {
        "quote": "We are determined to enforce with an iron fist the ceasefire agreements...",
        "speaker": "Benjamin Netanyahu",
        "role": "Israeli Prime Minister",
        "context": "While addressing the Israeli parliament",
        "credits": ["reuters", "aljazeera"],
    }


def test_seed_sources_in_order_of_first_credit() -> None:
    assert import_file(SEED, today=READ_ON).data["sources"] == {
        "latimes": {"name": "Los Angeles Times"},
        "reuters": {"name": "Reuters"},
        "aljazeera": {"name": "Al Jazeera"},
        "lemonde": {"name": "Le Monde"},
    }


# --- Outlets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("LATimes", ("latimes", "Los Angeles Times")),
        ("L.A. Times", ("latimes", "Los Angeles Times")),
        ("Los Angeles Times", ("latimes", "Los Angeles Times")),
        ("REUTERS", ("reuters", "Reuters")),
        ("AP", ("ap", "Associated Press")),
        ("The Associated Press", ("ap", "Associated Press")),
        ("AFP", ("afp", "Agence France-Presse")),
        ("BBC", ("bbc", "BBC")),
        ("CNN", ("cnn", "CNN")),
        ("NYTimes", ("nytimes", "The New York Times")),
        ("New York Times", ("nytimes", "The New York Times")),
        ("WaPo", ("washingtonpost", "The Washington Post")),
        ("Washington Post", ("washingtonpost", "The Washington Post")),
        ("WSJ", ("wsj", "The Wall Street Journal")),
        ("Al Jazeera", ("aljazeera", "Al Jazeera")),
        ("Al-Jazeera", ("aljazeera", "Al Jazeera")),
        ("Le Monde", ("lemonde", "Le Monde")),
        ("the Guardian", ("guardian", "The Guardian")),
        ("Bloomberg", ("bloomberg", "Bloomberg")),
        ("FT", ("ft", "Financial Times")),
        ("Financial Times", ("ft", "Financial Times")),
        ("Haaretz", ("haaretz", "Haaretz")),
        ("Times of Israel", ("timesofisrael", "The Times of Israel")),
        ("DW", ("dw", "Deutsche Welle")),
        ("NPR", ("npr", "NPR")),
        ("  Reuters. ", ("reuters", "Reuters")),
    ],
)
def test_normalise_outlet_knows_common_outlets(spelling: str, expected: tuple[str, str]) -> None:
    assert normalise_outlet(spelling) == expected


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Nordvik Courier", ("nordvik-courier", "Nordvik Courier")),
        ("the Harbour Ledger", ("harbour-ledger", "The Harbour Ledger")),
        ("PRESS AI WORLD", ("press-ai-world", "PRESS AI WORLD")),
        ("Süddeutsche Zeitung", ("suddeutsche-zeitung", "Süddeutsche Zeitung")),
    ],
)
def test_normalise_outlet_keeps_unknown_names_with_a_slug_key(
    spelling: str, expected: tuple[str, str]
) -> None:
    assert normalise_outlet(spelling) == expected
    assert SOURCE_KEY.match(expected[0])


# --- Attribution ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "text", "names"),
    [
        (
            "The talks focused on the second phase, according to LATimes and Reuters.",
            "The talks focused on the second phase.",
            ["LATimes", "Reuters"],
        ),
        (
            "Fighters remain trapped, according to Al Jazeera, Le Monde and AFP.",
            "Fighters remain trapped.",
            ["Al Jazeera", "Le Monde", "AFP"],
        ),
        (
            "Fighters remain trapped, according to Al Jazeera, Le Monde, and AFP.",
            "Fighters remain trapped.",
            ["Al Jazeera", "Le Monde", "AFP"],
        ),
        (
            "According to Reuters and the BBC, the army withdrew overnight.",
            "The army withdrew overnight.",
            ["Reuters", "the BBC"],
        ),
        (
            "Hamas, according to Al Jazeera, rejected the plan.",
            "Hamas rejected the plan.",
            ["Al Jazeera"],
        ),
        (
            "The deal was signed on Friday, according to reports by the Financial Times.",
            "The deal was signed on Friday.",
            ["the Financial Times"],
        ),
        ("The vote passed according to AFP.", "The vote passed.", ["AFP"]),
        ("The vote passed, according to AFP", "The vote passed.", ["AFP"]),
        (
            "The ferry runs again, according to Nordvik Courier. Fares stay the same.",
            "The ferry runs again. Fares stay the same.",
            ["Nordvik Courier"],
        ),
        (
            "Talks resumed, according to Reuters. They ended, according to Reuters and AP.",
            "Talks resumed. They ended.",
            ["Reuters", "AP"],
        ),
        (
            "Sales fell 3% in the U.S. according to Bloomberg. Profits rose.",
            "Sales fell 3% in the U.S. Profits rose.",
            ["Bloomberg"],
        ),
        ("Did sales fall, according to Bloomberg?", "Did sales fall?", ["Bloomberg"]),
    ],
)
def test_split_attribution_takes_out_according_to_outlets(
    paragraph: str, text: str, names: list[str]
) -> None:
    assert split_attribution(paragraph) == (text, names)


@pytest.mark.parametrize(
    "paragraph",
    [
        "At least 242 Palestinians have been killed, according to the Gaza Health Ministry.",
        "The road will reopen in May, according to officials.",
        "It will cost 310 million crowns, according to the city transport office.",
        "Prices rose, according to Reuters and the Health Ministry.",  # not all outlets
        "Prices rose, according to Reuters, which cited officials.",  # the rest needs Reuters
        "No outlet is named here.",
    ],
)
def test_split_attribution_leaves_sources_that_are_content(paragraph: str) -> None:
    assert split_attribution(paragraph) == (paragraph, [])


# --- Quotes --------------------------------------------------------------------------------------


def test_extract_quotes_keeps_the_clause_and_finds_role_and_context_in_the_document() -> None:
    document = "Kushner met Israeli Prime Minister Benjamin Netanyahu in Jerusalem."
    paragraph = (
        "Strikes continued. Netanyahu reinforced Israel’s commitment to enforcement, stating,"
        " “We are determined to enforce with an iron fist the ceasefire agreements...” while"
        " addressing the Israeli parliament."
    )
    assert extract_quotes(paragraph, document=document) == (
        "Strikes continued. Netanyahu reinforced Israel’s commitment to enforcement.",
        [
            {
                "quote": "We are determined to enforce with an iron fist the ceasefire agreements...",
                "speaker": "Benjamin Netanyahu",
                "role": "Israeli Prime Minister",
                "context": "While addressing the Israeli parliament",
            }
        ],
    )


@pytest.mark.parametrize(
    ("paragraph", "text", "block"),
    [
        (
            "The council voted. “The tram will reach the harbour by 2027,” Deputy Mayor Alda"
            " Fenwick said after the vote.",
            "The council voted.",
            {
                "quote": "The tram will reach the harbour by 2027",
                "speaker": "Alda Fenwick",
                "role": "Deputy Mayor",
                "context": "After the vote",
            },
        ),
        (
            "“We would rather fund the morning ferries,” said Sander Voss, the company’s"
            " operations director, at a press conference.",
            "",
            {
                "quote": "We would rather fund the morning ferries",
                "speaker": "Sander Voss",
                "role": "Company’s operations director",
                "context": "At a press conference",
            },
        ),
        (
            'Oskar Lind, chair of the passengers’ association, said: "People have no other way'
            ' to get there."',
            "",
            {
                "quote": "People have no other way to get there.",
                "speaker": "Oskar Lind",
                "role": "Chair of the passengers’ association",
            },
        ),
        (
            "“We will run fewer boats this winter,” said Brenn, speaking at the port.",
            "",
            {
                "quote": "We will run fewer boats this winter",
                "speaker": "Brenn",
                "context": "Speaking at the port",
            },
        ),
        (
            "U.S. President Joe Bloggs said, “We are not going to stop here.” Mr. Bloggs left.",
            "Mr. Bloggs left.",
            {
                "quote": "We are not going to stop here.",
                "speaker": "Joe Bloggs",
                "role": "U.S. President",
            },
        ),
        (
            "Fenwick told reporters, “The tram is coming to the harbour,” on Monday.",
            "",
            {
                "quote": "The tram is coming to the harbour",
                "speaker": "Fenwick",
                "context": "On Monday",
            },  # "told reporters" is the speech verb
        ),
        (
            "Mara Quell said, “We got what we came for,” outside the port gates.",
            "Mara Quell said, “We got what we came for,” outside the port gates.",
            None,  # "outside ..." is not a context the importer recognises: nothing is dropped
        ),
    ],
)
def test_extract_quotes_forms(paragraph: str, text: str, block: dict[str, str] | None) -> None:
    assert extract_quotes(paragraph) == (text, [block] if block else [])


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We will not stop until the job is done,” she said.",  # a pronoun: speaker unknown
        "Israel refused them “safe passage” to Hamas areas.",  # scare quotes around a term
        "Fenwick said “the tram is coming soon” and left the room.",  # the sentence goes on
        "“We will win this fight,” he said. “And then we rest,” he added.",
        "“We will run fewer boats this winter,” the company said.",  # no name
        "Meanwhile, Fenwick was defiant, saying, “The tram is coming to the harbour soon.”",
    ],
)
def test_extract_quotes_leaves_unclear_quotes_in_the_paragraph(paragraph: str) -> None:
    assert extract_quotes(paragraph) == (paragraph, [])


# --- Dates and years -----------------------------------------------------------------------------

PAGE = """\
Ferry fares rise - HARBOUR NEWS
Economy
Ferry fares rise
{dates}
Ferry fares rise

• Fares go up by a fifth.

Fares go up by a fifth, according to Nordvik Courier.
"""


def published(dates: str, **kwargs: Any) -> Any:
    return import_text(PAGE.format(dates=dates), today=READ_ON, **kwargs).data["published"]


def test_the_weekday_picks_the_year_when_the_page_has_none() -> None:
    assert published("Published: Tuesday, November 11") == "2025-11-11"
    assert published("Published: Monday, November 11") == "2024-11-11"


def test_the_guessed_year_is_never_in_the_future() -> None:
    draft = import_text(
        PAGE.format(dates="Published: Tuesday, November 11"), today=date(2025, 11, 10)
    )
    assert draft.data["published"] == "2014-11-11"


def test_the_page_s_year_wins_over_the_year_option() -> None:
    assert published("Published: Tuesday, November 11, 2025", year=2031) == "2025-11-11"
    assert published("Published: 11 November 2025") == "2025-11-11"
    assert published("Posted on 2025-11-11") == "2025-11-11"


def test_the_year_option_fills_a_date_without_one() -> None:
    assert published("Published: November 11", year=2025) == "2025-11-11"
    assert published("Published: Tuesday, November 11", year=2025) == "2025-11-11"


def test_a_year_written_with_one_date_holds_for_the_other() -> None:
    data = import_text(
        PAGE.format(dates="Published: Monday, November 10 Updated: Wednesday, November 12, 2025"),
        today=READ_ON,
    ).data
    assert (data["published"], data["updated"]) == ("2025-11-10", "2025-11-12")


def test_a_weekday_that_does_not_match_the_year_is_a_todo() -> None:
    draft = import_text(PAGE.format(dates="Published: Tuesday, November 11"), year=2024)
    assert draft.data["published"] == (
        "TODO: the page says 'Tuesday, November 11' but 2024-11-11 is a Monday;"
        " check the date and write it as YYYY-MM-DD"
    )
    assert draft.todos == [
        "published: the page says 'Tuesday, November 11' but 2024-11-11 is a Monday;"
        " check the date and write it as YYYY-MM-DD"
    ]


def test_a_date_without_year_or_weekday_is_a_located_todo() -> None:
    draft = import_text(PAGE.format(dates="Published: November 11"), today=READ_ON)
    assert draft.todos == [
        "published: the page gives no year for 'November 11'; write the date as YYYY-MM-DD"
    ]
    problems = problems_of(draft)
    assert problems  # the draft is not a valid briefing until the editor fixes the date
    assert all(p.startswith("b.yml:3:12: published: ") for p in problems)
    assert any("TODO" in p for p in problems)


# --- Plain text: furniture, key points, TODOs ----------------------------------------------------

FURNISHED = """\
Harbour strike ends after nine days - THE HARBOUR WIRE
HARBOURWIRE
Recent Posts
side-post-image
side-post-image
Economy

Harbour strike ends after nine days

share-iconPublished: Monday, November 3, 2025 share-iconUpdated: Tuesday, November 4, 2025 comment-icon3 days ago
Harbour strike ends after nine days

Credited from: AFP
image placeholder

  • Dock workers return on Monday.
  - The union won a shorter night shift.
  * Shipping firms expect the backlog to clear in a week.

The nine-day strike at Port Anselm ended after talks that ran
through the night, according to The Harbour Ledger.

Shipping firms said containers would move again on Monday, according to Nordvik Courier.

SHARE THIS ARTICLE:

nav-post-picture
nav-post-picture
Ferry fares rise by a fifth
"""


def test_plain_text_drops_the_page_furniture() -> None:
    draft = import_text(FURNISHED, today=READ_ON)
    text = as_yaml(draft)
    for furniture in (
        "HARBOURWIRE",
        "HARBOUR WIRE",
        "Recent Posts",
        "post-image",
        "post-picture",
        "icon",
        "ago",
        "SHARE",
        "placeholder",
        "Ferry fares",
    ):
        assert furniture not in text
    assert draft.data["title"] == "Harbour strike ends after nine days"
    assert draft.data["category"] == "Economy"
    assert (draft.data["published"], draft.data["updated"]) == ("2025-11-03", "2025-11-04")
    assert draft.data["image"] == {
        "alt": "Harbour strike ends after nine days",
        "credit": "Agence France-Presse",  # outlets in the table get the name readers know
    }


def test_plain_text_reads_bullets_paragraphs_and_credits() -> None:
    draft = import_text(FURNISHED, today=READ_ON)
    assert draft.data["key_points"] == [
        "Dock workers return on Monday.",
        "The union won a shorter night shift.",
        "Shipping firms expect the backlog to clear in a week.",
    ]
    assert draft.data["body"] == [
        {
            "paragraph": "The nine-day strike at Port Anselm ended after talks that ran through the night.",
            "credits": ["harbour-ledger"],
        },
        {
            "paragraph": "Shipping firms said containers would move again on Monday.",
            "credits": ["nordvik-courier"],
        },
    ]
    assert draft.data["sources"] == {
        "harbour-ledger": {"name": "The Harbour Ledger"},
        "nordvik-courier": {"name": "Nordvik Courier"},
    }
    assert draft.todos == []
    assert problems_of(draft) == []


BARE = """\
Lighthouse to become a museum

The old lighthouse at Port Anselm will open as a museum in the spring.

Volunteers have restored the lamp room, according to Anselm Gazette.
"""


def test_what_the_page_does_not_say_becomes_located_todos() -> None:
    draft = import_text(BARE, today=READ_ON)
    assert draft.data["category"] == "TODO: name the section, e.g. Politics"
    assert draft.data["body"][0]["credits"] == [TODO_SOURCE]
    assert "image" not in draft.data  # optional: no credit line, no image
    assert draft.todos == [
        "category: name the section, e.g. Politics",
        "published: add the date of first publication, YYYY-MM-DD",
        "key_points[0]: sum the article up in one to five one-sentence points",
        "body[0].credits[0]: the article names no outlet for this block; credit its sources"
        " (and add them under 'sources:')",
    ]
    problems = problems_of(draft)
    assert (
        "b.yml:2:11: category: still a placeholder ('TODO: name the section, e.g. Politics'); write it or remove the line"
        in problems
    )
    assert any(p.startswith("b.yml:3:12: published: ") for p in problems)
    assert (
        "b.yml:5:3: key_points[0]: still a placeholder ('TODO: sum the article up in one to five one-sentence points'); write it or remove the line"
        in problems
    )
    assert (
        "b.yml:9:5: body[0].credits[0]: unknown source 'todo'; add it under 'sources:' or use one of 'anselm-gazette'"
        in problems
    )


def test_a_page_without_any_attribution_has_a_placeholder_source_and_says_so() -> None:
    draft = import_text("A headline\n\nOne paragraph of news.\n", today=READ_ON)
    # Why not 'sources: {}': that fails the format away from any TODO.
    assert draft.data["sources"] == {
        "todo": {"name": "TODO: name the outlet the briefing draws on"}
    }
    assert draft.todos[-1] == "sources.todo.name: name the outlet the briefing draws on"
    assert (
        "b.yml:12:11: sources.todo.name: still a placeholder"
        " ('TODO: name the outlet the briefing draws on'); write it or remove the line"
    ) in problems_of(draft)


def test_a_dash_in_the_headline_is_not_a_site_name() -> None:
    draft = import_text("Kushner - Netanyahu talks resume\n\nThey met, according to AFP.\n")
    assert draft.data["title"] == "Kushner - Netanyahu talks resume"


def test_an_empty_page_is_all_todos() -> None:
    draft = import_text("\n\n", name="empty.txt")
    assert draft.data["title"] == "TODO: write the headline"
    assert draft.source_name == "empty.txt"
    assert draft.todos == [
        "title: write the headline",
        "category: name the section, e.g. Politics",
        "published: add the date of first publication, YYYY-MM-DD",
        "key_points[0]: sum the article up in one to five one-sentence points",
        "body[0].paragraph: the article's text could not be found; write the first paragraph",
        "body[0].credits[0]: the article names no outlet for this block; credit its sources"
        " (and add them under 'sources:')",
        "sources.todo.name: name the outlet the briefing draws on",
    ]


# --- HTML ----------------------------------------------------------------------------------------


def test_html_article_page_uses_metadata_main_text_and_page_outlet() -> None:
    draft = import_file(IMPORT / "harbour-ledger-ferry-fares.html")
    data = draft.data
    assert data["title"] == "Port Anselm ferry fares to rise by a fifth in January"
    assert (data["category"], data["published"], data["updated"]) == (
        "Economy",
        "2025-10-28",
        "2025-10-29",
    )
    assert data["image"] == {
        "src": "https://harbour-ledger.example/media/2025/10/morning-ferry.jpg",
        "alt": "Port Anselm ferry fares to rise by a fifth in January",
        "credit": "Nordvik Courier",
    }
    assert data["key_points"] == [
        "Single fares on the Anselm–Nordvik ferry go up by 20 percent on January 5.",
        "The ferry company blames fuel costs and an ageing fleet.",
        "Commuters ask the council for a subsidy.",
    ]
    assert [block.get("paragraph", block.get("quote"))[:30] for block in data["body"]] == [
        "Single fares on the ferry betw",
        "The company said that fuel now",
        "Commuters reacted with dismay.",
        "People who start work at the h",
        "The council’s transport commit",
    ]
    assert [block["credits"] for block in data["body"]] == [
        ["harbour-ledger"],
        ["nordvik-courier", "reuters"],
        ["harbour-ledger"],
        ["harbour-ledger"],
        ["harbour-ledger"],
    ]
    assert data["body"][1]["paragraph"].endswith("battery-powered ferry next year.")
    assert data["body"][3] == {
        "quote": "People who start work at the harbour at six have no other way to get there",
        "speaker": "Oskar Lind",
        "role": "Chair of the Anselm Passengers’ Association",
        "context": "While speaking outside the ferry terminal",
        "credits": ["harbour-ledger"],
    }
    assert data["sources"] == {
        "harbour-ledger": {
            "name": "The Harbour Ledger",
            "url": "https://harbour-ledger.example/2025/10/ferry-fares-rise",
        },
        "nordvik-courier": {"name": "Nordvik Courier"},
        "reuters": {"name": "Reuters"},
    }
    text = as_yaml(draft)
    for furniture in ("cookies", "Subscribe", "Advertisement", "Most read", "Share on", "Sign up"):
        assert furniture not in text
    assert draft.todos == []
    assert problems_of(draft) == []


def test_html_page_with_json_ld_and_saved_from_address() -> None:
    draft = import_file(IMPORT / "nordvik-courier-tram-line.html")
    data = draft.data
    assert (data["title"], data["category"], data["published"]) == (
        "Harbour tram line approved after ten-year wait",
        "Transport",
        "2025-11-04",
    )
    assert data["sources"]["nordvik-courier"] == {
        "name": "Nordvik Courier",
        "url": "https://nordvik-courier.example/transport/harbour-tram-approved",
    }
    paragraphs = [b["paragraph"] for b in data["body"] if "paragraph" in b]
    assert paragraphs[1].endswith("according to the city transport office.")  # content, kept
    assert not any(p.startswith("Related:") or "comment" in p for p in paragraphs)
    assert data["body"][2] == {
        "quote": "The tram will reach the harbour by the summer of 2027",
        "speaker": "Alda Fenwick",
        "role": "Deputy Mayor",
        "context": "After the vote",
        "credits": ["nordvik-courier"],
    }
    assert data["body"][3]["credits"] == ["anselm-gazette"]
    assert "image" not in data
    assert draft.todos == ["key_points[0]: sum the article up in one to five one-sentence points"]


def test_html_url_option_and_missing_metadata() -> None:
    html = "<html><body><article><p>{}</p></article></body></html>".format(
        "The harbour master said the new quay will open in March after two years of work. " * 3
    )
    draft = import_html(html, url="https://example.org/quay")
    assert draft.source_name == "https://example.org/quay"
    assert draft.data["body"][0]["credits"] == ["example-org"]
    assert draft.data["sources"] == {
        "example-org": {"name": "example.org", "url": "https://example.org/quay"}
    }
    assert draft.data["published"].startswith("TODO:")
    assert draft.data["category"].startswith("TODO:")


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_with_front_matter() -> None:
    draft = import_file(IMPORT / "anselm-gazette-night-ferry.md")
    data = draft.data
    assert list(data) == [k for k in ORDER if k != "image"] + ["sources"]
    assert (data["title"], data["category"], data["published"], data["updated"]) == (
        "Night ferry to Nordvik cut for the winter",
        "Transport",
        "2025-11-12",
        "2025-11-13",
    )
    assert data["tags"] == ["Port Anselm", "Ferries"]
    assert data["key_points"] == [
        "The last ferry of the day to Nordvik will not run from December 1 to March 1.",
        "Fewer than twenty passengers a night used it last winter.",
    ]
    assert data["body"][0]["paragraph"] == (
        "The Anselm Ferry Company will stop the 23:40 sailing to Nordvik from December 1 until"
        " the end of February. Passengers who travel late will have to take the night bus,"
        " which takes an hour longer."
    )
    assert [b["credits"] for b in data["body"]] == [
        ["anselm-gazette"],
        ["harbour-ledger"],
        ["anselm-gazette"],
        ["anselm-gazette"],
    ]
    assert data["body"][2] == {
        "quote": "We would rather put the money into the morning ferries, which are full every day.",
        "speaker": "Sander Voss",
        "role": "Operations director of the Anselm Ferry Company",
        "credits": ["anselm-gazette"],
    }
    assert data["sources"]["anselm-gazette"]["url"] == (
        "https://anselm-gazette.example/2025/11/night-ferry-cut"
    )
    assert draft.todos == []
    assert problems_of(draft) == []


def test_markdown_sources_in_the_briefing_format_and_a_bad_date() -> None:
    text = """\
---
title: Quay opens
published: 11/03/2025
sources:
  ledger: {name: The Harbour Ledger}
  courier: {name: Nordvik Courier}
---
The new quay opened on Monday.
"""
    draft = import_markdown(text)
    assert draft.data["published"] == "TODO: '11/03/2025' is not a date; write it as YYYY-MM-DD"
    assert draft.data["body"] == [
        {"paragraph": "The new quay opened on Monday.", "credits": [TODO_SOURCE]}
    ]  # two outlets: which one is not known
    assert list(draft.data["sources"]) == ["ledger", "courier"]


def test_markdown_front_matter_with_a_day_that_does_not_exist() -> None:
    draft = import_markdown("---\ntitle: Quay opens\ndate: 2025-02-30\n---\nThe quay opened.\n")
    assert draft.data["title"] == "Quay opens"
    assert draft.data["published"] == "TODO: '2025-02-30' is not a date; write it as YYYY-MM-DD"


def test_values_over_the_formats_limits_are_todos_or_left_out() -> None:
    tags = ", ".join(["harbour", "t" * 101, *[f"tag{n}" for n in range(25)]])
    text = f"---\ntitle: {'Long ' * 70}\ncategory: {'c' * 101}\ntags: [{tags}]\n---\nThe quay opened.\n"
    data = import_markdown(text).data
    assert data["title"] == "TODO: write the headline (the source's is over 300 characters)"
    assert data["category"] == "TODO: name the section, e.g. Politics"
    assert data["tags"] == ["harbour", *[f"tag{n}" for n in range(19)]]  # at most 20, each a label
    first_line = import_text(f"{'A long first line ' * 20}\n\nThe quay opened on Monday.\n")
    assert first_line.data["title"].startswith("TODO: write the headline")


def test_more_than_five_bullets_open_the_body_and_long_paragraphs_are_cut() -> None:
    points = [f"- Quay {n} opens to ferries on Monday." for n in range(7)]
    text = "---\nsource: Harbour Ledger\n---\n" + "\n".join(points) + "\n\n" + "Word. " * 1000
    data = import_markdown(text).data
    assert data["key_points"] == ["TODO: sum the article up in one to five one-sentence points"]
    assert [b["paragraph"] for b in data["body"][:7]] == [p[2:] for p in points]
    assert all(b["credits"] == ["harbour-ledger"] for b in data["body"])
    long = [b["paragraph"] for b in data["body"][7:]]
    assert len(long) == 2
    assert all(len(p) <= 5000 for p in long)
    assert " ".join(long) == ("Word. " * 1000).strip()


def test_front_matter_source_keys_that_are_no_keys_are_made_from_the_name() -> None:
    text = "---\nsources: {'Harbour Ledger': {name: The Harbour Ledger}}\n---\nThe quay opened.\n"
    data = import_markdown(text).data
    assert data["sources"] == {"harbour-ledger": {"name": "The Harbour Ledger"}}
    assert data["body"][0]["credits"] == ["harbour-ledger"]


def test_the_paragraph_right_above_an_end_of_article_line_is_kept() -> None:
    text = (
        "Ferry resumes\n\nThe Gull Point ferry resumes on Monday.\n"
        "The harbour board said so on Sunday.\nRelated Articles\nQuay repairs begin\n"
    )
    assert [b["paragraph"] for b in import_text(text).data["body"]] == [
        "The Gull Point ferry resumes on Monday. The harbour board said so on Sunday."
    ]


def test_import_file_refuses_other_suffixes(tmp_path: Any) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(ValueError, match=r"cannot import \.pdf; use \.txt, \.html or \.md"):
        import_file(path)
