"""The briefing format: pydantic models whose field names are the YAML keys.

Nothing here imports MkDocs: the format, its validation and its rendering stay usable by any
site generator.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    StringConstraints,
    Tag,
    WithJsonSchema,
)

from .times import WITH_OFFSET, latest, parse_moment

SOURCE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SPACE = re.compile(r"\s")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALIAS = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?$")
"""A former address: a slug, or a site path such as 'briefings/old-slug/' (no '..', no host)."""
FEDIVERSE = re.compile(r"^@[A-Za-z0-9_][A-Za-z0-9_.-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
"""A fediverse handle: '@name@example.social'."""

#: Size limits that keep a mistaken or hostile file from slowing the build down.
MAX_TITLE = 300
MAX_TEXT = 5_000
MAX_KEY_POINTS = 5
MAX_BLOCKS = 100
MAX_SOURCES = 50
MAX_SLUG = 80
MAX_ALIASES = 20
MAX_ALIAS = 200
MAX_AUTHORS = 10
MAX_PERSON_LINKS = 10
MAX_BIO = 500
MAX_FILE_BYTES = 1_000_000
"""A briefing or digest file is a few kilobytes; more is pasted or generated content."""
MAX_DEPTH = 20
"""Lists and mappings nested in one another; a briefing needs four (body, block, credits)."""
MAX_VALUES = 20_000
"""YAML values (texts, keys, lists, mappings) in one file; a full briefing has a few hundred."""


def _check_visible(value: str) -> str:
    # STX and ETX are dropped from every output (render.text.one_line): a text of only those
    # would be an empty headline.
    if not value.translate(_INVISIBLE).strip():
        raise ValueError("needs some visible text")
    return value


_INVISIBLE = {0x02: None, 0x03: None}

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_check_visible),
]
"""Plain text: Markdown and HTML in it are shown literally."""

Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE),
    AfterValidator(_check_visible),
]
Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_check_visible),
]


def _check_web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected a web address starting with https:// (or http://)")
    if _SPACE.search(value):
        raise ValueError("a web address cannot contain spaces; encode them as %20")
    return value


def _check_day(value: Any) -> Any:
    if isinstance(value, str) and not DAY.match(value.strip()):
        raise ValueError(f"expected a date like 2025-11-11, got {value!r}")
    return value


def _check_image_src(value: str) -> str:
    parts = urlsplit(value)
    if value.startswith(("/", "\\")) and not value.startswith("//"):
        raise ValueError(
            f"paths are relative to docs/: write {value.lstrip('/')!r}, without the '/'"
        )
    if parts.scheme or value.startswith("//"):
        return _check_web_url(value)
    if ".." in value.split("/") or _SPACE.search(value):
        raise ValueError(
            "expected an https:// address or a path inside docs/ such as assets/images/photo.jpg"
        )
    return value


def _check_source_key(value: str) -> str:
    if not SOURCE_KEY.match(value):
        raise ValueError("source keys use lowercase letters, digits, '-' and '_', like 'latimes'")
    return value


def _check_slug(value: str) -> str:
    if len(value) > MAX_SLUG:
        raise ValueError(f"a slug has at most {MAX_SLUG} characters")
    if not SLUG.match(value):
        raise ValueError(
            "a slug uses lowercase letters, digits and single hyphens, like 'gaza-truce'"
        )
    return value


def _check_alias(value: str) -> str:
    if len(value) > MAX_ALIAS:
        raise ValueError(f"a former address has at most {MAX_ALIAS} characters")
    if not ALIAS.match(value):
        raise ValueError(
            "a former address is a slug like 'old-slug' or a path inside the site like "
            "'briefings/old-slug/' (no '/' at the start, no '..', no https://)"
        )
    return value


def _check_fediverse(value: str) -> str:
    if not FEDIVERSE.match(value):
        raise ValueError(
            "expected a fediverse handle like '@name@example.social' (an '@', the name, an '@' "
            "and the server's address)"
        )
    return value


# The validators give the messages; WithJsonSchema tells editors the same rules.
WebUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_web_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
ImageSrc = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_image_src)
]
Day = Annotated[
    dt.date,
    BeforeValidator(_check_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY.pattern}),
]
"""A calendar date written YYYY-MM-DD (no timestamps, no other formats)."""


def _read_moment(value: Any) -> Any:
    return parse_moment(value) if isinstance(value, str) else value


def _check_aware(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime) and value.utcoffset() is None:
        raise ValueError("a date-time needs its time zone offset, like 2025-11-11T09:30+01:00")
    return value


Moment = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_read_moment),
    AfterValidator(_check_aware),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": DAY.pattern},
                # No "format": "date-time": editors assert RFC 3339's, which wants seconds
                # and a "T" (2025-11-14T09:30+01:00 would be marked wrong).
                {"type": "string", "pattern": WITH_OFFSET.pattern},
            ]
        }
    ),
]
"""A date (YYYY-MM-DD) or a date-time with its offset (2025-11-14T09:30+01:00; see times.py)."""
SourceKey = Annotated[
    str,
    AfterValidator(_check_source_key),
    WithJsonSchema({"type": "string", "pattern": SOURCE_KEY.pattern}),
]
Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": MAX_SLUG}),
]
Alias = Annotated[
    str,
    AfterValidator(_check_alias),
    WithJsonSchema({"type": "string", "pattern": ALIAS.pattern, "maxLength": MAX_ALIAS}),
]
Credits = Annotated[list[SourceKey], Field(min_length=1, max_length=MAX_SOURCES)]
Fediverse = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_fediverse),
    WithJsonSchema({"type": "string", "pattern": FEDIVERSE.pattern}),
]
Byline = Annotated[list[Slug], Field(max_length=MAX_AUTHORS)]
"""Keys of people in briefings/people.yml, in the order the byline names them."""


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled (the build cache), models with the same fields set share one set.

        Why: pydantic gives every instance its own set of the fields it was given, 200-700
        bytes each: a fifth of a loaded briefing's memory (37 MB at 10,000 briefings). Shared
        is safe because the models are frozen: pydantic mutates that set only on assignment,
        and `model_copy` copies it first.
        """
        state = super().__getstate__()
        state["__pydantic_fields_set__"] = _shared_names(frozenset(self.__pydantic_fields_set__))
        return state


