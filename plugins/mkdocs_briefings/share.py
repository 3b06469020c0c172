"""Share links: plain links to each network's share endpoint, no third-party scripts."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class ShareLink:
    """One share target; ``key`` names its icon in the stylesheet (briefing-share__link--KEY)."""

    key: str
    name: str
    href: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Share links for a page at absolute ``url`` with headline ``title``."""
    # Quoted once each, with %20 for spaces (mail clients show a '+' literally).
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ShareLink("x", "X", f"https://x.com/intent/post?text={t}&url={u}"),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ShareLink(
            "linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"
        ),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ShareLink("email", "Email", f"mailto:?subject={t}&body={u}"),
    ]
