#!/usr/bin/env python3
"""Build-time benchmark: the briefings plugin against the same pages written by hand.

Side (a) is a MkDocs + Material project whose pages come from N briefing YAML files through
the ``briefings`` plugin. Side (b) is plain MkDocs + Material with no briefings plugin: the
Markdown the plugin would generate (``render_markdown(..., template="main.html")``) is written
to docs/briefings/<slug>.md, kept out of the nav with ``not_in_nav``, with the Markdown
extensions those pages use (admonition, attr_list, md_in_html for figures and story cards, toc)
and the plugin's stylesheet configured by hand. With ``--blog``, side (c) builds the same
Markdown as posts of Material's built-in blog plugin (docs/blog/posts/<slug>.md, with archive,
category and pagination views) and the tags plugin.

Side (a) runs the plugin as configured by default, with its build cache (.cache/plugin/
briefings): after the untimed warm-up build, unchanged briefings are not parsed again, as on
every build after the first. Side (a0) turns the cache off (``cache: false``): every build is
a fresh clone's first build. The verdict is a/b; a0/b is reported beside it.

The projects and sites live in /dev/shm when it exists (see ``memory_dir``); pass
``--workdir`` to put them elsewhere.

Each build runs in a fresh ``python -m mkdocs build --strict`` subprocess; wall time is taken
around it, peak RSS and CPU time come from ``os.wait4`` (the rusage of that one child). After
one untimed warm-up build of each side, the sides alternate a, b, (c,) a, b, (c,) ... and the
medians are compared against ``--target`` (a/b) and ``--blog-target`` (a/c).

    .venv/bin/python bench/run.py --n 1000
    .venv/bin/python bench/run.py --n 50 --repeat 1        # smoke run
    .venv/bin/python bench/run.py --n 1000 --blog --repeat 3
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from mkdocs_briefings.catalog import Layout, outlet_key, relative
from mkdocs_briefings.digest import read_digest
from mkdocs_briefings.entries import read_entry
from mkdocs_briefings.plan import PlanOptions, plan_site
from mkdocs_briefings.render.markdown import (
    front_matter,
    index_documents,
    render_key_points,
    render_markdown,
)
from mkdocs_briefings.render.text import count_words, page_meta

REPO = Path(__file__).resolve().parent.parent
MARKER = ".briefings-bench"  # a workdir holding this file is ours to clear
SITE_URL = "https://bench.example/"
STYLESHEET = "assets/stylesheets/briefings.css"

# --------------------------------------------------------------------------------------------
# Synthetic briefings (all names fictional; words from a fixed vocabulary)
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


VOCAB = _words("""
government officials said the plan would include new measures for regional security and
economic recovery after months of talks between ministers negotiators and local leaders who
met in the capital on monday tuesday wednesday thursday friday to discuss a draft agreement
that could reshape trade energy transport housing and public health policy across the border
region while critics warned that the proposal lacked funding details and a clear timeline for
implementation the central bank raised interest rates citing inflation pressure from fuel and
food prices as analysts expected further increases later this year opposition lawmakers called
for an independent inquiry into the contract award process and demanded that documents be
released before parliament votes on the budget next month residents described long queues at
clinics schools and water points as aid agencies reported shortages of medicine and shelter
the ministry confirmed that emergency teams had reached several villages cut off by flooding
and landslides after heavy rain over the weekend scientists published a study showing that
ocean temperatures rose faster than previous models predicted with consequences for fisheries
coastal cities and farming the company reported quarterly revenue above forecasts but cut its
outlook because of weaker demand supply chain delays and higher labour costs in its largest
markets union representatives said workers would continue the strike until wages and safety
conditions improve prosecutors filed charges against three former executives accused of fraud
and the court scheduled a hearing for early spring voters head to the polls in a closely watched
election seen as a test of the coalition support for reforms to pensions taxes and the judiciary
""")

FIRST_NAMES = _words("""Amara Bastian Celeste Dorian Elif Farrah Gideon Hana Ilias Jovana Kasimir
Lior Maren Nadia Oskar Priya Quentin Rosalind Soren Talia Ulrich Vesna Wendell Ximena Yusuf Zora""")
LAST_NAMES = _words("""Adeyemi Brandvold Castellanos Dravik Engstrom Falkenrath Guerrant
Halloway Ibarrola
Jannsen Kovalenko Lindqvist Marchetti Novakov Okonkwo Petrescu Quintero Rasmund Sokolova Thorne
Urquhart Valtersen Whitcombe Yamashiro Zelenko""")
COUNTRIES = _words("Veltria Marovia Kestland Orlenia Tavaro Norvane Calderra Estmark")
ROLES = [
    "Prime Minister of {c}",
    "Foreign Minister of {c}",
    "Finance Minister of {c}",
    "spokesperson for the {c} Health Ministry",
    "opposition leader in {c}",
    "chief economist at the Bank of {c}",
    "mayor of {c} City",
    "head of the {c} Red Cross",
    "union leader",
    "climate scientist",
]
CONTEXTS = [
    "Speaking to reporters in {c} City",
    "In a televised address on {day}",
    "Addressing parliament in {c}",
    "At a news conference after the talks",
    "In a statement released on {day}",
    "During a visit to the flooded region",
    "In an interview with local radio",
]
OUTLETS = [
    "The Northgate Herald", "Harbor City Courier", "Meridian Wire", "Lakeshore Daily",
    "The Veltrian Times", "Pinecrest Post", "Global Ledger", "Eastbridge Observer",
    "Summit News Agency", "Coastal Tribune", "The Morning Dispatch", "Riverbend Gazette",
    "Atlas Press Service", "Orlenian Broadcasting", "The Copperfield Record", "Kestland Today",
    "Marovia Public Radio", "The Tavaro Star", "Northern Signal", "Calderra Chronicle",
    "Evening Standard-Bearer", "The Estmark Journal", "Bluewater Bulletin", "Ironvale Inquirer",
]  # fmt: skip
CATEGORIES = _words("Politics World Business Science Health Climate Technology Culture")
TAGS = [
    "Elections", "Budget", "Inflation", "Trade", "Energy", "Floods", "Drought", "Health care",
    "Education", "Courts", "Corruption", "Strikes", "Housing", "Migration", "Diplomacy",
    "Ceasefire", "Sanctions", "Climate", "Oceans", "Agriculture", "Transport", "AI", "Space",
    "Banking", "Pensions", "Tourism", "Refugees", "Water", "Wildfires", "Mining", *COUNTRIES,
]  # fmt: skip
START = date(2023, 1, 1)
SPAN_DAYS = 3 * 365


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _sentence(rng: random.Random, n_words: int) -> list[str]:
    """``n_words`` whitespace-free tokens forming one sentence (names, figures, punctuation)."""
    words = [rng.choice(VOCAB) for _ in range(n_words)]
    words[0] = words[0].capitalize()
    for _ in range(rng.randint(0, 2)):  # proper nouns, figures and a possessive
        i = rng.randrange(1, n_words) if n_words > 1 else 0
        kind = rng.random()
        if kind < 0.4:
            words[i] = rng.choice(COUNTRIES) + ("’s" if rng.random() < 0.3 else "")
        elif kind < 0.6:
            words[i] = rng.choice(LAST_NAMES)
        elif kind < 0.8:
            words[i] = f"{rng.randint(2, 950)}"
        else:
            words[i] = rng.choice((f"${rng.randint(2, 90)}", f"{rng.randint(2, 40)}%", "—", "1:1"))
    if n_words > 8 and rng.random() < 0.5:
        words[rng.randrange(3, n_words - 2)] += ","
    words[-1] += "."
    return words


def _text(rng: random.Random, n_words: int) -> str:
    """Exactly ``n_words`` words, as sentences of 8-24 words."""
    out: list[str] = []
    while len(out) < n_words:
        left = n_words - len(out)
        size = left if left < 30 else rng.randint(8, 24)
        out += _sentence(rng, size)
    return " ".join(out)


def make_briefing(rng: random.Random) -> dict[str, Any]:
    """One briefing as YAML data: 500-700 words (title, key points, paragraphs, quotes)."""
    target = rng.randint(520, 690)
    title_words = _sentence(rng, rng.randint(7, 12))
    title = " ".join(w.capitalize() if rng.random() < 0.6 else w for w in title_words).rstrip(".")
    key_points = [_text(rng, rng.randint(14, 24)) for _ in range(rng.randint(3, 5))]

    n_sources = rng.randint(3, 5)
    outlets = rng.sample(OUTLETS, n_sources)
    published = START + timedelta(days=rng.randrange(SPAN_DAYS))
    sources: dict[str, dict[str, str]] = {}
    for name in outlets:
        key = re.sub(r"[^a-z0-9]+", "-", name.lower().removeprefix("the ")).strip("-")
        source = {"name": name}
        if rng.random() < 0.7:
            host = key.replace("-", "")
            story = "-".join(rng.choice(VOCAB) for _ in range(5))
            source["url"] = f"https://www.{host}.example/{published:%Y/%m/%d}/{story}"
        sources[key] = source
    keys = list(sources)

    def credits() -> list[str]:
        return rng.sample(keys, rng.choice((1, 1, 2, 2, 3)))

    quotes = []
    for _ in range(rng.randint(1, 2)):
        country = rng.choice(COUNTRIES)
        quote: dict[str, Any] = {"quote": _text(rng, rng.randint(18, 34)), "speaker": _person(rng)}
        if rng.random() < 0.85:
            quote["role"] = rng.choice(ROLES).format(c=country)
        if rng.random() < 0.85:
            day = (published - timedelta(days=rng.randint(0, 2))).strftime("%A")
            quote["context"] = rng.choice(CONTEXTS).format(c=country, day=day)
        quote["credits"] = credits()
        quotes.append(quote)

    used = len(title.split()) + sum(len(t.split()) for t in key_points)
    used += sum(len(q["quote"].split()) for q in quotes)
    n_paragraphs = rng.randint(4, 6)
    weights = [rng.uniform(0.7, 1.3) for _ in range(n_paragraphs)]
    budget = target - used
    sizes = [int(budget * w / sum(weights)) for w in weights]
    sizes[-1] += budget - sum(sizes)
    paragraphs = [{"paragraph": _text(rng, size), "credits": credits()} for size in sizes]
    body: list[dict[str, Any]] = list(paragraphs)
    for quote in quotes:  # quotes after the first paragraph, never first
        body.insert(rng.randint(1, len(body)), quote)

    data: dict[str, Any] = {
        "title": title,
        "category": rng.choice(CATEGORIES),
        "published": published,
    }
    if rng.random() < 0.3:
        data["updated"] = published + timedelta(days=rng.randint(0, 5))
    data["tags"] = rng.sample(TAGS, rng.randint(2, 5))
    if rng.random() < 0.15:
        data["story"] = f"story-{rng.randrange(40):02d}"
    roll = rng.random()
    if roll < 0.5:
        data["image"] = {
            "src": f"https://images.example/{published:%Y}/{rng.randrange(10**6):06d}.jpg",
            "alt": _text(rng, rng.randint(6, 12)).rstrip("."),
            "credit": rng.choice(outlets),
        }
    elif roll < 0.7:
        data["image"] = {"alt": title, "credit": rng.choice(outlets)}
    data["key_points"] = key_points
    data["body"] = body
    data["sources"] = sources
    return data


def generate(n: int, seed: int) -> list[tuple[str, str, Any]]:
    """``n`` briefings as (file name, YAML text, parsed Entry), deterministic for ``seed``."""
    rng = random.Random(seed)
    out: list[tuple[str, str, Any]] = []
    slugs: set[str] = set()
    while len(out) < n:
        data = make_briefing(rng)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        name = f"{data['published']:%Y-%m-%d}-{len(out):05d}.yml"
        entry = read_entry(text, path=f"briefings/{name}")  # the plugin's own reader
        if entry.slug in slugs:
            continue
        words = count_words(entry.briefing)
        if not 500 <= words <= 700:
            raise RuntimeError(f"generated {name} has {words} words")
        slugs.add(entry.slug)
        out.append((name, text, entry))
    return out


def generate_digests(briefings: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
    """A curated digest every seventh publication day: that day's briefings and the week's
    newest others, grouped by category, as (file name, YAML text, Digest)."""
    by_day: dict[date, list[Any]] = {}
    for _, _, entry in sorted(briefings, key=lambda b: (b[2].briefing.published, b[2].slug)):
        by_day.setdefault(entry.briefing.published, []).append(entry)
    days = sorted(by_day)
    out = []
    for i in range(6, len(days), 7):
        week = [e for day in days[i - 6 : i + 1] for e in by_day[day]][-8:]
        sections: dict[str, list[str]] = {}
        for entry in week:
            sections.setdefault(entry.briefing.category, []).append(entry.slug)
        data = {
            "title": f"The week to {days[i]:%A, %B} {days[i].day}",
            "date": days[i].isoformat(),
            "note": "A synthetic digest for the benchmark.",
            "sections": [{"title": t, "briefings": s} for t, s in sections.items()],
        }
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        name = f"{days[i].isoformat()}.yml"
        digest, _ = read_digest(text, path=f"briefings/digests/{name}")
        out.append((name, text, digest))
    return out


# --------------------------------------------------------------------------------------------
# The projects
# --------------------------------------------------------------------------------------------

# The top-level index pages are in the navigation on both sides, as in this repository's site.
INDEX_NAV = [
    {"Digests": "digests/index.md"},
    {"Archive": "archive/index.md"},
    {"Categories": "categories/index.md"},
    {"Tags": "tags/index.md"},
    {"Sources": "sources/index.md"},
    {"Stories": "stories/index.md"},
]
# Everything below them stays out of it (gitignore-style patterns, as MkDocs' not_in_nav takes).
NOT_IN_NAV = """\
/briefings/
/daily/
/digests/2*.md
/archive/2*/
/categories/*/
/tags/*/
/sources/*/
/stories/*/
"""

INDEX_MD = """# Briefings benchmark

