#!/usr/bin/env python3
"""Same pages? Build one site with two versions of the plugin code and compare the outputs.

The project (mkdocs.yml, docs/, briefings/ of the current tree, or any ``--project``) stays the
same; only the plugin code differs. Side ``base`` is ``plugins/`` at ``--base REV`` (taken with
``git archive``, so the repository, its index and its worktrees are left alone), side ``new`` is
this working tree's ``plugins/`` (or ``--new REV``, or ``--new-dir DIR``).

Each side builds its own copy of the project (so each has its own, initially empty, build cache
in ``.cache/plugin/briefings``) in a fresh ``python -m mkdocs build --strict`` subprocess whose
``PYTHONPATH`` is that side's plugin folder; a small runner loads the plugin by the entry point
that side's pyproject.toml declares (a refactor may move the plugin class), records which files
``mkdocs_briefings`` was imported from, and the run stops if any is not the intended copy.
Both sides get the same ``SOURCE_DATE_EPOCH`` and ``PYTHONHASHSEED``. With ``--warm`` each side
builds a second time from the cache its first build wrote, and those outputs are compared too.

Every file of the two sites is compared:

* HTML as a normalised tree (``html.parser``): tag names; attributes (class lists in any order,
  whitespace runs in values collapsed); text with whitespace runs collapsed and trimmed,
  entities decoded (``&#58;`` equals ``:``); whitespace-only text and comments ignored; the
  JSON of ``<script type="application/ld+json">`` compared as parsed JSON.
* JSON (search/search_index.json, the JSON feeds) as parsed values, whitespace runs in strings
  collapsed; a string holding HTML markup (a search entry's text, a feed's content_html)
  compares as an HTML fragment.
* XML (sitemap.xml, and sitemap.xml.gz unpacked; the RSS and Atom feeds) as a normalised
  element tree, escaped HTML in text again compared as an HTML fragment.
* any other file byte for byte (a text file's changed lines are shown).

A file is reported as identical (same bytes), equal apart from whitespace and character
references, or different, with its first differences: a CSS-selector-like path (JSON: a path of
keys and indexes) and the old and new content. Pages that are equal are also checked for the
whitespace a reader would see (between inline content, and inside <pre>); a change there is
printed as a note, and fails the run only with ``--strict-space``.

Known, explained differences go in ``--allow FILE`` (YAML or JSON): a list of entries

    - file: "briefings/*/index.html"    # glob of the site-relative path (required)
      selector: "article .md-meta time" # CSS selector: a difference in or under a match
      path: "docs[*].text"              # or: glob of the reported path (any file type)
      what: "..."                       # or neither: every difference of the file
      reason: "why the page changed"    # required
      site: repo                        # optional: only for this site (see --project)

The exit status is 0 when every file is equal or its differences are all allowed, 1 when some
difference is not, 2 when a build or the setup fails (the base commit missing, a failed build, a
plugin imported from the wrong copy).

    .venv/bin/python bench/compare_sites.py --base HEAD     # did my uncommitted change alter pages?
    .venv/bin/python bench/compare_sites.py --base HEAD~3 --new HEAD --newsroom --warm
    .venv/bin/python bench/compare_sites.py --base HEAD --new-dir /tmp/x/plugins --keep /tmp/cmp

A refactor that should leave pages as they are compares against the commit before it; no test
runs this any more (tests/integration/test_same_pages.py compared with the pages from before
issue 13's refactor, 734d8a7, until issue 14 changed every page on purpose).
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import warnings
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

import soupsieve
import yaml
from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "mkdocs_briefings"

# What a copy of the project leaves out: the repository's own machinery, environments, caches
# and earlier builds (never the plugin code: each side imports its own through PYTHONPATH).
SKIP_TOP = {".git", ".venv", "venv", ".tools", "site", "plugins", "tests", "bench", "build"}
SKIP_ANYWHERE = {".cache", "__pycache__", "node_modules", ".pytest_cache", ".ruff_cache"}
SKIP_ANYWHERE |= {".mypy_cache", "*.egg-info"}

# The runner each build subprocess starts: it imports the plugin package before MkDocs does,
# records where every module of the package came from, then runs MkDocs' own command line.
RUNNER = """\
import atexit, json, sys
from importlib.metadata import EntryPoint
report, own, args = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
import mkdocs_briefings
import mkdocs.plugins

# MkDocs finds plugins by the installed package's entry points: this side's own pyproject.toml
# names them (a refactor may move the plugin class), so they win over the installed ones.
installed = mkdocs.plugins.get_plugins
mkdocs.plugins.get_plugins = lambda: {
    **installed(), **{n: EntryPoint(n, v, "mkdocs.plugins") for n, v in own.items()}
}

