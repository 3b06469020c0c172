"""The `briefings` command: new, check, schema (and import), with the build's own rules."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
import yaml

from .catalog import Layout
from .digest import read_digest
from .entries import find_briefings, find_missing_images, make_slug, read_entry_file, read_text
from .errors import BriefingError
from .importer.command import import_command
from .model import DAY
from .people import PEOPLE_FILE, read_people
from .published import TIMEOUT, SitemapError, read_sitemaps
from .reading import default_workers, load_site, relative_paths
from .redirects import lost_addresses
from .schema import main as schema_main
from .schema import schema_reference
from .times import is_due
from .writing import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .entries import Entry
    from .errors import Problem

PACKAGE = "mkdocs-briefings"
"""The briefing schema, inside --docs (`briefings schema` writes it)."""

SKELETON = """\
# yaml-language-server: $schema={schema}
title: {title}
category: {category}
published: {published}
tags: []
key_points:
  - "TODO: the first key point, in one sentence"
body:
  - paragraph: "TODO: the first paragraph, in your own words"
    credits: [source]
sources:
  source:
    name: "TODO: the outlet's name"
"""

_DIR_HELP = "The folder of briefing files, as the plugin's briefings_dir."
_DOCS_HELP = "The MkDocs docs folder (local images, hand-written pages, the schema)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=PACKAGE, prog_name="briefings", message="%(prog)s %(version)s")
def cli() -> None:
    """Write, check and import news briefings kept as YAML (mkdocs-briefings)."""


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--date as a date, or a usage error that says how to write one (never a traceback)."""
    if value is None:
        return None
    try:
        if DAY.match(value.strip()):
            return date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD", ctx, param)


def _text(what: str) -> Callable[[click.Context, click.Parameter, str], str]:
    """A callback refusing an empty (or blank) value, which would write an empty field."""

    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        if not value.strip():
            raise click.BadParameter(f"empty; write {what}", ctx, param)
        return value.strip()

    return check


@cli.command()
@click.argument("title", callback=_text("the briefing's title, e.g. 'Ferry service resumes'"))
@click.option(
    "--category",
    default="TODO: the category",
    show_default=True,
    callback=_text("a category such as 'Transport', or leave the option out"),
    help="The briefing's category.",
)
@click.option(
    "--date",
    "day",
    default=None,
    callback=_day,
    metavar="YYYY-MM-DD",
    help="Publication date (default: today).",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("briefings"),
    show_default=True,
    help="The folder to write the file in.",
)
@click.option(
    "--docs",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="The MkDocs docs folder, whose schema/briefing.json the file's first line names.",
)
@click.option("--force", is_flag=True, help="Replace an existing file of the same name.")
def new(title: str, category: str, day: date | None, folder: Path, docs: Path, force: bool) -> None:
    """Write a briefing skeleton named after TITLE and print its path."""
    published = day or date.today()
    path = folder / f"{published.isoformat()}-{make_slug(title)}.yml"
    text = SKELETON.format(
        schema=schema_reference(folder, docs),
        title=_yaml_scalar(title),
        category=_yaml_scalar(category),
        published=published,
    )
    try:
        write_atomically(path, text, replace=force)
    except FileExistsError:
        raise click.ClickException(f"{path} exists; pass --force to replace it") from None
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write: {exc.strerror or exc}") from None
    click.echo(path)


