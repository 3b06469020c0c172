"""The `briefings` command: new, check, schema (and import), with the build's own rules."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
import yaml

from .catalog import Layout
from .entries import make_slug
from .importer.command import import_command
from .reading import default_workers, load_site
from .schema import main as schema_main
from .writing import write_atomically

if TYPE_CHECKING:
    from .errors import Problem

SKELETON = """\
# yaml-language-server: $schema=../docs/schema/briefing.json
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


@click.group()
def cli() -> None:
    """Write, check and import news briefings kept as YAML (mkdocs-briefings)."""


@cli.command()
@click.argument("title")
@click.option("--category", default="TODO: the category", show_default=True)
@click.option("--date", "day", default=None, help="Publication date, YYYY-MM-DD (default: today).")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("briefings"))
@click.option("--force", is_flag=True, help="Replace an existing file.")
def new(title: str, category: str, day: str | None, folder: Path, force: bool) -> None:
    """Write a briefing skeleton named after TITLE and print its path."""
    published = date.fromisoformat(day) if day else date.today()
    path = folder / f"{published.isoformat()}-{make_slug(title)}.yml"
    text = SKELETON.format(
        title=_yaml_scalar(title), category=_yaml_scalar(category), published=published
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
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("briefings"))
@click.option("--docs", type=click.Path(path_type=Path), default=Path("docs"))
@click.option("--digests", default="digests", help="Digest folder inside --dir.")
@click.option("--format", "style", type=click.Choice(["text", "github", "json"]), default="text")
def check(paths: tuple[Path, ...], folder: Path, docs: Path, digests: str, style: str) -> None:
    """Check briefings and digests with the build's rules; report PATHS' problems (default: all).

    Exit status 1 when there are problems.
    """
    site = load_site(
        folder,
        root=Path.cwd(),
        digests_dir=folder / digests,
        layout=Layout(),
        exists=lambda src: (docs / src).is_file(),
        workers=default_workers(),
        checks_only=True,
    )
    wanted = {p.resolve() for p in paths}
    problems = [p for p in site.problems if not wanted or _covers(wanted, Path(p.path).resolve())]
    click.echo(format_problems(sorted(problems), style), nl=False)
    if problems:
        sys.exit(1)


def _covers(wanted: set[Path], path: Path) -> bool:
    return any(path == w or path.is_relative_to(w) for w in wanted)


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
@click.argument("folder", type=click.Path(path_type=Path), default=Path("docs/schema"))
@click.option("--force", is_flag=True, help="Replace existing, different files.")
def schema(folder: Path, force: bool) -> None:
    """Write the JSON Schemas of briefing and digest files into FOLDER."""
    sys.exit(schema_main([str(folder), *(["--force"] if force else [])]))


cli.add_command(import_command, name="import")


def main() -> None:
    """Entry point of the `briefings` console script."""
    cli(prog_name="briefings")


if __name__ == "__main__":
    main()
