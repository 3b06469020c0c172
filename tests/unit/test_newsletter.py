"""newsletter/render.py: a digest -> an email (HTML for mail clients, plain text), escaped,
absolute, under Gmail's clipping size."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given

from mkdocs_briefings.digest import read_digest
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import Briefing, Digest, Source
from mkdocs_briefings.newsletter.message import MailSettings, make_message
from mkdocs_briefings.newsletter.render import (
    DEFAULT_UNSUBSCRIBE,
    MAX_BYTES,
    SHORTENED,
    WIDTH,
    EmailSettings,
    render_digest_content,
    render_digest_email,
)
from mkdocs_briefings.plan import PlanOptions, plan_site
from mkdocs_briefings.render.text import one_line

from . import test_plan as plan_tests
from .test_fuzz import fuzz, small_sites
from .test_loader import VALID

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs_briefings.entries import Entry

SITE = "https://news.example.org/"
NOW = datetime(2031, 5, 6, 7, 30, tzinfo=UTC)
WEB = f"{SITE}digests/2025-11-11/"
SETTINGS = EmailSettings(
    site_name="Nordvik Briefings",
    site_url=SITE,
    postal_address="Nordvik Briefings (example), 1 Example Quay, Port Anselm",
)
LEVY = (
    VALID.replace("Harbour strike ends", "Harbour levy agreed")
    .replace("category: Economy", "category: Politics")
    .replace("Dock workers in Port Anselm return on Monday.", "Ships pay a new levy from May.")
)
DIGEST = """\
title: Tuesday, 11 November
date: 2025-11-11
note: Two harbour stories & a levy.
sections:
  - title: Port Anselm
    briefings: [harbour-strike-ends]
  - title: Politics
    briefings: [harbour-levy-agreed, gone-briefing]
