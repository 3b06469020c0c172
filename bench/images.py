#!/usr/bin/env python3
"""Image benchmark: share cards, srcset variants and their cache, per image and per site.

Times, in this process, each step the build would take per briefing (images.py):

* ``card``: `make_share_card` for N synthetic briefings (bench/run.py's generator: same seed,
  same titles and categories), each title once;
* ``card, not ASCII``: the same for N/4 cards of a few real-world titles with accents,
  typographic dashes and quotes, Greek and Cyrillic (each character checked in the font) and
  Arabic (left out: the site name instead);
* ``variants``: `make_variants` of the sample lead image (1600x900 JPEG,
  docs/assets/images/tiravani-supercomputer.jpg), three WebP widths, R times;
* ``card hit`` / ``variants hit``: the same through `ImageCache` once they are kept (key, read
  from a folder in /dev/shm when there is one, else the system's temp folder).

It prints the median wall time (and 90th percentile) and the median CPU time per image, the
PNG and WebP sizes, and what a build of 1,000 and 10,000 briefings would spend on them in one
process, from the median wall times: cold (nothing kept, every briefing with a raster lead
image as large as the sample) and warm (everything kept).

    .venv/bin/python bench/images.py                     # 200 cards, 7 variant runs
    .venv/bin/python bench/images.py --cards 1000 --repeat 15 --json bench/out/images.json
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "plugins")]

import run  # noqa: E402  (bench/run.py: the synthetic briefings)

from mkdocs_briefings.images import (  # noqa: E402
    ImageCache,
    card_key,
    make_share_card,
    make_variants,
)

if TYPE_CHECKING:
    from collections.abc import Callable

SAMPLE = BENCH.parent / "docs" / "assets" / "images" / "tiravani-supercomputer.jpg"
SITE = "Briefings"
ACCENTS = ["#b5523b", "#2f6f73", "#d49a3a", "#3d5a80", "#6b7f5a", "#1a73e8", "#ffd23f"]
SITES = (1000, 10000)
NOT_ASCII = [
    ("São Paulo’s mayor — a profile of Łódź-born Zoë Ørsted", "World"),
    ("Kraków’s café owners call the new levy “a disaster” – and vow to fight it", "Économie"),
    ("Η Αθήνα ψηφίζει: ο δήμαρχος υπόσχεται νέα μετρό και πάρκα", "Πολιτική"),
    ("Выборы в Москве: мэр обещает новое метро и парки к 2030 году", "Политика"),
    ("Straße für Straße: Münchens Bürger stimmen über Tempo 30 ab", "Städte"),
    ("انتخابات في المدينة", "World"),
]


def timed(call: Callable[[], Any]) -> tuple[tuple[float, float], Any]:
    """(wall, CPU) seconds of ``call()``, and its result."""
    start, cpu = time.perf_counter(), time.process_time()
    result = call()
    return (time.perf_counter() - start, time.process_time() - cpu), result


def stats(seconds: list[tuple[float, float]]) -> dict[str, float]:
    """Median and 90th percentile of the wall times, and the median CPU time, in ms.

    Why both: on a busy machine (other builds and tests beside this), wall time includes the
    waits for a CPU; the CPU time is what the work itself takes.
    """
    wall = sorted(w for w, _ in seconds)
    return {
        "median_ms": statistics.median(wall) * 1000,
        "p90_ms": wall[int(0.9 * (len(wall) - 1))] * 1000,
        "cpu_median_ms": statistics.median(c for _, c in seconds) * 1000,
        "n": len(wall),
    }


def briefings(n: int, seed: int) -> list[tuple[str, str, str]]:
    """(title, category, accent) of N synthetic briefings."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        briefing = run.make_briefing(rng)
        accent = ACCENTS[run.CATEGORIES.index(briefing["category"]) % len(ACCENTS)]
        out.append((briefing["title"], briefing["category"], accent))
    return out


