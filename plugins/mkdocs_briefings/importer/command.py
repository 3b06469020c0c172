"""`briefings import`: saved pages, folders and web addresses -> draft briefing files.

Each source becomes a draft; with --merge all of them become one draft, with --group each
event in them does. A draft never overwrites a file unasked and never takes a published
briefing's address.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click
import yaml

from ..entries import make_slug
from ..model import DAY, MAX_SLUG
from ..schema import schema_reference
from ..writing import write_atomically
from .fetch import TIMEOUT, FetchError, import_url, is_address
from .files import import_file
from .group import GROUP_HINT, MIN_SIMILARITY, group_drafts
from .merge import merge_drafts

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .draft import Draft

ARTICLE_SUFFIXES = (".html", ".htm", ".txt", ".md", ".markdown")
"""What a folder given to `briefings import` is read for (other files are left alone)."""
"""The project's briefing schema, from the folder `briefings import` runs in."""
DEFAULT_SCHEMA = "../docs/schema/briefing.json"

_SOURCES_HELP = """\
Turn SOURCES into draft briefings: saved news pages (.html, .htm), plain text (.txt),
Markdown with front matter (.md), web addresses (https://...), or folders of such files.

\b
  briefings import page.html                 one draft per source
  briefings import https://example.org/news  fetch the page, then the same
  briefings import a.html b.html --merge     several outlets on one event: one draft
  briefings import reading/ --group          a folder: one draft per event in it

Prints each draft's path and how many TODOs it still has. Nothing is invented: what cannot
be determined is left as a TODO that `briefings check` reports. A source with no article
text is reported and nothing is written for it (exit status 1). When a briefing in --out
already has a draft's address (the slug of its title), the draft gets an address of its own
(ending in '-draft') instead of taking that briefing's.
"""


@dataclass(frozen=True)
class Article:
    """One imported source: the draft and where it came from."""

    source: str
    draft: Draft


@dataclass
class Outcome:
    """What the command did, for its exit status."""

    failed: bool = False
    written: list[Path] = field(default_factory=list)


@click.command(name="import", help=_SOURCES_HELP)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("briefings"),
    show_default=True,
    help="The folder to write the drafts in.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="Make one draft of all SOURCES: several outlets' articles on the same event.",
)
@click.option(
    "--group",
    is_flag=True,
    help="Group SOURCES by event (needs scikit-learn) and make one merged draft per event; "
    "an article alone makes a plain draft. Prints each draft with its articles.",
)
@click.option(
    "--similarity",
    type=click.FloatRange(0.0, 1.0),
    default=MIN_SIMILARITY,
    show_default=True,
    help="With --group: how alike (0-1) articles must be to count as one event.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=TIMEOUT,
    show_default=True,
    help="Seconds to wait for a web address to answer.",
)
@click.option("--year", type=int, default=None, help="Year for dates written without one.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing file of the same name (a draft imported before; check first "
    "that it is not a published briefing).",
)
def import_command(
    sources: tuple[str, ...],
    out: Path,
    merge: bool,
    group: bool,
    similarity: float,
    timeout: float,
    year: int | None,
    force: bool,
) -> None:
    """`briefings import`; its help is `_SOURCES_HELP`."""
    if merge and group:
        raise click.UsageError("choose --merge (one draft) or --group (one draft per event)")
    outcome = Outcome()
    paths = _expand(sources, outcome)
    articles = _import_all(paths, timeout=timeout, year=year, outcome=outcome)
    writer = Writer(out=out, force=force, schema=schema_line(out), outcome=outcome)
    if group and articles:
        try:
            groups = group_drafts([a.draft for a in articles], min_similarity=similarity)
        except ImportError:
            raise click.ClickException(GROUP_HINT) from None
        for members in groups:
            writer.write_group([articles[i] for i in members])
    elif merge and articles:
        writer.write_group(articles)
    else:
        for article in articles:
            writer.write(article.draft, source=article.source)
    if outcome.failed:
        sys.exit(1)


def _expand(sources: Iterable[str], outcome: Outcome) -> list[str]:
    """Addresses and files as given, each once; a folder's articles (by suffix, in name order).

    Why not a folder's subfolders: a browser's "save page" puts each page's own files (its
    frames, scripts, images) in a 'page_files' folder beside it; those are not articles.
    """
    found: dict[str, None] = {}  # in order, each once: the same article twice is one
    for source in sources:
        folder = Path(source)
        if is_address(source) or not folder.is_dir():
            found[source] = None
            continue
        articles = sorted(
            str(p)
            for p in folder.iterdir()
            if p.suffix.casefold() in ARTICLE_SUFFIXES and p.is_file()
        )
        if not articles:
            click.echo(f"{source}: no articles (.html, .htm, .txt, .md) in this folder", err=True)
            outcome.failed = True
        found.update(dict.fromkeys(articles))
    return list(found)


