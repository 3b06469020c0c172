"""loader: YAML text -> Briefing, or problems located by line and column."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import Paragraph, Quote

VALID = """\
title: Harbour strike ends
category: Economy
published: 2025-11-03
updated: 2025-11-04
tags: [Port Anselm, Labour]
key_points:
  - Dock workers in Port Anselm return on Monday.
body:
  - paragraph: The strike ended after nine days.
    credits: [ledger]
  - quote: We got what we came for.
    speaker: Mara Quell
    role: Union organiser
    context: Outside the port gates
    credits: [ledger, courier]
sources:
  ledger: {name: The Harbour Ledger, url: "https://harbour-ledger.example/strike"}
  courier: {name: Nordvik Courier}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(BriefingError) as exc:
        read_briefing(text, path="b.yml")
    return [str(p) for p in exc.value.problems]


def test_valid_briefing_reads_every_field() -> None:
    b = read_briefing(VALID, path="b.yml")
    assert b.title == "Harbour strike ends"
    assert b.published == date(2025, 11, 3)
    assert b.updated == date(2025, 11, 4)
    assert b.tags == ["Port Anselm", "Labour"]
    assert isinstance(b.body[0], Paragraph)
    assert isinstance(b.body[1], Quote)
    assert b.body[1].speaker == "Mara Quell"
    assert b.sources["ledger"].url == "https://harbour-ledger.example/strike"
    assert b.sources["courier"].url is None


def test_scalars_stay_text_instead_of_yaml_1_1_surprises() -> None:
    b = read_briefing(
        VALID.replace("Harbour strike ends", "no").replace("Labour", "12:30"), path="b.yml"
    )
    assert b.title == "no"
    assert b.tags[1] == "12:30"


def test_unknown_field_points_at_key_and_suggests_the_right_one() -> None:
    text = VALID.replace("key_points:", "keypoints:")
    # The misspelt field is not also reported as missing.
    assert problems_of(text) == ["b.yml:6:1: unknown field 'keypoints'; did you mean 'key_points'?"]


def test_missing_field_points_at_its_parent() -> None:
    text = VALID.replace("    speaker: Mara Quell\n", "")
    assert problems_of(text) == ["b.yml:11:5: body[1]: 'speaker' is missing; add it (who said it)"]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = (
        VALID.replace("2025-11-04", "2025-10-01")
        .replace("credits: [ledger]", "credits: [ledger, reuters]")
        .replace("category: Economy", "category:")
    )
    assert problems_of(text) == [
        "b.yml:2:10: category: is empty; write a value",
        "b.yml:4:10: updated: 2025-10-01 is before the published date 2025-11-03; fix one of the two dates",
        "b.yml:10:23: body[0].credits[1]: unknown source 'reuters'; "
        "add it under 'sources:' or use one of 'ledger', 'courier'",
    ]


def test_wrong_types_and_bad_values_are_located() -> None:
    text = VALID.replace("  - Dock workers in Port Anselm return on Monday.", "  - {a: b}").replace(
        "published: 2025-11-03", "published: 3 November"
    )
    assert problems_of(text) == [
        "b.yml:3:12: published: expected a date like 2025-11-11 or a date-time like "
        "2025-11-11T09:30+01:00, got '3 November'",
        "b.yml:7:5: key_points[0]: expected text, got a mapping (key: value lines); "
        "put the text on one line or quote it",
    ]


def test_unsafe_source_url_is_refused() -> None:
    text = VALID.replace('"https://harbour-ledger.example/strike"', "javascript:alert(1)")
    assert problems_of(text) == [
        "b.yml:17:43: sources.ledger.url: expected a web address starting with https:// (or http://)"
    ]


def test_block_without_kind() -> None:
    text = VALID.replace("  - paragraph: The strike", "  - text: The strike")
    assert "b.yml:9:5: body[0]: a block starts with 'paragraph:' or 'quote:'" in problems_of(text)


def test_duplicate_key() -> None:
    assert "b.yml:2:1: title: duplicate key; keep one of the two" in problems_of(
        "title: a\ntitle: b\n"
    )


def test_yaml_syntax_error_is_located() -> None:
    assert problems_of("title: [unclosed\ncategory: x\n") == [
        "b.yml:2:9: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence "
        "that starts at line 1, column 8); check quoting and indentation"
    ]


