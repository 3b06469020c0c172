"""Briefing entries -> MkDocs files and template context (the only MkDocs-aware logic)."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, InclusionLevel

from .render import format_date, page_meta, render_body

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .collection import Entry
    from .config import BriefingsConfig


def page_uri(entry: Entry, opts: BriefingsConfig) -> str:
    """The generated page's path inside docs/, e.g. 'briefings/gaza-truce.md'."""
    return posixpath.join(opts.url_prefix.strip("/"), f"{entry.slug}.md")


def make_file(entry: Entry, source: Path, config: MkDocsConfig, opts: BriefingsConfig) -> File:
    """A page generated in memory from ``entry``, kept out of the navigation.

    Why NOT_IN_NAV: with Material, a nav that lists every page repeats the whole list in every
    page, which makes site size and build time grow with the square of the number of briefings.
    The page's metadata is not written as front matter: `make_meta` gives it to the page
    directly, which saves a YAML dump and parse per page.
    """
    uri = page_uri(entry, opts)
    markdown = render_body(entry.briefing, page_dir=posixpath.dirname(uri))
    file = File.generated(config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
    # "Edit this page" opens the YAML: edit_uri is relative to docs/, and the URL join
    # resolves the '..'.
    file.edit_uri = Path(os.path.relpath(source, config.docs_dir)).as_posix()
    return file


def make_meta(entry: Entry, opts: BriefingsConfig) -> dict[str, Any]:
    """The metadata of ``entry``'s page, as front matter would have given it."""
    return page_meta(
        entry.briefing, template=opts.page_template, words_per_minute=opts.words_per_minute
    )


def make_asset(config: MkDocsConfig, uri: str, content: bytes) -> File:
    """A static file (CSS) shipped inside the package, served from ``uri``."""
    return File.generated(config, uri, content=content)


@dataclass(frozen=True)
class Teaser:
    """What a list of briefings shows for one of them."""

    title: str
    url: str
    category: str
    published: str
    published_display: str
    key_point: str


def make_teaser(entry: Entry, url: str) -> Teaser:
    """A teaser of ``entry`` whose page is at site-relative ``url``."""
    b = entry.briefing
    return Teaser(
        title=b.title,
        url=url,
        category=b.category,
        published=b.published.isoformat(),
        published_display=format_date(b.published),
        key_point=b.key_points[0],
    )


def recent_teasers(latest: list[Teaser], *, but: str, limit: int) -> list[Teaser]:
    """The first ``limit`` of ``latest`` (newest first), leaving out the page at URL ``but``."""
    return [t for t in latest[: limit + 1] if t.url != but][:limit]
