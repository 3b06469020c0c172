"""Sending a digest to a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS, AUTH) and reading
back what it received, the way a mail provider would."""

from __future__ import annotations

import json
import re
import socket
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from mkdocs_briefings.newsletter import DigestEmail
from mkdocs_briefings.newsletter.message import MailSettings
from mkdocs_briefings.newsletter.send import PartlySent, deliver, send_each

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

USER, PASSWORD = "newsroom", "correct horse battery staple"
REFUSED = "gone@readers.example.net"
NOW = datetime(2031, 5, 6, 7, 30, tzinfo=UTC)

# A fictional digest with hostile strings where a careless sender would let them through.
EMAIL = DigestEmail(
    date="2031-05-06",
    subject="Harbour Town daily: ferries <script>alert(1)</script>\r\nBcc: victim@evil.example",
    preheader="Ferries resume; the bridge vote is delayed.",
    html=(
        "<!DOCTYPE html><html><body><p>Ferries resume &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        '<p><a href="https://news.example.org/digests/2031-05-06/">View in the browser</a></p>'
        "<p>Café Zoë: naïve résumé</p></body></html>"
    ),
    text="Harbour Town daily\n\nFerries resume <script>alert(1)</script>\nCafé Zoë\n",
    web_url="https://news.example.org/digests/2031-05-06/",
)


@dataclass
class Inbox:
    """What the test server received: one (sender, recipients, message) per DATA."""

    received: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    quota: int | None = None
    """Refuse the sender (a provider's sending limit) once this many messages came in."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address == REFUSED:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("blocked@"):
            return "553 5.7.1 sender not allowed"
        if self.quota is not None and len(self.received) >= self.quota:
            return "550 5.4.5 Daily sending quota exceeded"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    inbox: Inbox
    port: int
    cafile: Path


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def server(tmp_path: Path, ca: trustme.CA) -> Iterator[Server]:
    """An SMTP server on 127.0.0.1 that wants STARTTLS (a certificate of a throwaway CA for
    127.0.0.1) and a login before any mail."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    inbox = Inbox()
    port = _free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=_authenticate,
    )
    controller.start()
    try:
        yield Server(inbox, port, cafile)
    finally:
        controller.stop()


def _settings(server: Server, tmp_path: Path) -> MailSettings:
    return MailSettings(
        sender="digest@news.example.org",
        sender_name="Harbour Town Briefings\r\nBcc: victim@evil.example",
        reply_to="desk@news.example.org",
        list_unsubscribe=(
            "mailto:unsubscribe@news.example.org?subject=unsubscribe",
            "https://news.example.org/unsubscribe",
        ),
        smtp_host="127.0.0.1",
        smtp_port=server.port,
        sent_record=tmp_path / ".briefings" / "sent.json",
        timeout=10,
    )


def _environ(server: Server, *, password: str = PASSWORD) -> dict[str, str]:
    return {
        "BRIEFINGS_SMTP_USER": USER,
        "BRIEFINGS_SMTP_PASSWORD": password,
        "BRIEFINGS_SMTP_CAFILE": str(server.cafile),
    }


def _deliver(server: Server, tmp_path: Path, **options: Any) -> tuple[int, list[str]]:
    lines: list[str] = []
    options.setdefault("environ", _environ(server))
    status = deliver(
        EMAIL, _settings(server, tmp_path), echo=lines.append, send=True, now=NOW, **options
    )
    return status, lines


