"""Source articles (saved HTML pages, plain text, Markdown) -> draft briefing data, with TODOs.

Pure functions, no MkDocs. The importer never invents content: what it cannot find in the
article is left as a placeholder that fails validation where it stands, so `briefings check`
reports it with its line and column:

- a required text or date it could not determine is the string ``"TODO: <what to do>"``;
- a block whose outlets are not named is credited to the source key ``todo``, which is never
  defined under ``sources:`` ("unknown source 'todo'").

`Draft.todos` lists the same places in words.

Modules, from the page to the draft: `files` (by suffix), `html`, `text` and `markdown` (one
per kind of source), `attribution` ('according to' outlets), `quotes` (direct quotes and their
speakers), `dates`, `outlets`, `sentences`, `body` (credited blocks) and `draft` (assembly).
"""

from .attribution import split_attribution
from .draft import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, TODO_SOURCE, Draft
from .files import import_file
from .html import import_html
from .markdown import import_markdown
from .outlets import normalise_outlet
from .quotes import extract_quotes
from .text import import_text

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_PAGE_BYTES",
    "TODO_SOURCE",
    "Draft",
    "extract_quotes",
    "import_file",
    "import_html",
    "import_markdown",
    "import_text",
    "normalise_outlet",
    "split_attribution",
]
