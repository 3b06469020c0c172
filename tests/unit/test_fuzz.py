"""Property-based tests: the loader, renderer and importer on generated input.

Whatever the text, the loader returns a briefing or located problems, never another
exception; the page shows what the YAML says and nothing it smuggles in; the importer gives
a draft whose YAML loads. Each case must finish within `timing.BOUND` seconds (measured here:
Hypothesis' own deadline is off, as generating and shrinking times vary).

About 5,200 cases, 45 s on a busy two-core machine. On CI (the CI variable set), Hypothesis
loads its "ci" profile: the same cases on every run (derandomize) and a failing case printed
with its @reproduce_failure blob. Locally each run tries new cases; failures are not saved
(database=None), and .hypothesis/ holds only Hypothesis' caches (it git-ignores itself).
"""

from __future__ import annotations

import re
import string
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mkdocs_briefings.catalog import Layout, index_views, make_catalog, relative_url
from mkdocs_briefings.digest import read_digest
from mkdocs_briefings.entries import Entry, read_entry
from mkdocs_briefings.errors import BriefingError
from mkdocs_briefings.importer import import_html, import_markdown, import_text
from mkdocs_briefings.importer.command import draft_yaml
from mkdocs_briefings.model import Briefing, Digest, Quote
from mkdocs_briefings.render import page_meta, render_markdown
from mkdocs_briefings.render.html import Cards, render_briefing, render_index, show_image
from mkdocs_briefings.render.markdown import index_documents

from .test_render import EXTENSIONS
from .test_render_html import briefing_both_ways, index_pages_both_ways
from .timing import timed

if TYPE_CHECKING:
    from collections.abc import Callable


def fuzz(cases: int) -> settings:
    """Settings for a property tried on ``cases`` generated inputs."""
    return settings(
        max_examples=cases,
        deadline=None,  # our own bound, measured around the call under test
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- Text -----------------------------------------------------------------------------------------

# Characters that mean something to YAML, Markdown, its extensions or HTML, and a few snippets.
MARKUP = "<>&\"'`*_[](){}:!#=|~^+$-./\\%@?,;\t\n\r "
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "![i](https://evil.example/x.png)",
    "{: onclick=alert(1) }",
    "{ #id .cls onmouseover=x }",
    "<div markdown=1>*x*</div>",
    "&lt;b&gt;",
    "&#60;",
    "&amp;",
    ":smile:",
    "!!! danger",
    "??? note",
    "# Heading",
    "- item",
    "1. item",
    "> quote",
    "---",
    "***",
    "| a | b |",
    "<!-- x -->",
    "]]>",
    "\x02wzxhzdk:0\x03",  # Python-Markdown's placeholder for stashed HTML
    "    indented code",
    "`code`",
    "**bold**",
    "~~gone~~",
    "TODO",
    "\u2028",
    "\ufeff",
    "\x85",
    "\x00",
    "\x1b[31m",
    "Ωμέγα",
    "中文",
    "مرحبا",
    "🎉",
]

words = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8),
    st.text(alphabet=MARKUP, min_size=1, max_size=3),
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=4),
)
phrases = st.lists(words, min_size=1, max_size=8).map("".join)
"""Text mixing letters, markup characters, hostile snippets and any other character."""


def fits(limit: int) -> Callable[[str], bool]:
    """Whether a text is valid in a field of at most ``limit`` characters (no placeholder, and
    some visible text: STX and ETX alone are refused, see test_a_text_of_only_markers_is_refused)."""
    return lambda s: (
        0 < len(s.strip()) <= limit
        and s.translate({2: None, 3: None}).strip() != ""
        and not re.match(r"\s*TODO\b", s)
    )


texts = phrases.filter(fits(5_000))
labels = phrases.filter(fits(100))
source_keys = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}", fullmatch=True)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))
web_urls = st.builds(
    "https://{}.example/{}".format,
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[a-zA-Z0-9_~.%-]{0,12}", fullmatch=True),
)


