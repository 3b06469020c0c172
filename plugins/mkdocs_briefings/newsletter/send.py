"""Sending a digest's email through SMTP with STARTTLS, once, with a dry run by default."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..writing import write_atomically
from .message import make_message, message_id, one_line, parse_address, write_eml
from .recipients import RecipientsError, read_recipients

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from email.message import EmailMessage
    from pathlib import Path

    from . import DigestEmail
    from .message import MailSettings

USER_VARIABLE = "BRIEFINGS_SMTP_USER"
"""The environment variable holding the SMTP user name (no login when unset)."""
PASSWORD_VARIABLE = "BRIEFINGS_SMTP_PASSWORD"  # noqa: S105 (the variable's name, not a password)
"""The environment variable holding the SMTP password."""
CAFILE_VARIABLE = "BRIEFINGS_SMTP_CAFILE"
"""An optional PEM file of certificate authorities to trust instead of the system's."""


CLIPPED = 102 * 1024
"""Gmail cuts messages larger than this (about 102 KB) short behind a "View entire message"."""


class SendError(Exception):
    """Sending stopped: ``str(error)`` is one line saying why and what to do."""


class PartlySent(SendError):
    """Sending stopped after ``sent`` (the recipients who got the message already)."""

    def __init__(self, message: str, sent: list[str]) -> None:
        super().__init__(message)
        self.sent = sent


@dataclass(frozen=True)
class SentEntry:
    """One line of the record of what was sent."""

    date: str
    message_id: str
    when: str
    recipients: int


# The record of sent digests ---------------------------------------------------------------


