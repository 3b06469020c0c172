#!/usr/bin/env python3
"""Build this site with MkDocs and with ProperDocs, and compare every file of the two sites.

ProperDocs (https://properdocs.org/, ``pip install properdocs``) is the maintained fork of
MkDocs 1.x: its own ``properdocs`` command and import package, which reads ``mkdocs.yml``, loads
plugins and themes from the ``mkdocs.plugins`` and ``mkdocs.themes`` entry points too, and makes
every ``import mkdocs...`` inside its process import the matching ``properdocs`` module. So this
plugin and Material 9.x run on it unchanged, and it can share an environment with MkDocs; it gets
its own here, ``.tools/properdocs-venv/`` (git-ignored), made on the first run with ProperDocs as
``tests/engines/requirements.txt`` pins it, everything else as ``constraints.txt`` pins it, and
this project installed editable. Later runs reuse it, and only install again when one of those
files or ``pyproject.toml`` changes.

Three builds with ``--strict``, each in a copy of the project (``mkdocs.yml``, ``docs/``,
``briefings/``, ...; not ``.cache/``, so the repository's build cache and ``site/`` are left
alone), all importing the plugin from this tree's ``plugins/`` (``PYTHONPATH``) and with the same
``SOURCE_DATE_EPOCH``:

1. ``mkdocs build``, with the Python running this script (``.venv/``), from an empty cache;
2. ``properdocs build``, from an empty cache;
3. ``properdocs build`` again in the first copy, from the cache MkDocs wrote there (switching
   engines keeps ``.cache/``).

Builds 2 and 3 are each compared with build 1, file by file (HTML, XML, JSON, CSS, JavaScript,
images; ``.gz`` files unpacked). The one difference allowed is the engine's name and version in
Material's generator tag, ``<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-...">``
against ``content="mkdocs-ProperDocs 1.6.7, ..."``: only that part of that tag is normalised.
Any other difference is reported with its file, lines and column, and both sides' text there.

Exit status: 0 when the sites are the same, 1 when they differ, 2 when a build or the setup
fails. ``tests/engines/test_engines.py`` runs it (marked ``slow``: ``make test`` runs it, ``make
test-fast`` does not).

    .venv/bin/python tests/engines/compare.py
    .venv/bin/python tests/engines/compare.py --keep /tmp/engines   # keep the three sites
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = Path(__file__).resolve().with_name("requirements.txt")
VENV = Path(".tools") / "properdocs-venv"

# The engine's part of Material's generator tag: "mkdocs-" and MkDocs' version, or ProperDocs'
# name and version (ProperDocs passes "ProperDocs 1.6.7" as the template's mkdocs_version).
GENERATOR = re.compile(r'(<meta name="generator" content="mkdocs-)(?:ProperDocs )?\d+(?:\.\d+)*')
ENGINE = r"\1ENGINE"

# Not part of the site's sources: left out of the copies the builds run in.
NOT_SOURCES = frozenset(
    {
        ".git",
        ".venv",
        ".tools",
        ".cache",
        "site",
        "build",
        "plugins",
        "tests",
        "bench",
        "test-artifacts",
        "node_modules",
        "__pycache__",
        ".pytest_cache",
        ".hypothesis",
        ".ruff_cache",
        ".mypy_cache",
    }
)


class SetupError(Exception):
    """The ProperDocs environment could not be made, or a build failed."""


@dataclass
class Comparison:
    """Build ``b`` compared with build ``a``."""

    files: int = 0
    normalised: int = 0  # files equal only once the generator tag is normalised
    differences: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """The text with the engine's name and version in the generator tag replaced by ENGINE."""
    return GENERATOR.sub(ENGINE, text)


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _snippet(text: str, at: int, width: int = 70) -> str:
    start = max(0, at - width // 2)
    end = start + width
    return ("…" if start else "") + repr(text[start:end])[1:-1] + ("…" if end < len(text) else "")


def _first_difference(a: str | bytes, b: str | bytes) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def describe(a: str, b: str, names: tuple[str, str] = ("a", "b"), limit: int = 3) -> list[str]:
    """Where two texts differ: up to ``limit`` runs of lines, each with both sides' text."""
    a_lines, b_lines = a.splitlines(), b.splitlines()
    found: list[str] = []
    opcodes = SequenceMatcher(None, a_lines, b_lines, autojunk=False).get_opcodes()
    changes = [op for op in opcodes if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in changes[:limit]:
        left, right = "\n".join(a_lines[i1:i2]), "\n".join(b_lines[j1:j2])
        at = _first_difference(left, right)
        where = f"{names[0]} lines {i1 + 1}-{i2}, {names[1]} lines {j1 + 1}-{j2}"
        if i2 - i1 == 1 and j2 - j1 == 1:
            where = (
                f"line {i1 + 1}"
                if i1 == j1
                else f"{names[0]} line {i1 + 1}, {names[1]} line {j1 + 1}"
            )
        found.append(
            f"{where} ({tag}), from column {at + 1}:\n"
            f"      {names[0]}: {_snippet(left, at) if left else '(nothing)'}\n"
            f"      {names[1]}: {_snippet(right, at) if right else '(nothing)'}"
        )
    if len(changes) > limit:
        found.append(f"and {len(changes) - limit} more")
    return found


def compare_sites(a: Path, b: Path, names: tuple[str, str] = ("a", "b")) -> Comparison:
    """Every file of two built sites: the same files, and the same content apart from the
    engine's name and version in the generator tag."""
    a_files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    b_files = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    result = Comparison(files=len(a_files | b_files))
    for name, only in ((names[0], a_files - b_files), (names[1], b_files - a_files)):
        result.differences += [f"{path}: only in {name}'s site" for path in sorted(only)]
    for path in sorted(a_files & b_files):
        left, right = _content(a / path), _content(b / path)
        if left == right:
            continue
        try:
            left_text, right_text = left.decode(), right.decode()
        except UnicodeDecodeError:
            at = _first_difference(left, right)
            result.differences.append(
                f"{path}: {len(left)} and {len(right)} bytes, first difference at byte {at}"
            )
            continue
        left_text, right_text = normalise(left_text), normalise(right_text)
        if left_text == right_text:
            result.normalised += 1
            continue
        lines = describe(left_text, right_text, names)
        result.differences.append(f"{path}:\n    " + "\n    ".join(lines))
    return result


def _run(command: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SetupError(
            f"{' '.join(map(str, command))} (in {cwd}) exited with {done.returncode}:\n"
            + done.stdout
        )


def properdocs_venv(root: Path = ROOT) -> Path:
    """``.tools/properdocs-venv/`` made or brought up to date; returns its ``properdocs``."""
    venv = root / VENV
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    inputs = hashlib.sha256(str(root).encode())
    for part in (root / "constraints.txt", REQUIREMENTS, root / "pyproject.toml"):
        inputs.update(part.read_bytes())
    wanted = {"python": sys.version, "inputs": inputs.hexdigest()}
    try:
        have = json.loads(stamp.read_text())
    except (OSError, ValueError):
        have = {}
    if have == wanted and (venv / "bin" / "properdocs").exists():
        return venv / "bin" / "properdocs"
    if have.get("python") != sys.version or not python.exists():
        _run([sys.executable, "-m", "venv", "--clear", venv], cwd=root)
    # ProperDocs as requirements.txt pins it; Material, MkDocs (which the project requires, and
    # which ProperDocs' process never imports) and the rest as constraints.txt pins them.
    _run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", root / "constraints.txt", "-r", REQUIREMENTS, "-e", root],
        cwd=root,
    )  # fmt: skip
    stamp.write_text(json.dumps(wanted))
    return venv / "bin" / "properdocs"


def _check_plugin(python: Path | str, root: Path, env: dict[str, str]) -> None:
    """Both engines must run this tree's plugin, not another copy installed in their venv."""
    code = "import mkdocs_briefings; print(mkdocs_briefings.__file__)"
    done = subprocess.run(
        [str(python), "-c", code], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    found = Path(done.stdout.strip() or ".").resolve()
    if done.returncode or not found.is_relative_to(root / "plugins"):
        raise SetupError(f"{python} imports mkdocs_briefings from {found}, not {root / 'plugins'}")


def _copy_sources(root: Path, dest: Path) -> Path:
    shutil.copytree(root, dest, ignore=lambda _dir, names: [n for n in names if n in NOT_SOURCES])
    return dest


def _build(command: list[str | Path], project: Path, out: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    _run([*command, "build", "--strict", "-f", "mkdocs.yml", "-d", out], cwd=project, env=env)
    return time.perf_counter() - start


@dataclass
class Report:
    versions: str
    timings: dict[str, float]
    comparisons: dict[str, Comparison]

    @property
    def same(self) -> bool:
        return not any(c.differences for c in self.comparisons.values())

    def text(self) -> str:
        lines = [self.versions]
        for label, c in self.comparisons.items():
            verdict = f"{len(c.differences)} differences" if c.differences else "the same site"
            lines.append(
                f"  {label}: {verdict} ({c.files} files; the generator tag alone differs in"
                f" {c.normalised})"
            )
            lines += [f"    {d}" for d in c.differences]
        lines.append(
            "  time: " + ", ".join(f"{name} {secs:.1f} s" for name, secs in self.timings.items())
        )
        return "\n".join(lines)


def run(root: Path, work: Path) -> Report:
    """The three builds in ``work`` (an empty folder), and their comparison."""
    start = time.perf_counter()
    properdocs = properdocs_venv(root)
    timings = {"ProperDocs environment": time.perf_counter() - start}
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(root / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(time.time()))),
        "NO_MKDOCS_2_WARNING": "1",  # Material's notice when run by `mkdocs`
    }
    for python in (sys.executable, properdocs.with_name("python")):
        _check_plugin(python, root, env)
    first = _copy_sources(root, work / "project-mkdocs")
    second = _copy_sources(root, work / "project-properdocs")
    sites = {name: work / f"site-{name}" for name in ("mkdocs", "properdocs", "properdocs-warm")}
    mkdocs = [sys.executable, "-m", "mkdocs"]
    timings["mkdocs build"] = _build(mkdocs, first, sites["mkdocs"], env)
    timings["properdocs build"] = _build([properdocs], second, sites["properdocs"], env)
    timings["properdocs build from MkDocs' cache"] = _build(
        [properdocs], first, sites["properdocs-warm"], env
    )
    found = subprocess.run(
        [properdocs, "--version"], capture_output=True, text=True, check=True
    ).stdout.split()
    versions = (
        f"MkDocs {version('mkdocs')} and ProperDocs {found[2] if len(found) > 2 else '?'},"
        f" with mkdocs-material {version('mkdocs-material')}"
    )
    comparisons = {
        "properdocs vs mkdocs": compare_sites(
            sites["mkdocs"], sites["properdocs"], ("mkdocs", "properdocs")
        ),
        "properdocs (from MkDocs' cache) vs mkdocs": compare_sites(
            sites["mkdocs"], sites["properdocs-warm"], ("mkdocs", "properdocs")
        ),
    }
    return Report(versions, timings, comparisons)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the project (default: %(default)s)"
    )
    parser.add_argument("--keep", type=Path, help="build into this (new) folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="engines-") as tmp:
        work = args.keep or Path(tmp)
        if args.keep:
            work.mkdir(parents=True)  # refuses an existing folder: the builds need empty ones
        try:
            report = run(args.root.resolve(), work)
        except SetupError as error:
            print(error, file=sys.stderr)
            return 2
    print(report.text())
    return 0 if report.same else 1


if __name__ == "__main__":
    sys.exit(main())
