"""`search: pagefind`: a build indexes the briefings with Pagefind and hands it the search box."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from ..conftest import ROOT, build_site

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("pagefind", reason="pip install -e '.[pagefind]'")

SCRIPT = "assets/javascripts/briefings-pagefind.js"
SEED = "/briefings/kushner-and-netanyahu-discuss-second-phase-of-gaza-truce-amid-ongoing-tensions/"
# Page chrome around each briefing: none of it belongs in the index.
CHROME = ["Share this briefing", "Recent briefings", "Related briefings", "min read", "Published:"]


def use_pagefind(project: Path, *, material_search: bool = True) -> None:
    """Turn on `search: pagefind` in the project's mkdocs.yml (plugins: [search, briefings],
    the plugin with or without options)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plugins = "  - search\n  - briefings"
    assert plugins in text
    wanted = "  - search\n" if material_search else ""
    wanted += "  - briefings:\n      search: pagefind"
    text = text.replace(plugins + ":\n", plugins + "\n").replace(plugins + "\n", wanted + "\n")
    config.write_text(text, encoding="utf-8")


def read_pagefind_file(path: Path) -> bytes:
    """Pagefind's files are gzip with a signature in front."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data.removeprefix(b"pagefind_dcd")


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site, built once with `search: pagefind`."""
    project = tmp_path_factory.mktemp("pagefind-site")
    for name in ("docs", "briefings"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    use_pagefind(project)
    return build_site(project)


def test_the_index_holds_each_briefing_and_no_page_chrome(pagefind_site: Path) -> None:
    bundle = pagefind_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-worker.js").is_file()
    assert list((bundle / "index").glob("*.pf_index"))
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    briefings = sorted(p.parent.name for p in (pagefind_site / "briefings").glob("*/index.html"))
    assert entry["languages"]["en"]["page_count"] == len(briefings)

    fragments = [json.loads(read_pagefind_file(path)) for path in (bundle / "fragment").glob("*")]
    assert sorted(f["url"].split("/")[2] for f in fragments) == briefings
    seed = next(f for f in fragments if f["url"] == SEED)
    assert seed["meta"]["title"].startswith("Kushner and Netanyahu")
    assert "iron fist" in seed["content"]
    assert "Le Monde" in seed["content"]
    assert seed["filters"]["category"] == ["Politics"]
    assert "Ceasefire" in seed["filters"]["tag"]
    for fragment in fragments:
        leaked = [text for text in CHROME if text in fragment["content"]]
        assert not leaked, f"{fragment['url']} indexes page chrome: {leaked}"


def test_material_search_box_is_handed_to_the_script(pagefind_site: Path) -> None:
    for page in ["index.html", "404.html", f"{SEED.strip('/')}/index.html"]:
        soup = BeautifulSoup((pagefind_site / page).read_text(encoding="utf-8"), "html.parser")
        # Material's markup stays; renamed, Material's lunr search neither mounts nor fetches.
        assert soup.select_one('[data-md-component="briefings-search"] .md-search__input')
        assert not soup.select('[data-md-component="search"]'), page
        assert soup.select_one('form[name="search"]') is None, page
        scripts = [s for s in soup.find_all("script", src=True) if s["src"].endswith(SCRIPT)]
        assert [s.get("type") for s in scripts] == ["module"], page
    assert (pagefind_site / SCRIPT).read_text(encoding="utf-8").startswith("// Material's")
    # Nothing downloads Material's lunr index in this mode, so it is left empty.
    lunr = json.loads((pagefind_site / "search" / "search_index.json").read_text("utf-8"))
    assert lunr["docs"] == []


def test_material_search_is_the_default(project: Path) -> None:
    site = build_site(project)
    assert not (site / "pagefind").exists()
    assert not (site / SCRIPT).exists()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' in html
    assert "briefings-pagefind" not in html


def test_pagefind_without_material_search_plugin_says_what_to_add(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    use_pagefind(project, material_search=False)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    messages = [r.getMessage() for r in caplog.records]
    assert any("keep '- search' in mkdocs.yml's plugins" in m for m in messages), messages