def _yaml_scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("briefings"),
    show_default=True,
    help=_DIR_HELP,
)
@click.option(
    "--docs",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help=_DOCS_HELP,
)
@click.option(
    "--digests",
    default="digests",
    show_default=True,
    help="The digest folder inside --dir, as the plugin's digests_dir.",
)
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text: path:line:col: message lines; github: GitHub Actions annotations; json: a list.",
)
@click.option(
    "--sitemap",
    metavar="FILE_OR_URL",
    help="Compare the briefings' addresses with this published sitemap (a sitemap.xml file or "
    "an https:// address; an index is followed) instead of the last build's "
    "site/sitemap-pages.xml, and warn of each address no briefing keeps.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=TIMEOUT,
    show_default=True,
    help="Seconds to wait for the server of --sitemap to connect and for each read.",
)
def check(
    paths: tuple[Path, ...],
    folder: Path,
    docs: Path,
    digests: str,
    style: str,
    sitemap: str | None,
    timeout: float,
) -> None:
    """Check briefings and digests with the build's rules (default: every file in --dir).

    PATHS inside --dir are checked with the whole site (duplicate addresses, digests' links);
    files and folders elsewhere are read and checked on their own. Exit status 1 when there
    are problems. Drafts (`draft: true`) are named on stderr: not a problem, a reminder, and
    so are addresses of the last build (or of --sitemap) that no briefing keeps. Exit status
    2 when --sitemap cannot be read.
    """
    if not paths and not folder.is_dir():  # Why: checking no file at all would pass
        raise click.BadParameter(
            f"'{folder}' is not a folder; name the briefings folder, or the files to check",
            param_hint="'--dir'",
        )
    published = _read_published(sitemap, timeout) if sitemap else None
    elsewhere = [p for p in paths if _outside(p, folder)]
    problems: list[Problem] = []
    drafts: list[str] = []
    if len(elsewhere) < len(paths) or not paths:
        inside = [p for p in paths if p not in elsewhere]
        problems += _site_problems(
            inside, folder, docs, digests, drafts=drafts, published=published
        )
    problems += check_files(elsewhere, docs=docs, digests=digests, drafts=drafts)
    click.echo(format_problems(sorted(set(problems)), style), nl=False)
    for path in sorted(set(drafts)):
        click.echo(f"{path}: draft: left out of the built site (`mkdocs serve` shows it)", err=True)
    if problems:
        sys.exit(1)


def _outside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is neither in ``folder`` nor a folder that holds it."""
    path, folder = path.resolve(), folder.resolve()
    return not (path.is_relative_to(folder) or folder.is_relative_to(path))


def _site_problems(
    paths: list[Path],
    folder: Path,
    docs: Path,
    digests: str,
    *,
    drafts: list[str],
    published: list[tuple[str, str]] | None = None,
) -> list[Problem]:
    """The problems of the whole site in ``folder`` that lie in ``paths`` (all when empty);
    the drafts among its good files join ``drafts``. Addresses no briefing keeps are warned
    of, from the ``published`` sitemaps (where read, text) or else the last build's."""
    site = load_site(
        folder,
        root=Path.cwd(),
        digests_dir=folder / digests,
        layout=Layout(),
        exists=lambda src: (docs / src).is_file(),
        workers=default_workers(),
        checks_only=True,
    )
    if published is None:
        _warn_lost_addresses(site.entries, Path("site") / "sitemap-pages.xml")
    else:
        _warn_unpublished(site.entries, published)
    wanted = {p.resolve() for p in paths}
    chosen = [e for e in site.entries if not wanted or _covers(wanted, Path(e.path).resolve())]
    _note_scheduled(chosen)
    found = [e.path for e in site.entries if e.briefing.draft]
    found += relative_paths([path for d, path in site.digests if d.draft], Path.cwd())
    drafts += [d for d in found if not wanted or _covers(wanted, Path(d).resolve())]
    return [p for p in site.problems if not wanted or _covers(wanted, Path(p.path).resolve())]


def _covers(wanted: set[Path], path: Path) -> bool:
    return any(path == w or path.is_relative_to(w) for w in wanted)


def _note_scheduled(entries: Iterable[Entry]) -> None:
    """Name (on stderr, not a problem) each briefing whose `published` is still to come: the
    site leaves it out until a build after that time. A day alone counts from midnight UTC
    here (the site's `time_zone` may start it a few hours earlier or later)."""
    now = dt.datetime.now(dt.UTC)
    for entry in entries:
        published = entry.briefing.published
        if not entry.briefing.draft and not is_due(published, now=now, zone=dt.UTC):
            click.echo(
                f"{entry.path}: scheduled: published {published.isoformat()} is still to come; "
                "the built site leaves it out until then (`mkdocs serve` shows it)",
                err=True,
            )