@functools.cache
def _shared_names(names: frozenset[str]) -> set[str]:
    """One set per distinct set of field names (a handful), for `Model.__getstate__`."""
    return set(names)


class Source(Model):
    """An outlet credited by the briefing."""

    name: Label = Field(description="The outlet's name as readers know it, e.g. 'Reuters'.")
    url: WebUrl | None = Field(None, description="The article's address, where known.")


class Image(Model):
    """The briefing's lead image and its credit."""

    src: ImageSrc | None = Field(
        None, description="An https:// address, or a path inside docs/ such as assets/images/x.jpg."
    )
    alt: Text = Field(description="What the image shows, for readers who cannot see it.")
    credit: Label = Field(description="Who the image is credited to, e.g. 'Reuters'.")
    kind: Literal["photo", "illustration", "graphic"] = Field(
        "photo",
        description="What the image is: its caption says 'Photo: Reuters' or 'Illustration: ...'.",
    )

    @property
    def is_local(self) -> bool:
        """Whether ``src`` is a file inside docs/ (rather than a web address)."""
        return (
            self.src is not None and not urlsplit(self.src).scheme and not self.src.startswith("//")
        )


class Paragraph(Model):
    """A paragraph of the briefing, credited to one or more sources."""

    paragraph: Text = Field(description="The paragraph's text (plain text, no Markdown).")
    credits: Credits = Field(description="Keys of the sources this paragraph draws on.")


class Quote(Model):
    """A direct quote, shown as a callout."""

    quote: Text = Field(description="The quoted words, without quotation marks.")
    speaker: Label = Field(description="Who said it.")
    role: Label | None = Field(None, description="The speaker's role, e.g. 'Prime Minister of X'.")
    context: Text | None = Field(None, description="When or where it was said.")
    credits: Credits = Field(description="Keys of the sources that report the quote.")


def block_kind(value: Any) -> str | None:
    """Which kind of body block ``value`` is: 'quote' wins over 'paragraph'; None if neither."""
    if isinstance(value, dict):
        if "quote" in value:
            return "quote"
        if "paragraph" in value:
            return "paragraph"
    elif isinstance(value, Paragraph | Quote):
        return "quote" if isinstance(value, Quote) else "paragraph"
    return None


