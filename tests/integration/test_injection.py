"""Hostile text in every field of a briefing and a digest, built for real: shown as text or
refused with a located problem, never executed or evaluated.

One site holds a briefing per payload (the payload in every text field) and a digest per
payload (title, note, section title), with many Markdown extensions turned on. Every page,
feed, the sitemap and the search index are inspected: no script but the theme's and the
JSON-LD block, no event-handler attribute, no unsafe URL scheme, no evaluated template
(``{{ 7*7 }}`` never becomes 49), and each payload readable where a reader expects it.
Briefings whose URL fields have unsafe schemes are left out with a ``file:line:col`` problem.
All names here are fictional.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Comment, Tag
from mkdocs.exceptions import Abort

from mkdocs_briefings.entries import make_slug
from mkdocs_briefings.newsletter.render import DARK_MODE_CSS

from ..conftest import MINIMAL_MKDOCS_YML, ROOT, build_site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


SITE_URL = "https://news.example.org/"
PWNED = "window.__pwned=true"

#: Each payload fills every text field of one briefing (and of one digest). At most 90
#: characters, so they fit the 100-character fields (category, tags, names) with a prefix.
PAYLOADS = [
    f"<script>{PWNED}</script>",
    f'<img src=x onerror="{PWNED}">',
    f"<svg/onload={PWNED}>",
    f'"><script>{PWNED}</script>',
    f"' onmouseover='{PWNED}' x='",
    f"</script><script>{PWNED}</script><!--",
    f"</title><script>{PWNED}</script>",
    f"[click me](javascript:{PWNED})",
    f"![pic](javascript:{PWNED})",
    f"[ref][r]\n\n[r]: javascript:{PWNED}",
    f"<javascript:{PWNED}>",
    f'text {{: onclick="{PWNED}" }}',
    f'!!! danger "Alert"\n    <script>{PWNED}</script>',
    f'<div markdown>**x** <a href="javascript:{PWNED}">y</a></div>',
    "{{ 7*7 }}",
    "{{ config }} {{ config.site_name }}",
    "{% include 'base.html' %}{# hidden #}",
    f"jav&#x61;script:{PWNED} &lt;b&gt; &amp; &#60;i&#62;",
    f"JaVaScRiPt:{PWNED} data:text/html,x vbscript:x",
    f'<a href=" java\tscript:{PWNED}">tab</a>',
    '<iframe srcdoc="<script>parent.__pwned=true</script>">',
    "&#x3C;script&#x3E;window.__pwned=true&#x3C;/script&#x3E;",
    '--8<-- "mkdocs.yml"',
    ":smile: ==mark== ^^ins^^ ~~del~~ {++ins++} $x$ ++ctrl++ | a | b |",
    "<style>body{display:none}</style><!-- c --> ]]> <![CDATA[x]]>",
    "# Heading\n- item\n1. one\n> quote\n    code\n*[abbr]: x\n[^1]: note",
]
#: The payloads that would show "49" or the site name if a template engine evaluated them.
TEMPLATES = [p for p in PAYLOADS if "{{" in p or "{%" in p]


def one_line(text: str) -> str:
    """Whitespace collapsed, as the page shows text."""
    return " ".join(text.split())


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def briefing_yaml(n: int, payload: str) -> str:
    """A valid briefing with ``payload`` in every text field (URLs stay web addresses)."""
    p = q(payload)
    hostile_url = q(f"https://ledger.example/{n}?q=\"'><script>{PWNED}</script>{{{{7*7}}}}")
    hostile_src = q(f'https://img.example/{n}.png?a="onerror="{PWNED}')
    return f"""\
title: {q(title_of(n))}
category: {q(f"C{n:02} {payload}")}
published: 2025-10-{n + 1:02}
tags: [{q(f"T{n:02} {payload}")}, {p}]
story: {q(story_of(n))}
note: {p}
image:
  src: {hostile_src}
  alt: {p}
  credit: {q(f"Credit {payload}")}
key_points:
  - {p}
  - {q(f"Second point: {payload}")}