def read_record(path: Path) -> list[SentEntry]:
    """The record's entries (none when the file does not exist yet).

    Raises:
        SendError: when the file is not a record this module wrote.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [SentEntry(**entry) for entry in data["sent"]]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise SendError(f"{path}: cannot read the record of sent digests: {exc.strerror}") from None
    except (ValueError, TypeError, KeyError):
        raise SendError(
            f"{path}: not a record of sent digests; restore it from git or remove it "
            "(then nothing counts as sent)"
        ) from None


def write_record(path: Path, entries: list[SentEntry]) -> None:
    """Write the record in one step, so an interruption never leaves half of it."""
    data = {"sent": [vars(entry) for entry in entries]}
    write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def find_sent(entries: list[SentEntry], date: str) -> SentEntry | None:
    """The last time the digest of ``date`` was sent, if ever."""
    return next((entry for entry in reversed(entries) if entry.date == date), None)


# SMTP ----------------------------------------------------------------------------------------


def tls_context(environ: Mapping[str, str]) -> ssl.SSLContext:
    """The certificate check for the server: the system's authorities, or those of the PEM
    file named by BRIEFINGS_SMTP_CAFILE (a private server, the tests' own)."""
    cafile = environ.get(CAFILE_VARIABLE) or None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise SendError(
            f"{CAFILE_VARIABLE}={cafile}: not a readable PEM file of certificates ({exc})"
        ) from None


def _reply(code: int, text: bytes | str) -> str:
    """A server's reply on one line: ``550 no such user``."""
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return one_line(f"{code} {words}")


def open_connection(settings: MailSettings, environ: Mapping[str, str]) -> smtplib.SMTP:
    """A connection to the server, encrypted with STARTTLS, logged in when a user is set.

    Raises:
        SendError: when the server cannot be reached, offers no STARTTLS, fails the
            certificate check or refuses the login.
    """
    host, port = settings.smtp_host, settings.smtp_port
    if not host:
        raise SendError("no SMTP server; set newsletter_smtp_host in mkdocs.yml")
    where = f"{host}:{port}"
    user = environ.get(USER_VARIABLE, "")
    password = environ.get(PASSWORD_VARIABLE, "")
    if user and not password:
        raise SendError(f"{USER_VARIABLE} is set but {PASSWORD_VARIABLE} is not; set both")
    context = tls_context(environ)
    smtp: smtplib.SMTP | None = None
    try:
        smtp = smtplib.SMTP(host, port, timeout=settings.timeout)
        smtp.ehlo()
        if not smtp.has_extn("starttls"):
            raise SendError(
                f"{where} offers no STARTTLS; refusing to send the password and the mail "
                "unencrypted; use the provider's submission port (587)"
            )
        smtp.starttls(context=context)
        smtp.ehlo()
        if user:
            smtp.login(user, password)
    except BaseException as exc:
        if smtp is not None:
            smtp.close()
        if isinstance(exc, SendError):
            raise
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            raise SendError(
                f"{where} refused the login of {user!r} ({_reply(exc.smtp_code, exc.smtp_error)}); "
                f"check {USER_VARIABLE} and {PASSWORD_VARIABLE}"
            ) from None
        if isinstance(exc, Exception):
            raise SendError(_connection_problem(exc, where, settings)) from None
        raise
    return smtp


def _connection_problem(exc: Exception, where: str, settings: MailSettings) -> str:
    """One line for a failed connection, saying what to check."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"{where}: the server's certificate is not trusted ({exc.verify_message}); "
            f"check newsletter_smtp_host, or name its authority in {CAFILE_VARIABLE}"
        )
    if isinstance(exc, ssl.SSLError):
        return f"{where}: TLS failed ({exc.reason or exc}); is this an SMTP port with STARTTLS?"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot connect to {where}: connection refused; check newsletter_smtp_host/_port"
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
        # smtplib turns a read that timed out into SMTPServerDisconnected.
        return f"{where} did not answer within {settings.timeout:g} s; check the host and port"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPException):
        return f"{where}: {one_line(str(exc)) or type(exc).__name__}"
    if isinstance(exc, OSError):
        return f"cannot connect to {where}: {exc.strerror or exc}; check newsletter_smtp_host"
    raise exc


def send_each(
    smtp: smtplib.SMTP,
    make: Callable[[str], EmailMessage],
    sender: str,
    recipients: list[str],
) -> dict[str, str]:
    """Send one message per recipient over an open connection.

    Returns:
        The refused recipients, each with the server's reply.

    Raises:
        SendError: when the server refuses the sender or drops the connection (nothing more
            can go out then); `PartlySent`, naming who got it, when some got it before.
    """
    refused: dict[str, str] = {}
    sent: list[str] = []
    for recipient in recipients:
        try:
            smtp.send_message(make(recipient), from_addr=sender, to_addrs=[recipient])
            sent.append(recipient)
        except smtplib.SMTPRecipientsRefused as exc:
            refused.update({rcpt: _reply(*reply) for rcpt, reply in exc.recipients.items()})
        except smtplib.SMTPSenderRefused as exc:
            raise PartlySent(
                f"the server refused the sender {sender} "
                f"({_reply(exc.smtp_code, exc.smtp_error)}); "
                "set newsletter_from to an address the provider lets you send from",
                sent,
            ) from None
        except smtplib.SMTPDataError as exc:
            refused[recipient] = _reply(exc.smtp_code, exc.smtp_error)
        except KeyboardInterrupt:
            # Said and recorded like any other stop, rather than a traceback that forgets them.
            raise PartlySent(f"interrupted (Ctrl-C) while sending to {recipient}", sent) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise PartlySent(
                f"the connection failed while sending to {recipient}: "
                f"{one_line(str(exc)) or type(exc).__name__}",
                sent,
            ) from None
    return refused


# The command's work ------------------------------------------------------------------------


def deliver(
    email: DigestEmail,
    settings: MailSettings,
    *,
    echo: Callable[[str], object],
    eml: Path | None = None,
    force: bool = False,
    send: bool = False,
    dry_run: bool = True,
    resend: bool = False,
    to: str | None = None,
    list_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Write the digest's message as a .eml file and/or send it, as `briefings email` asks.

    Sending is a dry run unless ``dry_run`` is False: it says what would go out and sends
    nothing. A digest recorded as sent in ``settings.sent_record`` is not sent again unless
    ``resend``. Each reader gets a message of their own (To: their address); a provider's
    list address (``to``) gets one.

    Args:
        email: The digest's email.
        settings: Sender, headers, server and record.
        echo: Prints one line (problems start with ``error:`` or ``warning:``).
        eml: Write the message here (To: ``to``, or the sender).
        force: Replace an existing ``eml`` file.
        send: Send the message (to ``to`` or to the addresses of ``list_file``).
        dry_run: With ``send``: only say what would be sent.
        resend: Send even if the record says the digest was sent.
        to: One address to send to (e.g. a provider's list address).
        list_file: A file of addresses, one per line.
        environ: Where the credentials are read (``os.environ`` when None).
        now: The Date header's and the record's moment (now when None).

    Returns:
        The exit status: 0 when everything asked for was done, 1 otherwise.
    """
    env = os.environ if environ is None else environ
    moment = now or datetime.now(UTC)
    try:
        if eml is not None:
            _write(email, settings, eml, to=to, force=force, now=moment)
            echo(f"wrote {eml}")
        if send:
            return _send(
                email,
                settings,
                echo=echo,
                dry_run=dry_run,
                resend=resend,
                recipients=_recipients(to, list_file),
                environ=env,
                now=moment,
            )
    except (SendError, RecipientsError) as exc:
        for line in str(exc).splitlines():
            echo(f"error: {line}")
        return 1
    return 0


def _write(
    email: DigestEmail,
    settings: MailSettings,
    path: Path,
    *,
    to: str | None,
    force: bool,
    now: datetime,
) -> None:
    try:
        write_eml(_message(email, settings, to=to, now=now), path, force=force)
    except FileExistsError:
        raise SendError(f"{path} exists; pass --force to replace it") from None
    except OSError as exc:
        raise SendError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _message(
    email: DigestEmail, settings: MailSettings, *, to: str | None, now: datetime
) -> EmailMessage:
    try:
        return make_message(email, settings, to=to, now=now)
    except ValueError as exc:
        raise SendError(str(exc)) from None


def _recipients(to: str | None, list_file: Path | None) -> tuple[str, list[str]]:
    """Who gets the message: a description for people, and the addresses."""
    if (to is None) == (list_file is None):
        raise SendError(
            "say who gets the digest: --to LIST_ADDRESS (a provider's list) or --list FILE"
        )
    if list_file is not None:
        return f"the readers of {list_file}", read_recipients(list_file)
    assert to is not None  # noqa: S101 (checked above; for mypy)
    try:
        parse_address(to)
    except ValueError as exc:
        raise SendError(f"--to: {exc}") from None
    return to, [to]


def _send(
    email: DigestEmail,
    settings: MailSettings,
    *,
    echo: Callable[[str], object],
    dry_run: bool,
    resend: bool,
    recipients: tuple[str, list[str]],
    environ: Mapping[str, str],
    now: datetime,
) -> int:
    who, addresses = recipients
    if not settings.smtp_host:
        raise SendError("no SMTP server; set newsletter_smtp_host in mkdocs.yml")
    record = settings.sent_record
    entries = read_record(record)
    sent = find_sent(entries, email.date)
    if sent is not None and not resend:
        raise SendError(
            f"the digest of {email.date} was sent on {sent.when} to {sent.recipients} "
            f"recipient(s) ({record}); pass --resend to send it again"
        )
    sample = _message(email, settings, to=addresses[0], now=now)

    def summary(count: str) -> str:
        return (
            f"{sample['Subject']!r} from {sample['From']} to {count} ({who}), "
            f"{len(sample.as_bytes()) / 1024:.1f} KB each, "
            f"via {settings.smtp_host}:{settings.smtp_port}"
        )

    total = f"{len(addresses)} recipient{'s' if len(addresses) != 1 else ''}"
    if len(sample.as_bytes()) > CLIPPED:
        echo(
            f"warning: the message is {len(sample.as_bytes()) / 1024:.0f} KB; Gmail shows only "
            f"the first {CLIPPED // 1024} KB of a message, with a link to the rest"
        )
    if dry_run:
        login = environ.get(USER_VARIABLE) or f"no login ({USER_VARIABLE} unset)"
        echo(f"dry run: would send {summary(total)}, as {login}")
        echo("dry run: nothing sent; add --no-dry-run to send")
        return 0
    smtp = open_connection(settings, environ)
    try:
        refused = send_each(
            smtp,
            lambda rcpt: _message(email, settings, to=rcpt, now=now),
            settings.sender,
            addresses,
        )
    except PartlySent as exc:
        if not exc.sent:
            raise SendError(str(exc)) from None
        # Those who got it are recorded, so that a second run does not send it to them again.
        _record(email, settings, entries, len(exc.sent), now)
        raise SendError(
            f"{exc}\n{len(exc.sent)} of {total} got it before sending stopped; recorded in "
            f"{record}; send to the others with --list FILE (the rest of them) --resend"
        ) from None
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    delivered = len(addresses) - len(refused)
    if delivered:
        _record(email, settings, entries, delivered, now)
        echo(f"sent {summary(f'{delivered} of {total}')}; recorded in {record}")
    for rcpt, reply in refused.items():
        echo(f"error: the server refused {rcpt}: {reply}")
    if refused and delivered:
        echo("error: send to the refused ones alone with --to ADDRESS --resend")
    return 1 if refused else 0


def _record(
    email: DigestEmail,
    settings: MailSettings,
    entries: list[SentEntry],
    delivered: int,
    now: datetime,
) -> None:
    """Add the sending of ``email`` to ``delivered`` recipients to the record."""
    record = settings.sent_record
    entry = SentEntry(
        date=email.date,
        message_id=message_id(email, settings),
        when=now.isoformat(timespec="seconds"),
        recipients=delivered,
    )
    try:
        write_record(record, [*entries, entry])
    except OSError as exc:
        raise SendError(
            f"sent, but {record} could not be written ({exc.strerror or exc}); "
            "add the sending to it by hand before sending again"
        ) from None