def test_the_server_receives_one_multipart_message_with_every_header(
    server: Server, tmp_path: Path
) -> None:
    status, lines = _deliver(server, tmp_path, to="list@lists.example.com", dry_run=False)
    assert status == 0, lines
    [(sender, rcpts, message)] = server.inbox.received
    assert (sender, rcpts) == ("digest@news.example.org", ["list@lists.example.com"])
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    assert text.get_content().replace("\r\n", "\n") == EMAIL.text  # CRLF on the wire
    assert html.get_content().replace("\r\n", "\n").rstrip("\n") == EMAIL.html
    assert "<script>" not in html.get_content()
    assert message["To"] == "list@lists.example.com"
    assert message["From"].addresses[0].addr_spec == "digest@news.example.org"
    assert message["From"].addresses[0].display_name == (
        "Harbour Town Briefings Bcc: victim@evil.example"
    )
    assert message["Reply-To"] == "desk@news.example.org"
    assert message["Subject"] == (
        "Harbour Town daily: ferries <script>alert(1)</script> Bcc: victim@evil.example"
    )
    assert re.fullmatch(
        r"<digest-2031-05-06\.[0-9a-f]{12}@news\.example\.org>", message["Message-ID"]
    )
    assert message["Date"].datetime == NOW
    assert message["List-Unsubscribe"] == (
        "<mailto:unsubscribe@news.example.org?subject=unsubscribe>, "
        "<https://news.example.org/unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The line breaks of the subject and the name added no header of their own.
    assert "Bcc" not in message
    assert sorted(message.keys()) == sorted(
        [
            "From",
            "To",
            "Reply-To",
            "Subject",
            "Date",
            "Message-ID",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "Content-Type",
            "MIME-Version",
        ]
    )
    record = json.loads((tmp_path / ".briefings" / "sent.json").read_text(encoding="utf-8"))
    assert record == {
        "sent": [
            {
                "date": "2031-05-06",
                "message_id": message["Message-ID"],
                "when": "2031-05-06T07:30:00+00:00",
                "recipients": 1,
            }
        ]
    }
    assert lines[-1].startswith("sent 'Harbour Town daily: ferries <script>")
    assert "to 1 of 1 recipient (list@lists.example.com)" in lines[-1]


def test_the_record_stops_a_second_send_and_resend_sends_again(
    server: Server, tmp_path: Path
) -> None:
    assert _deliver(server, tmp_path, to="list@lists.example.com", dry_run=False)[0] == 0
    status, lines = _deliver(server, tmp_path, to="list@lists.example.com", dry_run=False)
    assert status == 1
    assert lines == [
        "error: the digest of 2031-05-06 was sent on 2031-05-06T07:30:00+00:00 to 1 recipient(s) "
        f"({tmp_path / '.briefings' / 'sent.json'}); pass --resend to send it again"
    ]
    assert len(server.inbox.received) == 1
    status, lines = _deliver(
        server, tmp_path, to="list@lists.example.com", dry_run=False, resend=True
    )
    assert status == 0, lines
    assert len(server.inbox.received) == 2
    record = json.loads((tmp_path / ".briefings" / "sent.json").read_text(encoding="utf-8"))
    assert [entry["date"] for entry in record["sent"]] == ["2031-05-06", "2031-05-06"]


def test_a_list_file_gets_one_message_each_and_a_refused_reader_is_named(
    server: Server, tmp_path: Path
) -> None:
    readers = tmp_path / "readers.txt"
    readers.write_text(
        f"# Harbour Town readers\nann@readers.example.net\n\n{REFUSED}  # moved away\n"
        "bo@readers.example.net\nANN@readers.example.net\n",
        encoding="utf-8",
    )
    status, lines = _deliver(server, tmp_path, list_file=readers, dry_run=False)
    assert status == 1
    assert [(rcpts, message["To"]) for _, rcpts, message in server.inbox.received] == [
        (["ann@readers.example.net"], "ann@readers.example.net"),
        (["bo@readers.example.net"], "bo@readers.example.net"),
    ]
    assert f"to 2 of 3 recipients (the readers of {readers})" in lines[0]
    assert lines[1:] == [
        f"error: the server refused {REFUSED}: 550 5.1.1 no such mailbox here",
        "error: send to the refused ones alone with --to ADDRESS --resend",
    ]
    record = json.loads((tmp_path / ".briefings" / "sent.json").read_text(encoding="utf-8"))
    assert record["sent"][0]["recipients"] == 2


def test_wrong_credentials_give_one_line_and_send_nothing(server: Server, tmp_path: Path) -> None:
    status, lines = _deliver(
        server,
        tmp_path,
        to="list@lists.example.com",
        dry_run=False,
        environ=_environ(server, password="wrong"),  # noqa: S106 (the test server's)
    )
    assert status == 1
    assert lines == [
        f"error: 127.0.0.1:{server.port} refused the login of 'newsroom' "
        "(535 5.7.8 Authentication credentials invalid); "
        "check BRIEFINGS_SMTP_USER and BRIEFINGS_SMTP_PASSWORD"
    ]
    assert server.inbox.received == []
    assert not (tmp_path / ".briefings").exists()


def test_an_untrusted_certificate_stops_before_the_password_is_sent(
    server: Server, tmp_path: Path
) -> None:
    environ = _environ(server)
    other_ca = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    environ["BRIEFINGS_SMTP_CAFILE"] = str(other_ca)
    status, lines = _deliver(
        server, tmp_path, to="list@lists.example.com", dry_run=False, environ=environ
    )
    assert status == 1
    [line] = lines
    assert line.startswith(
        f"error: 127.0.0.1:{server.port}: the server's certificate is not trusted"
    )
    assert server.inbox.received == []


def test_the_dry_run_says_what_would_go_out_and_sends_nothing(
    server: Server, tmp_path: Path
) -> None:
    status, lines = _deliver(server, tmp_path, to="list@lists.example.com")
    assert status == 0
    assert lines[0].startswith("dry run: would send 'Harbour Town daily: ferries <script>")
    assert (
        'from "Harbour Town Briefings Bcc: victim@evil.example" <digest@news.example.org>'
        in (lines[0])
    )
    assert "to 1 recipient (list@lists.example.com)" in lines[0]
    assert f"via 127.0.0.1:{server.port}, as newsroom" in lines[0]
    assert lines[1] == "dry run: nothing sent; add --no-dry-run to send"
    assert server.inbox.received == []
    assert not (tmp_path / ".briefings").exists()


def test_a_closed_port_gives_one_line(tmp_path: Path) -> None:
    lines: list[str] = []
    port = _free_port()
    settings = MailSettings(
        sender="digest@news.example.org",
        smtp_host="127.0.0.1",
        smtp_port=port,
        sent_record=tmp_path / "sent.json",
    )
    status = deliver(
        EMAIL,
        settings,
        echo=lines.append,
        send=True,
        dry_run=False,
        to="list@lists.example.com",
        environ={},
    )
    assert status == 1
    assert lines == [
        f"error: cannot connect to 127.0.0.1:{port}: connection refused; "
        "check newsletter_smtp_host/_port"
    ]


def test_a_refused_sender_gives_one_line(server: Server, tmp_path: Path) -> None:
    lines: list[str] = []
    settings = _settings(server, tmp_path)
    settings = MailSettings(**{**vars(settings), "sender": "blocked@news.example.org"})
    status = deliver(
        EMAIL,
        settings,
        echo=lines.append,
        send=True,
        dry_run=False,
        to="list@lists.example.com",
        environ=_environ(server),
    )
    assert status == 1
    assert lines == [
        "error: the server refused the sender blocked@news.example.org "
        "(553 5.7.1 sender not allowed); "
        "set newsletter_from to an address the provider lets you send from"
    ]
    assert server.inbox.received == []


def test_a_server_without_starttls_gets_neither_password_nor_mail(tmp_path: Path) -> None:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)  # no TLS at all
    controller.start()
    try:
        lines: list[str] = []
        settings = MailSettings(
            sender="digest@news.example.org",
            smtp_host="127.0.0.1",
            smtp_port=port,
            sent_record=tmp_path / "sent.json",
        )
        status = deliver(
            EMAIL,
            settings,
            echo=lines.append,
            send=True,
            dry_run=False,
            to="list@lists.example.com",
            environ={"BRIEFINGS_SMTP_USER": USER, "BRIEFINGS_SMTP_PASSWORD": PASSWORD},
        )
    finally:
        controller.stop()
    assert status == 1
    assert lines == [
        f"error: 127.0.0.1:{port} offers no STARTTLS; refusing to send the password and the "
        "mail unencrypted; use the provider's submission port (587)"
    ]
    assert inbox.received == []


