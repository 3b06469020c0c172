"""`mkdocs serve` shows the site's problems in the browser, as Hugo's server does.

While a briefing or digest has problems, every page the server renders carries a box listing
them (``path:line:col: message``), and a broken briefing's own address, which would otherwise
answer "Page not found", shows a page of its problems. `mkdocs build` shows none of this: there
the problems are warnings, and `--strict` fails.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import re
import socket
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from ..entries import make_slug

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from ..catalog import Layout
    from ..errors import Problem

# Inline styles: the box must read the same whatever the theme and its palette.
_BOX = (
    "position:fixed;z-index:1000;left:1rem;right:1rem;bottom:1rem;max-height:45vh;overflow:auto;"
    "margin:0;padding:.75rem 1rem;background:#fff4f4;color:#5c0000;border:2px solid #c00;"
    "border-radius:.3rem;box-shadow:0 .2rem .8rem rgba(0,0,0,.3);font:14px/1.45 sans-serif"
)
_LIST = "margin:.5rem 0 0;padding:0;list-style:none;font:13px/1.5 ui-monospace,monospace"
MAX_SHOWN = 50
"""Problems listed in the box; one more line says how many more there are."""


def problems_box(problems: Sequence[Problem]) -> str:
    """The box listing ``problems`` that every served page shows (escaped), or '' for none."""
    if not problems:
        return ""
    files = len({p.path for p in problems})
    what = "file has" if files == 1 else "files have"
    summary = (
        f"mkdocs serve: {files:,} briefing or digest {what} problems and "
        f"{'is' if files == 1 else 'are'} left out of the site; fix and save to reload"
    )
    return (
        f'<details open class="briefings-problems" role="alert" style="{_BOX}">'
        f'<summary style="cursor:pointer;font-weight:bold">{html.escape(summary)}</summary>'
        f"{problem_list(problems)}</details>"
    )


def problem_list(problems: Sequence[Problem]) -> str:
    """``problems`` as an HTML list of ``path:line:col: message`` lines, escaped."""
    items = "".join(
        f'<li style="white-space:pre-wrap">{html.escape(str(p))}</li>' for p in problems[:MAX_SHOWN]
    )
    if len(problems) > MAX_SHOWN:
        items += f"<li>… and {len(problems) - MAX_SHOWN:,} more (see the terminal)</li>"
    return f'<ul style="{_LIST}">{items}</ul>'


def add_box(output: str, box: str) -> str:
    """``output`` (a page's HTML) with ``box`` just before ``</body>``."""
    if not box or "</body>" not in output:
        return output
    at = output.rindex("</body>")
    return output[:at] + box + output[at:]


def error_pages(
    problems: Sequence[Problem],
    *,
    root: Path,
    digests: Path,
    layout: Layout,
    config: MkDocsConfig,
    files: Files,
) -> list[File]:
    """A page at each broken briefing's address that lists its problems.

    The address is the one the briefing would have: from its 'slug:' or 'title:' line, read
    without YAML (the file may not parse). Digests (files in ``digests``) and addresses
    another page has are left alone.

    Why a plain HTML file, not a themed page: it stays out of the navigation, the search
    index and the sitemap, like Hugo's error page; the server still adds its reload script.
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    pages = []
    for path, found in by_file.items():
        source = (root / path).resolve()
        if source.is_relative_to(digests.resolve()):
            continue
        slug = guess_slug(_read(source))
        uri = layout.briefing(slug) if slug else None
        if uri is None or files.get_file_from_path(uri) is not None:
            continue
        dest = File(uri, None, config.site_dir, config.use_directory_urls).dest_uri
        if files.get_file_from_path(dest) is None:
            pages.append(File.generated(config, dest, content=error_page(path, found)))
    return pages


def error_page(path: str, problems: Sequence[Problem]) -> str:
    """The HTML page shown at a broken briefing's address (every text escaped)."""
    where = html.escape(path)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Problems in {where}</title></head>\n"
        f'<body style="{_PAGE}">\n'
        f"<h1>Problems in <code>{where}</code></h1>\n"
        "<p>This briefing is left out of the site until its problems are fixed. Save the file "
        "and this page reloads; only <code>mkdocs serve</code> shows it.</p>\n"
        f'<div class="briefings-problems">{problem_list(problems)}</div>\n</body></html>\n'
    )


_PAGE = "max-width:60rem;margin:2rem auto;padding:0 1rem;font:16px/1.5 sans-serif;color:#222"


_FIELD = re.compile(r"^(slug|title):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def guess_slug(text: str) -> str | None:
    """The address a briefing's text gives it, read from its 'slug:' or 'title:' line.

    Why not YAML: the file is broken, perhaps on that very line; an unclosed quote is dropped.
    """
    found = dict(reversed(_FIELD.findall(text)))  # the first of each key
    if slug := _unquote(found.get("slug", "")):
        return slug if re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) else None
    title = _unquote(found.get("title", ""))
    return make_slug(title) if title else None


_QUOTED = {"'": re.compile(r"'((?:[^']|'')*)"), '"': re.compile(r'"((?:[^"\\]|\\.)*)')}


def _unquote(value: str) -> str:
    """A YAML value's text, quoted or not; a quote left open (the mistake) runs to the end."""
    if (quoted := _QUOTED.get(value[:1])) and (found := quoted.match(value)):
        text = found[1].replace("''", "'") if value[0] == "'" else found[1].replace('\\"', '"')
        return text.strip()
    return value.split(" #", 1)[0].strip()  # a comment after a plain value


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def check_port(host: str, port: int) -> None:
    """Stop `mkdocs serve` before its first build when ``host:port`` cannot be served on.

    Why here: MkDocs binds the port only after the first build, and a busy port then ends in
    a traceback; binding a socket as MkDocs' server does, and closing it, finds that at once.

    Raises:
        Abort: one line naming the address and how to choose another.
    """
    family = socket.AF_INET
    try:
        if isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address):
            family = socket.AF_INET6
    except ValueError:
        pass  # a host name such as localhost
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server
            sock.bind((host, port))
    except OSError as exc:
        other = f"{host}:{port + 1}" if port < 65535 else f"{host}:8001"
        busy = exc.errno == errno.EADDRINUSE
        why = "is in use (another `mkdocs serve`?)" if busy else f"cannot be used: {exc.strerror}"
        raise Abort(
            f"{host}:{port} {why}; choose another address with "
            f"`make serve ADDR={other}` or `mkdocs serve -a {other}`"
        ) from None
