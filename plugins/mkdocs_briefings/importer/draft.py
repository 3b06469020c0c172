"""The draft briefing: its data in the format's order, its placeholders and their TODO list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from ..loader import Loc, format_loc, megabytes
from ..model import MAX_BLOCKS, MAX_KEY_POINTS, MAX_TEXT, MAX_TITLE
from .extract import split_long
from .metadata import MAX_LABEL, MAX_TAG, MAX_TAGS
from .outlets import normalise_outlet

if TYPE_CHECKING:
    from collections.abc import Iterator

Block: TypeAlias = dict[str, Any]

TODO_SOURCE = "todo"
"""The credit given to a block whose outlets the article does not name."""

_TITLE_TODO = "TODO: write the headline"
_LONG_TITLE_TODO = f"TODO: write the headline (the source's is over {MAX_TITLE} characters)"
_CATEGORY_TODO = "TODO: name the section, e.g. Politics"
_PUBLISHED_TODO = "TODO: add the date of first publication, YYYY-MM-DD"
_KEY_POINTS_TODO = "TODO: sum the article up in one to five one-sentence points"
IMAGE_CREDIT_TODO = "TODO: credit the image (who took or supplied it)"
_BODY_TODO = "TODO: the article's text could not be found; write the first paragraph"
TEASER_TODO = (
    "TODO: the page holds only the start of the article (paywall?); paste the article's text"
    " or write the paragraphs"
)
_SOURCE_TODO = "TODO: name the outlet the briefing draws on"

MAX_PAGE_BYTES = 5_000_000
"""A saved HTML page, markup and all; reading its main text takes about a second per MB."""
MAX_ARTICLE_BYTES = 1_000_000
"""A .txt or .md article (characters, for text given as a string); news articles are ~10 kB."""
PAGE_HINT = "save it as 'Web page, HTML only', or copy the article's text into a .txt file"
ARTICLE_HINT = "keep only the article"


def check_size(size: int, limit: int, what: str, hint: str) -> None:
    """Raise ValueError for an input of ``size`` over ``limit``.

    Why: reading a page's main text takes about a second per MB; a 20 MB page would hold
    `briefings import` up for half a minute before failing anyway.
    """
    if size > limit:
        shown = megabytes(size, limit=limit)
        raise ValueError(
            f"the {what} is {shown}; at most {limit / 1e6:g} MB can be imported: {hint}"
        )


@dataclass(frozen=True)
class Draft:
    """A draft briefing: data ready for ``yaml.safe_dump(sort_keys=False)``, and what is left.

    Attributes:
        data: The briefing's keys in the format's order (title, category, published, updated,
            tags, image, key_points, body, sources); unknown optional keys are left out.
        todos: One line per placeholder in ``data``, e.g. "category: name the section, ...".
        source_name: What the draft was imported from (a file name or an address).
    """

    data: dict[str, Any]
    todos: list[str] = field(default_factory=list)
    source_name: str = ""


@dataclass
class Sources:
    """The outlets credited so far, in order of first credit."""

    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    def credit(self, name: str, url: str | None = None) -> str:
        key, display = normalise_outlet(name)
        entry = self.entries.setdefault(key, {"name": display})
        if url and "url" not in entry:
            entry["url"] = url
        return key


def assemble(
    *,
    title: str | None,
    category: str | None,
    published: str | None,
    updated: str | None = None,
    tags: list[str] | None = None,
    image: dict[str, str] | None = None,
    key_points: list[str],
    body: list[Block],
    sources: Sources,
) -> dict[str, Any]:
    """The briefing's data in the format's key order, placeholders where values are missing.

    Values over the format's limits become placeholders, move or are cut, so that the draft
    fails its schema only on its TODOs: a title that is a paragraph and a long category are
    TODOs, long tags are left out, more than five key points open the body as paragraphs
    (credited to the only source, else a TODO), a paragraph over `MAX_TEXT` is cut between
    sentences.
    """
    tags = [tag for tag in tags or [] if len(tag) <= MAX_TAG][:MAX_TAGS]
    data: dict[str, Any] = {
        "title": (_LONG_TITLE_TODO if title and len(title) > MAX_TITLE else title) or _TITLE_TODO,
        "category": category if category and len(category) <= MAX_LABEL else _CATEGORY_TODO,
        "published": published or _PUBLISHED_TODO,
    }
    if updated:
        data["updated"] = updated
    if tags:
        data["tags"] = tags
    if image:
        data["image"] = image
    if len(key_points) > MAX_KEY_POINTS:  # a list, not a summary: it opens the body instead
        only = list(sources.entries)[:1] if len(sources.entries) == 1 else [TODO_SOURCE]
        body = [*({"paragraph": point, "credits": list(only)} for point in key_points), *body]
        key_points = []
    data["key_points"] = key_points or [_KEY_POINTS_TODO]
    data["body"] = _clamp_body(_split_long_paragraphs(body)) or [
        {"paragraph": _BODY_TODO, "credits": [TODO_SOURCE]}
    ]
    # Why a placeholder source: 'sources: {}' fails the format away from any TODO.
    data["sources"] = sources.entries or {TODO_SOURCE: {"name": _SOURCE_TODO}}
    return data


def _join_paragraphs(body: list[Block], run: int) -> list[Block]:
    """Runs of up to ``run`` neighbouring paragraphs with the same credits, joined."""
    joined: list[Block] = []
    count = 0
    for block in body:
        last = joined[-1] if joined else None
        if (
            last is not None
            and count < run
            and "paragraph" in block
            and "paragraph" in last
            and last["credits"] == block["credits"]
            and len(last["paragraph"]) + 1 + len(block["paragraph"]) <= MAX_TEXT
        ):
            last["paragraph"] += " " + block["paragraph"]
            count += 1
        else:
            joined.append({**block, "credits": list(block["credits"])})
            count = 1
    return joined


def _split_long_paragraphs(body: list[Block]) -> list[Block]:
    """Paragraphs over `MAX_TEXT` characters cut between sentences (`extract.split_long`).

    Why here too: a text page or a Markdown file may hold a paragraph as long as a whole
    article (HTML imports cut theirs as they read the page).
    """
    split: list[Block] = []
    for block in body:
        if "paragraph" in block and len(block["paragraph"]) > MAX_TEXT:
            split += [
                {**block, "paragraph": piece, "credits": list(block["credits"])}
                for piece in split_long(block["paragraph"])
            ]
        else:
            split.append(block)
    return split


def _clamp_body(body: list[Block]) -> list[Block]:
    """At most `MAX_BLOCKS` blocks: neighbouring paragraphs joined, then a TODO for the rest.

    Why join first: a list article of 150 short items would otherwise lose a third of its
    text; joined, it keeps all of it, and the editor shortens it anyway.
    """
    if len(body) <= MAX_BLOCKS:
        return body
    body = _join_paragraphs(body, -(-len(body) // (MAX_BLOCKS - 1)))
    if len(body) <= MAX_BLOCKS:
        return body
    left = len(body) - (MAX_BLOCKS - 1)
    todo = f"TODO: the article goes on for {left} more paragraphs; add what the briefing needs"
    credits = list(body[MAX_BLOCKS - 2]["credits"])
    return [*body[: MAX_BLOCKS - 1], {"paragraph": todo, "credits": credits}]


def _walk_todos(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_todos(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if loc[-1:] == ("credits",) and item == TODO_SOURCE:
                yield (
                    (*loc, i),
                    "the article names no outlet for this block; credit its sources"
                    " (and add them under 'sources:')",
                )
            else:
                yield from _walk_todos(item, (*loc, i))
    elif isinstance(value, str) and value.startswith("TODO:"):
        yield loc, value.removeprefix("TODO:").strip()


def make_draft(data: dict[str, Any], name: str) -> Draft:
    todos = [f"{format_loc(loc)}: {message}" for loc, message in _walk_todos(data)]
    return Draft(data=data, todos=todos, source_name=name)


def empty_draft(name: str) -> Draft:
    """The draft of a source with no text: every required value a placeholder."""
    data = assemble(
        title=None, category=None, published=None, key_points=[], body=[], sources=Sources()
    )
    return make_draft(data, name)
