"""The readers' site around the news, built for real from this repository's mkdocs.yml: the
navigation holds only readers' pages, the editors' manual stays out of the published site, no
page asks a third-party host for anything, and every page ends with a real footer.

One build of a copy of the repository's site sources is shared by every test in this module.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from ..conftest import ROOT, build_site

if TYPE_CHECKING:
    from collections.abc import Iterator

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_URL: str = CONFIG["site_url"]
BASE_PATH = urlsplit(SITE_URL).path  # "/mkdocs-briefings/"

# What a reader's menu holds, in order: site-relative URLs.
READERS_NAV = ["", "digests/", "categories/", "stories/", "sources/", "archive/", "about/"]
MANUAL = ["format.md", "editing.md", "site.md", "publishing.md", "newsletter.md", "sending.md"]
MANUAL_TITLES = [
    "Briefing format",
    "The editor's loop",
    "The digest site",
    "Publishing",
    "The newsletter",
    "Sending the digest",
    "manual",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("shell")
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return build_site(project)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def url_of(site: Path, path: Path) -> str:
    """The site-relative URL of a built HTML file ('briefings/x/' for briefings/x/index.html)."""
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield url_of(site, path), soup(path)


def resolve(page_url: str, href: str) -> str:
    """``href`` on the page at ``page_url`` as a site-relative URL ('' for the home page);
    ``href`` may be relative or absolute from the site's path (as on the 404 page)."""
    target = urljoin(urljoin(SITE_URL, page_url), href)
    assert target.startswith(SITE_URL), f"{href!r} on {page_url!r} leaves the site"
    return target.removeprefix(SITE_URL)


def built_file(site: Path, url: str) -> Path:
    """The file a site-relative URL serves (a folder's index.html); no fragment."""
    url = url.split("#")[0]
    path = site / PurePosixPath(url)
    return path / "index.html" if url in ("", ".") or url.endswith("/") else path


# -- the readers' navigation -----------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "about/", "categories/"])
def test_menu_holds_only_the_readers_pages(site: Path, url: str) -> None:
    page = soup(built_file(site, url))
    tabs = [resolve(url, a["href"]) for a in page.select(".md-tabs a.md-tabs__link")]
    assert [t.rstrip(".") for t in tabs] == READERS_NAV
    primary = page.select(".md-nav--primary > ul > li > a.md-nav__link[href]")
    targets = [resolve(url, a["href"]).split("#")[0] for a in primary]
    assert {t.rstrip(".") for t in targets} == set(READERS_NAV)
    labels = [a.get_text(" ", strip=True) for a in page.select(".md-tabs a, .md-nav--primary a")]
    assert labels[0] == "Home"
    assert "About" in labels
    assert not [x for x in labels for title in MANUAL_TITLES if title.lower() in x.lower()]
    # The tags index is built (each briefing's tags link to it) but is not a menu entry.
    assert "tags/" not in targets
    assert (site / "tags" / "index.html").exists()


def test_the_editors_manual_is_not_published(site: Path) -> None:
    assert not (site / "manual").exists()
    for name in MANUAL:
        assert not (site / name.removesuffix(".md")).exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "manual" in d["location"]]
    assert not [d["title"] for d in index["docs"] if d["title"] in MANUAL_TITLES]
    sitemap = (site / "sitemap-pages.xml").read_text(encoding="utf-8")  # sitemap.xml: its index
    assert "/manual/" not in sitemap
    assert f"<loc>{SITE_URL}about/</loc>" in sitemap


def test_no_edit_links_and_no_third_party_requests(site: Path) -> None:
    host = urlsplit(SITE_URL).netloc
    checked = 0
    for url, page in pages(site):
        checked += 1
        html = str(page)
        assert "api.github.com" not in html, url
        assert not page.select(".md-content__button, .md-source, a[title='Edit this page']"), url
        # What the browser fetches on its own when it shows the page. Links a reader follows
        # (share links to social sites, outlets' articles) are not requests.
        fetched = [e.get("src") for e in page.select("script[src], img[src], iframe[src]")]
        fetched += [e.get("srcset") for e in page.select("img[srcset], source[srcset]")]
        fetched += [
            e.get("href")
            for e in page.select("link[href]")
            if {"stylesheet", "preload", "modulepreload", "preconnect", "icon", "manifest"}
            & set(e.get("rel") or [])
        ]
        for ref in filter(None, fetched):
            for part in ref.split(","):
                location = urlsplit(part.strip().split(" ")[0])
                assert location.netloc in ("", host), f"{url}: {ref}"
    assert checked > 20


# -- the footer ------------------------------------------------------------------------------


def footer_links(page: BeautifulSoup) -> dict[str, str]:
    nav = page.select_one("footer .site-footer__links")
    assert nav is not None
    return {a.get_text(" ", strip=True): a["href"] for a in nav.select("a[href]")}


@pytest.mark.parametrize(
    "url", ["", "about/", "briefings/alkyra-vent-field-survey/", "categories/politics/"]
)
def test_footer_links_to_about_corrections_and_the_rss_feed(site: Path, url: str) -> None:
    page = soup(built_file(site, url))
    links = {title: resolve(url, href) for title, href in footer_links(page).items()}
    assert links == {
        "About": "about/",
        "Corrections": "corrections/",
        "Corrections policy": "corrections-policy/",
        "Standards": "standards/",
        "RSS feed": "briefings.rss.xml",
    }
    for target in ("about/", "corrections/", "corrections-policy/", "standards/"):
        assert built_file(site, target).is_file(), target
    about = soup(built_file(site, "about/"))
    assert about.select_one("#corrections") is not None
    feed = (site / "briefings.rss.xml").read_text(encoding="utf-8")
    assert "<rss" in feed
    assert "<item>" in feed
    copyright_ = page.select_one("footer .md-copyright")
    assert copyright_.get_text(" ", strip=True) == CONFIG["copyright"]
    assert "Material for MkDocs" not in page.select_one("footer").get_text()


def test_404_footer_links_are_absolute_from_the_site_path(site: Path) -> None:
    # The 404 page is served at any depth: its links cannot be relative.
    hrefs = footer_links(soup(site / "404.html"))
    assert sorted(hrefs.values()) == sorted(
        BASE_PATH + u
        for u in (
            "about/",
            "corrections/",
            "corrections-policy/",
            "standards/",
            "briefings.rss.xml",
        )
    )
    for href in hrefs.values():
        assert built_file(site, href.removeprefix(BASE_PATH)).exists()


@pytest.mark.parametrize("site_url", [SITE_URL, None])
def test_footer_links_default_without_footer_links(tmp_path: Path, site_url: str | None) -> None:
    # Another site with this site's theme overrides, no extra.footer_links and no about page.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "briefings").mkdir()
    config = {
        "site_name": "Other",
        "theme": {"name": "material", "custom_dir": str(ROOT / "docs" / "overrides")},
        "plugins": ["search", "briefings"],
        **({"site_url": site_url} if site_url else {}),
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = build_site(tmp_path, strict=False)  # about/ does not exist here
    links = footer_links(soup(site / "index.html"))
    feed = {"RSS feed": "briefings.rss.xml"} if site_url else {}
    assert links == {
        "About": "about/",
        "Corrections": "corrections/",
        "Corrections policy": "about/#corrections",
        **feed,
    }
    assert (site / "corrections" / "index.html").is_file()
    assert (site / "briefings.rss.xml").exists() == bool(site_url)
