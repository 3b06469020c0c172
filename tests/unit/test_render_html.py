"""render.html and render.markdown: the two formatters write the same pages. The HTML formatter's
page is the tree Python-Markdown makes of the Markdown formatter's page, once MkDocs has turned
its links into the pages' addresses; the few differences Markdown cannot avoid are undone first
(`CardTitlesOutOfToc`, `unwrap_thumbnails`), and the tests say why."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils import get_relative_url

from mkdocs_briefings.catalog import (
    Layout,
    index_views,
    make_catalog,
    outlet_key,
    page_url,
    relative,
    relative_url,
)
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import Briefing
from mkdocs_briefings.reading import load_site
from mkdocs_briefings.render import html as page_html
from mkdocs_briefings.render import markdown as page_markdown
from mkdocs_briefings.render.text import escape

from ..conftest import ROOT
from ..dom import tree

if TYPE_CHECKING:
    from collections.abc import Mapping
    from xml.etree.ElementTree import Element

    from mkdocs_briefings.entries import Entry

LAYOUT = Layout()
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc"]


class RelativeLinks(Treeprocessor):
    """MkDocs' link step (``_RelativePathTreeprocessor``, run after the toc extension): each
    relative address in the Markdown, read from the page's source file, becomes the address of
    that page (or file) from the page's URL. Raw HTML is not in the tree and keeps its links
    as written, as in MkDocs."""

    def __init__(self, md: markdown.Markdown, page_uri: str) -> None:
        super().__init__(md)
        self.page_uri = page_uri

    def run(self, root: Element) -> None:
        here = page_url(self.page_uri)
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if attribute and value and not value.startswith(("#", "http:", "https:", "mailto:")):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_uri), value))
                url = page_url(target) if target.endswith(".md") else target
                element.set(attribute, get_relative_url(url, here))


class CardTitlesOutOfToc(Treeprocessor):
    """Keeps story cards' headlines out of the toc extension's reach (run around it).

    A headline is a heading, and the toc extension gives every heading in the tree an id, a
    permalink and a toc entry (a heading it does not see is raw HTML, whose link MkDocs would
    neither check nor make the page's address). The HTML formatter's card headlines have none
    of the three: a card is a link to another page, not a section of this one. So besides
    those, a hand-written page differs where a headline's slug is also another heading's: the
    other heading's id gets a '_1'.
    """

    def __init__(self, md: markdown.Markdown, *, hide: bool) -> None:
        super().__init__(md)
        self.hide = hide

    def run(self, root: Element) -> None:
        for element in root.iter():
            tag = element.tag
            if not isinstance(tag, str):
                continue
            if self.hide and "briefing-card__title" in element.get("class", "").split():
                element.tag = f"hidden-{tag}"
            elif not self.hide and tag.startswith("hidden-"):
                element.tag = tag.removeprefix("hidden-")


def via_markdown(text: str, page_uri: str) -> tuple[str, list[Any]]:
    """The page a hand-written Markdown file makes: Python-Markdown with the site's extensions,
    and MkDocs' links (`RelativeLinks`); with what Markdown cannot help doing to story cards
    undone (`CardTitlesOutOfToc`, `unwrap_thumbnails`)."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    # Around toc (priority 5), after attr_list (8) has given the headlines their class.
    md.treeprocessors.register(CardTitlesOutOfToc(md, hide=True), "hide_card_titles", 6)
    md.treeprocessors.register(CardTitlesOutOfToc(md, hide=False), "show_card_titles", 4)
    md.treeprocessors.register(RelativeLinks(md, page_uri), "relpath", 0)  # as MkDocs does
    soup = BeautifulSoup(md.convert(text), "html.parser")
    unwrap_thumbnails(soup)
    return str(soup), md.toc_tokens  # type: ignore[attr-defined]


def unwrap_thumbnails(soup: BeautifulSoup) -> None:
    """An image in Markdown is inline, so a card's thumbnail is a paragraph of its own; the HTML
    formatter puts it straight in the card (a flex item that CSS places)."""
    for image in soup.select("p > img.briefing-card__image"):
        paragraph = image.parent
        if paragraph is not None and len(paragraph.contents) == 1:
            paragraph.unwrap()


def toc_of(items: Any) -> list[Any]:
    """A toc as (level, id, name, children), names compared as `tree` compares HTML: the toc
    extension keeps Markdown's character references (':' is '&#58;'), the HTML formatter writes
    the characters; readers see the same."""
    return [(i.level, i.id, tree(i.name), toc_of(i.children)) for i in items]


def toc_of_tokens(tokens: list[dict[str, Any]]) -> list[Any]:
    return [(t["level"], t["id"], tree(t["name"]), toc_of_tokens(t["children"])) for t in tokens]


def briefing_both_ways(
    b: Briefing, slug: str = "x", media: Mapping[str, page_html.Media] | None = None
) -> tuple[tuple[Any, Any], tuple[Any, Any]]:
    """(HTML tree, toc) of a briefing page: by Markdown, and by the HTML formatter.

    The HTML formatter's toc is headed by the headline, which the template prints (not the
    Markdown: its front matter has the title): compared here, then its children with the
    Markdown page's toc.
    """
    uri = LAYOUT.briefing(slug)
    url = page_url(uri)
    listing = {k: LAYOUT.listing("sources", outlet_key(s.name)) for k, s in b.sources.items()}
    size = (media or {}).get(b.image.src) if b.image and b.image.src else None
    text = page_markdown.render_body(
        b,
        page_dir="briefings",
        source_listings={k: relative(t, uri) for k, t in listing.items()},
        image_size=size,
    )
    want, tokens = via_markdown(text, uri)
    got = page_html.render_briefing(
        b,
        image=page_html.show_image(b, media or {}, page_url=url, relative=relative_url),
        source_listings={k: relative_url(page_url(t), url) for k, t in listing.items()},
    )
    (title,) = got.toc
    assert (title.level, title.id, title.name) == (1, page_html.TITLE_ID, escape(b.title))
    return (tree(want), toc_of_tokens(tokens)), (tree(got.content), toc_of(title.children))


def sample_site() -> tuple[list[Entry], list[Any]]:
    site = load_site(
        ROOT / "briefings",
        root=ROOT,
        digests_dir=ROOT / "briefings" / "digests",
        layout=LAYOUT,
        exists=lambda src: (ROOT / "docs" / src).exists(),
    )
    assert not site.problems
    return site.entries, [d for d, _ in site.digests]


# The size the build knows of the site's photo (the adapter reads it from the file). No smaller
# copies: the Markdown formatter writes no srcset (MkDocs rewrites no address in one, and a
# hand-written site has the image file only).
MEDIA = {"assets/images/tiravani-supercomputer.jpg": page_html.Media(1600, 900)}


def test_every_briefing_of_the_site_is_its_markdown_page() -> None:
    entries, _ = sample_site()
    assert len(entries) >= 7
    for entry in entries:
        before, after = briefing_both_ways(entry.briefing, entry.slug, MEDIA)
        assert after == before, entry.path


def index_pages_both_ways(
    entries: list[Entry],
    digests: list[Any],
    *,
    page_size: int,
    colors: Mapping[str, str] | None = None,
    media: Mapping[str, page_html.Media] | None = None,
) -> dict[str, tuple[tuple[Any, Any], tuple[Any, Any]]]:
    """By src path, (HTML tree, toc) of every index page: by Markdown, and by the HTML
    formatter."""
    catalog = make_catalog(entries)
    by_slug = {e.slug: e for e in entries}
    pages = {}
    for uri, view in index_views(catalog, digests, layout=LAYOUT, page_size=page_size).items():
        text = page_markdown.render_index(
            view, layout=LAYOUT, briefings=by_slug, colors=colors, media=media
        )
        want, tokens = via_markdown(text, uri)
        here = page_url(uri)

        def link(target: str, here: str = here) -> str:
            return relative_url(page_url(target), here)

        cards = page_html.Cards(
            link, LAYOUT, here, relative_url, media=media or {}, colors=colors or {}
        )
        got = page_html.render_index(view, layout=LAYOUT, link=link, briefings=by_slug, cards=cards)
        pages[uri] = (tree(want), toc_of_tokens(tokens)), (tree(got.content), toc_of(got.toc))
    return pages


@pytest.mark.parametrize("page_size", [1, 2, 25])
def test_every_index_page_is_its_markdown_page(page_size: int) -> None:
    entries, digests = sample_site()
    colors = {"Politics": "#123456"}
    pages = index_pages_both_ways(entries, digests, page_size=page_size, colors=colors, media=MEDIA)
    kinds = {v.kind for v in index_views(make_catalog(entries), digests, layout=LAYOUT).values()}
    assert kinds == {"kinds", "listing", "month", "day", "digest", "digests"}
    for uri, (before, after) in pages.items():
        assert after == before, uri


def test_headings_with_the_same_text_get_the_ids_markdown_gives_them() -> None:
    text = (ROOT / "tests" / "data" / "briefings" / "harbour-strike.yml").read_text(
        encoding="utf-8"
    )
    b = read_briefing(text, path="b.yml")
    change = {"date": b.published, "text": "Sources: <b>&amp;</b> \"quoted\" 'single'"}
    updated = Briefing.model_validate({**b.model_dump(), "title": "Sources", "updates": [change]})
    before, after = briefing_both_ways(updated)
    assert after == before


def test_permalinks_follow_the_toc_settings() -> None:
    b = read_briefing(
        (ROOT / "tests" / "data" / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8"),
        path="b.yml",
    )
    bare = page_html.render_briefing(b, marks=page_html.Permalinks(symbol=None))
    assert "headerlink" not in bare.content
    assert '<h2 id="sources">Sources</h2>' in bare.content
    custom = page_html.render_briefing(b, marks=page_html.Permalinks(symbol="#", title="Link"))
    assert '<a class="headerlink" href="#sources" title="Link">#</a>' in custom.content
    assert {"sources", *(f"source-{k}" for k in b.sources)} <= custom.anchors


@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_unsafe_addresses_are_refused(scheme: str) -> None:
    with pytest.raises(ValueError, match="unsafe URL scheme"):
        page_html.safe_url(scheme)


def test_safe_addresses_are_escaped_for_attributes() -> None:
    assert page_html.safe_url('https://a.example/x y?a=1&b="2"') == (
        "https://a.example/x%20y?a=1&amp;b=&quot;2&quot;"
    )