def test_a_silent_server_times_out_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as listener:  # accepts connections, never says a word
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        lines: list[str] = []
        settings = MailSettings(
            sender="digest@news.example.org",
            smtp_host="127.0.0.1",
            smtp_port=port,
            sent_record=tmp_path / "sent.json",
            timeout=0.5,
        )
        status = deliver(
            EMAIL,
            settings,
            echo=lines.append,
            send=True,
            dry_run=False,
            to="list@lists.example.com",
            environ={},
        )
    assert status == 1
    assert lines == [
        f"error: 127.0.0.1:{port} did not answer within 0.5 s; check the host and port"
    ]


def test_without_a_server_even_the_dry_run_says_what_to_set(tmp_path: Path) -> None:
    lines: list[str] = []
    settings = MailSettings(sender="digest@news.example.org", sent_record=tmp_path / "s.json")
    status = deliver(EMAIL, settings, echo=lines.append, send=True, to="list@lists.example.com")
    assert status == 1
    assert lines == ["error: no SMTP server; set newsletter_smtp_host in mkdocs.yml"]


def test_a_message_gmail_would_clip_is_named_in_the_dry_run(tmp_path: Path) -> None:
    lines: list[str] = []
    big = DigestEmail(**{**vars(EMAIL), "html": "<p>" + "Ferries resume. " * 8000 + "</p>"})
    settings = MailSettings(
        sender="digest@news.example.org", smtp_host="smtp.example.org", sent_record=tmp_path / "s"
    )
    status = deliver(big, settings, echo=lines.append, send=True, to="list@lists.example.com")
    assert status == 0
    assert lines[0].startswith("warning: the message is ")
    assert lines[0].endswith(
        "KB; Gmail shows only the first 102 KB of a message, with a link to the rest"
    )


