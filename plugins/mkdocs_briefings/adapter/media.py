"""Image files for the plan: lead images' sizes and smaller copies, and share cards.

The plan (core) needs to know each local lead image's size and smaller copies (`Media`), and
says which share cards to draw (`SitePlan.share_cards`); this step reads the image files in
docs/, has `images` make what is missing (kept in the image cache, under ``cache_dir``), and
hands MkDocs the files to copy into the site. Files are copied from the cache, not held in
memory: 10,000 share cards are 10,000 files.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from ..images import (
    ImageCache,
    card_key,
    image_size,
    is_raster,
    make_share_card,
    variant_sizes,
    variants_key,
)
from ..render.html import Media

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from mkdocs.config.defaults import MkDocsConfig

    from ..entries import Entry
    from ..plan import ShareCard

log = logging.getLogger("mkdocs.plugins.briefings")

VARIANTS_DIR = "assets/briefings/images"


def image_cache(root: Path, cache_dir: str, *, enabled: bool) -> ImageCache:
    """The image cache: ``<cache_dir>/images``, or none when the build cache is off."""
    return ImageCache((root / cache_dir / "images") if enabled else None)


def read_media(
    entries: Iterable[Entry],
    docs_dir: Path,
    cache: ImageCache,
    widths: Sequence[int],
) -> tuple[dict[str, Media], dict[str, Path | bytes]]:
    """What the build knows of each local lead image, by src, and the smaller copies to add
    to the site (by path in the site: a file in the cache, or the bytes when it has none).

    An image file that is missing or unreadable is left out (the page shows it without a size;
    MkDocs' own link validation reports a missing file)."""
    media: dict[str, Media] = {}
    copies: dict[str, Path | bytes] = {}
    sources = {
        e.briefing.image.src
        for e in entries
        if e.briefing.image and e.briefing.image.src and e.briefing.image.is_local
    }
    for src in sorted(sources):
        try:
            data = (docs_dir / src).read_bytes()
        except OSError:
            continue
        size = image_size(data, name=src)
        if size is None:
            continue
        variants: list[tuple[str, int]] = []
        if is_raster(src):
            try:
                made = _variants(data, size, cache, widths)
            except ValueError as error:  # Pillow cannot read it: shown as it is
                log.warning("briefings: docs/%s: %s; no smaller copies made", src, error)
                made = {}
            key = variants_key(data, widths)[:8]
            for width, content in made.items():
                uri = f"{VARIANTS_DIR}/{Path(src).stem}-{key}-{width}.webp"
                copies[uri] = content
                variants.append((uri, width))
        media[src] = Media(size[0], size[1], tuple(variants))
    return media, copies


def _variants(
    data: bytes, size: tuple[int, int], cache: ImageCache, widths: Sequence[int]
) -> dict[int, Path | bytes]:
    """The smaller copies of one raster image of ``size``, by width, narrowest first: files
    in the cache, made (all at once) when one is missing."""
    key = variants_key(data, widths)
    kept = {w: cache.path(f"{key}-{w}.webp") for w, _ in variant_sizes(size, widths)}
    if any(path is None for path in kept.values()):
        made = {v.width: v.data for v in cache.variants(data, widths)}
        return {w: cache.path(f"{key}-{w}.webp") or made[w] for w in sorted(made)}
    return {w: path for w, path in kept.items() if path is not None}


def share_card_files(
    cards: Mapping[str, ShareCard], site_name: str, cache: ImageCache
) -> dict[str, Path | bytes]:
    """Every share card, by path in the site: drawn once per headline, category and site
    name, then copied from the cache. Many missing cards (a first build) are drawn on every
    core (`draw_cards`)."""
    files: dict[str, Path | bytes] = {}
    missing: dict[str, tuple[str, str, str, str]] = {}
    for uri, card in cards.items():
        key = card_key(card.title, card.category, site_name, card.accent)
        kept = cache.path(f"{key}.png")
        if kept is None:
            missing[uri] = (key, card.title, card.category, card.accent)
        else:
            files[uri] = kept
    drawn = draw_cards(
        [(title, category, site_name, accent) for _, title, category, accent in missing.values()]
    )
    for (uri, (key, *_)), data in zip(missing.items(), drawn, strict=True):
        cache.write(f"{key}.png", data)
        files[uri] = cache.path(f"{key}.png") or data
    return files


PARALLEL_MIN = 64
"""Fewer missing cards than this are drawn in this process (a worker takes ~0.3 s to start)."""


def draw_cards(specs: Sequence[tuple[str, str, str, str]]) -> list[bytes]:
    """Share cards of (title, category, site name, accent) specs, in order. Why processes:
    a card takes ~10 ms of CPU in Pillow, so a first build of 10,000 briefings spends 100 s
    drawing on one core. Workers are started afresh ('spawn'), never forked: `mkdocs serve`
    runs threads, and a fork copies their locks."""
    workers = min(len(os.sched_getaffinity(0)), 8)
    if len(specs) < PARALLEL_MIN or workers < 2:
        return [_draw(spec) for spec in specs]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_draw, specs, chunksize=max(1, len(specs) // (workers * 4))))


def _draw(spec: tuple[str, str, str, str]) -> bytes:
    title, category, site_name, accent = spec
    return make_share_card(title=title, category=category, site_name=site_name, accent=accent)


def make_files(config: MkDocsConfig, made: dict[str, Path | bytes]) -> list[File]:
    """MkDocs files for images: copied from the cache, or written from bytes."""
    return [
        File.generated(config, uri, abs_src_path=str(source))
        if isinstance(source, Path)
        else File.generated(config, uri, content=source)
        for uri, source in made.items()
    ]