Synthetic briefings for a build-time benchmark. Their pages are not in the navigation.
"""


def _mkdocs_yml(extra: dict[str, Any], nav: list[Any] | None = None) -> str:
    config: dict[str, Any] = {
        "site_name": "Briefings benchmark",
        "site_url": SITE_URL,
        "theme": {"name": "material", "language": "en"},
        **extra,
        "nav": [{"Home": "index.md"}, *(nav or [])],
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def write_projects(
    root: Path, briefings: list[tuple[str, str, Any]], digests: list[tuple[str, str, Any]]
) -> dict[str, Path]:
    """Write sides (a), (a0), (b) and (b0) under root; return their mkdocs.yml paths by side.

    (a0) is (a) with the plugin's build cache off: every build reads and renders every
    briefing, as the first build of a fresh clone does. (b) holds, as hand-written Markdown,
    every page (a) generates: briefings, digests, daily pages, archive and indexes. (b0) holds
    the briefings alone, so (b) - (b0) is what the index and digest pages cost to build.
    """
    a, a0, b, b0 = root / "a", root / "a0", root / "b", root / "b0"
    for side in (a, a0, b, b0):
        if side.exists():
            shutil.rmtree(side)
        (side / "docs").mkdir(parents=True)
        (side / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")

    # (a): the plugin reads briefings/*.yml and adds its CSS and Markdown extensions itself.
    (a / "briefings" / "digests").mkdir(parents=True)
    for name, text, _ in briefings:
        (a / "briefings" / name).write_text(text, encoding="utf-8")
    for name, text, _ in digests:
        (a / "briefings" / "digests" / name).write_text(text, encoding="utf-8")
    (a / "mkdocs.yml").write_text(
        _mkdocs_yml({"plugins": ["search", "briefings"]}, INDEX_NAV), encoding="utf-8"
    )
    shutil.copytree(a / "briefings", a0 / "briefings")
    (a0 / "mkdocs.yml").write_text(
        _mkdocs_yml({"plugins": ["search", {"briefings": {"cache": False}}]}, INDEX_NAV),
        encoding="utf-8",
    )

    # (b) and (b0): the same Markdown by hand, Material's default template, no briefings plugin.
    entries = [entry for _, _, entry in briefings]
    layout = Layout()
    indexes = index_documents(entries, [d for _, _, d in reversed(digests)], layout=layout)
    for side in (b, b0):
        pages = side / "docs" / "briefings"
        pages.mkdir()
        for entry in entries:
            uri = f"briefings/{entry.slug}.md"
            listings = {  # b0 has no source pages to link to
                key: relative(layout.listing("sources", outlet_key(source.name)), uri)
                for key, source in entry.briefing.sources.items()
                if side == b
            }
            markdown = render_markdown(
                entry.briefing, template="main.html", page_dir="briefings", source_listings=listings
            )
            (pages / f"{entry.slug}.md").write_text(markdown, encoding="utf-8")
        css = side / "docs" / STYLESHEET
        css.parent.mkdir(parents=True)
        stylesheet = resources.files("mkdocs_briefings") / "assets" / "briefings.css"
        css.write_bytes(stylesheet.read_bytes())
    for uri, document in indexes.items():  # front matter + Markdown, as a person writes them
        (b / "docs" / uri).parent.mkdir(parents=True, exist_ok=True)
        (b / "docs" / uri).write_text(document, encoding="utf-8")
    common = {
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "toc"],
        "extra_css": [STYLESHEET],
    }
    (b / "mkdocs.yml").write_text(
        _mkdocs_yml({**common, "not_in_nav": NOT_IN_NAV}, INDEX_NAV), encoding="utf-8"
    )
    (b0 / "mkdocs.yml").write_text(
        _mkdocs_yml({**common, "not_in_nav": "/briefings/\n"}), encoding="utf-8"
    )
    return {side.name: side / "mkdocs.yml" for side in (a, a0, b, b0)}


BLOG_INDEX_MD = """# Blog