body:
  - paragraph: {p}
    credits: [ledger]
  - quote: {p}
    speaker: {q(f"Speaker {payload}")}
    role: {q(f"Role {payload}")}
    context: {p}
    credits: [ledger, courier]
  - paragraph: {q(f"Closing paragraph: {payload}")}
    credits: [courier]
sources:
  ledger: {{name: {q(f"Ledger {payload}")}, url: {hostile_url}}}
  courier: {{name: {q(f"Courier {payload}")}}}
updates:
  - {{date: 2025-10-{n + 2:02}, text: {p}}}
corrections:
  - {{date: 2025-10-{n + 3:02}, text: {q(f"Corrected: {payload}")}}}
"""


def title_of(n: int) -> str:
    return f"Hostile {n:02}: {PAYLOADS[n]}"


def story_of(n: int) -> str:
    """The story name of briefing ``n``: a name as readers see it, the payload in it (the
    number keeps payloads that make the same slug in stories of their own)."""
    return f"Story {n:02} {PAYLOADS[n]}"


def slug_of(n: int) -> str:
    """The page address of briefing ``n``, made from its title."""
    return make_slug(title_of(n))


def digest_yaml(n: int, payload: str, slug: str) -> str:
    return f"""\
title: {q(f"Digest {n:02}: {payload}")}
date: 2025-09-{n + 1:02}
note: {q(payload)}
sections:
  - title: {q(f"S{n:02} {payload}")}
    briefings: [{slug}]
"""


# -- refused: unsafe URLs and addresses ---------------------------------------------------------

#: Values of URL fields that must be refused, obfuscated as attackers do.
UNSAFE_URLS = [
    f"javascript:{PWNED}",
    f"JaVaScRiPt:{PWNED}",
    f" \tjavascript:{PWNED}",
    f"jav&#x61;script:{PWNED}",
    f"java\tscript:{PWNED}",
    f"java\nscript:{PWNED}",
    f"jav\x00ascript:{PWNED}",
    f"&#106;avascript:{PWNED}",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD10cnVlPC9zY3JpcHQ+",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "//evil.example/x.png",
    f"javascript://ledger.example/%0a{PWNED}",
]

REFUSED_TEMPLATE = """\
title: Refused {n:02} {field}
category: Refused
published: 2025-08-01
{image}key_points:
  - A point.
body:
  - paragraph: A paragraph.
    credits: [ledger]
sources:
  ledger:
    name: Ledger
{url}"""


def refused_yaml(n: int, field: str, value: str) -> tuple[str, int, int]:
    """A briefing whose ``field`` ('url', 'src' or 'slug') holds ``value``, with the
    line and column of the value."""
    image = url = ""
    if field == "src":
        image = f"image:\n  src: {q(value)}\n  alt: A picture.\n  credit: Desk\n"
    elif field == "url":
        url = f"    url: {q(value)}\n"
    else:
        image = f"{field}: {q(value)}\n"
    text = REFUSED_TEMPLATE.format(n=n, field=field, image=image, url=url)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if q(value) in ln)
    column = text.splitlines()[line - 1].index(q(value)) + 1
    return text, line, column


REFUSED = [
    *[("url", v) for v in UNSAFE_URLS],
    *[("src", v) for v in UNSAFE_URLS],
    ("slug", f"<script>{PWNED}</script>"),
    ("slug", "javascript:x"),
]

#: Markdown extensions a newsroom might turn on: each gives some punctuation a meaning.
EXTENSIONS = """\
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.arithmatex
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.critic
  - pymdownx.details
  - pymdownx.emoji
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.snippets
  - pymdownx.superfences
  - pymdownx.tasklist
  - pymdownx.tilde