def measure(n_cards: int, repeat: int, seed: int, folder: Path) -> dict[str, Any]:
    items = briefings(n_cards, seed)
    make_share_card(title="warm-up", category="World", site_name=SITE, accent="#000000")
    card_times, cards = [], []
    for title, category, accent in items:
        card = functools.partial(
            make_share_card, title=title, category=category, site_name=SITE, accent=accent
        )
        seconds, data = timed(card)
        card_times.append(seconds)
        cards.append(data)
    sizes = [len(data) for data in cards]
    other_times = []
    for i in range(max(1, n_cards // 4)):
        title, category = NOT_ASCII[i % len(NOT_ASCII)]
        card = functools.partial(
            make_share_card, title=title, category=category, site_name=SITE, accent=ACCENTS[0]
        )
        other_times.append(timed(card)[0])

    sample = SAMPLE.read_bytes()
    variant_times = []
    for _ in range(repeat):
        seconds, variants = timed(lambda: make_variants(sample))
        variant_times.append(seconds)

    cache = ImageCache(folder)
    for (title, category, accent), data in zip(items, cards, strict=True):
        cache.get_or_make(card_key(title, category, SITE, accent), functools.partial(bytes, data))
    cache.variants(sample)
    hits = ImageCache(folder)  # the next build's
    hit_times = []
    for title, category, accent in items:
        hit = functools.partial(_hit, hits, title, category, accent)
        hit_times.append(timed(hit)[0])
    variant_hit_times = [timed(lambda: hits.variants(sample))[0] for _ in range(repeat * 10)]

    return {
        "card": stats(card_times),
        "card_not_ascii": stats(other_times),
        "card_bytes": {
            "median": statistics.median(sizes),
            "min": min(sizes),
            "max": max(sizes),
        },
        "variants": stats(variant_times),
        "variant_bytes": {f"{v.width}x{v.height}": len(v.data) for v in variants},
        "sample_bytes": len(sample),
        "card_hit": stats(hit_times),
        "variants_hit": stats(variant_hit_times),
        "cache_folder": str(folder),
    }


def _hit(cache: ImageCache, title: str, category: str, accent: str) -> bytes:
    """A kept card, as the next build gets it: its key made, its file read."""
    return cache.get_or_make(card_key(title, category, SITE, accent), _not_kept)


def _not_kept() -> bytes:
    raise AssertionError("a card expected in the cache was made again")


def report(result: dict[str, Any]) -> None:
    rows = [
        ("card", result["card"]),
        ("card, not ASCII", result["card_not_ascii"]),
        ("variants (3 widths)", result["variants"]),
        ("card hit", result["card_hit"]),
        ("variants hit", result["variants_hit"]),
    ]
    print(f"{'per image':<22}{'median ms':>11}{'p90 ms':>9}{'CPU ms':>9}{'n':>6}")
    for name, row in rows:
        print(
            f"{name:<22}{row['median_ms']:>11.2f}{row['p90_ms']:>9.2f}"
            f"{row['cpu_median_ms']:>9.2f}{row['n']:>6}"
        )
    cards = result["card_bytes"]
    print(
        f"card PNG: median {cards['median'] / 1024:.1f} KiB "
        f"(min {cards['min'] / 1024:.1f}, max {cards['max'] / 1024:.1f})"
    )
    widths = ", ".join(f"{k} {v / 1024:.1f} KiB" for k, v in result["variant_bytes"].items())
    print(f"variants WebP: {widths} (from a {result['sample_bytes'] / 1024:.1f} KiB JPEG)")
    card, variants = result["card"]["median_ms"], result["variants"]["median_ms"]
    card_hit, variants_hit = result["card_hit"]["median_ms"], result["variants_hit"]["median_ms"]
    print(f"\n{'projected, one process':<28}" + "".join(f"{n:>10,}" for n in SITES))
    lines = [
        ("cold: cards", card),
        ("cold: cards + variants", card + variants),
        ("warm: cards", card_hit),
        ("warm: cards + variants", card_hit + variants_hit),
    ]
    for name, ms in lines:
        print(f"{name + ' (s)':<28}" + "".join(f"{ms * n / 1000:>10.1f}" for n in SITES))
    result["projected_s"] = {name: {n: ms * n / 1000 for n in SITES} for name, ms in lines}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=200, help="synthetic briefings (200)")
    parser.add_argument("--repeat", type=int, default=7, help="make_variants runs (7)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    shm = Path("/dev/shm")  # noqa: S108  # only ever a parent for TemporaryDirectory
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as temp:
        result = measure(args.cards, args.repeat, args.seed, Path(temp) / "images")
    report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