@st.composite
def briefing_data(draw: st.DrawFn) -> dict[str, Any]:
    """The data of a valid briefing, with generated text in every text field."""
    keys = draw(st.lists(source_keys, min_size=1, max_size=4, unique=True))
    published = draw(days)
    later = st.integers(0, 400).map(lambda n: (published + timedelta(days=n)).isoformat())

    def credits() -> list[str]:
        return draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))

    def block() -> dict[str, Any]:
        if draw(st.booleans()):
            return {"paragraph": draw(texts), "credits": credits()}
        quote: dict[str, Any] = {"quote": draw(texts), "speaker": draw(labels)}
        if draw(st.booleans()):
            quote["role"] = draw(labels)
        if draw(st.booleans()):
            quote["context"] = draw(texts)
        quote["credits"] = credits()
        return quote

    data: dict[str, Any] = {"title": draw(phrases.filter(fits(300)))}
    if draw(st.booleans()):
        data["slug"] = draw(slugs)
    data["category"] = draw(labels)
    data["published"] = published.isoformat()
    if draw(st.booleans()):
        data["updated"] = draw(later)
    data["tags"] = draw(st.lists(labels, max_size=3))
    if draw(st.booleans()):
        data["story"] = draw(slugs)
    if draw(st.booleans()):
        data["note"] = draw(texts)
    if draw(st.booleans()):
        image: dict[str, Any] = {"alt": draw(texts), "credit": draw(labels)}
        # Always written: a briefing read back has its default ('photo'), which `normal` keeps.
        image["kind"] = draw(st.sampled_from(["photo", "illustration", "graphic"]))
        src = draw(st.one_of(st.none(), web_urls, st.just("assets/images/port.jpg")))
        if src:
            image["src"] = src
        data["image"] = image
    data["key_points"] = draw(st.lists(texts, min_size=1, max_size=5))
    data["body"] = [block() for _ in range(draw(st.integers(1, 4)))]
    data["sources"] = {
        key: {"name": draw(labels), **({"url": draw(web_urls)} if draw(st.booleans()) else {})}
        for key in keys
    }
    for log in ("updates", "corrections"):
        changes = draw(st.lists(st.tuples(later, texts), max_size=2))
        if changes:
            data[log] = [{"date": day, "text": text} for day, text in changes]
    for section in ("why_it_matters", "whats_next"):
        count = draw(st.integers(0, 2))
        if count:
            data[section] = [{"paragraph": draw(texts), "credits": credits()} for _ in range(count)]
    if draw(st.booleans()):
        views = []
        for _ in range(draw(st.integers(2, 3))):
            view: dict[str, Any] = {"source": draw(st.sampled_from(keys)), "view": draw(texts)}
            if draw(st.booleans()):
                view["label"] = draw(labels)
            views.append(view)
        data["perspectives"] = views
    return data


def dump(data: Any, *, flow: bool | None = False) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)


# --- YAML-ish text --------------------------------------------------------------------------------

