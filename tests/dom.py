"""HTML compared as readers and browsers see it: parsed, whitespace runs collapsed, character
references decoded, attribute and class order ignored."""

from __future__ import annotations

import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag


def tree(html: str) -> list[Any]:
    """``html`` as nested tuples (tag, sorted attributes, children); text as collapsed strings."""
    with warnings.catch_warnings():
        # A heading's text alone may look like a file name ('.HTM', a tag): it is HTML here.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return _children(BeautifulSoup(html, "html.parser"))


def _children(node: Tag) -> list[Any]:
    out = []
    for child in node.children:
        if isinstance(child, NavigableString):
            text = " ".join(str(child).split())
            if text:
                out.append(text)
        elif isinstance(child, Tag):
            attrs = {
                k: " ".join(sorted(v)) if isinstance(v, list) else v for k, v in child.attrs.items()
            }
            out.append((child.name, tuple(sorted(attrs.items())), tuple(_children(child))))
    return out
