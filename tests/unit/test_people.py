"""people: the people file, bylines and their checks, authors in JSON-LD. Every name here is
fictional."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mkdocs_briefings.catalog import Layout, by_person, index_views, make_catalog
from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.loader import read_briefing
from mkdocs_briefings.model import Person
from mkdocs_briefings.people import (
    Staff,
    authors,
    byline_problems,
    byline_refs,
    load_people,
    person_json_ld,
    read_people,
    unknown_person,
)
from mkdocs_briefings.plan import Link, PlanOptions, plan_site
from mkdocs_briefings.render.html import render_byline, render_person
from mkdocs_briefings.seo import news_article

from ..conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path

HARBOUR = (DATA / "briefings" / "harbour-strike.yml").read_text(encoding="utf-8")
PEOPLE = """\
ana-ruiz:
  name: Ana Ruiz
  role: Harbour correspondent
  links: [https://ana.example/]
  fediverse: "@ana@social.example"
ben-oduya:
  name: Ben Oduya
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(BriefingError) as exc:
        read_people(text, path="people.yml")
    return [str(p) for p in exc.value.problems]


def test_read_people_keys_each_person() -> None:
    people = read_people(PEOPLE, path="people.yml")
    assert list(people) == ["ana-ruiz", "ben-oduya"]
    assert people["ana-ruiz"].fediverse == "@ana@social.example"
    assert people["ben-oduya"] == Person(name="Ben Oduya")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "ana-ruiz:\n  nmae: Ana\n",
            "people.yml:2:3: ana-ruiz: unknown field 'nmae'; did you mean 'name'?",
        ),
        (
            "ana-ruiz:\n  role: Editor\n",
            "people.yml:2:3: ana-ruiz: 'name' is missing; add it (the name the byline shows, "
            "e.g. 'Ana Ruiz')",
        ),
        (
            "Ana Ruiz:\n  name: Ana\n",
            "people.yml:1:1: key 'Ana Ruiz': a slug uses lowercase letters, digits and single "
            "hyphens, like 'gaza-truce'",
        ),
        (
            "ana:\n  name: Ana\n  fediverse: ana@social.example\n",
            "people.yml:3:14: ana.fediverse: expected a fediverse handle like "
            "'@name@example.social' (an '@', the name, an '@' and the server's address)",
        ),
        (
            "ana:\n  name: Ana\n  links: [javascript:alert(1)]\n",
            "people.yml:3:11: ana.links[0]: expected a web address starting with https:// "
            "(or http://)",
        ),
        (
            "ana:\n  name: Ana\n  avatar: /assets/ana.jpg\n",
            "people.yml:3:11: ana.avatar: paths are relative to docs/: write 'assets/ana.jpg', "
            "without the '/'",
        ),
        (  # a list of people, not people by key: the hint names a key, not a briefing's title
            "- name: Ana\n",
            "people.yml:1:1: expected a mapping of keys such as 'ana-ruiz:' at the top",
        ),
    ],
)
def test_a_mistake_in_the_people_file_is_located(text: str, problem: str) -> None:
    assert problems_of(text) == [problem]


@pytest.mark.parametrize(
    "handle", ["@ana@social.example", "@a_b.c@mastodon.example.org", "@Ana@host-1.example"]
)
def test_fediverse_handles(handle: str) -> None:
    assert Person(name="Ana", fediverse=handle).fediverse == handle


@pytest.mark.parametrize(
    "handle", ["ana@social.example", "@ana", "@ana@localhost", "@ana@social.example/x", "@@a.b"]
)
def test_fediverse_handles_refused(handle: str) -> None:
    with pytest.raises(ValueError, match="fediverse handle"):
        Person(name="Ana", fediverse=handle)


def test_a_byline_lists_up_to_ten_slugs() -> None:
    assert read_briefing(HARBOUR + "by: [ana-ruiz]\n", path="b.yml").by == ["ana-ruiz"]
    assert read_briefing(HARBOUR, path="b.yml").by == []
    # Why an empty list is allowed: a briefing written back (model_dump) reads again.
    assert read_briefing(HARBOUR + "by: []\n", path="b.yml").by == []
    with pytest.raises(BriefingError) as exc:
        read_briefing(HARBOUR + "by: Ana\n", path="b.yml")
    assert [p.message for p in exc.value.problems] == [
        "by: expected a list ('- ' lines), got 'Ana'"
    ]
    many = ", ".join(f"p{i}" for i in range(11))
    with pytest.raises(BriefingError) as exc:
        read_briefing(HARBOUR + f"by: [{many}]\n", path="b.yml")
    assert [p.message for p in exc.value.problems] == ["by: has 11 items; at most 10 are allowed"]


def test_unknown_person_suggests_the_closest_key() -> None:
    staff = Staff(read_people(PEOPLE, path="people.yml"), path="briefings/people.yml")
    assert unknown_person("ana-ruis", staff) == (
        "no one in briefings/people.yml has the key 'ana-ruis'; did you mean 'ana-ruiz'? "
        "add them to briefings/people.yml"
    )
    assert unknown_person("zed", staff) == (
        "no one in briefings/people.yml has the key 'zed'; add them to briefings/people.yml"
    )


def test_byline_problems_point_at_each_unknown_key() -> None:
    staff = Staff(read_people(PEOPLE, path="people.yml"))
    text = HARBOUR + "by:\n  - ana-ruiz\n  - ben-oduja\n"
    briefing = read_briefing(text, path="b.yml")
    found = byline_problems(byline_refs(briefing.by), staff, text=text, path="b.yml")
    line = len(HARBOUR.splitlines()) + 3
    assert [str(p) for p in found] == [
        f"b.yml:{line}:5: by[1]: no one in briefings/people.yml has the key 'ben-oduja'; "
        "did you mean 'ben-oduya'? add them to briefings/people.yml"
    ]
    assert byline_problems(byline_refs(["ana-ruiz"]), staff, text=text, path="b.yml") == []
    broken = Staff(broken=True)  # the people file has its own problems: not every byline too
    assert byline_problems(byline_refs(["x"]), broken, text=text, path="b.yml") == []


