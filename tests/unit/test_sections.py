"""The optional sections (issue 16, item 7): 'why_it_matters', 'whats_next' and 'perspectives'
are validated like the body (located errors) and every formatter shows them under their
headings, credited as body paragraphs are. Every name here is fictional."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.render.feed import briefing_item
from mkdocs_briefings.render.html import render_briefing
from mkdocs_briefings.render.text import count_words

from ..conftest import DATA

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
SECTIONS = """\
why_it_matters:
  - paragraph: The port handles a third of the country's cargo.
    credits: [ledger]
whats_next:
  - paragraph: Talks on pay resume in January.
    credits: [courier]
  - paragraph: The union votes on the deal next week.
    credits: [courier]
perspectives:
  - source: ledger
    label: Business press
    view: Shippers want the backlog cleared first.
  - source: courier
    view: Workers say the night shift was the real prize.
"""


def with_sections(sections: str = SECTIONS) -> str:
    return HARBOUR.replace("sources:\n", sections + "sources:\n", 1)


def problems(text: str) -> list[str]:
    with pytest.raises(BriefingError) as exc:
        read_briefing(text, path="b.yml")
    return [str(p) for p in exc.value.problems]


def test_sections_are_read_in_order() -> None:
    b = read_briefing(with_sections(), path="b.yml")
    assert [p.paragraph for p in b.why_it_matters] == [
        "The port handles a third of the country's cargo."
    ]
    assert [p.credits for p in b.whats_next] == [["courier"], ["courier"]]
    assert [(v.source, v.label) for v in b.perspectives] == [
        ("ledger", "Business press"),
        ("courier", None),
    ]


def test_sections_are_optional() -> None:
    b = read_briefing(HARBOUR, path="b.yml")
    assert (b.why_it_matters, b.whats_next, b.perspectives) == ([], [], [])


def test_unknown_perspective_source_is_located() -> None:
    text = with_sections(SECTIONS.replace("  - source: courier", "  - source: couriers"))
    line = text.splitlines().index("  - source: couriers") + 1
    assert problems(text) == [
        f"b.yml:{line}:13: perspectives[1].source: unknown source 'couriers'; add it under "
        "'sources:' or use one of 'ledger', 'courier'"
    ]


def test_unknown_credit_in_a_section_is_located() -> None:
    text = with_sections(
        SECTIONS.replace("    credits: [ledger]\nwhats", "    credits: [l]\nwhats")
    )
    line = text.splitlines().index("    credits: [l]") + 1
    assert problems(text) == [
        f"b.yml:{line}:15: why_it_matters[0].credits[0]: unknown source 'l'; add it under "
        "'sources:' or use one of 'ledger', 'courier'"
    ]


def test_a_single_perspective_is_refused() -> None:
    one = SECTIONS.split("  - source: courier")[0]
    [message] = problems(with_sections(one))
    assert "perspectives: one view has nothing beside it" in message
    assert message.startswith("b.yml:")


def test_too_many_paragraphs_and_unknown_fields_are_refused() -> None:
    eleven = "why_it_matters:\n" + "  - paragraph: P.\n    credits: [ledger]\n" * 11
    assert any("why_it_matters: " in m for m in problems(with_sections(eleven)))
    typo = SECTIONS.replace("    view: Workers", "    veiw: Workers")
    assert any(
        "unknown field 'veiw'; did you mean 'view'?" in m for m in problems(with_sections(typo))
    )


def test_page_shows_sections_in_reading_order_with_credit_lines() -> None:
    b = read_briefing(with_sections(), path="b.yml")
    soup = BeautifulSoup(render_briefing(b).content, "html.parser")
    headings = [h["id"] for h in soup.find_all("h2")]
    assert headings == ["why-it-matters", "whats-next", "perspectives", "sources"]
    text = soup.get_text(" ")
    order = [
        "Key points",
        "nine-day strike",
        "Why it matters",
        "a third of the country",
        "What’s next",
        "Talks on pay",
        "Perspectives",
        "Business press",
        "Sources",
    ]
    assert [text.index(t) for t in order] == sorted(text.index(t) for t in order)
    # 'What's next': two paragraphs credited to the same outlet show one credit line, as the body.
    whats_next = soup.find("h2", id="whats-next")
    lines = [p.get_text(" ", strip=True) for p in whats_next.find_next_siblings("p", limit=3)]
    assert lines == [
        "Talks on pay resume in January.",
        "The union votes on the deal next week.",
        "According to Nordvik Courier",
    ]
    views = soup.select(".briefing-perspectives > .briefing-perspective")
    assert [v.select_one(".briefing-perspective__label").get_text() for v in views] == [
        "Business press",
        "Nordvik Courier",  # no label: the outlet's name
    ]
    credit = views[0].select_one(".briefing-credit a")
    assert credit["href"] == "https://harbour-ledger.example/2025/11/strike-ends"
    assert views[1].select_one(".briefing-credit a")["href"] == "#source-courier"


def test_hostile_text_in_sections_is_escaped() -> None:
    hostile = SECTIONS.replace("Business press", '"<script>alert(1)</script>"').replace(
        "Talks on pay resume in January.", '"<img src=x onerror=alert(1)> & more"'
    )
    b = read_briefing(with_sections(hostile), path="b.yml")
    page = render_briefing(b).content
    feed = briefing_item(b, "https://news.example.org/b/").content_html
    for html in (page, feed):
        assert "<script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in html


def test_feed_item_has_the_sections_under_headings_in_page_order() -> None:
    b = read_briefing(with_sections(), path="b.yml")
    html = briefing_item(b, "https://news.example.org/b/").content_html
    order = [
        "nine-day strike",
        "<h3>Why it matters</h3>",
        "a third of the country",
        "<h3>What’s next</h3>",
        "Talks on pay",
        "<h3>Perspectives</h3>",
        "<strong>Business press:</strong> Shippers want",
        "<strong>Nordvik Courier:</strong> Workers say",
        "<h3>Sources</h3>",
    ]
    assert [html.index(t) for t in order] == sorted(html.index(t) for t in order)
    assert "<p><em>According to The Harbour Ledger</em></p>" in html


def test_sections_count_toward_reading_words() -> None:
    plain = read_briefing(HARBOUR, path="b.yml")
    full = read_briefing(with_sections(), path="b.yml")
    texts = [p.paragraph for p in (*full.why_it_matters, *full.whats_next)]
    texts += [v.view for v in full.perspectives]
    assert count_words(full) == count_words(plain) + sum(len(t.split()) for t in texts)
