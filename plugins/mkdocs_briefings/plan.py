"""Plan once: every briefing, digest and option -> a frozen plan of the whole site (pure).

`plan_site` runs once per build. It sorts and groups the briefings (the catalog), renders every
generated page to HTML with its metadata and structured data, and makes the teasers, related
lists, story timelines and feeds. Nothing later writes back into the plan: the MkDocs adapter
(adapter/) hands its pages to MkDocs and reads template context from it (`SitePlan.context`).
It imports nothing of MkDocs.
"""

from __future__ import annotations

import functools
import heapq
import html
import itertools
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin

from .catalog import (
    Layout,
    index_views,
    make_catalog,
    outlet_key,
    page_url,
    paginate,
    relative_url,
)
from .entries import make_slug
from .feeds import FeedInfo, render_atom, render_json_feed, render_rss
from .newsletter.render import EmailSettings, render_digest_email
from .people import authors, person_json_ld
from .reading import relative_paths
from .redirects import Redirect, redirect_page, redirect_uri
from .render.feed import briefing_item, digest_item
from .render.html import (
    CORRECTIONS_TITLE,
    Cards,
    Html,
    ListedCorrection,
    Media,
    Permalinks,
    category_color,
    pager_link,
    render_briefing,
    render_card,
    render_cards,
    render_corrections,
    render_digest_card,
    render_index,
    show_image,
)
from .render.text import describe, format_date, index_meta, outlet_names, page_meta
from .seo import (
    CARD_SIZE,
    Publisher,
    absolute_image_url,
    json_ld_script,
    news_article,
    news_media_organization,
    site_path,
    social_meta,
)
from .share import share_links
from .times import format_moment, is_due, moment_key, to_zone

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
    from datetime import tzinfo
    from pathlib import Path

    from .catalog import Catalog, IndexView, Listing
    from .entries import Entry
    from .feeds import FeedItem
    from .model import Briefing, Change, Digest, Person
    from .newsletter import DigestEmail


@dataclass(frozen=True)
class PlanOptions:
    """What the plan depends on besides the briefings: the plugin's options and the site's."""

    layout: Layout = field(default_factory=Layout)
    page_template: str = "briefing.html"
    words_per_minute: int = 200
    page_size: int = 25
    recent_limit: int = 5
    latest_limit: int = 10
    related_limit: int = 3
    feed_limit: int = 50
    directory_urls: bool = True
    site_url: str = ""
    site_name: str = ""
    site_description: str = ""
    marks: Permalinks = field(default_factory=Permalinks)
    """How page headings are marked (the site's toc extension settings)."""
    root: str = "."
    """The folder of mkdocs.yml: briefing paths are relative to it."""
    docs_dir: str = "docs"
    """docs/ (absolute, or relative to the working folder): edit links are relative to it."""
    category_colors: tuple[tuple[str, str], ...] = ()
    """(category, CSS colour) pairs: the colour of each category's cards and share cards."""
    share_cards: bool = True
    """Whether every briefing and digest gets a share card image (og:image, JSON-LD)."""
    drafts: bool = False
    """Whether drafts get pages and join the lists (`mkdocs serve`, or the `build_drafts`
    option); they never join the feeds or the sitemap."""
    feed_topic_limit: int = 20
    """How many of the newest briefings each category's, story's and outlet's feeds carry
    (0: no feeds per topic)."""
    language: str = "en"
    """The site's language (the theme's), as an IETF tag: the feeds' and news sitemap's."""
    publisher: Publisher | None = None
    """Who runs the site (the ``publisher_*`` options): the home page's NewsMediaOrganization
    and each NewsArticle's publisher; a plain Organization of site_name when None."""
    time_zone: str = "UTC"
    """The site's time zone (IANA name): where times are shown and a date alone starts."""
    newsletter: EmailSettings | None = None
    """The footer of each digest's email (the ``newsletter_*`` options); None: no emails."""

    @cached_property
    def zone(self) -> tzinfo:
        """`time_zone` as a tzinfo."""
        return to_zone(self.time_zone)

    @cached_property
    def page_settings(self) -> str:
        """What a briefing page's HTML depends on besides the briefing, as one string: stable
        across processes (it keys the build cache) and quick to hash."""
        marks = self.marks
        parts = (self.layout, self.directory_urls, marks.symbol, marks.title, marks.css_class)
        return repr((*parts, marks.slugify_id, marks.separator, self.time_zone))


@dataclass(frozen=True)
class Teaser:
    """What a list of briefings shows for one of them."""

    title: str
    url: str
    category: str
    published: str
    published_display: str
    key_point: str
    image: str | None = None
    """The image's src, if the briefing has an image file (cards show it)."""
    sources: int = 0
    """How many outlets it credits."""
    href: str | None = None
    """The link from the page showing it, when the plan worked it out (else `url | url`)."""
    entry: Entry | None = field(default=None, compare=False, repr=False)
    """The briefing itself: its card is made from it."""


@dataclass(frozen=True)
class DigestTeaser:
    """What the home page shows of the latest digest."""

    title: str
    url: str
    date: str
    date_display: str
    note: str | None


@dataclass(frozen=True)
class Link:
    """A labelled link to a site-relative URL (the template applies `| url`)."""

    title: str
    url: str


@dataclass(frozen=True)
class Story:
    """The story a briefing belongs to, and the briefings before and after it."""

    title: str
    url: str
    count: int
    before: Teaser | None
    after: Teaser | None


@dataclass(frozen=True)
class BriefingParts:
    """What a briefing's page is made of, kept in the build cache between builds (store.py).

    Why only these: the HTML depends on the briefing alone (and the settings in the cache key),
    so a build after the first makes none again. The metadata and structured data are made per
    page rendered instead: cheap to make, and kept for 10,000 briefings they took 60 MB.
    """

    html: Html
    description: str
    """`describe`'s summary: the meta description, the JSON-LD's and the social cards'."""


@dataclass(frozen=True)
class PlannedPage:
    """A page the plan generates: its place, its HTML and its metadata."""

    uri: str
    """Its src path inside docs/ ('briefings/x.md')."""
    url: str
    html: Html
    meta: Mapping[str, Any] | None
    """The page's metadata; None for a briefing page, whose page makes its own (see
    `SitePlan.metadata`)."""
    in_nav: bool = False
    edit_uri: str | None = None
    """Where 'Edit this page' leads, relative to docs/ (the YAML file), if anywhere."""
    entry: Entry | None = None
    """The briefing, for a briefing page."""
    description: str = ""
    fingerprint: Hashable = None
    """Everything the page's output depends on besides what the whole site shares."""
    made_from: Hashable = None
    """What an index page's HTML was made from (see `_view_key`): a later plan with the same
    reuses the HTML."""
    made: Html | None = None
    """An index page's HTML as `render_index` made it, before the plan added to it (a
    digest's pager): what a later plan reuses."""
    draft: bool = False
    """A draft briefing's or digest's page (shown by `mkdocs serve` or `build_drafts` only):
    it shows a Draft banner and stays out of the sitemap."""
    scheduled: str | None = None
    """A briefing whose publication time is still to come (a draft until then): when it is
    due, as readers see it ('Friday, November 14, 2025, 9:30 CET'), for its banner."""


