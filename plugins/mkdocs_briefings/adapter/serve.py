"""`mkdocs serve`: watching briefings/, and incremental rebuilds under `--dirty` that render
the pages an edit affects, only.

MkDocs' ``--dirty`` keeps the site folder between rebuilds and skips a page whose file says it
is not modified. On its own that serves stale pages: generated pages always count as modified,
hand-written ones only by their own mtime (the home page's latest briefings go stale), deleted
pages stay, and Material's search index keeps only what the last rebuild rendered. This module
makes it exact:

- every generated page gets a fingerprint of everything its output depends on (its own YAML,
  the teasers its recent, related and story lists show, its HTML and metadata, and what the
  whole site shares: mkdocs.yml, the plugin options, hand-written files and theme templates);
  a page is rebuilt when its fingerprint changed;
- hand-written pages and pages in the navigation are always rebuilt (few, and they show the
  latest briefings or navigation titles);
- files the previous build wrote and this one did not (a deleted briefing, a renamed slug, a tag
  no longer used) are deleted;
- the search index is merged: the entries of rebuilt pages replace their old ones, entries of
  pages that are gone are dropped.

tests/integration/test_incremental.py proves it: after each of a series of edits, the site an
incremental rebuild leaves is identical to a clean full build of the same sources.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket, BytecodeCache

from ..reading import stamp
from ..writing import write_atomically
from .config import project_root
from .problems import add_box, check_port, error_pages, problems_box
from .watch import watch_with_events

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping, Sequence

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from watchdog.observers.api import BaseObserver

    from ..errors import Problem
    from ..plan import SitePlan
    from ..reading import Stamp

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SEARCH_PLUGIN = "material/search"
SEARCH_INDEX = Path("search") / "search_index.json"
DIRTY_WARNING = "A 'dirty' build is being performed"


class TemplateCache(BytecodeCache):
    """Compiled theme templates kept across rebuilds: MkDocs makes a new Jinja environment for
    each build, and compiling Material's templates again takes a few tenths of a second.

    Jinja checks each entry against its template's source, so an edited template compiles anew.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Incremental:
    """What the previous build of this `mkdocs serve --dirty` session left, to compare with."""

    fingerprints: dict[str, Hashable] = field(default_factory=dict)
    """By src path: the fingerprint each generated page was last built with."""
    outputs: set[str] = field(default_factory=set)
    """Every file the last build wrote (absolute paths)."""
    search: dict[str, list[str]] | None = None
    """Search index entries (as JSON) by page location, or None before the first build."""
    built: set[str] = field(default_factory=set)
    """URLs of the pages this build rendered."""
    planned: tuple[int, int] = (0, 0)
    """Generated pages to rebuild, of all generated pages."""
    templates: TemplateCache = field(default_factory=TemplateCache)
    _site_wide: Hashable = None

    def plan(
        self,
        files: Files,
        generated: dict[str, Hashable],
        *,
        site_wide: Hashable,
        always: Iterable[str],
    ) -> None:
        """Mark which pages this build renders.

        Args:
            files: The build's files.
            generated: The fingerprint of each generated page, by src path.
            site_wide: What every page depends on; when it changes, every page is rebuilt.
            always: Src paths of generated pages to rebuild anyway (pages in the navigation).
        """
        self.built = set()
        # What every page depends on is compared once, not once per page (it holds the stamp
        # of every hand-written file and template: 15,000 comparisons took a quarter second).
        previous = self.fingerprints if site_wide == self._site_wide else {}
        fingerprints = dict(generated)
        rebuild = {uri for uri, fp in fingerprints.items() if previous.get(uri) != fp}
        rebuild.update(always)
        for file in files.documentation_pages():
            _set_modified(file, file.src_uri in rebuild or file.src_uri not in fingerprints)
        self.fingerprints, self._site_wide = fingerprints, site_wide
        self.planned = (len(rebuild & fingerprints.keys()), len(fingerprints))

    def finish(self, config: MkDocsConfig, files: Files, extra_outputs: Iterable[str]) -> None:
        """After the build: delete what no page produces any more; merge the search index."""
        site = Path(config.site_dir)
        outputs = {os.path.normpath(f.abs_dest_path) for f in files}
        outputs |= {os.path.normpath(site / p) for p in extra_outputs}
        for stale in sorted(self.outputs - outputs):
            _remove(Path(stale), site)
        self.outputs = outputs
        if SEARCH_PLUGIN in config.plugins:
            pages = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()}
            self._merge_search(site / SEARCH_INDEX, pages)
        log.info(
            "briefings: incremental rebuild: %s of %s generated pages rendered",
            f"{self.planned[0]:,}",
            f"{self.planned[1]:,}",
        )

    def _merge_search(self, index: Path, pages: set[str]) -> None:
        """Material wrote the entries of the pages this build rendered; add everyone else's.

        Each page's entries are kept as serialised JSON, so a rebuild serialises only the pages
        it rendered (the whole index is 50 MB at 10,000 briefings).
        """
        try:
            data = json.loads(index.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        fresh: dict[str, list[str]] = {}
        for entry in data.get("docs", []):
            location = entry["location"].split("#", 1)[0]
            fresh.setdefault(location, []).append(json.dumps(entry, ensure_ascii=False))
        merged = {} if self.search is None else dict(self.search)
        for url in self.built:  # rendered now: its new entries (none if excluded from search)
            merged[url] = fresh.get(url, [])
        for url, entries in fresh.items():
            merged.setdefault(url, entries)
        self.search = {url: entries for url, entries in merged.items() if url in pages}
        head = json.dumps({k: v for k, v in data.items() if k != "docs"}, ensure_ascii=False)
        docs = ",".join(entry for entries in self.search.values() for entry in entries)
        text = f'{head[:-1]}{", " if len(head) > 2 else ""}"docs":[{docs}]}}'
        write_atomically(index, text, durable=False)  # the preview's: made again on each save


def reset_search_merge(config: MkDocsConfig) -> None:
    """Stop Material's own --dirty merge, which assumes one page per rebuild: we merge instead."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is not None and hasattr(plugin, "search_index_prev"):
        plugin.search_index_prev = None


class QuietDirtyWarning(logging.Filter):
    """Drops MkDocs' warning about dirty builds: with the plugin's planning they are exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def template_stamps(dirs: Iterable[str]) -> tuple[tuple[str, Stamp | None], ...]:
    """Every theme template's path and stamp: a changed override rebuilds every page."""
    found = []
    for folder in dirs:
        for parent, _, names in os.walk(folder):
            for name in names:
                if name.endswith((".html", ".xml")):  # assets are in `files` (file_stamps)
                    path = os.path.join(parent, name)
                    found.append((path, stamp(path)))  # None: a lock file, or deleted meanwhile
    return tuple(sorted(found))


def file_stamps(files: Iterable[File]) -> tuple[tuple[str, Stamp | None], ...]:
    """The stamp of every file read from disk (hand-written pages, theme assets)."""
    return tuple(
        (file.src_uri, stamp(file.abs_src_path))
        for file in files
        if file.abs_src_path and not file.generated_by
    )


def _set_modified(file: File, modified: bool) -> None:
    """Tell MkDocs' --dirty build whether to render ``file``'s page."""
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]


