"""Watching the briefings folder under `mkdocs serve` with the system's file events.

Why: MkDocs' server polls every watched folder twice a second, taking a snapshot of every file
in it. At 10,000 briefings one snapshot costs 60-100 ms of the interpreter, so while a rebuild
runs the poller takes a share of it, and a save is noticed up to half a second late. The
system's own notifications (inotify, FSEvents, ReadDirectoryChangesW, through watchdog, which
MkDocs already uses) cost nothing until a file changes.

Waking the server's rebuild loop has no public API: this does what MkDocs' own watch callback
does (mkdocs/livereload, unchanged through MkDocs 1.6, the last 1.x). When the server lacks
those attributes or the system cannot watch, the folder is polled by MkDocs as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from watchdog.events import (
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver

# Reading a file (the build reads every briefing) is an event too on Linux: only changes count.
CHANGES = frozenset((EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED))


class _Rebuild(FileSystemEventHandler):
    """Asks the server for a rebuild when a file (not a folder) changes."""

    def __init__(self, server: Any) -> None:
        self._server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        with self._server._rebuild_cond:  # private: see the module docstring
            self._server._want_rebuild = True
            self._server._rebuild_cond.notify_all()


def watch_with_events(server: Any, path: str) -> BaseObserver | None:
    """Watch ``path`` (recursively) for ``server`` with the system's file events.

    Returns:
        The started observer (stop it when serving ends), or None when the server or the
        system cannot do this: then the caller lets the server poll ``path`` instead.
    """
    if not (hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")):
        return None
    observer = Observer()
    try:
        observer.schedule(_Rebuild(server), path, recursive=True)
        observer.start()
    except OSError:  # e.g. inotify's watch or instance limit reached
        return None
    return observer