def test_top_level_must_be_a_mapping() -> None:
    assert problems_of("- a\n- b\n") == [
        "b.yml:1:1: expected a mapping of keys such as 'title:' at the top"
    ]


def test_too_many_key_points() -> None:
    points = "".join(f"  - Point {i}.\n" for i in range(6))
    text = VALID.replace("  - Dock workers in Port Anselm return on Monday.\n", points)
    assert problems_of(text) == ["b.yml:7:3: key_points: has 6 items; at most 5 are allowed"]


def test_empty_file_lists_every_required_field() -> None:
    found = problems_of("")
    assert (
        found[0]
        == "b.yml:1:1: 'body' is missing; add paragraphs like '- paragraph: ...' with 'credits: [reuters]'"
    )
    assert len(found) == 6


def test_bad_source_key_points_at_the_key() -> None:
    text = VALID.replace("  courier:", "  The Courier:").replace("[ledger, courier]", "[ledger]")
    assert problems_of(text) == [
        "b.yml:18:3: sources: key 'The Courier': source keys use lowercase letters, digits, '-' and '_', like 'latimes'"
    ]


def test_absurd_nesting_is_a_located_problem_not_a_crash() -> None:
    found = problems_of("title: " + "[" * 5000 + "]" * 5000 + "\n")
    assert len(found) == 1
    assert found[0].startswith("b.yml:1:")
    assert "nest" in found[0]


def test_image_path_with_a_leading_slash_gets_a_fix() -> None:
    text = VALID.replace(
        "key_points:", "image: {src: /assets/x.png, alt: A, credit: B}\nkey_points:"
    )
    assert problems_of(text) == [
        "b.yml:6:14: image.src: paths are relative to docs/: write 'assets/x.png', without the '/'"
    ]


def test_null_only_when_plain() -> None:
    b = read_briefing(
        VALID.replace("updated: 2025-11-04", "updated: ~").replace("Labour", '"null"'), path="b.yml"
    )
    assert b.updated is None
    assert b.tags[1] == "null"


def test_aliases_are_refused_quickly() -> None:
    # "Billion laughs": ten aliases nested six deep would expand to a million values.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    found = problems_of("\n".join(levels) + "\ntitle: *a6\n")
    assert any("anchors and aliases (&name, *name) are not supported" in p for p in found)
    assert len(found) < 20


def test_dates_must_be_written_yyyy_mm_dd() -> None:
    for value in ("0", "20251103", "3 November 2025"):
        found = problems_of(VALID.replace("published: 2025-11-03", f"published: '{value}'"))
        assert found == [
            "b.yml:3:12: published: expected a date like 2025-11-11 or a date-time like "
            f"2025-11-11T09:30+01:00, got '{value}'"
        ]


def test_a_date_time_needs_its_offset() -> None:
    found = problems_of(VALID.replace("published: 2025-11-03", "published: 2025-11-03T10:00"))
    assert found == [
        "b.yml:3:12: published: '2025-11-03T10:00' has no time zone offset; add one, like "
        "2025-11-03T10:00+01:00 (or Z for UTC), so the time means the same everywhere"
    ]


def test_date_times_with_an_offset_are_read_as_moments() -> None:
    for value, expected in (
        ("2025-11-03T10:00+01:00", dt.datetime(2025, 11, 3, 9, tzinfo=dt.UTC)),
        ("2025-11-03 10:00Z", dt.datetime(2025, 11, 3, 10, tzinfo=dt.UTC)),
        ("2025-11-03T10:00:30-05:00", dt.datetime(2025, 11, 3, 15, 0, 30, tzinfo=dt.UTC)),
    ):
        b = read_briefing(VALID.replace("2025-11-03", value, 1), path="b.yml")
        assert b.published == expected
        assert b.modified == dt.date(2025, 11, 4)  # the updated day, later than that time


def test_an_impossible_time_is_located() -> None:
    found = problems_of(VALID.replace("published: 2025-11-03", "published: 2025-11-03T25:00Z"))
    assert found == [
        "b.yml:3:12: published: '2025-11-03T25:00Z' is not a real date or time: "
        "hour must be in 0..23"
    ]


