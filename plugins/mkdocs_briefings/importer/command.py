"""`briefings import`: saved pages -> draft briefing files, never overwriting unasked."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from ..entries import make_slug
from ..model import DAY
from ..writing import write_atomically
from .files import import_file


@click.command(name="import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("briefings"))
@click.option("--year", type=int, default=None, help="Year for dates written without one.")
@click.option("--force", is_flag=True, help="Replace existing files.")
def import_command(sources: tuple[Path, ...], out: Path, year: int | None, force: bool) -> None:
    """Turn SOURCES (saved .txt or .html news pages, .md with front matter) into draft briefings.

    Prints each draft's path and what is left to do. Nothing is invented: what cannot be
    determined is left as a TODO that `briefings check` reports.
    """
    failed = False
    with click.progressbar(
        sources, label="Importing", file=sys.stderr, hidden=len(sources) < 5
    ) as bar:
        for source in bar:
            try:
                draft = import_file(source, year=year)
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                click.echo(f"{source}: cannot import: {exc}", err=True)
                failed = True
                continue
            path = out / draft_name(draft.data, source)
            try:
                write_atomically(path, draft_yaml(draft.data, draft.todos, source), replace=force)
            except FileExistsError:
                click.echo(f"{path}: exists; pass --force to replace it", err=True)
                failed = True
                continue
            except OSError as exc:  # a full disk, a read-only folder: say so, go on with the rest
                click.echo(f"{path}: cannot write: {exc.strerror or exc}", err=True)
                failed = True
                continue
            click.echo(f"{path}" + (f"  ({len(draft.todos)} TODO)" if draft.todos else ""))
    if failed:
        sys.exit(1)


def draft_name(data: dict[str, object], source: Path) -> str:
    """'2025-11-11-kushner-and-netanyahu-....yml' (or 'undated-...' without a date)."""
    published = str(data.get("published") or "")
    day = published if DAY.match(published) else "undated"  # a TODO is no file name
    title = str(data.get("title") or source.stem)
    return f"{day}-{make_slug(title)}.yml"


def draft_yaml(data: dict[str, object], todos: list[str], source: Path) -> str:
    """The draft as a briefing file: schema line, provenance, the TODO list, then the data."""
    lines = [
        "# yaml-language-server: $schema=../docs/schema/briefing.json",
        f"# Imported from {source.name}.",
    ]
    lines += [f"# TODO: {todo}" for todo in todos]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(lines) + "\n" + body