def record():
    modules = {
        name: getattr(module, "__file__", None)
        for name, module in list(sys.modules.items())
        if name == "mkdocs_briefings" or name.startswith("mkdocs_briefings.")
    }
    with open(report, "w", encoding="utf-8") as f:
        json.dump({"modules": modules, "path": sys.path}, f)

atexit.register(record)
from mkdocs.__main__ import cli
cli.main(args=args, prog_name="mkdocs")
"""


class SetupError(Exception):
    """The comparison could not run: a missing revision, a failed build, a wrong import."""


class MissingRevision(SetupError):
    """The repository has no commit of that name (e.g. a shallow clone)."""


# -- the two versions of the plugin --------------------------------------------------------------


def git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    if done.returncode:
        raise SetupError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def resolve(rev: str) -> str:
    """The full commit id of ``rev``; MissingRevision when this clone does not have it."""
    try:
        git("rev-parse", "--git-dir")
    except SetupError as error:
        raise MissingRevision(f"{REPO} is not a git repository ({error})") from None
    try:
        return git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except SetupError:
        shallow = git("rev-parse", "--is-shallow-repository") == "true"
        hint = " (this is a shallow clone: fetch the full history)" if shallow else ""
        raise MissingRevision(f"no commit {rev!r} in {REPO}{hint}") from None


def extract_plugins(commit: str, dest: Path) -> Path:
    """``plugins/`` and pyproject.toml of ``commit``, written under ``dest`` by ``git archive``."""
    done = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit, "plugins", "pyproject.toml"],
        capture_output=True,
    )
    if done.returncode:
        raise SetupError(f"git archive {commit}: {done.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(dest, filter="data")
    plugins = dest / "plugins"
    if not (plugins / PACKAGE / "__init__.py").is_file():
        raise SetupError(f"{commit} has no plugins/{PACKAGE}/")
    return plugins


def entry_points(pyproject: Path) -> dict[str, str]:
    """The MkDocs plugins a pyproject.toml declares: {name: "module:Class"} ({} without one)."""
    if not pyproject.is_file():
        return {}
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    return dict(project.get("entry-points", {}).get("mkdocs.plugins", {}))


@dataclass
class Version:
    label: str  # "base" or "new"
    plugins: Path  # the folder that holds mkdocs_briefings/
    what: str  # for the report: where the code came from
    entry_points: dict[str, str]  # from the pyproject.toml beside plugins/, else the installed


def version(label: str, rev: str | None, folder: Path | None, work: Path) -> Version:
    if folder is not None:
        folder = folder.resolve()
        if not (folder / PACKAGE / "__init__.py").is_file():
            raise SetupError(f"{folder} has no {PACKAGE}/__init__.py")
        return Version(label, folder, str(folder), entry_points(folder.parent / "pyproject.toml"))
    if rev is None:
        plugins = REPO / "plugins"
        return Version(label, plugins, "working tree", entry_points(REPO / "pyproject.toml"))
    commit = resolve(rev)
    plugins = extract_plugins(commit, work / f"code-{label}")
    what = f"{rev} ({commit[:12]})"
    return Version(label, plugins, what, entry_points(plugins.parent / "pyproject.toml"))


# -- building ------------------------------------------------------------------------------------


@dataclass
class Project:
    name: str  # label in the report, and the `site:` of allow entries
    source: Path | None = None  # a folder with mkdocs.yml; None: made by `make`
    make: Callable[[Path], object] | None = None


def newsroom_project() -> Project:
    """The small fictional newsroom of tests/integration/test_site.py, made the way it is."""

    added = str(REPO) not in sys.path
    if added:
        sys.path.insert(0, str(REPO))
    try:
        from tests.integration.test_site import make_newsroom
    except ImportError as error:  # the test module moved or changed
        raise SetupError(f"cannot import make_newsroom from tests/: {error}") from error
    finally:
        if added:
            sys.path.remove(str(REPO))
    return Project("newsroom", make=make_newsroom)


def copy_project(project: Project, dest: Path) -> None:
    if project.make is not None:
        dest.mkdir(parents=True)
        project.make(dest)
        return
    top = Path(project.source or ".").resolve()

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if any(fnmatch.fnmatch(n, p) for p in SKIP_ANYWHERE)}
        if Path(folder).resolve() == top:
            skip |= SKIP_TOP & set(names)
        return skip

    shutil.copytree(top, dest, ignore=ignore, symlinks=True)


@dataclass
class Build:
    site: Path
    seconds: float
    imported: dict[str, str]


def build(code: Version, project: Path, site: Path, env: dict[str, str], runner: Path) -> Build:
    """One ``mkdocs build --strict`` of ``project`` into ``site`` with ``code``'s plugin."""
    report = site.with_name(site.name + ".imports.json")
    log = site.with_name(site.name + ".log")
    env = {**env, "PYTHONPATH": str(code.plugins)}
    command = [sys.executable, str(runner), str(report), json.dumps(code.entry_points)]
    command += ["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    output = log.read_text(encoding="utf-8", errors="replace")
    if done.returncode:
        tail = "\n".join(output.splitlines()[-30:])
        hint = ""
        if not code.entry_points:
            hint = (
                f"\n(no pyproject.toml beside {code.plugins}: MkDocs loaded the plugin by the"
                " installed package's entry point, which may name a module this code lacks)"
            )
        raise SetupError(f"{code.label}: mkdocs build failed ({done.returncode}):\n{tail}{hint}")
    if not report.is_file():
        raise SetupError(f"{code.label}: the runner recorded no imports; see {log}")
    imported = json.loads(report.read_text(encoding="utf-8"))["modules"]
    root = code.plugins.resolve() / PACKAGE
    stray = {
        name: file
        for name, file in imported.items()
        if file is None or not Path(file).resolve().is_relative_to(root)
    }
    if PACKAGE not in imported or stray:
        raise SetupError(f"{code.label}: {PACKAGE} not imported from {root}: {stray or imported}")
    return Build(site, seconds, imported)


def build_side(
    code: Version, project: Project, work: Path, env: dict[str, str], runner: Path, warm: bool
) -> list[Build]:
    """The side's builds: a fresh one (empty build cache), and with ``warm`` one more."""
    side = work / project.name / code.label
    copy_project(project, side / "project")
    builds = [build(code, side / "project", side / "site", env, runner)]
    if warm:
        builds.append(build(code, side / "project", side / "site-warm", env, runner))
    return builds


# -- normalised trees ----------------------------------------------------------------------------

SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace: a no-break space is not one of them
HAS_TAG = re.compile(r"<[A-Za-z!/]")
KEEP_SPACE = {"pre", "textarea", "listing", "plaintext", "xmp"}  # text shown as it is
HIDDEN = {"head", "script", "style", "template", "title", "noscript"}  # nothing shown
ATOMIC = {"img", "svg", "math", "input", "select", "button", "video", "audio", "iframe"}
ATOMIC |= {"object", "embed", "canvas", "picture"}  # shown as one piece of inline content
BLOCK = {
    *("html", "body", "address", "article", "aside", "blockquote", "details", "dialog"),
    *("dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1"),
    *("h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p"),
    *("section", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"),
    *("td", "th", "ul", "summary", "menu", "search", "option", "optgroup", "br", "legend"),
    *("center", "dir", "frameset", "frame"),
}  # elements that start and end a line (<br> ends one)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr", "!doctype"}
ID_KEYS = ("location", "id", "url", "loc", "guid")  # what names a list item in a path


def collapse(text: str) -> str:
    return SPACE.sub(" ", text).strip(" ")


def digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


@dataclass(eq=False)
class Text:
    text: str
    sig: str = ""
    parent: Tag | None = None  # the bs4 element holding it (for allow selectors)
    shown: str = ""  # what a difference prints: the text, or its HTML once normalised

    def __post_init__(self) -> None:
        self.sig = self.sig or digest("t", self.text)
        self.shown = self.shown or self.text


@dataclass(eq=False)
class Node:
    name: str
    attrs: dict[str, str]
    children: list[Node | Text]
    tag: Tag | None = None
    ident: str = ""  # a readable name among its siblings (a list item's location, a feed guid)
    sig: str = field(default="", init=False)

    def __post_init__(self) -> None:
        parts = ["e", self.name, json.dumps(sorted(self.attrs.items()))]
        self.sig = digest(*parts, *(c.sig for c in self.children))


def string_leaf(text: str) -> Text:
    """A text from JSON or XML: whitespace collapsed; HTML markup compared as HTML."""
    if HAS_TAG.search(text):
        fragment = html_tree(text, fragment=True)
        shown = " ".join(show(c) for c in fragment.children)
        return Text(collapse(text), sig=digest("h", fragment.sig), shown=shown)
    return Text(collapse(text))


# HTML


def html_tree(markup: str, *, fragment: bool = False, render: bool = False) -> Node:
    """The normalised tree of an HTML page (or fragment).

    ``render``: the whitespace a reader sees is kept (see ``visible_text``) instead of every
    whitespace run trimmed away.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's "looks like a file name" for short fragments
        soup = BeautifulSoup(markup, "html.parser")
    seen = visible_text(soup) if render else None
    return Node("#fragment" if fragment else "#document", {}, html_children(soup, seen))


def visible_text(soup: BeautifulSoup) -> dict[int, str]:
    """Each rendered text node's text as a reader sees its whitespace (by ``id`` of the node).

    CSS's ``white-space: normal``, without the style sheets: a whitespace run is one space; a
    space right after another (across inline tags) or at the start or end of a block is not
    shown. Block elements (BLOCK) and <br> end a line; images, icons and form controls are
    inline content; <pre> keeps its text as it is; <head>, scripts and styles show nothing.
    """
    seen: dict[int, str] = {}
    stream: list[NavigableString | str] = []  # text nodes, "block" and "atom" marks

    def walk(parent: Tag) -> None:
        for child in parent.children:
            if isinstance(child, Comment | Declaration | ProcessingInstruction | Doctype):
                continue
            if isinstance(child, NavigableString):
                stream.append(child)
            elif isinstance(child, Tag) and child.name not in HIDDEN:
                if child.name in KEEP_SPACE:  # as it is, less the newlines at its ends
                    stream.append("block")
                    texts = child.find_all(string=True)
                    for text in texts:
                        seen[id(text)] = str(text)
                    if texts:
                        first, last = id(texts[0]), id(texts[-1])
                        seen[first] = seen[first].removeprefix("\n")
                        seen[last] = seen[last].removesuffix("\n")
                    stream.append("block")
                elif child.name in ATOMIC:
                    stream.append("atom")
                elif child.name in BLOCK:
                    stream.append("block")
                    walk(child)
                    stream.append("block")
                else:
                    walk(child)

    walk(soup)
    stream.append("block")
    after_space = True  # at the start of a line, or right after a space shown
    last: NavigableString | None = None  # the latest text shown, if it ends with a space
    for item in stream:
        if isinstance(item, NavigableString):
            text = SPACE.sub(" ", str(item))
            if after_space:
                text = text.removeprefix(" ")
            seen[id(item)] = text
            if text:
                after_space = text.endswith(" ")
                last = item if after_space else None
        else:
            if item == "block" and last is not None:  # no space is shown at a line's end
                seen[id(last)] = seen[id(last)].removesuffix(" ")
            after_space, last = item == "block", None
    return seen


def html_attrs(tag: Tag) -> dict[str, str]:
    attrs = {}
    for name, value in tag.attrs.items():
        if isinstance(value, list):
            words = [w for v in value for w in SPACE.split(v) if w]
            value = " ".join(sorted(words) if name == "class" else words)
        attrs[name] = collapse(value)
    return attrs


def script_text(tag: Tag, text: str) -> str:
    if str(tag.get("type", "")).endswith("json"):
        try:
            return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False)
        except ValueError:
            pass
    return collapse(text)


def html_children(parent: Tag, seen: dict[int, str] | None) -> list[Node | Text]:
    """``parent``'s children: elements, and the text between them (adjacent text nodes joined,
    comments left out); ``seen``: visible_text's texts, for the rendered whitespace."""
    out: list[Node | Text] = []
    run: list[NavigableString] = []

    def flush() -> None:
        if not run:
            return
        raw = "".join(run)
        if parent.name in ("script", "style"):
            text = script_text(parent, raw)
        elif seen is not None and id(run[0]) in seen:
            text = "".join(seen.get(id(s), "") for s in run)
        else:
            text = collapse(raw)
        if text:
            out.append(Text(text, parent=parent))
        run.clear()

    for child in parent.children:
        if isinstance(child, Doctype):
            flush()
            out.append(Node("!doctype", {"": collapse(str(child)).lower()}, []))
        elif isinstance(child, Comment | Declaration | ProcessingInstruction):
            continue
        elif isinstance(child, NavigableString):
            run.append(child)
        elif isinstance(child, Tag):
            flush()
            node = Node(child.name, html_attrs(child), html_children(child, seen), tag=child)
            out.append(node)
    flush()
    return out


# JSON


def json_tree(value: Any, name: str = "$") -> Node | Text:
    if isinstance(value, dict):
        children = [json_tree(v, k) for k, v in sorted(value.items())]
        return Node(name, {"": "{}"}, children)
    if isinstance(value, list):
        node = Node(name, {"": "[]"}, [json_tree(v, "[]") for v in value])
        for item, raw in zip(node.children, value, strict=True):
            if isinstance(item, Node) and isinstance(raw, dict):
                item.ident = next((f"{k}={raw[k]}" for k in ID_KEYS if k in raw), "")
        return node
    leaf = string_leaf(value) if isinstance(value, str) else Text(json.dumps(value))
    return Node(name, {"": "value"}, [leaf])


# XML


def xml_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def xml_tree(data: bytes) -> Node:
    root = ET.fromstring(data)  # noqa: S314 - the two builds' own output
    return Node("#document", {}, [xml_node(root)])


def xml_node(element: ET.Element) -> Node:
    children: list[Node | Text] = []
    if element.text and collapse(element.text):
        children.append(string_leaf(element.text))
    for child in element:
        children.append(xml_node(child))
        if child.tail and collapse(child.tail):
            children.append(string_leaf(child.tail))
    attrs = {k: collapse(v) for k, v in element.attrib.items()}
    if element.tag.startswith("{"):
        attrs["{xmlns}"] = element.tag[1:].split("}", 1)[0]
    node = Node(xml_name(element.tag), attrs, children)
    for child in element:
        if xml_name(child.tag) in ID_KEYS and child.text and collapse(child.text):
            node.ident = f"{xml_name(child.tag)}={collapse(child.text)}"
            break
    return node


# -- differences ---------------------------------------------------------------------------------


@dataclass
class Difference:
    path: str
    what: str  # "text", "attributes", "element", "added", "removed", ...
    old: str
    new: str
    tags: list[Tag] = field(default_factory=list)  # elements at or around it (allow selectors)
    allowed_by: dict[str, Any] | None = None

    def describe(self) -> str:
        lines = [f"{shorter(self.path)}  [{self.what}]"]
        if self.old:
            lines.append(f"    - {self.old}")
        if self.new:
            lines.append(f"    + {self.new}")
        return "\n".join(lines)


def shorter(path: str, steps: int = 6) -> str:
    """A path as printed: from its last element with an id, and at most ``steps`` long (allow
    entries' ``path`` globs match the whole path)."""
    parts = path.split(" > ")
    named = [i for i, part in enumerate(parts) if "#" in part]
    if named:
        parts = parts[named[-1] :]
    return " > ".join(parts) if len(parts) <= steps else "… > " + " > ".join(parts[-steps:])


def short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_pair(old: str, new: str, context: int = 60) -> tuple[str, str]:
    """The two texts around where they differ, with the common head and tail cut."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = max(0, head - context)

    def cut(s: str) -> str:
        end = min(len(s), len(s) - tail + context)
        return ("…" if start else "") + s[start:end] + ("…" if end < len(s) else "")

    return repr(short(cut(old), 400)), repr(short(cut(new), 400))


def show(item: Node | Text) -> str:
    """A compact one-line rendering of a normalised subtree."""
    if isinstance(item, Text):
        return repr(item.text)
    if item.attrs.get("") in ("{}", "[]", "value"):  # JSON
        return json_show(item)
    attrs = "".join(f' {k}="{v}"' for k, v in item.attrs.items() if k and k != "{xmlns}")
    inner = " ".join(show(c) if isinstance(c, Node) else c.text for c in item.children)
    if item.name in VOID and not inner:
        return f"<{item.name}{attrs}>"
    return f"<{item.name}{attrs}>{inner}</{item.name}>"


def json_show(item: Node | Text) -> str:
    if isinstance(item, Text):
        return item.text
    kind = item.attrs.get("")
    if kind == "value":
        return show(item.children[0]) if item.children else "null"
    if kind == "[]":
        return "[" + ", ".join(json_show(c) for c in item.children) + "]"
    fields = (f"{c.name}: {json_show(c)}" for c in item.children if isinstance(c, Node))
    return "{" + ", ".join(fields) + "}"


def step(node: Node, siblings: list[Node | Text], kind: str) -> str:
    """One step of a path: ``div.md-content``, ``li:nth-of-type(3)``, ``docs[4 location=…]``."""
    if kind == "json":
        if node.name != "[]":
            return node.name
        index = [s for s in siblings if isinstance(s, Node)].index(node)
        return f"[{index}{' ' + node.ident if node.ident else ''}]"
    same = [s for s in siblings if isinstance(s, Node) and s.name == node.name]
    text = node.name
    if node.attrs.get("id"):
        text += "#" + node.attrs["id"]
    elif node.attrs.get("class"):
        text += "".join("." + c for c in node.attrs["class"].split()[:2])
    if node.ident and len(same) > 1:
        text += f"[{node.ident}]"
    elif len(same) > 1:
        text += f":nth-of-type({same.index(node) + 1})"
    return text


def join(path: str, part: str, kind: str) -> str:
    if not path:
        return part
    if kind == "json":
        return path + (part if part.startswith("[") else "." + part)
    return f"{path} > {part}"


class Differ:
    def __init__(self, kind: str) -> None:
        self.kind = kind  # "html", "xml" or "json"
        self.found: list[Difference] = []

    def add(self, difference: Difference) -> None:
        self.found.append(difference)

    def nodes(self, old: Node, new: Node, path: str) -> None:
        if old.sig == new.sig:
            return
        tags = [t for t in (old.tag, new.tag) if t is not None]
        if old.name != new.name or old.attrs.get("") != new.attrs.get(""):
            self.add(Difference(path, "element", short(show(old)), short(show(new)), tags))
            return
        if old.attrs != new.attrs:
            changes = []
            for key in sorted(old.attrs.keys() | new.attrs.keys()):
                a, b = old.attrs.get(key), new.attrs.get(key)
                if a != b:
                    changes.append((key, a, b))
            self.add(
                Difference(
                    path,
                    "attributes",
                    "; ".join(f"{k}={a!r}" for k, a, _ in changes if a is not None),
                    "; ".join(f"{k}={b!r}" for k, _, b in changes if b is not None),
                    tags,
                )
            )
        self.children(old, new, path)

    def children(self, old: Node, new: Node, path: str) -> None:
        a, b = old.children, new.children
        tags = [t for t in (old.tag, new.tag) if t is not None]
        matcher = SequenceMatcher(None, [c.sig for c in a], [c.sig for c in b], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = a[i1:i2], b[j1:j2]
            if op == "replace" and len(olds) == len(news):
                for x, y in zip(olds, news, strict=True):
                    self.pair(x, y, a, b, path, tags)
                continue
            where = self.where(olds[0] if olds else news[0], a if olds else b, path)
            self.add(
                Difference(
                    where,
                    {"delete": "removed", "insert": "added"}.get(op, "replaced"),
                    short(" ".join(show(c) for c in olds)),
                    short(" ".join(show(c) for c in news)),
                    tags + [c.tag for c in (*olds, *news) if isinstance(c, Node) and c.tag],
                )
            )

    def pair(
        self,
        x: Node | Text,
        y: Node | Text,
        a: list[Node | Text],
        b: list[Node | Text],
        path: str,
        tags: list[Tag],
    ) -> None:
        if isinstance(x, Node) and isinstance(y, Node) and x.name == y.name:
            self.nodes(x, y, self.where(x, a, path))
        elif isinstance(x, Text) and isinstance(y, Text):
            old, new = text_pair(x.shown, y.shown)
            self.add(Difference(self.where(x, a, path), "text", old, new, tags))
        else:
            where = self.where(x, a, path)
            self.add(Difference(where, "replaced", short(show(x)), short(show(y)), tags))

    def where(self, item: Node | Text, siblings: list[Node | Text], path: str) -> str:
        if isinstance(item, Text):
            if self.kind == "json":
                return path
            texts = [s for s in siblings if isinstance(s, Text)]
            number = f"[{texts.index(item) + 1}]" if len(texts) > 1 else ""
            return join(path, f"text(){number}", self.kind)
        return join(path, step(item, siblings, self.kind), self.kind)


def differences(kind: str, old: Node | Text, new: Node | Text) -> list[Difference]:
    differ = Differ(kind)
    if isinstance(old, Node) and isinstance(new, Node):
        if kind == "html":  # the document node has no name worth printing
            differ.children(old, new, "")
        else:
            differ.nodes(old, new, "")
    elif old.sig != new.sig:
        differ.add(Difference("$", "value", short(show(old)), short(show(new))))
    return differ.found


# -- files ---------------------------------------------------------------------------------------


@dataclass
class FileResult:
    path: str  # relative to the site
    status: str  # "identical", "equal", "differs", "only-old", "only-new", "bytes"
    differences: list[Difference] = field(default_factory=list)
    space: list[Difference] = field(default_factory=list)  # whitespace a reader would see
    error: str = ""

    @property
    def failing(self) -> list[Difference]:
        return [d for d in self.differences if d.allowed_by is None]


def kind_of(path: str) -> str | None:
    name = path.removesuffix(".gz")
    for suffix, kind in ((".html", "html"), (".htm", "html"), (".json", "json"), (".xml", "xml")):
        if name.endswith(suffix):
            return kind
    return None


def tree(kind: str, data: bytes, render: bool = False) -> Node | Text:
    if kind == "html":
        return html_tree(data.decode("utf-8", errors="replace"), render=render)
    if kind == "json":
        return json_tree(json.loads(data))
    return xml_tree(data)


def compare_file(rel: str, old: Path | None, new: Path | None) -> FileResult:
    if old is None or new is None:
        return FileResult(rel, "only-new" if old is None else "only-old")
    a, b = old.read_bytes(), new.read_bytes()
    if a == b:
        return FileResult(rel, "identical")
    kind = kind_of(rel)
    if kind is None:
        return FileResult(rel, "bytes", line_differences(a, b))
    if rel.endswith(".gz"):
        a, b = gzip.decompress(a), gzip.decompress(b)
        if a == b:
            return FileResult(rel, "identical")  # same content, other gzip header
    try:
        found = differences(kind, tree(kind, a), tree(kind, b))
    except (ValueError, ET.ParseError) as error:
        return FileResult(rel, "bytes", error=f"cannot parse ({error}); the bytes differ")
    if found:
        return FileResult(rel, "differs", found)
    space = []
    if kind == "html":
        space = differences(kind, tree(kind, a, True), tree(kind, b, True))
    return FileResult(rel, "equal", space=space)


def line_differences(a: bytes, b: bytes) -> list[Difference]:
    """The changed lines of two text files (style sheets, scripts); none for binary files."""
    try:
        old, new = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return [Difference("(binary)", "bytes", f"{len(a)} bytes", f"{len(b)} bytes")]
    found = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            found.append(
                Difference(
                    f"line {i1 + 1}",
                    {"delete": "removed", "insert": "added"}.get(op, "replaced"),
                    short(" ⏎ ".join(old[i1:i2])),
                    short(" ⏎ ".join(new[j1:j2])),
                )
            )
    return found


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def compare_sites(old: Path, new: Path) -> list[FileResult]:
    a, b = files_of(old), files_of(new)
    return [compare_file(n, a.get(n), b.get(n)) for n in sorted(a.keys() | b.keys())]


# -- allowed differences -------------------------------------------------------------------------


def load_allow(path: Path) -> list[dict[str, Any]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(entries, dict):
        entries = entries.get("allow", [])
    if not isinstance(entries, list):
        raise SetupError(f"{path}: expected a list of entries")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("file") or not entry.get("reason"):
            raise SetupError(f"{path}: entry {number} needs 'file' (a glob) and 'reason'")
        unknown = set(entry) - {"file", "selector", "path", "what", "reason", "site"}
        if unknown:
            raise SetupError(f"{path}: entry {number}: unknown keys {sorted(unknown)}")
        if "selector" in entry:
            try:
                soupsieve.compile(entry["selector"])
            except soupsieve.SelectorSyntaxError as error:
                raise SetupError(f"{path}: entry {number}: bad selector: {error}") from None
        entry["uses"] = 0
    return entries


def matches_selector(tags: Iterable[Tag], selector: str) -> bool:
    for tag in tags:
        node: Tag | None = tag
        while node is not None and node.name != "[document]":
            if node.css.match(selector):
                return True
            node = node.parent
    return False


def apply_allow(site: str, result: FileResult, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        if entry.get("site", site) != site or not fnmatch.fnmatch(result.path, entry["file"]):
            continue
        whole = "selector" not in entry and "path" not in entry
        if whole and result.status in ("only-old", "only-new", "bytes"):
            result.differences = result.differences or [
                Difference(result.path, result.status, "", "")
            ]
        for difference in result.differences:
            if difference.allowed_by is not None:
                continue
            if "selector" in entry:
                ok = matches_selector(difference.tags, entry["selector"])
            elif "path" in entry:
                ok = fnmatch.fnmatch(difference.path, entry["path"])
            else:
                ok = True
            if ok:
                difference.allowed_by = entry
                entry["uses"] += 1


# -- report --------------------------------------------------------------------------------------

STATUS = {
    "identical": "identical",
    "equal": "equal apart from whitespace and character references",
    "differs": "DIFFERS",
    "only-old": "ONLY IN BASE",
    "only-new": "ONLY IN NEW",
    "bytes": "DIFFERS (bytes)",
}


@dataclass
class Outcome:
    ok: bool
    report: str
    results: dict[str, list[FileResult]]
    seconds: float


def report_site(
    label: str, results: list[FileResult], shown: int, verbose: bool, strict_space: bool
) -> tuple[bool, list[str]]:
    lines, ok = [], True
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {STATUS[s].lower()}" for s, n in sorted(counts.items()))
    lines.append(f"== {label}: {len(results)} files: {summary}")
    for result in results:
        failing = result.status not in ("identical", "equal") and (
            result.failing or not result.differences
        )
        failing = failing or bool(strict_space and result.space)
        ok = ok and not failing
        if result.status == "identical" and not verbose:
            continue
        if result.status == "equal" and not result.space and not verbose:
            continue
        status = STATUS[result.status]
        if result.status not in ("identical", "equal") and not failing:
            status = "differs, as allowed"
        lines.append(f"{result.path}: {status}" + (f" ({result.error})" if result.error else ""))
        listed = result.failing + [d for d in result.differences if d.allowed_by is not None]
        for difference in listed[:shown]:
            lines.append("  " + difference.describe().replace("\n", "\n  "))
            if difference.allowed_by is not None:
                lines.append(f"    allowed: {difference.allowed_by['reason']}")
        if len(listed) > shown:
            hidden = len(result.failing[shown:])
            lines.append(
                f"  … and {len(listed) - shown} more differences ({hidden} of them not allowed)"
            )
        if result.space:
            lines.append(
                "  note: whitespace a reader would see differs"
                f" ({'fails with --strict-space' if not strict_space else 'failing'}):"
            )
            for difference in result.space[:shown]:
                lines.append("  " + difference.describe().replace("\n", "\n  "))
    return ok, lines


def run(
    base: Version,
    new: Version,
    projects: Sequence[Project],
    *,
    work: Path,
    warm: bool = False,
    allow: list[dict[str, Any]] | None = None,
    shown: int = 5,
    verbose: bool = False,
    strict_space: bool = False,
    log: Callable[[str], None] = lambda _: None,
) -> Outcome:
    start = time.perf_counter()
    runner = work / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env |= {
        "PYTHONSAFEPATH": "1",  # the project folder (cwd) is not on sys.path
        "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ written into the working tree
        "PYTHONHASHSEED": "0",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(time.time()))),
        "NO_MKDOCS_2_WARNING": "1",
    }
    allow = allow or []
    lines = [f"base: {base.what}", f"new:  {new.what}"]
    ok, results = True, {}
    for project in projects:
        with ThreadPoolExecutor(max_workers=2) as pool:
            sides = pool.map(
                lambda code, p=project: build_side(code, p, work, env, runner, warm), (base, new)
            )
            old_builds, new_builds = list(sides)
        times = ", ".join(
            f"{c.label} {' + '.join(f'{b.seconds:.1f}' for b in bs)} s"
            for c, bs in ((base, old_builds), (new, new_builds))
        )
        log(f"{project.name}: built ({times})")
        for number, (old, fresh) in enumerate(zip(old_builds, new_builds, strict=True)):
            label = project.name + (" (warm cache)" if number else "")
            found = compare_sites(old.site, fresh.site)
            for result in found:
                apply_allow(project.name, result, allow)
            site_ok, site_lines = report_site(label, found, shown, verbose, strict_space)
            ok, results[label] = ok and site_ok, found
            lines += site_lines
    for entry in allow:
        if not entry["uses"]:
            lines.append(f"note: allowed difference never seen: {entry['file']}: {entry['reason']}")
    seconds = time.perf_counter() - start
    lines.append(f"{'SAME PAGES' if ok else 'PAGES DIFFER'} ({seconds:.1f} s)")
    return Outcome(ok, "\n".join(lines), results, seconds)


def compare(
    base: str | None = None,
    *,
    new: str | None = None,
    base_dir: Path | None = None,
    new_dir: Path | None = None,
    projects: Sequence[Project] | None = None,
    keep: Path | None = None,
    **options: Any,
) -> Outcome:
    """Compare the sites built by two versions of the plugin (see the module's docstring)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        if any(keep.iterdir()):
            raise SetupError(f"--keep {keep}: the folder is not empty")
        return _compare(base, new, base_dir, new_dir, projects, keep, **options)
    with tempfile.TemporaryDirectory(prefix="compare-sites-") as work:
        return _compare(base, new, base_dir, new_dir, projects, Path(work), **options)


def _compare(
    base: str | None,
    new: str | None,
    base_dir: Path | None,
    new_dir: Path | None,
    projects: Sequence[Project] | None,
    work: Path,
    **options: Any,
) -> Outcome:
    if base is None and base_dir is None:
        raise SetupError("give --base REV or --base-dir DIR")
    old_code = version("base", base, base_dir, work)
    new_code = version("new", new, new_dir, work)
    return run(old_code, new_code, projects or [Project("repo", REPO)], work=work, **options)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", metavar="REV", help="commit whose plugins/ is the base side")
    parser.add_argument("--base-dir", type=Path, help="or: a folder holding mkdocs_briefings/")
    parser.add_argument("--new", metavar="REV", help="commit for the new side (default: the tree)")
    parser.add_argument("--new-dir", type=Path, help="or: a folder holding mkdocs_briefings/")
    parser.add_argument(
        "--project",
        type=Path,
        action="append",
        help="folder with mkdocs.yml to build (repeatable; default: this repository)",
    )
    parser.add_argument(
        "--newsroom", action="store_true", help="also build tests/data's newsroom site"
    )
    parser.add_argument(
        "--warm", action="store_true", help="build each side twice; compare the cached build too"
    )
    parser.add_argument("--allow", type=Path, help="YAML/JSON list of known, explained changes")
    parser.add_argument("--keep", type=Path, help="keep the projects and sites in this folder")
    parser.add_argument("--show", type=int, default=5, help="differences shown per file")
    parser.add_argument("--strict-space", action="store_true", help="visible whitespace fails")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every file")
    args = parser.parse_args(argv)
    if (args.base is None) == (args.base_dir is None):
        parser.error("give one of --base REV and --base-dir DIR")
    if args.new is not None and args.new_dir is not None:
        parser.error("give at most one of --new REV and --new-dir DIR")
    projects = [
        Project("repo" if p.resolve() == REPO else p.resolve().name, p.resolve())
        for p in args.project or []
    ]
    if not projects:
        projects = [Project("repo", REPO)]
    if args.newsroom:
        projects.append(newsroom_project())
    for project in projects:
        if project.source is not None and not (project.source / "mkdocs.yml").is_file():
            parser.error(f"--project {project.source}: no mkdocs.yml there")
    try:
        allow = load_allow(args.allow) if args.allow else []
        outcome = compare(
            args.base,
            new=args.new,
            base_dir=args.base_dir,
            new_dir=args.new_dir,
            projects=projects,
            keep=args.keep,
            warm=args.warm,
            allow=allow,
            shown=args.show,
            verbose=args.verbose,
            strict_space=args.strict_space,
            log=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except SetupError as error:
        print(f"compare_sites: {error}", file=sys.stderr)
        return 2
    print(outcome.report)
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
