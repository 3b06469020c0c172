"""The build cache through real builds: same site warm or cold, never stale, never fatal."""

from __future__ import annotations

import gc
import json
import logging
import os
from typing import TYPE_CHECKING

import pytest
from mkdocs.exceptions import Abort

from mkdocs_briefings import entries, plan
from mkdocs_briefings.store import STORE_FILE

from ..conftest import MINIMAL_MKDOCS_YML, build_site
from .test_build import HARBOUR, PAGE, add_briefing, soup, tree_digest

if TYPE_CHECKING:
    from pathlib import Path

CACHE = ".cache/plugin/briefings"


def _unparsable(*args: object, **kwargs: object) -> None:
    raise AssertionError("a briefing was parsed (or its page made) although the cache knew it")


def _html_of(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*.html"))
        if "search" not in p.parts
    }


def test_a_second_build_parses_nothing_and_builds_the_same_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_briefing(project, "harbour-strike.yml")
    cold = _html_of(build_site(project))
    assert (project / CACHE / STORE_FILE).is_file()
    assert (project / CACHE / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    for path in (project / "briefings").iterdir():  # a fresh clone: new mtimes, same bytes
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    monkeypatch.setattr(entries, "read_entry", _unparsable)
    for made_once in ("render_briefing", "describe"):
        monkeypatch.setattr(plan, made_once, _unparsable)
    warm = _html_of(build_site(project))

    assert warm == cold
    assert gc.get_freeze_count() == 0  # the store is frozen while it loads, not after


def test_a_failed_build_leaves_nothing_frozen(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_briefing(project, "harbour-strike.yml")
    build_site(project)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", "site/index.html")

    monkeypatch.setattr("mkdocs.utils.write_file", full_disk)
    with pytest.raises(Abort):
        build_site(project)
    assert gc.get_freeze_count() == 0


def test_an_edit_that_keeps_the_mtime_still_shows(project: Path) -> None:
    path = add_briefing(project, "harbour-strike.yml")
    build_site(project)
    info = path.stat()
    edited = HARBOUR.read_text(encoding="utf-8").replace(
        "Dock workers in Port Anselm return to work on Monday.",
        "Dock workers in Port Anselm return to work on Tuesday.",
    )
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same size: a day name

    page = soup(build_site(project) / PAGE)

    points = [li.get_text() for li in page.select(".admonition.key-points li")]
    assert "Dock workers in Port Anselm return to work on Tuesday." in points


def test_a_broken_file_is_reported_again_from_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "broken.yml", "title: [unclosed\n")
    build_site(project, strict=False)
    monkeypatch.setattr(entries, "read_entry", _unparsable)
    caplog.clear()

    with caplog.at_level(logging.WARNING):
        build_site(project, strict=False)

    assert any(r.getMessage().startswith("briefings/broken.yml:") for r in caplog.records)


def test_a_corrupt_cache_is_rebuilt_with_a_note(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "harbour-strike.yml")
    build_site(project)
    store = project / CACHE / STORE_FILE
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])

    with caplog.at_level(logging.INFO):
        site = build_site(project)  # strict: the note is not a warning

    assert soup(site / PAGE).h1 is not None
    notes = [r.getMessage() for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(notes) == 1
    assert notes[0].startswith(f"briefings: {store}")
    assert store.stat().st_size > 0
    build_site(project)  # and the rewritten cache loads


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "harbour-strike.yml")
    (project / ".cache").write_text("a file where the folder would go", encoding="utf-8")

    with caplog.at_level(logging.INFO):
        site = build_site(project)  # strict

    assert (site / PAGE).is_file()
    assert any("cannot write the build cache" in r.getMessage() for r in caplog.records)


def test_what_the_host_froze_stays_frozen(project: Path) -> None:
    """The plugin undoes its own gc.freeze only (with no cache to load, it freezes nothing)."""
    add_briefing(project, "harbour-strike.yml")
    _set_options(project, "      cache: false\n")
    gc.freeze()
    try:
        build_site(project)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_cache_false_writes_no_cache(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - briefings\n", "  - briefings:\n      cache: false\n"
        ),
        encoding="utf-8",
    )
    build_site(project)
    assert not (project / ".cache").exists()


def test_the_build_writes_its_cache_outside_the_briefings(project: Path) -> None:
    add_briefing(project, "harbour-strike.yml")
    before = tree_digest(project / "briefings")
    build_site(project)
    build_site(project)
    assert tree_digest(project / "briefings") == before
    assert (project / CACHE / STORE_FILE).is_file()


