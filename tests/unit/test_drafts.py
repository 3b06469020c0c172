"""Drafts (`draft: true`): the plan is the one place that leaves them out, or shows them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.model import Digest
from mkdocs_briefings.plan import PlanOptions, plan_site, published
from mkdocs_briefings.render.html import DRAFT_MARK

from ..conftest import DATA

if TYPE_CHECKING:
    from mkdocs_briefings.entries import Entry

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
OPTIONS = PlanOptions(site_url="https://news.example.org/", site_name="News")
SHOWN = PlanOptions(site_url="https://news.example.org/", site_name="News", drafts=True)
DRAFT_PAGE = "briefings/ferry-timetable-changes.md"


def briefing(title: str, *, draft: bool = False, published: str = "2025-11-03") -> Entry:
    text = HARBOUR.replace("Harbour strike ends after nine days", title)
    text = text.replace("published: 2025-11-03", f"published: {published}")
    text = text.replace("updated: 2025-11-04\n", "")
    return read_entry(text + ("draft: true\n" if draft else ""), path=f"briefings/{title}.yml")


def site() -> list[Entry]:
    strike = briefing("Harbour strike ends after nine days")
    ferry = briefing("Ferry timetable changes", draft=True, published="2025-11-05")
    return [strike, ferry]


def digest(**data: object) -> tuple[Digest, Path]:
    fields = {"title": "Tuesday", "date": "2025-11-05", **data}
    return Digest.model_validate(fields), Path("briefings/digests/2025-11-05.yml")


def test_a_draft_briefing_is_read_with_its_flag() -> None:
    strike, ferry = site()
    assert not strike.briefing.draft
    assert ferry.briefing.draft


def test_drafts_are_left_out_unless_shown() -> None:
    entries = site()
    shown, _ = published(entries, [], drafts=False)
    assert [e.slug for e in shown] == ["harbour-strike-ends-after-nine-days"]
    shown, _ = published(entries, [], drafts=True)
    assert len(shown) == 2


def test_a_digest_leaves_out_the_draft_briefings_it_lists() -> None:
    entries = site()
    sections = [
        {"title": "Port", "briefings": ["harbour-strike-ends-after-nine-days"]},
        {"title": "Ferries", "briefings": ["ferry-timetable-changes"]},
    ]
    listed = digest(sections=sections)
    flat = digest(briefings=["ferry-timetable-changes", "harbour-strike-ends-after-nine-days"])
    only_draft = digest(briefings=["ferry-timetable-changes"])
    _, kept = published(entries, [listed, flat, only_draft], drafts=False)
    assert len(kept) == 2  # the digest of drafts only has nothing left to show
    (by_section, _), (by_list, _) = kept
    assert [s.title for s in by_section.sections] == ["Port"]  # the emptied section goes
    assert by_list.briefings == ["harbour-strike-ends-after-nine-days"]
    _, kept = published(entries, [listed, flat, only_draft], drafts=True)
    assert [d for d, _ in kept] == [listed[0], flat[0], only_draft[0]]


def test_a_draft_digest_is_left_out_unless_shown() -> None:
    draft = digest(briefings=["harbour-strike-ends-after-nine-days"], draft=True)
    assert published(site(), [draft], drafts=False)[1] == []
    assert published(site(), [draft], drafts=True)[1] == [draft]


def test_the_plan_without_drafts_has_no_trace_of_them() -> None:
    listing = digest(briefings=["ferry-timetable-changes", "harbour-strike-ends-after-nine-days"])
    plan = plan_site(site(), [listing], OPTIONS)
    assert DRAFT_PAGE not in plan.pages
    assert [t.title for t in plan.latest] == ["Harbour strike ends after nine days"]
    everything = "".join(p.html.content for p in plan.pages.values())
    everything += "".join(f.content for f in plan.feeds) + plan.front_page("")
    assert "Ferry timetable" not in everything
    assert "ferry-timetable-changes" not in everything
    assert not any(p.draft for p in plan.pages.values())


def test_shown_drafts_have_pages_marked_as_drafts_but_stay_out_of_feeds() -> None:
    listing = digest(briefings=["ferry-timetable-changes", "harbour-strike-ends-after-nine-days"])
    draft_digest = digest(date="2025-11-06", briefings=["ferry-timetable-changes"], draft=True)
    plan = plan_site(site(), [draft_digest, listing], SHOWN)
    page = plan.pages[DRAFT_PAGE]
    assert page.draft
    assert plan.context(DRAFT_PAGE, page.url, None)["briefing_draft"] is True
    strike = plan.pages["briefings/harbour-strike-ends-after-nine-days.md"]
    assert "briefing_draft" not in plan.context(strike.uri, strike.url, None)
    assert plan.pages["digests/2025-11-06.md"].draft
    assert not plan.pages["digests/2025-11-05.md"].draft
    assert plan.front_page("").count(DRAFT_MARK) == 2  # the draft digest's card, the draft's
    cards = plan.latest_cards("")
    assert cards.count(DRAFT_MARK) == 1
    assert cards.index(DRAFT_MARK) < cards.index("Ferry timetable changes")
    for feed in plan.feeds:
        assert "Ferry timetable" not in feed.content
        assert "ferry-timetable-changes" not in feed.content
        assert "2025-11-06" not in feed.content  # the draft digest
    assert "Harbour strike" in plan.feeds[0].content
