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
    def query(**params: str) -> str:
        return urlencode(params, quote_via=quote)

    return [
        ShareLink("X", f"https://x.com/intent/post?{query(text=title, url=url)}", "fontawesome/brands/x-twitter"),
        ShareLink("Facebook", f"https://www.facebook.com/sharer/sharer.php?{query(u=url)}", "fontawesome/brands/facebook"),
        ShareLink("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?{query(url=url)}", "fontawesome/brands/linkedin"),
        ShareLink("WhatsApp", f"https://wa.me/?{query(text=f'{title} {url}')}", "fontawesome/brands/whatsapp"),
        ShareLink("Email", f"mailto:?{query(subject=title, body=url)}", "fontawesome/solid/envelope"),
    ]  # fmt: skip