def test_a_cache_inside_docs_or_briefings_is_refused(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_briefing(project, "harbour-strike.yml")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for inside, option in (("docs/.cache", "docs_dir"), ("briefings/cache", "briefings_dir")):
        config.write_text(
            text.replace("  - briefings\n", f"  - briefings:\n      cache_dir: {inside}\n"),
            encoding="utf-8",
        )
        caplog.clear()
        with pytest.raises(Abort):
            build_site(project)
        assert any(
            f"briefings: 'cache_dir' ({inside}) is inside {option}" in r.getMessage()
            for r in caplog.records
        )
    assert not (project / "docs" / ".cache").exists()
    assert not (project / "briefings" / "cache").exists()


HOOK = """\
from mkdocs.plugins import event_priority


@event_priority(100)  # before the briefings plugin's own on_page_markdown
def on_page_markdown(markdown, **kwargs):
    return markdown + "\\n\\nHOOKMARK\\n"
"""


def test_markdown_changed_by_an_earlier_plugin_is_not_cached(project: Path) -> None:
    """The cache keeps the Markdown the plugin wrote, not what another plugin made of it:
    otherwise a warm build would apply that plugin's change twice."""
    add_briefing(project, "harbour-strike.yml")
    (project / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", "utf-8")

    for _ in range(3):  # cold, then warm twice
        html = (build_site(project) / PAGE).read_text(encoding="utf-8")
        assert html.count("HOOKMARK") == 1


@pytest.mark.parametrize(
    ("name", "host"),
    [("Renamed briefings", "news.example.org"), ("Test briefings", "moved.example.org")],
)
def test_the_head_follows_the_site_name_and_url(project: Path, name: str, host: str) -> None:
    """The structured data and share links are cached per page, but name the site's
    current URL and name."""
    add_briefing(project, "harbour-strike.yml")
    build_site(project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("Test briefings", name)
    config.write_text(text.replace("news.example.org", host), encoding="utf-8")

    page = soup(build_site(project) / PAGE)

    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["url"].startswith(f"https://{host}/briefings/")
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"] == name
    assert data["publisher"]["url"] == f"https://{host}/"
    assert page.select_one('meta[property="og:site_name"]')["content"] == name
    share = page.select_one(".briefing-share__link--link")["data-clipboard-text"]
    assert share.startswith(f"https://{host}/")


MUTATING_HOOK = """\
from mkdocs.plugins import event_priority


@event_priority(-100)  # after the briefings plugin gave the page its metadata
def on_page_markdown(markdown, page, **kwargs):
    if "briefing" in page.meta:
        page.meta["briefing"]["category"] += " (edited)"
        page.meta["date"]["created"] = "1999-01-01"
    return markdown
"""


def test_a_plugin_that_changes_page_metadata_does_not_change_the_cache(project: Path) -> None:
    """Pages get copies of the cached metadata: a change made to one page's metadata by
    another plugin is made once per build, not once more on every warm build."""
    add_briefing(project, "harbour-strike.yml")
    (project / "hooks.py").write_text(MUTATING_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", "utf-8")

    for _ in range(3):  # cold, then warm twice
        page = soup(build_site(project) / PAGE)
        category = page.select_one(".briefing-meta__category").get_text()
        assert category.count("(edited)") == 1


def _set_options(project: Path, options: str) -> None:
    """Set the plugin's ``options`` (indented lines) in mkdocs.yml, and a theme custom_dir."""
    (project / "overrides").mkdir(exist_ok=True)
    config = project / "mkdocs.yml"
    text = MINIMAL_MKDOCS_YML.replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"
    )
    config.write_text(text.replace("  - briefings\n", f"  - briefings:\n{options}"), "utf-8")


def test_page_options_are_part_of_the_cache_key(project: Path) -> None:
    """A warm build after the reading speed or the page template changed shows the change."""
    add_briefing(project, "harbour-strike.yml")
    page = soup(build_site(project) / PAGE)
    assert "1 min read" in page.select_one(".briefing-meta").get_text(" ", strip=True)
    (project / "overrides").mkdir(exist_ok=True)
    (project / "overrides" / "plain.html").write_text(
        '{% extends "main.html" %}{% block content %}PLAINPAGE{{ page.content }}{% endblock %}',
        encoding="utf-8",
    )
    _set_options(project, "      words_per_minute: 1\n")

    page = soup(build_site(project) / PAGE)
    minutes = page.select_one(".briefing-meta__reading").get_text(strip=True)
    assert minutes != "1 min read"
    assert int(minutes.split()[0]) > 50  # a briefing of a few dozen words

    _set_options(project, "      words_per_minute: 1\n      page_template: plain.html\n")
    html = (build_site(project) / PAGE).read_text(encoding="utf-8")
    assert "PLAINPAGE" in html
