"""The site works at a domain root and under a project path, served the way GitHub Pages does.

This repository's site is built twice, once for ``https://news.example.org/`` (a custom domain,
served at /) and once for ``https://user.github.io/briefings-demo/`` (a project site, served
under /briefings-demo/), and each build is served by tests/pages_server.py, which answers only
under its prefix. A crawler then follows everything a reader or a program can reach:

- every link, stylesheet, script, image (each ``srcset`` candidate too) and icon of every HTML
  page (a URL that escapes the prefix, or that points at a missing file, fails);
- the absolute URLs the plugin and Material write with site_url (canonical, Open Graph and
  Twitter images, JSON-LD, feed entries, the sitemap), mapped from site_url to the served origin;
- the feeds' own links and every search index location.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from ..conftest import ROOT, build_site
from ..pages_server import serve

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

DEPLOYMENTS = {
    "domain-root": ("https://news.example.org/", "/"),
    "project-path": ("https://user.github.io/briefings-demo/", "/briefings-demo/"),
}
FEEDS = ("briefings.rss.xml", "briefings.atom.xml", "digests.rss.xml", "digests.atom.xml")
JSON_FEEDS = ("briefings.json", "digests.json")
URL_ATTRIBUTES = (
    ("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset")
)  # fmt: skip


class Site:
    """A built site served under its prefix, with a cache of what has been fetched."""

    def __init__(self, base: str, site_url: str) -> None:
        self.base = base
        self.site_url = site_url
        self.status: dict[str, int] = {}
        self.bodies: dict[str, bytes] = {}

    def local(self, url: str) -> str:
        """``url`` with site_url replaced by the served base (other URLs unchanged)."""
        return self.base + url[len(self.site_url) :] if url.startswith(self.site_url) else url

    def fetch(self, url: str) -> int:
        url = urldefrag(url).url
        if url not in self.status:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1)
                    self.status[url] = response.status
                    self.bodies[url] = response.read()
            except urllib.error.HTTPError as error:
                self.status[url] = error.code
        return self.status[url]

    def is_ours(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(self.base).netloc


def _build(tmp_path_factory: pytest.TempPathFactory, repo: Path, site_url: str) -> Path:
    project = tmp_path_factory.mktemp("subpath")
    for name in ("docs", "briefings"):
        shutil.copytree(repo / name, project / name)
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build_site(project)


@pytest.fixture(scope="module", params=sorted(DEPLOYMENTS))
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    site_url, prefix = DEPLOYMENTS[request.param]
    built = _build(tmp_path_factory, ROOT, site_url)
    with serve(built, prefix) as base:
        yield Site(base, site_url)


def _crawl(site: Site) -> tuple[set[str], list[str]]:
    """Every HTML page reachable from the home page, and the URLs that failed (with where)."""
    pages, queue, broken = set(), [site.base], []
    while queue:
        page = queue.pop()
        if page in pages:
            continue
        pages.add(page)
        soup = BeautifulSoup(site.bodies[page], "html.parser")
        for tag, attribute in URL_ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                for target in _targets(attribute, str(element[attribute])):
                    url = site.local(urljoin(page, target))
                    if not site.is_ours(url):
                        continue
                    if not url.startswith(site.base) or site.fetch(url) != 200:
                        broken.append(f"{page}: <{tag} {attribute}={target!r}> -> {url}")
                    elif tag == "a" and url.endswith("/") and urldefrag(url).url not in pages:
                        queue.append(urldefrag(url).url)
    return pages, broken


def _targets(attribute: str, value: str) -> list[str]:
    """The URLs in an attribute: a ``srcset`` ('a.webp 480w, b.jpg 1600w') holds several."""
    if attribute != "srcset":
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def test_every_link_and_asset_resolves_under_the_prefix(site: Site) -> None:
    assert site.fetch(site.base) == 200
    pages, broken = _crawl(site)
    assert not broken, "\n".join(broken[:20])
    # The crawl reached every kind of generated page, not just the home page.
    for folder in ("briefings/", "digests/", "sources/", "tags/", "archive/", "stories/"):
        assert any(p.startswith(site.base + folder) and p != site.base + folder for p in pages)
    assert len(pages) > 60


def test_a_missing_page_gets_the_404_page_with_working_assets(site: Site) -> None:
    missing = site.base + "briefings/no-such-briefing/deeper/"
    assert site.fetch(missing) == 404
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(missing, timeout=10)  # noqa: S310 (127.0.0.1)
    soup = BeautifulSoup(caught.value.read(), "html.parser")
    assert soup.select_one(".md-content"), "not the site's 404 page"
    # The browser resolves the 404 page's URLs against the missing URL, at any depth: they
    # must be absolute paths under the prefix (MkDocs derives them from site_url).
    assets = [e["href"] for e in soup.select('link[rel="stylesheet"]')]
    assets += [e["src"] for e in soup.select("script[src]")]
    assert assets
    for asset in assets:
        url = urljoin(missing, asset)
        assert url.startswith(site.base), asset
        assert site.fetch(url) == 200, asset
    if urlsplit(site.base).path != "/":  # another project's path on the same host: not ours
        root = f"{urlsplit(site.base).scheme}://{urlsplit(site.base).netloc}/"
        assert site.fetch(root + "index.html") == 404
        assert site.fetch(root + "assets/stylesheets/") == 404


def test_absolute_urls_in_head_use_site_url_and_exist(site: Site) -> None:
    site.fetch(site.base)
    home = BeautifulSoup(site.bodies[site.base], "html.parser")
    cards = home.select('.briefing-card__title > a[href^="briefings/"]')
    assert len(cards) > 1
    for card in cards:  # every briefing on the home page: with a photo and without one
        briefing = site.local(urljoin(site.base, card["href"]))
        assert site.fetch(briefing) == 200
        soup = BeautifulSoup(site.bodies[briefing], "html.parser")
        json_ld = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        images = json_ld["image"] if isinstance(json_ld["image"], list) else [json_ld["image"]]
        absolute = [
            soup.select_one('link[rel="canonical"]')["href"],
            soup.select_one('meta[property="og:url"]')["content"],
            soup.select_one('meta[property="og:image"]')["content"],
            soup.select_one('meta[name="twitter:image"]')["content"],
            json_ld["url"],
            *(image["url"] for image in images),
        ]
        # The last JSON-LD image is the briefing's share card (after its photo, if any).
        slug = urlsplit(briefing).path.rstrip("/").rsplit("/", 1)[-1]
        assert images[-1]["url"] == f"{site.site_url}assets/briefings/cards/{slug}.png"
        for url in absolute:
            assert url.startswith(site.site_url), url
            assert site.fetch(site.local(url)) == 200, url
        for link in soup.select('link[rel="alternate"]'):  # feed discovery, relative to the page
            assert site.fetch(urljoin(briefing, link["href"])) == 200, link["href"]


def test_digest_pages_share_their_card(site: Site) -> None:
    site.fetch(site.base)
    home = BeautifulSoup(site.bodies[site.base], "html.parser")
    digest = site.local(urljoin(site.base, home.select_one(".briefing-card--digest a")["href"]))
    assert site.fetch(digest) == 200
    soup = BeautifulSoup(site.bodies[digest], "html.parser")
    day = urlsplit(digest).path.rstrip("/").rsplit("/", 1)[-1]
    card = f"{site.site_url}assets/briefings/cards/digest-{day}.png"
    assert soup.select_one('meta[property="og:image"]')["content"] == card
    assert soup.select_one('meta[name="twitter:image"]')["content"] == card
    assert (
        soup.select_one('meta[property="og:url"]')["content"] == site.site_url + f"digests/{day}/"
    )
    assert site.fetch(site.local(card)) == 200


def test_feeds_and_sitemap_point_at_pages_that_exist(site: Site) -> None:
    for name in FEEDS:
        url = site.base + name
        assert site.fetch(url) == 200, name
        parsed = feedparser.parse(site.bodies[url])
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        links = [parsed.feed.link, *(entry.link for entry in parsed.entries)]
        assert len(links) > 1, name
        for link in links:
            assert link.startswith(site.site_url), (name, link)
            assert site.fetch(site.local(link)) == 200, (name, link)
    for name in JSON_FEEDS:
        url = site.base + name
        assert site.fetch(url) == 200, name
        feed = json.loads(site.bodies[url])
        links = [feed["home_page_url"], feed["feed_url"], *(i["url"] for i in feed["items"])]
        for link in links:
            assert link.startswith(site.site_url), (name, link)
            assert site.fetch(site.local(link)) == 200, (name, link)
    index = site.base + "sitemap.xml"
    assert site.fetch(index) == 200
    assert re.findall(r"<loc>([^<]+)</loc>", site.bodies[index].decode()) == [
        site.site_url + "sitemap-pages.xml"
    ]
    sitemap = site.base + "sitemap-pages.xml"
    assert site.fetch(sitemap) == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", site.bodies[sitemap].decode())
    assert len(locations) > 60
    for location in locations:
        assert location.startswith(site.site_url), location
        assert site.fetch(site.local(location)) == 200, location


def test_every_search_result_location_resolves(site: Site) -> None:
    index_url = site.base + "search/search_index.json"
    assert site.fetch(index_url) == 200
    documents = json.loads(site.bodies[index_url])["docs"]
    locations = {urldefrag(doc["location"]).url for doc in documents}
    assert any(loc.startswith("briefings/") for loc in locations)
    for location in locations:
        # Material resolves locations against the site's base URL, as here.
        url = urljoin(site.base, location)
        assert url.startswith(site.base), location
        assert site.fetch(url) == 200, location
