"""The ``briefings`` MkDocs plugin: event glue only; the logic lives in plain functions."""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .catalog import Layout, Related
from .collection import (
    Entry,
    newest_first,
)
from .config import BriefingsConfig
from .incremental import (
    Incremental,
    QuietDirtyWarning,
    file_stamps,
    reset_search_merge,
    template_stamps,
)
from .listings import IndexPage, index_pages
from .pagefind import PagefindSearch
from .pages import (
    Build,
    briefing_markdown,
    edit_path,
    edit_paths,
    make_asset,
    make_digest_teaser,
    make_feeds,
    make_file,
    make_index_file,
    make_links,
    make_meta,
)
from .progress import PROGRESS_MIN, Progress
from .render import PageParts, copied
from .seo import absolute_image_url, json_ld_script, news_article, social_meta
from .share import share_links
from .site import FileCache, briefing_content_keys, briefing_stamps, load_site
from .store import Store, code_version, collector_paused, load_store, save_store
from .watch import watch_with_events

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext
    from watchdog.observers.api import BaseObserver

    from .errors import Problem


# A plain child of MkDocs' logger (not get_plugin_logger): problems print as bare
# `path:line:col: message` lines that editors and CI annotators can jump to.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PACKAGE = resources.files(__package__)
TEMPLATES_DIR = str(PACKAGE / "templates")
STYLESHEET = "assets/stylesheets/briefings.css"
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "toc")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Turns each briefing YAML file into a page rendered by the theme, plus the site's views."""

    def __init__(self) -> None:
        self._build = Build()
        self._site_url = self._site_name = ""
        self._cache = FileCache()  # kept across `mkdocs serve` rebuilds (see on_startup)
        self._store_dir: Path | None = None  # where self._cache.store (the build cache) lives
        self._command = "build"
        self._rendered: tuple[Progress, int] | None = None  # and the pages to render
        self._pagefind: PagefindSearch | None = None  # with `search: pagefind`
        self._incremental: Incremental | None = None  # under `mkdocs serve --dirty`
        self._files: Files | None = None
        self._quiet = QuietDirtyWarning()
        self._observer: BaseObserver | None = None  # watching briefings/ under `mkdocs serve`
        self._frozen = False  # whether _open_store froze the heap (see there)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin with this hook across `mkdocs serve` rebuilds; with --dirty,
        rebuilds render only the pages an edit affects (see incremental.py)."""
        self._cache, self._command = FileCache(), command
        self._incremental = Incremental() if command == "serve" and dirty else None
        if self._incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def on_shutdown(self) -> None:
        """Stop filtering MkDocs' dirty-build warning; `mkdocs serve` saves its cache now.

        Then let go of what the builds read. Why: freed here, 3,000 briefings take 0.15 s;
        left to the interpreter's shutdown, which tears down the modules around them first,
        they took a second longer (CPython 3.11).
        """
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        self._stop_watching()
        self._save_store()
        self._cache, self._build, self._files = FileCache(), Build(), None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Ship the templates and stylesheet, and turn on the Markdown extensions pages use."""
        self._build = Build()
        self._site_url, self._site_name = config.site_url or "", config.site_name
        _check_options(self.config)
        _check_cache_dir(config, self.config)
        self._pagefind = _start_pagefind(config, self.config)
        # Templates even when disabled: hand-written pages may name briefings-home.html.
        config.theme.dirs.append(TEMPLATES_DIR)  # after docs/overrides/, which wins
        if not self.config.enabled:
            return config
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read every briefing and digest, report problems, add their pages and the indexes."""
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path or config.docs_dir).parent
        layout = Layout(briefings=self.config.url_prefix.strip("/"))
        known = {f.src_uri for f in files}  # a set: 10,000 lookups by path are a tenth of a second
        store = self._open_store(root)
        site = load_site(
            Path(self.config.briefings_dir),
            root=root,
            digests_dir=Path(self.config.briefings_dir) / self.config.digests_dir,
            layout=layout,
            exists=lambda src: posixpath.normpath(src) in known,
            cache=self._cache,
            progress=Progress("briefings: briefing files read", log.info),
        )
        _report(site.problems)
        entries, sources = site.entries, site.digests
        digests = [digest for digest, _ in sources]
        build = Build(layout=layout, entries=entries, digests=digests, related=Related(entries))
        stamps, contents = briefing_stamps(self._cache), briefing_content_keys(self._cache)
        kept: dict[Hashable, PageParts] = {}
        # Everything a page's parts depend on besides the briefing (the URL: see _json_ld).
        settings = (layout, self.config.page_template, self.config.words_per_minute)
        ordered = newest_first(entries)
        edit_uris = edit_paths((os.path.join(root, e.path) for e in ordered), config)
        for entry, edit_uri in zip(ordered, edit_uris, strict=True):
            uri = layout.briefing(entry.slug)
            content = contents.get(entry.path)  # None: the file changed while it was read
            key = (entry.path, content, uri, settings)
            parts = (store.pages.get(key) if content else None) or PageParts(
                briefing_markdown(entry, uri, layout), make_meta(entry, self.config)
            )
            if content:
                kept[key] = parts
            file = make_file(uri, parts.markdown, edit_uri, config)
            files.append(file)
            build.pages[file.src_uri], build.parts[file.src_uri] = entry, parts
            build.urls[file.src_uri] = file.url
        build.latest = [build.teaser(entry) for entry in ordered]
        pages = index_pages(entries, digests, layout=layout, page_size=self.config.page_size)
        for uri, index in pages.items():
            if files.get_file_from_path(uri) is None:  # a hand-written page wins
                file = make_index_file(config, uri, index.markdown, in_nav=_is_kind_index(uri))
                files.append(file)
                build.urls[uri] = file.url
                build.index_meta[uri] = index.meta
        for digest, source in sources:  # "Edit this page" on a digest opens its YAML
            if digest_file := files.get_file_from_path(layout.digest(digest.date)):
                digest_file.edit_uri = edit_path(source, config)
        if digests:
            latest = digests[0]
            build.latest_digest = make_digest_teaser(
                latest, files.get_file_from_path(layout.digest(latest.date))
            )
        for feed, file in make_feeds(config, build, limit=self.config.feed_limit):
            files.append(file)
            build.feeds.append(feed)
        stylesheet = (PACKAGE / "assets" / "briefings.css").read_bytes()
        files.append(make_asset(config, STYLESHEET, stylesheet))
        self._build, self._files = build, files
        self._summarise(build, len(pages), site.problems, files)
        store.keep_pages(kept)
        if self._incremental:
            self._plan(self._incremental, files, config, pages, stamps)
        return files

    def _open_store(self, root: Path) -> Store:
        """The build cache (see store.py): loaded from disk once, then kept in the FileCache."""
        folder = root / self.config.cache_dir
        if self._cache.store is not None and self._store_dir == folder:
            return self._cache.store
        with collector_paused():
            store, trouble = (
                load_store(folder, code_version()) if self.config.cache else (Store(""), None)
            )
            # The store lives as long as the build: without this, the collector's next passes
            # walk each object just loaded, up to three times (0.45 s at 3,000 briefings).
            # Unfrozen after the build (see _unfreeze), so later garbage is still collected.
            if store.outcomes or store.pages:
                gc.freeze()
                self._frozen = True
        if trouble:
            log.info("briefings: %s", trouble)
        self._cache.store, self._store_dir = store, folder
        return store

    def _unfreeze(self) -> None:
        """Undo `_open_store`'s gc.freeze (only this plugin's: the host may freeze too)."""
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _save_store(self) -> None:
        """Write the build cache if this build changed it; a cache that cannot be written
        costs time, not the build."""
        store, folder = self._cache.store, self._store_dir
        if not (self.config.cache and store and store.changed and folder):
            return
        try:
            save_store(folder, store)
        except OSError as exc:
            log.info(
                "briefings: cannot write the build cache in %s (%s); "
                "set 'cache: false' to stop trying",
                folder,
                exc.strerror or exc,
            )

    def _plan(
        self,
        incremental: Incremental,
        files: Files,
        config: MkDocsConfig,
        pages: dict[str, IndexPage],
        stamps: dict[str, Any],
    ) -> None:
        """Under `serve --dirty`: fingerprint every generated page, to render the changed ones."""
        build, limit = self._build, self.config.related_limit
        shared = (
            tuple(build.latest[: max(self.config.recent_limit, self.config.latest_limit) + 1]),
            build.latest_digest,
        )
        site_wide = (
            file_stamps(files),
            template_stamps(config.theme.dirs),
            repr(dict(self.config)),
            config.config_file_path and os.stat(config.config_file_path).st_mtime_ns,
        )
        related = build.related or Related([])
        shows = incremental.related(
            build.pages.values(),
            stamps,
            index=related,
            compute=lambda e: tuple(build.teaser(r) for r in related.of(e, limit)),
            basis=site_wide,
        )
        generated: dict[str, Hashable] = {}
        for uri, entry in build.pages.items():
            generated[uri] = (
                shared,
                stamps.get(entry.path),
                shows[entry.path],
                repr(build.story_context(entry)),
            )
        for uri, index in pages.items():
            if uri in build.index_meta:
                generated[uri] = (shared, index.markdown, repr(index.meta))
        in_nav = [uri for uri in build.index_meta if _is_kind_index(uri)]
        incremental.plan(files, generated, site_wide=site_wide, always=in_nav)
        reset_search_merge(config)

    def _summarise(self, build: Build, indexes: int, problems: list[Problem], files: Files) -> None:
        """One line on what was read and generated; big sites also get rendering progress."""
        say = log.info if len(build.entries) >= PROGRESS_MIN else log.debug
        broken = len({p.path for p in problems})
        say(
            "briefings: %s briefings and %s digests read%s; %s index pages generated",
            f"{len(build.entries):,}",
            f"{len(build.digests):,}",
            f" ({broken:,} files with problems left out)" if broken else "",
            f"{indexes:,}",
        )
        pages = len(files.documentation_pages())
        self._rendered = (Progress("briefings: pages rendered", log.info), pages)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give a briefing page its metadata (title, template, dates) before it is rendered."""
        if self._pagefind:
            self._pagefind.page_markdown(page)
        uri = page.file.src_uri
        entry, parts = self._build.pages.get(uri), self._build.parts.get(uri)
        if entry is not None and parts is not None:
            page.meta = {**copied(parts.meta), **page.meta}
            page.update_date = entry.briefing.modified.isoformat()  # the sitemap's lastmod
            if parts.markdown == markdown:  # no plugin before this one changed it
                # MkDocs copied the generated Markdown into page.markdown (it looks for
                # metadata): let the build cache hold that same text, so the build keeps one
                # copy, not two (about 200 MB at 10,000 briefings).
                parts.markdown = markdown
        elif (meta := self._build.index_meta.get(uri)) is not None:
            page.meta = {**meta, **page.meta}
        else:
            return markdown
        page.file.content_string = markdown  # the file's copy, likewise
        return markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under `serve --dirty`: templates compiled once per session, and pages left as they
        were still give the sitemap their date."""
        if self._incremental:
            env.bytecode_cache = self._incremental.templates
            for uri, entry in self._build.pages.items():
                file = files.get_file_from_path(uri)
                if file is not None and file.page is not None:
                    file.page.update_date = entry.briefing.modified.isoformat()
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give templates the latest briefings and digest, and briefing pages their lists."""
        build = self._build
        extra: dict[str, Any] = {
            "briefings_latest": build.latest[: self.config.latest_limit],
            "briefings_latest_digest": build.latest_digest,
        }
        entry = build.pages.get(page.file.src_uri)
        if entry is not None:
            extra.update(self._briefing_context(entry, page))
        if self._incremental:
            self._incremental.built.add(page.url)
        context.update(extra)  # type: ignore[typeddict-item]  # TemplateContext lists MkDocs' keys only
        return context

    def _briefing_context(self, entry: Entry, page: Page) -> dict[str, Any]:
        build = self._build
        related = build.related.of(entry, self.config.related_limit) if build.related else []
        return self._head(entry, build.parts.get(page.file.src_uri), page.canonical_url) | {
            "briefing_recent": build.recent(page.url, self.config.recent_limit),
            "briefing_related": build.linked([build.teaser(e) for e in related], page.url),
            "briefing_links": make_links(entry, build),
            "briefing_story": build.story_context(entry),
        }

    def _head(self, entry: Entry, parts: PageParts | None, url: str | None) -> dict[str, Any]:
        """The page's structured data, social tags and share links (none without a URL)."""
        if not url:
            return {"briefing_share_url": url, "briefing_share": []}
        b, site_url = entry.briefing, self._site_url
        image = absolute_image_url(b, site_url=site_url)
        return {
            "briefing_json_ld": self._json_ld(entry, parts, url, image),
            "briefing_social": social_meta(b, url=url, site_name=self._site_name, image_url=image),
            "briefing_share_url": url,
            "briefing_share": share_links(url, b.title),
        }

    def _json_ld(self, entry: Entry, parts: PageParts | None, url: str, image: str | None) -> str:
        """The page's schema.org JSON-LD: made once per briefing, URL and site, then kept with
        the page's other parts in the build cache (as UTF-8: a third of the memory)."""
        made_for = (url, self._site_name, self._site_url)
        if parts and parts.json_ld and parts.json_ld[0] == made_for:
            return parts.json_ld[1].decode()
        article = news_article(
            entry.briefing,
            url=url,
            site_name=self._site_name,
            site_url=self._site_url,
            image_url=image,
        )
        text = json_ld_script(article)
        if parts:
            parts.json_ld = (made_for, text.encode())
            # Not a reason to save: `serve` makes it for its own address, not the site's.
            if self._cache.store is not None and self._command != "serve":
                self._cache.store.changed = True
        return text

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page (a static template, with no page) lists the latest briefings too."""
        if template_name == "404.html":
            latest = self._build.latest[: self.config.latest_limit]
            context["briefings_latest"] = latest  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Feed discovery links in every page's head, whatever the theme's templates."""
        if self._rendered is not None:
            progress, total = self._rendered
            progress.advance(total)
        if self._pagefind:
            output = self._pagefind.post_page(output)
        if not self._build.feeds or "</head>" not in output:
            return output
        links = self._build.discovery(page.url)
        return output.replace("</head>", links + "</head>", 1)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """With `search: pagefind`, the 404 page's search box too."""
        if self._pagefind and template_name.endswith(".html"):
            return self._pagefind.post_page(output_content)
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Under `serve --dirty`, drop stale files and merge the search index; with
        `search: pagefind`, index the built site."""
        if self._incremental and self._files is not None:
            outputs = [*config.theme.static_templates, "sitemap.xml.gz"]
            self._incremental.finish(config, self._files, outputs)
        self._unfreeze()
        if self._command != "serve":  # `serve` saves once, when it stops
            self._save_store()
        if self._pagefind:
            log.info("briefings: Pagefind: %s", self._pagefind.post_build(Path(config.site_dir)))

    def on_build_error(self, *, error: Exception) -> None:
        """A full disk or a missing permission while building: one clear line naming the file
        (MkDocs would print a traceback), and the build stops. Under `serve --dirty`, the next
        rebuild renders everything: this one may have stopped before writing its pages."""
        self._unfreeze()
        if self._incremental:
            self._incremental.fingerprints = {}
        if isinstance(error, OSError):
            where = f" at {error.filename}" if error.filename else ""
            raise Abort(
                f"the build stopped{where}: {error.strerror or error}; "
                "free some space or fix the permissions, then build again"
            ) from None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild and reload the browser when a briefing or digest changes: watched by the
        system's file events where it can (see watch.py), else polled by MkDocs."""
        if self.config.enabled:
            self._stop_watching()
            folder = self.config.briefings_dir
            self._observer = watch_with_events(server, folder)
            if self._observer is None:
                server.watch(folder)
            else:
                inside = Path(folder).is_relative_to(Path.cwd())
                shown = os.path.relpath(folder) if inside else folder
                log.info("briefings: watching '%s' for changes (file events)", shown)
        return server

    def _stop_watching(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None


def _check_options(opts: BriefingsConfig) -> None:
    """Refuse option values that cannot work, with a message that says which."""
    for name in ("words_per_minute", "page_size"):
        if opts[name] < 1:
            raise PluginError(f"briefings: '{name}' must be at least 1, not {opts[name]}")
    for name in ("recent_limit", "latest_limit", "related_limit", "feed_limit"):
        if opts[name] < 0:
            raise PluginError(f"briefings: '{name}' cannot be negative ({opts[name]})")
    if not opts.url_prefix.strip("/"):
        # Briefings at the site's root would share URLs with its pages and indexes.
        raise PluginError(
            f"briefings: 'url_prefix' must name a folder, e.g. briefings ({opts.url_prefix!r})"
        )


def _check_cache_dir(config: MkDocsConfig, opts: BriefingsConfig) -> None:
    """The build cache must stay out of docs/ (it would be published) and briefings/ (the
    build never writes there, and serve would rebuild on every save of the cache)."""
    if not opts.cache:
        return
    root = Path(config.config_file_path or config.docs_dir).parent
    cache = (root / opts.cache_dir).resolve()
    for name, folder in (("docs_dir", config.docs_dir), ("briefings_dir", opts.briefings_dir)):
        if cache.is_relative_to(Path(folder).resolve()):
            raise PluginError(
                f"briefings: 'cache_dir' ({opts.cache_dir}) is inside {name} ({folder}); "
                "keep it outside, e.g. the default .cache/plugin/briefings"
            )


def _start_pagefind(config: MkDocsConfig, opts: BriefingsConfig) -> PagefindSearch | None:
    """`search: pagefind` (see pagefind.py), or None for Material's own search."""
    if opts.enabled and opts.search == "pagefind":
        return PagefindSearch(config)
    return None


def _is_kind_index(uri: str) -> bool:
    """categories/index.md and its like belong in the navigation; the pages below them don't."""
    return uri.count("/") == 1 and uri.endswith("/index.md")


def _report(problems: Iterable[Problem]) -> None:
    """Log each problem as a warning: `--strict` then fails, `serve` keeps serving the rest."""
    for problem in problems:
        log.warning("%s", problem)
