"""Source articles (saved HTML pages, plain text, Markdown) -> draft briefing data, with TODOs.

Pure functions, no MkDocs. The importer never invents content: what it cannot find in the
article is left as a placeholder that `briefings check` reports where it stands, with its line
and column (the loader refuses any text that is still "TODO: ..."):

- a required text or date it could not determine is the string ``"TODO: <what to do>"``;
- a block whose outlets are not named is credited to the source key ``todo``: undefined
  ("unknown source 'todo'") when the draft names other outlets, else the only source, whose
  name is a TODO.

`Draft.todos` lists the same places in words.

Modules, from the page to the draft: `files` (by suffix), `html`, `text` and `markdown` (one
per kind of source), `attribution` ('according to' outlets), `quotes` (direct quotes and their
speakers, with `speakers`), `extract` (the page's own paragraphs), `boilerplate` (what is not
the article), `metadata` (title, outlet, tags checked), `dates`, `outlets`, `sentences`, `body`
(credited blocks) and `draft` (assembly);
`fetch` (a web address), `merge` (several outlets, one draft) and `group` (by event).
"""

from .attribution import split_attribution
from .draft import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, TODO_SOURCE, Draft
from .fetch import FetchError, import_url
from .files import import_file
from .group import group_drafts
from .html import import_html
from .markdown import import_markdown
from .merge import Merged, merge_drafts
from .outlets import normalise_outlet
from .quotes import extract_quotes
from .text import import_text

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_PAGE_BYTES",
    "TODO_SOURCE",
    "Draft",
    "FetchError",
    "Merged",
    "extract_quotes",
    "group_drafts",
    "import_file",
    "import_html",
    "import_markdown",
    "import_text",
    "import_url",
    "merge_drafts",
    "normalise_outlet",
    "split_attribution",
]
