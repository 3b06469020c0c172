"""What reading made of each file, kept on disk between builds (pure of MkDocs).

Why: a build spends about half a millisecond per briefing parsing and checking its YAML and
rendering its page, and most builds change a few files at most. The store keeps each file's
outcome (its briefing, or its problems) and its page's parts (HTML and summary),
keyed by the file's content, not its modification time: a fresh clone or a CI cache restore
(new mtimes, same bytes) still hits, and a file changed behind an unchanged mtime still misses.

The store is a pickle, like Sphinx's environment pickle: load it only from a folder you would
run code from (the project's own ``.cache/``). A store from another version of this package,
of Python or of its parsing libraries is ignored, and so is one that cannot be read: a cache
never stops a build.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator, Mapping

FORMAT = 2
"""Bump when the stored layout changes."""
STORE_FILE = "store.pickle"
_LIBRARIES = (
    "mkdocs-briefings",
    "pydantic",
    "pydantic-core",
    "PyYAML",
    "python-slugify",
    "text-unidecode",
)


def content_key(data: bytes) -> bytes:
    """A file's identity for the store: a 128-bit BLAKE2b digest of its bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass
class Store:
    """Outcomes by reader and file, and what each page was made of, for one code version."""

    version: str
    outcomes: dict[str, dict[str, tuple[bytes, Any]]] = field(default_factory=dict)
    """By reader name, then display path: (content key, the reader's result or error)."""
    pages: dict[Hashable, Any] = field(default_factory=dict)
    """What each generated page is made of (its HTML ...), by a key that names
    everything it depends on."""
    changed: bool = False
    """Whether this store differs from the one on disk."""

    def keep_outcomes(self, reader: str, outcomes: dict[str, tuple[bytes, Any]]) -> None:
        """Replace ``reader``'s outcomes (files gone since are forgotten)."""
        if self.outcomes.get(reader) != outcomes:
            self.changed = True
        self.outcomes[reader] = outcomes

    def keep_pages(self, pages: Mapping[Hashable, Any]) -> None:
        """Replace the pages (pages no longer generated are forgotten); the store has changed
        when a page is new, gone, or made anew (its parts are not the stored object)."""
        if len(pages) != len(self.pages) or any(
            self.pages.get(key) is not parts for key, parts in pages.items()
        ):
            self.changed = True
        self.pages = dict(pages)


def code_version() -> str:
    """What stored results depend on: this package's code, Python and the parsing libraries."""
    # libyaml or not: the two parsers word syntax errors differently.
    parser = f"libyaml={getattr(yaml, '__with_libyaml__', False)}"
    digest = hashlib.blake2b(f"{FORMAT}\n{sys.version}\n{parser}".encode())
    for name in _LIBRARIES:
        digest.update(f"\n{name}={_version(name)}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def load_store(folder: Path, version: str) -> tuple[Store, str | None]:
    """The store in ``folder`` if it was written by ``version``, else an empty one.

    Returns:
        The store, and why an existing store was not used (None when it was, or when there
        was none yet).
    """
    path = folder / STORE_FILE
    if trouble := _untrusted(path):
        return Store(version, changed=True), trouble
    try:
        with open(path, "rb") as file, collector_paused():
            store = pickle.load(file)  # noqa: S301  # our own cache, see the module docstring
    except FileNotFoundError:
        return Store(version), None
    except Exception as exc:  # truncated, corrupt, or from old code: rebuild
        return Store(version, changed=True), f"{path} cannot be read ({exc!r:.80}); rebuilt"
    if not isinstance(store, Store) or store.version != version:
        return Store(version, changed=True), None  # another version of the code: start afresh
    store.changed = False
    return store, None


def _untrusted(path: Path) -> str | None:
    """Why ``path`` is not loaded (a pickle runs code): owned by another user, or writable by
    others. None when it may be loaded, or does not exist."""
    try:
        info = path.stat()
    except OSError:
        return None  # missing: nothing to load; unreadable: open() says so
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"{path} belongs to another user; not loaded (delete it to rebuild the cache)"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{path} is writable by others; not loaded (delete it to rebuild the cache)"
    return None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large pickle loads (re-entrant).

    Why: unpickling 10,000 briefings creates a few hundred thousand objects, and the collector
    walks the growing heap again and again meanwhile (it cannot find garbage in a pickle being
    loaded): 1.0-1.3 s with it, 0.4 s without.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def save_store(folder: Path, store: Store) -> None:
    """Write ``store`` into ``folder`` atomically (readers see the old or the new one).

    The folder gets a ``.gitignore`` of ``*`` when it has none, so the cache stays out of git.

    Raises:
        OSError: when the folder or file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# mkdocs-briefings' build cache\n*\n", encoding="utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{STORE_FILE}.", dir=folder)
    try:
        # The collector paused: pickling makes no cyclic garbage, and would otherwise walk
        # the heap the store fills (0.49 -> 0.23 s at 3,000 briefings right after a load).
        with os.fdopen(fd, "wb") as file, collector_paused():
            pickle.dump(store, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / STORE_FILE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    store.changed = False


@dataclass
class BuildCache:
    """The build cache across one process's builds: loaded from its folder once, kept while the
    folder stays the same (`mkdocs serve` rebuilds), and saved when a build changed it."""

    folder: Path | None = None
    store: Store | None = None
    frozen: bool = False
    """Whether `open` froze the heap (see there): only what this froze is unfrozen."""

    def open(self, folder: Path, *, enabled: bool) -> tuple[Store, str | None]:
        """The store of ``folder`` (empty when ``enabled`` is False), and why a store on disk
        was not used, if it was not.

        The store lives as long as the builds: its objects are frozen (gc.freeze) while it
        loads, or the collector's next passes walk each of them up to three times (0.45 s at
        3,000 briefings). `release` unfreezes them after the build.
        """
        if self.store is not None and self.folder == folder:
            return self.store, None
        with collector_paused():
            store, trouble = load_store(folder, code_version()) if enabled else (Store(""), None)
            if store.outcomes or store.pages:
                gc.freeze()
                self.frozen = True
        self.store, self.folder = store, folder
        return store, trouble

    def release(self) -> None:
        """Undo `open`'s gc.freeze after a build (only this cache's: a host may freeze too)."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def save(self) -> str | None:
        """Write the store if a build changed it. Returns why it could not be written, if it
        could not: a cache that cannot be written costs time, not the build."""
        if not (self.store and self.store.changed and self.folder and self.store.version):
            return None
        try:
            save_store(self.folder, self.store)
        except OSError as exc:
            return (
                f"cannot write the build cache in {self.folder} ({exc.strerror or exc}); "
                "set 'cache: false' to stop trying"
            )
        return None
