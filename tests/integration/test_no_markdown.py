"""Generated pages go straight to HTML: no Markdown text is made for them, and Python-Markdown
does not parse them; they stay ordinary MkDocs pages (theme, table of contents, search)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import markdown

from ..conftest import build_site
from .test_build import soup

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


HOOKS = """\
def on_page_content(html, page, **kwargs):
    return html + '<p class="hooked-content">seen</p>'


def on_post_page(output, page, **kwargs):
    return output + "<!-- hooked-post-page -->"
"""


def test_no_generated_page_reaches_python_markdown(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def recording(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", recording)
    (repo_copy / "hooks.py").write_text(HOOKS, encoding="utf-8")
    config = repo_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", "utf-8")
    site = build_site(repo_copy)

    hand_written = sorted((repo_copy / "docs").rglob("*.md"))
    # Not the theme's overrides, nor the editors' manual (draft_docs: left out of `mkdocs build`).
    hand_written = [p for p in hand_written if not {"overrides", "manual"} & set(p.parts)]
    assert len(converted) == len(hand_written)  # each hand-written page once, nothing else
    assert not [t for t in converted if "{ .briefing-credit }" in t or "!!! key-points" in t]

    briefings = sorted((site / "briefings").glob("*/index.html"))
    sources = [p for p in (repo_copy / "briefings").glob("*.yml") if p.name != "people.yml"]
    assert len(briefings) == len(sources)
    page = soup(briefings[0])
    assert page.select_one("article .admonition.key-points .admonition-title")
    assert page.select_one('h2#sources a.headerlink[href="#sources"]')
    # The page's table of contents starts with the headline (Material's skip link goes to its
    # first entry) and is not shown (page meta hide: toc): no sidebar holding one entry.
    assert page.select_one("a.md-skip")["href"] == "#briefing-title"
    assert page.select_one("h1#briefing-title")
    assert not page.select(".md-nav--secondary a.md-nav__link, label[for='__toc']")
    # Other plugins' page hooks see generated pages as they see any page.
    assert page.select_one("article p.hooked-content")
    assert "<!-- hooked-post-page -->" in briefings[0].read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {f"briefings/{p.parent.name}/" for p in briefings} <= locations
    # Search still finds each section of the page, as it does on any page.
    assert {f"briefings/{p.parent.name}/#sources" for p in briefings} <= locations
