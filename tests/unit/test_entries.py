"""collection: slugs and problems that span files."""

from __future__ import annotations

from mkdocs_briefings.entries import (
    find_duplicate_slugs,
    find_missing_images,
    make_slug,
    newest_first,
    read_entry,
)

from .test_loader import VALID


def test_slugs_are_readable_ascii_for_any_script() -> None:
    assert make_slug("Harbour strike ends!") == "harbour-strike-ends"
    assert make_slug("Port Anselm’s barrier isn't done") == "port-anselms-barrier-isnt-done"
    assert make_slug("Ливийский кризис") == "liviiskii-krizis"
    assert make_slug("中文标题") == "zhong-wen-biao-ti"
    assert make_slug("🎉🎉") == make_slug("🎉🎉")
    assert make_slug("🎉🎉").startswith("briefing-")
    assert make_slug("🎉🎉") != make_slug("🎈")


def test_duplicate_slug_is_reported_on_the_later_file() -> None:
    a = read_entry(VALID, path="briefings/a.yml")
    b = read_entry(VALID, path="briefings/b.yml")
    found = list(find_duplicate_slugs([b, a]))
    assert [(e.path, str(p)) for e, p in found] == [
        (
            "briefings/b.yml",
            "briefings/b.yml:1:8: title: gives the page address 'harbour-strike-ends', which "
            "briefings/a.yml already has; set a different 'slug:' in one of them",
        )
    ]


def test_explicit_slug_wins_and_is_located() -> None:
    entry = read_entry("slug: port-strike\n" + VALID, path="b.yml")
    assert entry.slug == "port-strike"
    assert entry.slug_at == (1, 7)


def test_missing_local_image_is_located() -> None:
    text = VALID.replace(
        "key_points:", "image:\n  src: assets/x.png\n  alt: A\n  credit: B\nkey_points:"
    )
    entry = read_entry(text, path="b.yml")
    found = [str(p) for _, p in find_missing_images([entry], exists=lambda src: False)]
    assert found == [
        "b.yml:7:8: image.src: assets/x.png is not in docs/; add the file or fix the path"
    ]
    assert list(find_missing_images([entry], exists=lambda src: True)) == []


def test_newest_first() -> None:
    old = read_entry(VALID, path="a.yml")
    new = read_entry(
        VALID.replace("2025-11-03", "2025-11-02")
        .replace("2025-11-04", "2025-12-01")
        .replace("published: 2025-11-02", "published: 2025-11-20"),
        path="b.yml",
    )
    assert [e.path for e in newest_first([old, new])] == ["b.yml", "a.yml"]
