"""pagefind.py: the search box hand-over, the lunr opt-out and the indexer's errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from mkdocs.exceptions import PluginError

from mkdocs_briefings.adapter.pagefind import (
    build_index,
    exclude_from_lunr,
    find_pagefind,
    take_over_search_box,
)

if TYPE_CHECKING:
    from pathlib import Path

MATERIAL_SEARCH = (
    '<div class="md-search" data-md-component="search" role="dialog">'
    '<form class="md-search__form" name="search">'
    '<input type="text" class="md-search__input" data-md-component="search-query" required>'
    "</form>"
    '<div class="md-search-result" data-md-component="search-result"></div></div>'
)


def test_take_over_renames_the_component_and_the_form_only() -> None:
    html = take_over_search_box(MATERIAL_SEARCH)
    assert html == (
        '<div class="md-search" data-md-component="briefings-search" role="dialog">'
        '<form class="md-search__form" name="briefings-search">'
        '<input type="text" class="md-search__input" data-md-component="search-query" required>'
        "</form>"
        '<div class="md-search-result" data-md-component="search-result"></div></div>'
    )


def test_take_over_leaves_a_page_without_search_alone() -> None:
    assert take_over_search_box("<p>search</p>") == "<p>search</p>"


def test_exclude_from_lunr_keeps_other_search_settings() -> None:
    meta = {"title": "T", "search": {"boost": 2}}
    exclude_from_lunr(meta)
    assert meta == {"title": "T", "search": {"boost": 2, "exclude": True}}


def test_missing_binary_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")
    with pytest.raises(PluginError, match=r"pip install 'mkdocs-briefings\[pagefind\]'"):
        find_pagefind()


def test_indexer_failure_is_a_plugin_error_with_pagefind_s_words(tmp_path: Path) -> None:
    pytest.importorskip("pagefind")
    with pytest.raises(PluginError) as exc:
        build_index(tmp_path, binary=find_pagefind())  # no HTML to index
    message = str(exc.value)
    assert message.startswith(f"briefings: Pagefind could not index {tmp_path} (exit 1): Error:")
    assert "not able to build an index" in message


def test_a_binary_that_cannot_run_is_a_plugin_error(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="could not run Pagefind"):
        build_index(tmp_path, binary=tmp_path / "no-such-pagefind")


def test_index_summary_counts_pages(tmp_path: Path) -> None:
    pytest.importorskip("pagefind")
    (tmp_path / "a.html").write_text(
        "<html lang='en'><body><main data-pagefind-body><h1>A</h1><p>Words.</p></main></body></html>",
        encoding="utf-8",
    )
    summary = build_index(tmp_path, binary=find_pagefind())
    assert summary.startswith("Indexed 1 pages in ")
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