"""


def make_hostile_site(root: Path) -> Path:
    """A project in ``root``: a briefing and a digest per payload, the refused briefings, a
    home page listing the latest, and the repository's 404 page."""
    briefings = root / "briefings"
    (briefings / "digests").mkdir(parents=True)
    for n, payload in enumerate(PAYLOADS):
        (briefings / f"hostile-{n:02}.yml").write_text(briefing_yaml(n, payload), "utf-8")
    for n, (field, value) in enumerate(REFUSED):
        text, _, _ = refused_yaml(n, field, value)
        (briefings / f"refused-{n:02}.yml").write_text(text, "utf-8")
    for n, payload in enumerate(PAYLOADS):
        (briefings / "digests" / f"2025-09-{n + 1:02}.yml").write_text(
            digest_yaml(n, payload, slug_of(n)), "utf-8"
        )
    overrides = root / "docs" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "overrides" / "404.html", overrides / "404.html")
    (root / "docs" / "index.md").write_text(
        "---\ntemplate: briefings-home.html\n---\n\n# Home\n", "utf-8"
    )
    config = MINIMAL_MKDOCS_YML.replace(
        "  name: material\n", "  name: material\n  custom_dir: docs/overrides\n"
    )
    config += "exclude_docs: |\n  overrides/\n" + EXTENSIONS
    (root / "mkdocs.yml").write_text(config, "utf-8")
    return root


# -- the build -----------------------------------------------------------------------------------


class Hostile:
    """The built hostile site and the warnings its build logged."""

    def __init__(self, root: Path) -> None:
        self.root = make_hostile_site(root)
        records: list[logging.LogRecord] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = records.append  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            self.site = build_site(self.root, strict=False)
        finally:
            logger.removeHandler(handler)
        self.warnings = [r.getMessage() for r in records]

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / url / "index.html").read_text("utf-8"), "html.parser")

    def briefing(self, n: int) -> BeautifulSoup:
        return self.page(f"briefings/{slug_of(n)}")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return Hostile(tmp_path_factory.mktemp("hostile"))


# -- what a page may contain ---------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset",
    "background", "cite", "longdesc", "ping", "usemap", "manifest", "codebase",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
EVALUATED = re.compile(r"(?<![\w.])49(?!\w)")
# In the raw text too: an HTML parser recovering from broken markup could hide a breakout.
_ATTRIBUTE = r"""(?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)"""
RAW_HANDLER = re.compile(rf"<[a-z][^\s/>]*{_ATTRIBUTE}*?[\s/]+on[a-z]+\s*=", re.IGNORECASE)
#: The payloads' own tags, as they would appear unescaped.
RAW_PAYLOAD = re.compile(
    r"<(?:script>window|img src=x|svg/onload|iframe srcdoc|style>body|div markdown|javascript:"
    r"|a href=\" ?java\s*script:|!\[CDATA|!-- c)"
)


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value (whitespace and controls ignored,
    as browsers ignore them), or None for a relative URL."""
    match = _SCHEME.match(_INVISIBLE.sub("", value).lower())
    return match[1] if match else None


def _normalise_script(text: str) -> str:
    """A theme script or style with its base ('../..', '.', '/' on the 404 page) taken out, to
    compare it across pages."""
    text = re.sub(r"(?:\.\./)+|\.\.(?=\")", "", text)
    text = re.sub(r'"[./]"', '""', text)
    return re.sub(r'(?<=")/(?=assets/)|^/', "", text)


def theme_scripts(hostile: Hostile) -> set[tuple[str, str]]:
    """The scripts and styles of the hand-written home page: the theme's own."""
    return theme_scripts_of(hostile.site)


PACKAGE_TEMPLATES = ROOT / "plugins" / "mkdocs_briefings" / "templates"


def theme_scripts_of(site: Path) -> set[tuple[str, str]]:
    """The scripts, styles and comments of the site's hand-written home page: the theme's."""
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    comments = {("<!--", str(c)) for c in home.find_all(string=lambda s: isinstance(s, Comment))}
    theme = {_script_key(s) for s in home.find_all(["script", "style"])} | comments
    return theme | {_script_key(plugin_script()), _script_key(email_style())}


def plugin_script() -> Tag:
    """The plugin's one inline script, as its template writes it: relative dates, which reads
    no text of the page (only the datetime attributes)."""
    template = PACKAGE_TEMPLATES / "partials" / "briefing-relative.html"
    script = BeautifulSoup(template.read_text("utf-8"), "html.parser").find("script")
    assert isinstance(script, Tag)
    return script


def email_style() -> Tag:
    """The digests' emails' one <style> block: the dark-mode media query, fixed text."""
    style = BeautifulSoup(f"<style>{DARK_MODE_CSS}</style>", "html.parser").find("style")
    assert isinstance(style, Tag)
    return style


