"""collection.make_slug and find_duplicate_slugs: page addresses from titles in any script.

Slugs are page addresses: the same title must give the same slug on every run and machine,
different titles different slugs (or a located problem), and a reader should be able to
read them. Every title here is fictional.
"""

from __future__ import annotations

import sys
import types
import unicodedata

import pytest

from mkdocs_briefings.entries import find_duplicate_slugs, make_slug, read_entry
from mkdocs_briefings.model import MAX_SLUG, SLUG

from .test_loader import VALID

SLUGS = [
    # Hebrew and Arabic: consonants as written (unpointed Hebrew has no vowels to keep).
    ("שביתת הנמל בנורדוויק הסתיימה", "shbytt-hnml-bnvrdvvyq-hstyymh"),
    ("שָׁלוֹם לנמל", "shalvom-lnml"),
    ("إعادة فتح ميناء أنسلم بعد العاصفة", "iada-fth-myna-anslm-bd-alasfa"),
    ("عاجل: الميناء مغلق", "ajl-almyna-mglq"),
    # Chinese syllables, one per character; Japanese split where the script changes.
    ("港口罢工结束", "gang-kou-ba-gong-jie-shu"),
    ("港のストライキが終了", "gang-no-sutoraiki-ka-zhong-liao"),
    ("東京タワーの改修", "dong-jing-tawa-no-gai-xiu"),
    ("Η απεργία στο λιμάνι τελειώνει", "e-apergia-sto-limani-teleionei"),
    ("Ωμέγα 3", "omega-3"),
    ("Ливийский кризис", "liviiskii-krizis"),
    ("Port Anselm 港口 reopens", "port-anselm-gang-kou-reopens"),
    ("١٢٣ ٤٥", "123-45"),
    # Emoji and punctuation around words drop out.
    ("Harbour reopens 🎉⚓", "harbour-reopens"),
    ("Anselm’s barrier isn't done", "anselms-barrier-isnt-done"),
    ("Tom &amp; Jerry", "tom-jerry"),
    # Nothing to transliterate: a hash of the title, the same everywhere.
    ("🎉⚓", "briefing-8a8dc134"),
    ("🎉", "briefing-c20dbb2b"),
    ("⚓", "briefing-cacefcc1"),
    ("?!…", "briefing-3f602b6c"),
    ("— · —", "briefing-d4b2a36b"),
    ("🇺🇦🇵🇱", "briefing-f41aff57"),
]


@pytest.mark.parametrize(("title", "slug"), SLUGS)
def test_slug_is_readable_ascii(title: str, slug: str) -> None:
    assert make_slug(title) == slug
    assert SLUG.match(slug)
    assert len(slug) <= MAX_SLUG


def test_different_titles_get_different_slugs() -> None:
    slugs = [slug for _, slug in SLUGS]
    assert len(set(slugs)) == len(slugs)


def test_the_same_title_in_another_unicode_form_gets_the_same_slug() -> None:
    """Editors on different systems may save 'é' as one character or as 'e' and an accent."""
    for title in ("Café Nordvik", "שָׁלוֹם לנמל", "🎉 — ?"):
        nfd = unicodedata.normalize("NFD", title)
        make_slug.cache_clear()
        assert make_slug(nfd) == make_slug(unicodedata.normalize("NFC", title))


def test_slugs_do_not_depend_on_which_transliteration_library_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """python-slugify prefers Unidecode when it is installed; make_slug must not follow it."""
    expected = {title: make_slug(title) for title, _ in SLUGS}
    fake = types.ModuleType("unidecode")
    fake.unidecode = lambda text: "other"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "unidecode", fake)
    make_slug.cache_clear()
    try:
        assert {title: make_slug(title) for title, _ in SLUGS} == expected
    finally:
        make_slug.cache_clear()


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    title = "Nordvik council approves the long-awaited tram line to Port Anselm after " * 3
    slug = make_slug(title)
    assert len(slug) <= MAX_SLUG
    assert title.lower().replace(" ", "-").startswith(slug + "-")


def _briefing(title: str, slug: str | None = None) -> str:
    text = VALID.replace("title: Harbour strike ends", f"title: {title}")
    return f"slug: {slug}\n{text}" if slug else text


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        # Two titles that differ only in what a slug leaves out.
        (
            _briefing("Harbour reopens!"),
            _briefing("Harbour reopens 🎉"),
            "briefings/b.yml:1:8: title: gives the page address 'harbour-reopens', which "
            "briefings/a.yml already has; set a different 'slug:' in one of them",
        ),
        # Hebrew in two Unicode forms.
        (
            _briefing("שָׁלוֹם לנמל"),
            _briefing(unicodedata.normalize("NFD", "שָׁלוֹם לנמל")),
            "briefings/b.yml:1:8: title: gives the page address 'shalvom-lnml', which "
            "briefings/a.yml already has; set a different 'slug:' in one of them",
        ),
        # An explicit slug equal to another briefing's title slug.
        (
            _briefing("Port strike"),
            _briefing("Another headline", slug="port-strike"),
            "briefings/b.yml:1:7: slug: gives the page address 'port-strike', which "
            "briefings/a.yml already has; set a different 'slug:' in one of them",
        ),
    ],
)
def test_colliding_slugs_are_a_problem_on_the_later_file_naming_the_earlier(
    a: str, b: str, message: str
) -> None:
    first = read_entry(a, path="briefings/a.yml")
    second = read_entry(b, path="briefings/b.yml")
    found = list(find_duplicate_slugs([second, first]))  # order given does not matter
    assert [(e.path, str(p)) for e, p in found] == [("briefings/b.yml", message)]


def test_every_later_duplicate_names_the_first() -> None:
    entries = [read_entry(_briefing("Harbour reopens"), path=f"briefings/{n}.yml") for n in "cab"]
    found = [str(p) for _, p in find_duplicate_slugs(entries)]
    assert [p.split(":")[0] for p in found] == ["briefings/b.yml", "briefings/c.yml"]
    assert all("which briefings/a.yml already has" in p for p in found)
