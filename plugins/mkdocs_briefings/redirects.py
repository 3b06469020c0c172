"""Stable addresses: a briefing's former addresses ('aliases:') and their redirect pages (pure).

A redirect page is a small static HTML file at the old address (GitHub Pages serves it as is):
a meta refresh and a canonical link to the briefing's page, a visible link for readers whose
browser does not follow the refresh, and no JavaScript. It is not a documentation page, so it is
in neither the sitemap, the feeds nor the search index.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from .catalog import Layout
    from .entries import Entry

# Folders the build writes besides the briefings' pages: an old address there would be
# taken by an index page, a listing page or an asset, now or after the next briefing.
_BUILD_FOLDERS = ("assets", "search")


@dataclass(frozen=True)
class Redirect:
    """A redirect page: where it is written in the site, and its HTML."""

    uri: str
    content: str


def address_of(alias: str, layout: Layout) -> str:
    """The site path an alias names, without '/index.html', '.html' or a trailing '/'.

    A slug ('old-slug') is a former briefing address ('briefings/old-slug'); a path
    ('news/old-slug/') is that path in the site.
    """
    if "/" not in alias and not alias.endswith(".html"):
        return layout.briefing(alias).removesuffix(".md")
    path = alias.rstrip("/").removesuffix(".html")
    return path.removesuffix("/index") if path != "index" else path


def redirect_uri(alias: str, layout: Layout, *, directory_urls: bool) -> str:
    """The file of an alias's redirect page in the site ('briefings/old-slug/index.html').

    A slug gets the file its page had (as directory_urls sets it); a path ending in '.html' is
    that file; any other path is a folder, served by its index.html.
    """
    address = address_of(alias, layout)
    if alias.endswith(".html"):
        return alias
    if "/" not in alias and not directory_urls:
        return f"{address}.html"
    return f"{address}/index.html"


def redirect_page(target: str) -> str:
    """The HTML of a page that sends readers (and search engines) on to ``target``."""
    url = html.escape(target, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>This briefing has moved</title>\n"
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This briefing has moved to <a href="{url}">{url}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def find_alias_clashes(
    entries: Iterable[Entry], layout: Layout, *, exists: Callable[[str], bool]
) -> Iterator[tuple[Entry, Problem]]:
    """Yield each entry with an alias that names an address another page of the site has (a
    briefing, an index or listing page, a hand-written page, another alias), with its problem.
    """
    ordered = sorted(entries, key=lambda e: e.path)
    owners = {layout.briefing(e.slug).removesuffix(".md"): e.path for e in ordered}
    reserved = {
        getattr(layout, kind)
        for kind in ("digests", "daily", "archive", "categories", "tags", "sources", "stories")
    }
    reserved.add(layout.people)  # the people pages (briefings/people.yml)
    reserved.update(_BUILD_FOLDERS)
    for entry in ordered:
        for i, alias in enumerate(entry.briefing.aliases):
            address = address_of(alias, layout)
            taken = _taken_by(address, owners, reserved, exists)
            if taken is None:
                owners[address] = f"{entry.path} (aliases[{i}])"
                continue
            line, col = entry.aliases_at[i] if i < len(entry.aliases_at) else entry.slug_at
            message = (
                f"aliases[{i}]: '{alias}' is already the address of {taken}; "
                "choose another or remove it"
            )
            yield entry, Problem(entry.path, line, col, message)
            break


def _taken_by(
    address: str, owners: dict[str, str], reserved: set[str], exists: Callable[[str], bool]
) -> str | None:
    """What has ``address`` already, in words; None when it is free."""
    if address in owners:
        return owners[address]
    first = address.partition("/")[0]
    if first in reserved:
        return f"the generated pages under {first}/"
    for src in (f"{address}.md", f"{address}/index.md", f"{address}.html", f"{address}/index.html"):
        if exists(src):
            return f"docs/{src}"
    return None


_LOC = re.compile(r"<loc>([^<]*)</loc>")


def lost_addresses(sitemap: str, entries: Iterable[Entry], layout: Layout) -> list[str]:
    """The briefing addresses a last build's sitemap lists ('briefings/old-slug/') that no
    briefing has now, neither as its address nor among its 'aliases:', in sitemap order."""
    have = {layout.briefing(e.slug).removesuffix(".md") for e in entries}
    have.update(address_of(a, layout) for e in entries for a in e.briefing.aliases)
    briefing_page = re.compile(rf"/({re.escape(layout.briefings)}/[^/]+?)(/|\.html)$")
    lost = []
    for loc in _LOC.findall(sitemap):
        found = briefing_page.search(urlsplit(html.unescape(loc.strip())).path)
        if found and found[1] not in have:
            lost.append(found[1] + found[2])
    return list(dict.fromkeys(lost))