def _script_key(script: Tag) -> tuple[str, str]:
    src = script.get("src")
    return (_normalise_script(str(src)) if src else "", _normalise_script(script.string or ""))


def unsafe_markup(soup: BeautifulSoup, *, theme: set[tuple[str, str]]) -> Iterator[str]:
    """Everything in ``soup`` that could run script: each as a short description."""
    for script in soup.find_all(["script", "style"]):
        if script.get("type") == "application/ld+json":
            continue  # checked by test_json_ld_is_valid_json_with_markup_escaped
        if _script_key(script) not in theme:
            yield f"<{script.name}> not from the theme: {str(script)[:200]}"
    for tag in soup.find_all(True):
        if tag.name in FORBIDDEN_ELEMENTS:
            yield f"<{tag.name}> element: {str(tag)[:200]}"
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            yield f"meta refresh: {tag}"
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on") or name.lower() == "srcdoc":
                yield f"<{tag.name} {name}=...> attribute: {str(tag)[:200]}"
            elif name.lower() in URL_ATTRIBUTES:
                for v in values:
                    if (scheme := url_scheme(str(v))) and scheme not in SAFE_SCHEMES:
                        yield f"<{tag.name} {name}={v!r}>: unsafe scheme {scheme!r}"
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if ("<!--", str(comment)) not in theme:
            yield f"comment not from the theme: {comment[:100]!r}"


def readable_strings(soup: BeautifulSoup) -> Iterator[str]:
    """What a reader or a crawler reads: text outside scripts and SVG, attribute values, and
    the JSON-LD block."""
    for text in soup.find_all(string=True):
        parents = {p.name for p in text.parents}
        if not parents & {"script", "svg", "style"}:
            yield str(text)
    for tag in soup.find_all(True):
        if any(p.name == "svg" for p in tag.parents) or tag.name == "svg":
            continue
        for value in tag.attrs.values():
            yield " ".join(value) if isinstance(value, list) else str(value)
    for script in soup.find_all("script", type="application/ld+json"):
        yield script.string or ""


def test_the_checks_find_what_they_look_for() -> None:
    """The inspection itself, on markup that would run: each kind is reported."""
    bad = BeautifulSoup(
        '<script>x()</script><img src=x onerror="x()"><a href=" JaVa\tscript:x()">a</a>'
        '<a href="data:text/html,x">b</a><iframe srcdoc="x"></iframe><style>a{}</style>'
        '<meta http-equiv="Refresh" content="0;url=javascript:x()"><!-- from the input -->'
        '<svg><a xlink:href="vbscript:x">c</a></svg><form action="javascript:x()"></form>',
        "html.parser",
    )
    found = list(unsafe_markup(bad, theme=set()))
    for expected in ("<script>", "onerror", "'javascript'", "'data'", "<iframe>", "srcdoc",
                     "<style>", "meta refresh", "comment", "'vbscript'", "<form action"):  # fmt: skip
        assert any(expected in f for f in found), (expected, found)
    assert RAW_HANDLER.search('<a href="x" onmouseover="y" z=".yml">')
    assert RAW_HANDLER.search("<svg/onload=x>")
    assert not RAW_HANDLER.search('<meta content="&lt;img src=x onerror=&quot;y&quot;&gt;">')
    assert RAW_PAYLOAD.search('<img src=x onerror="window.__pwned=true">')
    assert not RAW_PAYLOAD.search('<p>&lt;script&gt;window.__pwned=true</p><a href="%3Cscript">')
    assert EVALUATED.search("Hostile 14: 49")
    assert not EVALUATED.search("4.49 1949 49px")


# -- refused input -------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "field", "value"), [(n, f, v) for n, (f, v) in enumerate(REFUSED)])
def test_unsafe_urls_and_addresses_are_located_problems(
    hostile: Hostile, n: int, field: str, value: str
) -> None:
    _, line, column = refused_yaml(n, field, value)
    where = {"url": "sources.ledger.url", "src": "image.src"}.get(field, field)
    prefix = f"briefings/refused-{n:02}.yml:{line}:{column}: {where}: "
    assert [w for w in hostile.warnings if w.startswith(prefix)], (prefix, hostile.warnings)
    assert not list(hostile.site.glob(f"briefings/refused-{n:02}-*"))


