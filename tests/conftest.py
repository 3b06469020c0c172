"""Shared fixtures: a throw-away MkDocs project and a real build of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


MINIMAL_MKDOCS_YML = """\
site_name: Test briefings
site_url: https://news.example.org/
repo_url: https://github.com/example/briefings
edit_uri: edit/main/docs/
theme:
  name: material
  features: [content.action.edit]
plugins:
  - search
  - briefings
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A minimal MkDocs project in tmp_path: mkdocs.yml, docs/index.md and an empty briefings/."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "briefings").mkdir()
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, encoding="utf-8")
    return tmp_path


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of this repository's site sources (mkdocs.yml, docs/, briefings/) in tmp_path."""
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def build_site(project: Path, *, strict: bool = True) -> Path:
    """Build ``project`` with MkDocs' own API, as `mkdocs build` does, into project/site."""
    config = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