def test_updated_before_published_compares_instants_when_both_have_times() -> None:
    text = VALID.replace("published: 2025-11-03", "published: 2025-11-03T10:00+01:00")
    earlier = text.replace("updated: 2025-11-04", "updated: 2025-11-03T09:30+01:00")
    assert problems_of(earlier) == [
        "b.yml:4:10: updated: 2025-11-03T09:30:00+01:00 is before the published date "
        "2025-11-03T10:00:00+01:00; fix one of the two dates"
    ]
    later = read_briefing(text.replace("2025-11-04", "2025-11-03T10:30+01:00"), path="b.yml")
    assert later.modified == dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)
    same_day = read_briefing(text.replace("2025-11-04", "2025-11-03"), path="b.yml")
    assert same_day.updated == dt.date(2025, 11, 3)  # a day alone: the same day is not before


def test_control_character_is_located() -> None:
    assert problems_of("title: a\ncategory: b\x07c\n") == [
        "b.yml:2:12: character '\\x07' is not allowed in YAML; delete it"
    ]


def test_empty_image_src_is_a_problem() -> None:
    text = VALID.replace("key_points:", "image: {src: '', alt: A, credit: B}\nkey_points:")
    assert problems_of(text) == [
        "b.yml:6:14: image.src: is empty; write some text or remove the line"
    ]


def test_block_with_quote_and_paragraph_is_a_quote() -> None:
    text = VALID.replace("  - quote: We got", "  - paragraph: x\n    quote: We got")
    assert problems_of(text) == [
        "b.yml:11:5: body[1]: unknown field 'paragraph'; allowed here: quote, speaker, role, context, credits"
    ]


def test_update_before_publication_is_located() -> None:
    text = VALID + "updates:\n  - date: 2025-10-01\n    text: Added a figure.\n"
    assert problems_of(text) == [
        "b.yml:20:11: updates[0].date: 2025-10-01 is before the published date 2025-11-03; fix the date"
    ]


TAB = (
    "YAML syntax error: a tab character; YAML does not allow tabs for indentation: "
    "indent with spaces"
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: T\nkey_points:\n\t- a\n", "3:1"),  # libyaml: "cannot start any token"
        ("title: T\nimage:\n\tsrc: x\n", "3:1"),
        ("key_points:\n  -\tone\n", "2:4"),
        ("body:\n  - paragraph: x\n  \tcredits: [a]\n", "3:3"),  # "...violates indentation"
    ],
)
def test_a_tab_is_called_a_tab(text: str, where: str) -> None:
    assert problems_of(text) == [f"b.yml:{where}: {TAB}"]


def test_a_reserved_character_says_to_quote_the_value() -> None:
    assert problems_of("title: @home\n") == [
        "b.yml:1:8: YAML syntax error: a value cannot start with '@'; put it in quotes"
    ]


def unclosed(quote: str, ended: str) -> str:
    return (
        f"YAML syntax error: the quote {quote} that opens here is never closed, so YAML reads "
        f"on to {ended} as part of this value; close it with {quote} where the value ends"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # Open to the end of the file: located where it opens, not at the end.
        (
            'title: T\ncategory: "Econ\nkey_points:\n  - a\n',
            "2:11: " + unclosed('"', "the end of the file"),
        ),
        ("key_points:\n  - 'one\n  - two\n", "2:5: " + unclosed("'", "the end of the file")),
        ('tags: [a, "b, c]\ntitle: T\n', "1:11: " + unclosed('"', "the end of the file")),
        # Closed by a later value's opening quote: the parser stops on line 4.
        ('title: "Open\ncategory: x\nkey_points:\n  - "a"\n', "1:8: " + unclosed('"', "line 4")),
    ],
)
def test_an_unclosed_quote_is_located_where_it_opens(text: str, problem: str) -> None:
    assert problems_of(text) == [f"b.yml:{problem}"]


def test_a_quoted_value_over_several_lines_is_not_taken_for_an_unclosed_quote() -> None:
    text = 'title: "a long\n  title"\ncategory: [x\n'
    assert problems_of(text) == [
        "b.yml:4:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
        "sequence that starts at line 3, column 11); check quoting and indentation"
    ]
