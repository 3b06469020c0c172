"""The site builds the same with MkDocs and with ProperDocs (tests/engines/compare.py).

The first tests check the comparison itself on small made-up sites: it lets the engine's name
and version in the generator tag differ, and nothing else. The last builds the real site with
both engines (the first run makes .tools/properdocs-venv/, which needs PyPI).
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest

from tests.engines import compare

if TYPE_CHECKING:
    from pathlib import Path

MKDOCS_HEAD = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
PROPERDOCS_HEAD = '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">'


def _site(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return root


def _page(head: str, body: str = "<p>Hello</p>") -> str:
    return f"<html>\n<head>\n  {head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"


def test_the_generator_tag_alone_may_differ(tmp_path: Path) -> None:
    common = {"search/search_index.json": '{"docs": []}', "sitemap.xml.gz": "<urlset/>"}
    a = _site(tmp_path / "a", {"index.html": _page(MKDOCS_HEAD), **common})
    b = _site(tmp_path / "b", {"index.html": _page(PROPERDOCS_HEAD), **common})

    result = compare.compare_sites(a, b)

    assert result.differences == []
    assert (result.files, result.normalised) == (3, 1)


def test_only_the_engine_part_of_the_tag_is_normalised(tmp_path: Path) -> None:
    other_theme = PROPERDOCS_HEAD.replace("9.8.2", "9.7.0")
    a = _site(tmp_path / "a", {"index.html": _page(MKDOCS_HEAD)})
    b = _site(tmp_path / "b", {"index.html": _page(other_theme)})

    (difference,) = compare.compare_sites(a, b, ("mkdocs", "properdocs")).differences

    assert difference.startswith("index.html:\n    line 3 (replace), from column ")
    assert "mkdocs-material-9.8.2" in difference
    assert "mkdocs-material-9.7.0" in difference


def test_any_other_difference_is_reported_with_its_place(tmp_path: Path) -> None:
    a = _site(
        tmp_path / "a",
        {
            "index.html": _page(MKDOCS_HEAD, "<p>Hello</p>"),
            "feed.xml": "<rss><generator>python-feedgen</generator></rss>",
            "logo.png": b"\x89PNG\x00\x01",
            "only-a.html": "",
        },
    )
    b = _site(
        tmp_path / "b",
        {
            "index.html": _page(PROPERDOCS_HEAD, "<p>Hello!</p>"),
            "feed.xml": "<rss><generator>ProperDocs</generator></rss>",
            "logo.png": b"\x89PNG\x00\x02",
            "only-b.html": "",
        },
    )

    differences = compare.compare_sites(a, b, ("mkdocs", "properdocs")).differences

    assert differences == [
        "only-a.html: only in mkdocs's site",
        "only-b.html: only in properdocs's site",
        "feed.xml:\n    line 1 (replace), from column 17:\n"
        "      mkdocs: <rss><generator>python-feedgen</generator></rss>\n"
        "      properdocs: <rss><generator>ProperDocs</generator></rss>",
        "index.html:\n    line 6 (replace), from column 9:\n"
        "      mkdocs: <p>Hello</p>\n      properdocs: <p>Hello!</p>",
        "logo.png: 6 and 6 bytes, first difference at byte 5",
    ]


@pytest.mark.slow
def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    try:
        report = compare.run(compare.ROOT, tmp_path)
    except compare.SetupError as error:
        pytest.fail(str(error), pytrace=False)

    assert report.same, report.text()
    print(report.text())  # the versions and times, in pytest -s / -rP output
