"""Digests as newsletters: an email (HTML and plain text) made from each digest, and its delivery."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DigestEmail:
    """One digest as an email, ready to send (every text in ``html`` is escaped).

    Attributes:
        date: The digest's day, YYYY-MM-DD: it names the email and keys the record of what was sent.
        subject: The subject line, plain text.
        preheader: The preview text mail clients show after the subject, plain text.
        html: The whole HTML document, its CSS inlined.
        text: The plain-text alternative, lines of at most 78 characters.
        web_url: The digest page's absolute address (the "view in the browser" link).
    """

    date: str
    subject: str
    preheader: str
    html: str
    text: str
    web_url: str