def test_the_hostile_briefings_and_digests_themselves_are_valid(hostile: Hostile) -> None:
    """Only the refused files have problems: hostile text is not a reason to refuse a file."""
    assert all(w.startswith("briefings/refused-") for w in hostile.warnings), hostile.warnings
    assert len({w.split(":")[0] for w in hostile.warnings}) == len(REFUSED)
    for n in range(len(PAYLOADS)):
        assert (hostile.site / "briefings" / slug_of(n) / "index.html").is_file()
        assert (hostile.site / "digests" / f"2025-09-{n + 1:02}" / "index.html").is_file()


def test_an_unsafe_url_fails_a_strict_build(project: Path) -> None:
    text, _, _ = refused_yaml(0, "url", f"javascript:{PWNED}")
    (project / "briefings" / "refused.yml").write_text(text, "utf-8")
    with pytest.raises(Abort):
        build_site(project, strict=True)


# -- nothing runs --------------------------------------------------------------------------------


def test_pages_run_only_the_theme_scripts_and_carry_no_handlers_or_unsafe_urls(
    hostile: Hostile,
) -> None:
    theme = theme_scripts(hostile)
    found = {}
    for path in hostile.html_files():
        raw = path.read_text("utf-8")
        assert not RAW_HANDLER.search(raw), (path, RAW_HANDLER.search(raw))
        assert not RAW_PAYLOAD.search(raw), (path, RAW_PAYLOAD.search(raw))
        soup = BeautifulSoup(raw, "html.parser")
        if problems := list(unsafe_markup(soup, theme=theme)):
            found[str(path.relative_to(hostile.site))] = problems[:3]
    assert not found
    assert len(hostile.html_files()) > 4 * len(PAYLOADS)  # briefings, digests, listings...


def test_json_ld_is_valid_json_with_markup_escaped(hostile: Hostile) -> None:
    for n, payload in enumerate(PAYLOADS):
        scripts = hostile.briefing(n).find_all("script", type="application/ld+json")
        assert len(scripts) == 1
        raw = scripts[0].string or ""
        assert "<" not in raw
        assert ">" not in raw
        data = json.loads(raw)
        assert data["headline"] == one_line(title_of(n))
        assert data["articleSection"] == f"C{n:02} {payload}"
        assert data["keywords"] == [f"T{n:02} {payload}", payload]
        photo, card = data["image"]  # the photo, then the share card
        assert photo["caption"] == payload
        assert photo["creditText"] == f"Credit {payload}"
        assert photo["url"].startswith(f"https://img.example/{n}.png?a=")
        assert card == {
            "@type": "ImageObject",
            "url": f"{SITE_URL}assets/briefings/cards/{slug_of(n)}.png",
            "width": 1200,
            "height": 630,
        }
        assert [c["name"] for c in data["citation"]] == [f"Ledger {payload}", f"Courier {payload}"]


def test_templates_are_never_evaluated(hostile: Hostile) -> None:
    for path in hostile.html_files():
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for text in readable_strings(soup):
            assert not EVALUATED.search(text), (path, text[:200])
    for path in [*hostile.site.glob("*.xml"), *hostile.site.glob("*.json")]:
        assert not EVALUATED.search(path.read_text("utf-8")), path
    assert not EVALUATED.search((hostile.site / "search/search_index.json").read_text("utf-8"))
    page = hostile.briefing(PAYLOADS.index("{{ 7*7 }}"))
    assert one_line(page.select_one("div.briefing h1").get_text()) == "Hostile 14: {{ 7*7 }}"
    assert page.find("meta", property="og:title")["content"] == "Hostile 14: {{ 7*7 }}"
    config = hostile.briefing(PAYLOADS.index("{{ config }} {{ config.site_name }}"))
    assert "{{ config }} {{ config.site_name }}" in config.select_one("div.briefing").get_text()
    include = hostile.briefing(PAYLOADS.index("{% include 'base.html' %}{# hidden #}"))
    assert "{% include 'base.html' %}{# hidden #}" in include.select_one(".key-points").get_text()


