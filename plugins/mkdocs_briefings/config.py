"""The plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BriefingsConfig(base.Config):
    """Options of the ``briefings`` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. ``enabled: !ENV [BRIEFINGS, true]``)."""

    briefings_dir = c.Dir(exists=True, default="briefings")
    """Folder of briefing YAML files, relative to mkdocs.yml."""

    url_prefix = c.Type(str, default="briefings")
    """Folder of the generated pages in the site: briefings/<slug>/."""

    page_template = c.Type(str, default="briefing.html")
    """Theme template for briefing pages (docs/overrides/briefing.html wins if present)."""

    recent_limit = c.Type(int, default=5)
    """How many other briefings the "Recent briefings" list on each page shows."""

    latest_limit = c.Type(int, default=10)
    """How many briefings the home page template lists."""

    words_per_minute = c.Type(int, default=200)
    """Reading speed used for the reading time in each briefing's header."""

    digests_dir = c.Type(str, default="digests")
    """Folder of digest YAML files, inside briefings_dir (its files are not briefings)."""

    page_size = c.Type(int, default=25)
    """Briefings per page of the category, tag, source and story listings."""

    feed_limit = c.Type(int, default=50)
    """How many of the newest briefings (and digests) each feed carries."""

    related_limit = c.Type(int, default=3)
    """How many related briefings end each briefing page."""

    cache = c.Type(bool, default=True)
    """Keep what reading made of each briefing (and its page's Markdown) in ``cache_dir``
    between builds, keyed by the files' content: unchanged files are not parsed again."""

    cache_dir = c.Type(str, default=".cache/plugin/briefings")
    """Folder of the build cache, relative to mkdocs.yml (Material keeps its caches in
    ``.cache/plugin/`` too); it gets a ``.gitignore`` so git leaves it alone."""

    search = c.Choice(("material", "pagefind"), default="material")
    """Search engine: Material's lunr index (one download of every page), or ``pagefind``: a
    chunked Pagefind index behind Material's search box, for large sites (needs
    ``pip install 'mkdocs-briefings[pagefind]'`` and Material's ``search`` plugin)."""
