"""share: plain share links carrying the page's absolute URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from mkdocs_briefings.share import share_links

URL = "https://news.example.org/briefings/harbour-strike/"


def test_every_network_gets_the_absolute_url_and_title() -> None:
    links = {link.name: link for link in share_links(URL, "Strike & ends?")}
    assert list(links) == ["X", "Facebook", "LinkedIn", "WhatsApp", "Email"]
    assert parse_qs(urlsplit(links["X"].href).query) == {"text": ["Strike & ends?"], "url": [URL]}
    assert parse_qs(urlsplit(links["Facebook"].href).query) == {"u": [URL]}
    assert parse_qs(urlsplit(links["LinkedIn"].href).query) == {"url": [URL]}
    assert parse_qs(urlsplit(links["WhatsApp"].href).query) == {"text": [f"Strike & ends? {URL}"]}
    email = urlsplit(links["Email"].href)
    assert email.scheme == "mailto"
    assert parse_qs(email.query) == {"subject": ["Strike & ends?"], "body": [URL]}
    assert all(link.href.startswith(("https://", "mailto:")) for link in links.values())
