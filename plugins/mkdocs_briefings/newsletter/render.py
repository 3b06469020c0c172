"""A digest as an email: an HTML document that survives mail clients and its plain-text
alternative, from the same facts as the digest's page and feed item (pure: nothing of MkDocs).

Why tables and inlined CSS: Gmail, Outlook and most webmail drop <style> blocks or parts of
them and ignore layout CSS, so the layout is a centred 600 px ``role="presentation"`` table and
every style sits in a ``style`` attribute (css-inline puts it there). The one <style> block left
in <head> holds the dark-mode media query only, which cannot be inlined; clients without it keep
the light palette, whose colours also read when a client inverts them.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import css_inline

from ..render.text import credits, format_date, join_names, one_line
from . import DigestEmail
from .message import transfer_encoding

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Briefing, Digest

DEFAULT_UNSUBSCRIBE = "{{ unsubscribe_url }}"
"""Buttondown's placeholder; Mailchimp's is ``*|UNSUB|*``, listmonk's ``{{ UnsubscribeURL }}``."""

MAX_BYTES = 90_000
"""The HTML and text parts together stay under this many bytes as sent (transfer-encoded, see
`transfer_encoding`). Why: Gmail clips a message over 102 KB behind a "View entire message"
link; 90 KB leaves room for the headers."""

WIDTH = 78
"""The plain text's line length (RFC 5322 recommends at most 78 characters)."""

PREHEADER_LENGTH = 140
SHORTENED = (
    "Shortened to fit an email: every briefing in full is on the site (View in the browser)."
)

# Light colours that read on white and, inverted by a client that forces a dark mode, on black;
# the dark-mode media query below swaps them for clients that honour it.
_CSS = """
.em-body { margin: 0; padding: 0; background-color: #eef0f3; }
.em-outer { background-color: #eef0f3; }
.em-card { background-color: #ffffff; border-collapse: collapse; }
.em-cell { padding: 24px 28px; font-family: -apple-system, 'Segoe UI', Roboto, Helvetica,
  Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2328;
  overflow-wrap: anywhere; word-break: break-word; }
.em-top { padding: 12px 28px; font-size: 13px; color: #57606a; border-bottom: 1px solid #d0d7de; }
.em-site { font-size: 13px; font-weight: bold; letter-spacing: 0.04em; text-transform: uppercase;
  margin: 0 0 4px 0; color: #57606a; }
.em-title { font-size: 26px; line-height: 1.25; margin: 0 0 6px 0; color: #1f2328; }
.em-date { font-size: 14px; margin: 0 0 16px 0; color: #57606a; }
.em-note { font-size: 16px; margin: 0 0 16px 0; color: #1f2328; }
.em-section { font-size: 13px; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase;
  margin: 28px 0 4px 0; padding-bottom: 4px; border-bottom: 2px solid #0b57d0; color: #0b57d0; }
.em-headline { font-size: 19px; line-height: 1.3; margin: 20px 0 6px 0; color: #1f2328; }
.em-points { margin: 0 0 6px 0; padding: 0 0 0 22px; }
.em-point { margin: 0 0 4px 0; }
.em-credit { font-size: 14px; margin: 0 0 8px 0; color: #57606a; }
.em-shortened { font-size: 14px; margin: 16px 0 0 0; color: #57606a; }
.em-footer { padding: 20px 28px; font-size: 13px; line-height: 1.5; color: #57606a;
  border-top: 1px solid #d0d7de; }
.em-footer p { margin: 0 0 8px 0; }
a { color: #0b57d0; text-decoration: underline; }
.em-headline a { color: #1f2328; text-decoration: none; }
"""

DARK_MODE_CSS = """
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .em-body, .em-outer { background-color: #0d1117 !important; }
  .em-card { background-color: #161b22 !important; }
  .em-cell, .em-title, .em-note, .em-headline, .em-headline a { color: #e6edf3 !important; }
  .em-top, .em-site, .em-date, .em-credit, .em-shortened, .em-footer { color: #9da7b3 !important; }
  .em-section { color: #79c0ff !important; border-bottom-color: #79c0ff !important; }
  .em-top, .em-footer { border-color: #30363d !important; }
  a { color: #79c0ff !important; }
}
"""
"""The email's one <style> block, in its <head>: the dark palette, for clients that honour
``prefers-color-scheme`` (Apple Mail, iOS, Outlook for Mac); a media query cannot be inlined."""


