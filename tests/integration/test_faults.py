"""Faults: interrupted writes, full disks, unreadable files. Nothing is lost, the rest goes on.

Running as root (as CI does), chmod cannot make a file unreadable, so the faults are injected
where the operating system would raise them: the same OSError, with its errno and file name.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from mkdocs_briefings import schema
from mkdocs_briefings.cli import cli

from ..conftest import DATA, build_site

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
IMPORTS = DATA / "import"


@pytest.fixture
def runner(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_an_interrupted_write_leaves_no_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    target = tmp_path / "briefing.yml"
    with pytest.raises(KeyboardInterrupt):
        schema.write_atomically(target, "title: x\n")
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "briefing.yml"
    target.write_text("the editor's work\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        schema.write_atomically(target, "a draft\n", replace=False)
    assert target.read_text(encoding="utf-8") == "the editor's work\n"
    assert leftovers(tmp_path) == []


def test_new_on_a_full_disk_says_so_and_leaves_nothing(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(cli, ["new", "Ferry service resumes", "--date", "2025-11-20"])
    assert result.exit_code == 1
    assert "cannot write: No space left on device" in result.output
    assert "Traceback" not in result.output
    assert list((project / "briefings").iterdir()) == []


def test_import_goes_on_after_a_file_it_cannot_write(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = sorted(str(p) for p in IMPORTS.iterdir() if p.suffix in (".txt", ".html", ".md"))
    assert len(sources) >= 2
    calls = {"n": 0}
    real_fsync = os.fsync

    def full_once(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_once)
    result = runner.invoke(cli, ["import", *sources])
    assert result.exit_code == 1
    assert result.output.count("cannot write: No space left on device") == 1
    written = sorted((project / "briefings").glob("*.yml"))
    assert len(written) == len(sources) - 1  # the others were written, whole
    assert leftovers(project / "briefings") == []
    for path in written:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_an_unreadable_briefing_is_reported_and_the_rest_is_built(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "briefings" / "harbour-strike.yml").write_text(HARBOUR, encoding="utf-8")
    locked = project / "briefings" / "locked.yml"
    locked.write_text(HARBOUR.replace("Harbour strike ends", "Locked away"), encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.yml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with caplog.at_level(logging.WARNING):
        site = build_site(project, strict=False)
    messages = [r.getMessage() for r in caplog.records]
    assert "briefings/locked.yml:1:1: cannot read the file: Permission denied" in messages
    assert (site / "briefings" / "harbour-strike-ends-after-nine-days" / "index.html").is_file()


def test_a_dangling_link_is_reported_not_skipped(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "briefings" / "harbour-strike.yml").write_text(HARBOUR, encoding="utf-8")
    (project / "briefings" / "moved.yml").symlink_to(project / "nowhere.yml")
    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)
    assert any(
        m.startswith("briefings/moved.yml:1:1: cannot read the file")
        for m in (r.getMessage() for r in caplog.records)
    )


def test_a_full_disk_during_the_build_is_one_clear_error(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "briefings" / "harbour-strike.yml").write_text(HARBOUR, encoding="utf-8")
    from mkdocs import utils

    real_write = utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        if "harbour-strike-ends-after-nine-days" in output_path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        real_write(content, output_path)

    monkeypatch.setattr(utils, "write_file", write_file)
    with pytest.raises(Abort) as caught:
        build_site(project)
    message = str(caught.value)
    assert "harbour-strike-ends-after-nine-days/index.html" in message
    assert "No space left on device" in message


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "briefing.yml"
    schema.write_atomically(target, "title: x\n", replace=False)
    assert target.stat().st_mode & 0o777 == 0o644
