"""catalog: groupings, pagination, related briefings and relative links (pure)."""

from __future__ import annotations

import posixpath

import pytest

from mkdocs_briefings.catalog import Layout, Related, by_source, paginate, relative
from mkdocs_briefings.entries import newest_first, read_entry

from .test_loader import VALID


@pytest.mark.parametrize(
    ("target", "page"),
    [
        ("briefings/x.md", "categories/politics/index.md"),
        ("briefings/x.md", "briefings/y.md"),
        ("categories/a/index.md", "categories/a/page/2/index.md"),
        ("index.md", "x.md"),
        ("archive/index.md", "archive/2025-11/index.md"),
        ("digests/2025-11-11.md", "digests/index.md"),
    ],
)
def test_relative_matches_posixpath(target: str, page: str) -> None:
    assert relative(target, page) == posixpath.relpath(target, posixpath.dirname(page) or ".")


def test_layout_paths() -> None:
    layout = Layout()
    assert layout.listing("categories", "politics") == "categories/politics/index.md"
    assert layout.listing("categories", "politics", 3) == "categories/politics/page/3/index.md"
    assert layout.index("sources") == "sources/index.md"


def test_paginate_always_gives_a_page() -> None:
    assert paginate([], 25) == [[]]
    assert [len(p) for p in paginate(list(range(7)), 3)] == [3, 3, 1]  # type: ignore[arg-type]


def entry(path: str, **replace: str):  # type: ignore[no-untyped-def]
    text = VALID
    for old, new in replace.items():
        text = text.replace(old, new)
    return read_entry(text, path=path)


def test_outlets_are_one_listing_whatever_key_each_file_uses() -> None:
    a = entry("a.yml")
    b = entry(
        "b.yml",
        **{
            "Harbour strike ends": "Ferry returns",
            "ledger:": "hl:",
            "[ledger]": "[hl]",
            "[ledger, courier]": "[hl, courier]",
        },
    )
    listings = {listing.title: len(listing.entries) for listing in by_source(newest_first([a, b]))}
    assert listings == {"Nordvik Courier": 2, "The Harbour Ledger": 2}


def test_related_puts_the_same_story_first() -> None:
    base = entry("base.yml", **{"category: Economy": "category: Economy\nstory: port-strike"})
    same_story = entry(
        "story.yml",
        **{
            "Harbour strike ends": "Talks resume",
            "category: Economy": "category: Economy\nstory: port-strike",
            "[Port Anselm, Labour]": "[Weather]",
        },
    )
    shared_tags = entry("tags.yml", **{"Harbour strike ends": "Dock pay rises"})
    unrelated = entry(
        "other.yml",
        **{
            "Harbour strike ends": "Opera opens",
            "[Port Anselm, Labour]": "[Music]",
            "The Harbour Ledger": "Opera News",
            "Nordvik Courier": "Stage Daily",
        },
    )
    related = Related(newest_first([base, same_story, shared_tags, unrelated]))
    assert [e.path for e in related.of(base)] == ["story.yml", "tags.yml"]