Block = Annotated[
    Annotated[Paragraph, Tag("paragraph")] | Annotated[Quote, Tag("quote")],
    Discriminator(
        block_kind,
        custom_error_type="block_kind",
        custom_error_message="a block starts with 'paragraph:' or 'quote:'",
    ),
]


MAX_SECTION = 10
"""Paragraphs in 'why_it_matters' or 'whats_next': a few lines each, not a second body."""
MAX_PERSPECTIVES = 8


class Perspective(Model):
    """One outlet's (or one side's) view of the news, shown beside the others."""

    source: SourceKey = Field(
        description="Key of the source whose view this is (one of 'sources:'); credited like a "
        "paragraph."
    )
    label: Label | None = Field(
        None,
        description="A short stance shown as its heading, e.g. 'Officials' or 'Business press'; "
        "the outlet's name when left out.",
    )
    view: Text = Field(description="Their view in a sentence or two (plain text, no Markdown).")


def _check_perspectives(views: list[Perspective]) -> list[Perspective]:
    if len(views) == 1:
        raise ValueError(
            "one view has nothing beside it: add another (two to eight) or remove 'perspectives:'"
        )
    return views


Perspectives = Annotated[
    list[Perspective],
    Field(max_length=MAX_PERSPECTIVES, json_schema_extra={"not": {"maxItems": 1, "minItems": 1}}),
    AfterValidator(_check_perspectives),
]
"""None (an empty list, as when left out) or two to eight views: one view compares nothing."""


class Change(Model):
    """A dated update or correction to a published briefing."""

    date: Moment = Field(
        description="When the change was made: YYYY-MM-DD, or a date-time with its offset "
        "such as 2025-11-14T16:05+01:00."
    )
    text: Text = Field(description="What changed, in one or two sentences.")


class Person(Model):
    """Someone who writes or edits briefings, as briefings/people.yml describes them."""

    name: Label = Field(description="The name the byline shows, e.g. 'Ana Ruiz'.")
    role: Label | None = Field(None, description="What they do, e.g. 'Senior editor'.")
    bio: Annotated[Text, StringConstraints(max_length=MAX_BIO)] | None = Field(
        None, description="A sentence or two about them, shown on their page."
    )
    avatar: ImageSrc | None = Field(
        None,
        description="Their picture: an https:// address, or a path inside docs/ such as "
        "assets/images/ana.jpg.",
    )
    links: Annotated[list[WebUrl], Field(max_length=MAX_PERSON_LINKS)] = Field(
        default_factory=list,
        description="Their pages elsewhere (https:// addresses), linked with rel=me.",
    )
    fediverse: Fediverse | None = Field(
        None,
        description="Their fediverse handle, like '@ana@example.social': credited on the "
        "pages they write (fediverse:creator).",
    )

    @property
    def avatar_is_local(self) -> bool:
        """Whether ``avatar`` is a file inside docs/ (rather than a web address)."""
        return (
            self.avatar is not None
            and not urlsplit(self.avatar).scheme
            and not self.avatar.startswith("//")
        )


class People(RootModel[dict[Slug, Person]]):
    """briefings/people.yml: each person by key ('ana-ruiz'); bylines name these keys."""

    # Keys that are not slugs are errors: the schema says so too.
    model_config = ConfigDict(frozen=True, json_schema_extra={"additionalProperties": False})