def test_a_sending_stopped_half_way_records_who_got_it(server: Server, tmp_path: Path) -> None:
    """A provider's sending quota reached after two readers (550 at MAIL FROM): those two
    have the digest, so a second run without --resend must not send it to them again."""
    readers = tmp_path / "readers.txt"
    readers.write_text(
        "ann@readers.example.net\nbo@readers.example.net\ncy@readers.example.net\n",
        encoding="utf-8",
    )
    server.inbox.quota = 2
    status, lines = _deliver(server, tmp_path, list_file=readers, dry_run=False)
    assert status == 1
    assert len(server.inbox.received) == 2
    assert lines[-1].startswith("error: ")
    assert "2 of 3 recipients got it" in lines[-1]
    record = json.loads((tmp_path / ".briefings" / "sent.json").read_text(encoding="utf-8"))
    assert [entry["recipients"] for entry in record["sent"]] == [2]
    server.inbox.quota = None
    status, lines = _deliver(server, tmp_path, list_file=readers, dry_run=False)
    assert status == 1
    assert "pass --resend" in lines[0]
    assert len(server.inbox.received) == 2


def test_ctrl_c_while_sending_names_who_got_it() -> None:
    """Ctrl-C half-way through a long list was a traceback, and nobody was recorded, so the
    next run sent the digest again to those who had it."""

    class Connection:
        sent: list[str] = []  # noqa: RUF012 (the fake's own record)

        def send_message(self, message: EmailMessage, **_: Any) -> None:
            self.sent.append(message["To"])

    def make(recipient: str) -> EmailMessage:
        if recipient.startswith("cy@"):
            raise KeyboardInterrupt
        message = EmailMessage()
        message["To"] = recipient
        return message

    readers = ["ann@readers.example.net", "bo@readers.example.net", "cy@readers.example.net"]
    with pytest.raises(PartlySent) as stopped:
        send_each(Connection(), make, "digest@news.example.org", readers)  # type: ignore[arg-type]
    assert stopped.value.sent == readers[:2]
    assert "interrupted" in str(stopped.value)
