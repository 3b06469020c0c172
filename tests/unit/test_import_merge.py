"""importer.merge: several outlets' drafts on one event -> one credited draft."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mkdocs_briefings.importer import Draft, import_file
from mkdocs_briefings.importer.merge import (
    merge_bodies,
    merge_drafts,
    normalise_text,
    same_quote,
    same_sentence,
)

from ..conftest import DATA

FOLDER = DATA / "import" / "folder"  # a day's reading; three of its articles are on the dam
ARTICLES = [
    FOLDER / "velmora-herald-spillway.html",
    FOLDER / "tarsen-valley-post-dam.html",
    FOLDER / "northgate-wire-tarsen.html",
]


def _draft(name: str, outlet: str, body: list[dict[str, Any]], **data: Any) -> Draft:
    key = normalise_text(outlet).replace(" ", "-")
    url = f"https://{key}.example/{name}"
    return Draft(
        data={
            "title": data.pop("title", f"{outlet} headline"),
            "category": data.pop("category", "TODO: name the section, e.g. Politics"),
            "published": data.pop("published", "TODO: add the date"),
            **data,
            "key_points": ["TODO: sum the article up"],
            "body": [{**block, "credits": [key]} for block in body],
            "sources": {key: {"name": outlet, "url": url}},
        },
        source_name=name,
    )


def _text(block: dict[str, Any]) -> str:
    return str(block.get("quote", block.get("paragraph")))


@pytest.fixture(scope="module")
def merged_fixture() -> Any:
    return merge_drafts([import_file(path) for path in ARTICLES])


def test_one_source_per_outlet_with_its_address(merged_fixture: Any) -> None:
    sources = merged_fixture.draft.data["sources"]
    assert sources == {
        "velmora-herald": {
            "name": "The Velmora Herald",
            "url": "https://velmora-herald.example/2025/11/tarsen-dam-spillway",
        },
        "tarsen-valley-post": {
            "name": "Tarsen Valley Post",
            "url": "https://tarsenpost.example/news/dam-spillway-open",
        },
        "northgate-wire": {
            "name": "Northgate Wire",
            "url": "https://northgatewire.example/world/europe/tarsen-dam",
        },
    }


def test_the_quote_all_three_report_is_one_callout_credited_to_all(merged_fixture: Any) -> None:
    body = merged_fixture.draft.data["body"]
    callouts = [b for b in body if "quote" in b]
    assert len(callouts) == 1
    (quote,) = callouts
    assert quote["speaker"] == "Marta Kell"
    assert sorted(quote["credits"]) == ["northgate-wire", "tarsen-valley-post", "velmora-herald"]
    # The Tarsen Valley Post quoted more of it: its words, verbatim.
    assert quote["quote"].endswith("Nobody in the lower valley is in danger tonight")
    # No paragraph repeats the quote (Northgate Wire's "..., Kell told reporters." is gone).
    assert not [b for b in body if "paragraph" in b and "We opened the spillway" in b["paragraph"]]


def test_near_identical_sentences_are_said_once_credited_to_both(merged_fixture: Any) -> None:
    body = merged_fixture.draft.data["body"]
    spillway = [b for b in body if _text(b).startswith("Engineers opened the emergency spillway")]
    assert len(spillway) == 1
    assert spillway[0]["credits"] == ["velmora-herald", "northgate-wire"]
    residents = [b for b in body if _text(b).startswith("Residents of Brask")]
    assert len(residents) == 1
    assert residents[0]["credits"] == ["velmora-herald", "tarsen-valley-post"]


def test_each_outlets_own_paragraphs_keep_their_credit(merged_fixture: Any) -> None:
    body = merged_fixture.draft.data["body"]
    by_start = {" ".join(_text(b).split()[:3]): b["credits"] for b in body}
    assert by_start["In Brask, volunteers"] == ["tarsen-valley-post"]
    assert by_start["The regional government"] == ["northgate-wire"]
    assert by_start["The last time"] == ["velmora-herald"]


def test_nothing_is_invented(merged_fixture: Any) -> None:
    """Every sentence of the merged body is on one of the pages (markup aside)."""
    pages = " ".join(
        " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())
        for path in ARTICLES
    )
    for block in merged_fixture.draft.data["body"]:
        for part in re.split(r"(?<=[.!?])\s+", _text(block)):
            assert part.rstrip(".") in pages, part


def test_published_is_the_earliest_date_and_title_key_points_stay_todos(
    merged_fixture: Any,
) -> None:
    data = merged_fixture.draft.data
    assert data["published"] == "2025-11-03"
    assert data["title"].startswith("TODO:")
    assert data["key_points"][0].startswith("TODO:")
    assert data["category"].startswith("TODO:")  # Environment, Environment, World: no agreement
    assert any(todo.startswith("title:") for todo in merged_fixture.draft.todos)
    assert merged_fixture.draft.source_name == " + ".join(path.name for path in ARTICLES)


def test_notes_list_each_outlets_headline_and_lead(merged_fixture: Any) -> None:
    notes = merged_fixture.notes
    assert "velmora-herald-spillway.html (The Velmora Herald, 2025-11-03)" in notes
    assert "  headline: Storm forces release at Tarsen dam" in notes
    assert (
        "  lead: Residents of Brask and Olvenby, the two villages closest to the river, were told"
        " to move their cars and livestock away from the banks before midnight." in notes
    )


def test_two_articles_from_one_outlet_share_its_source() -> None:
    first = _draft("a.html", "Ostby Times", [{"paragraph": "The mill closed on Friday morning."}])
    second = _draft("b.html", "Ostby Times", [{"paragraph": "Workers were told by letter."}])
    merged = merge_drafts([first, second])
    assert list(merged.draft.data["sources"]) == ["ostby-times"]
    assert (
        merged.draft.data["sources"]["ostby-times"]["url"] == "https://ostby-times.example/a.html"
    )
    assert "ostby-times also published https://ostby-times.example/b.html" in merged.notes


def test_category_and_tags_only_where_the_articles_agree() -> None:
    body = [{"paragraph": "The mill closed on Friday morning."}]
    agree = merge_drafts(
        [
            _draft("a", "Ostby Times", body, category="Business", tags=["Ostby", "Mills"]),
            _draft("b", "Lund Post", body, category="business", tags=["Mills"]),
            _draft("c", "Kell Daily", body),
        ]
    ).draft.data
    assert agree["category"] == "Business"
    assert agree["tags"] == ["Mills"]
    disagree = merge_drafts(
        [
            _draft("a", "Ostby Times", body, category="Business", tags=["Ostby"]),
            _draft("b", "Lund Post", body, category="Labour", tags=["Mills"]),
        ]
    ).draft.data
    assert disagree["category"].startswith("TODO:")
    assert "tags" not in disagree


def test_no_dates_leave_published_a_todo() -> None:
    merged = merge_drafts([_draft("a", "Ostby Times", [{"paragraph": "The mill closed."}])])
    assert merged.draft.data["published"].startswith("TODO:")


def test_a_paragraph_keeps_only_the_sentences_no_earlier_outlet_said() -> None:
    bodies = [
        [{"paragraph": "The Ostby mill closed on Friday after ninety years.", "credits": ["a"]}],
        [
            {
                "paragraph": "The Ostby mill closed on Friday after 90 years. Its owner blamed"
                " the price of timber.",
                "credits": ["b"],
            }
        ],
    ]
    assert merge_bodies(bodies) == [
        {"paragraph": "The Ostby mill closed on Friday after ninety years.", "credits": ["a", "b"]},
        {"paragraph": "Its owner blamed the price of timber.", "credits": ["b"]},
    ]


def test_one_outlets_additions_stand_after_what_they_follow() -> None:
    bodies = [
        [
            {"paragraph": "The Ostby mill closed on Friday after ninety years.", "credits": ["a"]},
            {"paragraph": "The town council will meet the owners next week.", "credits": ["a"]},
        ],
        [
            {"paragraph": "The Ostby mill closed on Friday after ninety years.", "credits": ["b"]},
            {"paragraph": "About 140 people worked there.", "credits": ["b"]},
        ],
    ]
    assert [_text(b)[:9] for b in merge_bodies(bodies)] == ["The Ostby", "About 140", "The town "]


def test_inputs_are_not_changed() -> None:
    block = {"paragraph": "The Ostby mill closed on Friday after ninety years.", "credits": ["b"]}
    merge_bodies([[{**block, "credits": ["a"]}], [block]])
    assert block["credits"] == ["b"]


def test_todo_credits_give_way_to_a_named_outlet() -> None:
    sentence = "The Ostby mill closed on Friday after ninety years."
    bodies = [
        [{"paragraph": sentence, "credits": ["todo"]}],
        [{"paragraph": sentence, "credits": ["b"]}],
    ]
    assert merge_bodies(bodies) == [{"paragraph": sentence, "credits": ["b"]}]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "The ferry will resume on Monday, officials said.",
            "The ferry will resume on Monday, city officials said.",
            True,
        ),
        (
            "The council approved the new fares on Tuesday.",
            "Fares were approved by the council on Tuesday.",
            False,
        ),
        ("He declined to comment.", "He declined to comment.", False),  # too short to be copy
        (
            "Prices rose by 4 percent in October, the bureau said.",
            "Prices rose by 4 per cent in October, the bureau said.",
            True,
        ),
    ],
)
def test_same_sentence(a: str, b: str, same: bool) -> None:
    assert same_sentence(normalise_text(a), normalise_text(b)) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("We will rebuild the bridge by spring.", "we will rebuild the bridge by spring", True),
        (
            "We will rebuild the bridge by spring",
            "We will rebuild the bridge by spring, whatever it costs",
            True,
        ),
        ("by spring", "We will rebuild the bridge by spring", False),  # too short to contain
        ("We will rebuild the bridge", "We will not rebuild the bridge this year", False),
    ],
)
def test_same_quote(a: str, b: str, same: bool) -> None:
    assert same_quote(normalise_text(a), normalise_text(b)) is same


def test_nothing_to_merge() -> None:
    with pytest.raises(ValueError, match="nothing to merge"):
        merge_drafts([])


def test_fixture_files_exist() -> None:
    assert all(Path(path).is_file() for path in ARTICLES)


def test_the_same_quote_in_two_outlets_own_sentences_is_said_once() -> None:
    bodies = [
        [
            {
                "paragraph": "“We will rebuild the Ostby mill by spring,” the owner, Ada Lund, said.",
                "credits": ["a"],
            }
        ],
        [
            {
                "paragraph": "“We will rebuild the Ostby mill by spring,” said Ada Lund. The"
                " council has not yet agreed.",
                "credits": ["b"],
            }
        ],
    ]
    assert merge_bodies(bodies) == [
        {
            "paragraph": "“We will rebuild the Ostby mill by spring,” the owner, Ada Lund, said.",
            "credits": ["a", "b"],
        },
        {"paragraph": "The council has not yet agreed.", "credits": ["b"]},
    ]


def test_a_sentence_that_only_cites_a_phrase_is_kept() -> None:
    """A quote that is a small part of its sentence does not make the sentence a repeat."""
    bodies = [
        [
            {
                "paragraph": "“We will rebuild the Ostby mill by spring,” Ada Lund said.",
                "credits": ["a"],
            }
        ],
        [
            {
                "paragraph": "The council met on Monday and the mayor, who had visited the site,"
                " told the owners that “we will rebuild the Ostby mill by spring” was not enough.",
                "credits": ["b"],
            }
        ],
    ]
    assert len(merge_bodies(bodies)) == 2