@dataclass(frozen=True)
class EmailSettings:
    """What an email needs besides the digest: the site and the sender's footer.

    Attributes:
        site_name: The site's name: the email's masthead.
        site_url: The site's absolute address (the masthead links it).
        postal_address: The sender's postal address, shown in the footer (anti-spam laws such
            as CAN-SPAM ask for one); empty: no address line.
        unsubscribe_url: The unsubscribe link's address: the placeholder the sending provider
            replaces for each reader, or a fixed http(s) address.
    """

    site_name: str
    site_url: str
    postal_address: str = ""
    unsubscribe_url: str = DEFAULT_UNSUBSCRIBE


@dataclass(frozen=True)
class _Story:
    """One briefing as the email shows it: linked headline, key points, credited outlets."""

    title: str
    url: str
    key_points: tuple[str, ...]
    outlets: tuple[tuple[str, str | None], ...]
    """Each outlet once: its name and the address of its article (None: not linked)."""


_Groups = list[tuple[str | None, list[_Story]]]


def render_digest_email(
    digest: Digest,
    web_url: str,
    briefings: Mapping[str, tuple[Briefing, str]],
    settings: EmailSettings,
) -> DigestEmail:
    """The digest as an email: HTML (CSS inlined) and plain text, together under `MAX_BYTES`.

    A digest too long for that is shortened: first to each briefing's first key point, then to
    shorter key points and unlinked outlets, then to headlines; the email then says so.

    Args:
        digest: The digest (a draft digest is the caller's to leave out).
        web_url: The absolute address of the digest's page.
        briefings: Briefing and absolute page address by slug: the published briefings. Slugs
            missing from it (drafts, scheduled briefings) are left out.
        settings: The site and the footer.

    Returns:
        The email.
    """
    groups = _groups(digest, briefings)
    subject = _plain(digest.title)
    preheader = _preheader(groups)
    made: tuple[str, str] = ("", "")
    for level in range(4):
        shortened = _shorten(groups, level)
        made = (
            _document(digest, web_url, shortened, settings, subject, preheader, level),
            _text(digest, web_url, shortened, settings, level),
        )
        if sum(transfer_encoding(part)[1] for part in made) <= MAX_BYTES:
            break
    return DigestEmail(
        date=digest.date.isoformat(),
        subject=subject,
        preheader=preheader,
        html=made[0],
        text=made[1],
        web_url=web_url,
    )


def render_digest_content(
    digest: Digest, briefings: Mapping[str, tuple[Briefing, str]], *, inline: bool = True
) -> str:
    """The email's content without the document around it (masthead, preheader, footer): the
    note, the section headings and each briefing, CSS inlined. What the digest feed carries,
    so RSS-to-email services send what the email shows.

    Args:
        digest: The digest.
        briefings: As for `render_digest_email`.
        inline: Put the CSS into style attributes (False: class attributes only).

    Returns:
        HTML, every text escaped, every link an absolute http(s) address.
    """
    fragment = _content(digest, _groups(digest, briefings))
    return _inlined(fragment) if inline else fragment


# -- facts ---------------------------------------------------------------------------------------


def _groups(digest: Digest, briefings: Mapping[str, tuple[Briefing, str]]) -> _Groups:
    """The digest's briefings by section (None: the digest's own list), sections left empty
    (every briefing unpublished) left out."""
    found: _Groups = []
    listed = [(None, digest.briefings)] if digest.briefings else []
    for heading, slugs in [*listed, *((s.title, s.briefings) for s in digest.sections)]:
        stories = [_story(*briefings[slug]) for slug in slugs if slug in briefings]
        if stories:
            found.append((heading, stories))
    return found