FIELDS = [*Briefing.model_fields, "paragraph", "quote", "speaker", "credits", "name", "url"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    phrases,
    st.sampled_from(["2025-11-11", "2025-02-30", "no", "null", "~", "12:30", "TODO: x", "0x1F"]),
)
nested = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), phrases), children, max_size=5),
    ),
    max_leaves=25,
)
INSERTS = [
    "\t",
    "  ",
    "\n",
    "\r",
    "\r\n",
    "&a ",
    "*a",
    "&a [x, *a]",
    "<<: *a",
    "!!python/object/apply:os.system ['true'] ",
    "!!python/name:os.system ",
    "!!binary ",
    "!!str ",
    "!!map ",
    "!custom ",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\x85",
    "\u2028",
    "\ud800",
    ": ",
    "- ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "'",
    '"',
    "#",
    "|",
    ">",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "\\",
    "[" * 50,
    "- " * 30,
]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` after a few edits that YAML files suffer: cuts, stray characters, indentation."""
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        lines = text.split("\n")
        line = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.integers(0, 6))
        if edit == 0:  # cut
            text = text[:at]
        elif edit == 1:  # stray characters or a construct
            insert = draw(st.one_of(st.sampled_from(INSERTS), st.text(max_size=3)))
            text = text[:at] + insert + text[at:]
        elif edit == 2:  # odd indentation
            lines[line] = " " * draw(st.integers(1, 9)) + lines[line]
            text = "\n".join(lines)
        elif edit == 3:  # a tab instead of spaces
            lines[line] = lines[line].replace("  ", "\t", 1)
            text = "\n".join(lines)
        elif edit == 4:  # a line twice (a repeated key)
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif edit == 5:  # a byte order mark, possibly twice
            text = "\ufeff" + text
        else:  # a line dropped
            del lines[line]
            text = "\n".join(lines)
    return text


yamlish = st.one_of(
    st.builds(dump, nested, flow=st.sampled_from([None, True, False])),
    st.builds(dump, briefing_data(), flow=st.sampled_from([None, True, False])),
).flatmap(mutated)
"""YAML documents (random data, or valid briefings), edited."""

long_yamlish = st.tuples(yamlish, st.integers(2, 100)).map(lambda pair: pair[0] * pair[1])
"""Edited YAML repeated: long enough that values are counted before composing."""
anything = st.one_of(st.text(max_size=2_000), phrases, yamlish, long_yamlish)


# --- Loader ---------------------------------------------------------------------------------------

PATH = "briefings/x.yml"
LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def read_or_problems(read: Callable[..., Any], text: str) -> Any:
    """The result of ``read``, or its BriefingError once its problems are checked."""
    try:
        return timed(lambda: read(text, path=PATH))
    except BriefingError as exc:
        error = exc
    lines = len(LINE_BREAKS.findall(text)) + 1
    assert error.problems
    for problem in error.problems:
        assert problem.path == PATH
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem
        assert problem.message.strip(), problem
    return error


@pytest.mark.slow
@fuzz(1500)
@given(anything)
def test_loader_gives_a_briefing_or_located_problems(text: str) -> None:
    result = read_or_problems(read_entry, text)
    assert isinstance(result, Entry | BriefingError)


@pytest.mark.slow
@fuzz(500)
@given(anything)
def test_digest_reader_gives_a_digest_or_located_problems(text: str) -> None:
    read_or_problems(read_digest, text)


@pytest.mark.slow
@fuzz(500)
@given(briefing_data(), st.sampled_from([None, True, False]))
def test_valid_briefings_read_back_what_was_written(data: dict[str, Any], flow: bool) -> None:
    entry = read_or_problems(read_entry, dump(data, flow=flow))
    assert isinstance(entry, Entry), entry
    assert normal(entry.briefing.model_dump(mode="json")) == normal(data)


def normal(value: Any) -> Any:
    """``value`` with texts on one line and empty or false values left out, for comparing.

    Why one line: PyYAML writes a NEL or LINE SEPARATOR inside a quoted text as a line break,
    which reads back as a space; pages show every text on one line anyway.
    """
    if isinstance(value, dict):
        return {
            k: normal(v) for k, v in value.items() if v is not False and v not in (None, [], {})
        }
    if isinstance(value, list):
        return [normal(v) for v in value]
    return one_line(value) if isinstance(value, str) else value


# --- Renderer -------------------------------------------------------------------------------------

TAGS = {"div", "p", "ul", "li", "a", "img", "h2", "blockquote", "strong", "figure", "figcaption"}
TAGS |= {"span", "bdi"}
ATTRIBUTES = {"class", "id", "href", "src", "alt", "fetchpriority", "data-search-exclude", "title"}
ATTRIBUTES |= {"dir"}
CLASSES = {
    "admonition",
    "note",
    "key-points",
    "admonition-title",
    "briefing-credit",
    "briefing-credit__outlet",
    "briefing-figure",
    "briefing-figure__caption",
    "briefing-image",
    "briefing-quote",
    "briefing-quote__speaker",
    "briefing-quote__context",
    "briefing-perspectives",
    "briefing-perspective",
    "briefing-perspective__label",
    "headerlink",
}
SCHEMES = {"", "http", "https", "mailto"}
SECTION_IDS = {"why-it-matters", "whats-next", "perspectives"}


class Page(HTMLParser):
    """What a browser would build from the page: elements, attributes, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.other: list[str] = []  # comments, declarations, processing instructions

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.other.append(decl)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)


def one_line(text: str) -> str:
    return " ".join(text.split())


CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # not \x1c-\x1f: str.split() splits there


def readable(text: str) -> str:
    """What a reader sees of ``text``: one line, without control characters.

    Why: Python-Markdown drops STX and ETX, which it uses to mark its placeholders.
    """
    return one_line(CONTROLS.sub("", text))


def url_scheme(url: str) -> str:
    """The scheme a browser sees: it drops leading spaces and controls, and tabs and newlines."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))
    return urlsplit(cleaned).scheme.lower()


def test_placeholder_marks_cannot_start_a_block(to_html: Callable[[str], str]) -> None:
    # Found by the renderer property: Python-Markdown deletes STX and ETX before parsing, so a
    # source name "\x03# Heading" became an <h1> in the sources list.
    data = {
        "title": "T",
        "category": "C",
        "published": "2025-11-11",
        "key_points": ["\x02# Heading", "\x031. one"],
        "body": [{"paragraph": "\x02---", "credits": ["a"]}],
        "sources": {"a": {"name": "A"}},
    }
    html = to_html(get_data(render_markdown(Briefing.model_validate(data)))[0])
    assert "<h1" not in html
    assert "<ol>" not in html
    assert "<hr" not in html


def test_a_source_key_with_dash_underscore_keeps_its_anchor(to_html: Callable[[str], str]) -> None:
    # Found by the renderer property: "{ #source-0-_0_ }" showed as text with '_0_' in <em>.
    data = {
        "title": "T",
        "category": "C",
        "published": "2025-11-11",
        "key_points": ["K"],
        "body": [{"paragraph": "P", "credits": ["a-_b_"]}],
        "sources": {"a-_b_": {"name": "A"}},
    }
    html = to_html(get_data(render_markdown(Briefing.model_validate(data)))[0])
    assert '<li id="source-a-_b_">A</li>' in html


@pytest.fixture(scope="module")
def to_html() -> Callable[[str], str]:
    """Python-Markdown with the site's extensions, loaded before anything is timed."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})

    def convert(text: str) -> str:
        return md.reset().convert(text)

    convert("Warm up.")
    return convert


@pytest.mark.slow
@fuzz(700)
@given(data=briefing_data())
def test_rendered_page_shows_the_text_and_nothing_it_smuggles_in(
    to_html: Callable[[str], str], data: dict[str, Any]
) -> None:
    b = Briefing.model_validate(data)
    text = timed(lambda: render_markdown(b))
    body, meta = get_data(text)  # as MkDocs reads the front matter
    assert meta == page_meta(b)
    check_page(timed(lambda: to_html(body)), b)


def _page_html_property(data: dict[str, Any]) -> None:
    """The page formatter (what the site serves): the tree the Markdown path made, and the
    same checks: nothing but the text, no element or attribute or address it smuggles in."""
    b = Briefing.model_validate(data)
    before, after = briefing_both_ways(b)
    assert after == before
    image = show_image(b, {}, page_url="briefings/x/", relative=relative_url)
    made = timed(lambda: render_briefing(b, image=image))
    check_page(made.content, b)


@pytest.mark.slow
@fuzz(700)
@given(data=briefing_data())
def test_page_html_is_the_markdown_page_and_smuggles_nothing(data: dict[str, Any]) -> None:
    _page_html_property(data)


@fuzz(40)
@given(data=briefing_data())
def test_page_html_quick(data: dict[str, Any]) -> None:
    """A few cases of the property above for `make test-fast`; CI runs the long one."""
    _page_html_property(data)


@st.composite
def small_sites(draw: st.DrawFn) -> tuple[list[Entry], list[Digest]]:
    """One to three generated briefings (distinct slugs) and a digest of them, with generated
    title, note and section titles."""
    entries: list[Entry] = []
    for i, data in enumerate(draw(st.lists(briefing_data(), min_size=1, max_size=3))):
        entry = read_entry(dump(data), path=f"briefings/{i}.yml")
        if entry.slug not in {e.slug for e in entries}:
            entries.append(entry)
    slugs = [e.slug for e in entries]
    digest: dict[str, Any] = {"title": draw(labels), "date": draw(days).isoformat()}
    if draw(st.booleans()):
        digest["note"] = draw(texts)
    if draw(st.booleans()):
        digest["briefings"] = slugs[:1]
    digest["sections"] = [{"title": draw(labels), "briefings": slugs[1:] or slugs}]
    return entries, [Digest.model_validate(digest)]


def _index_pages_property(site: tuple[list[Entry], list[Digest]]) -> None:
    """Story cards, listings, digests: the HTML formatter's page is the Markdown page, whatever
    the text (see test_render_html for the differences Markdown cannot avoid). Each formatter's
    pages of the whole site within the bound; parsing them back is not timed."""
    entries, digests = site
    timed(lambda: index_documents(entries, digests, layout=Layout(), page_size=2))
    timed(lambda: index_pages_html(entries, digests))
    for uri, (before, after) in index_pages_both_ways(entries, digests, page_size=2).items():
        assert after == before, uri


def index_pages_html(entries: list[Entry], digests: list[Digest]) -> list[str]:
    """Every index page by the HTML formatter (links as they come: only the time counts)."""
    layout, by_slug = Layout(), {e.slug: e for e in entries}
    views = index_views(make_catalog(entries), digests, layout=layout, page_size=2)
    cards = Cards(str, layout, "x/", relative_url)
    return [
        render_index(v, layout=layout, link=str, briefings=by_slug, cards=cards).content
        for v in views.values()
    ]


@pytest.mark.slow
@fuzz(300)
@given(site=small_sites())
def test_index_pages_html_are_the_markdown_pages(site: tuple[list[Entry], list[Digest]]) -> None:
    _index_pages_property(site)


@fuzz(20)
@given(site=small_sites())
def test_index_pages_quick(site: tuple[list[Entry], list[Digest]]) -> None:
    """A few cases of the property above for `make test-fast`; CI runs the long one."""
    _index_pages_property(site)


def check_page(html: str, b: Briefing) -> None:
    """``html`` shows ``b``'s text and holds only the page's own elements and attributes."""
    page = Page()
    page.feed(html)
    page.close()

    assert set(page.tags) <= TAGS, html
    assert not page.other, html
    for tag, name, value in page.attributes:
        assert name in ATTRIBUTES, (tag, name, value)
        if name == "class":
            assert set((value or "").split()) <= CLASSES, (tag, name, value)
        if name == "id":
            assert value in {"sources", "updates", *SECTION_IDS} or value in {
                f"source-{k}" for k in b.sources
            }, value
        if name == "dir":
            assert value in ("auto", "ltr", "rtl"), value
        if name in ("href", "src"):
            assert url_scheme(value or "") in SCHEMES, (tag, name, value)

    visible = readable("".join(page.text))
    shown = [*b.key_points, b.note or "", *(c.text for c in (*b.updates, *b.corrections))]
    for block in b.body:
        if isinstance(block, Quote):
            shown += [block.quote, block.speaker, block.role or "", block.context or ""]
        else:
            shown.append(block.paragraph)
    shown += [p.paragraph for p in (*b.why_it_matters, *b.whats_next)]
    shown += [v.view for v in b.perspectives] + [v.label for v in b.perspectives if v.label]
    shown += [s.name for s in b.sources.values()]
    alts = [v or "" for t, n, v in page.attributes if t == "img" and n == "alt"]
    if b.image and b.image.src:  # without an image file, no figure and no caption
        shown.append(b.image.credit)
        assert [readable(a) for a in alts] == [readable(b.image.alt)]
    else:
        assert alts == []
        classes = [v or "" for _, n, v in page.attributes if n == "class"]
        assert not any("briefing-figure" in c.split() for c in classes)
    for field in shown:
        assert readable(field) in visible, (field, html)


# --- Importer -------------------------------------------------------------------------------------

READ_ON = date(2026, 1, 15)
LINES = [
    "Harbour strike ends - LEDGER",
    "Economy",
    "Published: Tuesday, November 11",
    "Updated: 2025-11-12",
    "Credited from: REUTERS",
    "• Dock workers return on Monday.",
    "1. A numbered point.",
    "The strike ended after nine days, according to Reuters and AP.",
    "“We got what we came for,” said Mara Quell, the union organiser.",
    "Prime Minister Benjamin Netanyahu said, “We will not stop until it is done.”",
    "Netanyahu reinforced the plan, stating, “Nothing changes for now here.”",
    "SHARE THIS ARTICLE:",
    "Recent Posts",
    "---",
    "title: Harbour",
    "> “A quote in a block of its own.”",
    "> — Mara Quell, organiser",
    "[a link](https://a.example)",
    "",
]
article_lines = st.lists(st.one_of(st.sampled_from(LINES), phrases), max_size=25).map("\n".join)
articles = st.one_of(st.text(max_size=2_000), article_lines)
markdown_files = st.one_of(
    articles,
    st.builds("---\n{}---\n{}".format, st.builds(dump, nested).flatmap(mutated), article_lines),
)

ELEMENTS = [
    "<html>",
    "<head>",
    "<title>Harbour strike ends</title>",
    '<meta property="og:title" content="Harbour strike ends">',
    '<meta property="og:site_name" content="Ledger">',
    '<meta property="article:published_time" content="2025-11-11T08:00:00Z">',
    '<meta property="og:image" content="https://a.example/x.jpg">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2025-11-12"}</script>',
    "<script>alert(1)</script>",
    "<style>p { color: red }</style>",
    "</head>",
    "<body>",
    "<article>",
    "<h1>Harbour strike ends</h1>",
    "<p>",
    "</p>",
    "<ul>",
    "<li>",
    "</ul>",
    "<figure><img src=x><figcaption>Photo: Reuters</figcaption></figure>",
    '<span class="credit">© AP</span>',
    "<time datetime='2025-11-11'>November 11</time>",
    "<!-- saved from url=(0040)https://ledger.example/strike -->",
    "<![CDATA[x]]>",
    "</article>",
    "</body>",
    "</html>",
]
paragraphs = st.lists(
    st.one_of(
        st.sampled_from(LINES[5:11]), st.lists(phrases, min_size=3, max_size=12).map(" ".join)
    ),
    min_size=1,
    max_size=8,
)


@st.composite
def news_pages(draw: st.DrawFn) -> str:
    """A news page's HTML: metadata, a headline and paragraphs, with stray elements in between."""
    head = draw(st.lists(st.sampled_from(ELEMENTS[2:10]), max_size=6))
    body = [f"<p>{line}</p>" for line in draw(paragraphs)]
    for _ in range(draw(st.integers(0, 4))):
        body.insert(draw(st.integers(0, len(body))), draw(st.sampled_from(ELEMENTS)))
    if draw(st.booleans()):
        body.insert(0, "<ul>" + "".join(f"<li>{p}</li>" for p in draw(paragraphs)) + "</ul>")
    page = (
        f"<html><head>{''.join(head)}</head><body><article><h1>{draw(phrases)}</h1>"
        f"{''.join(body)}</article></body></html>"
    )
    return draw(mutated(page))


pages = st.one_of(
    st.text(max_size=2_000),
    st.lists(
        st.one_of(st.sampled_from(ELEMENTS), st.sampled_from(LINES), phrases), max_size=40
    ).map("".join),
    news_pages(),
)


def check_draft(make: Callable[[], Any]) -> None:
    """The importer gives a draft within the bound, and the file it writes loads or is located."""
    draft = timed(make)
    text = draft_yaml(draft.data, draft.todos, Path("page.html"))
    read_or_problems(read_entry, text)


@pytest.mark.slow
@fuzz(1000)
@given(articles)
def test_importing_text_gives_a_draft_that_loads(text: str) -> None:
    check_draft(lambda: import_text(text, today=READ_ON))


@pytest.mark.slow
@fuzz(600)
@given(markdown_files)
def test_importing_markdown_gives_a_draft_that_loads(text: str) -> None:
    check_draft(lambda: import_markdown(text))


@pytest.fixture(scope="module")
def trafilatura() -> None:
    """Import trafilatura and let it load its data before anything is timed."""
    import_html("<p>Warm up.</p>", today=READ_ON)


@pytest.mark.slow
@pytest.mark.usefixtures("trafilatura")
@fuzz(400)
@given(pages)
def test_importing_html_gives_a_draft_that_loads(html: str) -> None:
    check_draft(lambda: import_html(html, today=READ_ON))


# --- What the fuzzer found ------------------------------------------------------------------------


def problems_of(text: str) -> list[str]:
    result = read_or_problems(read_entry, text)
    assert isinstance(result, BriefingError)
    return [str(p) for p in result.problems]


def test_a_lone_surrogate_is_a_located_problem_not_a_unicode_error() -> None:
    # Files are decoded strictly, but read_briefing takes any str: libyaml's UnicodeEncodeError
    # went through as a traceback, from composing and (in long texts) from counting values.
    assert problems_of("title: a\ud800b") == [
        "briefings/x.yml:1:9: character '\\ud800' is not allowed in YAML; delete it"
    ]
    assert problems_of("title: a\n" + "#" * 20_000 + "\ud800") == [
        "briefings/x.yml:2:20001: character '\\ud800' is not allowed in YAML; delete it"
    ]


def test_the_end_of_a_file_without_a_last_newline_is_on_its_last_line() -> None:
    # libyaml puts the end of the stream on the line after: "[" was reported at 2:1.
    assert problems_of("[") == [
        "briefings/x.yml:1:2: YAML syntax error: did not find expected node content; "
        "check quoting and indentation"
    ]
    assert problems_of("a: [\n") == [  # after a last newline, the empty last line
        "briefings/x.yml:2:1: YAML syntax error: did not find expected node content; "
        "check quoting and indentation"
    ]
    assert problems_of("a: [x\u2028") == [  # YAML counts more line breaks than "\n"
        "briefings/x.yml:2:1: YAML syntax error: did not find expected ',' or ']' (while "
        "parsing a flow sequence that starts at line 1, column 4); check quoting and indentation"
    ]


def test_an_empty_document_is_located_on_its_own_line() -> None:
    # Its empty value starts at the end of the stream: "---" was reported at 2:1.
    assert problems_of("---") == [
        "briefings/x.yml:1:4: expected a mapping of keys such as 'title:' at the top"
    ]


def test_a_markdown_paragraph_starting_with_nul_is_text_not_a_quote_marker() -> None:
    # Quotes were kept as "\0<n>" markers among the paragraphs: int("") raised ValueError.
    draft = import_markdown("\x00 and more")
    assert draft.data["body"] == [{"paragraph": "\x00 and more", "credits": ["todo"]}]
    check_draft(lambda: import_markdown("\x00"))


def test_a_text_of_only_markers_is_refused() -> None:
    """A digest titled with STX/ETX alone (found by the index-page property) would show an
    empty headline: the loader says where, as for any empty field."""
    text = 'title: "\\x03"\ndate: 2000-01-01\nbriefings: [a]\n'
    with pytest.raises(BriefingError) as caught:
        read_digest(text, path="briefings/digests/2000-01-01.yml")
    assert "needs some visible text" in str(caught.value)
