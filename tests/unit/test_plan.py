"""plan: the whole site planned once, without MkDocs: addresses, lists, pages, feeds."""

from __future__ import annotations

import dataclasses
import datetime as dt
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
    found = sorted(p for p in (ROOT / "briefings").glob("*.yml") if p.name != "people.yml")
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
    assert {f.uri for f in plan.feeds if "/" not in f.uri} == {  # at the root: the site's
        f"{kind}.{ext}"
        for kind in ("briefings", "digests")
        for ext in ("rss.xml", "atom.xml", "json")
    }
    topics = [*plan.catalog.categories, *plan.catalog.stories, *plan.catalog.sources]
    assert {f.uri for f in plan.feeds if "/" in f.uri} == {  # beside each topic's listing
        f"{x.kind}/{x.key}/feed.{ext}" for x in topics for ext in ("rss.xml", "atom.xml", "json")
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

    def counted_make(items, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["catalog"] += 1
        return make(items, *args, **kwargs)

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
    assert set(elsewhere) == {
        "briefings_latest",
        "briefings_latest_digest",
        "briefings_front_page",  # made only where a template calls them
        "briefings_latest_cards",
    }
    assert callable(elsewhere["briefings_front_page"])
    assert callable(elsewhere["briefings_latest_cards"])


def newest_first(found: list[Entry]) -> list[Entry]:
    return sorted(found, key=lambda e: e.briefing.published, reverse=True)


def test_recent_briefings_leave_out_the_related_ones_and_the_page_itself() -> None:
    found = entries()
    plan = plan_site(found, [], dataclasses.replace(OPTIONS, recent_limit=3))
    with_related = 0
    for entry in found:
        page = plan.pages[Layout().briefing(entry.slug)]
        context = plan.context(page.uri, page.url, f"https://news.example/{page.url}")
        related = [t.url for t in context["briefing_related"]]
        recent = [t.url for t in context["briefing_recent"]]
        with_related += bool(related)
        assert not set(related) & set(recent), entry.slug
        assert page.url not in related + recent
        # Recent: the newest of the others, as many as the limit allows.
        others = [f"briefings/{e.slug}/" for e in newest_first(found) if e is not entry]
        assert recent == [u for u in others if u not in related][:3]
        # Both lists as story cards, linked from the page.
        for key, urls in (("briefing_related_cards", related), ("briefing_recent_cards", recent)):
            cards = context[key]
            assert cards.count('<article class="briefing-card') == len(urls)
            for url in urls:
                assert f'href="{get_relative_url(url, page.url)}"' in cards
    assert with_related > len(found) // 2  # most example briefings share a tag, story or outlet


def test_each_briefing_links_to_the_one_before_and_after_it() -> None:
    found = entries()
    plan = plan_site(found, [], OPTIONS)
    order = newest_first(found)
    for i, entry in enumerate(order):
        older = order[i + 1] if i + 1 < len(order) else None
        newer = order[i - 1] if i > 0 else None
        before, after = plan.pager[entry.path]
        assert (before.url if before else None) == (f"briefings/{older.slug}/" if older else None)
        assert (after.url if after else None) == (f"briefings/{newer.slug}/" if newer else None)
        page = plan.pages[Layout().briefing(entry.slug)]
        pager = plan.context(page.uri, page.url, None)["briefing_pager"]
        assert ('rel="prev"' in pager, 'rel="next"' in pager) == (
            older is not None,
            newer is not None,
        )
        if older is not None:
            assert (
                f'class="briefing-pager__link briefing-pager__link--prev" '
                f'href="../{older.slug}/" rel="prev"'
            ) in pager
        if newer is not None:
            assert f'href="../{newer.slug}/" rel="next"' in pager


def test_every_briefing_and_digest_gets_a_share_card() -> None:
    found = entries()
    plan = plan_site(found, [digest(found)], OPTIONS)
    assert set(plan.share_cards) == {
        *(f"assets/briefings/cards/{e.slug}.png" for e in found),
        "assets/briefings/cards/digest-2025-11-30.png",
    }
    card = plan.share_cards[f"assets/briefings/cards/{found[0].slug}.png"]
    assert (card.title, card.category) == (found[0].briefing.title, "Politics")
    assert card.accent.startswith("#")
    assert plan.share_cards["assets/briefings/cards/digest-2025-11-30.png"].title == (
        "Example digest"
    )
    # The digest page's social tags show its card.
    uri = "digests/2025-11-30.md"
    social = plan.context(uri, "digests/2025-11-30/", "https://news.example/digests/2025-11-30/")
    tags = {name: content for _, name, content in social["briefing_social"]}
    assert (
        tags["og:image"]
        == tags["twitter:image"]
        == ("https://news.example/assets/briefings/cards/digest-2025-11-30.png")
    )
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:title"] == "Example digest"
    assert tags["twitter:card"] == "summary_large_image"


def test_without_share_cards_no_card_is_drawn_or_named() -> None:
    found = entries()
    plan = plan_site(found, [digest(found)], dataclasses.replace(OPTIONS, share_cards=False))
    assert plan.share_cards == {}
    for entry in found:
        page = plan.pages[Layout().briefing(entry.slug)]
        context = plan.context(page.uri, page.url, f"https://news.example/{page.url}")
        assert "assets/briefings/cards/" not in context["briefing_json_ld"]
        assert not [c for _, _, c in context["briefing_social"] if "/cards/" in c]
    digest_context = plan.context("digests/2025-11-30.md", "digests/2025-11-30/", "https://x/")
    assert "briefing_social" not in digest_context


def test_category_colours_come_from_the_options_or_the_palette() -> None:
    found = entries()
    options = dataclasses.replace(OPTIONS, category_colors=(("Politics", "#123456"),))
    plan = plan_site(found, [], options)
    politics = plan.pages[Layout().listing("tags", "veloria")].html.content
    assert 'style="--briefing-category: #123456"' in politics
    assert plan.share_cards[f"assets/briefings/cards/{found[0].slug}.png"].accent == "#123456"
    default = plan_site(found, [], OPTIONS).pages[Layout().listing("tags", "veloria")]
    assert "#123456" not in default.html.content
    assert default.html.content.count("--briefing-category: #") == 3  # Veloria: 3 briefings


def test_the_front_page_leads_with_the_newest_then_the_digest_then_the_rest() -> None:
    found = entries()
    plan = plan_site(found, [digest(found)], OPTIONS)
    front = plan.front_page("")
    order = newest_first(found)
    lead, rest = front.split('<section class="briefing-front__digest"', 1)
    digest_part, latest = rest.split('<section class="briefing-front__latest"', 1)
    assert 'class="briefing-card briefing-card--lead' in lead
    assert f'href="briefings/{order[0].slug}/"' in lead
    assert lead.count('<article class="briefing-card') == 1
    assert 'href="digests/2025-11-30/"' in digest_part
    assert "briefing-card--digest" in digest_part
    assert [latest.index(f'href="briefings/{e.slug}/"') for e in order[1:]] == sorted(
        latest.index(f'href="briefings/{e.slug}/"') for e in order[1:]
    )
    assert f'href="briefings/{order[0].slug}/"' not in latest
    # Links are made from the page that shows them.
    assert f'href="../briefings/{order[0].slug}/"' in plan.front_page("about/")
    assert plan_site([], [], OPTIONS).front_page("") == ""


def test_story_names_keep_their_case_and_slug_only_names_still_work() -> None:
    found = entries()
    plan = plan_site(found, [], OPTIONS)
    (story,) = plan.catalog.stories
    assert (story.key, story.title) == ("port-anselm-sea-wall", "Port Anselm sea wall")
    assert "Port Anselm sea wall" in plan.pages[Layout().listing("stories", story.key)].html.content
    slug_only = [
        dataclasses.replace(
            e, briefing=e.briefing.model_copy(update={"story": "port-anselm-sea-wall"})
        )
        if e.briefing.story
        else e
        for e in found
    ]
    (story,) = plan_site(slug_only, [], OPTIONS).catalog.stories
    assert (story.key, story.title) == ("port-anselm-sea-wall", "Port anselm sea wall")
    assert len(story.entries) == 2


def test_digest_pages_link_to_the_digests_before_and_after() -> None:
    found = entries()
    order = newest_first(found)
    days = ["2025-11-28", "2025-11-29", "2025-11-30"]
    made = [
        (
            Digest.model_validate(
                {"title": f"Digest of {day}", "date": day, "briefings": [e.slug]}
            ),
            ROOT / "briefings" / "digests" / f"{day}.yml",
        )
        for day, e in zip(days, order, strict=False)
    ]
    plan = plan_site(found, made[::-1], OPTIONS)  # newest first, as the reader gives them

    def pager(day: str) -> str:
        content = plan.pages[f"digests/{day}.md"].html.content
        return content.partition('<nav class="briefing-pager" aria-label="More digests">')[2]

    assert 'href="../2025-11-27/"' not in pager(days[0])
    assert 'rel="prev"' not in pager(days[0])
    assert 'href="../2025-11-29/" rel="next"' in pager(days[0])
    assert 'href="../2025-11-28/" rel="prev"' in pager(days[1])
    assert 'href="../2025-11-30/" rel="next"' in pager(days[1])
    assert 'href="../2025-11-29/" rel="prev"' in pager(days[2])
    assert 'rel="next"' not in pager(days[2])
    assert "Digest of 2025-11-29" in pager(days[2])


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


def test_a_scheduled_briefing_that_falls_due_changes_its_page_fingerprint() -> None:
    # `mkdocs serve --dirty` renders again only the pages whose fingerprint changed: the
    # Scheduled banner must go once the time has come, though the file did not change.
    found = entries()
    first = found[0]
    keys = {e.path: e.path.encode() for e in found}
    options = dataclasses.replace(OPTIONS, drafts=True)
    due = dt.datetime.combine(first.briefing.published, dt.time(), tzinfo=dt.UTC)
    before = plan_site(found, [], options, content_keys=keys, now=due - dt.timedelta(hours=1))
    after = plan_site(found, [], options, content_keys=keys, now=due + dt.timedelta(hours=1))
    uri = Layout().briefing(first.slug)
    assert before.pages[uri].scheduled
    assert not after.pages[uri].scheduled
    assert before.pages[uri].fingerprint != after.pages[uri].fingerprint
