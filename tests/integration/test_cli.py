"""The `briefings` command, run as editors run it (click's runner, real files in tmp_path)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mkdocs_briefings.cli import cli

from ..conftest import DATA, ROOT, build_site

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")


@pytest.fixture
def runner(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


def test_new_writes_a_skeleton_that_check_then_reports(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        cli, ["new", "Ferry service resumes", "--category", "Transport", "--date", "2025-11-20"]
    )
    assert result.exit_code == 0, result.output
    path = project / "briefings" / "2025-11-20-ferry-service-resumes.yml"
    assert result.output == f"{Path('briefings') / path.name}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/schema/briefing.json\n")
    assert "title: Ferry service resumes\ncategory: Transport\npublished: 2025-11-20\n" in text
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 1
    assert checked.output.splitlines() == [
        "briefings/2025-11-20-ferry-service-resumes.yml:7:5: key_points[0]: still a placeholder ('TODO: the first key point, in one sentence'); write it or remove the line",
        "briefings/2025-11-20-ferry-service-resumes.yml:9:16: body[0].paragraph: still a placeholder ('TODO: the first paragraph, in your own words'); write it or remove the line",
        'briefings/2025-11-20-ferry-service-resumes.yml:13:11: sources.source.name: still a placeholder ("TODO: the outlet\'s name"); write it or remove the line',
    ]


def test_new_makes_readable_slugs_and_never_overwrites(runner: CliRunner, project: Path) -> None:
    first = runner.invoke(cli, ["new", "Όλυμπος: νέα μέτρα", "--date", "2025-11-20"])
    assert first.exit_code == 0
    path = project / "briefings" / "2025-11-20-olumpos-nea-metra.yml"
    assert path.exists()
    path.write_text("edited", encoding="utf-8")
    again = runner.invoke(cli, ["new", "Όλυμπος: νέα μέτρα", "--date", "2025-11-20"])
    assert again.exit_code == 1
    assert "exists; pass --force" in again.output
    assert path.read_text(encoding="utf-8") == "edited"
    assert (
        runner.invoke(
            cli, ["new", "Όλυμπος: νέα μέτρα", "--date", "2025-11-20", "--force"]
        ).exit_code
        == 0
    )
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary files left


@pytest.mark.parametrize("day", ["2025-13-01", "20/11/2025", "2025-11-31", "2025-W47-1", ""])
def test_new_refuses_a_date_that_is_not_one(runner: CliRunner, project: Path, day: str) -> None:
    result = runner.invoke(cli, ["new", "Ferry service resumes", "--date", day])
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--date': {day!r} is not a date; write it as YYYY-MM-DD"
        in result.output
    )
    assert "Traceback" not in result.output
    assert list((project / "briefings").iterdir()) == []


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["new", ""], "'TITLE': empty; write the briefing's title"),
        (["new", "   "], "'TITLE': empty; write the briefing's title"),
        (["new", "Ferry", "--category", ""], "'--category': empty; write a category"),
        (["new", "Ferry", "--category", " \t"], "'--category': empty; write a category"),
    ],
)
def test_new_refuses_empty_values(
    runner: CliRunner, project: Path, args: list[str], where: str
) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert f"Invalid value for {where}" in result.output
    assert list((project / "briefings").iterdir()) == []


def test_new_strips_spaces_around_title_and_category(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        cli, ["new", "  Ferry  ", "--category", " Transport ", "--date", "2025-11-20"]
    )
    assert result.exit_code == 0, result.output
    text = (project / "briefings" / "2025-11-20-ferry.yml").read_text(encoding="utf-8")
    assert "title: Ferry\ncategory: Transport\n" in text


def test_new_outside_briefings_names_the_schema_from_there(
    runner: CliRunner, project: Path
) -> None:
    result = runner.invoke(cli, ["new", "Ferry", "--date", "2025-11-20", "--dir", "drafts/late"])
    assert result.exit_code == 0, result.output
    text = (project / "drafts" / "late" / "2025-11-20-ferry.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../docs/schema/briefing.json\n")


def test_version_is_the_package_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"briefings {version('mkdocs-briefings')}\n"


@pytest.mark.parametrize("command", ["new", "check", "schema"])
def test_every_option_has_help(command: str) -> None:
    found = cli.commands[command]
    for param in found.params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts[0]} has no help"


def test_check_passes_a_good_site_and_reports_cross_file_problems(
    runner: CliRunner, project: Path
) -> None:
    (project / "briefings" / "a.yml").write_text(HARBOUR, encoding="utf-8")
    assert runner.invoke(cli, ["check"]).output == ""
    assert runner.invoke(cli, ["check"]).exit_code == 0
    (project / "briefings" / "b.yml").write_text(HARBOUR, encoding="utf-8")
    digests = project / "briefings" / "digests"
    digests.mkdir()
    (digests / "2025-11-04.yml").write_text(
        "title: D\ndate: 2025-11-04\nbriefings: [nope]\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "briefings/b.yml:2:8: title: gives the page address 'harbour-strike-ends-after-nine-days', which briefings/a.yml already has; set a different 'slug:' in one of them",
        "briefings/digests/2025-11-04.yml:3:13: briefings[0]: no briefing has the address 'nope'; check the slug (the last part of the briefing page's address)",
    ]
    only = runner.invoke(cli, ["check", "briefings/digests"])
    assert only.output.splitlines() == result.output.splitlines()[1:]


def test_check_reports_the_same_problems_as_the_build(
    runner: CliRunner, project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "briefings" / "a.yml").write_text(
        HARBOUR.replace("key_points:", "keypoints:"), encoding="utf-8"
    )
    (project / "briefings" / "b.yml").write_text(
        HARBOUR.replace("2025-11-04", "2025-10-01"), encoding="utf-8"
    )
    checked = runner.invoke(cli, ["check"]).output.splitlines()
    build_site(project, strict=False)
    built = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert checked == sorted(built)
    assert len(checked) == 2


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "github",
            "::error file=briefings/a.yml,line=7,col=1::unknown field 'keypoints'; did you mean 'key_points'?\n",
        ),
        ("json", None),
    ],
)
def test_check_formats(runner: CliRunner, project: Path, style: str, expected: str | None) -> None:
    (project / "briefings" / "a.yml").write_text(
        HARBOUR.replace("key_points:", "keypoints:"), encoding="utf-8"
    )
    result = runner.invoke(cli, ["check", "--format", style])
    assert result.exit_code == 1
    if expected is not None:
        assert result.output == expected
    else:
        assert json.loads(result.output) == [
            {
                "path": "briefings/a.yml",
                "line": 7,
                "column": 1,
                "message": "unknown field 'keypoints'; did you mean 'key_points'?",
            }
        ]


def test_schema_command_writes_both_schemas(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["schema", "out"])
    assert result.exit_code == 0
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "briefing.json",
        "digest.json",
        "people.json",
    ]


def test_checking_the_whole_demo_is_fast() -> None:
    # The console script, as pre-commit runs it: Python start-up included.
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_briefings.cli", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stdout + result.stderr
    assert elapsed < 5  # generous for a loaded CI machine; typically well under a second


IMPORTS = DATA / "import"


def test_import_writes_drafts_that_check_reports(runner: CliRunner, project: Path) -> None:
    sources = sorted(str(p) for p in IMPORTS.iterdir() if p.is_file())  # not folder/
    result = runner.invoke(cli, ["import", *sources, "--out", "briefings", "--year", "2025"])
    assert result.exit_code == 0, result.output
    written = sorted((project / "briefings").glob("*.yml"))
    assert len(written) == len(sources)
    seed = next(p for p in written if "kushner" in p.name)
    assert (
        seed.name
        == "2025-11-11-kushner-and-netanyahu-discuss-second-phase-of-gaza-truce-amid-ongoing-tensions.yml"
    )
    assert seed.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../docs/schema/briefing.json\n"
    )
    # The drafts parse; whatever the importer could not determine is a located TODO problem.
    checked = runner.invoke(cli, ["check"])
    assert all(
        ":" in line and line.startswith("briefings/") for line in checked.output.splitlines()
    )
    assert not any("kushner" in line for line in checked.output.splitlines())


def test_import_never_overwrites_without_force(runner: CliRunner, project: Path) -> None:
    source = str(IMPORTS / "press-ai-world-kushner-netanyahu.txt")
    assert runner.invoke(cli, ["import", source]).exit_code == 0
    (target,) = (project / "briefings").glob("*.yml")
    target.write_text("edited", encoding="utf-8")
    again = runner.invoke(cli, ["import", source])
    assert again.exit_code == 1
    assert "exists; pass --force" in again.output
    assert target.read_text(encoding="utf-8") == "edited"
    assert runner.invoke(cli, ["import", source, "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8") != "edited"


def test_import_reports_an_unreadable_source_and_goes_on(runner: CliRunner, project: Path) -> None:
    good = str(IMPORTS / "press-ai-world-kushner-netanyahu.txt")
    result = runner.invoke(cli, ["import", "missing.txt", good])
    assert result.exit_code == 1
    assert "missing.txt: cannot import" in result.output
    assert len(list((project / "briefings").glob("*.yml"))) == 1


def test_check_fails_on_a_path_that_does_not_exist(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "briefings/nope.yml"])
    assert result.exit_code == 2
    assert "'briefings/nope.yml' does not exist" in result.output


def test_check_fails_when_the_briefings_folder_does_not_exist(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--dir", "brefings"])
    assert result.exit_code == 2
    assert "Invalid value for '--dir': 'brefings' is not a folder" in result.output


def test_check_reads_files_outside_the_briefings_folder(runner: CliRunner, project: Path) -> None:
    (project / "briefings" / "a.yml").write_text(HARBOUR, encoding="utf-8")
    drafts = project / "drafts"
    drafts.mkdir()
    (drafts / "copy.yml").write_text(HARBOUR, encoding="utf-8")  # same address: not checked here
    (drafts / "bad.yml").write_text(HARBOUR.replace("key_points:", "keypoints:"), encoding="utf-8")
    (drafts / "day.yml").write_text("title: D\ndate: 2025-11-04\n", encoding="utf-8")
    one = runner.invoke(cli, ["check", "drafts/bad.yml"])
    assert one.exit_code == 1
    assert (
        one.output == "drafts/bad.yml:7:1: unknown field 'keypoints'; did you mean 'key_points'?\n"
    )
    folder = runner.invoke(cli, ["check", "drafts"])
    assert folder.exit_code == 1
    assert folder.output.splitlines() == [
        "drafts/bad.yml:7:1: unknown field 'keypoints'; did you mean 'key_points'?",
        # recognised as a digest by its content: a 'date:' and no 'published:'
        "drafts/day.yml:1:1: list the digest's briefings under 'briefings:' (or in 'sections:')",
    ]
    good = runner.invoke(cli, ["check", "drafts/copy.yml", "briefings/a.yml"])
    assert (good.exit_code, good.output) == (0, "")


def test_check_outside_the_folder_knows_digests_by_their_folder(
    runner: CliRunner, project: Path
) -> None:
    digests = project / "elsewhere" / "digests"
    digests.mkdir(parents=True)
    (digests / "d.yml").write_text("title: D\npublished: 2025-11-04\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", "elsewhere"])
    assert result.exit_code == 1
    assert "elsewhere/digests/d.yml:2:1: unknown field 'published'" in result.output


def test_check_outside_the_folder_reports_missing_images(runner: CliRunner, project: Path) -> None:
    text = HARBOUR.replace(
        "key_points:",
        "image:\n  src: images/none.jpg\n  alt: A quay\n  credit: Harbour Desk\nkey_points:",
        1,
    )
    (project / "draft.yml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["check", "draft.yml"])
    assert result.exit_code == 1
    assert "draft.yml:" in result.output
    assert "image.src: images/none.jpg is not in docs/" in result.output


def test_check_outside_the_folder_reads_subfolders_and_reports_other_encodings(
    runner: CliRunner, project: Path
) -> None:
    drafts = project / "drafts" / "older"
    drafts.mkdir(parents=True)
    (drafts / "latin.yml").write_bytes(HARBOUR.replace("Harbour", "Hävn").encode("latin-1"))
    (drafts / "photo.yml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(cli, ["check", "drafts"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "drafts/older/latin.yml:1:1",
        "drafts/older/photo.yml:1:1",
    ]
    assert all("not UTF-8 text" in line and "save it as UTF-8" in line for line in lines)
