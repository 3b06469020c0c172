"""Digests' emails in a build (files next to each digest, or in ``newsletter_dir``) and on
demand (`briefings email DATE`), both from the plan the build makes."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, TypedDict

import click
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import get_files

from ..newsletter.send import deliver
from ..writing import write_atomically
from .config import make_mail_settings
from .plugin import BriefingsPlugin

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from ..newsletter import DigestEmail
    from ..newsletter.message import MailSettings
    from ..plan import SitePlan

log = logging.getLogger("mkdocs.plugins.mkdocs_briefings.adapter.plugin")


class Delivery(TypedDict, total=False):
    """What `briefings email` asks of `deliver` besides the email: its flags."""

    eml: Path | None
    force: bool
    send: bool
    dry_run: bool
    resend: bool
    to: str | None
    list_file: Path | None


def _echo(line: str) -> None:
    """`deliver`'s lines: problems (``error:``, ``warning:``) to stderr, the rest to stdout."""
    click.echo(line, err=line.startswith(("error:", "warning:")))


def load_plan(config_file: str | Path | None = None) -> SitePlan:
    """The plan a build of the site of ``config_file`` (default: ./mkdocs.yml) makes, the
    plugins' events run as a build runs them up to ``on_files``, with every published
    digest's email even where ``newsletter_emails`` is false.

    Raises:
        ConfigurationError: mkdocs.yml cannot be read, or has no ``briefings`` plugin.
        PluginError: an option of the plugin cannot work.
    """
    config = load_config(str(config_file) if config_file is not None else None)
    plugin = config.plugins.get("briefings")
    if not isinstance(plugin, BriefingsPlugin):
        raise ConfigurationError("mkdocs.yml has no 'briefings' plugin; add it under plugins:")
    plugin.config["newsletter_emails"] = True  # this command's own copy of the options
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_files(get_files(config), config=config)
        plan = plugin._plan  # what on_files planned
    finally:
        config.plugins.on_shutdown()
    if plan is None:
        raise PluginError("the briefings plugin is disabled (enabled: false) in mkdocs.yml")
    return plan


def load_mail_settings(config_file: str | Path | None = None) -> MailSettings:
    """The sender, headers, server and record of the ``newsletter_*`` options.

    Raises:
        ConfigurationError: mkdocs.yml cannot be read, or has no ``briefings`` plugin.
        PluginError: newsletter_from is not set.
    """
    config = load_config(str(config_file) if config_file is not None else None)
    plugin = config.plugins.get("briefings")
    if not isinstance(plugin, BriefingsPlugin):
        raise ConfigurationError("mkdocs.yml has no 'briefings' plugin; add it under plugins:")
    return make_mail_settings(plugin.config, config)


def find_email(plan: SitePlan, day: str) -> DigestEmail | None:
    """The email of the published digest of ``day`` (YYYY-MM-DD), if there is one."""
    return next((e for e in plan.emails if e.date == day), None)


def nearest_dates(emails: Sequence[DigestEmail], day: dt.date, count: int = 3) -> list[str]:
    """The dates of the ``count`` digests nearest to ``day``, in date order."""
    dates = [dt.date.fromisoformat(e.date) for e in emails]
    near = sorted(dates, key=lambda d: (abs((d - day).days), d))[:count]
    return [d.isoformat() for d in sorted(near)]


def digest_email(day: dt.date, config_file: str | Path | None = None) -> DigestEmail:
    """The email of the published digest of ``day``, made as the build makes it.

    Raises:
        LookupError: no published digest of that day; its message names the nearest dates.
        ConfigurationError, PluginError: see `load_plan`; ValueError: the site has no site_url.
    """
    plan = load_plan(config_file)
    if not plan.options.site_url:
        raise ValueError("set site_url in mkdocs.yml: an email's links are absolute addresses")
    email = find_email(plan, day.isoformat())
    if email is None:
        near = nearest_dates(plan.emails, day)
        hint = f"; the nearest: {', '.join(near)}" if near else "; the site has no digest yet"
        raise LookupError(f"no published digest of {day.isoformat()}{hint}")
    settings = plan.options.newsletter
    if settings is not None and not settings.postal_address:
        log.warning(
            "briefings: newsletter_postal_address is empty: add the sender's postal address "
            "to mkdocs.yml before sending (anti-spam laws such as CAN-SPAM require one)"
        )
    return email


def write_email(email: DigestEmail, out: Path, *, force: bool) -> list[Path]:
    """Write the HTML to ``out`` and the text next to it (``out`` with ``.txt``), atomically.

    Raises:
        FileExistsError: one of them exists and not ``force``.
        OSError: a file cannot be written.
    """
    text = out.with_suffix(".txt") if out.suffix != ".txt" else out.with_suffix(".txt.txt")
    if not force:
        for path in (out, text):
            if path.exists():
                raise FileExistsError(f"{path} exists; add --force to replace it")
    for path, content in ((out, email.html), (text, email.text)):
        write_atomically(path, content, replace=force)
    return [out, text]


def email_command(
    day: dt.date,
    *,
    out: Path | None,
    text: bool,
    force: bool,
    config_file: str | None,
    delivery: Delivery | None = None,
) -> int:
    """`briefings email DATE`: the exit status (0 done, 2 no such digest or no site_url, 1 a
    file exists or cannot be written, or sending failed); messages go to stderr, the text
    (``text``) to stdout. ``delivery``: the .eml file and sending asked for (`deliver`), done
    after ``out`` and ``text``."""
    try:
        email = digest_email(day, config_file)
        settings = load_mail_settings(config_file) if delivery is not None else None
    except (LookupError, ValueError, ConfigurationError, PluginError) as exc:
        click.echo(f"briefings email: {exc}", err=True)
        return 2
    if out is not None:
        try:
            written = write_email(email, out, force=force)
        except FileExistsError as exc:
            click.echo(f"briefings email: {exc}", err=True)
            return 1
        except OSError as exc:
            click.echo(f"briefings email: cannot write {out}: {exc.strerror or exc}", err=True)
            return 1
        click.echo(f"wrote {written[0]} and {written[1]}", err=True)
    if text:
        click.echo(email.text, nl=False)
    if delivery is not None and settings is not None:
        return deliver(email, settings, echo=_echo, **delivery)
    if not text and out is None:
        size = len(email.html.encode()) + len(email.text.encode())
        click.echo(
            f"{email.date}: {email.subject}\n"
            f"preheader: {email.preheader}\n"
            f"web: {email.web_url}\n"
            f"size: {size:,} bytes (HTML and text)\n"
            "write it with --out FILE, print the text with --text"
        )
    return 0
