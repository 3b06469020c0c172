"""Problems print as `path:line:col: message`, with control characters from files escaped."""

from __future__ import annotations

from mkdocs_briefings.errors import Problem


def test_problem_prints_its_location_and_message() -> None:
    assert (
        str(Problem("briefings/b.yml", 3, 7, "title: missing"))
        == "briefings/b.yml:3:7: title: missing"
    )


def test_control_characters_from_a_file_cannot_reach_the_terminal_raw() -> None:
    shown = str(Problem("briefings/\x1b[2Jb.yml", 1, 1, "bad value '\x00\x1b[31mred\u202eevil'"))
    assert shown == "briefings/\\x1b[2Jb.yml:1:1: bad value '\\x00\\x1b[31mred\\u202eevil'"
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
