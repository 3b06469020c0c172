"""adapter.media: share cards drawn on every core for a first build, kept and copied after."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mkdocs_briefings.adapter import media
from mkdocs_briefings.images import ImageCache
from mkdocs_briefings.plan import ShareCard

if TYPE_CHECKING:
    from pathlib import Path

SPECS = [
    (f"Ferry crossing number {i} resumes", "Transport", "Nordvik News", "#1565c0") for i in range(6)
]


def test_cards_drawn_in_worker_processes_are_the_cards_drawn_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = [media._draw(spec) for spec in SPECS]
    monkeypatch.setattr(media, "PARALLEL_MIN", 2)
    monkeypatch.setattr(media.os, "sched_getaffinity", lambda _: {0, 1})
    assert media.draw_cards(SPECS) == here


def test_share_cards_are_kept_and_then_copied_from_the_cache(tmp_path: Path) -> None:
    cards = {
        f"assets/briefings/cards/s{i}.png": ShareCard(t, c, a)
        for i, (t, c, _, a) in enumerate(SPECS)
    }
    first = media.share_card_files(cards, "Nordvik News", ImageCache(tmp_path / "images"))
    assert all(path.is_file() for path in first.values())  # type: ignore[union-attr]
    cache = ImageCache(tmp_path / "images")
    drawn: list[object] = []
    monkey = pytest.MonkeyPatch()
    monkey.setattr(media, "_draw", lambda spec: drawn.append(spec) or b"")
    try:
        again = media.share_card_files(cards, "Nordvik News", cache)
    finally:
        monkey.undo()
    assert drawn == []
    assert again == first


def test_without_a_cache_the_cards_are_bytes(tmp_path: Path) -> None:
    cards = {"assets/briefings/cards/s.png": ShareCard("Ferry resumes", "Transport", "#1565c0")}
    files = media.share_card_files(cards, "Nordvik News", ImageCache(None))
    (data,) = files.values()
    assert isinstance(data, bytes)
    assert data.startswith(b"\x89PNG")