@dataclass(frozen=True)
class ShareCard:
    """What a share card image shows (the adapter draws it: images.make_share_card)."""

    title: str
    category: str
    accent: str


@dataclass(frozen=True)
class Feed:
    """A feed file of the site, at the site root."""

    title: str
    uri: str
    mime: str
    content: str


@dataclass(frozen=True)
class SitePlan:
    """The whole generated site, planned once per build (see `plan_site`)."""

    options: PlanOptions
    catalog: Catalog
    digests: tuple[Digest, ...]
    pages: Mapping[str, PlannedPage]
    """Every generated page by src path; a hand-written page of the same path replaces it."""
    teasers: Mapping[str, Teaser]
    """By briefing path."""
    latest: tuple[Teaser, ...]
    latest_digest: DigestTeaser | None
    related: Mapping[str, tuple[Teaser, ...]]
    stories: Mapping[str, Story]
    """By briefing path, for briefings in a story."""
    pager: Mapping[str, tuple[Teaser | None, Teaser | None]]
    """By briefing path: the briefings published just before and just after it."""
    share_cards: Mapping[str, ShareCard]
    """By path in the site ('assets/briefings/cards/x.png'): the share card images to draw."""
    media: Mapping[str, Media]
    """What the build knows of the briefings' image files, by src."""
    feeds: tuple[Feed, ...]
    kept: Mapping[Hashable, BriefingParts]
    """The briefing pages' parts for the build cache, by key (see store.Store.keep_pages)."""
    redirects: tuple[Redirect, ...] = ()
    """The redirect pages of the briefings' former addresses ('aliases:')."""
    topic_feeds: Mapping[Hashable, tuple[Feed, ...]] = field(default_factory=dict)
    """Each category's, story's and outlet's feeds (also in `feeds`), by what they were made
    from (see `make_topic_feeds`): a later plan reuses those of an unchanged listing."""
    people: Mapping[str, Person] = field(default_factory=dict)
    """The people file's, by key (bylines name them; each has a page: `catalog.people`)."""
    emails: tuple[DigestEmail, ...] = ()
    """Each published digest as an email, newest first (see `make_emails`)."""
    emails_made: Mapping[Hashable, DigestEmail] = field(default_factory=dict, repr=False)
    """The same emails by what each was made from: a later plan reuses those made from the
    same digest and briefings (`mkdocs serve` rebuilds)."""

    def person_url(self, key: str) -> str:
        """The site-relative URL of a person's page ('people/ana-ruiz/')."""
        uri = self.options.layout.listing("people", key)
        return page_url(uri, directory_urls=self.options.directory_urls)

    def byline(self, by: Iterable[str]) -> list[Link]:
        """The people a byline names, each linking to their page (unknown keys left out)."""
        return [Link(person.name, self.person_url(key)) for key, person in authors(by, self.people)]

    def metadata(self, uri: str) -> dict[str, Any]:
        """The metadata of the generated page at ``uri``, made for that page: a page (or
        another plugin) may change it without changing the plan."""
        page = self.pages[uri]
        if page.entry is None or page.meta is not None:
            made: dict[str, Any] = copied(dict(page.meta or {}))
            return made
        opts = self.options
        return page_meta(
            page.entry.briefing,
            template=opts.page_template,
            words_per_minute=opts.words_per_minute,
            description=page.description,
            zone=opts.zone,
        )

    def context(
        self, uri: str, page_url: str, canonical_url: str | None, *, base: str | None = None
    ) -> dict[str, Any]:
        """The template context the plan gives the page at ``uri`` (any page of the site).
        ``base``: for a page served at any address (404.html), the site's path ('/news/'):
        its story cards link from there instead of relative to the page."""
        context: dict[str, Any] = {
            "briefings_latest": list(self.latest[: self.options.latest_limit]),
            "briefings_latest_digest": self.latest_digest,
            # Made only where a template calls them: the home page, the 404 page.
            "briefings_front_page": lambda: self.front_page(page_url),
            "briefings_latest_cards": lambda: self.latest_cards(page_url, base=base),
        }
        if uri in HOME_PAGES and self._publisher is not None:  # briefings-home.html prints it
            context["briefing_json_ld"] = json_ld_script(self._publisher)
        page = self.pages.get(uri)
        if page is not None and page.draft:  # its templates show the Draft banner
            context["briefing_draft"] = True
            context["briefing_scheduled"] = page.scheduled
        if page is not None and page.entry is not None:
            context |= self._briefing_context(page, page.entry, page_url, canonical_url)
        elif page is not None and canonical_url and uri in self._digest_cards:
            context |= self._digest_head(page, canonical_url)
        return context

    def cards(self, here: str, *, base: str | None = None) -> Cards:
        """How story cards are written on the page at URL ``here`` (from ``base``, the site's
        path, when given: see `context`)."""
        opts = self.options

        def relative(target: str, page: str) -> str:
            return base + target if base is not None else relative_url(target, page)

        return Cards(
            link=lambda uri: relative(page_url(uri, directory_urls=opts.directory_urls), here),
            layout=opts.layout,
            page_url=here,
            relative=relative,
            media=self.media,
            colors=dict(opts.category_colors),
        )

    def front_page(self, page_url: str) -> str:
        """The home page's stories: the lead story, the latest digest, then the latest
        briefings (HTML, links relative to ``page_url``)."""
        cards, latest = self.cards(page_url), self.catalog.newest[: self.options.latest_limit]
        if not latest:
            return ""
        parts = [
            '<section class="briefing-front__lead" aria-label="Lead story">',
            render_card(latest[0], cards, level=2, lead=True, points=True),
            "</section>",
        ]
        if self.latest_digest is not None and self.digests:
            href = relative_url(self.latest_digest.url, page_url)
            parts += [
                '<section class="briefing-front__digest" aria-labelledby="briefing-digest-title">',
                '<h2 id="briefing-digest-title" class="briefing-section-title">Latest digest</h2>',
                render_digest_card(self.digests[0], href, level=3),
                "</section>",
            ]
        if latest[1:]:
            parts += [
                '<section class="briefing-front__latest" aria-labelledby="briefing-latest-title">',
                '<h2 id="briefing-latest-title" class="briefing-section-title">'
                "Latest briefings</h2>",
                render_cards(latest[1:], cards, level=3),
                "</section>",
            ]
        return "\n".join(parts)

    def latest_cards(self, page_url: str, *, base: str | None = None) -> str:
        """Cards of the latest briefings (the 404 page's), links relative to ``page_url`` or
        from ``base``."""
        latest = self.catalog.newest[: self.options.latest_limit]
        return render_cards(latest, self.cards(page_url, base=base), level=3) if latest else ""

    @cached_property
    def _publisher(self) -> dict[str, Any] | None:
        """The site's NewsMediaOrganization (None without a site_url or publisher options)."""
        opts = self.options
        if opts.publisher is None or not opts.site_url:
            return None
        return news_media_organization(
            opts.publisher, site_url=opts.site_url, directory_urls=opts.directory_urls
        )

    @cached_property
    def _digest_cards(self) -> dict[str, str]:
        """Each digest page's share card path, by the page's src path."""
        layout = self.options.layout
        if not self.options.share_cards:
            return {}
        return {layout.digest(d.date): digest_card_uri(d.date.isoformat()) for d in self.digests}

    def _digest_head(self, page: PlannedPage, url: str) -> dict[str, Any]:
        title = html.unescape(str((page.meta or {}).get("title", "")))
        card = urljoin(self.options.site_url, self._digest_cards[page.uri])
        social = [
            ("property", "og:type", "website"),
            ("property", "og:title", title),
            ("property", "og:url", url),
            ("property", "og:site_name", self.options.site_name),
            ("property", "og:image", card),
            *[("property", f"og:image:{k}", str(v)) for k, v in CARD_SIZE.items()],
            ("property", "og:image:alt", title),
            ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:title", title),
            ("name", "twitter:image", card),
        ]
        return {"briefing_json_ld": None, "briefing_social": social}

    def _briefing_context(
        self, page: PlannedPage, entry: Entry, page_url: str, canonical_url: str | None
    ) -> dict[str, Any]:
        b, layout, limit = entry.briefing, self.options.layout, self.options.recent_limit
        related = self.related.get(entry.path, ())
        shown = {t.url for t in related} | {page_url}
        recent = [t for t in self.latest[: limit + len(shown)] if t.url not in shown][:limit]
        head = self.head(page, entry.briefing, canonical_url)
        before, after = self.pager.get(entry.path, (None, None))
        cards = self.cards(page_url)
        return head | {
            "briefing_recent": linked(recent, page_url),
            "briefing_related": linked(related, page_url),
            "briefing_recent_cards": _teaser_cards(recent, cards),
            "briefing_related_cards": _teaser_cards(related, cards),
            "briefing_pager": _briefing_pager(before, after, page_url),
            "briefing_links": {
                "category": self._link(
                    b.category, layout.listing("categories", make_slug(b.category))
                ),
                "tags": [
                    self._link(t, layout.listing("tags", make_slug(t)))
                    for t in dict.fromkeys(b.tags)
                ],
            },
            "briefing_story": self.stories.get(entry.path),
            "briefing_byline": self.byline(b.by),
        }

    def _link(self, title: str, uri: str) -> Link:
        return Link(title, page_url(uri, directory_urls=self.options.directory_urls))

    def head(self, page: PlannedPage, b: Briefing, url: str | None) -> dict[str, Any]:
        """A briefing page's structured data, social tags and share links (none without a URL)."""
        if not url:
            return {"briefing_share_url": url, "briefing_share": []}
        opts, about = self.options, page.description
        image = absolute_image_url(b, site_url=opts.site_url)
        card = None
        if opts.share_cards and page.entry is not None:
            card = urljoin(opts.site_url, card_uri(page.entry.slug))
        publisher = self._publisher
        if publisher is not None:  # nested in the NewsArticle: no @context of its own
            publisher = {k: v for k, v in publisher.items() if k != "@context"}
        people = authors(b.by, self.people)
        json_ld = make_json_ld(
            b,
            url=url,
            options=opts,
            image=image,
            description=about,
            card_url=card,
            publisher=publisher,
            authors=[
                person_json_ld(
                    p, urljoin(opts.site_url, self.person_url(k)) if opts.site_url else None
                )
                for k, p in people
            ],
        )
        social = social_meta(
            b, url=url, site_name=opts.site_name, image_url=image, description=about, card_url=card
        )
        social += [("name", "fediverse:creator", p.fediverse) for _, p in people if p.fediverse]
        return {
            "briefing_json_ld": json_ld,
            "briefing_social": social,
            "briefing_share_url": url,
            "briefing_share": share_links(url, b.title),
        }

    def discovery(self, page_url: str) -> str:
        """The feed discovery link of the page at ``page_url`` (relative: a preview or a copy
        of the site links its own feeds): the digests' RSS feed on digest pages, the
        briefings' elsewhere.

        Why one link, not one per feed and format: Material fetches sitemap.xml once for each
        ``<link rel="alternate">`` of a page (its language selector's lookup), so six links
        cost six requests per page view. The Atom and JSON feeds are listed on the About page.
        A listing with feeds of its own (a category, story, outlet, person: every page of it)
        names its own RSS feed instead, as ``rel="alternate feed"``; its Atom and JSON feeds
        are in its "Follow" line. Why the second keyword: Material's lookup selects
        ``[rel=alternate]`` exactly, and a topic's feed is beside its page, where no
        sitemap.xml is (a 404 per page view); feed readers read rel as the list of keywords
        HTML defines, so "alternate" with a feed type still names a feed.
        """
        name = "digests" if page_url.startswith(f"{self.options.layout.digests}/") else "briefings"
        topic = self._topic_feeds.get(page_url)
        f = topic or self._feeds_by_uri.get(f"{name}.rss.xml")
        if f is None:
            return ""
        rel = "alternate feed" if topic else "alternate"
        return (
            f'<link rel="{rel}" type="{f.mime}" title="{html.escape(f.title)}"'
            f' href="{html.escape(relative_url(f.uri, page_url))}">'
        )

    @cached_property
    def _feeds_by_uri(self) -> dict[str, Feed]:
        return {f.uri: f for f in self.feeds}

    @cached_property
    def _topic_feeds(self) -> dict[str, Feed]:
        """The RSS feed of each page of each listing with feeds of its own, by page URL."""
        opts, found = self.options, {}
        layout, by_uri = opts.layout, self._feeds_by_uri
        for listing in topic_listings(self.catalog):
            feed = by_uri.get(topic_feed_uri(listing, "rss.xml", layout))
            if feed is None:
                continue
            pages = len(paginate(listing.entries, opts.page_size))
            for number in range(1, pages + 1):
                uri = layout.listing(listing.kind, listing.key, number)
                found[page_url(uri, directory_urls=opts.directory_urls)] = feed
        return found