def _import_all(
    sources: Sequence[str], *, timeout: float, year: int | None, outcome: Outcome
) -> list[Article]:
    """Each source's draft; a source that cannot be imported or has no text is reported."""
    articles: list[Article] = []
    with click.progressbar(
        sources, label="Importing", file=sys.stderr, hidden=len(sources) < 5
    ) as bar:
        for source in bar:
            try:
                if is_address(source):
                    draft = import_url(source, timeout=timeout, year=year)
                else:
                    draft = import_file(Path(source), year=year)
            except FetchError as exc:
                click.echo(f"{source}: cannot fetch: {exc}", err=True)
                outcome.failed = True
                continue
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                click.echo(f"{source}: cannot import: {reason}", err=True)
                outcome.failed = True
                continue
            if not has_article_text(draft):
                click.echo(f"{source}: no article text found; nothing written", err=True)
                outcome.failed = True
                continue
            articles.append(Article(source=source, draft=draft))
    return articles


def has_article_text(draft: Draft) -> bool:
    """Whether the draft holds any text from its source (a key point, a paragraph, a quote)."""
    texts = [*draft.data.get("key_points", [])]
    texts += [b.get("quote", b.get("paragraph", "")) for b in draft.data.get("body", [])]
    return any(isinstance(t, str) and t.strip() and not t.startswith("TODO:") for t in texts)


def schema_line(out: Path, *, cwd: Path | None = None) -> str | None:
    """The schema's path as seen from ``out`` (the project's docs/ from the current folder).

    Why relative: editors resolve the `$schema` comment against the file's own folder, so a
    draft written outside briefings/ needs its own way back to docs/. None outside a project
    (no docs/ folder here), where the line could only be a broken link; a project without the
    schema yet gets the line too, as `briefings new` writes it (`briefings schema` makes it).
    """
    docs = (cwd or Path.cwd()) / "docs"
    if not docs.is_dir():
        return None
    return schema_reference((cwd or Path.cwd()) / out, docs.resolve())


def source_stem(source: str) -> str:
    """What a draft is named after when its headline is unknown: the file's or page's name."""
    if is_address(source):
        parts = urlsplit(source)
        return Path(parts.path).stem or parts.netloc
    return Path(source).stem


def draft_name(data: dict[str, Any], source: Path | str) -> str:
    """'2025-11-11-kushner-and-netanyahu-....yml' (or 'undated-...' without a date)."""
    published = str(data.get("published") or "")
    day = published if DAY.match(published) else "undated"  # a TODO is no file name
    title = str(data.get("title") or "")
    if not title or title.startswith("TODO:"):
        title = source_stem(str(source))
    return f"{day}-{make_slug(title)}.yml"


def draft_yaml(
    data: dict[str, Any],
    todos: list[str],
    source: Path | str,
    *,
    notes: Sequence[str] = (),
    schema: str | None = DEFAULT_SCHEMA,
) -> str:
    """The draft as a briefing file: schema line, provenance, notes, the TODO list, the data.

    Args:
        data: The draft's data.
        todos: What is left to do, one line each.
        source: What it was imported from (a path, whose name is shown, or an address).
        notes: Lines for the editor (a merge's candidate headlines), written as comments.
        schema: The schema's path from the file's folder; None leaves the line out.
    """
    name = source.name if isinstance(source, Path) else source
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines.append(f"# Imported from {_comment(name)}.")
    lines += [f"# {_comment(note)}" for note in notes]
    lines += [f"# TODO: {_comment(todo)}" for todo in todos]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(lines) + "\n" + body


def _comment(text: str) -> str:
    """Text that stays on its comment line (a line break would end the comment)."""
    return " ".join(text.splitlines())


def existing_slugs(folder: Path) -> dict[str, str]:
    """The address (slug) of each briefing file in ``folder``, by file name.

    A file that cannot be read as a briefing counts by its name: 'YYYY-MM-DD-slug.yml'.
    """
    slugs: dict[str, str] = {}
    if not folder.is_dir():
        return slugs
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        try:
            keys = _top_level(path.read_text(encoding="utf-8"), ("slug", "title"))
        except (OSError, UnicodeDecodeError):
            keys = {}
        if isinstance(keys.get("slug"), str):
            slugs[path.name] = keys["slug"]
        elif isinstance(keys.get("title"), str):
            slugs[path.name] = make_slug(keys["title"])
        else:
            stem = path.stem
            slugs[path.name] = stem[11:] if DAY.match(stem[:10]) and stem[10:11] == "-" else stem
    return slugs


