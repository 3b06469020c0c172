#!/usr/bin/env python3
"""Importer quality on real pages: `briefings import` against people's reading of them.

The corpus is ../shared/corpora/article-extraction-benchmark/: 181 saved pages with the text a
person marked as each page's article (ground-truth.json), and quotes.json, which lists for 40
news pages every direct quote of five words or more with its speaker, in document order. Each
page is imported as a saved file (`import_file`, so the charset path is the editor's) and its
draft compared with those labels:

- text kept: the share of the article's words that the draft keeps (bag of words, as the
  benchmark's own evaluation), and the share of the draft's words that are not the article's;
- boilerplate: drafts with a block that is mostly not the article's text (fewer than half of
  its word trigrams in the article);
- quotes found: labelled quotes that are inside one of the draft's quote callouts;
- speaker right: callouts matched to a label whose speaker is the labelled person (the same
  name, or the surname with the draft's words all in the label's name);
- document order: drafts whose blocks come in the article's order;
- valid apart from TODOs: drafts whose file (`draft_yaml`) has no problem except at a TODO;
- not on the page: draft sentences whose words (clause by clause) are not in the page's text.

The figures are absolute (people's labels are the baseline); ``--json`` keeps them for a later
run to compare with.

    .venv/bin/python bench/import_quality.py
    .venv/bin/python bench/import_quality.py --quotes-only -v      # the 40 labelled pages, listed
    .venv/bin/python bench/import_quality.py --ids 08f7937627 -v   # one page (id prefix)
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark"

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_HONORIFICS = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "prof", "sir", "dame", "lord"}


def normalise(text: str) -> str:
    """Casefolded words only: punctuation, quotation marks and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).casefold()
    text = text.replace("'", "")  # "don't" and "dont" alike
    return " ".join(re.findall(r"\w+", text))


def words(text: str) -> list[str]:
    return normalise(text).split()


def trigrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(max(0, len(tokens) - 2))}


def block_text(block: dict[str, Any]) -> str:
    return str(block.get("paragraph") or block.get("quote") or "")


@dataclass
class PageResult:
    """One page's figures (every count is a plain number, for JSON)."""

    id: str
    url: str
    seconds: float = 0.0
    error: str | None = None
    article_words: int = 0
    kept_words: int = 0
    draft_words: int = 0
    foreign_words: int = 0
    boilerplate: list[str] = field(default_factory=list)
    order_kept: bool = True
    order_breaks: list[str] = field(default_factory=list)
    valid: bool = True
    problems: list[str] = field(default_factory=list)
    not_on_page: list[str] = field(default_factory=list)
    title: str = ""
    title_is_h1: bool = False
    title_is_h1_or_og: bool = False
    published: str = ""
    date_in_url: str | None = None
    labelled: int | None = None  # quotes.json entries for this page, if it has any
    found: int = 0
    missed: list[str] = field(default_factory=list)
    callouts: int = 0
    matched_callouts: int = 0
    right_speaker: int = 0
    wrong_speakers: list[str] = field(default_factory=list)
    unlabelled_callouts: list[str] = field(default_factory=list)
    todos: int = 0


def _speaker_words(name: str) -> list[str]:
    return [w for w in words(name) if w not in _HONORIFICS]


def same_speaker(draft: str, label: str) -> bool:
    """The same person: equal names, or one name's words inside the other's, same surname."""
    a, b = _speaker_words(draft), _speaker_words(label)
    if not a or not b:
        return False
    if a == b:
        return True
    return a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|br|hr|tr|td|th|table|section|article|header"
    r"|footer|nav|aside|blockquote|figure|figcaption|title|main|pre|button|option|label)\b[^>]*"
    r"|img\b[^>]*)>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def _page_text(html: str) -> str:
    """The page's words as a reader sees them: block elements apart, inline ones joined.

    Why not ``itertext``: a word the page splits over inline elements (``tripl<!-- -->e``,
    ``Arte</a><a>mis``) reads as one word, and the draft rightly has it so.
    """
    import lxml.html

    tree = lxml.html.fromstring(html)
    metas = " ".join(tree.xpath("//meta/@content") + tree.xpath("//img/@alt"))
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    markup = lxml.html.tostring(tree, encoding="unicode")
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub(" ", markup))
    return f" {normalise(unescape(text) + ' ' + metas)} "


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])[\"”’)]*\s+", text) if s.strip()]


def _on_page(sentence: str, page: str, pieces: int = 3) -> bool:
    """Whether the sentence's words are on the page in at most ``pieces`` runs.

    Why runs: taking out an attribution ("He had, according to X, killed ...") leaves words
    that are on the page with a gap between them; a sentence made up would not be.
    """
    tokens = normalise(sentence).split()
    for _ in range(pieces):
        if not tokens:
            return True
        low, high = 0, len(tokens)  # the longest prefix on the page
        while low < high:
            middle = (low + high + 1) // 2
            if f" {' '.join(tokens[:middle])} " in page:
                low = middle
            else:
                high = middle - 1
        if low == 0:
            return False
        tokens = tokens[low:]
    return not tokens