# -- shown as text where a reader expects it -----------------------------------------------------


def text_of(tag: Tag) -> str:
    """What a reader reads in ``tag``: its text without heading permalinks, on one line."""
    return one_line(
        "".join(s for s in tag.find_all(string=True) if not s.find_parent("a", "headerlink"))
    )


def texts(soup: BeautifulSoup | Tag, selector: str) -> list[str]:
    return [text_of(tag) for tag in soup.select(selector)]


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_briefing_page_shows_the_payload_as_text(hostile: Hostile, n: int) -> None:
    payload = one_line(PAYLOADS[n])
    page = hostile.briefing(n)
    article = page.select_one("div.briefing")
    assert texts(article, "h1") == [one_line(title_of(n))]
    assert one_line(page.title.get_text()) == f"{one_line(title_of(n))} - Test briefings"
    assert texts(article, ".briefing-meta__category") == [f"C{n:02} {payload}"]
    assert texts(article, ".briefing-tags .md-tag") == [f"T{n:02} {payload}", payload]
    assert texts(article, ".admonition.note > p:not(.admonition-title)") == [payload]
    assert texts(article, ".key-points li") == [payload, f"Second point: {payload}"]
    figure = article.select_one("figure.briefing-figure")
    assert [one_line(str(img["alt"])) for img in figure.select("img.briefing-image")] == [payload]
    assert str(figure.img["src"]).startswith(f"https://img.example/{n}.png?a=")
    assert texts(figure, "figcaption") == [f"Photo: Credit {payload}"]
    paragraphs = article.select(":scope > p:not([class])")
    assert [one_line(p.get_text()) for p in paragraphs] == [
        payload,
        f"Closing paragraph: {payload}",
    ]
    quote = article.select_one("figure.briefing-quote")
    assert texts(quote, "blockquote") == [f"“{payload}”"]
    assert texts(quote, ".briefing-quote__speaker bdi") == [f"Speaker {payload}", f"Role {payload}"]
    assert texts(quote, ".briefing-quote__speaker") == [f"— Speaker {payload}, Role {payload}"]
    assert texts(quote, ".briefing-quote__context") == [payload]
    ledger, courier = f"Ledger {payload}", f"Courier {payload}"
    assert texts(article, "p.briefing-credit") == [
        f"According to {ledger}",
        f"According to {ledger} and {courier}",
        f"According to {courier}",
    ]
    # The ledger has an address: its credits link to it (a web address, as in the sources).
    outlets = article.select("p.briefing-credit a.briefing-credit__outlet")
    assert [text_of(a) for a in outlets] == [ledger, ledger]
    assert {a["href"] for a in outlets} == {article.select_one("#source-ledger > a")["href"]}
    assert str(outlets[0]["href"]).startswith(f"https://ledger.example/{n}?q=")
    assert [a["href"] for a in article.select("p.briefing-credit a:not([class])")] == [
        "#source-courier",
        "#source-courier",
    ]
    assert texts(article, "#source-ledger > a")[0] == ledger
    story = page.select_one(".briefing-story .briefing-story__title a")
    assert text_of(story) == one_line(story_of(n))
    assert story["href"] == f"../../stories/{make_slug(story_of(n))}/"
    assert texts(article, "#updates + ul li") == [
        f"Update, {texts(article, '#updates + ul li strong')[0].split(', ', 1)[1]} {payload}",
        f"Correction, {texts(article, '#updates + ul li strong')[1].split(', ', 1)[1]} Corrected: {payload}",
    ]
    metas = {m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")}
    assert metas["og:title"] == one_line(title_of(n))
    assert metas["twitter:image:alt"] == PAYLOADS[n]
    assert metas["article:section"] == f"C{n:02} {PAYLOADS[n]}"


@pytest.mark.parametrize("n", range(len(PAYLOADS)))
def test_digest_page_shows_the_payload_as_text(hostile: Hostile, n: int) -> None:
    payload = one_line(PAYLOADS[n])
    article = hostile.page(f"digests/2025-09-{n + 1:02}").select_one("article")
    assert texts(article, "h1") == [f"Digest {n:02}: {payload}"]
    assert texts(article, ".admonition.note > p:not(.admonition-title)") == [payload]
    assert texts(article, "h2") == [f"S{n:02} {payload}"]
    assert texts(article, "h3 > a:not(.headerlink)") == [one_line(title_of(n))]
    assert texts(article, "li") == [payload, f"Second point: {payload}"]


def test_listings_and_the_home_page_show_the_payloads_as_text(hostile: Hostile) -> None:
    for n, payload in enumerate(PAYLOADS):
        category = hostile.page(f"categories/{make_slug(f'C{n:02} {payload}')}")
        assert texts(category, "article h1") == [f"C{n:02} {one_line(payload)}"]
        card = category.select_one("article.briefing-card")
        assert [one_line(title_of(n))] == texts(card, ".briefing-card__title > a")
        assert texts(card, ".briefing-card__summary") == [one_line(payload)]
        assert not card.select(".briefing-card__category")  # the page says it already
        tag = hostile.page(f"tags/{make_slug(f'T{n:02} {payload}')}")
        assert texts(tag, "article.briefing-card .briefing-card__category") == [
            f"C{n:02} {one_line(payload)}"
        ]
        story = hostile.page(f"stories/{make_slug(story_of(n))}")
        assert texts(story, "article h1") == [one_line(story_of(n))]
        assert texts(story, ".briefing-card__title > a") == [one_line(title_of(n))]
    stories = texts(hostile.page("stories"), "ul.briefing-kinds li > a")
    assert sorted(stories) == sorted(one_line(story_of(n)) for n in range(len(PAYLOADS)))
    home = hostile.page("")
    titles = {one_line(title_of(n)) for n in range(len(PAYLOADS))}
    lead = texts(home, ".briefing-front__lead .briefing-card__title > a")
    shown = texts(home, ".briefing-front__latest .briefing-card__title > a")
    assert len(lead) == 1
    assert shown
    assert {*lead, *shown} <= titles
    latest = len(PAYLOADS) - 1
    assert texts(home, ".briefing-front__digest .briefing-card__title > a") == [
        one_line(f"Digest {latest:02}: {PAYLOADS[latest]}")
    ]
    assert texts(home, ".briefing-front__digest .briefing-card__summary") == [
        one_line(PAYLOADS[latest])
    ]


def test_a_template_as_story_name_is_a_name_shown_as_text(project: Path) -> None:
    """`story:` is a name as readers see it: ``{{ 7*7 }}`` is shown as written, never as 49,
    and its page is at a plain slug."""
    text = REFUSED_TEMPLATE.format(
        n=0, field="story", image='slug: named-by-a-template\nstory: "{{ 7*7 }}"\n', url=""
    )
    (project / "briefings" / "templated.yml").write_text(text, "utf-8")
    site = build_site(project)
    page = BeautifulSoup(
        (site / "briefings/named-by-a-template/index.html").read_text("utf-8"), "html.parser"
    )
    story = page.select_one(".briefing-story__title a")
    assert story.get_text() == "{{ 7*7 }}"
    assert story["href"] == "../../stories/7-7/"
    listing = BeautifulSoup((site / "stories/7-7/index.html").read_text("utf-8"), "html.parser")
    assert texts(listing, "article h1") == ["{{ 7*7 }}"]
    assert listing.title.get_text().startswith("{{ 7*7 }} - ")
    index = BeautifulSoup((site / "stories/index.html").read_text("utf-8"), "html.parser")
    assert texts(index, "ul.briefing-kinds li > a") == ["{{ 7*7 }}"]
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert not [t for t in readable_strings(soup) if EVALUATED.search(t)], path


# -- feeds, sitemap and search index -------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def parse_xml(path: Path) -> ElementTree.Element:
    return ElementTree.parse(path).getroot()  # noqa: S314 - the build's own output


def feed_entries(hostile: Hostile, name: str) -> list[tuple[str, list[str]]]:
    """(title, [HTML fields]) of each entry of feed ``name`` ('briefings' or 'digests')."""
    entries: list[tuple[str, list[str]]] = []
    rss = parse_xml(hostile.site / f"{name}.rss.xml")
    for item in rss.iter("item"):
        html = [item.findtext("description") or "", item.findtext(CONTENT) or ""]
        entries.append((item.findtext("title") or "", html))
    atom = parse_xml(hostile.site / f"{name}.atom.xml")
    for entry in atom.iter(f"{ATOM}entry"):
        title = entry.find(f"{ATOM}title")
        assert title is not None
        assert title.get("type", "text") == "text"
        fields = [e.text or "" for e in (entry.find(f"{ATOM}content"), entry.find(f"{ATOM}summary"))
                  if e is not None]  # fmt: skip
        entries.append((title.text or "", fields))
    document = json.loads((hostile.site / f"{name}.json").read_text("utf-8"))
    for item in document["items"]:
        entries.append((item["title"], [item["content_html"]]))
    return entries


@pytest.mark.parametrize("name", ["briefings", "digests"])
def test_feeds_carry_the_payloads_as_text(hostile: Hostile, name: str) -> None:
    entries = feed_entries(hostile, name)
    assert len(entries) == 3 * len(PAYLOADS)
    prefix = "Hostile" if name == "briefings" else "Digest"
    expected = {f"{prefix} {n:02}: {p}" for n, p in enumerate(PAYLOADS)}
    for title, fields in entries:
        assert title in expected  # plain text, as Atom (type="text") and JSON Feed define it
        for html in fields:
            assert not RAW_HANDLER.search(html)
            assert not RAW_PAYLOAD.search(html)
            soup = BeautifulSoup(html, "html.parser")
            assert not list(unsafe_markup(soup, theme=set())), (title, html[:300])
            allowed = {"p", "ul", "li", "strong", "em", "blockquote", "h2", "h3", "a"}
            assert {tag.name for tag in soup.find_all(True)} <= allowed
    for n, payload in enumerate(PAYLOADS):
        html = next(f for t, f in entries if t == f"{prefix} {n:02}: {payload}")[-1]
        soup = BeautifulSoup(html, "html.parser")
        assert one_line(soup.ul.li.get_text()) == one_line(payload)


def test_sitemap_lists_plain_ascii_addresses(hostile: Hostile) -> None:
    root = parse_xml(hostile.site / "sitemap-pages.xml")
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text or "" for loc in root.iter(f"{namespace}loc")]
    assert len(locations) > 4 * len(PAYLOADS)
    for location in locations:
        assert re.fullmatch(r"https://news\.example\.org/[a-z0-9/-]*", location), location