"""
PAYLOAD = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'


def briefing(text: str = VALID) -> Briefing:
    return read_briefing(text, path="b.yml")


def digest(text: str = DIGEST) -> Digest:
    return read_digest(text, path="d.yml")[0]


def two() -> dict[str, tuple[Briefing, str]]:
    return {
        "harbour-strike-ends": (briefing(), f"{SITE}briefings/harbour-strike-ends/"),
        "harbour-levy-agreed": (briefing(LEVY), f"{SITE}briefings/harbour-levy-agreed/"),
    }


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def test_the_email_has_each_briefing_with_its_points_and_credited_outlets() -> None:
    email = render_digest_email(digest(), WEB, two(), SETTINGS)
    assert (email.date, email.subject, email.web_url) == ("2025-11-11", "Tuesday, 11 November", WEB)
    page = soup(email.html)
    assert [h.get_text() for h in page.find_all("h2")] == ["Port Anselm", "Politics"]
    headlines = {h.a.get_text(): h.a["href"] for h in page.find_all("h3")}
    assert headlines == {
        "Harbour strike ends": f"{SITE}briefings/harbour-strike-ends/",
        "Harbour levy agreed": f"{SITE}briefings/harbour-levy-agreed/",
    }
    points = [li.get_text() for li in page.find_all("li")]
    assert points == [
        "Dock workers in Port Anselm return on Monday.",
        "Ships pay a new levy from May.",
    ]
    credit = page.find("p", class_="em-credit")
    assert credit.get_text() == "According to The Harbour Ledger and Nordvik Courier"
    # The outlet with an article links it; the one without is named only.
    assert [(a.get_text(), a["href"]) for a in credit.find_all("a")] == [
        ("The Harbour Ledger", "https://harbour-ledger.example/strike")
    ]
    assert "gone-briefing" not in email.html
    assert page.find(string="View in the browser").parent["href"] == WEB
    assert "1 Example Quay" in page.get_text()
    assert page.find("a", string="Unsubscribe")["href"] == DEFAULT_UNSUBSCRIBE
    assert page.title.get_text() == "Tuesday, 11 November"


def test_the_preheader_is_made_of_the_first_key_points_and_hidden() -> None:
    email = render_digest_email(digest(), WEB, two(), SETTINGS)
    assert email.preheader == (
        "Dock workers in Port Anselm return on Monday. · Ships pay a new levy from May."
    )
    hidden = soup(email.html).body.find("div")
    assert hidden.get_text().startswith(email.preheader)
    assert "display: none" in hidden["style"]


def test_the_layout_is_a_600px_presentation_table_with_inlined_css() -> None:
    page = soup(render_digest_email(digest(), WEB, two(), SETTINGS).html)
    card = page.find("table", class_="em-card")
    assert card["role"] == "presentation"
    assert card["width"] == "600"
    assert "max-width: 600px" in card["style"]
    assert all(t["role"] == "presentation" for t in page.find_all("table"))
    # The CSS is in style attributes; the one <style> block holds the dark-mode query only.
    assert page.find("p", class_="em-credit")["style"]
    assert page.find(class_="em-headline")["style"]
    styles = page.find_all("style")
    assert len(styles) == 1
    assert styles[0].parent.name == "head"
    assert "@media (prefers-color-scheme: dark)" in styles[0].get_text()
    assert re.sub(
        r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", styles[0].get_text()
    ).strip() == (":root { color-scheme: light dark; supported-color-schemes: light dark; }")
    metas = {m.get("name"): m.get("content") for m in page.find_all("meta")}
    assert metas["color-scheme"] == metas["supported-color-schemes"] == "light dark"
    for absent in ("script", "link", "img", "iframe", "form"):
        assert page.find(absent) is None, absent
    assert "@import" not in str(page)
    assert "@font-face" not in str(page)


def test_every_link_is_an_absolute_https_address_but_the_unsubscribe_placeholder() -> None:
    page = soup(render_digest_email(digest(), WEB, two(), SETTINGS).html)
    hrefs = [a["href"] for a in page.find_all("a")]
    assert len(hrefs) == 8  # top link, site, 2 headlines, 2 outlets, unsubscribe, footer link
    for href in hrefs:
        if href != DEFAULT_UNSUBSCRIBE:
            assert urlsplit(href).scheme == "https", href
            assert urlsplit(href).netloc, href


@pytest.mark.parametrize(
    "placeholder", ["{{ unsubscribe_url }}", "*|UNSUB|*", "{{ UnsubscribeURL }}"]
)
def test_the_unsubscribe_placeholder_is_configurable(placeholder: str) -> None:
    settings = EmailSettings(SETTINGS.site_name, SITE, "", unsubscribe_url=placeholder)
    email = render_digest_email(digest(), WEB, two(), settings)
    assert soup(email.html).find("a", string="Unsubscribe")["href"] == placeholder
    assert f'href="{placeholder}"' in email.html  # as written: the provider finds it
    assert email.text.splitlines()[-1] == placeholder


def hostile_inputs() -> tuple[Digest, dict[str, tuple[Briefing, str]]]:
    text = (
        VALID.replace("title: Harbour strike ends", f"title: '{PAYLOAD} {ATTRIBUTE}'")
        .replace(
            "- Dock workers in Port Anselm return on Monday.",
            f"- '{PAYLOAD} & {ATTRIBUTE}'",
        )
        .replace("name: The Harbour Ledger,", f"name: '{PAYLOAD}',")
    )
    # The loader refuses such an address; the renderer must not rely on it.
    ledger = Source.model_construct(name=PAYLOAD, url="javascript:alert(1)")
    hostile = briefing(text)
    hostile = hostile.model_copy(update={"sources": {**hostile.sources, "ledger": ledger}})
    d = digest(
        DIGEST.replace("Two harbour stories & a levy.", f"'{PAYLOAD} {ATTRIBUTE}'")
        .replace("title: Port Anselm", f"title: '{PAYLOAD}'")
        .replace("title: Tuesday, 11 November", f"title: '{ATTRIBUTE}'")
    )
    return d, {"harbour-strike-ends": (hostile, f"{SITE}briefings/harbour-strike-ends/")}


def test_hostile_text_stays_inert_in_the_html_and_the_text() -> None:
    d, briefings = hostile_inputs()
    email = render_digest_email(d, WEB, briefings, SETTINGS)
    page = soup(email.html)
    assert page.find("script") is None
    assert page.find("img") is None
    assert not [tag for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert "javascript:" not in email.html
    assert all(a["href"].startswith(("https://", "{{")) for a in page.find_all("a"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in email.html
    assert page.find("h1").get_text() == ATTRIBUTE  # shown as text
    assert page.find("h2").get_text() == PAYLOAD
    assert email.subject == ATTRIBUTE  # plain text: the message writer encodes it
    # The plain text shows the text as written, and no unsafe address.
    assert PAYLOAD in email.text
    assert "javascript:" not in email.text
    feed = soup(render_digest_content(d, briefings))
    assert feed.find("script") is None
    assert feed.find("img") is None
    assert "javascript:" not in str(feed)


def test_text_lines_are_at_most_78_characters_but_a_long_url() -> None:
    long_points = VALID.replace(
        "- Dock workers in Port Anselm return on Monday.",
        "- "
        + "Dock workers in Port Anselm return on Monday after a strike of nine days. " * 8
        + "\n  - "
        + "x" * 120,
    )
    briefings = {"harbour-strike-ends": (briefing(long_points), f"{SITE}briefings/{'s' * 90}/")}
    email = render_digest_email(digest(), WEB, briefings, SETTINGS)
    for line in email.text.splitlines():
        assert len(line) <= WIDTH or re.fullmatch(r"https://\S+", line), line
    assert f"{SITE}briefings/{'s' * 90}/" in email.text.splitlines()  # on its own line
    assert "Harbour strike ends" in email.text
    assert "According to The Harbour Ledger and Nordvik Courier" in email.text
    assert "https://harbour-ledger.example/strike" in email.text.splitlines()


def thirty_briefings(key_point: str) -> tuple[Digest, dict[str, tuple[Briefing, str]]]:
    slugs = [f"briefing-{n:02}" for n in range(30)]
    points = "\n".join(f"  - '{key_point} ({n})'" for n in range(5))
    text = VALID.replace(
        "key_points:\n  - Dock workers in Port Anselm return on Monday.",
        f"key_points:\n{points}",
    )
    found = {slug: (briefing(text), f"{SITE}briefings/{slug}/") for slug in slugs}
    d = digest(f"title: Thirty\ndate: 2025-11-11\nbriefings: [{', '.join(slugs)}]\n")
    return d, found


def size(email: object) -> int:
    return len(email.html.encode()) + len(email.text.encode())  # type: ignore[attr-defined]


def test_a_digest_of_30_briefings_fits_whole_under_the_limit() -> None:
    d, found = thirty_briefings("Dock workers in Port Anselm return on Monday after nine days.")
    email = render_digest_email(d, WEB, found, SETTINGS)
    assert size(email) < MAX_BYTES < 100_000
    assert len(soup(email.html).find_all("li")) == 150  # every key point
    assert SHORTENED not in email.html


def test_a_digest_too_long_for_an_email_is_shortened_and_says_so() -> None:
    d, found = thirty_briefings("A very long key point about the harbour. " * 100)  # 4 KB each
    email = render_digest_email(d, WEB, found, SETTINGS)
    assert size(email) < MAX_BYTES
    page = soup(email.html)
    assert len(page.find_all(class_="em-headline")) == 30  # every briefing still there
    assert len(page.find_all("li")) == 30  # its first key point only, shortened
    assert SHORTENED in page.get_text()
    assert SHORTENED.split(":")[0] in email.text


def test_a_digest_in_another_script_fits_under_the_limit_as_sent() -> None:
    """Non-Latin text grows on the wire (quoted-printable writes each byte of it as three): a
    Cyrillic digest of 70 KB, under the limit as UTF-8, was a message of 116 KB, which Gmail
    clips. The limit holds for the message as sent."""
    d, found = thirty_briefings(("Снежный театр открылся " * 3)[:60])
    email = render_digest_email(d, WEB, found, SETTINGS)
    message = make_message(email, MailSettings(sender="digest@news.example.org"), now=NOW)
    assert len(message.as_bytes()) < 100 * 1024
    assert len(soup(email.html).find_all(class_="em-headline")) == 30
    for part in message.iter_parts():
        assert part.get_content().replace("\r\n", "\n") in (email.html, email.text)


def test_the_feed_content_is_the_emails_body_without_the_document() -> None:
    content = render_digest_content(digest(), two())
    assert "<html" not in content
    assert "<head" not in content
    assert "<body" not in content
    page = soup(content)
    assert page.find("p", class_="em-note").get_text() == "Two harbour stories & a levy."
    assert page.find(class_="em-headline")["style"]  # inlined, as in the email
    email = soup(render_digest_email(digest(), WEB, two(), SETTINGS).html)
    assert [h.get_text() for h in page.find_all(class_="em-headline")] == [
        h.get_text() for h in email.find_all(class_="em-headline")
    ]


# -- in the plan ---------------------------------------------------------------------------------


def plan_inputs() -> tuple[list[Entry], list[tuple[Digest, Path]], PlanOptions]:
    found = plan_tests.entries()
    options = dataclasses.replace(plan_tests.OPTIONS, newsletter=SETTINGS)
    return found, [plan_tests.digest(found)], options


def test_the_plan_makes_each_published_digests_email_once() -> None:
    found, digests, options = plan_inputs()
    plan = plan_site(found, digests, options)
    (email,) = plan.emails
    assert email.date == "2025-11-30"
    assert email.web_url == "https://news.example/digests/2025-11-30/"
    # A later plan of the same digest and briefings reuses the email; a changed briefing not.
    assert plan_site(found, digests, options, previous=plan).emails[0] is email
    newest = max(found, key=lambda e: e.briefing.published)
    edited = dataclasses.replace(
        newest, briefing=newest.briefing.model_copy(update={"title": "A new headline"})
    )
    changed = [edited if e is newest else e for e in found]
    later = plan_site(changed, digests, options, previous=plan).emails[0]
    assert later is not email
    assert "A new headline" in later.html
    assert "A new headline" in later.text


def test_no_email_without_the_option_a_site_url_or_for_a_draft_digest() -> None:
    found, digests, options = plan_inputs()
    assert plan_site(found, digests, plan_tests.OPTIONS).emails == ()
    assert plan_site(found, digests, dataclasses.replace(options, site_url="")).emails == ()
    draft = [(digests[0][0].model_copy(update={"draft": True}), digests[0][1])]
    assert plan_site(found, draft, dataclasses.replace(options, drafts=True)).emails == ()


# -- any text ------------------------------------------------------------------------------------


def _email_property(site: tuple[list[Entry], list[Digest]]) -> None:
    """Whatever the text: the email's markup is only the renderer's own (no element, attribute
    or link the text brings in), its text lines fit, and it fits Gmail."""
    entries, (d,) = site
    found = {e.slug: (e.briefing, f"{SITE}briefings/{e.slug}/") for e in entries}
    email = render_digest_email(d, WEB, found, SETTINGS)
    page = soup(email.html)
    tags = {tag.name for tag in page.find_all(True)}
    assert tags <= OWN_TAGS, tags - OWN_TAGS
    for tag in page.find_all(True):
        assert set(tag.attrs) <= OWN_ATTRIBUTES, (tag.name, tag.attrs)
    for a in page.find_all("a"):
        assert a["href"] == DEFAULT_UNSUBSCRIBE or a["href"].startswith("https://"), a["href"]
    headlines = [h.get_text() for h in page.find_all(class_="em-headline")]
    assert headlines == [  # on one line, as every output shows text
        one_line(found[slug][0].title).replace("\x00", "")
        for _, slug in d.references()
        if slug in found
    ]
    for line in email.text.splitlines():
        assert len(line) <= WIDTH or re.fullmatch(r"\S+", line), line
    assert size(email) <= MAX_BYTES


OWN_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "div",
    "table",
    "tbody",
    "tr",
    "td",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "a",
    "em",
}  # fmt: skip  (tbody: css-inline's HTML parser adds it, as browsers do)
OWN_ATTRIBUTES = {
    "lang", "charset", "name", "content", "class", "style", "role", "width", "cellpadding",
    "cellspacing", "border", "align", "href", "aria-roledescription", "aria-label",
}  # fmt: skip


@fuzz(20)
@given(site=small_sites())
def test_any_text_gives_an_email_of_the_renderers_own_markup(
    site: tuple[list[Entry], list[Digest]],
) -> None:
    _email_property(site)


def test_no_email_for_a_digest_whose_every_briefing_is_a_draft_even_when_shown() -> None:
    """Under build_drafts (or serve) a digest listing only drafts is on the site; its email
    had no briefing at all, and `briefings email DATE --send` sent that empty email."""
    found, digests, options = plan_inputs()
    slugs = {slug for _, slug in digests[0][0].references()}
    drafted = [
        dataclasses.replace(e, briefing=e.briefing.model_copy(update={"draft": True}))
        if e.slug in slugs
        else e
        for e in found
    ]
    shown = dataclasses.replace(options, drafts=True)
    assert plan_site(drafted, digests, shown).emails == ()
