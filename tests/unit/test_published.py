"""published.py: a published site's sitemap from a file (plain, gzip, or an index and the
sitemaps beside it) or from an http address served on 127.0.0.1; every failure one line."""

from __future__ import annotations

import gzip
import http.server
from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_briefings.published import SitemapError, read_sitemaps

from ..pages_server import serve, serve_handler

if TYPE_CHECKING:
    from pathlib import Path

PAGES = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example.org/briefings/old-slug/</loc></url>
</urlset>
"""
INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.org/sitemap-pages.xml</loc></sitemap>
</sitemapindex>
"""


def test_a_sitemap_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(PAGES, encoding="utf-8")
    source = str(tmp_path / "sitemap.xml")
    assert read_sitemaps(source) == [(source, PAGES)]


def test_a_gzip_sitemap_is_read(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(PAGES.encode()))
    [(_, text)] = read_sitemaps(str(tmp_path / "sitemap.xml.gz"))
    assert text == PAGES


def test_an_index_file_is_followed_to_the_sitemaps_beside_it(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(INDEX, encoding="utf-8")
    (tmp_path / "sitemap-pages.xml").write_text(PAGES, encoding="utf-8")
    assert read_sitemaps(str(tmp_path / "sitemap.xml")) == [
        (str(tmp_path / "sitemap-pages.xml"), PAGES)
    ]


def test_an_index_at_an_address_is_followed_on_that_server(tmp_path: Path) -> None:
    with serve(tmp_path, "/site/") as url:
        (tmp_path / "sitemap.xml").write_text(INDEX.replace("https://news.example.org/", url))
        (tmp_path / "sitemap-pages.xml").write_text(PAGES, encoding="utf-8")
        assert read_sitemaps(url + "sitemap.xml") == [(url + "sitemap-pages.xml", PAGES)]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.xml", None, "cannot read it: No such file or directory"),
        (
            "page.html",
            b"<html><p>Hello</p></html>",
            "not a sitemap (no <urlset> or <sitemapindex>)",
        ),
        ("bad.xml.gz", b"\x1f\x8bnot gzip", "not a readable gzip file"),
    ],
)
def test_an_unreadable_file_is_one_line(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(SitemapError) as exc:
        read_sitemaps(str(tmp_path / name))
    assert str(exc.value).startswith(f"{tmp_path / name}: {reason}")
    assert "\n" not in str(exc.value)


def test_an_index_naming_a_missing_sitemap_says_which(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(INDEX, encoding="utf-8")
    with pytest.raises(SitemapError, match=r"sitemap-pages\.xml: cannot read it"):
        read_sitemaps(str(tmp_path / "sitemap.xml"))


class Answers404(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404, "Not Found")

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def test_an_unreadable_address_is_one_line() -> None:
    with serve_handler(Answers404) as url, pytest.raises(SitemapError) as exc:
        read_sitemaps(url + "/sitemap.xml", timeout=5)
    assert str(exc.value) == f"{url}/sitemap.xml: the server answered 404 Not Found"
