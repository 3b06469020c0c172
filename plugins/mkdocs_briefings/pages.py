"""Briefing entries -> MkDocs files and template context (the only MkDocs-aware logic)."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from .catalog import Layout, Related, by_story, outlet_key, relative, story_neighbours
from .collection import make_slug, newest_first
from .feeds import FeedInfo, briefing_item, digest_item, render_atom, render_json_feed, render_rss
from .render import PageParts, format_date, page_meta, render_body
from .site import relative_paths

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig

    from .catalog import Listing
    from .collection import Entry
    from .config import BriefingsConfig
    from .model import Digest


def briefing_markdown(entry: Entry, uri: str, layout: Layout) -> str:
    """The Markdown of ``entry``'s page at src path ``uri``; outlets link to their listings."""
    listings = {
        key: relative(layout.listing("sources", outlet_key(s.name)), uri)
        for key, s in entry.briefing.sources.items()
    }
    return render_body(entry.briefing, page_dir=posixpath.dirname(uri), source_listings=listings)


def make_file(uri: str, markdown: str, edit_uri: str, config: MkDocsConfig) -> File:
    """A briefing's page generated in memory, kept out of the navigation.

    Why NOT_IN_NAV: with Material, a nav that lists every page repeats the whole list in every
    page, which makes site size and build time grow with the square of the number of briefings.
    The page's metadata is not written as front matter: `make_meta` gives it to the page
    directly, which saves a YAML dump and parse per page.
    """
    file = File.generated(config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
    # "Edit this page" opens the YAML: edit_uri (see `edit_paths`) is relative to docs/, and
    # the URL join resolves the '..'.
    file.edit_uri = edit_uri
    return file


def make_meta(entry: Entry, opts: BriefingsConfig) -> dict[str, Any]:
    """The metadata of ``entry``'s page, as front matter would have given it."""
    return page_meta(
        entry.briefing, template=opts.page_template, words_per_minute=opts.words_per_minute
    )


def edit_path(source: Path, config: MkDocsConfig) -> str:
    """The edit_uri of a page made from ``source``: relative to docs/ (URL joins resolve '..')."""
    return edit_paths([source], config)[0]


def edit_paths(sources: Iterable[Path | str], config: MkDocsConfig) -> list[str]:
    """`edit_path` of each of ``sources`` (one relative-path computation per folder)."""
    # Percent-encoded: a file name is not markup, and Material prints edit_url as it is.
    return [quote(p, safe="/.-_~") for p in relative_paths(sources, config.docs_dir)]


def make_index_file(config: MkDocsConfig, uri: str, markdown: str, *, in_nav: bool) -> File:
    """A generated index page; only the top-level ones (categories/, tags/ ...) join the nav."""
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, uri, content=markdown, inclusion=inclusion)


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
    href: str | None = None
    """The link from the page showing it, when the plugin worked it out (else `url | url`)."""


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


@dataclass(frozen=True)
class DigestTeaser:
    """What the home page shows of the latest digest."""

    title: str
    url: str
    date: str
    date_display: str
    note: str | None


def make_digest_teaser(digest: Digest, file: File | None) -> DigestTeaser | None:
    """The teaser of ``digest`` whose page is ``file`` (None if the page was replaced)."""
    if file is None:
        return None
    return DigestTeaser(
        title=digest.title,
        url=file.url,
        date=digest.date.isoformat(),
        date_display=format_date(digest.date),
        note=digest.note,
    )


@dataclass(frozen=True)
class Link:
    """A labelled link to a site-relative URL (the template applies `| url`)."""

    title: str
    url: str


def make_links(entry: Entry, build: Build) -> dict[str, Any]:
    """Links from a briefing's header to its category and tag pages."""
    b, layout = entry.briefing, build.layout
    tags = dict.fromkeys(b.tags)
    return {
        "category": build.link(b.category, layout.listing("categories", make_slug(b.category))),
        "tags": [build.link(t, layout.listing("tags", make_slug(t))) for t in tags],
    }