def _story(b: Briefing, url: str) -> _Story:
    outlets: dict[str, str | None] = {}
    for name, _, address in credits(b.sources, b.sources):
        if outlets.get(name) is None:
            outlets[name] = _web_url(address)
    return _Story(b.title, url, tuple(b.key_points), tuple(outlets.items()))


def _shorten(groups: _Groups, level: int) -> _Groups:
    """``groups`` at a shortening ``level``: 0 all, 1 the first key point, 2 a first key
    point of at most 200 characters and outlets unlinked, 3 headlines and outlets only."""
    if level == 0:
        return groups

    def cut(story: _Story) -> _Story:
        points = story.key_points[:1] if level < 3 else ()
        if level >= 2:
            points = tuple(_truncate(p, 200) for p in points)
            outlets = tuple((name, None) for name, _ in story.outlets)
            return _Story(story.title, story.url, points, outlets)
        return _Story(story.title, story.url, points, story.outlets)

    return [(heading, [cut(s) for s in stories]) for heading, stories in groups]


def _preheader(groups: _Groups) -> str:
    """The first key point of each briefing, in order, as far as `PREHEADER_LENGTH` goes."""
    points = [_plain(s.key_points[0]) for _, stories in groups for s in stories if s.key_points]
    return _truncate(" · ".join(points), PREHEADER_LENGTH)