def test_search_index_holds_the_payloads_as_escaped_text(hostile: Hostile) -> None:
    index = json.loads((hostile.site / "search/search_index.json").read_text("utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    for n, payload in enumerate(PAYLOADS):
        doc = docs[f"briefings/{slug_of(n)}/"]
        # Material's search shows title and text as HTML: each must parse back to the text.
        title = BeautifulSoup(doc["title"], "html.parser")
        assert not title.find(True)
        assert one_line(title.get_text()) == one_line(title_of(n))
        text = BeautifulSoup(doc["text"], "html.parser")
        assert not list(unsafe_markup(text, theme=set()))
        assert {tag.name for tag in text.find_all(True)} <= {"p", "ul", "li", "a", "strong"}
        assert one_line(payload) in one_line(text.get_text())
        for tag in doc.get("tags", []):
            assert not BeautifulSoup(tag, "html.parser").find(True)
    for doc in index["docs"]:
        assert not BeautifulSoup(doc["title"], "html.parser").find(True), doc["title"]


def test_a_file_name_cannot_break_out_of_the_edit_link(project: Path) -> None:
    name = f'harbour" onmouseover="{PWNED}" x=".yml'
    shutil.copy(
        ROOT / "tests" / "data" / "briefings" / "harbour-strike.yml", project / "briefings" / name
    )
    site = build_site(project)
    page = BeautifulSoup(
        (site / "briefings/harbour-strike-ends-after-nine-days/index.html").read_text("utf-8"),
        "html.parser",
    )
    edit = page.select_one("a[rel=edit]")
    assert not list(unsafe_markup(page, theme=theme_scripts_of(site)))
    assert unquote(urlsplit(str(edit["href"])).path).endswith(f"/briefings/{name}")
