"""Search and social metadata for a briefing: schema.org JSON-LD and Open Graph/Twitter tags.

Pure functions, no MkDocs: the plugin passes in the page's absolute URLs, and the template
prints the results (`partials/briefing-head.html`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from .catalog import page_url
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
    publisher: dict[str, Any] | None = None,
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
        publisher: The site's `news_media_organization` (without ``@context``); a plain
            Organization of ``site_name`` and ``site_url`` when None.
        authors: Its byline as schema.org Person objects (see `people.person_json_ld`);
            none: no ``author``.

    Returns:
        A JSON-ready dict; each outlet of ``sources`` is a ``citation``, each correction a
        ``correction`` (see `correction_comments`).
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
        "publisher": publisher or _organization(site_name, site_url),
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": language,
        "citation": [_citation(source.name, source.url) for source in b.sources.values()],
    }
    if b.corrections:
        data["correction"] = correction_comments(b)
    return data


def correction_comments(b: Briefing) -> list[dict[str, Any]]:
    """Each correction of ``b`` as a schema.org CorrectionComment, in the order written."""
    return [
        {"@type": "CorrectionComment", "text": c.text, "datePublished": c.date.isoformat()}
        for c in b.corrections
    ]


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


# -- the publisher -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Publisher:
    """Who runs the site, as the plugin's ``publisher_*`` options give it (see `check_publisher`).

    Addresses are an absolute http(s) URL or a path in the site: a page's file in docs/
    (``standards.md``, ``about.md#masthead``) or a path as it is built (``about/``,
    ``assets/images/logo.png``), made absolute with ``site_url``.
    """

    name: str
    logo: str | None = None
    masthead: str | None = None
    corrections_policy: str | None = None
    ethics_policy: str | None = None
    contact: str | None = None
    """An e-mail address (``mailto:`` or bare), or an address as above."""
    founding_date: str | None = None
    """YYYY, YYYY-MM or YYYY-MM-DD."""
    same_as: tuple[str, ...] = ()
    """The newsroom's profiles elsewhere: absolute http(s) URLs."""


_ADDRESSES = ("logo", "masthead", "corrections_policy", "ethics_policy")
_EMAIL = re.compile(r"[^@\s/:<>\"]+@[^@\s/:<>\"]+\.[^@\s/:<>\"]+")
_FOUNDED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_publisher(p: Publisher) -> list[str]:
    """What is wrong with the publisher options, one message per value, saying how to fix it.

    Returns:
        ``"publisher_logo: ..."`` messages; none when every value can be used.
    """
    problems = []
    if not p.name.strip():
        problems.append("publisher_name: give the newsroom's name, or leave it out for site_name")
    for name in _ADDRESSES:
        value = getattr(p, name)
        if value is not None and (why := _address_problem(value)):
            problems.append(f"publisher_{name}: {why}")
    contact = p.contact
    if contact is not None and not _is_email(contact) and not _is_web_url(contact):
        if "@" in contact:  # meant as an e-mail address, not a path in the site
            problems.append(
                f"publisher_contact: {contact!r} is not an e-mail address; write it as "
                "newsroom@example.org"
            )
        elif why := _address_problem(contact):
            problems.append(f"publisher_contact: {why}, or an e-mail address")
    if p.founding_date is not None and not _founding_date_ok(p.founding_date):
        problems.append(
            f"publisher_founding_date: {p.founding_date!r} is not a date; write YYYY-MM-DD "
            "(or YYYY), e.g. 2024-03-01"
        )
    for i, url in enumerate(p.same_as):
        if not _is_web_url(url):
            problems.append(
                f"publisher_same_as[{i}]: {url!r} is not an http(s) address; give the full "
                "address of the profile, e.g. https://social.example/@newsroom"
            )
    return problems


def _is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value.removeprefix("mailto:")))


def _address_problem(value: str) -> str | None:
    """Why ``value`` is neither an http(s) URL nor a path in the site, or None."""
    if _is_web_url(value):
        return None
    if not value.strip() or any(ch.isspace() or ch in '<>"\\' for ch in value):
        return f"{value!r} is not an address; give a path in the site (about.md) or an https URL"
    if urlsplit(value).scheme or value.startswith("//"):
        return (
            f"{value!r} is neither a path in the site nor an http(s) address; "
            "give a path such as about.md, or a URL such as https://example.org/about"
        )
    if ".." in value.partition("#")[0].split("/"):
        return f"{value!r} is not a path in the site ('..' leaves it); give one such as about.md"
    return None


def _founding_date_ok(value: str) -> bool:
    if not _FOUNDED.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


def site_path(value: str, *, directory_urls: bool = True) -> str | None:
    """``value`` (checked by `check_publisher`) as a path from the site's root, or None when it
    is an http(s) URL: a page's file in docs/ (``about.md#masthead``) becomes its page's address
    (``about/#masthead``), percent-encoded."""
    if _is_web_url(value):
        return None
    path, hash_, fragment = value.lstrip("/").partition("#")
    if path.endswith(".md"):
        path = page_url(path, directory_urls=directory_urls)
        path = "" if path == "./" else path
    else:
        path = quote(path, safe="/%")
    return path + hash_ + fragment


def site_address(value: str, *, site_url: str, directory_urls: bool = True) -> str:
    """``value`` (checked by `check_publisher`) as an absolute URL (see `site_path`)."""
    path = site_path(value, directory_urls=directory_urls)
    return value if path is None else urljoin(site_url, path)


def news_media_organization(
    p: Publisher, *, site_url: str, directory_urls: bool = True, context: bool = True
) -> dict[str, Any]:
    """The site's publisher as a schema.org NewsMediaOrganization (what the Trust Project and
    Google News look for): the home page's JSON-LD, and each NewsArticle's ``publisher``.

    Args:
        p: The publisher options, checked by `check_publisher`.
        site_url: MkDocs' ``site_url`` (ends with '/'): relative addresses join it.
        directory_urls: MkDocs' ``use_directory_urls``: where a page's file is built.
        context: Start with ``@context`` (a JSON-LD document of its own), or not (nested).

    Returns:
        A JSON-ready dict, with only the properties that are set.
    """

    def address(value: str) -> str:
        return site_address(value, site_url=site_url, directory_urls=directory_urls)

    data: dict[str, Any] = {"@context": "https://schema.org"} if context else {}
    data |= {
        "@type": "NewsMediaOrganization",
        "@id": urljoin(site_url, "#publisher"),
        "name": p.name,
        "url": site_url,
    }
    if p.logo:
        data["logo"] = {"@type": "ImageObject", "url": address(p.logo)}
    properties = (
        ("masthead", p.masthead),
        ("correctionsPolicy", p.corrections_policy),
        ("ethicsPolicy", p.ethics_policy),
    )
    data |= {key: address(value) for key, value in properties if value}
    if p.founding_date:
        data["foundingDate"] = p.founding_date
    if p.same_as:
        data["sameAs"] = list(p.same_as)
    if p.contact:
        point = {"@type": "ContactPoint", "contactType": "newsroom"}
        if _is_email(p.contact):
            point["email"] = p.contact.removeprefix("mailto:")
        else:
            point["url"] = address(p.contact)
        data["contactPoint"] = point
    return data
