"""The build cache on disk: keyed by content, versioned, written atomically, never fatal."""

from __future__ import annotations

import gc
import os
import pickle
from typing import TYPE_CHECKING

import pytest
from pydantic import ValidationError

from mkdocs_briefings import store as store_module
from mkdocs_briefings.entries import Entry
from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import Paragraph
from mkdocs_briefings.reading import FileCache
from mkdocs_briefings.store import (
    STORE_FILE,
    Store,
    code_version,
    content_key,
    load_store,
    save_store,
)

from .test_file_cache import CountingReader, _touch_later, _write
from .test_loader import VALID

if TYPE_CHECKING:
    from pathlib import Path


def _reopened(folder: Path, store: Store) -> Store:
    """``store`` as the next build (another process) finds it: saved, then loaded."""
    save_store(folder, store)
    loaded, trouble = load_store(folder, store.version)
    assert trouble is None
    return loaded


def test_a_saved_store_loads_with_its_outcomes_and_markdown(tmp_path: Path) -> None:
    files = [_write(tmp_path, "b.yml", VALID)]
    store = Store("v1")
    [entry] = FileCache(store=store).read_all(files, CountingReader())
    store.keep_pages({("briefings/b.yml", b"k", "briefings/b.md"): "# Page"})
    assert store.changed

    loaded = _reopened(tmp_path / "cache", store)

    assert not loaded.changed
    [(key, stored)] = next(iter(loaded.outcomes.values())).values()
    assert key == content_key(files[0][0].read_bytes())
    assert isinstance(stored, Entry)
    assert stored == entry
    assert loaded.pages == {("briefings/b.yml", b"k", "briefings/b.md"): "# Page"}


def test_a_file_with_a_new_mtime_but_the_same_bytes_is_not_parsed_again(tmp_path: Path) -> None:
    """A fresh clone or a CI cache restore gives every file a new mtime: still a hit."""
    files = [_write(tmp_path, "b.yml", VALID)]
    first = Store("v1")
    FileCache(store=first).read_all(files, CountingReader())
    loaded = _reopened(tmp_path / "cache", first)
    _touch_later(files[0][0])

    reader = CountingReader()
    [entry] = FileCache(store=loaded).read_all(files, reader)

    assert reader.calls == []
    assert isinstance(entry, Entry)
    assert entry.briefing.title == "Harbour strike ends"
    assert not loaded.changed  # nothing to write back


