"""plan: the whole site planned once, without MkDocs: addresses, lists, pages, feeds."""

from __future__ import annotations

import dataclasses
import functools
import html
import random
from typing import TYPE_CHECKING

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from mkdocs_briefings import catalog as catalog_module
from mkdocs_briefings.catalog import Layout, page_url, relative_url
from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.model import Digest
from mkdocs_briefings.plan import PlanOptions, plan_site
from mkdocs_briefings.render.html import Permalinks

from ..conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs_briefings.entries import Entry

PARTS = ["a", "b", "briefings", "x", "index.html", "c.html", ".", "..", "tags", "x.y", ""]


def test_relative_urls_are_mkdocs_own() -> None:
    rng = random.Random(20251111)  # noqa: S311  # reproducible cases, not secrets
    for _ in range(20_000):
        url, other = (
            "/".join(rng.choice(PARTS) for _ in range(rng.randint(0, 4))) + rng.choice(["", "/"])
            for _ in range(2)
        )
        assert relative_url(url, other) == get_relative_url(url, other), (url, other)


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(
    "uri",
    [
        "index.md",
        "briefings/x.md",
        "tags/index.md",
        "tags/a b/page/2/index.md",
        "README.md",
        "d/README.md",
    ],
)
def test_page_urls_are_mkdocs_own(uri: str, directory_urls: bool) -> None:
    file = File(uri, "/docs", "/site", use_directory_urls=directory_urls)
    assert page_url(uri, directory_urls=directory_urls) == file.url


def entries() -> list[Entry]:
    found = sorted((ROOT / "briefings").glob("*.yml"))
    return [read_entry(p.read_text(encoding="utf-8"), path=f"briefings/{p.name}") for p in found]


def digest(entries: list[Entry]) -> tuple[Digest, Path]:
    newest = sorted(entries, key=lambda e: e.briefing.published)[-2:]
    data = {"title": "Example digest", "date": "2025-11-30", "briefings": [e.slug for e in newest]}
    return Digest.model_validate(data), ROOT / "briefings" / "digests" / "x.yml"


OPTIONS = PlanOptions(
    site_url="https://news.example/", site_name="News", root=str(ROOT), docs_dir=str(ROOT / "docs")
)


def test_the_plan_holds_every_page_with_its_address_and_html() -> None:
    found = entries()
    plan = plan_site(found, [digest(found)], OPTIONS)
    layout = Layout()
    for entry in found:
        page = plan.pages[layout.briefing(entry.slug)]
        assert page.entry is entry
        assert page.url == f"briefings/{entry.slug}/"
        assert page.edit_uri == f"../briefings/{entry.path.rpartition('/')[2]}"
        assert "Key points" in page.html.content
        assert page.meta is None  # made for the page when it is read: see metadata()
        meta = plan.metadata(page.uri)
        assert meta["title"] == html.escape(entry.briefing.title)
        assert meta is not plan.metadata(page.uri)
    assert plan.pages["digests/2025-11-30.md"].edit_uri == "../briefings/digests/x.yml"
    assert plan.pages["categories/index.md"].in_nav
    assert not plan.pages["categories/politics/index.md"].in_nav
    assert [t.url for t in plan.latest] == [
        f"briefings/{e.slug}/"
        for e in sorted(found, key=lambda e: e.briefing.published, reverse=True)
    ]
    assert plan.latest_digest is not None
    assert plan.latest_digest.url == "digests/2025-11-30/"
    assert {f.uri for f in plan.feeds} == {
        f"{kind}.{ext}"
        for kind in ("briefings", "digests")
        for ext in ("rss.xml", "atom.xml", "json")
    }


def test_a_hand_written_page_replaces_the_generated_one() -> None:
    found = entries()
    plan = plan_site(found, [], OPTIONS, exists={"tags/index.md"}.__contains__)
    assert "tags/index.md" not in plan.pages
    assert "categories/index.md" in plan.pages


