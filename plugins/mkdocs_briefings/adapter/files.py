"""The plan's pages and files as MkDocs Files and Pages (the MkDocs glue of the plan)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_datetime

from ..plan import plan_site
from ..progress import PROGRESS_MIN, Progress
from ..reading import briefing_content_keys, load_site
from ..sitemaps import crawler_files
from .config import PACKAGE, STYLESHEET, plan_options, project_root
from .media import image_cache, make_files, read_media, share_card_files

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.toc import AnchorLink

    from ..errors import Problem
    from ..plan import PlannedPage, SitePlan
    from ..reading import FileCache
    from ..render.html import TocItem
    from ..store import BuildCache
    from .config import BriefingsConfig

log = logging.getLogger("mkdocs.plugins.mkdocs_briefings.adapter.plugin")


class GeneratedPage(Page):
    """A page whose HTML the plan made: an ordinary MkDocs page (the theme renders it, search
    indexes it, other plugins' page hooks see it) whose content no Markdown parser touches.

    Why: briefing text is plain text; turning it into Markdown only for Python-Markdown to
    parse it back was about half of what a build spent on each page.
    """

    def __init__(
        self,
        planned: PlannedPage,
        file: File,
        config: MkDocsConfig,
        metadata: Callable[[str], dict[str, Any]],
    ) -> None:
        self.planned, self._metadata = planned, metadata
        super().__init__(None, file, config)
        if planned.entry is not None:  # the sitemap's lastmod
            self.update_date = planned.entry.briefing.modified.isoformat()
        self.briefing_draft = planned.draft  # shown only by serve or build_drafts; no sitemap

    def _set_canonical_url(self, base: str | None) -> None:
        """MkDocs' own, without a URL parser per page: the plan's URLs are clean paths.

        Why: 15,000 urljoin and urlsplit calls took a tenth of each `mkdocs serve` rebuild.
        """
        if not base:
            self.canonical_url = self.abs_url = None
            return
        base = base if base.endswith("/") else base + "/"
        self.canonical_url = base + self.url
        self.abs_url = _path_of(base) + self.url

    def read_source(self, config: MkDocsConfig) -> None:
        """Nothing to read: the page's metadata comes from the plan (made for this page, which
        it and other plugins may change), its Markdown is empty."""
        self.markdown = ""
        self.meta = self._metadata(self.planned.uri)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """The plan's HTML, its table of contents and its anchors (for MkDocs' link checks).

        Markdown that another plugin gave the page (``on_page_markdown``) is rendered as MkDocs
        renders any page, and follows the plan's HTML.
        """
        made = self.planned.html
        tokens = [_token(item) for item in made.toc]
        content, anchors = made.content, set(made.anchors)
        if self.markdown and self.markdown.strip():
            super().render(config, files)
            content = f"{content}\n{self.content}"
            tokens += [_token_of(link) for link in self.toc]
            anchors |= self.present_anchor_ids or set()
        self.content, self.present_anchor_ids = content, anchors
        self.toc = get_toc(tokens)


@functools.lru_cache(maxsize=8)  # one site_url per build
def _path_of(base: str) -> str:
    return urlsplit(base).path


def _token_of(link: AnchorLink) -> Any:
    """The token of an entry of a table of contents MkDocs made (see `render`)."""
    children = [_token_of(child) for child in link.children]
    return {"level": link.level, "id": link.id, "name": link.title, "children": children}


def _token(item: TocItem) -> Any:
    """A toc extension token, as MkDocs' `get_toc` reads it."""
    children = [_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.name, "children": children}


def add_files(files: Files, plan: SitePlan, config: MkDocsConfig) -> None:
    """Add every generated page, feed and asset of ``plan`` to ``files``, each page with its
    `GeneratedPage`.

    Why NOT_IN_NAV for briefings: with Material, a nav that lists every page repeats the whole
    list in every page, which makes site size and build time grow with the square of the number
    of briefings. Only the top-level index pages (categories/, tags/ ...) may join the nav.
    """
    for planned in plan.pages.values():
        inclusion = InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, planned.uri, content="", inclusion=inclusion)
        file.url = planned.url  # the plan's, which is MkDocs' own (tests compare them)
        if planned.edit_uri is not None:  # "Edit this page" opens the YAML
            file.edit_uri = planned.edit_uri
        GeneratedPage(planned, file, config, plan.metadata)
        files.append(file)
    for feed in plan.feeds:
        files.append(File.generated(config, feed.uri, content=feed.content))
    for redirect in plan.redirects:  # static HTML: not in the sitemap, feeds or search
        files.append(File.generated(config, redirect.uri, content=redirect.content))
    for path, text in crawler_files(
        plan.catalog.newest,
        site_url=plan.options.site_url,
        # The name the articles' NewsArticle gives their publisher (Google matches the two).
        site_name=plan.options.publisher.name if plan.options.publisher else plan.options.site_name,
        language=plan.options.language,
        url=lambda entry: plan.pages[plan.options.layout.briefing(entry.slug)].url,
        now=get_build_datetime(),  # SOURCE_DATE_EPOCH when set, as MkDocs' own build date
        exists=lambda path: files.get_file_from_path(path) is not None,
        zone=plan.options.zone,
    ).items():  # robots.txt and the news sitemap; a file of the same name in docs/ wins
        files.append(File.generated(config, path, content=text))
    stylesheet = (PACKAGE / "assets" / "briefings.css").read_bytes()
    files.append(File.generated(config, STYLESHEET, content=stylesheet))


