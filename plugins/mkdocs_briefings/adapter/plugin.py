"""The ``briefings`` MkDocs plugin: it decides *when*; the plan (plan.py) says *what*."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin, event_priority

from ..reading import FileCache
from ..store import BuildCache, collector_paused
from .config import BriefingsConfig, check_options, configure_site, stopped
from .files import add_files, read_and_plan, summarise
from .pagefind import PagefindSearch
from .serve import DevServer

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from ..plan import SitePlan
    from ..progress import Progress

# Not get_plugin_logger: problems print as bare `path:line:col: message` lines to jump to.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Turns each briefing YAML file into a page rendered by the theme, plus the site's views."""

    _plan: SitePlan | None = None
    _files: Files | None = None
    _server: DevServer | None = None  # under `mkdocs serve`
    _pagefind: PagefindSearch | None = None  # with `search: pagefind`
    _progress: tuple[Progress, int] | None = None

    def __init__(self) -> None:
        self._reads, self._cache = FileCache(), BuildCache()  # kept across serve rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin with this hook across `mkdocs serve` rebuilds."""
        self._reads, self._cache = FileCache(), BuildCache()
        self._server = DevServer(dirty=dirty) if command == "serve" else None

    def on_shutdown(self) -> None:
        """`serve` saves its cache now; let go of the builds' data (0.15 s at 3,000 briefings)."""
        if self._server:
            self._server.close()
        self._save()
        self._plan, self._files, self._reads, self._cache = None, None, FileCache(), BuildCache()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Check the options; ship the templates and stylesheet, turn on the extensions."""
        check_options(self.config, config)
        configure_site(config, self.config)
        pagefind = self.config.enabled and self.config.search == "pagefind"
        self._pagefind = PagefindSearch(config) if pagefind else None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read every briefing and digest, report problems, plan the site, add its pages."""
        if not self.config.enabled:
            return files
        with collector_paused():  # see there: these only make objects that live on
            plan, problems = read_and_plan(
                files, config, self.config, self._reads, self._cache, self._plan, bool(self._server)
            )
            add_files(files, plan, config)
        self._plan, self._files = plan, files
        self._progress = summarise(plan, problems, files)
        if self._server:
            self._server.plan(files, config, plan, dict(self.config), problems)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, **_: Any) -> str | None:
        if self._pagefind:  # keep pages out of Material's lunr index
            self._pagefind.page_markdown(page)
        return markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self._server:  # templates compiled once per `serve --dirty` session
            self._server.env(env)
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, **_: Any) -> TemplateContext:
        """Give templates the latest briefings and digest, and briefing pages their lists."""
        if self._plan:
            extra = self._plan.context(page.file.src_uri, page.url, page.canonical_url)
            context.update(extra)  # type: ignore[typeddict-item]  # MkDocs lists its own keys only
        if self._server:
            self._server.rendered(page.url)
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, **_: Any
    ) -> TemplateContext:
        if template_name == "404.html" and self._plan:  # a static template: no page
            base = str(context.get("base_url") or "").rstrip("/") + "/"  # served at any depth
            context.update(self._plan.context("", "404.html", None, base=base))  # type: ignore[typeddict-item]
        return context

    def on_post_page(self, output: str, *, page: Page, **_: Any) -> str | None:
        """Feed discovery links in every page's head, whatever the theme's templates."""
        if self._progress is not None:
            self._progress[0].advance(self._progress[1])
        if self._pagefind:
            output = self._pagefind.post_page(output)
        if self._server:  # the site's problems, on every page while there are any
            output = self._server.post_page(output)
        if not self._plan or not self._plan.feeds or "</head>" not in output:
            return output
        return output.replace("</head>", self._plan.discovery(page.url) + "</head>", 1)

    def on_post_template(self, output_content: str, *, template_name: str, **_: Any) -> str | None:
        if self._pagefind and template_name.endswith(".html"):  # the 404 page's search box
            return self._pagefind.post_page(output_content)
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Finish `serve --dirty`'s rebuild; index with Pagefind; `build` saves its cache."""
        if self._server and self._files is not None:
            self._server.finish(config, self._files)
        self._cache.release()
        if not self._server:
            self._save()
        if self._pagefind:
            log.info("briefings: Pagefind: %s", self._pagefind.post_build(Path(config.site_dir)))

    def on_build_error(self, *, error: Exception) -> None:
        """A full disk or a missing permission: one clear line, not a traceback."""
        self._cache.release()
        if self._server:
            self._server.failed()
        if isinstance(error, OSError):
            raise stopped(error) from None

    def on_serve(self, server: LiveReloadServer, *, builder: Any, **_: Any) -> LiveReloadServer:
        if self.config.enabled and self._server:  # rebuild when a briefing or digest changes
            self._server.watch(server, self.config.briefings_dir)
        return server

    def _save(self) -> None:
        if self.config.get("cache") and (trouble := self._cache.save()):
            log.info("briefings: %s", trouble)