def test_the_plan_is_frozen() -> None:
    plan = plan_site(entries(), [], OPTIONS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.latest = ()  # type: ignore[misc]
    page = next(iter(plan.pages.values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.url = "elsewhere/"  # type: ignore[misc]


def test_each_derived_fact_is_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The briefings are sorted newest first once, and the catalog made once, per plan."""
    found = entries()
    calls: dict[str, int] = {"sort all": 0, "catalog": 0}
    sort, make = catalog_module.newest_first, catalog_module.make_catalog

    def counted_sort(items):  # type: ignore[no-untyped-def]
        items = list(items)
        calls["sort all"] += len(items) == len(found)
        return sort(items)

    def counted_make(items, *args):  # type: ignore[no-untyped-def]
        calls["catalog"] += 1
        return make(items, *args)

    monkeypatch.setattr(catalog_module, "newest_first", counted_sort)
    monkeypatch.setattr("mkdocs_briefings.plan.make_catalog", counted_make)
    plan_site(found, [digest(found)], OPTIONS)
    assert calls == {"sort all": 1, "catalog": 1}


def test_page_context_links_lists_from_the_page() -> None:
    found = entries()
    plan = plan_site(found, [], dataclasses.replace(OPTIONS, recent_limit=3))
    page = plan.pages[Layout().briefing(found[0].slug)]
    context = plan.context(page.uri, page.url, f"https://news.example/{page.url}")
    recent = context["briefing_recent"]
    assert len(recent) == 3
    assert page.url not in [t.url for t in recent]
    assert all(t.href == get_relative_url(t.url, page.url) for t in recent)
    assert f'"url": "https://news.example/{page.url}"' in context["briefing_json_ld"]
    assert ("og:description", page.description) in [
        (n, c) for _, n, c in context["briefing_social"]
    ]
    assert context["briefing_share_url"] == f"https://news.example/{page.url}"
    assert context["briefing_links"]["category"].url.startswith("categories/")
    elsewhere = plan.context("about.md", "about/", None)
    assert set(elsewhere) == {"briefings_latest", "briefings_latest_digest"}


def test_structured_data_is_made_for_the_address_the_page_is_rendered_at() -> None:
    found = entries()
    plan = plan_site(found, [], OPTIONS)
    page = plan.pages[Layout().briefing(found[0].slug)]
    context = plan.context(page.uri, page.url, "http://127.0.0.1:8000/x/")
    assert '"http://127.0.0.1:8000/x/"' in context["briefing_json_ld"]


def test_a_later_plan_reuses_what_unchanged_briefings_made_and_equals_a_fresh_one() -> None:
    found = entries()
    first = plan_site(found, [digest(found)], OPTIONS)
    edited = found[0].briefing.model_copy(update={"title": "A new headline"})
    changed = [dataclasses.replace(found[0], briefing=edited), *found[1:]]
    later = plan_site(changed, [digest(changed)], OPTIONS, previous=first)
    fresh = plan_site(changed, [digest(changed)], OPTIONS)

    assert later.related == fresh.related
    assert {u: p.html for u, p in later.pages.items()} == {
        u: p.html for u, p in fresh.pages.items()
    }
    assert changed[0].briefing.category == "Politics"
    untouched = Layout().listing("categories", "culture")  # no briefing of it changed
    assert later.pages[untouched].html is first.pages[untouched].html
    politics = later.pages[Layout().listing("categories", "politics")].html
    assert politics is not first.pages[Layout().listing("categories", "politics")].html
    assert "A new headline" in politics.content
    with_other_options = plan_site(
        changed, [], dataclasses.replace(OPTIONS, page_size=1), previous=first
    )
    assert (
        with_other_options.pages["categories/index.md"].html
        is not first.pages["categories/index.md"].html
    )


def test_a_slugify_partial_from_the_config_keys_the_cache_and_keeps_reuse() -> None:
    """pymdownx's `slugify(case="lower")` is a new functools.partial at each config load."""

    def slugify(value: str, separator: str, case: str = "none") -> str:
        return value.lower().replace(" ", separator)

    marks = [Permalinks(slugify=functools.partial(slugify, case="lower")) for _ in range(2)]
    assert marks[0] == marks[1]
    assert "slugify" in marks[0].slugify_id
    assert "lower" in marks[0].slugify_id
    options = [dataclasses.replace(OPTIONS, marks=m) for m in marks]
    assert options[0] == options[1]
    assert options[0].page_settings == options[1].page_settings
    assert plan_site(entries(), [], options[0]).pages


def test_a_renamed_digest_file_changes_its_page_fingerprint() -> None:
    found = entries()
    (made, _), renamed = digest(found), ROOT / "briefings" / "digests" / "renamed.yml"
    before = plan_site(found, [(made, ROOT / "briefings" / "digests" / "x.yml")], OPTIONS)
    after = plan_site(found, [(made, renamed)], OPTIONS)
    uri = "digests/2025-11-30.md"
    assert before.pages[uri].html == after.pages[uri].html
    assert before.pages[uri].fingerprint != after.pages[uri].fingerprint