def _briefing_pager(before: Teaser | None, after: Teaser | None, page_url: str) -> str:
    links = [
        pager_link(html.escape(relative_url(t.url, page_url)), label, t.title, rel)
        for t, label, rel in ((before, "Previous", "prev"), (after, "Next", "next"))
        if t is not None
    ]
    return "\n".join(links)


def _teaser_cards(teasers: Sequence[Teaser], cards: Cards) -> str:
    entries = [t.entry for t in teasers if t.entry is not None]
    return render_cards(entries, cards, level=3) if entries else ""


CARDS_DIR = "assets/briefings/cards"


def card_uri(slug: str) -> str:
    """Where a briefing's share card is in the built site."""
    return f"{CARDS_DIR}/{slug}.png"


def digest_card_uri(day: str) -> str:
    """Where a digest's share card is in the built site."""
    return f"{CARDS_DIR}/digest-{day}.png"


def linked(teasers: Iterable[Teaser], page_url: str) -> list[Teaser]:
    """``teasers`` with their links from the page at ``page_url``."""
    return [replace(t, href=relative_url(t.url, page_url)) for t in teasers]


def make_json_ld(
    b: Briefing,
    *,
    url: str,
    options: PlanOptions,
    image: str | None,
    description: str,
    card_url: str | None = None,
    publisher: dict[str, Any] | None = None,
    authors: Sequence[Mapping[str, Any]] = (),
) -> str:
    """The page's schema.org NewsArticle, as the text of its <script> element (``authors``:
    schema.org Person objects, see `people.person_json_ld`)."""
    article = news_article(
        b,
        url=url,
        site_name=options.site_name,
        site_url=options.site_url,
        image_url=image,
        description=description,
        card_url=card_url,
        publisher=publisher,
        authors=authors,
    )
    return json_ld_script(article)


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
        image=b.image.src if b.image else None,
        sources=len(outlet_names(b)),
        entry=entry,
    )