Synthetic briefings as posts of Material's blog plugin.
"""
EXCERPT = "<!-- more -->"  # the blog plugin's default post_excerpt_separator

# Material's blog plugin: archive, categories and pagination on (10 posts a page, its default).
# Its archive is by year by default; by month here, as a news site would have it.
BLOG_PLUGIN: dict[str, Any] = {
    "blog_dir": "blog",
    "post_url_format": "{slug}",
    "archive": True,
    "archive_date_format": "MMMM yyyy",
    "archive_url_date_format": "yyyy/MM",
    "categories": True,
    "pagination": True,
    "pagination_per_page": 10,
}


def blog_post(entry: Any) -> str:
    """``entry`` as a blog post: side (b)'s Markdown with the blog's front matter.

    The body is side (b)'s (``render_markdown(..., template="main.html")``) without its front
    matter, and with the excerpt separator after the key-points box, so index, archive and
    category pages show the image, the note and the key points of each post.
    """
    b = entry.briefing
    markdown = render_markdown(b, template="main.html", page_dir="blog/posts")
    head = front_matter(page_meta(b, template="main.html")) + "\n\n"
    if not markdown.startswith(head):
        raise RuntimeError(f"unexpected front matter in {entry.slug}")
    body = markdown.removeprefix(head)  # side (b)'s front matter, replaced below
    key_points = render_key_points(b.key_points)
    if key_points not in body:
        raise RuntimeError(f"no key-points box in {entry.slug}")
    body = body.replace(key_points, f"{key_points}\n\n{EXCERPT}", 1)
    updated = b.updated or b.published
    meta = {
        "title": b.title,
        "description": page_meta(b)["description"],
        # date objects, not strings: the blog plugin reads YAML dates (or datetimes) only.
        # A copy of the day: the same object twice would be dumped as a YAML alias.
        "date": {"created": b.published, "updated": date.fromordinal(updated.toordinal())},
        "categories": [b.category],
        "tags": list(b.tags),
        "slug": entry.slug,
    }
    return front_matter(meta) + "\n\n" + body


def write_blog_project(root: Path, briefings: list[tuple[str, str, Any]]) -> Path:
    """Write side (c), the briefings as Material blog posts, to root/c; return its mkdocs.yml."""
    c = root / "c"
    if c.exists():
        shutil.rmtree(c)
    posts = c / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (c / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (c / "docs" / "blog" / "index.md").write_text(BLOG_INDEX_MD, encoding="utf-8")
    for _, _, entry in briefings:
        (posts / f"{entry.slug}.md").write_text(blog_post(entry), encoding="utf-8")
    css = c / "docs" / STYLESHEET
    css.parent.mkdir(parents=True)
    css.write_bytes((resources.files("mkdocs_briefings") / "assets" / "briefings.css").read_bytes())
    # The blog index in the nav, in a section of its own: the blog plugin then attaches its
    # archive and category views under it, and keeps the posts out of the nav.
    config = _mkdocs_yml(
        {
            "plugins": ["search", {"blog": BLOG_PLUGIN}, "tags"],
            "markdown_extensions": ["admonition", "attr_list", "md_in_html", "toc"],
            "extra_css": [STYLESHEET],
        },
        nav=[{"Blog": ["blog/index.md"]}],
    )
    (c / "mkdocs.yml").write_text(config, encoding="utf-8")
    return c / "mkdocs.yml"


def pages_by_dir(site: Path) -> dict[str, int]:
    """The HTML pages of a built site by top-level folder ('/' for the site's own root)."""
    counts: dict[str, int] = {}
    for path in site.rglob("*.html"):
        parts = path.relative_to(site).parts
        kind = parts[0] + "/" if len(parts) > 1 else "/"
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def blog_pages(site: Path) -> dict[str, int]:
    """The HTML pages of side (c)'s built blog by kind: posts, index, archive, category views."""
    counts = dict.fromkeys(
        ("posts", "index", "index pages 2+", "archive", "archive pages 2+", "category",
         "category pages 2+"),
        0,
    )  # fmt: skip
    blog = site / "blog"
    for path in blog.rglob("*.html"):
        parts = path.relative_to(blog).parts
        view = parts[0] if parts[0] in ("archive", "category") else "index"
        if "page" in parts[:-1]:
            counts[f"{view} pages 2+"] += 1
        elif view != "index":
            counts[view] += 1
        elif parts == ("index.html",):
            counts["index"] += 1
        else:
            counts["posts"] += 1
    return counts


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------

CHILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner
_BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _rss_mb(ru_maxrss: int) -> float:
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def _site_size(site: Path) -> tuple[int, int, int]:
    size = files = pages = 0
    for dirpath, _, names in os.walk(site):
        for name in names:
            size += os.path.getsize(os.path.join(dirpath, name))
            files += 1
            pages += name.endswith(".html")
    return size, files, pages


def build(config: Path, *, profile: Path | None = None) -> dict[str, Any]:
    """One strict build in a fresh child; its wall time, peak RSS, CPU time and site size."""
    project = config.parent
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    cmd = [sys.executable]
    if profile:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    log_path = project / "build.log"
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=CHILD_ENV
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    log_text = log_path.read_text(encoding="utf-8", errors="replace")
    problems = [line for line in log_text.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    if proc.returncode != 0 or problems:
        raise SystemExit(f"build of {config} failed (exit {proc.returncode}):\n{log_text}")
    size, files, pages = _site_size(site)
    built = _BUILT_IN.search(log_text)
    return {
        "wall_s": wall,
        "build_s": float(built.group(1)) if built else None,  # mkdocs' own figure, no startup
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": _rss_mb(usage.ru_maxrss),
        "site_bytes": size,
        "site_files": files,
        "pages": pages,
    }


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in runs[0]:
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = statistics.median(values) if values else None
    return out


def _profile_rows(path: Path) -> dict[str, tuple[int, float, float]]:
    """{function: (calls, own s, cumulative s)} from a cProfile file."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    rows = {}
    for (file, line, func), (_cc, calls, own, cum, _callers) in stats.items():
        where = f"{'/'.join(Path(file).parts[-2:])}:{line}({func})" if line else func
        rows[where] = (calls, own, cum)
    return rows


def print_profiles(paths: dict[str, Path], limit: int = 15) -> None:
    """Where side (a)'s time goes: the plugin's functions, build phases, and a-b differences.

    With side (c) profiled too, also its build phases and the blog and tags plugins' functions.
    """
    rows = {side: _profile_rows(path) for side, path in paths.items()}
    a, b = rows["a"], rows["b"]
    totals = ", ".join(
        f"{side} {sum(own for _, own, _ in r.values()):.2f} s" for side, r in rows.items()
    )
    print(f"\n--- cProfile: {totals} ({', '.join(str(p) for p in paths.values())})")
    print("(cProfile slows pure-Python code most; read the shares, not the absolute times)")

    print("plugin functions in a, by cumulative time:")
    plugin = [
        (cum, own, n, k) for k, (n, own, cum) in a.items() if k.startswith("mkdocs_briefings/")
    ]
    plugin += [
        (cum, own, n, k) for k, (n, own, cum) in a.items() if "briefing" in k and ".html:" in k
    ]
    for cum, own, n, where in sorted(plugin, reverse=True)[:limit]:
        print(f"  {cum:8.3f} s cum {own:8.3f} s own {n:8d} calls  {where}")

    if "c" in rows:
        print("blog and tags plugin functions in c, by cumulative time:")
        material = [
            (cum, own, n, k)
            for k, (n, own, cum) in rows["c"].items()
            if k.startswith(("blog/", "tags/"))
        ]
        for cum, own, n, where in sorted(material, reverse=True)[:limit]:
            print(f"  {cum:8.3f} s cum {own:8.3f} s own {n:8d} calls  {where}")

    print(f"build phases, cumulative s ({', '.join(rows)}):")
    phases = set().union(*(r.keys() for r in rows.values()))
    for where in sorted(k for k in phases if k.startswith("commands/build.py:")):
        cums = [r.get(where, (0, 0.0, 0.0))[2] for r in rows.values()]
        if max(cums) >= 0.05:
            print(f"  {' '.join(f'{cum:8.3f}' for cum in cums)}  {where}")

    print("largest extra own time in a over b:")
    diffs = []
    for where in a.keys() | b.keys():
        n_a, own_a, _ = a.get(where, (0, 0.0, 0.0))
        n_b, own_b, _ = b.get(where, (0, 0.0, 0.0))
        diffs.append((own_a - own_b, n_a, n_b, where))
    for extra, n_a, n_b, where in sorted(diffs, reverse=True)[:limit]:
        print(f"  {extra:+8.3f} s  calls a {n_a:8d} b {n_b:8d}  {where}")


# --------------------------------------------------------------------------------------------


def memory_dir() -> str | None:
    """The shared-memory file system, if any: builds then write their sites to memory.

    Why: on the virtual disk of a shared machine, writing a site's 2,000 pages took 0.3 to 2 s
    of system time from build to build, and that noise was larger than the 10% the verdict
    turns on. In memory both sides write the same way, and their CPU times steady.
    """
    shm = "/dev/shm"  # noqa: S108  # only ever a parent for mkdtemp
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def _check_workdir(path: Path) -> Path:
    path = path.resolve()
    for forbidden in (REPO / "briefings", REPO / "docs", REPO / "plugins", REPO / "tests"):
        if path == forbidden or forbidden in path.parents:
            raise SystemExit(f"--workdir must not be inside {forbidden}")
    if path.exists() and any(path.iterdir()) and not (path / MARKER).exists():
        raise SystemExit(f"--workdir {path} is not empty and was not made by this benchmark")
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).touch()
    return path


def plugin_state() -> str:
    """The committed tree and uncommitted changes of plugins/, to tell if (a) changed mid-run.

    The tree's hash, not HEAD's: commits that leave plugins/ alone do not count.
    """
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD:plugins"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        diff = subprocess.run(
            ["git", "status", "--porcelain", "--", "plugins"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        edits = subprocess.run(
            ["git", "diff", "HEAD", "--", "plugins"], cwd=REPO, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    if not diff:
        return head
    # Untracked files count by name only; edits to tracked files by content.
    return f"{head}+dirty:{len(diff.splitlines())}:{hashlib.sha256(edits).hexdigest()[:8]}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


LABELS = {
    "a": "a (briefings plugin)",
    "a0": "a0 (a, cache off)",
    "b": "b (hand-written .md)",
    "b0": "b0 (b, briefings only)",
    "c": "c (Material blog)",
}


def plan_s(briefings: list[tuple[str, str, Any]], digests: list[tuple[str, str, Any]]) -> float:
    """Seconds the plugin takes to plan the whole site, every page rendered (in process, cold)."""
    entries = [entry for _, _, entry in briefings]
    newest = [(d, Path(f"{d.date}.yml")) for _, _, d in reversed(digests)]
    start = time.perf_counter()
    plan_site(entries, newest, PlanOptions(site_url=SITE_URL, site_name="Bench"))
    return time.perf_counter() - start


def paired_ratio(runs: dict[str, list[dict[str, Any]]], x: str, y: str) -> float:
    """The median of x_i / y_i over runs i, each pair built back to back.

    Why paired: on a shared machine the speed drifts by 20% or more over minutes; two builds
    made one after the other see the same conditions, so their ratio is far steadier than a
    ratio of medians or of bests taken at different moments.
    """
    ratios: list[float] = [a["cpu_s"] / b["cpu_s"] for a, b in zip(runs[x], runs[y], strict=True)]
    return statistics.median(ratios)


def print_ratios(
    med: dict[str, dict[str, Any]],
    best: dict[str, float],
    x: str,
    y: str,
    *,
    target: float,
    repeat: int,
    runs: dict[str, list[dict[str, Any]]],
) -> bool:
    """Print the x/y ratios; whether the paired CPU-time ratio meets ``target``."""
    ratio = paired_ratio(runs, x, y)
    ok = ratio <= target
    print(
        f"time   {x}/{y} = {ratio:.3f}  {verdict(ok)} (target <= {target:.2f};"
        f" median of {repeat} paired CPU-time ratios)"
    )
    print(
        f"time   {x}/{y} = {best[x] / best[y]:.3f}  (best of {repeat}:"
        f" {x} {best[x]:.2f} s, {y} {best[y]:.2f} s)"
    )
    print(f"time   {x}/{y} = {med[x]['wall_s'] / med[y]['wall_s']:.3f}  (medians)")
    print(
        f"memory {x}/{y} = {med[x]['peak_rss_mb'] / med[y]['peak_rss_mb']:.3f}"
        "  (peak RSS; reported, not part of the target)"
    )
    if med[x]["build_s"] and med[y]["build_s"]:
        print(
            f"(mkdocs' own build time {x}/{y} = {med[x]['build_s'] / med[y]['build_s']:.3f},"
            " without Python start-up)"
        )
    print(
        f"cpu    {x}/{y} = {med[x]['cpu_s'] / med[y]['cpu_s']:.3f}"
        "  (user+system time of the build process)"
    )
    print(f"site size {x}/{y} = {med[x]['site_bytes'] / med[y]['site_bytes']:.3f}")
    print(f"pages  {x}/{y} = {med[x]['pages']:.0f}/{med[y]['pages']:.0f}")
    return ok


def _ratios(
    med: dict[str, dict[str, Any]],
    best: dict[str, float],
    x: str,
    y: str,
    runs: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    return {
        "time_paired": paired_ratio(runs, x, y),
        "time_best": best[x] / best[y],
        "time_median": med[x]["wall_s"] / med[y]["wall_s"],
        "memory": med[x]["peak_rss_mb"] / med[y]["peak_rss_mb"],
        "cpu": med[x]["cpu_s"] / med[y]["cpu_s"],
        "site_bytes": med[x]["site_bytes"] / med[y]["site_bytes"],
        "pages": med[x]["pages"] / med[y]["pages"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="number of briefings (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed builds per side (default 5)")
    parser.add_argument("--seed", type=int, default=20251111, help="random seed")
    parser.add_argument("--target", type=float, default=0.70, help="max ratio a/b (default 0.70)")
    parser.add_argument(
        "--blog",
        action="store_true",
        help="add side (c): the same briefings as posts of Material's blog plugin",
    )
    parser.add_argument(
        "--blog-target",
        type=float,
        default=0.25,
        help="max ratio a/c with --blog (default 0.25)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where to write the projects (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp workdir")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the results as JSON")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a ratio is over its target"
    )
    parser.add_argument(
        "--ab-only",
        action="store_true",
        help="build only sides a and b (and c): half the time per round, so more rounds fit"
        " at large N; no cache-off (a0) or briefings-only (b0) figures",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="afterwards, profile one build of each side with cProfile",
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")

    temp = args.workdir is None
    root = (
        Path(tempfile.mkdtemp(prefix="briefings-bench-", dir=memory_dir()))
        if temp
        else _check_workdir(args.workdir)
    )
    try:
        t0 = time.perf_counter()
        state = plugin_state()
        briefings = generate(args.n, args.seed)
        digests = generate_digests(briefings)
        configs = write_projects(root, briefings, digests)
        if args.ab_only:
            configs = {side: configs[side] for side in ("a", "b")}
        if args.blog:
            configs["c"] = write_blog_project(root, briefings)
        elif (root / "c").exists():  # left by an earlier --blog run in this workdir
            shutil.rmtree(root / "c")
        words = [count_words(e.briefing) for _, _, e in briefings]
        print(
            f"{args.n} briefings ({min(words)}-{max(words)} words,"
            f" median {statistics.median(words):.0f})"
            f" written to {root} in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        for side, config in configs.items():
            print(f"warm-up build {side} ...", flush=True)
            build(config)
        runs: dict[str, list[dict[str, Any]]] = {side: [] for side in configs}
        for i in range(args.repeat):
            for side, config in configs.items():
                result = build(config)
                runs[side].append(result)
                print(
                    f"run {i + 1}/{args.repeat} {side}: {result['wall_s']:.2f} s wall,"
                    f" {result['cpu_s']:.2f} s cpu, {result['peak_rss_mb']:.0f} MB peak RSS",
                    flush=True,
                )
        med = {side: summarize(r) for side, r in runs.items()}
        # Best of N, as timeit reports: noise from other processes only ever adds time.
        best = {side: min(r["wall_s"] for r in rs) for side, rs in runs.items()}
        spread = {
            s: max(r["wall_s"] for r in rs) / min(r["wall_s"] for r in rs) for s, rs in runs.items()
        }

        print()
        print(
            f"{'side':<22} {'wall s':>8} {'build s':>8} {'cpu s':>8} {'peak RSS MB':>12}"
            f" {'site MB':>8} {'files':>6} {'pages':>6}"
        )
        for side, m in med.items():
            build_s = f"{m['build_s']:8.2f}" if m["build_s"] is not None else f"{'-':>8}"
            print(
                f"{LABELS[side]:<22} {m['wall_s']:8.2f} {build_s} {m['cpu_s']:8.2f}"
                f" {m['peak_rss_mb']:12.1f}"
                f" {m['site_bytes'] / 1e6:8.1f} {m['site_files']:6.0f} {m['pages']:6.0f}"
            )
        print(f"(medians of {args.repeat} builds per side; N = {args.n})")
        print()
        ok_time = print_ratios(
            med, best, "a", "b", target=args.target, repeat=args.repeat, runs=runs
        )
        if not args.ab_only:
            print()
            print("the same with the build cache off (a fresh clone's first build; reported):")
            print_ratios(med, best, "a0", "b", target=args.target, repeat=args.repeat, runs=runs)
            index_count = med["b"]["pages"] - med["b0"]["pages"]
            print(
                f"index and digest pages: {index_count:.0f} pages ({len(digests)} digests);"
                f" plain MkDocs builds them in {best['b'] - best['b0']:.2f} s (best b - best b0);"
                f" the plugin plans the whole site in {plan_s(briefings, digests):.2f} s"
            )
        ok_blog = True
        views: dict[str, int] = {}
        if args.blog:
            print()
            ok_blog = print_ratios(
                med, best, "a", "c", target=args.blog_target, repeat=args.repeat, runs=runs
            )
            # The last build of each side is still on disk.
            views = blog_pages(root / "c" / "site")
            print(
                f"pages of c: {med['c']['pages']:.0f} HTML: "
                + ", ".join(f"{n} {kind}" for kind, n in views.items())
                + ", plus the home page and 404"
            )
        print(
            f"pages of a: {med['a']['pages']:.0f} HTML by folder: "
            + ", ".join(f"{kind} {n}" for kind, n in pages_by_dir(root / "a" / "site").items())
        )
        state_after = plugin_state()
        if state_after != state:
            print(
                f"WARNING: plugins/ changed during the benchmark ({state} -> {state_after}):"
                " side (a)'s runs may have built with different code; run it again"
            )
        if max(spread.values()) > 1.15:
            print(
                f"NOTE: wall times vary up to {max(spread.values()):.2f}x between runs of a side;"
                " the machine is busy: trust the cpu ratio more, or use a larger --repeat"
            )

        if args.profile:
            profiles = {side: root / f"{side}.prof" for side in configs}
            for side, config in configs.items():
                build(config, profile=profiles[side])
            print_profiles(profiles)

        passed = ok_time and ok_blog
        if args.json:
            checks = {"time": ok_time}
            if args.blog:
                checks["blog_time"] = ok_blog
            result = {
                "n": args.n,
                "repeat": args.repeat,
                "seed": args.seed,
                "target": args.target,
                "blog_target": args.blog_target if args.blog else None,
                "python": platform.python_version(),
                "platform": platform.platform(),
                "versions": {
                    p: metadata.version(p)
                    for p in ("mkdocs", "mkdocs-material", "mkdocs-briefings", "markdown")
                },
                "plugin_state": [state, state_after],
                "median": med,
                "runs": runs,
                "best_wall_s": best,
                "ratio": _ratios(med, best, "a", "b", runs),
                "ratio_cache_off": None if args.ab_only else _ratios(med, best, "a0", "b", runs),
                "ratio_a_c": _ratios(med, best, "a", "c", runs) if args.blog else None,
                "pages_a": pages_by_dir(root / "a" / "site"),
                "pages_c": views or None,
                "wall_spread": spread,
                "pass": checks,
            }
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
            print(f"results written to {args.json}")
        return 1 if args.check and not passed else 0
    finally:
        if temp and not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        elif temp:
            print(f"kept {root}")


if __name__ == "__main__":
    sys.exit(main())
