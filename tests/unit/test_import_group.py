"""importer.group: a folder of articles -> groups by event."""

from __future__ import annotations

import pytest

from mkdocs_briefings.importer import import_file
from mkdocs_briefings.importer.group import draft_text, group_drafts, group_texts

from ..conftest import DATA

pytest.importorskip("sklearn")

FOLDER = DATA / "import" / "folder"


def test_the_fictional_folder_groups_by_event() -> None:
    paths = sorted(FOLDER.iterdir())
    drafts = [import_file(path, year=2025) for path in paths]
    groups = [[paths[i].name for i in group] for group in group_drafts(drafts)]
    assert groups == [
        [
            "brenholm-courier-library-strike.html",
            "brenholm-radio-library.txt",
            "brenholm-weekly-library.md",
        ],
        ["coastline-news-oskavik-bridge.html", "island-gazette-bridge.txt"],
        [
            "northgate-wire-tarsen.html",
            "tarsen-valley-post-dam.html",
            "velmora-herald-spillway.html",
        ],
    ]


def test_every_text_is_in_exactly_one_group() -> None:
    texts = [
        "The Ostby mill closed on Friday after ninety years.",
        "Ostby mill workers were told on Friday that the mill closes.",
        "A comet was seen over Lund on Tuesday night.",
        "",
        "the and of",  # only stop words
    ]
    groups = group_texts(texts)
    assert sorted(i for group in groups for i in group) == [0, 1, 2, 3, 4]
    assert [0, 1] in groups
    assert [3] in groups
    assert [4] in groups


def test_fewer_than_two_texts() -> None:
    assert group_texts([]) == []
    assert group_texts(["The Ostby mill closed."]) == [[0]]


def test_no_words_at_all_leaves_each_alone() -> None:
    assert group_texts(["", "the"]) == [[0], [1]]


def test_a_higher_similarity_splits_groups() -> None:
    texts = [
        "The Ostby mill closed on Friday after ninety years; 140 workers lost their jobs.",
        "Ostby mill workers marched to the town hall on Saturday.",
    ]
    assert group_texts(texts, min_similarity=0.05) == [[0, 1]]
    assert group_texts(texts, min_similarity=0.99) == [[0], [1]]


def test_draft_text_leaves_todos_out() -> None:
    drafts = [import_file(FOLDER / "brenholm-weekly-library.md")]
    text = draft_text(drafts[0])
    assert text.startswith("Library strike shuts Brenholm's reading rooms\n")
    assert "TODO" not in text
