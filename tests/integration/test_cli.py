"""The `briefings` command, run as editors run it (click's runner, real files in tmp_path)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

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
    assert sorted(p.name for p in (project / "out").iterdir()) == ["briefing.json", "digest.json"]


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
    sources = sorted(str(p) for p in IMPORTS.iterdir())
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
