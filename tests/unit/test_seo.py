"""seo: schema.org NewsArticle JSON-LD and Open Graph/Twitter tags for a briefing."""

from __future__ import annotations

import json

import pytest

from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.seo import (
    MAX_HEADLINE,
    absolute_image_url,
    card_image,
    json_ld_script,
    news_article,
    shorten,
    social_meta,
)

from .test_loader import VALID

URL = "https://news.example.org/briefings/harbour-strike-ends/"
SITE = "https://news.example.org/"
IMAGE = "https://news.example.org/assets/images/port.jpg"

WITH_IMAGE = VALID.replace(
    "key_points:",
    "image:\n"
    "  src: assets/images/port.jpg\n"
    "  alt: Cranes idle at the Port Anselm container terminal\n"
    "  credit: The Harbour Ledger\n"
    "key_points:",
)


def article(text: str = VALID, image_url: str | None = None) -> dict[str, object]:
    b = read_briefing(text, path="b.yml")
    return news_article(b, url=URL, site_name="Briefings", site_url=SITE, image_url=image_url)


def test_news_article_describes_the_briefing() -> None:
    data = article()
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour strike ends",
        "description": "Dock workers in Port Anselm return on Monday.",
        "datePublished": "2025-11-03",
        "dateModified": "2025-11-04",
        "articleSection": "Economy",
        "keywords": ["Port Anselm", "Labour"],
        "publisher": {"@type": "Organization", "name": "Briefings", "url": SITE},
        "mainEntityOfPage": URL,
        "url": URL,
        "inLanguage": "en",
        "citation": [
            {
                "@type": "CreativeWork",
                "name": "The Harbour Ledger",
                "url": "https://harbour-ledger.example/strike",
                "publisher": {"@type": "Organization", "name": "The Harbour Ledger"},
            },
            {
                # No url: the source has none.
                "@type": "CreativeWork",
                "name": "Nordvik Courier",
                "publisher": {"@type": "Organization", "name": "Nordvik Courier"},
            },
        ],
    }


def test_date_modified_is_the_latest_update_or_correction() -> None:
    text = VALID + (
        "updates:\n"
        "  - {date: 2025-11-07, text: Ships are queueing to enter the port.}\n"
        "corrections:\n"
        "  - {date: 2025-11-05, text: The strike lasted nine days not ten.}\n"
    )
    data = article(text)
    assert data["datePublished"] == "2025-11-03"
    assert data["dateModified"] == "2025-11-07"


def test_date_modified_without_any_change_is_the_publication_date() -> None:
    data = article(VALID.replace("updated: 2025-11-04\n", ""))
    assert data["dateModified"] == "2025-11-03"


def test_image_carries_its_alt_text_and_credit() -> None:
    assert "image" not in article()
    assert article(WITH_IMAGE, image_url=IMAGE)["image"] == {
        "@type": "ImageObject",
        "url": IMAGE,
        "caption": "Cranes idle at the Port Anselm container terminal",
        "creditText": "The Harbour Ledger",
    }


def test_no_keywords_without_tags() -> None:
    assert "keywords" not in article(VALID.replace("tags: [Port Anselm, Labour]\n", ""))


def test_long_headline_is_cut_at_a_word() -> None:
    title = "Port Anselm dock workers return after a nine-day strike " * 3
    headline = article(VALID.replace("Harbour strike ends", title.strip()))["headline"]
    assert isinstance(headline, str)
    assert len(headline) <= MAX_HEADLINE
    assert headline.endswith("…")
    assert title.startswith(headline.removesuffix("…"))
    assert title[len(headline) - 1] == " "  # the cut left no half word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ten chars!", "ten chars!"),  # at the limit: unchanged
        ("exactly ten", "exactly…"),  # 11 > 10: the cut falls inside 'ten', which goes
        ("aaaa bbbb cccc", "aaaa bbbb…"),  # the cut falls on a space: 'bbbb' is whole
        ("aaaa bbb, cccc", "aaaa bbb…"),  # whole words, without the trailing comma
        ("aaaa bbbbbbbbb", "aaaa…"),
        ("abcdefghijklmnop", "abcdefghi…"),  # one long word: cut inside it
        ("  spread\n over  lines ", "spread…"),
    ],
)
def test_shorten(text: str, expected: str) -> None:
    assert shorten(text, 10) == expected
    assert len(shorten(text, 10)) <= 10


def test_json_ld_script_cannot_close_the_script_element() -> None:
    title = "Strike ends </script><script>alert(1)</script> & <!-- more"
    data = article(VALID.replace("title: Harbour strike ends", f"title: '{title}'"))
    script = json_ld_script(data)
    assert "</script" not in script.lower()
    assert "<" not in script
    assert ">" not in script
    assert "&" not in script
    assert "\\u003c/script\\u003e" in script
    assert json.loads(script) == data
    assert json.loads(script)["headline"] == title.strip()