def test_load_people_without_a_file_has_no_people(tmp_path: Path) -> None:
    staff, problems = load_people(tmp_path / "people.yml", display="p.yml", exists=bool)
    assert (staff.people, problems) == ({}, [])


def test_load_people_locates_a_missing_avatar(tmp_path: Path) -> None:
    source = tmp_path / "people.yml"
    source.write_text("ana:\n  name: Ana\n  avatar: assets/ana.jpg\n", encoding="utf-8")
    staff, problems = load_people(source, display="p.yml", exists=lambda src: False)
    assert [str(p) for p in problems] == [
        "p.yml:3:11: ana.avatar: assets/ana.jpg is not in docs/; add the file or fix the path"
    ]
    assert staff.broken
    staff, problems = load_people(source, display="p.yml", exists=lambda src: True)
    assert problems == []
    assert staff.people["ana"].avatar_is_local


def test_authors_keep_the_bylines_order_and_skip_unknown_keys() -> None:
    people = read_people(PEOPLE, path="people.yml")
    found = authors(["ben-oduya", "nobody", "ana-ruiz", "ben-oduya"], people)
    assert [key for key, _ in found] == ["ben-oduya", "ana-ruiz"]


def test_person_json_ld() -> None:
    people = read_people(PEOPLE, path="people.yml")
    assert person_json_ld(people["ana-ruiz"], "https://n.example/people/ana-ruiz/") == {
        "@type": "Person",
        "name": "Ana Ruiz",
        "url": "https://n.example/people/ana-ruiz/",
        "jobTitle": "Harbour correspondent",
        "sameAs": ["https://ana.example/"],
    }
    assert person_json_ld(people["ben-oduya"], None) == {"@type": "Person", "name": "Ben Oduya"}


def test_news_article_has_an_author_only_with_a_byline() -> None:
    b = read_briefing(HARBOUR, path="b.yml")
    common = {"url": "https://n.example/b/", "site_name": "N", "site_url": "https://n.example/"}
    assert "author" not in news_article(b, image_url=None, **common)
    person = {"@type": "Person", "name": "Ana Ruiz"}
    assert news_article(b, image_url=None, authors=[person], **common)["author"] == [person]


def test_by_person_lists_everyone_with_their_briefings_newest_first() -> None:
    people = read_people(PEOPLE, path="people.yml")
    older = read_entry(HARBOUR + "by: [ana-ruiz, nobody]\n", path="a.yml")
    newer = read_entry(
        HARBOUR.replace("2025-11-03", "2025-11-05")
        .replace("updated: 2025-11-04\n", "")
        .replace("Harbour strike", "Ferry")
        + "by: [ana-ruiz]\n",
        path="b.yml",
    )
    catalog = make_catalog([older, newer], people=people)
    assert catalog.people == by_person(catalog.newest, people)
    ana, ben = catalog.people
    assert (ana.kind, ana.key, ana.title) == ("people", "ana-ruiz", "Ana Ruiz")
    assert [e.path for e in ana.entries] == ["b.yml", "a.yml"]
    assert ben.entries == ()
    views = index_views(catalog, [], layout=Layout(), people=people)
    assert views["people/ana-ruiz/index.md"].person == people["ana-ruiz"]
    assert views["people/index.md"].in_nav
    assert "people/index.md" not in index_views(make_catalog([older]), [], layout=Layout())


def test_render_byline_and_person_escape_what_they_show() -> None:
    assert render_byline([("../a/", "A <b>"), ("../c/", "C"), ("../d/", "D")]) == (
        '<p class="briefing-byline">By <a dir="auto" href="../a/">A &lt;b&gt;</a>, '
        '<a dir="auto" href="../c/">C</a> and <a dir="auto" href="../d/">D</a></p>'
    )
    assert render_byline([]) == ""
    person = Person(name='Ana "A" <Ruiz>', bio="<script>", links=["https://ana.example/x/"])
    html = render_person(person, avatar="../../assets/ana.jpg")
    assert 'alt="Ana &quot;A&quot; &lt;Ruiz&gt;"' in html
    assert "&lt;script&gt;" in html
    assert '<a rel="me" href="https://ana.example/x/">ana.example/x</a>' in html


def test_the_plan_gives_a_briefing_its_byline_and_refreshes_it_when_a_person_changes() -> None:
    people = read_people(PEOPLE, path="people.yml")
    entry = read_entry(HARBOUR + "by: [ben-oduya, ana-ruiz]\n", path="a.yml")
    options = PlanOptions(site_url="https://n.example/", site_name="N")
    plan = plan_site([entry], [], options, people=people)
    uri = "briefings/harbour-strike-ends-after-nine-days.md"
    context = plan.context(
        uri, "briefings/harbour-strike-ends-after-nine-days/", "https://n.example/b/"
    )
    assert context["briefing_byline"] == [
        Link("Ben Oduya", "people/ben-oduya/"),
        Link("Ana Ruiz", "people/ana-ruiz/"),
    ]
    assert ("name", "fediverse:creator", "@ana@social.example") in context["briefing_social"]
    renamed = {**people, "ben-oduya": Person(name="Ben O. Oduya")}
    later = plan_site([entry], [], options, people=renamed, previous=plan)
    assert later.pages[uri].fingerprint != plan.pages[uri].fingerprint  # `mkdocs serve` redoes it
    assert plan_site([entry], [], options).pages[uri].fingerprint != plan.pages[uri].fingerprint
