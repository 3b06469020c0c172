"""FileCache: unchanged files are not read again; changed, broken and deleted ones are handled."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_briefings import reading as site_module
from mkdocs_briefings.catalog import Layout
from mkdocs_briefings.entries import Entry, read_entry_file
from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.reading import FileCache, load_site

from .test_loader import VALID

if TYPE_CHECKING:
    import pytest


class CountingReader:
    """Reads briefings like the site does, counting the files it actually parses."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, path: Path, display: str) -> Entry:
        self.calls.append(display)
        return read_entry_file(path, display=display)


def _write(folder: Path, name: str, text: str) -> tuple[Path, str]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path, f"briefings/{name}"


def _touch_later(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))


def test_unchanged_files_come_from_the_cache(tmp_path: Path) -> None:
    files = [
        _write(tmp_path, f"b{i}.yml", VALID.replace("Harbour strike", f"Strike {i}"))
        for i in range(3)
    ]
    cache, reader = FileCache(), CountingReader()
    first = cache.read_all(files, reader)
    second = cache.read_all(files, reader)
    assert reader.calls == [d for _, d in files]  # each parsed once
    assert second == first
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_a_saved_file_is_read_again(tmp_path: Path) -> None:
    files = [_write(tmp_path, "b.yml", VALID)]
    cache, reader = FileCache(), CountingReader()
    [before] = cache.read_all(files, reader)
    files[0][0].write_text(VALID.replace("Harbour strike ends", "Harbour strike over"), "utf-8")
    _touch_later(files[0][0])
    [after] = cache.read_all(files, reader)
    assert len(reader.calls) == 2
    assert isinstance(before, Entry)
    assert before.briefing.title == "Harbour strike ends"
    assert isinstance(after, Entry)
    assert after.briefing.title == "Harbour strike over"


def test_problems_are_cached_and_a_fix_is_seen(tmp_path: Path) -> None:
    files = [_write(tmp_path, "b.yml", "title: [unclosed\n")]
    cache, reader = FileCache(), CountingReader()
    for _ in range(2):
        [outcome] = cache.read_all(files, reader)
        assert isinstance(outcome, BriefingError)
        assert str(outcome).startswith("briefings/b.yml:")
    assert len(reader.calls) == 1
    files[0][0].write_text(VALID, "utf-8")
    _touch_later(files[0][0])
    [outcome] = cache.read_all(files, reader)
    assert isinstance(outcome, Entry)


def test_deleted_files_are_forgotten_and_unreadable_ones_reported(tmp_path: Path) -> None:
    kept, gone = _write(tmp_path, "a.yml", VALID), _write(tmp_path, "b.yml", VALID)
    cache, reader = FileCache(), CountingReader()
    cache.read_all([kept, gone], reader)
    gone[0].unlink()
    [outcome] = cache.read_all([gone], reader)  # asked again: the reader reports it
    assert isinstance(outcome, BriefingError)
    assert "cannot read the file" in str(outcome)
    assert cache.read_all([kept], reader)[0] is not None


def test_load_site_with_a_cache_sees_edits_and_deletions(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    path, _ = _write(folder, "strike.yml", VALID)
    other, _ = _write(folder, "other.yml", VALID.replace("Harbour strike ends", "Quay reopens"))
    cache = FileCache()

    def load() -> list[str]:
        site = load_site(
            folder,
            root=tmp_path,
            digests_dir=folder / "digests",
            layout=Layout(),
            exists=lambda src: False,
            cache=cache,
        )
        return sorted(e.briefing.title for e in site.entries) + [str(p) for p in site.problems]

    assert load() == ["Harbour strike ends", "Quay reopens"]
    path.write_text(VALID.replace("Harbour strike ends", "Harbour strike over"), "utf-8")
    _touch_later(path)
    assert load() == ["Harbour strike over", "Quay reopens"]
    other.unlink()
    assert load() == ["Harbour strike over"]


def test_reading_in_worker_processes_gives_the_same_outcomes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_module, "PARALLEL_MIN", 4)
    files = [
        _write(tmp_path, f"b{i:02}.yml", VALID.replace("Harbour strike", f"Strike {i}"))
        for i in range(12)
    ]
    files.append(_write(tmp_path, "broken.yml", "title: [unclosed\n"))
    parallel = FileCache().read_all(files, site_module._read_briefing_file, workers=2)
    serial = FileCache().read_all(files, site_module._read_briefing_file, workers=1)
    assert [str(o) if isinstance(o, BriefingError) else o for o in parallel] == [
        str(o) if isinstance(o, BriefingError) else o for o in serial
    ]
    assert isinstance(parallel[-1], BriefingError)


def test_cached_problems_keep_no_parser_frames(tmp_path: Path) -> None:
    files = [_write(tmp_path, "b.yml", "title: [unclosed\n")]
    [outcome] = FileCache().read_all(files, CountingReader())
    assert isinstance(outcome, BriefingError)
    assert outcome.__traceback__ is None  # a cached error must not pin the frames that raised it


def test_checks_only_in_worker_processes_finds_what_a_full_read_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`briefings check` reads light entries in worker processes: same problems as a build."""
    monkeypatch.setattr(site_module, "PARALLEL_MIN", 2)
    folder = tmp_path / "briefings"
    (folder / "digests").mkdir(parents=True)
    image = "image: {src: assets/missing.jpg, alt: A quay, credit: Ledger photo}\n"
    texts = {
        "a.yml": VALID,
        "b.yml": VALID,  # the same address as a.yml
        "c.yml": VALID.replace("Harbour strike ends", "Ferry returns") + image,
        "d.yml": "title: [unclosed\n",
        "e.yml": VALID.replace("Harbour strike ends", "About"),  # a hand-written page
        "f.yml": VALID.replace("Harbour strike ends", "Quay reopens"),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "digests" / "2025-11-04.yml").write_text(
        "title: D\ndate: 2025-11-04\nbriefings: [quay-reopens, nope]\n", encoding="utf-8"
    )

    def load(**options: object) -> site_module.Site:
        return load_site(
            folder,
            root=tmp_path,
            digests_dir=folder / "digests",
            layout=Layout(),
            exists=lambda src: src == "briefings/about.md",
            **options,  # type: ignore[arg-type]
        )

    full, light = load(), load(workers=2, checks_only=True)

    assert [str(p) for p in light.problems] == [str(p) for p in full.problems]
    assert {p.path.rsplit("/", 1)[-1] for p in full.problems} == {
        "b.yml",
        "c.yml",
        "d.yml",
        "e.yml",
        "2025-11-04.yml",
    }
    assert [e.path for e in light.entries] == [e.path for e in full.entries]
    assert [e.slug for e in light.entries] == ["harbour-strike-ends", "quay-reopens"]


def test_relative_paths_match_relpath_with_one_call_per_folder(tmp_path: Path) -> None:
    root = tmp_path / "project"
    paths = [
        root / "briefings" / "a.yml",
        root / "briefings" / "2025" / "b.yml",
        root / "briefings" / "a b#c.yml",
        root / "top.yml",
        tmp_path / "elsewhere" / "c.yml",  # outside the root
    ]
    expected = [Path(os.path.relpath(p, root)).as_posix() for p in paths]
    assert site_module.relative_paths(paths, root) == expected
    assert expected[-1] == "../elsewhere/c.yml"
    assert site_module.relative_paths([str(p) for p in paths], str(root)) == expected