def test_changed_bytes_behind_an_unchanged_mtime_are_parsed_again(tmp_path: Path) -> None:
    path, display = _write(tmp_path, "b.yml", VALID)
    first = Store("v1")
    FileCache(store=first).read_all([(path, display)], CountingReader())
    loaded = _reopened(tmp_path / "cache", first)
    info = path.stat()
    path.write_text(VALID.replace("Harbour strike", "Harbour lockout"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # as `cp -p` or a restore would

    reader = CountingReader()
    [entry] = FileCache(store=loaded).read_all([(path, display)], reader)

    assert reader.calls == [display]
    assert isinstance(entry, Entry)
    assert entry.briefing.title.startswith("Harbour lockout")
    assert loaded.changed


def test_problems_are_stored_and_deleted_files_forgotten(tmp_path: Path) -> None:
    broken = _write(tmp_path, "broken.yml", "title: [unclosed\n")
    good = _write(tmp_path, "good.yml", VALID)
    first = Store("v1")
    FileCache(store=first).read_all([broken, good], CountingReader())
    loaded = _reopened(tmp_path / "cache", first)

    reader = CountingReader()
    [error] = FileCache(store=loaded).read_all([broken], reader)  # good.yml was deleted

    assert reader.calls == []
    assert isinstance(error, BriefingError)
    assert str(error.problems[0]).startswith("briefings/broken.yml:")
    assert loaded.changed
    assert [*next(iter(loaded.outcomes.values()))] == ["briefings/broken.yml"]


def test_a_store_from_other_code_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    files = [_write(tmp_path, "b.yml", VALID)]
    old = Store("old version")
    FileCache(store=old).read_all(files, CountingReader())
    save_store(folder, old)

    loaded, trouble = load_store(folder, "new version")

    assert trouble is None  # an upgrade is not worth a message
    assert loaded.outcomes == {}
    assert loaded.version == "new version"
    assert loaded.changed  # so the build writes the new one


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle at all", pickle.dumps({"a": "dict"}), pickle.dumps(Store("v1"))[:-5]],
    ids=["empty", "garbage", "another object", "truncated"],
)
def test_an_unreadable_store_is_ignored_with_a_reason(tmp_path: Path, content: bytes) -> None:
    (tmp_path / STORE_FILE).write_bytes(content)

    loaded, trouble = load_store(tmp_path, "v1")

    assert loaded.outcomes == {}
    assert loaded.pages == {}
    if content == pickle.dumps({"a": "dict"}):
        assert trouble is None  # readable, just not ours: start afresh
    else:
        assert trouble is not None
        assert STORE_FILE in trouble
        assert "rebuilt" in trouble


def test_no_store_yet_is_no_trouble(tmp_path: Path) -> None:
    loaded, trouble = load_store(tmp_path / "missing", "v1")
    assert trouble is None
    assert loaded.outcomes == {}
    assert not loaded.changed


def test_saving_writes_a_gitignore_once_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / ".cache" / "plugin" / "briefings"
    save_store(folder, Store("v1", changed=True))
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    (folder / ".gitignore").write_text("# mine\n", encoding="utf-8")

    save_store(folder, Store("v2"))

    assert (folder / ".gitignore").read_text(encoding="utf-8") == "# mine\n"  # not overwritten
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", STORE_FILE]
    assert load_store(folder, "v2")[0].version == "v2"


def test_an_interrupted_save_keeps_the_old_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_store(tmp_path, Store("v1", pages={"k": "old"}))

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module.pickle, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_store(tmp_path, Store("v1", pages={"k": "new"}, changed=True))

    monkeypatch.undo()
    assert load_store(tmp_path, "v1")[0].pages == {"k": "old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".gitignore", STORE_FILE]


def test_parts_of_the_same_pages_leave_the_store_unchanged() -> None:
    store = Store("v1", pages={"a": "x"})
    store.keep_pages({"a": "x"})
    assert not store.changed
    store.keep_pages({"b": "y"})
    assert store.changed


def test_the_code_version_names_the_format(monkeypatch: pytest.MonkeyPatch) -> None:
    before = code_version()
    assert code_version() == before  # stable between builds
    monkeypatch.setattr(store_module, "FORMAT", store_module.FORMAT + 1)
    assert code_version() != before


def test_loading_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    save_store(tmp_path, Store("v1", pages={"k": "text"}))
    assert gc.isenabled()
    load_store(tmp_path, "v1")
    assert gc.isenabled()
    gc.disable()
    try:
        load_store(tmp_path, "v1")
        assert not gc.isenabled()  # not switched on behind the caller's back
    finally:
        gc.enable()


def test_a_file_saved_while_it_is_read_is_not_stored(tmp_path: Path) -> None:
    """The content key comes from one read and the parse from another: a save between them
    must not pair the old key with the new result (a revert would then get the new one)."""
    path, display = _write(tmp_path, "b.yml", VALID)

    class SavedMeanwhile(CountingReader):
        def __call__(self, path: Path, display: str) -> Entry:
            info = path.stat()
            path.write_text(VALID.replace("Harbour strike", "Harbour lockout"), "utf-8")
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
            return super().__call__(path, display)

    store = Store("v1")
    cache = FileCache(store=store)
    [entry] = cache.read_all([(path, display)], SavedMeanwhile())

    assert isinstance(entry, Entry)
    assert entry.briefing.title.startswith("Harbour lockout")  # what was parsed
    assert next(iter(store.outcomes.values())) == {}  # but not stored under the old bytes' key
    reader = CountingReader()
    cache.read_all([(path, display)], reader)
    assert reader.calls == [display]  # read again: the stamp moved


def test_a_store_writable_by_others_is_not_loaded(tmp_path: Path) -> None:
    save_store(tmp_path, Store("v1", pages={"k": "text"}))
    (tmp_path / STORE_FILE).chmod(0o666)

    loaded, trouble = load_store(tmp_path, "v1")

    assert loaded.pages == {}
    assert trouble is not None
    assert "writable by others; not loaded" in trouble


def test_pickled_briefings_share_their_fields_sets_and_stay_equal() -> None:
    """Models loaded from the store share pydantic's per-instance set of given fields (the
    store's largest overhead), without changing what they are or how they copy."""
    first = read_briefing(VALID, path="a.yml")
    second = read_briefing(VALID.replace("Port Anselm", "Port Belmar"), path="b.yml")

    data = pickle.dumps([first, second], protocol=pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)  # noqa: S301  # our own bytes

    assert loaded == [first, second]
    assert loaded[0].model_fields_set == first.model_fields_set
    assert loaded[0].model_fields_set is loaded[1].model_fields_set
    paragraphs = [block for b in loaded for block in b.body if isinstance(block, Paragraph)]
    assert paragraphs[0].model_fields_set is paragraphs[-1].model_fields_set
    shared = set(loaded[1].model_fields_set)
    copy = loaded[0].model_copy(update={"story": "port-strikes"})
    assert copy.story == "port-strikes"
    assert loaded[1].model_fields_set == shared  # the copy got a set of its own
    with pytest.raises(ValidationError):
        loaded[0].title = "Changed"  # frozen: nothing can add to the shared set
    assert loaded[1].model_fields_set == shared