@dataclass
class Build:
    """What one build knows about its briefings, for the page context (rebuilt every build)."""

    layout: Layout = field(default_factory=Layout)
    entries: list[Entry] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    related: Related | None = None
    pages: dict[str, Entry] = field(default_factory=dict)
    parts: dict[str, PageParts] = field(default_factory=dict)
    """What each briefing page is made of (shared with the build cache), by src path."""
    index_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The metadata of each generated index page, by src path."""
    latest: list[Teaser] = field(default_factory=list)
    latest_digest: DigestTeaser | None = None
    urls: dict[str, str] = field(default_factory=dict)
    """The URL of every generated page, by src path."""
    feeds: list[Feed] = field(default_factory=list)
    _stories: dict[str, Listing] = field(default_factory=dict)
    _story_at: dict[str, int] = field(default_factory=dict)
    _linked: dict[tuple[str, str], Teaser] = field(default_factory=dict)
    _recent: dict[tuple[str, str | None, int], list[Teaser]] = field(default_factory=dict)
    _teasers: dict[str, Teaser] = field(default_factory=dict)
    _discovery: dict[int, str] = field(default_factory=dict)

    def linked(self, teasers: Iterable[Teaser], page_url: str) -> list[Teaser]:
        """``teasers`` with their links from the page at ``page_url``.

        Why: every briefing page lists other briefings at the same depth, so each link is
        worked out once per folder instead of once per page (MkDocs' `url` filter).
        """
        folder = _folder(page_url)
        out = []
        for t in teasers:
            if t.url.startswith(page_url):  # below the page: the folder's link would not do
                out.append(replace(t, href=get_relative_url(t.url, page_url)))
                continue
            key = (t.url, folder)
            if key not in self._linked:
                self._linked[key] = replace(t, href=get_relative_url(t.url, page_url))
            out.append(self._linked[key])
        return out

    def recent(self, page_url: str, limit: int) -> list[Teaser]:
        """The ``limit`` newest briefings but the page's own, linked from the page.

        Why: all but the newest few pages show the same list, so it is made once per folder.
        """
        near = any(t.url.startswith(page_url) for t in self.latest[: limit + 1])
        key = (_folder(page_url), page_url if near else None, limit)
        if key not in self._recent:
            teasers = recent_teasers(self.latest, but=page_url, limit=limit)
            self._recent[key] = self.linked(teasers, page_url)
        return self._recent[key]

    def discovery(self, page_url: str) -> str:
        """The feed discovery links for a page; the feeds sit at the site root, so pages at
        the same depth share one string."""
        depth = page_url.count("/")
        if depth not in self._discovery:
            self._discovery[depth] = discovery_links(self.feeds, page_url=page_url)
        return self._discovery[depth]

    def teaser(self, entry: Entry) -> Teaser:
        """A teaser for any briefing of this build (made once per build)."""
        if entry.path not in self._teasers:
            url = self.urls[self.layout.briefing(entry.slug)]
            self._teasers[entry.path] = make_teaser(entry, url)
        return self._teasers[entry.path]

    def link(self, title: str, uri: str) -> Link | None:
        """A link to the generated page at ``uri``, if there is one."""
        url = self.urls.get(uri)
        return Link(title, url) if url is not None else None

    def story_context(self, entry: Entry) -> dict[str, Any] | None:
        """The story's title and page, and the briefings before and after ``entry`` in it."""
        story = entry.briefing.story
        if story is None:
            return None
        if not self._stories:
            self._stories = {listing.key: listing for listing in by_story(self.entries)}
            self._story_at = {
                e.path: i
                for listing in self._stories.values()
                for i, e in enumerate(listing.entries)
            }
        listing = self._stories[story]
        before, after = story_neighbours(listing, entry, self._story_at.get(entry.path))
        return {
            "title": listing.title,
            "url": self.urls.get(self.layout.listing("stories", story)),
            "count": len(listing.entries),
            "before": self.teaser(before) if before else None,
            "after": self.teaser(after) if after else None,
        }


def _folder(page_url: str) -> str:
    """What pages that link to other pages the same way share: 'sub:briefings' for
    'briefings/a/' (a folder page in briefings/), 'at:briefings' for 'briefings/a.html'.

    Links to pages that are not the page itself or below it (see `Build.linked`)."""
    if page_url.endswith("/"):
        return "sub:" + page_url[:-1].rpartition("/")[0]
    return "at:" + page_url.rpartition("/")[0]


@dataclass(frozen=True)
class Feed:
    """A feed file of the site, for the discovery links in every page's head."""

    title: str
    uri: str
    mime: str


_FORMATS = (
    ("rss.xml", "application/rss+xml", "RSS", render_rss),
    ("atom.xml", "application/atom+xml", "Atom", render_atom),
    ("json", "application/feed+json", "JSON Feed", render_json_feed),
)


def make_feeds(config: MkDocsConfig, build: Build, *, limit: int) -> list[tuple[Feed, File]]:
    """RSS, Atom and JSON feeds of the newest briefings and digests (none without site_url)."""
    site_url = config.site_url
    if not site_url:
        return []

    def absolute(uri: str) -> str | None:
        url = build.urls.get(uri)
        return urljoin(site_url, url) if url is not None else None

    newest = newest_first(build.entries)
    # Only the briefings the feeds show: the newest, and those the newest digests list.
    wanted = {e.slug for e in newest[:limit]}
    wanted.update(slug for d in build.digests[:limit] for _, slug in d.references())
    by_slug = {e.slug: e for e in build.entries}
    linked = {
        slug: (by_slug[slug].briefing, url)
        for slug in wanted
        if slug in by_slug and (url := absolute(build.layout.briefing(slug))) is not None
    }
    items = {
        "briefings": [
            briefing_item(e.briefing, linked[e.slug][1]) for e in newest[:limit] if e.slug in linked
        ],
        "digests": [
            digest_item(d, url, linked)
            for d in build.digests[:limit]
            if (url := absolute(build.layout.digest(d.date))) is not None
        ],
    }
    out = []
    for name, entries in items.items():
        title = f"{config.site_name}: {name}"
        info = FeedInfo(
            title=title, home_url=site_url, description=config.site_description or title
        )
        for ext, mime, label, render in _FORMATS:
            # At the site root: Material resolves "sitemap.xml" against each alternate link.
            uri = f"{name}.{ext}"
            content = render(info, entries, feed_url=urljoin(site_url, uri))
            out.append(
                (
                    Feed(f"{title} ({label})", uri, mime),
                    File.generated(config, uri, content=content),
                )
            )
    return out


def discovery_links(feeds: Iterable[Feed], *, page_url: str) -> str:
    """<link rel="alternate"> tags that let browsers and feed readers find the feeds.

    Relative to the page, so a preview or a copy of the site links its own feeds.
    """
    return "".join(
        f'<link rel="alternate" type="{f.mime}" title="{html.escape(f.title)}"'
        f' href="{html.escape(get_relative_url(f.uri, page_url))}">'
        for f in feeds
    )