def _truncate(text: str, limit: int) -> str:
    text = _plain(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _web_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address, else None (it is then not linked), with
    the characters an address may not hold percent-encoded (quotes, ``<``, ``>``, braces,
    spaces, other scripts' letters).

    Why: css-inline writes the document anew, and HTML's serialisation leaves ``<`` and ``>``
    in attribute values unescaped: inert inside quotes, but no markup should be there at all.
    """
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=_URL_SAFE)


_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"


# -- HTML ----------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """``text`` on one line (`one_line`), without NUL characters: an HTML parser drops them
    (css-inline's does), and a mail client's may stop at one; the text part drops them too."""
    text = one_line(text)
    return text.replace("\x00", "") if "\x00" in text else text


def _e(text: str) -> str:
    return html.escape(_plain(text), quote=True)


def _link(text: str, url: str | None, css: str = "") -> str:
    href = _web_url(url)
    if href is None:
        return _e(text)
    return f'<a href="{html.escape(href, quote=True)}"{css}>{_e(text)}</a>'


def _inlined(fragment: str) -> str:
    return css_inline.inline_fragment(fragment, _CSS, load_remote_stylesheets=False)


def _content(digest: Digest, groups: _Groups, level: int = 0) -> str:
    parts = [f'<p class="em-note">{_e(digest.note)}</p>'] if digest.note else []
    # Headlines are h3 under the sections' h2 headings, else h2: no heading level skipped.
    rank = 3 if any(heading is not None for heading, _ in groups) else 2
    for heading, stories in groups:
        if heading is not None:
            parts.append(f'<h2 class="em-section">{_e(heading)}</h2>')
        parts += [_format_story(story, rank) for story in stories]
    if level:
        parts.append(f'<p class="em-shortened">{_e(SHORTENED)}</p>')
    return "\n".join(parts)


def _format_story(story: _Story, rank: int) -> str:
    headline = _link(story.title, story.url)
    parts = [f'<h{rank} class="em-headline">{headline}</h{rank}>']
    if story.key_points:
        points = "".join(f'<li class="em-point">{_e(p)}</li>' for p in story.key_points)
        parts.append(f'<ul class="em-points">{points}</ul>')
    if story.outlets:
        names = join_names([_link(name, url) for name, url in story.outlets])
        parts.append(f'<p class="em-credit"><em>According to {names}</em></p>')
    return "\n".join(parts)


def _document(
    digest: Digest,
    web_url: str,
    groups: _Groups,
    settings: EmailSettings,
    subject: str,
    preheader: str,
    level: int,
) -> str:
    site = _link(settings.site_name, settings.site_url) if settings.site_url else ""
    view = _link("View in the browser", web_url)
    masthead = (
        f'<p class="em-site">{site or _e(settings.site_name)}</p>\n'
        f'<h1 class="em-title">{_e(digest.title)}</h1>\n'
        f'<p class="em-date">{_e(format_date(digest.date))}</p>'
    )
    footer = []
    if settings.postal_address:
        footer.append(f"<p>{_e(settings.postal_address)}</p>")
    unsubscribe = html.escape(settings.unsubscribe_url, quote=True)
    footer.append(
        f"<p>You receive this email because you subscribed to {_e(settings.site_name)}. "
        f'<a href="{unsubscribe}">Unsubscribe</a> · {view}</p>'
    )
    body = (
        '<table role="presentation" class="em-outer" width="100%" cellpadding="0" '
        'cellspacing="0" border="0"><tr><td align="center" style="padding: 16px 8px;">\n'
        '<table role="presentation" class="em-card" width="600" cellpadding="0" cellspacing="0" '
        'border="0" style="width: 100%; max-width: 600px;">\n'
        f'<tr><td class="em-cell em-top" align="right">{view}</td></tr>\n'
        f'<tr><td class="em-cell">\n{masthead}\n{_content(digest, groups, level)}\n</td></tr>\n'
        f'<tr><td class="em-cell em-footer">{"".join(footer)}</td></tr>\n'
        "</table>\n</td></tr></table>"
    )
    # Whitespace after the preheader keeps clients from showing the email's first words after it.
    hidden = (
        '<div style="display: none; max-height: 0; overflow: hidden; mso-hide: all; '
        f'font-size: 1px; line-height: 1px; color: transparent;">{_e(preheader)}'
        + "&#8199;&#65279;&#847; " * 40
        + "</div>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="supported-color-schemes" content="light dark">\n'
        f"<title>{_e(subject)}</title>\n<style>{DARK_MODE_CSS}</style>\n</head>\n"
        f'<body class="em-body" style="margin: 0; padding: 0; background-color: #eef0f3;">\n'
        # A screen reader announces the message as an email, named by its subject.
        f'{hidden}\n<div role="article" aria-roledescription="email" aria-label="{_e(subject)}" '
        f'lang="en">\n{_inlined(body)}\n</div>\n</body>\n</html>\n'
    )


# -- plain text ----------------------------------------------------------------------------------


def _text(
    digest: Digest, web_url: str, groups: _Groups, settings: EmailSettings, level: int
) -> str:
    lines = [*_wrap(f"{settings.site_name}: {digest.title}"), *_wrap(format_date(digest.date))]
    lines += ["", "View in the browser:", web_url, ""]
    if digest.note:
        lines += [*_wrap(digest.note), ""]
    for heading, stories in groups:
        if heading is not None:
            title = _wrap(one_line(heading).upper())
            lines += ["", *title, "=" * min(WIDTH, max(len(t) for t in title)), ""]
        for story in stories:
            lines += _format_story_text(story)
    if level:
        lines += [*_wrap(SHORTENED), ""]
    lines += ["-" * 20, ""]
    if settings.postal_address:
        lines += [*_wrap(settings.postal_address), ""]
    lines += _wrap(f"You receive this email because you subscribed to {settings.site_name}.")
    lines += ["Unsubscribe:", _plain(settings.unsubscribe_url)]
    return "\n".join(lines) + "\n"


def _format_story_text(story: _Story) -> list[str]:
    lines = [*_wrap(story.title), story.url, ""]
    for point in story.key_points:
        lines += _wrap(point, initial="* ", subsequent="  ")
    if story.key_points:
        lines.append("")
    if story.outlets:
        lines += _wrap("According to " + join_names([name for name, _ in story.outlets]))
        for name, url in story.outlets:
            if url is not None:
                lines += [*_wrap(f"{name}:"), url]
    lines.append("")
    return lines


def _wrap(text: str, *, initial: str = "", subsequent: str = "") -> list[str]:
    """``text`` on one line, wrapped to `WIDTH`; words longer than a line are broken."""
    return textwrap.wrap(
        _plain(text),
        WIDTH,
        initial_indent=initial,
        subsequent_indent=subsequent,
        break_on_hyphens=False,
    ) or [""]