def copied(value: Any) -> Any:
    """``value`` with its dicts and lists copied, all the way down (strings are shared)."""
    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copied(item) for item in value]
    return value


def plan_site(
    entries: Sequence[Entry],
    digests: Sequence[tuple[Digest, Path]],
    options: PlanOptions,
    *,
    exists: Callable[[str], bool] = lambda uri: False,
    content_keys: Mapping[str, bytes | None] | None = None,
    cached: Mapping[Hashable, BriefingParts] | None = None,
    previous: SitePlan | None = None,
    media: Mapping[str, Media] | None = None,
    now: dt.datetime | None = None,
    people: Mapping[str, Person] | None = None,
) -> SitePlan:
    """Plan the whole generated site.

    Args:
        entries: The good briefings, in any order.
        digests: The good digests, newest first, with the files they came from.
        options: The plugin's and the site's settings.
        exists: Whether docs/ has a hand-written page at a src path (it replaces a generated
            index page of the same path).
        content_keys: Each briefing file's content key, by path (see store.content_key); a
            briefing without one is not kept in the build cache.
        cached: Briefing pages' parts from the build cache, by key.
        previous: The plan of the previous build of the same process (`mkdocs serve`): what
            depends only on briefings that are the same objects (unchanged files, as the
            reading cache gives them) is taken from it, not made again.
        media: What the build knows of local image files (size, smaller copies), by src.
        now: The time of the build: a briefing published later is held back until then
            (see `hold_scheduled`); None holds none back.
        people: The people file's, by key: bylines, people pages, authors in JSON-LD and feeds.

    Returns:
        The frozen plan.
    """
    entries, scheduled = hold_scheduled(entries, now=now, zone=options.zone)
    entries, digests = published(entries, digests, drafts=options.drafts)
    layout, urls = options.layout, _Urls(options.directory_urls)
    media, people = media or {}, dict(people or {})
    if previous is not None and (
        previous.options != options or previous.media != media or previous.people != people
    ):
        previous = None
    catalog = make_catalog(
        entries, previous.catalog if previous is not None else None, people=people
    )
    teasers = _teasers(catalog, layout, urls, previous)
    latest = tuple(teasers[e.path] for e in catalog.newest)
    related = _related(catalog, teasers, options.related_limit, previous)
    stories = _stories(catalog, teasers, layout, urls)
    pager = _pager(catalog, teasers)
    # What every page shows (the recent and latest lists): part of each page's fingerprint.
    shared = latest[: max(options.recent_limit, options.latest_limit) + options.related_limit + 1]
    pages: dict[str, PlannedPage] = {}
    kept: dict[Hashable, BriefingParts] = {}
    edits = _edit_uris([e.path for e in catalog.newest], options)
    for entry, edit_uri in zip(catalog.newest, edits, strict=True):
        parts, key = _briefing_parts(entry, options, urls, content_keys or {}, cached or {}, media)
        if key is not None:
            kept[key] = parts
        uri = layout.briefing(entry.slug)
        pages[uri] = PlannedPage(
            uri,
            urls(uri),
            parts.html,
            None,
            edit_uri=edit_uri,
            entry=entry,
            description=parts.description,
            draft=entry.briefing.draft,
            scheduled=scheduled.get(entry.path),
            fingerprint=(
                shared,
                key or id(entry),
                related[entry.path],
                stories.get(entry.path),
                pager[entry.path],
                # The byline, JSON-LD and fediverse:creator show the people file's entries.
                tuple(p.model_dump_json() for _, p in authors(entry.briefing.by, people)),
                scheduled.get(entry.path),  # the banner goes when it falls due, file unchanged
            ),
        )
    found = [d for d, _ in digests]
    earlier = previous.pages if previous is not None else {}
    pages |= _index_pages(
        catalog,
        found,
        options,
        urls,
        exists=exists,
        shared=shared,
        earlier=earlier,
        media=media,
        people=people,
    )
    corrections_uri = layout.index("corrections")
    # A hand-written docs/corrections/index.md (or corrections.md, at the same address) wins.
    if not exists(corrections_uri) and not exists(f"{layout.corrections}.md"):
        pages[corrections_uri] = corrections_page(catalog.newest, options, urls, shared=shared)
    digest_edits = _edit_uris([str(path) for _, path in digests], options, absolute=True)
    for (digest, _), edit_uri in zip(digests, digest_edits, strict=True):
        uri = layout.digest(digest.date)
        if uri in pages:  # "Edit this page" on a digest opens its YAML (a renamed file too)
            page = pages[uri]
            fingerprint = (page.fingerprint, edit_uri)
            pages[uri] = replace(
                page, edit_uri=edit_uri, fingerprint=fingerprint, draft=digest.draft
            )
    _add_digest_pager(pages, found, layout, urls)
    item = feed_items(options, urls, people)  # each briefing's feed item, once for every feed
    earlier_feeds = previous.topic_feeds if previous is not None else None
    topic_feeds = make_topic_feeds(catalog, options, item, earlier=earlier_feeds)
    return SitePlan(
        options=options,
        catalog=catalog,
        digests=tuple(found),
        pages=pages,
        teasers=teasers,
        latest=latest,
        latest_digest=_digest_teaser(found[0], urls(layout.digest(found[0].date)))
        if found
        else None,
        related=related,
        stories=stories,
        pager=pager,
        share_cards=_share_cards(catalog, found, options) if options.share_cards else {},
        media=media,
        feeds=make_feeds(catalog, found, options, urls, people=people, item=item)
        + tuple(itertools.chain.from_iterable(topic_feeds.values())),
        topic_feeds=topic_feeds,
        kept=kept,
        redirects=make_redirects(catalog.newest, options, urls),
        people=people,
        **_emails(catalog, found, options, urls, previous),
    )