def _warn_lost_addresses(entries: Iterable[Entry], sitemap: Path) -> None:
    """Warn (on stderr, not a problem) of each briefing address of the last build's sitemap
    that no briefing keeps: a slug changed and no 'aliases:' names the old one."""
    try:
        text = sitemap.read_text(encoding="utf-8", errors="replace")
    except OSError:  # no build yet: nothing to compare with
        return
    for address in lost_addresses(text, entries, Layout()):
        click.echo(
            f"{sitemap}: warning: the last build had {address}, which no briefing has now; "
            "add it to 'aliases:' of the briefing that moved there",
            err=True,
        )


def _read_published(source: str, timeout: float) -> list[tuple[str, str]]:
    """The sitemaps of --sitemap, or exit (status 2) with a one-line reason."""
    try:
        return read_sitemaps(source, timeout=timeout)
    except SitemapError as exc:
        raise _UnreadableSitemap(f"--sitemap: {exc}") from None


class _UnreadableSitemap(click.ClickException):
    """'Error: --sitemap <where>: <why>' and exit status 2: not a problem of the briefings."""

    exit_code = 2


def _warn_unpublished(entries: Iterable[Entry], sitemaps: Iterable[tuple[str, str]]) -> None:
    """Warn (on stderr, not a problem) of each briefing address of the published sitemaps that
    no briefing keeps."""
    for where, text in sitemaps:
        for address in lost_addresses(text, entries, Layout()):
            click.echo(
                f"{where}: warning: the published site has {address}, which no briefing has "
                "now; add it to 'aliases:' of the briefing that moved there",
                err=True,
            )


def check_files(
    paths: Iterable[Path],
    *,
    docs: Path,
    digests: str = "digests",
    drafts: list[str] | None = None,
) -> list[Problem]:
    """Check briefing and digest files (or folders of them) on their own, outside a site
    (the drafts among the good ones join ``drafts``, when given).

    Each file gets the checks that need nothing but itself and docs/ (its images); checks
    across files (addresses taken twice, digests' links to briefings) need the whole site
    and are left to `briefings check` inside --dir and to the build.
    """
    problems: list[Problem] = []
    exists = lambda src: (docs / src).is_file()  # noqa: E731
    for given in paths:
        files = find_briefings(given) if given.is_dir() else [given]
        for path in files:
            display = path.as_posix()
            try:
                text = read_text(path, display=display)
                if path.name == PEOPLE_FILE:  # the people bylines name, not a briefing
                    read_people(text, path=display)
                    continue
                if is_digest(path, text, digests=digests):
                    draft = read_digest(text, path=display)[0].draft
                else:
                    entry = read_entry_file(path, display=display)
                    problems += [p for _, p in find_missing_images([entry], exists=exists)]
                    draft = entry.briefing.draft
                if draft and drafts is not None:
                    drafts.append(display)
            except BriefingError as exc:
                problems += exc.problems
    return problems


_KEY = re.compile(r"^(date|published|key_points|sections|briefings)\s*:", re.MULTILINE)


def is_digest(path: Path, text: str, *, digests: str = "digests") -> bool:
    """Whether a YAML file is a digest: it lies in a folder named ``digests``, or it reads
    like one (a top-level 'date:' and no 'published:' or 'key_points:').

    Why the content too: inside a site, the plugin knows digests by their folder; a file
    checked on its own may come from anywhere.
    """
    if digests in path.parent.parts or "digest.json" in text.partition("\n")[0]:
        return True
    keys = set(_KEY.findall(text))
    return "date" in keys and not keys & {"published", "key_points"}


