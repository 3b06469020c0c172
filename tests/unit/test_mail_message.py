"""The digest's message, its .eml file, the list file and the mail settings (no server)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from email import message_from_bytes, policy
from typing import TYPE_CHECKING

import pytest

from mkdocs_briefings.newsletter import DigestEmail
from mkdocs_briefings.newsletter.message import (
    MailSettings,
    check_mail_settings,
    make_message,
    parse_address,
    write_eml,
)
from mkdocs_briefings.newsletter.recipients import RecipientsError, parse_recipients
from mkdocs_briefings.newsletter.send import deliver

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2031, 5, 6, 7, 30, tzinfo=UTC)
EMAIL = DigestEmail(
    date="2031-05-06",
    subject="Ünïcode daily\nX-Injected: yes\r\nBcc: victim@evil.example",
    preheader="Ferries resume.",
    html="<p>Ferries resume</p>",
    text="Ferries resume\n",
    web_url="https://news.example.org/digests/2031-05-06/",
)
SETTINGS = MailSettings(sender="digest@news.example.org", sender_name="Harbour Town Briefings")


def test_line_breaks_in_the_subject_add_no_header_and_non_ascii_is_encoded() -> None:
    message = make_message(EMAIL, SETTINGS, to="list@lists.example.com", now=NOW)
    raw = message.as_bytes()
    assert raw.isascii()  # RFC 2047 words in the headers, quoted-printable or base64 bodies
    assert b"\r\nX-Injected" not in raw
    assert b"\r\nBcc" not in raw
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "Ünïcode daily X-Injected: yes Bcc: victim@evil.example"
    assert "X-Injected" not in parsed
    assert "Bcc" not in parsed
    assert "List-Unsubscribe" not in parsed  # none configured


def test_the_message_id_is_the_same_each_time() -> None:
    first = make_message(EMAIL, SETTINGS, now=NOW)
    second = make_message(EMAIL, SETTINGS, now=datetime(2031, 5, 7, tzinfo=UTC))
    assert first["Message-ID"] == second["Message-ID"]
    assert first["Message-ID"].startswith("<digest-2031-05-06.")
    assert first["Message-ID"].endswith("@news.example.org>")
    assert first["To"] == "digest@news.example.org"  # no reader named: the sender's own


def test_a_corrected_digest_gets_a_message_id_of_its_own() -> None:
    """--resend after a correction: a mailbox (Gmail) drops a message whose Message-ID it
    holds already, so the corrected digest never reached those who had the first one."""
    corrected = dataclasses.replace(
        EMAIL, html=EMAIL.html.replace("Ferries", "Ferries (corrected)"), text=EMAIL.text + "."
    )
    first = make_message(EMAIL, SETTINGS, now=NOW)["Message-ID"]
    assert make_message(corrected, SETTINGS, now=NOW)["Message-ID"] != first
    assert make_message(EMAIL, SETTINGS, now=NOW)["Message-ID"] == first


def test_only_https_unsubscribing_asks_for_one_click() -> None:
    settings = MailSettings(
        sender="digest@news.example.org", list_unsubscribe=("mailto:leave@news.example.org",)
    )
    message = make_message(EMAIL, settings, now=NOW)
    assert message["List-Unsubscribe"] == "<mailto:leave@news.example.org>"
    assert "List-Unsubscribe-Post" not in message


def test_write_eml_never_replaces_without_force(tmp_path: Path) -> None:
    path = tmp_path / "out" / "2031-05-06.eml"
    write_eml(make_message(EMAIL, SETTINGS, now=NOW), path)
    first = path.read_bytes()
    assert b"\r\nContent-Type: multipart/alternative" in first
    with pytest.raises(FileExistsError):
        write_eml(make_message(EMAIL, SETTINGS, now=datetime(2031, 6, 1, tzinfo=UTC)), path)
    assert path.read_bytes() == first
    write_eml(make_message(EMAIL, SETTINGS, now=datetime(2031, 6, 1, tzinfo=UTC)), path, force=True)
    assert path.read_bytes() != first
    assert [p.name for p in path.parent.iterdir()] == ["2031-05-06.eml"]  # no temporary file


def test_deliver_writes_the_eml_and_says_so(tmp_path: Path) -> None:
    lines: list[str] = []
    path = tmp_path / "digest.eml"
    assert deliver(EMAIL, SETTINGS, echo=lines.append, eml=path, now=NOW) == 0
    assert lines == [f"wrote {path}"]
    assert deliver(EMAIL, SETTINGS, echo=lines.append, eml=path, now=NOW) == 1
    assert lines[-1] == f"error: {path} exists; pass --force to replace it"


def test_send_needs_exactly_one_kind_of_recipient(tmp_path: Path) -> None:
    lines: list[str] = []
    settings = MailSettings(sender="digest@news.example.org", sent_record=tmp_path / "s.json")
    assert deliver(EMAIL, settings, echo=lines.append, send=True, environ={}) == 1
    assert lines == [
        "error: say who gets the digest: --to LIST_ADDRESS (a provider's list) or --list FILE"
    ]
    lines.clear()
    status = deliver(EMAIL, settings, echo=lines.append, send=True, to="not an address")
    assert status == 1
    assert lines == [
        "error: --to: 'not an address' is not one e-mail address; write it as reader@example.org"
    ]


def test_a_list_file_skips_comments_and_blank_lines_and_drops_repeats() -> None:
    text = "# readers\n\nann@example.net  # since 2030\nbo@example.net\nAnn@Example.net\n"
    assert parse_recipients(text, path="readers.txt") == ["ann@example.net", "bo@example.net"]


def test_a_list_file_reports_every_bad_line_with_its_number() -> None:
    text = "ann@example.net\nbo at example.net\n\n<cy@example.net>\ndee@localhost\n"
    with pytest.raises(RecipientsError) as exc:
        parse_recipients(text, path="readers.txt")
    assert exc.value.lines == [
        "readers.txt:2: 'bo at example.net' is not one e-mail address; write it as reader@example.org",
        "readers.txt:4: '<cy@example.net>' is not one e-mail address; write it as reader@example.org",
        "readers.txt:5: 'dee@localhost' has no domain; write it as reader@example.org",
    ]


def test_an_empty_list_file_is_an_error() -> None:
    with pytest.raises(RecipientsError) as exc:
        parse_recipients("# nobody yet\n", path="readers.txt")
    assert exc.value.lines == [
        "readers.txt:1: no address; write one per line, e.g. reader@example.org"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("é@example.org", "non-ASCII addresses cannot be sent"),
        ("a@@example.org", "is not an e-mail address"),
        ("a@example.org\r\nBcc: b@example.org", "is not one e-mail address"),
    ],
)
def test_parse_address_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_address(text)


def test_check_mail_settings_names_each_bad_option() -> None:
    settings = MailSettings(
        sender="digest",
        sender_name="Harbour\nTown",
        reply_to="desk@news.example.org",
        list_unsubscribe=("http://news.example.org/leave", "mailto:leave@news.example.org"),
        smtp_host="smtp example org",
        smtp_port=0,
    )
    assert check_mail_settings(settings) == [
        "newsletter_from: 'digest' is not an e-mail address; write it as reader@example.org",
        "newsletter_from_name: write the name on one line",
        "newsletter_list_unsubscribe: 'http://news.example.org/leave' is neither a mailto: nor "
        "an https: address; give e.g. mailto:unsubscribe@example.org or "
        "https://example.org/unsubscribe",
        "newsletter_smtp_host: 'smtp example org' is not a host name, e.g. smtp.example.org",
        "newsletter_smtp_port: 0 is not a port, e.g. 587",
    ]
    assert check_mail_settings(SETTINGS) == []


def test_long_subjects_names_and_html_lines_are_folded_for_the_wire() -> None:
    """RFC 5322 allows at most 998 characters a line; the email package folds headers and
    encodes a long HTML line, so no server rejects or breaks the message."""
    email = DigestEmail(
        date="2031-05-06",
        subject="Ferries resume " * 40,
        preheader="",
        html="<p>" + "Ferries resume. " * 900 + "</p>",
        text="Ferries resume.\n",
        web_url="https://news.example.org/digests/2031-05-06/",
    )
    settings = MailSettings(sender="digest@news.example.org", sender_name="Harbour Town " * 20)
    raw = make_message(email, settings, now=NOW).as_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == ("Ferries resume " * 40).strip()
    html = parsed.get_body(("html",))
    assert html is not None
    assert html.get_content().strip() == email.html