HOME_PAGES = ("index.md", "README.md")
"""The src paths of the site's home page, which carries the publisher's JSON-LD."""


def list_corrections(entries: Iterable[Entry]) -> list[tuple[Entry, Change]]:
    """Every correction of the published briefings ``entries`` (newest first), newest first;
    a draft's are left out even where drafts show (`mkdocs serve`)."""
    found = [(e, c) for e in entries if not e.briefing.draft for c in e.briefing.corrections]
    return sorted(found, key=lambda item: moment_key(item[1].date), reverse=True)  # stable


def corrections_page(
    entries: Iterable[Entry], options: PlanOptions, urls: Callable[[str], str], *, shared: Hashable
) -> PlannedPage:
    """The site-wide Corrections page (corrections/): every correction, newest first."""
    layout = options.layout
    uri = layout.index("corrections")
    here = urls(uri)
    listed = [
        ListedCorrection(
            change.date,
            change.text,
            entry.briefing.title,
            relative_url(urls(layout.briefing(entry.slug)), here),
        )
        for entry, change in list_corrections(entries)
    ]
    publisher = options.publisher
    policy = None
    if publisher is not None and publisher.corrections_policy:
        policy = site_link(publisher.corrections_policy, here, options)
    content = render_corrections(listed, policy_href=policy, marks=options.marks)
    meta = index_meta(CORRECTIONS_TITLE, template=INDEX_TEMPLATE)
    fingerprint = (shared, content, repr(meta))
    return PlannedPage(uri, here, content, meta, fingerprint=fingerprint)


def site_link(value: str, here: str, options: PlanOptions) -> str:
    """The href of an address of the publisher options (see `seo.site_path`) from the page
    at ``here``: as it is when absolute, else relative to the page; escaped."""
    path = site_path(value, directory_urls=options.directory_urls)
    if path is None:
        return html.escape(value)
    path, hash_, fragment = path.partition("#")
    return html.escape(relative_url(path or "./", here) + hash_ + fragment)


def make_redirects(
    entries: Iterable[Entry], options: PlanOptions, urls: Callable[[str], str]
) -> tuple[Redirect, ...]:
    """A redirect page at each former address of each briefing, to its page: an absolute URL
    with a site_url, else one relative to the redirect page (so it works under any subpath)."""
    layout, found = options.layout, []
    for entry in entries:
        url = urls(layout.briefing(entry.slug))
        for alias in entry.briefing.aliases:
            uri = redirect_uri(alias, layout, directory_urls=options.directory_urls)
            target = urljoin(options.site_url, url) if options.site_url else relative_url(url, uri)
            found.append(Redirect(uri, redirect_page(target)))
    return tuple(found)


def hold_scheduled(
    entries: Sequence[Entry], *, now: dt.datetime | None, zone: tzinfo
) -> tuple[list[Entry], dict[str, str]]:
    """``entries`` with each briefing published after ``now`` made a draft (so it stays out of
    everything a draft stays out of, and `mkdocs serve` previews it), and when each of those
    is due, by path, as readers see it. A date alone is due at its midnight in ``zone``."""
    if now is None:
        return list(entries), {}
    kept, scheduled = [], {}
    for entry in entries:
        b = entry.briefing
        if not b.draft and not is_due(b.published, now=now, zone=zone):
            entry = replace(entry, briefing=b.model_copy(update={"draft": True}))
            scheduled[entry.path] = format_moment(b.published, zone)
        kept.append(entry)
    return kept, scheduled


def published(
    entries: Sequence[Entry], digests: Sequence[tuple[Digest, Path]], *, drafts: bool
) -> tuple[list[Entry], list[tuple[Digest, Path]]]:
    """The briefings and digests the site shows: without drafts unless ``drafts``. The one
    place that decides it. A digest that lists a draft briefing leaves it out (a section left
    empty goes; a digest left empty too)."""
    if drafts:
        return list(entries), list(digests)
    shown = [e for e in entries if not e.briefing.draft]
    hidden = {e.slug for e in entries if e.briefing.draft}
    kept = []
    for digest, path in digests:
        if digest.draft:
            continue
        if hidden and any(slug in hidden for _, slug in digest.references()):
            digest = without_briefings(digest, hidden)
            if not digest.references():
                continue
        kept.append((digest, path))
    return shown, kept


def without_briefings(digest: Digest, slugs: Collection[str]) -> Digest:
    """``digest`` without the briefings at ``slugs`` (and the sections left empty)."""
    sections = [
        s.model_copy(update={"briefings": [b for b in s.briefings if b not in slugs]})
        for s in digest.sections
    ]
    return digest.model_copy(
        update={
            "briefings": [b for b in digest.briefings if b not in slugs],
            "sections": [s for s in sections if s.briefings],
        }
    )


def _pager(
    catalog: Catalog, teasers: Mapping[str, Teaser]
) -> dict[str, tuple[Teaser | None, Teaser | None]]:
    """Each briefing's neighbours in publication order: (the one before, the one after)."""
    newest = catalog.newest
    return {
        e.path: (
            teasers[newest[i + 1].path] if i + 1 < len(newest) else None,
            teasers[newest[i - 1].path] if i > 0 else None,
        )
        for i, e in enumerate(newest)
    }


def _share_cards(
    catalog: Catalog, digests: Sequence[Digest], options: PlanOptions
) -> dict[str, ShareCard]:
    """The share card of every briefing and digest, by its path in the site."""
    colors = dict(options.category_colors)
    cards = {
        card_uri(e.slug): ShareCard(
            e.briefing.title,
            e.briefing.category,
            category_color(e.briefing.category, colors),
        )
        for e in catalog.newest
    }
    for d in digests:
        cards[digest_card_uri(d.date.isoformat())] = ShareCard(d.title, "Digest", "#37474f")
    return cards


