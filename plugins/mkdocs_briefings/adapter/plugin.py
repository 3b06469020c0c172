"""The ``briefings`` MkDocs plugin: it decides *when*; the plan (plan.py) says *what*."""

from __future__ import annotations

import logging
import posixpath
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from ..plan import plan_site
from ..progress import PROGRESS_MIN, Progress
from ..site import FileCache, briefing_content_keys, load_site
from ..store import BuildCache
from .config import BriefingsConfig, check_options, plan_options, project_root
from .files import add_files
from .pagefind import PagefindSearch
from .serve import DevServer

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from ..plan import SitePlan

# A plain child of MkDocs' logger (not get_plugin_logger): problems print as bare
# `path:line:col: message` lines that editors and CI annotators can jump to.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PACKAGE = resources.files("mkdocs_briefings")
TEMPLATES_DIR = str(PACKAGE / "templates")
STYLESHEET = "assets/stylesheets/briefings.css"
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "toc")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Turns each briefing YAML file into a page rendered by the theme, plus the site's views."""

    def __init__(self) -> None:
        self._plan: SitePlan | None = None
        self._reads, self._cache = FileCache(), BuildCache()  # kept across serve rebuilds
        self._server: DevServer | None = None  # under `mkdocs serve`
        self._pagefind: PagefindSearch | None = None  # with `search: pagefind`
        self._progress: tuple[Progress, int] | None = None
        self._files: Files | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin with this hook across `mkdocs serve` rebuilds."""
        self._reads, self._cache = FileCache(), BuildCache()
        self._server = DevServer(dirty=dirty) if command == "serve" else None

    def on_shutdown(self) -> None:
        """`mkdocs serve` saves its cache now; then let go of what the builds read. Why: freed
        here, 3,000 briefings take 0.15 s; in the interpreter's teardown, a second longer."""
        if self._server:
            self._server.close()
        self._save()
        self._plan, self._files, self._reads, self._cache = None, None, FileCache(), BuildCache()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Ship the templates and stylesheet, and turn on the Markdown extensions pages use."""
        check_options(self.config, config)
        on = self.config.enabled
        self._pagefind = PagefindSearch(config) if on and self.config.search == "pagefind" else None
        # Templates even when disabled: hand-written pages may name briefings-home.html.
        config.theme.dirs.append(TEMPLATES_DIR)  # after docs/overrides/, which wins
        if on and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for name in REQUIRED_EXTENSIONS if on else ():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read every briefing and digest, report problems, plan the site, add its pages."""
        if not self.config.enabled:
            return files
        root, briefings = project_root(config), Path(self.config.briefings_dir)
        store, trouble = self._cache.open(root / self.config.cache_dir, enabled=self.config.cache)
        if trouble:
            log.info("briefings: %s", trouble)
        self._reads.store = store
        known = {f.src_uri for f in files}  # a set: 10,000 lookups by path take 0.1 s
        options = plan_options(config, self.config, serving=self._server is not None)
        site = load_site(
            briefings,
            root=root,
            digests_dir=briefings / self.config.digests_dir,
            layout=options.layout,
            exists=lambda src: posixpath.normpath(src) in known,
            cache=self._reads,
            progress=Progress("briefings: briefing files read", log.info),
        )
        for problem in site.problems:  # warnings: --strict fails, serve keeps serving the rest
            log.warning("%s", problem)
        self._plan = plan = plan_site(
            site.entries,
            site.digests,
            options,
            exists=known.__contains__,
            content_keys=briefing_content_keys(self._reads),
            cached=store.pages,
        )
        store.keep_pages(plan.kept)
        stylesheet = (PACKAGE / "assets" / "briefings.css").read_bytes()
        add_files(files, plan, config, {STYLESHEET: stylesheet})
        self._files = files
        self._summarise(plan, site.problems, files)
        if self._server:
            self._server.plan(files, config, plan, dict(self.config))
        return files

    def _summarise(self, plan: SitePlan, problems: list[Any], files: Files) -> None:
        """One line on what was read and generated; big sites also get rendering progress."""
        count = len(plan.catalog.newest)
        broken = len({p.path for p in problems})
        (log.info if count >= PROGRESS_MIN else log.debug)(
            "briefings: %s briefings and %s digests read%s; %s index pages generated",
            f"{count:,}",
            f"{len(plan.digests):,}",
            f" ({broken:,} files with problems left out)" if broken else "",
            f"{len(plan.pages) - count:,}",
        )
        total = len(files.documentation_pages())
        self._progress = (Progress("briefings: pages rendered", log.info), total)

    def on_page_markdown(self, markdown: str, *, page: Page, **_: Any) -> str | None:
        """With `search: pagefind`, keep pages out of Material's lunr index."""
        if self._pagefind:
            self._pagefind.page_markdown(page)
        return markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under `serve --dirty`: templates compiled once per session (see serve.py)."""
        if self._server and self._plan:
            self._server.env(env, files, self._plan)
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give templates the latest briefings and digest, and briefing pages their lists."""
        if self._plan:
            extra = self._plan.context(page.file.src_uri, page.url, page.canonical_url)
            context.update(extra)  # type: ignore[typeddict-item]  # MkDocs lists its own keys only
        if self._server:
            self._server.rendered(page.url)
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page (a static template, with no page) lists the latest briefings too."""
        if template_name == "404.html" and self._plan:
            context.update(self._plan.context("", "404.html", None))  # type: ignore[typeddict-item]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Feed discovery links in every page's head, whatever the theme's templates."""
        if self._progress is not None:
            self._progress[0].advance(self._progress[1])
        if self._pagefind:
            output = self._pagefind.post_page(output)
        if not self._plan or not self._plan.feeds or "</head>" not in output:
            return output
        return output.replace("</head>", self._plan.discovery(page.url) + "</head>", 1)

    def on_post_template(self, output_content: str, *, template_name: str, **_: Any) -> str | None:
        """With `search: pagefind`, the 404 page's search box too."""
        if self._pagefind and template_name.endswith(".html"):
            return self._pagefind.post_page(output_content)
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Under `serve --dirty`, drop stale files and merge the search index; with
        `search: pagefind`, index the built site. `build` saves its cache now, `serve` at exit."""
        if self._server and self._files is not None:
            self._server.finish(config, self._files)
        self._cache.release()
        if not self._server:
            self._save()
        if self._pagefind:
            log.info("briefings: Pagefind: %s", self._pagefind.post_build(Path(config.site_dir)))

    def on_build_error(self, *, error: Exception) -> None:
        """A full disk or a missing permission: one clear line naming the file (not a
        traceback), and the build stops."""
        self._cache.release()
        if self._server:
            self._server.failed()
        if isinstance(error, OSError):
            where = f" at {error.filename}" if error.filename else ""
            raise Abort(
                f"the build stopped{where}: {error.strerror or error}; "
                "free some space or fix the permissions, then build again"
            ) from None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild and reload the browser when a briefing or digest changes."""
        if self.config.enabled and self._server:
            self._server.watch(server, self.config.briefings_dir)
        return server

    def _save(self) -> None:
        if self.config.get("cache") and (trouble := self._cache.save()):
            log.info("briefings: %s", trouble)
