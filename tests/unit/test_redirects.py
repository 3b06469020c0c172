"""Former addresses: validation, where redirect pages go, their HTML, and clashes."""

from __future__ import annotations

import pytest

from mkdocs_briefings.catalog import Layout
from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.plan import PlanOptions, plan_site
from mkdocs_briefings.redirects import (
    find_alias_clashes,
    lost_addresses,
    redirect_page,
    redirect_uri,
)

from .test_loader import VALID, problems_of


def with_aliases(*aliases: str, text: str = VALID) -> str:
    listed = "".join(f"  - {alias!r}\n" for alias in aliases)
    return f"aliases:\n{listed}{text}"


def test_redirect_page_refreshes_and_links_to_the_target_without_javascript() -> None:
    page = redirect_page("../new-slug/")
    assert '<meta http-equiv="refresh" content="0; url=../new-slug/">' in page
    assert '<link rel="canonical" href="../new-slug/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'This briefing has moved to <a href="../new-slug/">../new-slug/</a>.' in page
    assert "<script" not in page


def test_redirect_page_escapes_the_target() -> None:
    page = redirect_page('https://news.example.org/a"><script>x</script>&b')
    assert "<script>" not in page
    assert 'href="https://news.example.org/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;b"' in page


@pytest.mark.parametrize(
    ("alias", "directory_urls", "uri"),
    [
        ("old-slug", True, "briefings/old-slug/index.html"),
        ("old-slug", False, "briefings/old-slug.html"),
        ("briefings/old-slug/", True, "briefings/old-slug/index.html"),
        ("news/2025/old", False, "news/2025/old/index.html"),
        ("news/old.html", True, "news/old.html"),
    ],
)
def test_redirect_uri(alias: str, directory_urls: bool, uri: str) -> None:
    assert redirect_uri(alias, Layout(), directory_urls=directory_urls) == uri


@pytest.mark.parametrize(
    "alias", ["../secret", "/briefings/old/", "https://evil.example/x", "//evil.example/x", "a b"]
)
def test_an_alias_must_be_a_slug_or_a_path_inside_the_site(alias: str) -> None:
    [problem] = problems_of(with_aliases(alias))
    assert problem.startswith("b.yml:2:5: aliases[0]: a former address is a slug like")


def test_aliases_are_limited() -> None:
    [problem] = problems_of(with_aliases(*(f"old-{i}" for i in range(21))))
    assert "aliases" in problem


def test_alias_clashes_are_located_at_the_alias() -> None:
    a = read_entry("slug: port-strike\n" + VALID, path="briefings/a.yml")
    b = read_entry(with_aliases("fine", "port-strike"), path="briefings/b.yml")
    c = read_entry(with_aliases("fine", text="slug: c\n" + VALID), path="briefings/c.yml")
    found = [(e.path, str(p)) for e, p in find_alias_clashes([c, b, a], Layout(), exists=_none)]
    assert found == [
        (
            "briefings/b.yml",
            "briefings/b.yml:3:5: aliases[1]: 'port-strike' is already the address of "
            "briefings/a.yml; choose another or remove it",
        ),
        (
            "briefings/c.yml",
            "briefings/c.yml:2:5: aliases[0]: 'fine' is already the address of "
            "briefings/b.yml (aliases[0]); choose another or remove it",
        ),
    ]


def test_alias_on_a_docs_page_or_generated_folder_clashes() -> None:
    entry = read_entry(with_aliases("about/", "categories/economy/"), path="b.yml")
    docs = {"about.md"}.__contains__
    [(_, problem)] = find_alias_clashes([entry], Layout(), exists=docs)
    assert "'about/' is already the address of docs/about.md" in str(problem)
    entry = read_entry(with_aliases("categories/economy/"), path="b.yml")
    [(_, problem)] = find_alias_clashes([entry], Layout(), exists=lambda _: False)
    assert "the generated pages under categories/" in str(problem)


def test_the_plan_has_one_redirect_per_alias() -> None:
    entry = read_entry(with_aliases("old", "news/old/"), path="b.yml")
    plan = plan_site([entry], [], PlanOptions(share_cards=False))
    assert [r.uri for r in plan.redirects] == ["briefings/old/index.html", "news/old/index.html"]
    assert 'url=../harbour-strike-ends/"' in plan.redirects[0].content
    assert 'url=../../briefings/harbour-strike-ends/"' in plan.redirects[1].content
    site = PlanOptions(share_cards=False, site_url="https://news.example.org/sub/")
    plan = plan_site([entry], [], site)
    assert 'url=https://news.example.org/sub/briefings/harbour-strike-ends/"' in (
        plan.redirects[0].content
    )


def _none(_: str) -> bool:
    return False


def test_lost_addresses_are_the_sitemap_briefings_no_briefing_keeps() -> None:
    sitemap = (
        "<urlset><url><loc>https://news.example.org/sub/briefings/old-one/</loc></url>"
        "<url><loc>https://news.example.org/sub/briefings/harbour-strike-ends/</loc></url>"
        "<url><loc> https://news.example.org/sub/briefings/kept.html </loc></url>"
        "<url><loc>https://news.example.org/sub/tags/labour/</loc></url></urlset>"
    )
    entry = read_entry(with_aliases("kept"), path="b.yml")
    assert lost_addresses(sitemap, [entry], Layout()) == ["briefings/old-one/"]
    assert lost_addresses("", [entry], Layout()) == []