def _order(blocks: list[dict[str, Any]], article: str) -> tuple[bool, list[str]]:
    """Whether the blocks that are found in the article come in its order."""
    position, breaks = 0, []
    for block in blocks:
        tokens = words(block_text(block))
        if len(tokens) < 5:
            continue
        key = " ".join(tokens[:6])
        at = article.find(key, position)
        if at >= 0:
            position = at + 1
        elif article.find(key) >= 0:
            breaks.append(block_text(block)[:80])
    return not breaks, breaks


def _problems(draft: Any, name: str) -> list[str]:
    from mkdocs_briefings.errors import BriefingError
    from mkdocs_briefings.importer.command import draft_yaml
    from mkdocs_briefings.loader import read_briefing

    text = draft_yaml(draft.data, draft.todos, Path(name))
    lines = text.split("\n")
    try:
        read_briefing(text, path="draft.yml")
    except BriefingError as exc:
        found = []
        for problem in exc.problems:
            line = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
            if "TODO" in line or "todo" in line or "TODO" in problem.message:
                continue
            found.append(f"{problem.line}:{problem.column}: {problem.message}")
        return found
    return []


Item = tuple[str, str, str, list[dict[str, Any]] | None, str, Path]


def measure_page(item: Item) -> PageResult:
    """Import one saved page and compare its draft with the labels."""
    page_id, url, article, quotes, folder, corpus = item
    from mkdocs_briefings.importer import import_file

    result = PageResult(id=page_id, url=url)
    raw = gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())
    path = Path(folder) / f"{page_id}.html"
    path.write_bytes(raw)
    started = time.perf_counter()
    try:
        draft = import_file(path)
    except Exception as exc:  # a crash is a figure too
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.seconds = time.perf_counter() - started
    data = draft.data
    body = [b for b in data.get("body", []) if isinstance(b, dict)]
    key_points = [str(k) for k in data.get("key_points", []) if not str(k).startswith("TODO")]
    result.todos = len(draft.todos)
    result.title = str(data.get("title", ""))
    result.published = str(data.get("published", ""))
    dated = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url)
    result.date_in_url = "-".join(dated.groups()) if dated else None

    html = raw.decode("utf-8", errors="replace")
    page = _page_text(html)
    import lxml.html

    tree = lxml.html.fromstring(html)
    h1 = [normalise(h.text_content()) for h in tree.xpath("//h1")]
    og = [normalise(str(c)) for c in tree.xpath("//meta[@property='og:title']/@content")]
    result.title_is_h1 = normalise(result.title) in h1
    result.title_is_h1_or_og = normalise(result.title) in h1 + og

    article_words = Counter(words(article))
    texts = [block_text(b) for b in body if not block_text(b).startswith("TODO")] + key_points
    draft_words = Counter(w for t in texts for w in words(t))
    result.article_words = sum(article_words.values())
    result.kept_words = sum((article_words & draft_words).values())
    result.draft_words = sum(draft_words.values())
    result.foreign_words = result.draft_words - result.kept_words

    article_grams = trigrams(words(article))
    for text in texts:
        grams = trigrams(words(text))
        if grams and len(grams & article_grams) < len(grams) / 2:
            result.boilerplate.append(text[:100])
    result.order_kept, result.order_breaks = _order(body, normalise(article))
    result.problems = _problems(draft, path.name)
    result.valid = not result.problems
    for text in texts:
        result.not_on_page += [s for s in _sentences(text) if not _on_page(s, page)]

    callouts = [b for b in body if "quote" in b]
    result.callouts = len(callouts)
    if quotes is not None:
        result.labelled = len(quotes)
        said = [(normalise(str(c["quote"])), c) for c in callouts]
        matched: set[int] = set()
        for label in quotes:
            wanted = normalise(label["quote"])
            hits = [
                i
                for i, (text, _) in enumerate(said)
                if wanted and (wanted in text or (len(text) > 0.8 * len(wanted) and text in wanted))
            ]
            if not hits:
                result.missed.append(label["quote"][:80])
                continue
            result.found += 1
            for i in hits:
                if i in matched:
                    continue
                matched.add(i)
                speaker = str(said[i][1].get("speaker", ""))
                if same_speaker(speaker, label["speaker"]):
                    result.right_speaker += 1
                else:
                    result.wrong_speakers.append(
                        f"{speaker!r} for {label['speaker']!r}: {label['quote'][:60]}"
                    )
        result.matched_callouts = len(matched)
        result.unlabelled_callouts = [
            f"{c.get('speaker')!r}: {str(c['quote'])[:70]}"
            for i, (_, c) in enumerate(said)
            if i not in matched
        ]
    return result


