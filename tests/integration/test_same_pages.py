"""The site's pages stay as they are: the plugin code of the baseline commit and the current
code build the same project, and every page, the search index, the sitemap and the feeds must
come out equal apart from whitespace and character references (bench/compare_sites.py), or
differ only as tests/integration/same_pages_allow.yml says, with the reason why.

Run the comparison by hand for its full report:

    .venv/bin/python bench/compare_sites.py --base 734d8a7 --newsroom --warm \\
        --allow tests/integration/same_pages_allow.yml
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING

import pytest

from ..conftest import ROOT

if TYPE_CHECKING:
    from types import ModuleType

# The last commit before the refactor that renders generated pages straight to HTML instead of
# through Markdown: its pages are the reference. Keep it while that refactor settles; a later
# change that alters pages on purpose says so in same_pages_allow.yml rather than moving it.
BASELINE = "734d8a7"
ALLOW = ROOT / "tests" / "integration" / "same_pages_allow.yml"


def compare_sites() -> ModuleType:
    """bench/compare_sites.py, imported (bench/ is not a package)."""
    name = "compare_sites"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "compare_sites.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_sites_pages_are_the_same_as_the_baselines() -> None:
    tool = compare_sites()
    try:
        tool.resolve(BASELINE)
    except tool.MissingRevision as error:
        pytest.skip(f"the baseline commit is not in this clone: {error}")
    outcome = tool.compare(
        BASELINE,
        projects=[tool.Project("repo", ROOT), tool.newsroom_project()],
        warm=True,  # also the second build, from the build cache the first one wrote
        allow=tool.load_allow(ALLOW),
        shown=5,
    )
    print(outcome.report)
    assert outcome.ok, outcome.report
    # Each site was really compared, fresh and warm, not an empty folder against another.
    assert len(outcome.results) == 4
    for label, results in outcome.results.items():
        assert any(r.path.endswith("index.html") for r in results), label


# The comparison itself, without builds: it must see a changed page and ignore whitespace.

PAGE = """<!doctype html><html><head><title>T</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A: b"}</script></head>
<body><article class="briefing md-typeset"><h1>A&#58; b</h1>
<p>One <a href="x/">link</a> here.</p></article></body></html>"""


def differences(old: str, new: str) -> list[str]:
    tool = compare_sites()
    found = tool.differences("html", tool.html_tree(old), tool.html_tree(new))
    return [f"{d.path} [{d.what}] {d.old} -> {d.new}" for d in found]


def test_whitespace_entities_and_class_order_are_not_differences() -> None:
    same = (
        PAGE.replace("A&#58; b", "A:\n   b")
        .replace('class="briefing md-typeset"', 'class="md-typeset  briefing"')
        .replace(
            '{"@type": "NewsArticle", "headline": "A: b"}',
            '{"headline":"A: b","@type":"NewsArticle"}',
        )
        .replace("<p>", "\n  <p>\n")
    )
    assert differences(PAGE, same) == []


def test_a_changed_text_attribute_or_element_is_a_difference() -> None:
    changed = PAGE.replace("here.", "there.").replace('href="x/"', 'href="y/"')
    assert differences(PAGE, changed) == [
        "html > body > article.briefing.md-typeset > p > a [attributes] href='x/' -> href='y/'",
        "html > body > article.briefing.md-typeset > p > text()[2] [text] 'here.' -> 'there.'",
    ]
    assert differences(PAGE, PAGE.replace("</h1>", "</h1><hr>")) == [
        "html > body > article.briefing.md-typeset > hr [added]  -> <hr>"
    ]
    assert differences(PAGE, PAGE.replace("h1>", "h2>")) == [
        "html > body > article.briefing.md-typeset > h1 [replaced] <h1>A: b</h1> -> <h2>A: b</h2>"
    ]


def test_whitespace_a_reader_sees_is_noted() -> None:
    tool = compare_sites()
    old, new = PAGE, PAGE.replace("One <a", "One<a")
    assert differences(old, new) == []
    seen = tool.differences(
        "html", tool.html_tree(old, render=True), tool.html_tree(new, render=True)
    )
    assert [d.what for d in seen] == ["text"]
    hidden = tool.html_tree(PAGE.replace("here.</p>", "here.  \n</p>"), render=True)
    assert tool.differences("html", tool.html_tree(PAGE, render=True), hidden) == []
