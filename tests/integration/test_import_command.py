"""`briefings import` as an editor runs it: --merge, --group, web addresses, collisions."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from mkdocs_briefings.cli import cli
from mkdocs_briefings.importer.command import existing_slugs, free_address

from ..conftest import DATA
from ..pages_server import serve

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

IMPORTS = DATA / "import"
FOLDER = IMPORTS / "folder"
ON_ONE_EVENT = [
    "northgate-wire-tarsen.html",
    "tarsen-valley-post-dam.html",
    "velmora-herald-spillway.html",
]
"""Three outlets' articles on the Tarsen dam, in FOLDER."""
MERGE = [str(FOLDER / name) for name in ON_ONE_EVENT]
HARBOUR = str(IMPORTS / "harbour-ledger-ferry-fares.html")


@pytest.fixture
def runner(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


def _check_lines(runner: CliRunner) -> list[str]:
    return runner.invoke(cli, ["check"]).output.splitlines()


def _only_todo_problems(lines: list[str]) -> bool:
    return all("placeholder" in line or "'todo'" in line for line in lines)


def test_merge_writes_one_draft_with_the_candidates(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["import", *MERGE, "--merge"])
    assert result.exit_code == 0, result.output
    written = sorted((project / "briefings").glob("*.yml"))
    assert [p.name for p in written] == ["2025-11-03-storm-forces-release-at-tarsen-dam.yml"]
    assert result.stdout.splitlines()[0] == f"briefings/{written[0].name}  (3 TODO)"
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/schema/briefing.json\n")
    assert "#   headline: Villages told to clear riverbanks as Tarsen dam releases water\n" in text
    assert "# TODO: title: write the headline" in text
    assert _only_todo_problems(_check_lines(runner))


def test_group_writes_one_draft_per_event_and_prints_the_groups(
    runner: CliRunner, project: Path
) -> None:
    result = runner.invoke(cli, ["import", str(FOLDER), "--group", "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "Importing" in result.stderr  # the progress bar, on stderr
    lines = result.stdout.splitlines()
    drafts = [line for line in lines if not line.startswith(" ")]
    assert [d.split("  ")[0] for d in drafts] == [
        "briefings/2025-11-04-brenholm-library-staff-walk-out-over-sunday-shifts.yml",
        "briefings/2025-11-02-oskavik-bridge-to-close-for-six-weeks-of-repairs.yml",
        "briefings/2025-11-03-storm-forces-release-at-tarsen-dam.yml",
    ]
    assert f"    {FOLDER / 'island-gazette-bridge.txt'}  " in "\n".join(lines)
    members = [line.split("  ")[1].strip() for line in lines if line.startswith("    ")]
    assert len(members) == 8
    assert len(list((project / "briefings").glob("*.yml"))) == 3
    assert _only_todo_problems(_check_lines(runner))


def test_group_leaves_an_article_alone_as_a_plain_draft(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["import", *MERGE[:1], HARBOUR, "--group"])
    assert result.exit_code == 0, result.output
    assert not [line for line in result.stdout.splitlines() if line.startswith(" ")]
    assert len(list((project / "briefings").glob("*.yml"))) == 2


def test_merge_and_group_together_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", *MERGE, "--merge", "--group"])
    assert result.exit_code == 2
    assert "choose --merge (one draft) or --group" in result.output


def test_a_folder_without_articles(runner: CliRunner, project: Path) -> None:
    (project / "empty").mkdir()
    result = runner.invoke(cli, ["import", "empty"])
    assert result.exit_code == 1
    assert "empty: no articles (.html, .htm, .txt, .md) in this folder" in result.stderr


def test_a_folders_subfolders_are_left_alone(runner: CliRunner, project: Path) -> None:
    reading = project / "reading"
    (reading / "ferry_files").mkdir(parents=True)  # a browser's saved page: its own files
    (reading / "ferry_files" / "frame.html").write_text("<p>An advert</p>", encoding="utf-8")
    (reading / "odd.html").mkdir()  # a folder, whatever its name
    shutil.copy(HARBOUR, reading / "ferry.html")
    result = runner.invoke(cli, ["import", "reading", "reading/ferry.html"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert len(list((project / "briefings").glob("*.yml"))) == 1  # the same file once


def test_an_empty_source_is_reported_and_nothing_written(runner: CliRunner, project: Path) -> None:
    (project / "empty.txt").write_text("", encoding="utf-8")
    (project / "blank.html").write_text("<html><body></body></html>", encoding="utf-8")
    result = runner.invoke(cli, ["import", "empty.txt", "blank.html", HARBOUR])
    assert result.exit_code == 1
    assert "empty.txt: no article text found; nothing written" in result.stderr
    assert "blank.html: no article text found; nothing written" in result.stderr
    assert len(list((project / "briefings").glob("*.yml"))) == 1  # the good one still is


PUBLISHED = """\
title: Port Anselm ferry fares to rise by a fifth in January
category: Economy
published: 2025-10-28
key_points: [Single fares go up by a fifth.]
body:
  - paragraph: Single fares on the ferry will rise.
    credits: [harbour-ledger]
sources:
  harbour-ledger: {name: The Harbour Ledger}
"""


def test_a_draft_never_takes_a_published_briefings_address(
    runner: CliRunner, project: Path
) -> None:
    published = project / "briefings" / "zz-ferry-fares.yml"  # sorts after the draft
    published.write_text(PUBLISHED, encoding="utf-8")
    assert _check_lines(runner) == []
    result = runner.invoke(cli, ["import", HARBOUR])
    assert result.exit_code == 0, result.output
    name = "2025-10-28-port-anselm-ferry-fares-to-rise-by-a-fifth-in-january-draft.yml"
    assert f"briefings/{name}" in result.stdout
    assert "briefings/zz-ferry-fares.yml already has the address" in result.stderr
    text = (project / "briefings" / name).read_text(encoding="utf-8")
    assert "\nslug: port-anselm-ferry-fares-to-rise-by-a-fifth-in-january-draft\n" in text
    assert published.read_text(encoding="utf-8") == PUBLISHED
    assert not [line for line in _check_lines(runner) if "zz-ferry-fares" in line]
    # Imported again: the same draft file, refused without --force, replaced with it.
    again = runner.invoke(cli, ["import", HARBOUR])
    assert again.exit_code == 1
    assert f"briefings/{name}: exists; pass --force to replace it" in again.stderr
    assert runner.invoke(cli, ["import", HARBOUR, "--force"]).exit_code == 0
    assert len(list((project / "briefings").glob("*.yml"))) == 2


def test_the_same_file_name_as_a_published_briefing_is_refused(
    runner: CliRunner, project: Path
) -> None:
    name = "2025-10-28-port-anselm-ferry-fares-to-rise-by-a-fifth-in-january.yml"
    (project / "briefings" / name).write_text(PUBLISHED, encoding="utf-8")
    result = runner.invoke(cli, ["import", HARBOUR])
    assert result.exit_code == 1
    assert f"briefings/{name}: exists; pass --force to replace it" in result.stderr
    assert (project / "briefings" / name).read_text(encoding="utf-8") == PUBLISHED


def test_a_draft_outside_briefings_names_the_schema_from_there(
    runner: CliRunner, project: Path
) -> None:
    result = runner.invoke(cli, ["import", HARBOUR, "--out", "drafts/today"])
    assert result.exit_code == 0, result.output
    (draft,) = (project / "drafts" / "today").glob("*.yml")
    first = draft.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../docs/schema/briefing.json"


def test_outside_a_project_the_schema_line_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["import", HARBOUR, "--out", "."])
    assert result.exit_code == 0, result.output
    (draft,) = tmp_path.glob("*.yml")
    assert draft.read_text(encoding="utf-8").startswith("# Imported from harbour-ledger")


def test_every_option_has_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--merge", "--group", "--similarity", "--timeout", "--year"):
        line = next(line for line in result.output.splitlines() if line.strip().startswith(option))
        assert len(line.split(option, 1)[1].strip()) > 10, line


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The folder's articles served from 127.0.0.1."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with serve(FOLDER) as address:
        yield address.removesuffix("/")


def test_import_by_address(runner: CliRunner, project: Path, site: str) -> None:
    url = f"{site}/velmora-herald-spillway.html"
    result = runner.invoke(cli, ["import", url, f"{site}/missing.html", "--timeout", "5"])
    assert result.exit_code == 1  # the missing page
    assert f"{site}/missing.html: cannot fetch: the server answered 404 File not found" in (
        result.stderr
    )
    (draft,) = (project / "briefings").glob("*.yml")
    assert draft.name == "2025-11-03-tarsen-dam-spillway-opened-as-storm-fills-reservoir.yml"
    assert f"# Imported from {url}.\n" in draft.read_text(encoding="utf-8")


def test_merge_by_address(runner: CliRunner, project: Path, site: str) -> None:
    urls = [f"{site}/{name}" for name in ON_ONE_EVENT]
    result = runner.invoke(cli, ["import", *urls, "--merge"])
    assert result.exit_code == 0, result.output
    assert len(list((project / "briefings").glob("*.yml"))) == 1


def test_free_address() -> None:
    taken = {"p.yml": "ferry-fares", "2025-01-01-ferry-fares-draft.yml": "ferry-fares-draft"}
    assert free_address("a.yml", "other", taken) == ("a.yml", "other", None)
    assert free_address("p.yml", "ferry-fares", taken) == ("p.yml", "ferry-fares", None)
    assert free_address("2025-01-01-ferry-fares.yml", "ferry-fares", taken) == (
        "2025-01-01-ferry-fares-draft.yml",
        "ferry-fares-draft",
        "p.yml",
    )
    name, slug, _ = free_address("b.yml", "ferry-fares", taken)
    assert (name, slug) == ("b-draft-2.yml", "ferry-fares-draft-2")
    long = "-".join(["word"] * 16)  # 79 characters
    assert len(free_address("c.yml", long, {"d.yml": long})[1]) <= 80


def test_existing_slugs(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(
        "# comment\ntitle: 'A title long enough to wrap onto the next line when it is\n"
        "  dumped'\ncategory: X\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yml").write_text("title: Ignored\nslug: chosen-slug\n", encoding="utf-8")
    (tmp_path / "2025-01-02-from-the-name.yml").write_text("title: [unclosed\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("title: Not a briefing\n", encoding="utf-8")
    assert existing_slugs(tmp_path) == {
        "2025-01-02-from-the-name.yml": "from-the-name",
        "a.yml": "a-title-long-enough-to-wrap-onto-the-next-line-when-it-is-dumped",
        "b.yml": "chosen-slug",
    }
