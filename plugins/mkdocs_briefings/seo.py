"""Search and social metadata for a briefing: schema.org JSON-LD and Open Graph/Twitter tags.

Pure functions, no MkDocs: the plugin passes in the page's absolute URLs, and the template
prints the results (`partials/briefing-head.html`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from .render import describe

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .model import Briefing

#: Google shows at most this many characters of a NewsArticle headline.
MAX_HEADLINE = 110

# Characters that could end the <script> element or start an HTML comment inside it (<, >, &),
# or that break JavaScript parsers older than ES2019 (U+2028, U+2029). Outside strings JSON has
# none of them, so replacing them with \u escapes keeps the JSON equal.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:  # the cut falls inside a word: drop it
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:–—-") + "…"


def absolute_image_url(b: Briefing, *, site_url: str) -> str | None:
    """The absolute address of the briefing's image, or None without an image or a site_url.

    Args:
        b: The briefing.
        site_url: MkDocs' ``site_url`` (ends with '/'); local images are inside the site.

    Returns:
        An http(s) ``src`` as is, or ``site_url`` + the path inside docs/ (percent-encoded).
    """
    src = b.image.src if b.image else None
    if src is None:
        return None
    if urlsplit(src).scheme or src.startswith("//"):
        return src
    if not site_url:
        return None
    # Local image files are copied to the same path in the site; '%' stays as the author wrote it.
    return site_url.rstrip("/") + "/" + quote(src, safe="/%")


def _organization(name: str, url: str | None = None) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    return org


def news_article(
    b: Briefing,
    *,
    url: str,
    site_name: str,
    site_url: str,
    image_url: str | None,
    language: str = "en",
    description: str | None = None,
    card_url: str | None = None,
    authors: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The briefing as a schema.org NewsArticle, for a ``<script type="application/ld+json">``.

    Args:
        b: The briefing.
        url: The page's absolute (canonical) URL.
        site_name: The publisher's name (MkDocs' ``site_name``).
        site_url: The publisher's home page (MkDocs' ``site_url``).
        image_url: The image's absolute URL (see `absolute_image_url`), or None.
        language: The page's language, e.g. ``config.theme.language``.
        description: `describe`'s summary, when the caller made it already.
        card_url: The absolute URL of the briefing's share card (1200 x 630): listed after
            the photo, so that a briefing without a photo has an image too (Google's Top
            Stories require one).
        authors: Its byline as schema.org Person objects (see `people.person_json_ld`);
            none: no ``author``.

    Returns:
        A JSON-ready dict; each outlet of ``sources`` is a ``citation``.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": shorten(b.title, MAX_HEADLINE),
        "description": describe(b) if description is None else description,
    }
    images: list[dict[str, Any]] = []
    if image_url:
        image: dict[str, Any] = {"@type": "ImageObject", "url": image_url}
        if b.image:
            image["caption"] = b.image.alt
            image["creditText"] = b.image.credit
        images.append(image)
    if card_url:
        images.append({"@type": "ImageObject", "url": card_url, **CARD_SIZE})
    if images:
        data["image"] = images[0] if len(images) == 1 else images
    data |= {
        "datePublished": b.published.isoformat(),
        "dateModified": b.modified.isoformat(),
        "articleSection": b.category,
    }
    if b.tags:
        data["keywords"] = list(b.tags)
    if authors:
        data["author"] = [dict(a) for a in authors]
    data |= {
        "publisher": _organization(site_name, site_url),
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": language,
        "citation": [_citation(source.name, source.url) for source in b.sources.values()],
    }
    return data


def _citation(name: str, url: str | None) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": name}
    if url:
        work["url"] = url
    work["publisher"] = _organization(name)
    return work


def json_ld_script(data: dict[str, Any]) -> str:
    """``data`` as JSON that is safe to print as is inside ``<script type="application/ld+json">``.

    A title containing ``</script>`` cannot close the element: ``<``, ``>`` and ``&`` become
    ``\\u003c``, ``\\u003e`` and ``\\u0026``, which JSON parsers read back as the same characters.
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in _SCRIPT_ESCAPES:  # str.replace: ~20x faster than str.translate here
        text = text.replace(char, escape)
    return text


def card_image(image_url: str | None) -> str | None:
    """``image_url`` if social networks can show it: Facebook and X reject SVG images."""
    if image_url and urlsplit(image_url).path.lower().endswith((".svg", ".svgz")):
        return None
    return image_url


CARD_SIZE = {"width": 1200, "height": 630}
"""A share card's size in pixels: what Facebook, LinkedIn and X show large."""


def social_meta(
    b: Briefing,
    *,
    url: str,
    site_name: str,
    image_url: str | None,
    description: str | None = None,
    card_url: str | None = None,
) -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags, as ``(attribute, name, content)`` triples.

    Args:
        b: The briefing.
        url: The page's absolute (canonical) URL.
        site_name: MkDocs' ``site_name``.
        image_url: The image's absolute URL (see `absolute_image_url`), or None.
        description: `describe`'s summary, when the caller made it already.
        card_url: The share card's absolute URL: the image when there is no photo that
            social networks show (none, or an SVG).

    Returns:
        ``("property", "og:title", title)`` and the like, in order, unescaped: the template
        escapes each value with ``| e``. An SVG image is left out (see `card_image`).
    """
    image_url = card_image(image_url)
    title = " ".join(b.title.split())
    description = describe(b) if description is None else description
    alt = b.image.alt if b.image else None
    size: dict[str, int] = {}
    if image_url is None and card_url:
        image_url, alt, size = card_url, title, CARD_SIZE
    og = [
        ("og:type", "article"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
        ("og:site_name", site_name),
    ]
    if image_url:
        og.append(("og:image", image_url))
        og += [(f"og:image:{name}", str(value)) for name, value in size.items()]
        if alt:
            og.append(("og:image:alt", alt))
    og += [
        ("article:published_time", b.published.isoformat()),
        ("article:modified_time", b.modified.isoformat()),
        ("article:section", b.category),
    ]
    og += [("article:tag", tag) for tag in b.tags]
    twitter = [
        ("twitter:card", "summary_large_image" if image_url else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if image_url:
        twitter.append(("twitter:image", image_url))
        if alt:
            twitter.append(("twitter:image:alt", alt))
    return [("property", k, v) for k, v in og] + [("name", k, v) for k, v in twitter]
