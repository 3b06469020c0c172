"""The ``briefings`` MkDocs plugin: event glue only; the logic lives in plain functions."""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin

from .collection import (
    Entry,
    address_taken,
    find_briefings,
    find_duplicate_slugs,
    find_missing_images,
    newest_first,
    read_entry_file,
)
from .config import BriefingsConfig
from .errors import BriefingError, Problem
from .pages import Teaser, make_asset, make_file, make_meta, make_teaser, recent_teasers
from .share import share_links

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

# A plain child of MkDocs' logger (not get_plugin_logger): problems print as bare
# `path:line:col: message` lines that editors and CI annotators can jump to.
log = logging.getLogger(f"mkdocs.plugins.{__name__}")

PACKAGE = resources.files(__package__)
TEMPLATES_DIR = str(PACKAGE / "templates")
STYLESHEET = "assets/stylesheets/briefings.css"
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "toc")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Turns each briefing YAML file into a page rendered by the theme."""

    def __init__(self) -> None:
        self._pages: dict[str, Entry] = {}
        self._latest: list[Teaser] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin object across `mkdocs serve` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Ship the templates and stylesheet, and turn on the Markdown extensions pages use."""
        self._pages, self._latest = {}, []
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
        """Read every briefing, report problems, and add a page for each good one."""
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path or config.docs_dir).parent
        entries: dict[str, tuple[Entry, Path]] = {}
        for source in find_briefings(Path(self.config.briefings_dir)):
            display = Path(os.path.relpath(source, root)).as_posix()
            try:
                entries[display] = (read_entry_file(source, display=display), source)
            except BriefingError as exc:
                _report(exc.problems)
        for entry, problem in find_duplicate_slugs(e for e, _ in entries.values()):
            _report([problem])
            del entries[entry.path]
        for entry, problem in find_missing_images(
            [e for e, _ in entries.values()],
            exists=lambda src: files.get_file_from_path(src) is not None,
        ):
            _report([problem])
            del entries[entry.path]
        teasers = []
        for entry in newest_first(e for e, _ in entries.values()):
            file = make_file(entry, entries[entry.path][1], config, self.config)
            if files.get_file_from_path(file.src_uri) is not None:
                _report([address_taken(entry, file.src_uri)])
                continue
            files.append(file)
            self._pages[file.src_uri] = entry
            teasers.append(make_teaser(entry, file.url))
        self._latest = teasers
        files.append(
            make_asset(config, STYLESHEET, (PACKAGE / "assets" / "briefings.css").read_bytes())
        )
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give a briefing page its metadata (title, template, dates) before it is rendered."""
        entry = self._pages.get(page.file.src_uri)
        if entry is not None:
            page.meta = {**make_meta(entry, self.config), **page.meta}
        return markdown

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give templates the latest briefings, and briefing pages their share and recent lists."""
        extra: dict[str, Any] = {"briefings_latest": self._latest[: self.config.latest_limit]}
        entry = self._pages.get(page.file.src_uri)
        if entry is not None:
            url = page.canonical_url
            limit = self.config.recent_limit
            extra["briefing_share_url"] = url
            extra["briefing_share"] = share_links(url, entry.briefing.title) if url else []
            extra["briefing_recent"] = recent_teasers(self._latest, but=page.url, limit=limit)
        context.update(extra)  # type: ignore[typeddict-item]  # TemplateContext lists MkDocs' keys only
        return context

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild and reload the browser when a briefing changes."""
        if self.config.enabled:
            server.watch(self.config.briefings_dir)
        return server


def _report(problems: list[Problem]) -> None:
    """Log each problem as a warning: `--strict` then fails, `serve` keeps serving the rest."""
    for problem in problems:
        log.warning("%s", problem)
