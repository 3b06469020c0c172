"""A digest's email as a standard message: headers from the settings, text and HTML parts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import errors as email_errors
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..writing import write_atomically

if TYPE_CHECKING:
    from . import DigestEmail

SENT_RECORD = ".briefings/sent.json"
"""Where the record of sent digests is kept by default, relative to mkdocs.yml."""


@dataclass(frozen=True)
class MailSettings:
    """Who a digest's email comes from, how it goes out, and where its sending is recorded.

    Attributes:
        sender: The From address (``newsletter_from``), e.g. ``digest@news.example.org``.
        sender_name: The name shown with it (``newsletter_from_name``); none when empty.
        reply_to: Where replies go (``newsletter_reply_to``), if not to the sender.
        list_unsubscribe: ``mailto:`` and ``https:`` addresses for the List-Unsubscribe header.
        smtp_host: The SMTP server (``newsletter_smtp_host``); needed only to send.
        smtp_port: Its submission port, with STARTTLS (587).
        sent_record: The JSON file recording what was sent (absolute, or relative to the
            working directory).
        timeout: Seconds to wait for the server before giving up.
    """

    sender: str
    sender_name: str = ""
    reply_to: str | None = None
    list_unsubscribe: tuple[str, ...] = ()
    smtp_host: str | None = None
    smtp_port: int = 587
    sent_record: Path = field(default_factory=lambda: Path(SENT_RECORD))
    timeout: float = 30.0


def parse_address(text: str) -> Address:
    """One plain e-mail address (``reader@example.org``), checked.

    Raises:
        ValueError: saying what is wrong with it, in words for people.
    """
    if not text or text != text.strip() or any(ch in text for ch in "\r\n\t <>,;"):
        raise ValueError(f"{text!r} is not one e-mail address; write it as reader@example.org")
    if not text.isascii():
        raise ValueError(f"{text!r}: non-ASCII addresses cannot be sent; use an ASCII address")
    try:
        address = Address(addr_spec=text)
    except (ValueError, email_errors.HeaderParseError):
        raise ValueError(
            f"{text!r} is not an e-mail address; write it as reader@example.org"
        ) from None
    if not address.username or "." not in address.domain.strip("."):
        raise ValueError(f"{text!r} has no domain; write it as reader@example.org")
    return address


def check_mail_settings(settings: MailSettings) -> list[str]:
    """What is wrong with the settings, one sentence per option (empty when all is well)."""
    problems = []
    for option, value in (
        ("newsletter_from", settings.sender),
        ("newsletter_reply_to", settings.reply_to),
    ):
        if value is not None:
            try:
                parse_address(value)
            except ValueError as exc:
                problems.append(f"{option}: {exc}")
    if one_line(settings.sender_name) != settings.sender_name.strip():
        problems.append("newsletter_from_name: write the name on one line")
    for value in settings.list_unsubscribe:
        if not _UNSUBSCRIBE.fullmatch(value):
            problems.append(
                f"newsletter_list_unsubscribe: {value!r} is neither a mailto: nor an https: "
                "address; give e.g. mailto:unsubscribe@example.org or https://example.org/unsubscribe"
            )
    if settings.smtp_host is not None and not _HOST.fullmatch(settings.smtp_host):
        problems.append(
            f"newsletter_smtp_host: {settings.smtp_host!r} is not a host name, "
            "e.g. smtp.example.org"
        )
    if not 0 < settings.smtp_port < 65536:
        problems.append(f"newsletter_smtp_port: {settings.smtp_port} is not a port, e.g. 587")
    return problems


_UNSUBSCRIBE = re.compile(r"(?:mailto:[^@\s<>,]+@|https://)[^\s<>,]+")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")


def one_line(text: str) -> str:
    """Text for a header: every run of whitespace, line breaks included, becomes one space.

    Why: a subject or name read from YAML may hold a line break, which in a header would
    start a header of its own (Bcc: ...): the injection this forbids.
    """
    return " ".join(text.split())


def message_id(email: DigestEmail, settings: MailSettings) -> str:
    """The message's Message-ID: one per digest day, content and sending domain, the same each
    time the same email is made, so that a provider or a mailbox can drop a second copy.

    Why the content: a mailbox drops a message whose Message-ID it holds (Gmail does), so a
    digest corrected and sent again (--resend) needs an id of its own to reach those readers.
    """
    domain = parse_address(settings.sender).domain.lower()
    made = hashlib.sha256(f"{email.subject}\0{email.html}\0{email.text}".encode()).hexdigest()
    return f"<digest-{email.date}.{made[:12]}@{domain}>"


_WIRE_WIDTH = 78
"""A line's length on the wire (the email package's ``max_line_length``)."""
_ESCAPED = bytes(range(128, 256)) + b"="
"""The bytes quoted-printable writes as three (``=D0``)."""


def transfer_encoding(text: str) -> tuple[str | None, int]:
    """How a part of ``text`` goes on the wire: its Content-Transfer-Encoding (None: as it
    is, 7bit) and about how many bytes it takes then; quoted-printable or base64, whichever
    is smaller.

    Why: left to choose, the email package looks at a part's first ten lines only, so an HTML
    part whose head is ASCII went quoted-printable, three bytes for each byte of Cyrillic,
    Greek or Arabic text (a 70 KB Cyrillic digest was a 116 KB message, which Gmail clips).
    Counted with ``bytes.translate`` rather than encoded: a build measures every digest.
    """
    data = text.encode()
    lines = text.count("\n") + 1
    if text.isascii() and all(len(line) <= _WIRE_WIDTH for line in text.splitlines()):
        return None, len(data) + lines
    escaped = len(data) - len(data.translate(None, _ESCAPED))
    qp = len(data) + 2 * escaped
    qp += 3 * (qp // (_WIRE_WIDTH - 3)) + lines  # soft line breaks (=CRLF), line ends
    base64 = -(-len(data) // 57) * 78  # 57 bytes a line of 76 characters and CRLF
    return ("base64", base64) if base64 < qp else ("quoted-printable", qp)


def make_message(
    email: DigestEmail,
    settings: MailSettings,
    *,
    to: str | None = None,
    now: datetime | None = None,
) -> EmailMessage:
    """The digest's email as a multipart/alternative message: the plain text first, then
    the HTML (mail clients show the last part they can), both UTF-8.

    Args:
        email: The digest's email.
        settings: Sender, Reply-To and List-Unsubscribe addresses.
        to: The To address (a reader, or a provider's list address); the sender's own
            address when None.
        now: The Date header's moment (now when None).

    Raises:
        ValueError: when an address in the settings or ``to`` is not an e-mail address.
    """
    message = EmailMessage(policy=policy.SMTP)
    sender = parse_address(settings.sender)
    message["From"] = Address(one_line(settings.sender_name), addr_spec=sender.addr_spec)
    message["To"] = parse_address(to or settings.sender)
    if settings.reply_to:
        message["Reply-To"] = parse_address(settings.reply_to)
    message["Subject"] = one_line(email.subject)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = message_id(email, settings)
    unsubscribe = [value for value in settings.list_unsubscribe if _UNSUBSCRIBE.fullmatch(value)]
    if unsubscribe:
        message["List-Unsubscribe"] = ", ".join(f"<{value}>" for value in unsubscribe)
        if any(value.startswith("https://") for value in unsubscribe):
            # RFC 8058: one-click unsubscribing, which Gmail and Yahoo ask bulk senders for.
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(
        email.text, subtype="plain", charset="utf-8", cte=transfer_encoding(email.text)[0]
    )
    message.add_alternative(
        email.html, subtype="html", charset="utf-8", cte=transfer_encoding(email.html)[0]
    )
    return message


def write_eml(message: EmailMessage, path: Path, *, force: bool = False) -> None:
    """Write the message as a .eml file (CRLF lines, as sent), never half a file.

    Raises:
        FileExistsError: when ``path`` exists and ``force`` is False.
        OSError: when the file cannot be written.
    """
    write_atomically(path, message.as_bytes(policy=policy.SMTP), replace=force)
