"""The plan's pages and files as MkDocs Files and Pages (the MkDocs glue of the plan)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..plan import copied

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.toc import AnchorLink

    from ..plan import PlannedPage, SitePlan
    from ..render.html import TocItem


class GeneratedPage(Page):
    """A page whose HTML the plan made: an ordinary MkDocs page (the theme renders it, search
    indexes it, other plugins' page hooks see it) whose content no Markdown parser touches.

    Why: briefing text is plain text; turning it into Markdown only for Python-Markdown to
    parse it back was about half of what a build spent on each page.
    """

    def __init__(self, planned: PlannedPage, file: File, config: MkDocsConfig) -> None:
        self.planned = planned
        super().__init__(None, file, config)
        if planned.entry is not None:  # the sitemap's lastmod
            self.update_date = planned.entry.briefing.modified.isoformat()

    def read_source(self, config: MkDocsConfig) -> None:
        """Nothing to read: the page's metadata comes from the plan (a copy, which the page
        and other plugins may change), its Markdown is empty."""
        self.markdown = ""
        self.meta = copied(dict(self.planned.meta))

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


def _token_of(link: AnchorLink) -> Any:
    """The token of an entry of a table of contents MkDocs made (see `render`)."""
    children = [_token_of(child) for child in link.children]
    return {"level": link.level, "id": link.id, "name": link.title, "children": children}


def _token(item: TocItem) -> Any:
    """A toc extension token, as MkDocs' `get_toc` reads it."""
    children = [_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.name, "children": children}


def add_files(files: Files, plan: SitePlan, config: MkDocsConfig, assets: dict[str, bytes]) -> None:
    """Add every generated page, feed and asset of ``plan`` to ``files``, each page with its
    `GeneratedPage`.

    Why NOT_IN_NAV for briefings: with Material, a nav that lists every page repeats the whole
    list in every page, which makes site size and build time grow with the square of the number
    of briefings. Only the top-level index pages (categories/, tags/ ...) may join the nav.
    """
    for planned in plan.pages.values():
        inclusion = InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, planned.uri, content="", inclusion=inclusion)
        if planned.edit_uri is not None:  # "Edit this page" opens the YAML
            file.edit_uri = planned.edit_uri
        GeneratedPage(planned, file, config)
        files.append(file)
    for feed in plan.feeds:
        files.append(File.generated(config, feed.uri, content=feed.content))
    for uri, content in assets.items():
        files.append(File.generated(config, uri, content=content))