def test_json_ld_script_keeps_non_ascii_text_readable() -> None:
    script = json_ld_script({"headline": "Tiravani’s monsoon model — “fast”"})
    assert "Tiravani’s monsoon model — “fast”" in script


def test_json_ld_script_escapes_javascript_line_separators() -> None:
    data = {"headline": "one\u2028two\u2029three"}
    script = json_ld_script(data)
    assert "\u2028" not in script
    assert "\u2029" not in script
    assert json.loads(script) == data


def test_social_meta_without_image() -> None:
    b = read_briefing(VALID, path="b.yml")
    assert social_meta(b, url=URL, site_name="Briefings", image_url=None) == [
        ("property", "og:type", "article"),
        ("property", "og:title", "Harbour strike ends"),
        ("property", "og:description", "Dock workers in Port Anselm return on Monday."),
        ("property", "og:url", URL),
        ("property", "og:site_name", "Briefings"),
        ("property", "article:published_time", "2025-11-03"),
        ("property", "article:modified_time", "2025-11-04"),
        ("property", "article:section", "Economy"),
        ("property", "article:tag", "Port Anselm"),
        ("property", "article:tag", "Labour"),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", "Harbour strike ends"),
        ("name", "twitter:description", "Dock workers in Port Anselm return on Monday."),
    ]


def test_social_meta_with_image_uses_a_large_card() -> None:
    b = read_briefing(WITH_IMAGE, path="b.yml")
    meta = social_meta(b, url=URL, site_name="Briefings", image_url=IMAGE)
    alt = "Cranes idle at the Port Anselm container terminal"
    assert ("property", "og:image", IMAGE) in meta
    assert ("property", "og:image:alt", alt) in meta
    assert ("name", "twitter:card", "summary_large_image") in meta
    assert ("name", "twitter:image", IMAGE) in meta
    assert ("name", "twitter:image:alt", alt) in meta
    assert meta.index(("property", "og:image", IMAGE)) + 1 == meta.index(
        ("property", "og:image:alt", alt)
    )


def test_social_meta_keeps_text_raw_for_the_template_to_escape() -> None:
    b = read_briefing(
        VALID.replace("title: Harbour strike ends", "title: '\"Harbour\" <strike> & ends'"),
        path="b.yml",
    )
    meta = dict(
        (name, content)
        for _, name, content in social_meta(b, url=URL, site_name="S", image_url=None)
    )
    assert meta["og:title"] == '"Harbour" <strike> & ends'


@pytest.mark.parametrize(
    ("src", "site_url", "expected"),
    [
        ("https://cdn.example.net/port.jpg", SITE, "https://cdn.example.net/port.jpg"),
        ("https://cdn.example.net/port.jpg", "", "https://cdn.example.net/port.jpg"),
        ("assets/images/port.jpg", SITE, IMAGE),
        (
            "assets/images/port.jpg",
            "https://x.example/sub/",
            "https://x.example/sub/assets/images/port.jpg",
        ),
        (
            "assets/images/hafen-ü.jpg",
            SITE,
            "https://news.example.org/assets/images/hafen-%C3%BC.jpg",
        ),
        ("assets/images/a%20b.jpg", SITE, "https://news.example.org/assets/images/a%20b.jpg"),
        ("assets/images/port.jpg", "", None),
    ],
)
def test_absolute_image_url(src: str, site_url: str, expected: str | None) -> None:
    b = read_briefing(WITH_IMAGE.replace("assets/images/port.jpg", src), path="b.yml")
    assert absolute_image_url(b, site_url=site_url) == expected


def test_absolute_image_url_without_image_or_src() -> None:
    assert absolute_image_url(read_briefing(VALID, path="b.yml"), site_url=SITE) is None
    no_src = WITH_IMAGE.replace("  src: assets/images/port.jpg\n", "")
    assert absolute_image_url(read_briefing(no_src, path="b.yml"), site_url=SITE) is None


def test_svg_images_make_no_image_card() -> None:
    b = read_briefing(WITH_IMAGE, path="b.yml")
    svg = "https://news.example.org/assets/images/port.svg"
    meta = social_meta(b, url=URL, site_name="Briefings", image_url=svg)
    assert ("name", "twitter:card", "summary") in meta
    assert [name for _, name, _ in meta if "image" in name] == []
    # Search engines do show SVG images: the NewsArticle keeps it.
    data = news_article(b, url=URL, site_name="Briefings", site_url=SITE, image_url=svg)
    assert data["image"]["url"] == svg


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (IMAGE, IMAGE),
        ("https://cdn.example.net/a.SVG?v=2", None),
        ("https://cdn.example.net/a.svgz", None),
        ("https://cdn.example.net/svg/a.png", "https://cdn.example.net/svg/a.png"),
        (None, None),
    ],
)
def test_card_image(url: str | None, expected: str | None) -> None:
    assert card_image(url) == expected
