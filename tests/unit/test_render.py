"""render.markdown: Briefing -> Markdown, with every YAML text escaped."""

from __future__ import annotations

import re
from datetime import date

import markdown
import pytest
import yaml

from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.render.html import Media
from mkdocs_briefings.render.markdown import (
    inline_text,
    render_body,
    render_credit,
    render_markdown,
    render_sources,
    safe_url,
)
from mkdocs_briefings.render.text import describe, format_date, join_names, reading_time

from .test_loader import VALID

EXTENSIONS = ["admonition", "attr_list", "toc", "md_in_html", "pymdownx.emoji", "tables"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("a *b* _c_ `d`", "<p>a *b* _c_ `d`</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("![i](https://evil.example/x.png)", "<p>![i](https://evil.example/x.png)</p>"),
        ("# not a heading", "<p># not a heading</p>"),
        ("- not a list", "<p>- not a list</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("!!! note", "<p>!!! note</p>"),
        (":smile: | a | b |", "<p>:smile: | a | b |</p>"),
        ("Tom &amp; Jerry", "<p>Tom &amp;amp; Jerry</p>"),
        ("text {: .cls onclick=x }", "<p>text {: .cls onclick=x }</p>"),
        ("two\n\nparagraphs", "<p>two paragraphs</p>"),
    ],
)
def test_inline_text_shows_markup_literally(text: str, html: str) -> None:
    rendered = to_html(inline_text(text))
    # Entities are equivalent to the characters they stand for: compare what a reader sees.
    assert re.sub(r"&#(\d+);", lambda m: chr(int(m[1])), rendered).replace("&quot;", '"') == html


def test_safe_url_refuses_scripts_and_data() -> None:
    assert safe_url("https://a.example/x y") == "https://a.example/x%20y"
    for bad in ("javascript:alert(1)", "data:text/html,x", "vbscript:x"):
        with pytest.raises(ValueError, match="unsafe URL scheme"):
            safe_url(bad)


def test_format_date_and_join_names() -> None:
    assert format_date(date(2025, 11, 11)) == "Tuesday, November 11, 2025"
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"


def test_reading_time_and_description() -> None:
    b = read_briefing(VALID, path="b.yml")
    assert reading_time(b) == 1
    assert reading_time(b, words_per_minute=10) == 3  # 28 words
    assert describe(b) == "Dock workers in Port Anselm return on Monday."


def test_credit_links_each_outlet_to_its_article_or_else_the_sources_section() -> None:
    b = read_briefing(VALID, path="b.yml")
    html = to_html(render_credit(["ledger", "courier"], b.sources))
    assert html == (
        '<p class="briefing-credit">According to <a class="briefing-credit__outlet"'
        ' href="https://harbour-ledger.example/strike">The Harbour Ledger</a>'
        ' and <a href="#source-courier">Nordvik Courier</a></p>'
    )


def test_a_run_of_blocks_with_the_same_credits_shows_the_credit_line_once() -> None:
    text = VALID.replace("    credits: [ledger]\n", "    credits: [ledger, courier]\n").replace(
        "body:\n", "body:\n  - paragraph: First.\n    credits: [courier]\n"
    )
    html = to_html(render_body(read_briefing(text, path="b.yml")))
    credits = re.findall(r'<p class="briefing-credit">According to (.*?)</p>', html)
    assert [re.sub(r"<[^>]+>", "", c) for c in credits] == [
        "Nordvik Courier",
        "The Harbour Ledger and Nordvik Courier",  # after the quote only, not the paragraph too
    ]
    assert html.index("nine days") < html.index("</figure>") < html.rindex("briefing-credit")


def test_page_has_front_matter_key_points_blocks_and_sources() -> None:
    b = read_briefing(VALID, path="b.yml")
    text = render_markdown(b)
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "Harbour strike ends"
    assert meta["template"] == "briefing.html"
    assert meta["tags"] == ["Economy", "Port Anselm", "Labour"]
    assert meta["date"] == {"created": "2025-11-03", "updated": "2025-11-04"}
    assert meta["briefing"]["category"] == "Economy"
    assert meta["briefing"]["updated_display"] == "Tuesday, November 4, 2025"
    html = to_html(body)
    assert '<div class="admonition key-points">' in html
    assert (
        '<figure class="briefing-quote">\n<blockquote dir="auto">\n'
        "<p>“We got what we came for.”</p>\n</blockquote>\n"
        '<figcaption><span class="briefing-quote__speaker">— <bdi>Mara Quell</bdi>,'
        ' <bdi>Union organiser</bdi></span><span class="briefing-quote__context">'
        "<bdi>Outside the port gates</bdi></span></figcaption>\n</figure>"
    ) in html
    assert (
        '<li id="source-ledger"><a href="https://harbour-ledger.example/strike">The Harbour Ledger</a></li>'
        in html
    )
    assert '<li id="source-courier">Nordvik Courier</li>' in html


def test_sources_link_each_outlet_to_its_listing_when_given() -> None:
    b = read_briefing(VALID, path="b.yml")
    listings = {"ledger": "../sources/the-harbour-ledger/index.md"}
    html = to_html(render_sources(b.sources, listings))
    assert (
        '<li id="source-ledger"><a href="https://harbour-ledger.example/strike">The Harbour Ledger</a>'
        ' · <a href="../sources/the-harbour-ledger/index.md">Briefings crediting The Harbour Ledger</a>'
        "</li>"
    ) in html
    assert '<li id="source-courier">Nordvik Courier</li>' in html  # no listing given: name only


def test_description_is_escaped_for_material_which_prints_it_raw() -> None:
    b = read_briefing(VALID.replace("return on Monday.", 'return "soon" <b>'), path="b.yml")
    meta = yaml.safe_load(render_markdown(b).split("---\n", 2)[1])
    assert meta["description"] == "Dock workers in Port Anselm return &quot;soon&quot; &lt;b&gt;"


def test_local_image_path_is_made_relative_to_the_page() -> None:
    text = VALID.replace(
        "key_points:",
        "image: {src: assets/images/port.svg, alt: The port, credit: Ledger}\nkey_points:",
    )
    page = render_markdown(read_briefing(text, path="b.yml"), page_dir="news/briefings")
    assert (
        '<figure class="briefing-figure" markdown="span">\n'
        "![The port](<../../assets/images/port.svg>){ .briefing-image fetchpriority=high }\n"
        '<figcaption class="briefing-figure__caption" data-search-exclude="">Photo: Ledger'
        "</figcaption>\n</figure>"
    ) in page


def test_the_lead_image_is_a_figure_with_its_size_and_caption() -> None:
    text = VALID.replace(
        "key_points:",
        "image: {src: assets/images/port.jpg, alt: The *port*, credit: <Ledger>,"
        " kind: illustration}\nkey_points:",
    )
    body = render_body(read_briefing(text, path="b.yml"), image_size=Media(1200, 800))
    figure = " ".join(to_html(body).split("</figure>")[0].split())
    assert figure == (
        '<figure class="briefing-figure"> <img alt="The *port*" class="briefing-image"'
        ' fetchpriority="high" height="800" src="../assets/images/port.jpg" width="1200" />'
        ' <figcaption class="briefing-figure__caption" data-search-exclude="">'
        "Illustration: &lt;Ledger&gt;</figcaption>"
    )


def test_an_image_without_a_file_shows_nothing_not_even_its_credit() -> None:
    text = VALID.replace("key_points:", "image: {alt: The port, credit: Ledger}\nkey_points:")
    body = render_body(read_briefing(text, path="b.yml"))
    assert body.startswith('!!! key-points "Key points"')
    assert "Ledger" not in to_html(body).split("According to")[0]


def test_quote_names_in_html_show_markup_literally() -> None:
    text = VALID.replace("speaker: Mara Quell", "speaker: <b>Mara</b> *Quell* & [x](y)")
    html = to_html(render_body(read_briefing(text, path="b.yml")))
    assert "<bdi>&lt;b&gt;Mara&lt;/b&gt; *Quell* &amp; [x](y)</bdi>" in html


def test_editors_note_is_shown_above_the_key_points() -> None:
    b = read_briefing(
        VALID.replace("key_points:", "note: Example <b>only</b>.\nkey_points:"), path="b.yml"
    )
    html = to_html(render_markdown(b).split("---\n", 2)[2])
    assert (
        '<div class="admonition note">\n<p class="admonition-title">Editor&#39;s note</p>' in html
    )
    assert '<p dir="auto">Example &lt;b&gt;only&lt;/b&gt;.</p>' in html
    assert html.index("Editor&#39;s note") < html.index("key-points")
