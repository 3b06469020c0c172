"""``search: pagefind``: a chunked Pagefind index behind Material's search box, instead of lunr.

Material's lunr search downloads one index of every page before it can show a result (about
4.4 KB a briefing, 44 MB at 10,000). Pagefind splits its index into small compressed chunks
and the browser fetches only those the query needs. This module runs Pagefind's indexer over
the built site, and hands Material's search box to ``assets/briefings-pagefind.js``: each page's
search component is renamed, so Material's own search neither mounts nor downloads its index.
"""

from __future__ import annotations

import re
import subprocess
import time
from importlib import resources
from typing import TYPE_CHECKING, Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from collections.abc import MutableMapping
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = ["BUNDLE_DIR", "SCRIPT", "PagefindSearch", "build_index", "take_over_search_box"]

SCRIPT_NAME = "briefings-pagefind.js"
SCRIPT = f"assets/javascripts/{SCRIPT_NAME}"
"""Where the search script goes in the site (the script finds the site root from it)."""
BUNDLE_DIR = "pagefind"
"""Pagefind's output folder in the site: pagefind.js, its worker and WebAssembly, the index."""

INSTALL_HINT = "pip install 'mkdocs-briefings[pagefind]'"
# Text that Material's search leaves out (data-search-exclude), left out of Pagefind's index too.
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink")

# Material's search component and form, as partials/search.html writes them. Material mounts
# its search on [data-md-component=search] and fetches search_index.json when a form is named
# "search"; renamed, neither happens and the markup (and so the look) stays Material's.
_COMPONENT = ('data-md-component="search"', 'data-md-component="briefings-search"')
_FORM = (
    '<form class="md-search__form" name="search">',
    '<form class="md-search__form" name="briefings-search">',
)
_INDEXED = re.compile(r"Indexed ([0-9,]+) pages?")


def find_pagefind() -> Path:
    """The Pagefind binary, as the ``pagefind`` package finds it.

    That is ``$PAGEFIND_BINARY_PATH``, else the binary of the ``pagefind-bin`` package (which
    ``pagefind[bin]`` installs), else ``pagefind`` on ``PATH``.

    Raises:
        PluginError: the package or its binary is missing; the message says what to install.
    """
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PluginError(
            f"briefings: 'search: pagefind' needs the pagefind package: {INSTALL_HINT}"
        ) from None
    binary = get_executable()
    if binary is None or not binary.is_file():
        raise PluginError(
            "briefings: 'search: pagefind' found no Pagefind binary: "
            f"{INSTALL_HINT}, or set PAGEFIND_BINARY_PATH"
        )
    return binary


def check_search_box(config: MkDocsConfig) -> None:
    """Refuse a site whose pages have no search box for Pagefind to take over.

    Raises:
        PluginError: Material's search plugin is missing or disabled.
    """
    search = config.plugins.get("material/search")
    if search is None or not search.config.get("enabled", True):
        raise PluginError(
            "briefings: 'search: pagefind' shows its results in the search box of Material's "
            "search plugin: keep '- search' in mkdocs.yml's plugins"
        )


def add_script(config: MkDocsConfig) -> None:
    """Load the search script (an ES module) on every page, after Material's own scripts."""
    if not any(str(script) == SCRIPT for script in config.extra_javascript):
        script = ExtraScriptValue(SCRIPT)
        script.type = "module"  # for import.meta.url and import()
        config.extra_javascript.append(script)


def write_script(site_dir: Path) -> None:
    """Put the search script at ``SCRIPT`` in the built site."""
    target = site_dir / SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((resources.files("mkdocs_briefings") / "assets" / SCRIPT_NAME).read_bytes())


def exclude_from_lunr(meta: MutableMapping[str, Any]) -> None:
    """Keep a page out of Material's lunr index, which nothing downloads with Pagefind on.

    Material's search plugin skips a page whose metadata says ``search: {exclude: true}``;
    without this it would still write (and the site would still ship) its whole index.
    """
    search = meta.get("search")
    meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}


def take_over_search_box(html: str) -> str:
    """Rename Material's search component in one page, for the Pagefind script to drive.

    A page without Material's search markup comes back unchanged.
    """
    for old, new in (_COMPONENT, _FORM):
        html = html.replace(old, new, 1)
    return html


def build_index(site_dir: Path, *, binary: Path) -> str:
    """Index the built site with Pagefind into ``site_dir/pagefind/``.

    Only what ``data-pagefind-body`` marks is indexed (the briefing article), less
    ``data-pagefind-ignore`` and ``EXCLUDE_SELECTORS``.

    Returns:
        Pagefind's summary, e.g. ``"Indexed 10000 pages in 12.3 s"``.

    Raises:
        PluginError: Pagefind could not run or failed; the message carries its own error.
    """
    command = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    start = time.perf_counter()
    try:
        # The binary and the site folder come from this build's own setup, not from content.
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as exc:
        raise PluginError(f"briefings: could not run Pagefind ({binary}): {exc}") from None
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise PluginError(
            f"briefings: Pagefind could not index {site_dir} (exit {done.returncode}): "
            + _error_text(done.stderr or done.stdout)
        )
    indexed = _INDEXED.search(done.stdout)
    pages = indexed.group(1) if indexed else "?"
    return f"Indexed {pages} pages in {seconds:.1f} s"


def _error_text(output: str) -> str:
    """Pagefind's own error lines (``Error: ...``), or its last lines when it printed none."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error")]
    return " ".join(dict.fromkeys(errors or lines[-3:])) or "no output"


class PagefindSearch:
    """What ``search: pagefind`` adds to a build, one method per MkDocs event it uses."""

    def __init__(self, config: MkDocsConfig) -> None:
        """Check the setup and load the search script (in ``on_config``).

        Raises:
            PluginError: Pagefind or Material's search box is missing.
        """
        check_search_box(config)
        self.binary = find_pagefind()
        add_script(config)

    def page_markdown(self, page: Page) -> None:
        """Keep ``page`` out of Material's lunr index (``on_page_markdown``)."""
        exclude_from_lunr(page.meta)

    def post_page(self, html: str) -> str:
        """Hand the page's search box to the script (``on_post_page``, and 404.html's)."""
        return take_over_search_box(html)

    def post_build(self, site_dir: Path) -> str:
        """Write the script and the index into the built site (``on_post_build``).

        Returns:
            Pagefind's summary, for the log.
        """
        write_script(site_dir)
        return build_index(site_dir, binary=self.binary)
