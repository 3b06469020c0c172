"""Writing files so that readers never see half of one (pure of MkDocs)."""

from __future__ import annotations

import errno
import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_atomically(
    path: Path, text: str | bytes, *, replace: bool = True, durable: bool = True
) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` through a temporary file, so readers never
    see half a file.

    The text is flushed to disk before the file takes its name, and an interruption (Ctrl-C, a
    full disk) leaves neither a partial file nor the temporary one. With ``replace=False`` an
    existing file is never replaced, even one that appears while writing. With
    ``durable=False`` the text is not forced to disk first: for a file that is made again
    anyway (a preview's search index), where the wait is the cost.

    Raises:
        FileExistsError: when ``replace`` is False and ``path`` exists.
        OSError: when the file cannot be written (the disk is full, a permission is missing).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600: others (CI, a web server) may read it too
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode() if isinstance(text, str) else text)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _link_new(tmp: str, path: Path) -> None:
    """Give the written file its name only if the name is free (no check-then-write race)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network drives): check, then rename
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)
