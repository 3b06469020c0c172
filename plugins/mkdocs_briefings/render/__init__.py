"""One set of facts about a briefing (text.py), several formatters: page HTML (html.py), feed
HTML (feed.py) and Markdown (markdown.py)."""

from __future__ import annotations

from .markdown import DIR_AUTO, front_matter, inline_text, render_body, render_markdown
from .text import (
    WORDS_PER_MINUTE,
    count_words,
    describe,
    format_date,
    join_names,
    page_meta,
    reading_time,
    source_anchor,
)

__all__ = [
    "DIR_AUTO",
    "WORDS_PER_MINUTE",
    "count_words",
    "describe",
    "format_date",
    "front_matter",
    "inline_text",
    "join_names",
    "page_meta",
    "reading_time",
    "render_body",
    "render_markdown",
    "source_anchor",
]