def _add_digest_pager(
    pages: dict[str, PlannedPage], digests: Sequence[Digest], layout: Layout, urls: _Urls
) -> None:
    """Each digest page ends with links to the digests before and after it."""
    for i, digest in enumerate(digests):  # newest first
        uri = layout.digest(digest.date)
        page = pages.get(uri)
        if page is None:
            continue
        links = []
        here = urls(uri)
        for neighbour, label, rel in (
            (digests[i + 1] if i + 1 < len(digests) else None, "Previous digest", "prev"),
            (digests[i - 1] if i > 0 else None, "Next digest", "next"),
        ):
            if neighbour is not None:
                href = html.escape(relative_url(urls(layout.digest(neighbour.date)), here))
                links.append(pager_link(href, label, neighbour.title, rel))
        if links:
            nav = '<nav class="briefing-pager" aria-label="More digests">\n'
            content = page.html.content + "\n" + nav + "\n".join(links) + "\n</nav>"
            pages[uri] = replace(
                page,
                html=Html(content, page.html.toc, page.html.anchors),
                fingerprint=(page.fingerprint, tuple(links)),
            )


def _teasers(
    catalog: Catalog, layout: Layout, urls: _Urls, previous: SitePlan | None
) -> dict[str, Teaser]:
    """Each briefing's teaser, by path; the ``previous`` plan's for an unchanged briefing."""
    old = {e.path: e for e in previous.catalog.newest} if previous is not None else {}
    kept = previous.teasers if previous is not None else {}
    return {
        e.path: kept[e.path]
        if old.get(e.path) is e and e.path in kept
        else make_teaser(e, urls(layout.briefing(e.slug)))
        for e in catalog.newest
    }


class _Urls:
    """The URL of each generated page, from its src path (MkDocs' rules: see `page_url`)."""

    def __init__(self, directory_urls: bool) -> None:
        self._directory_urls = directory_urls
        self._known: dict[str, str] = {}

    def __call__(self, uri: str) -> str:
        url = self._known.get(uri)
        if url is None:
            url = self._known[uri] = page_url(uri, directory_urls=self._directory_urls)
        return url


def _briefing_parts(
    entry: Entry,
    options: PlanOptions,
    urls: _Urls,
    content_keys: Mapping[str, bytes | None],
    cached: Mapping[Hashable, BriefingParts],
    media: Mapping[str, Media],
) -> tuple[BriefingParts, Hashable | None]:
    """A briefing page's parts, from the build cache when it has them, and their cache key
    (None when the file changed while it was read: then it is not kept)."""
    b, layout = entry.briefing, options.layout
    uri = layout.briefing(entry.slug)
    url = urls(uri)
    content = content_keys.get(entry.path)
    known = media.get(b.image.src) if b.image and b.image.src else None
    key = (entry.path, content, uri, options.page_settings, known) if content else None
    parts = cached.get(key) if key is not None else None
    if parts is None:
        listings = {
            k: relative_url(urls(layout.listing("sources", outlet_key(s.name))), url)
            for k, s in b.sources.items()
        }
        content_html = render_briefing(
            b,
            image=show_image(b, media, page_url=url, relative=relative_url),
            source_listings=listings,
            marks=options.marks,
        )
        parts = BriefingParts(content_html, describe(b))
    return parts, key


def _stories(
    catalog: Catalog, teasers: Mapping[str, Teaser], layout: Layout, urls: _Urls
) -> dict[str, Story]:
    """Each briefing's place in its story's timeline, by briefing path."""
    found = {}
    for listing in catalog.stories:
        url = urls(layout.listing("stories", listing.key))
        timeline = listing.entries
        for i, entry in enumerate(timeline):
            before = timeline[i - 1] if i > 0 else None
            after = timeline[i + 1] if i + 1 < len(timeline) else None
            found[entry.path] = Story(
                listing.title,
                url,
                len(timeline),
                teasers[before.path] if before else None,
                teasers[after.path] if after else None,
            )
    return found


def _index_pages(
    catalog: Catalog,
    digests: Sequence[Digest],
    options: PlanOptions,
    urls: _Urls,
    *,
    exists: Callable[[str], bool],
    shared: Hashable,
    earlier: Mapping[str, PlannedPage],
    media: Mapping[str, Media],
    people: Mapping[str, Person] | None = None,
) -> dict[str, PlannedPage]:
    """Every generated index page but those a hand-written page of the same path replaces;
    a page made from the same view as in ``earlier`` keeps its HTML."""
    layout = options.layout
    by_slug = {e.slug: e for e in catalog.newest}
    views = index_views(catalog, digests, layout=layout, page_size=options.page_size, people=people)
    pages = {}
    for uri, view in views.items():
        if exists(uri):
            continue
        url, key = urls(uri), _view_key(view, by_slug)
        before = earlier.get(uri)
        if before is not None and before.made_from == key:
            content = before.made or before.html
        else:
            link = functools.partial(_link_from, urls, url)
            cards = Cards(
                link=link,
                layout=layout,
                page_url=url,
                relative=relative_url,
                media=media,
                colors=dict(options.category_colors),
            )
            content = render_index(
                view,
                layout=layout,
                link=link,
                briefings=by_slug,
                cards=cards,
                marks=options.marks,
                feeds=_follow_links(view, options, url),
            )
        meta = _index_meta(view)
        fingerprint = (shared, content, repr(meta))
        pages[uri] = PlannedPage(
            uri,
            url,
            content,
            meta,
            in_nav=view.in_nav,
            fingerprint=fingerprint,
            made_from=key,
            made=content,
        )
    return pages


def _follow_links(view: IndexView, options: PlanOptions, url: str) -> list[tuple[str, str, str]]:
    """A listing page's links to its listing's own feeds (see `listing_feeds`): (label, media
    type, href from the page at ``url``); none for other pages."""
    listing = view.listing
    if view.kind != "listing" or listing is None or listing.kind not in FEED_KINDS:
        return []
    if not options.site_url or options.feed_topic_limit < 1:
        return []
    return [
        (label.split()[0], mime, relative_url(topic_feed_uri(listing, ext, options.layout), url))
        for ext, mime, label, _ in _FORMATS
    ]


def _link_from(urls: _Urls, page_url: str, target: str) -> str:
    """The href of the page at src path ``target`` from the page at ``page_url``."""
    return relative_url(urls(target), page_url)