def _remove(path: Path, site: Path) -> None:
    """Delete a stale output file inside ``site``, and the folders it leaves empty."""
    if not path.is_relative_to(site) or not path.is_file():
        return
    path.unlink()
    for folder in path.parents:
        if folder == site or not folder.is_relative_to(site):
            break
        try:
            folder.rmdir()
        except OSError:
            break


class DevServer:
    """What `mkdocs serve` keeps across its rebuilds: the watcher of briefings/ and, with
    --dirty, what the last build rendered (see `Incremental`)."""

    def __init__(self, *, dirty: bool) -> None:
        self.incremental = Incremental() if dirty else None
        self.box = ""
        """The problems box every page shows (see problems.py); '' when there are none."""
        self._quiet = QuietDirtyWarning()
        self._observer: BaseObserver | None = None
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def plan(
        self,
        files: Files,
        config: MkDocsConfig,
        plan: SitePlan,
        options: Mapping[str, Any],
        problems: Sequence[Problem] = (),
    ) -> None:
        """Show ``problems`` in the browser (see problems.py); under --dirty, mark the generated
        pages whose fingerprint changed for rendering."""
        self.box = problems_box(problems)
        root = project_root(config)
        digests = Path(options["briefings_dir"]) / options["digests_dir"]
        layout = plan.options.layout
        for page in error_pages(
            problems, root=root, digests=digests, layout=layout, config=config, files=files
        ):
            files.append(page)
        if self.incremental is None:
            return
        site_wide = (
            file_stamps(files),
            template_stamps(config.theme.dirs),
            repr(options),
            config.config_file_path and os.stat(config.config_file_path).st_mtime_ns,
            self.box,  # Why: every page shows the problems box, or not; stale boxes would stay
        )
        generated = {uri: page.fingerprint for uri, page in plan.pages.items()}
        in_nav = [uri for uri, page in plan.pages.items() if page.in_nav]
        self.incremental.plan(files, generated, site_wide=site_wide, always=in_nav)
        reset_search_merge(config)

    def env(self, env: Environment) -> None:
        """Under --dirty: templates compiled once per session."""
        if self.incremental is not None:
            env.bytecode_cache = self.incremental.templates

    def rendered(self, url: str) -> None:
        """Note a page this build rendered (its search entries replace the old ones)."""
        if self.incremental is not None:
            self.incremental.built.add(url)

    def finish(self, config: MkDocsConfig, files: Files) -> None:
        """After a build: drop stale files and merge the search index."""
        if self.incremental is not None:
            outputs = [*config.theme.static_templates, "sitemap.xml.gz"]
            self.incremental.finish(config, files, outputs)

    def failed(self) -> None:
        """A build failed: the next one renders everything (this one may not have written its
        pages)."""
        if self.incremental is not None:
            self.incremental.fingerprints = {}

    def post_page(self, output: str) -> str:
        """A rendered page, with the box of the site's problems while there are any."""
        return add_box(output, self.box)

    def watch(self, server: LiveReloadServer, folder: str) -> None:
        """Before the server starts: stop with one line if its address is taken (see
        `check_port`). Then rebuild and reload the browser when a file in ``folder`` changes:
        watched by the system's file events where it can (see watch.py), else polled."""
        host, port = server.server_address[:2]
        check_port(str(host), int(port))
        self.close()
        self._observer = watch_with_events(server, folder)
        if self._observer is None:
            server.watch(folder)
            return
        shown = os.path.relpath(folder) if Path(folder).is_relative_to(Path.cwd()) else folder
        log.info("briefings: watching '%s' for changes (file events)", shown)

    def close(self) -> None:
        """Stop watching and filtering MkDocs' dirty-build warning."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None