def _top_level(text: str, names: Sequence[str]) -> dict[str, Any]:
    """The values of top-level keys ``names`` (each with its continuation lines).

    Why not the whole file: parsing a briefings folder of a thousand files takes seconds,
    and only the title and slug decide an address.
    """
    lines = text.splitlines()
    found: dict[str, Any] = {}
    for i, line in enumerate(lines):
        name = line.split(":", 1)[0]
        if name not in names or name in found or not line.startswith(f"{name}:"):
            continue
        end = i + 1
        while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
            end += 1
        try:
            value = yaml.safe_load("\n".join(lines[i:end]))
        except yaml.YAMLError:
            continue
        if isinstance(value, dict):
            found[name] = value.get(name)
    return found


def free_address(name: str, slug: str, taken: dict[str, str]) -> tuple[str, str, str | None]:
    """A file name and slug for a draft that take no other file's address.

    Args:
        name: The draft's file name.
        slug: The address its title gives.
        taken: Each existing file's slug, by file name.

    Returns:
        ``(name, slug, owner)``: the name and slug unchanged, with ``owner`` None, when no
        other file has the slug (the file ``name`` itself may: that is the same draft again);
        else '-draft' (then '-draft-2', ...) added to both, and ``owner`` the file whose
        address it is.
    """
    owner = next((f for f, s in taken.items() if s == slug and f != name), None)
    if owner is None:
        return name, slug, None
    stem = name.removesuffix(".yml")
    for n in range(1, len(taken) + 2):
        suffix = "draft" if n == 1 else f"draft-{n}"
        new_slug = f"{slug[: MAX_SLUG - len(suffix) - 1].rstrip('-')}-{suffix}"
        new_name = f"{stem}-{suffix}.yml"
        if not any(s == new_slug and f != new_name for f, s in taken.items()):
            return new_name, new_slug, owner
    raise AssertionError("unreachable: one of len(taken) + 1 suffixes is free")


def _with_slug(data: dict[str, Any], slug: str) -> dict[str, Any]:
    """``data`` with ``slug:`` after the title (the format's order)."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        result[key] = value
        if key == "title":
            result["slug"] = slug
    return result


@dataclass
class Writer:
    """Writes drafts into ``out``, each at an address no other briefing there has."""

    out: Path
    force: bool
    schema: str | None
    outcome: Outcome
    _taken: dict[str, str] | None = None

    def taken(self) -> dict[str, str]:
        if self._taken is None:
            self._taken = existing_slugs(self.out)
        return self._taken

    def write(
        self, draft: Draft, *, source: str, notes: Sequence[str] = (), name_data: Any = None
    ) -> Path | None:
        """Write one draft and print its path and TODO count; None if it was not written."""
        data = draft.data
        name = draft_name(name_data or data, source)
        title = str(data.get("title", ""))
        slug = make_slug(title) if title and not title.startswith("TODO:") else None
        extra: list[str] = []
        if slug is not None:
            name, new_slug, owner = free_address(name, slug, self.taken())
            if owner is not None:
                data = _with_slug(data, new_slug)
                extra.append(
                    f"{owner} already has the address '{slug}': this draft has '{new_slug}';"
                    " merge the two, or change one's slug."
                )
                click.echo(
                    f"{self.out / name}: {self.out / owner} already has the address '{slug}';"
                    f" the draft gets '{new_slug}'",
                    err=True,
                )
            slug = new_slug
        path = self.out / name
        text = draft_yaml(
            data,
            draft.todos,
            draft.source_name or source,
            notes=[*notes, *extra],
            schema=self.schema,
        )
        try:
            write_atomically(path, text, replace=self.force)
        except FileExistsError:
            click.echo(f"{path}: exists; pass --force to replace it", err=True)
            self.outcome.failed = True
            return None
        except OSError as exc:  # a full disk, a read-only folder: say so, go on with the rest
            click.echo(f"{path}: cannot write: {exc.strerror or exc}", err=True)
            self.outcome.failed = True
            return None
        if slug is not None:
            self.taken()[name] = slug
        self.outcome.written.append(path)
        click.echo(f"{path}" + (f"  ({len(draft.todos)} TODO)" if draft.todos else ""))
        return path

    def write_group(self, articles: Sequence[Article]) -> None:
        """One draft for articles on one event (merged when several), and its articles."""
        if len(articles) == 1:
            self.write(articles[0].draft, source=articles[0].source)
            return
        merged = merge_drafts([a.draft for a in articles])
        # Named after the first article's headline: the merged title is a TODO.
        first = next((a.draft.data for a in articles if _has_title(a.draft.data)), {})
        name_data = {**merged.draft.data, "title": first.get("title")}
        path = self.write(
            merged.draft, source=articles[0].source, notes=merged.notes, name_data=name_data
        )
        if path is not None:
            for article in articles:
                title = article.draft.data.get("title", "")
                shown = title if _has_title(article.draft.data) else "(no headline)"
                click.echo(f"    {article.source}  {shown}")


def _has_title(data: dict[str, Any]) -> bool:
    title = data.get("title")
    return isinstance(title, str) and bool(title) and not title.startswith("TODO:")