def _view_key(view: IndexView, by_slug: Mapping[str, Entry]) -> Hashable:
    """What an index page's HTML is made from, cheaply: the view's own fields, and its
    briefings and digests by identity (the reading cache hands out the same object for an
    unchanged file; the earlier plan holds them, so no identity is reused meanwhile)."""
    listing = view.listing
    shown = listing.entries if view.kind == "month" and listing is not None else view.entries
    if view.digest is not None:
        shown = tuple(by_slug[slug] for _, slug in view.digest.references())
    return (
        view.kind,
        view.title,
        view.listing_kind,
        (listing.kind, listing.key, listing.title, len(listing.entries)) if listing else None,
        tuple((x.key, x.title, len(x.entries)) for x in view.listings),
        tuple(map(id, shown)),
        (view.number, view.pages, view.day, view.days),
        (id(view.digest), tuple(map(id, view.digests))),
        (view.person.model_dump_json() if view.person else None, view.authors),
    )


def _related(
    catalog: Catalog,
    teasers: Mapping[str, Teaser],
    limit: int,
    previous: SitePlan | None,
) -> dict[str, tuple[Teaser, ...]]:
    """Each briefing's related briefings, by path. With a ``previous`` plan, only the lists a
    changed, new or gone briefing can change are made again: those of its neighbours in its
    story, tag and outlet groups, before or after the change (`Related.neighbours`)."""

    def make(entry: Entry) -> tuple[Teaser, ...]:
        return tuple(teasers[r.path] for r in catalog.related.of(entry, limit))

    if previous is None:
        return {e.path: make(e) for e in catalog.newest}
    old = {e.path: e for e in previous.catalog.newest}
    current = {e.path: e for e in catalog.newest}
    changed = {path for path, entry in current.items() if old.get(path) is not entry}
    affected = set(changed)
    for path in changed:
        affected |= catalog.related.neighbours(current[path])
    for path in changed | (old.keys() - current.keys()):
        if path in old:
            affected |= previous.catalog.related.neighbours(old[path])
    kept = previous.related
    return {
        e.path: make(e) if e.path in affected or e.path not in kept else kept[e.path]
        for e in catalog.newest
    }


def _index_meta(view: IndexView) -> dict[str, Any]:
    extra: dict[str, Any] = {"template": INDEX_TEMPLATE}
    if view.created is not None:
        extra["date"] = {"created": view.created.isoformat()}
    return index_meta(view.title, **extra)


INDEX_TEMPLATE = "briefings-index.html"
"""The template of generated index pages (a digest page's social tags go in its <head>)."""


def _digest_teaser(digest: Digest, url: str) -> DigestTeaser:
    return DigestTeaser(
        title=digest.title,
        url=url,
        date=digest.date.isoformat(),
        date_display=format_date(digest.date),
        note=digest.note,
    )


def _edit_uris(paths: Sequence[str], options: PlanOptions, *, absolute: bool = False) -> list[str]:
    """Each file's 'Edit this page' path: relative to docs/ (URL joins resolve the '..') and
    percent-encoded (a file name is not markup, and Material prints edit_url as it is)."""
    sources = paths if absolute else [f"{options.root}/{p}" for p in paths]
    return [quote(p, safe="/.-_~") for p in relative_paths(sources, options.docs_dir)]


_FORMATS = (
    ("rss.xml", "application/rss+xml", "RSS", render_rss),
    ("atom.xml", "application/atom+xml", "Atom", render_atom),
    ("json", "application/feed+json", "JSON Feed", render_json_feed),
)


def make_feeds(
    catalog: Catalog,
    digests: Sequence[Digest],
    options: PlanOptions,
    urls: Callable[[str], str],
    *,
    people: Mapping[str, Person] | None = None,
    item: Callable[[Entry], FeedItem] | None = None,
) -> tuple[Feed, ...]:
    """RSS, Atom and JSON feeds of the newest briefings and digests (none without a site_url);
    ``item``: a briefing's feed item, shared with the topics' feeds (see `feed_items`)."""
    site_url, layout, limit = options.site_url, options.layout, options.feed_limit
    if not site_url:
        return ()
    # Never a draft, even when the site shows them (`mkdocs serve`, `build_drafts`).
    newest = list(itertools.islice((e for e in catalog.newest if not e.briefing.draft), limit))
    digests = [d for d in digests if not d.draft]
    # Only the briefings the feeds show: the newest, and those the newest digests list.
    wanted = {e.slug for e in newest}
    wanted.update(slug for d in digests[:limit] for _, slug in d.references())
    linked = {
        e.slug: (e.briefing, urljoin(site_url, urls(layout.briefing(e.slug))))
        for e in catalog.newest
        if e.slug in wanted and not e.briefing.draft
    }
    item = item or feed_items(options, urls, people)

    def byline(by: Iterable[str]) -> tuple[tuple[str, str | None], ...]:
        return feed_byline(by, people or {}, options, urls)

    items = {
        "briefings": [item(e) for e in newest],
        "digests": [
            digest_item(d, urljoin(site_url, urls(layout.digest(d.date))), linked, byline(d.by))
            for d in digests[:limit]
        ],
    }
    feeds = []
    for name, entries in items.items():
        title = f"{options.site_name}: {name}"
        info = FeedInfo(
            title=title,
            home_url=site_url,
            description=options.site_description or title,
            zone=options.zone,
            language=options.language,
        )
        for ext, mime, label, render in _FORMATS:
            # At the site root: Material resolves "sitemap.xml" against each alternate link.
            uri = f"{name}.{ext}"
            content = render(info, entries, feed_url=urljoin(site_url, uri))
            feeds.append(Feed(f"{title} ({label})", uri, mime, content))
    return tuple(feeds)


# -- feeds per topic -----------------------------------------------------------------------------

FEED_KINDS = ("categories", "stories", "sources", "people")
"""The kinds of listing (Catalog fields, Layout folders) that have feeds of their own, each
next to its listing page. A kind joins with one more name here."""

_FEED_ABOUT = {
    "categories": "the newest briefings in {}",
    "stories": "the newest briefings of the story {}",
    "sources": "the newest briefings crediting {}",
}
"""What a topic feed is, for its description (another kind says 'the newest briefings of')."""

TOPIC_FEED = "feed"
"""A listing's feeds are feed.rss.xml, feed.atom.xml and feed.json in its page's folder
(categories/politics/feed.rss.xml), named as the site's feeds are."""


def topic_listings(catalog: Catalog) -> list[Listing]:
    """Every listing with feeds of its own (see `FEED_KINDS`), in kind order."""
    return [listing for kind in FEED_KINDS for listing in getattr(catalog, kind)]


