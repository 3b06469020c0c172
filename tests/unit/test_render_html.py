"""render.html: generated pages straight to HTML, the same tree Python-Markdown made of the
Markdown formatter's output (which MkDocs then linked), so pages look as they always did."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

import markdown
import pytest
from bs4 import BeautifulSoup
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

from ..conftest import ROOT
from ..dom import tree

if TYPE_CHECKING:
    from mkdocs_briefings.entries import Entry

LAYOUT = Layout()
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc"]


def via_markdown(text: str, page_uri: str) -> tuple[str, list[Any]]:
    """What the site made of a generated page before: Python-Markdown with the site's
    extensions, then each link to a page's Markdown source rewritten to its URL, as MkDocs does."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    converted = md.convert(text)
    soup = BeautifulSoup(converted, "html.parser")
    here = page_url(page_uri)
    for element in soup.find_all(["a", "img"]):
        attribute = "href" if element.name == "a" else "src"
        value = str(element.get(attribute, ""))
        if value and not value.startswith(("#", "http:", "https:", "mailto:")):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), value))
            url = page_url(target) if target.endswith(".md") else target
            element[attribute] = get_relative_url(url, here)
    return str(soup), md.toc_tokens  # type: ignore[attr-defined]


def toc_of(items: Any) -> list[Any]:
    return [(i.level, i.id, i.name, toc_of(i.children)) for i in items]


def toc_of_tokens(tokens: list[dict[str, Any]]) -> list[Any]:
    return [(t["level"], t["id"], t["name"], toc_of_tokens(t["children"])) for t in tokens]


def briefing_both_ways(b: Briefing, slug: str = "x") -> tuple[tuple[Any, Any], tuple[Any, Any]]:
    """(HTML tree, toc) of a briefing page: by Markdown, and by the HTML formatter."""
    uri = LAYOUT.briefing(slug)
    url = page_url(uri)
    listing = {k: LAYOUT.listing("sources", outlet_key(s.name)) for k, s in b.sources.items()}
    text = page_markdown.render_body(
        b, page_dir="briefings", source_listings={k: relative(t, uri) for k, t in listing.items()}
    )
    want, tokens = via_markdown(text, uri)
    got = page_html.render_briefing(
        b,
        image_href=page_html.image_href(b, page_url=url, relative=relative_url),
        source_listings={k: relative_url(page_url(t), url) for k, t in listing.items()},
    )
    return (tree(want), toc_of_tokens(tokens)), (tree(got.content), toc_of(got.toc))


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


def test_every_briefing_of_the_site_is_the_page_it_was() -> None:
    entries, _ = sample_site()
    assert len(entries) >= 7
    for entry in entries:
        before, after = briefing_both_ways(entry.briefing, entry.slug)
        assert after == before, entry.path


@pytest.mark.parametrize("page_size", [1, 2, 25])
def test_every_index_page_is_the_page_it_was(page_size: int) -> None:
    entries, digests = sample_site()
    catalog = make_catalog(entries)
    by_slug = {e.slug: e for e in entries}
    views = index_views(catalog, digests, layout=LAYOUT, page_size=page_size)
    assert {v.kind for v in views.values()} == {
        "kinds",
        "listing",
        "month",
        "day",
        "digest",
        "digests",
    }
    for uri, view in views.items():
        text = page_markdown.render_index(view, layout=LAYOUT, briefings=by_slug)
        want, tokens = via_markdown(text, uri)
        here = page_url(uri)
        got = page_html.render_index(
            view,
            layout=LAYOUT,
            link=lambda target, here=here: relative_url(page_url(target), here),
            briefings=by_slug,
        )
        assert tree(got.content) == tree(want), uri
        assert toc_of(got.toc) == toc_of_tokens(tokens), uri


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