def _share(part: float, whole: float) -> str:
    return f"{part / whole:6.1%}" if whole else "   n/a"


def report(results: list[PageResult], verbose: bool) -> dict[str, Any]:
    """Print the figures; return them as a dict."""
    done = [r for r in results if r.error is None]
    labelled = [r for r in done if r.labelled is not None]
    dated = [r for r in done if r.date_in_url]
    figures: dict[str, Any] = {
        "pages": len(results),
        "crashed": len(results) - len(done),
        "article text kept (words)": sum(r.kept_words for r in done)
        / max(1, sum(r.article_words for r in done)),
        "non-article text left in (words)": sum(r.foreign_words for r in done)
        / max(1, sum(r.draft_words for r in done)),
        "drafts without a boilerplate block": sum(not r.boilerplate for r in done)
        / max(1, len(done)),
        "drafts in document order": sum(r.order_kept for r in done) / max(1, len(done)),
        "drafts valid apart from TODOs": sum(r.valid for r in done) / max(1, len(done)),
        "sentences not on the page": sum(len(r.not_on_page) for r in done),
        "title is the page's h1": sum(r.title_is_h1 for r in done) / max(1, len(done)),
        "title is its h1 or og:title": sum(r.title_is_h1_or_og for r in done) / max(1, len(done)),
        "title left as TODO": sum(r.title.startswith("TODO") for r in done),
        "date found": sum(bool(re.fullmatch(r"\d{4}-\d\d-\d\d", r.published)) for r in done)
        / max(1, len(done)),
        "date agrees with the URL's": f"{sum(r.published == r.date_in_url for r in dated)}"
        f"/{len(dated)}",
        "seconds per page (median)": sorted(r.seconds for r in done)[len(done) // 2] if done else 0,
    }
    if labelled:
        total = sum(r.labelled or 0 for r in labelled)
        matched = sum(r.matched_callouts for r in labelled)
        figures |= {
            "labelled pages": len(labelled),
            "labelled quotes": total,
            "quotes found": sum(r.found for r in labelled) / max(1, total),
            "callouts (labelled pages)": sum(r.callouts for r in labelled),
            "callouts matched to a label": matched,
            "speaker right (matched callouts)": sum(r.right_speaker for r in labelled)
            / max(1, matched),
            "callouts not matched to a label": sum(len(r.unlabelled_callouts) for r in labelled),
            "labelled drafts in document order": sum(r.order_kept for r in labelled)
            / len(labelled),
        }
    if verbose:
        for r in results:
            print(f"\n== {r.id[:10]} {r.url}")
            if r.error:
                print(f"   CRASH {r.error}")
                continue
            print(f"   title: {r.title[:90]!r}  published: {r.published}  todos: {r.todos}")
            print(
                f"   kept {_share(r.kept_words, r.article_words)} of the article; "
                f"{_share(r.foreign_words, r.draft_words)} of the draft is not the article"
            )
            for label, items in (
                ("boilerplate", r.boilerplate),
                ("out of order", r.order_breaks),
                ("problem", r.problems),
                ("NOT ON PAGE", r.not_on_page),
                ("wrong speaker", r.wrong_speakers),
                ("unlabelled callout", r.unlabelled_callouts),
                ("missed quote", r.missed if verbose else []),
            ):
                for item in items:
                    print(f"   {label}: {item}")
    print()
    for name, value in figures.items():
        shown = (
            f"{value:.1%}"
            if isinstance(value, float) and name != "seconds per page (median)"
            else value
        )
        if name == "seconds per page (median)":
            shown = f"{value:.3f}"
        print(f"{name:40} {shown}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--ids", nargs="*", default=None, help="only pages whose id starts so")
    parser.add_argument("--quotes-only", action="store_true", help="only the 40 labelled pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each page's faults")
    args = parser.parse_args(argv)

    corpus = args.corpus
    if not (corpus / "ground-truth.json").is_file():
        print(f"{corpus}: no ground-truth.json; pass --corpus", file=sys.stderr)
        return 2
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    quotes = {
        p["id"]: p["quotes"]
        for p in json.loads((corpus / "quotes.json").read_text(encoding="utf-8"))["pages"]
    }
    ids = sorted(quotes) if args.quotes_only else sorted(truth)
    if args.ids:
        ids = [i for i in ids if any(i.startswith(prefix) for prefix in args.ids)]
    with tempfile.TemporaryDirectory() as folder:
        items = [
            (i, truth[i]["url"], truth[i]["articleBody"], quotes.get(i), folder, corpus)
            for i in ids
        ]
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(measure_page, items, chunksize=4))
        elapsed = time.perf_counter() - started
    figures = report(results, args.verbose)
    print(f"{'wall time':40} {elapsed:.1f} s")
    if args.json:
        args.json.write_text(
            json.dumps({"figures": figures, "pages": [asdict(r) for r in results]}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