def make_topic_feeds(
    catalog: Catalog,
    options: PlanOptions,
    item: Callable[[Entry], FeedItem],
    *,
    earlier: Mapping[Hashable, tuple[Feed, ...]] | None = None,
) -> dict[Hashable, tuple[Feed, ...]]:
    """The feeds of every listing with feeds of its own (see `listing_feeds`), by what each
    listing's were made from; a listing made from the same as in ``earlier`` (the previous
    plan's, under `mkdocs serve`) keeps its feeds.

    Why: a rebuild after one edit changes few listings; rendering every topic's three
    documents again took about 0.5 s at 1,000 briefings. The key holds the briefings by
    identity, as `_view_key` does (the reading cache hands out the same object for an unchanged
    file; the earlier plan holds them, so no identity is reused meanwhile).
    """
    if not options.site_url or options.feed_topic_limit < 1:
        return {}
    rank = {e.path: i for i, e in enumerate(catalog.newest)}
    made: dict[Hashable, tuple[Feed, ...]] = {}
    for listing in topic_listings(catalog):
        key = (listing.kind, listing.key, listing.title, tuple(map(id, listing.entries)))
        found = earlier.get(key) if earlier is not None else None
        made[key] = found if found is not None else listing_feeds(listing, item, options, rank=rank)
    return made


def topic_feed_uri(listing: Listing, ext: str, layout: Layout) -> str:
    """Where a listing's feed in the format of extension ``ext`` ('rss.xml') is in the site."""
    folder = layout.listing(listing.kind, listing.key).rpartition("/")[0]
    return f"{folder}/{TOPIC_FEED}.{ext}"


def feed_items(
    options: PlanOptions,
    urls: Callable[[str], str],
    people: Mapping[str, Person] | None = None,
) -> Callable[[Entry], FeedItem]:
    """A briefing's feed item (full content, its byline's ``people`` as authors), made once
    per briefing however many feeds carry it (the site's and each of its topics', in three
    formats)."""
    made: dict[str, FeedItem] = {}
    layout, site_url = options.layout, options.site_url

    def item(entry: Entry) -> FeedItem:
        found = made.get(entry.path)
        if found is None:
            url = urljoin(site_url, urls(layout.briefing(entry.slug)))
            byline = feed_byline(entry.briefing.by, people or {}, options, urls)
            found = made[entry.path] = briefing_item(entry.briefing, url, byline)
        return found

    return item


def feed_byline(
    by: Iterable[str],
    people: Mapping[str, Person],
    options: PlanOptions,
    urls: Callable[[str], str],
) -> tuple[tuple[str, str | None], ...]:
    """The feeds' authors of a byline: (name, absolute address of their page) for each."""
    return tuple(
        (p.name, urljoin(options.site_url, urls(options.layout.listing("people", k))))
        for k, p in authors(by, people)
    )


def listing_feeds(
    listing: Listing,
    item: Callable[[Entry], FeedItem],
    options: PlanOptions,
    *,
    rank: Mapping[str, int] | None = None,
) -> tuple[Feed, ...]:
    """The RSS, Atom and JSON feeds of one listing (a category, story, outlet...): its newest
    briefings but drafts, at most ``options.feed_topic_limit``, beside its page. None without
    a site_url or with a limit of 0.

    Args:
        listing: The listing.
        item: A briefing's feed item (see `feed_items`).
        options: The site's settings.
        rank: Each briefing's place in the site's newest-first order, by path; without it the
            listing's own order is taken as newest first.
    """
    site_url, layout, limit = options.site_url, options.layout, options.feed_topic_limit
    if not site_url or limit < 1:
        return ()
    shown = [e for e in listing.entries if not e.briefing.draft]
    if rank is not None:  # a story lists its briefings oldest first
        shown = heapq.nsmallest(limit, shown, key=lambda e: rank.get(e.path, len(rank)))
    entries = [item(e) for e in shown[:limit]]
    home = urljoin(
        site_url,
        page_url(layout.listing(listing.kind, listing.key), directory_urls=options.directory_urls),
    )
    title = f"{options.site_name}: {listing.title}" if options.site_name else listing.title
    about = _FEED_ABOUT.get(listing.kind, "the newest briefings of {}").format(listing.title)
    info = FeedInfo(
        title=title,
        home_url=home,
        description=f"{options.site_name}: {about}" if options.site_name else about,
        language=options.language,
    )
    feeds = []
    for ext, mime, label, render in _FORMATS:
        uri = topic_feed_uri(listing, ext, layout)
        content = render(info, entries, feed_url=urljoin(site_url, uri))
        feeds.append(Feed(f"{title} ({label})", uri, mime, content))
    return tuple(feeds)


def _emails(
    catalog: Catalog,
    digests: Sequence[Digest],
    options: PlanOptions,
    urls: Callable[[str], str],
    previous: SitePlan | None,
) -> dict[str, Any]:
    """`make_emails` with the previous plan's, as the plan's fields ``emails``, ``emails_made``."""
    made = make_emails(
        catalog, digests, options, urls, earlier=previous.emails_made if previous else None
    )
    return {"emails": tuple(made.values()), "emails_made": made}


def make_emails(
    catalog: Catalog,
    digests: Sequence[Digest],
    options: PlanOptions,
    urls: Callable[[str], str],
    *,
    earlier: Mapping[Hashable, DigestEmail] | None = None,
) -> dict[Hashable, DigestEmail]:
    """Each published digest as an email (newsletter/render.py), newest first, by what it was
    made from: none without a site_url (an email's links must be absolute) or
    ``options.newsletter``. Never a draft digest, nor a draft or scheduled briefing, even when
    the site shows them; none for a digest left with no briefing then.

    ``earlier``: a previous plan's, of the same options: an email made from the same digest
    and briefings (the same objects: the reading cache's, for unchanged files) is reused.
    """
    settings, site_url, layout = options.newsletter, options.site_url, options.layout
    if settings is None or not site_url:
        return {}
    digests = [d for d in digests if not d.draft]
    wanted = {slug for d in digests for _, slug in d.references()}
    linked = {
        e.slug: (e.briefing, urljoin(site_url, urls(layout.briefing(e.slug))))
        for e in catalog.newest
        if e.slug in wanted and not e.briefing.draft
    }
    made: dict[Hashable, DigestEmail] = {}
    for d in digests:
        # By identity, as `_view_key`: ``earlier``'s plan holds these objects, so no id is reused.
        refs = d.references()
        if not any(slug in linked for _, slug in refs):
            continue  # every briefing a draft (shown under build_drafts): nothing to send
        key = (id(d), tuple(id(linked[slug][0]) if slug in linked else 0 for _, slug in refs))
        email = (earlier or {}).get(key)
        if email is None:
            web_url = urljoin(site_url, urls(layout.digest(d.date)))
            email = render_digest_email(d, web_url, linked, settings)
        made[key] = email
    return made