def read_and_plan(
    files: Files,
    config: MkDocsConfig,
    opts: BriefingsConfig,
    reads: FileCache,
    cache: BuildCache,
    previous: SitePlan | None,
    serving: bool,
) -> tuple[SitePlan, list[Problem]]:
    """Read every briefing and digest (unchanged files from ``reads`` and the build cache),
    report each problem, and plan the site; the build cache keeps the plan's briefing pages.
    ``previous``: the last build's plan under `mkdocs serve` (``serving``: drafts show).
    The images the plan calls for (smaller copies of lead images, share cards) join ``files``.

    A problem is a warning: `--strict` fails, `mkdocs serve` keeps serving the rest.

    Returns:
        The plan, and the problems of the files left out.
    """
    root, briefings = project_root(config), Path(opts.briefings_dir)
    store, trouble = cache.open(root / opts.cache_dir, enabled=opts.cache)
    if trouble:
        log.info("briefings: %s", trouble)
    reads.store = store
    known = {f.src_uri for f in files}  # a set: 10,000 lookups by path take 0.1 s
    options = plan_options(config, opts, serving=serving)
    site = load_site(
        briefings,
        root=root,
        digests_dir=briefings / opts.digests_dir,
        layout=options.layout,
        exists=lambda src: posixpath.normpath(src) in known,
        cache=reads,
        progress=Progress("briefings: briefing files read", log.info),
    )
    for problem in site.problems:
        log.warning("%s", problem)
    images = image_cache(root, opts.cache_dir, enabled=opts.cache)
    media, copies = read_media(site.entries, Path(config.docs_dir), images, opts.image_widths)
    plan = plan_site(
        site.entries,
        site.digests,
        options,
        exists=known.__contains__,
        content_keys=briefing_content_keys(reads),
        cached=store.pages,
        previous=previous,
        media=media,
        now=dt.datetime.now(dt.UTC),  # a briefing published later waits for a later build
        people=site.staff.people,
    )
    store.keep_pages(plan.kept)
    # Each published digest's email.html and email.txt; `mkdocs serve` writes none outside
    # the site it serves (newsletter_dir): a preview leaves the project's files alone.
    if opts.newsletter_emails and not (serving and opts.newsletter_dir is not None):
        for file in email_files(plan, config, opts):
            files.append(file)
    # The images the pages show: lead images' smaller copies and the share cards.
    copies |= share_card_files(plan.share_cards, options.site_name, images)
    if images.problem:
        log.info("briefings: images are made anew each build: %s", images.problem)
    files_seen = {f.src_uri for f in files}
    for file in make_files(config, copies):
        if file.src_uri not in files_seen:
            files.append(file)
    return plan, site.problems


def summarise(plan: SitePlan, problems: list[Problem], files: Files) -> tuple[Progress, int]:
    """Log one line on what was read and generated; return the pages-rendered progress (which
    prints for big sites only)."""
    count = len(plan.catalog.newest)
    broken = len({p.path for p in problems})
    (log.info if count >= PROGRESS_MIN else log.debug)(
        "briefings: %s briefings and %s digests read%s; %s index pages generated",
        f"{count:,}",
        f"{len(plan.digests):,}",
        f" ({broken:,} files with problems left out)" if broken else "",
        f"{len(plan.pages) - count:,}",
    )
    return Progress("briefings: pages rendered", log.info), len(files.documentation_pages())


EMAIL_FILES = ("email.html", "email.txt")


def email_files(plan: SitePlan, config: MkDocsConfig, opts: BriefingsConfig) -> list[File]:
    """The files of each email of ``plan``: ``<digests>/<date>/email.html`` and ``email.txt``
    in the site, or ``<newsletter_dir>/<date>/...`` outside it (MkDocs writes both)."""
    found = []
    folder = None if opts.newsletter_dir is None else project_root(config) / opts.newsletter_dir
    for email in plan.emails:
        for name, content in zip(EMAIL_FILES, (email.html, email.text), strict=True):
            src = f"{plan.options.layout.digests}/{email.date}/{name}"
            file = File.generated(config, src, content=content)
            if folder is not None:  # MkDocs writes a file to dest_dir/dest_uri
                file.dest_dir, file.dest_uri = str(folder.resolve()), f"{email.date}/{name}"
            found.append(file)
    return found
