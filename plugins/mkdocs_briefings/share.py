"""Share links: plain links to each network's share endpoint, no third-party scripts."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    """One share target, with the Material icon that the template shows for it."""

    name: str
    href: str
    icon: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Share links for a page at absolute ``url`` with headline ``title``."""
    networks = [
        ("X", "https://x.com/intent/post", {"text": title, "url": url}, "x-twitter"),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php", {"u": url}, "facebook"),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/", {"url": url}, "linkedin"),
        ("WhatsApp", "https://wa.me/", {"text": f"{title} {url}"}, "whatsapp"),
    ]
    links = [
        ShareLink(name, f"{endpoint}?{_query(params)}", f"fontawesome/brands/{icon}")
        for name, endpoint, params, icon in networks
    ]
    email = _query({"subject": title, "body": url})
    links.append(ShareLink("Email", f"mailto:?{email}", "fontawesome/solid/envelope"))
    return links


def _query(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote)  # %20 for spaces: mail clients show '+' literally