class Briefing(Model):
    """One briefing: a short, credited summary of what several outlets report."""

    title: Title = Field(description="The headline.")
    slug: Slug | None = Field(
        None, description="The page's address; made from the title when left out."
    )
    aliases: Annotated[list[Alias], Field(max_length=MAX_ALIASES)] = Field(
        default_factory=list,
        description="Former addresses that redirect here: old slugs ('old-slug') or site paths "
        "('briefings/old-slug/'), so links to them keep working after the slug changes.",
    )
    category: Label = Field(description="The section, e.g. 'Politics'.")
    published: Moment = Field(
        description="When it was first published: YYYY-MM-DD, or a date-time with its offset "
        "such as 2025-11-14T09:30+01:00 (orders the day's briefings). A time still to come "
        "keeps the briefing out of the site until then."
    )
    updated: Moment | None = Field(
        None, description="When it was last updated: YYYY-MM-DD or a date-time with its offset."
    )
    tags: Annotated[list[Label], Field(max_length=20)] = Field(
        default_factory=list, description="Topics, e.g. 'Gaza'."
    )
    story: Label | None = Field(
        None,
        description="The story it belongs to, named as readers see it, e.g. 'Gaza ceasefire'; "
        "its page is a timeline. Briefings whose story names make the same slug share it.",
    )
    note: Text | None = Field(
        None, description="An editor's note shown above the key points (e.g. marking an example)."
    )
    image: Image | None = None
    key_points: Annotated[list[Text], Field(min_length=1, max_length=MAX_KEY_POINTS)] = Field(
        description="One to five one-sentence points."
    )
    body: Annotated[list[Block], Field(min_length=1, max_length=MAX_BLOCKS)] = Field(
        description="Paragraphs and quotes, in reading order."
    )
    sources: Annotated[dict[SourceKey, Source], Field(min_length=1, max_length=MAX_SOURCES)] = (
        Field(description="The outlets credited, by key; credits name these keys.")
    )
    why_it_matters: Annotated[list[Paragraph], Field(max_length=MAX_SECTION)] = Field(
        default_factory=list,
        description="Optional 'Why it matters' section, shown after the body: one to "
        "ten paragraphs like '- paragraph: ...' with 'credits: [reuters]'.",
    )
    whats_next: Annotated[list[Paragraph], Field(max_length=MAX_SECTION)] = Field(
        default_factory=list,
        description="Optional 'What's next' section, shown after the body: one to ten "
        "paragraphs like '- paragraph: ...' with 'credits: [reuters]'.",
    )
    perspectives: Perspectives = Field(
        default_factory=list,
        description="Optional 'Perspectives' section, shown side by side after the body: "
        "two to eight views like '- source: reuters' with 'view: ...' and an optional "
        "'label:'.",
    )
    updates: Annotated[list[Change], Field(max_length=MAX_BLOCKS)] = Field(
        default_factory=list,
        description="Dated updates, shown as a log; they set the modified date.",
    )
    corrections: Annotated[list[Change], Field(max_length=MAX_BLOCKS)] = Field(
        default_factory=list, description="Dated corrections, shown as a log with the updates."
    )
    by: Byline = Field(
        default_factory=list,
        description="Who wrote it: keys of people in briefings/people.yml, like [ana-ruiz].",
    )
    draft: bool = Field(
        False,
        description="true keeps the briefing out of the built site (pages, lists, feeds, "
        "search); `mkdocs serve` shows it with a Draft banner.",
    )

    @property
    def modified(self) -> dt.date:
        """The latest of the published, updated, update and correction dates (a date or an
        aware date-time, see `times.latest`)."""
        changes = [c.date for c in (*self.updates, *self.corrections)]
        return latest([self.published, *([self.updated] if self.updated else []), *changes])


class DigestSection(Model):
    """A titled group of briefings within a digest."""

    title: Label = Field(description="The section's heading, e.g. 'Middle East'.")
    briefings: Annotated[list[Slug], Field(min_length=1, max_length=MAX_BLOCKS)] = Field(
        description="Slugs of the briefings in this section, in order."
    )


class Digest(Model):
    """An editor's curated digest: a note and an ordered selection of briefings."""

    title: Title = Field(description="The digest's headline, e.g. 'Tuesday, 11 November'.")
    date: Day = Field(description="The day it covers, YYYY-MM-DD; also its address.")
    note: Text | None = Field(None, description="The editor's note at the top.")
    sections: Annotated[list[DigestSection], Field(max_length=MAX_BLOCKS)] = Field(
        default_factory=list, description="Titled groups of briefings (or use 'briefings')."
    )
    briefings: Annotated[list[Slug], Field(max_length=MAX_BLOCKS)] = Field(
        default_factory=list, description="Slugs of the briefings, in order (or use 'sections')."
    )
    by: Byline = Field(
        default_factory=list,
        description="Who put it together: keys of people in briefings/people.yml.",
    )
    draft: bool = Field(
        False,
        description="true keeps the digest out of the built site; `mkdocs serve` shows it.",
    )

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every briefing reference with its location: (('sections', 0, 'briefings', 2), slug)."""
        refs: list[tuple[tuple[str | int, ...], str]] = [
            (("briefings", i), slug) for i, slug in enumerate(self.briefings)
        ]
        for s, section in enumerate(self.sections):
            refs += [
                (("sections", s, "briefings", i), slug) for i, slug in enumerate(section.briefings)
            ]
        return refs