def format_problems(problems: list[Problem], style: str) -> str:
    """Problems as text lines, GitHub Actions annotations or a JSON list."""
    if style == "json":
        return json.dumps([p.__dict__ for p in problems], indent=2, ensure_ascii=False) + "\n"
    if style == "github":
        return "".join(
            f"::error file={p.path},line={p.line},col={p.column}::{_github(p.message)}\n"
            for p in problems
        )
    return "".join(f"{p}\n" for p in problems)


def _github(message: str) -> str:
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@cli.command()
@click.argument(
    "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/schema")
)
@click.option("--force", is_flag=True, help="Replace existing, different files.")
def schema(folder: Path, force: bool) -> None:
    """Write the JSON Schemas of briefing and digest files into FOLDER (default: docs/schema)."""
    sys.exit(schema_main([str(folder), *(["--force"] if force else [])]))


cli.add_command(import_command, name="import")


@cli.command()
@click.argument("day", metavar="DATE", callback=_day)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML to FILE and the plain text next to it (FILE with .txt).",
)
@click.option("--text", is_flag=True, help="Print the plain-text email.")
@click.option("--force", is_flag=True, help="Replace existing files of --out or --eml.")
@click.option(
    "--eml",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a ready multipart message (.eml: From, To, Subject, List-Unsubscribe) to FILE.",
)
@click.option(
    "--send",
    is_flag=True,
    help="Send it by SMTP (STARTTLS) to --to or --list: a dry run unless --no-dry-run.",
)
@click.option(
    "--no-dry-run",
    "real",
    is_flag=True,
    help="With --send: really send (credentials from BRIEFINGS_SMTP_USER/_PASSWORD).",
)
@click.option("--resend", is_flag=True, help="Send even though the record says it was sent.")
@click.option("--to", "to", metavar="ADDRESS", help="One address, e.g. a provider's list address.")
@click.option(
    "--list",
    "list_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file of addresses, one per line (# comments).",
)
@click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False),
    help="The site's mkdocs.yml (default: ./mkdocs.yml).",
)
def email(
    day: date,
    out: Path | None,
    text: bool,
    force: bool,
    eml: Path | None,
    send: bool,
    real: bool,
    resend: bool,
    to: str | None,
    list_file: Path | None,
    config_file: str | None,
) -> None:
    """Make the email of the published digest of DATE (YYYY-MM-DD) as the build does, and
    write it as a message (--eml) or send it (--send).

    Without --out, --text, --eml or --send, print its subject, preheader, address and size.
    Exit status 2 when there is no published digest of DATE (the nearest dates are named),
    1 when a file exists (add --force), cannot be written, or sending failed. --send is a dry
    run unless --no-dry-run, and never sends a digest the record says was sent (--resend).
    """
    if real and not send:
        raise click.UsageError("--no-dry-run goes with --send")
    # Checked before anything is written: a flag that would do nothing is a mistake.
    for flag, given in (("--resend", resend), ("--list", list_file is not None)):
        if given and not send:
            raise click.UsageError(f"{flag} goes with --send")
    if to is not None and not send and eml is None:
        raise click.UsageError("--to goes with --send or --eml")
    if send and (to is None) == (list_file is None):
        raise click.UsageError(
            "--send needs --to ADDRESS or --list FILE, one of them (--to: e.g. a provider's list)"
        )
    # MkDocs is imported only when the command runs: the CLI's core stays free of it.
    from .adapter.newsletter import Delivery, email_command

    delivery: Delivery | None = None
    if eml is not None or send:
        delivery = Delivery(
            eml=eml,
            force=force,
            send=send,
            dry_run=not real,
            resend=resend,
            to=to,
            list_file=list_file,
        )
    status = email_command(
        day, out=out, text=text, force=force, config_file=config_file, delivery=delivery
    )
    sys.exit(status)


def main() -> None:
    """Entry point of the `briefings` console script."""
    cli(prog_name="briefings")


if __name__ == "__main__":
    main()
