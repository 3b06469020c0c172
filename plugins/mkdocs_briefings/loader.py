"""YAML text -> Briefing, or a BriefingError that locates every problem in the file."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, RootModel, ValidationError

from .errors import BriefingError, Problem
from .model import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, Briefing, block_kind
from .times import is_before, parse_moment

if TYPE_CHECKING:
    from datetime import date

    from pydantic_core import ErrorDetails

Loc: TypeAlias = tuple[str | int, ...]
Position: TypeAlias = tuple[int, int]
"""A 1-based (line, column)."""
Check: TypeAlias = Callable[[Mapping[str, Any]], Iterator[tuple[Loc, str]]]
"""Yields (location, message) for problems that span fields, from the raw data."""
M = TypeVar("M", bound=BaseModel)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster when present
_TODO = re.compile(r"\s*TODO\b")  # "TODO: name the outlet"; not "Todos Santos"
_ALIAS = "anchors and aliases (&name, *name) are not supported; write the value out"
_TOO_DEEP = "lists or mappings are nested too deeply; a briefing needs at most four levels"
_TOO_MANY = (
    f"more than {MAX_VALUES:,} values (texts, keys, list items) by this point; a briefing has "
    "a few hundred: remove pasted or generated data"
)
MAX_PROBLEMS = 100
"""Problems listed per file; one more line says how many were left out."""
_COUNT_ABOVE = MAX_VALUES // 2
"""Texts longer than this many characters have their values counted before composing."""


@dataclass(frozen=True)
class SourceMap:
    """Where each value (and each mapping key) of a YAML document starts."""

    values: Mapping[Loc, Position]
    keys: Mapping[Loc, Position]

    def value_at(self, loc: Loc) -> Position:
        """Position of the value at ``loc``, or of its closest ancestor that exists."""
        while loc not in self.values:
            loc = loc[:-1]
        return self.values[loc]

    def key_at(self, loc: Loc) -> Position:
        """Position of the key that names ``loc``, falling back to its value's position."""
        return self.keys.get(loc) or self.value_at(loc)


def _position(mark: yaml.Mark) -> Position:
    return (mark.line + 1, mark.column + 1)


class _TextLoader(_Loader):  # type: ignore[misc,valid-type]
    """A safe loader that leaves every scalar as text: the model decides what a value means.

    Why: ``no`` stays the word "no" and ``12:30`` a time of day instead of YAML 1.1's False and
    750; skipping the implicit-type regexes also makes composing about a third faster.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path-based resolvers here: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path-based resolvers here: nothing to track."""


_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def megabytes(size: int, *, limit: int) -> str:
    """'20.0 MB' for a size over ``limit``, rounded up where rounding would hide the excess."""
    shown = f"{size / 1e6:.1f}"
    if float(shown) * 1e6 <= limit:  # 1,000,001 bytes over a 1 MB limit is "1.1 MB", not "1.0"
        shown = f"{math.ceil(size / 1e5) / 10:.1f}"
    return f"{shown} MB"


def file_too_large(size: int, *, path: str) -> Problem:
    """The problem of a file of ``size`` bytes, more than `MAX_FILE_BYTES`."""
    return Problem(
        path,
        1,
        1,
        f"the file is {megabytes(size, limit=MAX_FILE_BYTES)}; a briefing or digest file is at "
        f"most {MAX_FILE_BYTES / 1e6:g} MB: remove pasted content (most are a few kB)",
    )


def compose_node(text: str, *, path: str) -> yaml.Node | None:
    """Parse YAML text into its node tree (which knows every position), or None when empty.

    Raises:
        BriefingError: on a YAML syntax error, located where the parser stopped; on a text of
            more than `MAX_FILE_BYTES` or `MAX_VALUES`.
    """
    if len(text) > MAX_FILE_BYTES // 4:  # at most 4 bytes a character: shorter texts fit
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            raise BriefingError([file_too_large(size, path=path)])
    if len(text) > _COUNT_ABOVE:
        _count_values(text, path=path)
    try:
        return yaml.compose(text, Loader=_TextLoader)
    except yaml.reader.ReaderError as exc:
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise BriefingError([_bad_character(text, exc.position, char, path=path)]) from None
    except UnicodeEncodeError as exc:  # a lone surrogate: text that was never read from a file
        char = text[exc.start]
        raise BriefingError([_bad_character(text, exc.start, char, path=path)]) from None
    except yaml.MarkedYAMLError as exc:
        raise BriefingError([_syntax_problem(text, exc, path=path)]) from None
    except yaml.YAMLError as exc:
        raise BriefingError([Problem(path, 1, 1, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise BriefingError([Problem(path, 1, 1, _TOO_DEEP)]) from None


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError, *, path: str) -> Problem:
    """A YAML syntax error as a located problem, in words for the mistakes editors make."""
    mark = exc.problem_mark or exc.context_mark
    line, col = _within(text, _position(mark)) if mark else (1, 1)
    what = exc.problem or "invalid YAML"
    if "nesting depth" in what:  # libyaml stops at 1,000 levels
        return Problem(path, line, col, _TOO_DEEP)
    char = _char_at(text, (line, col))
    if char == "\t":  # "found character that cannot start any token", or "...tab character..."
        return Problem(path, line, col, _TAB)
    if "cannot start any token" in what and char:  # '@' and '`' are reserved in YAML
        message = f"YAML syntax error: a value cannot start with {char!r}; put it in quotes"
        return Problem(path, line, col, message)
    start = _within(text, _position(exc.context_mark)) if exc.context_mark else None
    if start and exc.context == "while scanning a quoted scalar":  # it ran to the end of the file
        return Problem(path, *start, _unclosed(_char_at(text, start), ended="the end of the file"))
    if opened := _open_quote(text):
        return Problem(path, *opened[0], _unclosed(opened[1], ended=f"line {line}"))
    if exc.context and start and start != (line, col):
        what += f" ({exc.context} that starts at line {start[0]}, column {start[1]})"
    return Problem(path, line, col, f"YAML syntax error: {what}; check quoting and indentation")


_TAB = (
    "YAML syntax error: a tab character; YAML does not allow tabs for indentation: "
    "indent with spaces"
)
_KEY_OR_ITEM = re.compile(r"\s*(?:[A-Za-z_][\w-]*:(?:\s|$)|- )")
"""A line that reads like a key ('category: x') or a list item ('- text')."""


def _unclosed(quote: str, *, ended: str) -> str:
    mark = quote if quote in "\"'" else '"'
    return (
        f"YAML syntax error: the quote {mark} that opens here is never closed, so YAML reads "
        f"on to {ended} as part of this value; close it with {mark} where the value ends"
    )


def _open_quote(text: str) -> tuple[Position, str] | None:
    """Where a quoted text opens that swallowed following keys or list items, and its quote.

    Why: a quote left open in the middle of a file runs on to the next quotation mark, and
    the parser stops later, at whatever that leaves; the mistake is where the quote opens.
    Only asked once parsing has failed.
    """
    lines = _LINE_BREAKS.split(text)
    try:
        for token in yaml.scan(text, Loader=_TextLoader):
            start, end = token.start_mark, token.end_mark
            if not isinstance(token, yaml.ScalarToken) or token.style not in ("'", '"'):
                continue
            if end.line > start.line and any(
                _KEY_OR_ITEM.match(row) for row in lines[start.line + 1 : end.line + 1]
            ):
                return _position(start), token.style
    except yaml.YAMLError:
        pass  # the error being explained: no such quote before it
    return None


def _char_at(text: str, position: Position) -> str:
    """The character at a 1-based (line, column), or '' past the text."""
    line, col = position
    for i, row in enumerate(_LINE_BREAKS.split(text), start=1):
        if i == line:
            return row[col - 1] if 0 < col <= len(row) else ""
    return ""


def _bad_character(text: str, index: int, char: str, *, path: str) -> Problem:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(path, line, col, f"character {char!r} is not allowed in YAML; delete it")


_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # as YAML counts lines


def _within(text: str, position: Position) -> Position:
    """``position``, or the end of the text when past it.

    Why: libyaml puts the end of the stream on the line after a last line without a newline
    ("[" is unfinished at 2:1), a line editors do not have.
    """
    last = text.count("\n") + 1  # a lower bound: quick, and enough for nearly every file
    if position[0] <= last:
        return position
    ends = list(_LINE_BREAKS.finditer(text))
    if position[0] <= len(ends) + 1:
        return position
    return (len(ends) + 1, len(text) - (ends[-1].end() if ends else 0) + 1)


_VALUE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _count_values(text: str, *, path: str) -> None:
    """Refuse a text of more than `MAX_VALUES` values before composing it.

    Why: composing makes a Python object with two marks per value; a 1 MB file of ``[x,x,x...``
    holds half a million values and takes over a second. Parser events are a quarter of the
    cost, and counting stops at the limit.

    Raises:
        BriefingError: located at the value that goes over the limit.
    """
    count = 0
    try:
        for event in yaml.parse(text, Loader=_TextLoader):
            if isinstance(event, _VALUE_EVENTS):
                count += 1
                if count > MAX_VALUES:
                    mark = event.start_mark
                    position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise BriefingError([Problem(path, *position, _TOO_MANY)])
    except (yaml.YAMLError, UnicodeEncodeError):
        return  # composing stops at the same place and locates the problem


def compose_data(text: str, *, path: str) -> tuple[Any, SourceMap]:
    """Parse YAML into plain data whose scalars are all strings (or None), with positions.

    Raises:
        BriefingError: on a syntax error or a key that appears twice in one mapping.
    """
    return _located_data(compose_node(text, path=path), path=path)


def _located_data(root: yaml.Node | None, *, path: str) -> tuple[Any, SourceMap]:
    walk = _Walk(path)
    try:
        data = walk.data(root, ()) if root is not None else {}
    except RecursionError:
        raise BriefingError([Problem(path, 1, 1, _TOO_DEEP)]) from None
    if walk.problems:
        raise BriefingError(_first_problems(walk.problems))
    return data, SourceMap(walk.values, walk.keys)


def _scalar(node: yaml.Node) -> str | None:
    plain = not getattr(node, "style", None)  # libyaml says '' for plain, PyYAML None
    return None if plain and node.value in _NULLS else str(node.value)


@dataclass
class _Walk:
    """Node tree -> plain data, recording where each value and key starts."""

    path: str
    values: dict[Loc, Position] = field(default_factory=lambda: {(): (1, 1)})
    keys: dict[Loc, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)

    def data(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        self.values[loc] = position = _position(node.start_mark)
        if depth >= MAX_DEPTH and isinstance(node, yaml.CollectionNode):
            self.problems.append(Problem(self.path, *position, _TOO_DEEP))
            return None
        if id(node) in self.seen:
            # Why refuse: ten aliases nested six deep expand a 340-byte file into a million
            # values ("billion laughs"); briefings have no need for them.
            self.problems.append(Problem(self.path, *position, _ALIAS))  # once per anchor
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth + 1)
        if isinstance(node, yaml.SequenceNode):
            return [self.data(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in result:
                message = _located((*loc, key), "duplicate key; keep one of the two")
                self.problems.append(Problem(self.path, *_position(key_node.start_mark), message))
                continue
            self.keys[(*loc, key)] = _position(key_node.start_mark)
            result[key] = self.data(value_node, (*loc, key), depth)
        return result


class _RepeatedKey(Exception):
    """Raised by `_plain` so the located walk can report the repeated key (or deep nesting)."""


def _plain(node: yaml.Node, seen: set[int] | None, depth: int = 0) -> Any:
    """`_Walk` without positions: the fast path for files that turn out to be fine.

    ``seen`` collects the nodes met so far, to refuse aliases; None when the text has no ``&``
    (so no anchor, so no alias), which spares the bookkeeping for nearly every file.
    """
    if seen is not None:
        if id(node) in seen:  # an alias (*name): refused, see _Walk.data
            raise _RepeatedKey
        seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):  # most values: test for them first
        return _scalar(node)
    if depth >= MAX_DEPTH:  # too deep for a briefing; the located walk says where
        raise _RepeatedKey
    depth += 1
    if isinstance(node, yaml.MappingNode):
        result = {str(k.value): _plain(v, seen, depth) for k, v in node.value}
        if len(result) != len(node.value):
            raise _RepeatedKey
        return result
    return [_plain(item, seen, depth) for item in node.value]


def read_briefing(text: str, *, path: str) -> Briefing:
    """Read one briefing from YAML text.

    Args:
        text: The file's content.
        path: The path shown in problems, relative to mkdocs.yml.

    Returns:
        The validated briefing.

    Raises:
        BriefingError: with every problem of the file, each located by line and column.
    """
    return parse_briefing(text, path=path)[0]


def parse_briefing(text: str, *, path: str) -> tuple[Briefing, dict[str, Position]]:
    """Like `read_briefing`, also returning where the title, slug and image.src values start."""
    return parse_document(text, path=path, model=Briefing, check=check_briefing)


def parse_document(
    text: str, *, path: str, model: type[M], check: Check
) -> tuple[M, dict[str, Position]]:
    """Read a YAML document into ``model``; ``check`` adds problems that span fields.

    Why two walks: most files are fine, and a walk that records no positions is twice as fast;
    a file with problems is walked again, recording every position, to locate them.

    Returns:
        The validated object and where the values named in `_anchors` start.

    Raises:
        BriefingError: with every problem of the file, each located by line and column.
    """
    root = compose_node(text, path=path)
    try:
        data = _plain(root, set() if "&" in text else None) if root is not None else {}
    except (_RepeatedKey, RecursionError):
        data = None
    if isinstance(data, dict) and next(_checks(check, data, text), None) is None:
        try:
            return model.model_validate(data), _anchors(root)
        except ValidationError:
            pass
    try:
        problems = _locate_problems(root, path=path, model=model, check=check)
    except BriefingError as exc:  # repeated keys, aliases, deep nesting
        problems = exc.problems
    # An empty document's value starts at the end of the stream: "---" has it on line 2.
    last = text.count("\n") + 1
    raise BriefingError(
        p if p.line <= last else Problem(p.path, *_within(text, (p.line, p.column)), p.message)
        for p in problems
    )


def _anchors(root: yaml.Node | None) -> dict[str, Position]:
    """Positions of the values that cross-file problems point at."""
    found: dict[str, Position] = {}
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value in ("title", "slug", "date"):
            found[key.value] = _position(value.start_mark)
        elif key.value == "image" and isinstance(value, yaml.MappingNode):
            for image_key, image_value in value.value:
                if image_key.value == "src":
                    found["image.src"] = _position(image_value.start_mark)
        elif key.value == "aliases" and isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                found[f"aliases[{i}]"] = _position(item.start_mark)
    return found


def _locate_problems(
    root: yaml.Node | None, *, path: str, model: type[BaseModel], check: Check
) -> list[Problem]:
    """Every problem of a file that failed the fast path, each with its line and column."""
    data, where = _located_data(root, path=path)  # raises on repeated keys
    if not isinstance(data, dict):
        line, col = where.value_at(())
        example = "ana-ruiz" if issubclass(model, RootModel) else "title"  # people by key
        message = f"expected a mapping of keys such as '{example}:' at the top"
        return [Problem(path, line, col, message)]
    problems = [
        Problem(path, *where.value_at(loc), _located(loc, message))
        for loc, message in _checks(check, data, "TODO")
    ]
    left_out = 0
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors = _drop_misspelt_missing(model, exc.errors(), data)
        # Why sort first: wording a problem can take difflib; only the first ones are shown.
        errors.sort(key=lambda err: _error_position(err, where))
        left_out = max(0, len(errors) - MAX_PROBLEMS - 1)
        problems += [
            _problem_from_pydantic(model, err, data, where, path)
            for err in errors[: MAX_PROBLEMS + 1]
        ]
    return _first_problems(problems, left_out=left_out)


def _first_problems(problems: Iterable[Problem], *, left_out: int = 0) -> list[Problem]:
    """The first `MAX_PROBLEMS` problems in file order, and one saying how many more there are.

    ``left_out`` counts problems already dropped, all after the ones given.
    """
    ordered = sorted(set(problems))
    more = len(ordered) - MAX_PROBLEMS + left_out
    if more <= 0:
        return ordered
    first_left_out = ordered[MAX_PROBLEMS]
    note = (
        f"{more:,} more problem{'s' if more > 1 else ''} from here on "
        "not listed; fix the ones above and check again"
    )
    return [
        *ordered[:MAX_PROBLEMS],
        Problem(
            path=first_left_out.path,
            line=first_left_out.line,
            column=first_left_out.column,
            message=note,
        ),
    ]


def _checks(check: Check, data: Mapping[str, Any], text: str) -> Iterator[tuple[Loc, str]]:
    if "TODO" in text:  # a placeholder needs the word itself; most files have none
        yield from find_todos(data)
    yield from check(data)


def find_todos(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield every text that is still a placeholder ("TODO: ..."), as drafts leave them.

    Why: `briefings new` and `briefings import` mark what they could not fill in this way,
    and nothing unfinished may be published.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            yield from find_todos(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from find_todos(item, (*loc, i))
    elif isinstance(value, str) and _TODO.match(value):
        yield loc, f"still a placeholder ({value.strip()[:60]!r}); write it or remove the line"


def check_briefing(data: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    """Yield problems that span fields: unknown credits, dates out of order.

    Works on the raw data, so these are reported together with any other problem of the file.
    """
    published, updated = _as_date(data.get("published")), _as_date(data.get("updated"))
    if published and updated and is_before(updated, published):
        yield (
            ("updated",),
            (
                f"{updated.isoformat()} is before the published date {published.isoformat()}; "
                "fix one of the two dates"
            ),
        )
    for log in ("updates", "corrections"):
        changes = data.get(log)
        for i, change in enumerate(changes if isinstance(changes, list) else []):
            day = _as_date(change.get("date")) if isinstance(change, dict) else None
            if published and day and is_before(day, published):
                before = f"{day.isoformat()} is before the published date {published.isoformat()}"
                yield (log, i, "date"), f"{before}; fix the date"
    sources = data.get("sources")
    if not isinstance(sources, dict):
        return
    known = ", ".join(repr(k) for k in sources)
    for section in CREDITED_SECTIONS:
        blocks = data.get(section)
        for i, block in enumerate(blocks if isinstance(blocks, list) else []):
            credits = block.get("credits") if isinstance(block, dict) else None
            seen: set[str] = set()
            for j, key in enumerate(credits if isinstance(credits, list) else []):
                if not isinstance(key, str):
                    continue
                if key not in sources:
                    yield (
                        (section, i, "credits", j),
                        (f"unknown source {key!r}; add it under 'sources:' or use one of {known}"),
                    )
                elif key in seen:
                    yield (section, i, "credits", j), f"{key!r} is credited twice; remove one"
                seen.add(key)
    perspectives = data.get("perspectives")
    for i, view in enumerate(perspectives if isinstance(perspectives, list) else []):
        key = view.get("source") if isinstance(view, dict) else None
        if isinstance(key, str) and key not in sources:
            yield (
                ("perspectives", i, "source"),
                (f"unknown source {key!r}; add it under 'sources:' or use one of {known}"),
            )


CREDITED_SECTIONS = ("body", "why_it_matters", "whats_next")
"""The lists of blocks whose 'credits:' name keys of 'sources:'."""


def _as_date(value: Any) -> date | None:
    """A date or date-time as `times.parse_moment` reads it; None if it is not one (the
    model reports that)."""
    if not isinstance(value, str):
        return None
    try:
        moment = parse_moment(value)
    except ValueError:
        return None
    return moment


def format_loc(loc: Loc) -> str:
    """('body', 2, 'credits', 0) -> 'body[2].credits[0]', as problems name places."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _located(loc: Loc, message: str) -> str:
    label = format_loc(loc)
    return f"{label}: {message}" if label else message


_BLOCK_TAGS = ("paragraph", "quote")


def _clean_loc(loc: tuple[str | int, ...]) -> Loc:
    """Drop pydantic's union tags ('body', 0, 'quote', 'speaker') -> ('body', 0, 'speaker')."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if part in _BLOCK_TAGS and i >= 2 and loc[i - 2] == "body" and isinstance(loc[i - 1], int):
            continue
        out.append(part)
    return tuple(out)


def _model_at(root: type[BaseModel], loc: Loc, data: Any) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (for field-name suggestions).

    Walks the models' type annotations: lists and dicts by index or key, optional values,
    and unions of models (such as body blocks) by which of their fields the data has.
    """
    kind: Any = root
    for part in loc:
        kind = _unwrap(kind)
        if isinstance(kind, type) and issubclass(kind, RootModel):  # people.yml: its mapping
            kind = _unwrap(kind.model_fields["root"].annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            field = kind.model_fields.get(str(part))
            kind = field.annotation if field else None
        elif get_origin(kind) in (list, dict):
            kind = get_args(kind)[-1]
        else:
            return None
        data = (
            data.get(part)
            if isinstance(data, dict)
            else (
                data[part]
                if isinstance(data, list) and isinstance(part, int) and part < len(data)
                else None
            )
        )
        kind = _pick_member(_unwrap(kind), data)
    kind = _unwrap(kind)
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def _unwrap(kind: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type that matters."""
    while True:
        if get_origin(kind) is Annotated:
            kind = get_args(kind)[0]
        elif get_origin(kind) in (Union, UnionType) and type(None) in get_args(kind):
            members = [a for a in get_args(kind) if a is not type(None)]
            kind = members[0] if len(members) == 1 else Union[tuple(members)]  # noqa: UP007
        else:
            return kind


def _pick_member(kind: Any, data: Any) -> Any:
    """For the union of body blocks, the member the discriminator (`block_kind`) would pick."""
    if get_origin(kind) not in (Union, UnionType):
        return kind
    members = [_unwrap(a) for a in get_args(kind)]
    name = block_kind(data)
    for member in members:
        if (
            isinstance(member, type)
            and issubclass(member, BaseModel)
            and name in member.model_fields
        ):
            return member
    return None


def _or_remove(root: type[BaseModel], loc: Loc, data: Any) -> str:
    """' or remove the line' where the field is optional (removing a required one won't help)."""
    model = _model_at(root, loc[:-1], data)
    field = model.model_fields.get(str(loc[-1])) if model and loc else None
    return "" if field is None or field.is_required() else " or remove the line"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list ('- ' lines)"
    return repr(value)


_MISSING_HINTS = {
    "published": "add a date like 2025-11-11",
    "credits": "add the keys of its sources, like [reuters]",
    "key_points": "add one to five '- ' lines",
    "body": "add paragraphs like '- paragraph: ...' with 'credits: [reuters]'",
    "sources": "add the outlets, like 'reuters: {name: Reuters}'",
}


def _hint_from(description: str | None) -> str:
    if not description:
        return "add it"
    return f"add it ({description[0].lower()}{description[1:].rstrip('.')})"


def _suggest(root: type[BaseModel], name: str, parent: Loc, data: Any) -> str | None:
    model = _model_at(root, parent, data)
    close = difflib.get_close_matches(name, list(model.model_fields) if model else [], n=1)
    return close[0] if close else None


def _drop_misspelt_missing(
    root: type[BaseModel], errors: list[ErrorDetails], data: Any
) -> list[ErrorDetails]:
    """Leave out "'key_points' is missing" when the file has 'keypoints:' instead."""
    missing: dict[Loc, list[str]] = {}
    for err in errors:
        if err["type"] == "missing":
            loc = _clean_loc(tuple(err["loc"]))
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
    misspelt = set()
    for err in errors if missing else []:
        loc = _clean_loc(tuple(err["loc"]))
        # Why the first test: a file of 10,000 unknown keys would take seconds of difflib; a
        # name close to none of the missing fields cannot be one of them misspelt.
        if (
            err["type"] == "extra_forbidden"
            and difflib.get_close_matches(str(loc[-1]), missing.get(loc[:-1], []), n=1)
            and (suggestion := _suggest(root, str(loc[-1]), loc[:-1], data))
        ):
            misspelt.add((*loc[:-1], suggestion))
    return [
        err
        for err in errors
        if not (err["type"] == "missing" and _clean_loc(tuple(err["loc"])) in misspelt)
    ]


def _error_position(err: ErrorDetails, where: SourceMap) -> Position:
    """Where a pydantic error is shown: at the value, or at the key for a key's problem."""
    loc = _clean_loc(tuple(err["loc"]))
    if loc and loc[-1] == "[key]":
        return where.key_at((*loc[:-2], loc[-2]))
    return where.key_at(loc) if err["type"] == "extra_forbidden" else where.value_at(loc)


def _problem_from_pydantic(
    root: type[BaseModel], err: ErrorDetails, data: Any, where: SourceMap, path: str
) -> Problem:
    loc = _clean_loc(tuple(err["loc"]))
    kind = err["type"]
    value = err.get("input")
    name = str(loc[-1]) if loc else ""
    label = format_loc(loc)
    position = _error_position(err, where)
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1], data)
        suggestion = _suggest(root, name, loc[:-1], data)
        allowed = ", ".join(model.model_fields) if model else ""
        hint = f"did you mean {suggestion!r}?" if suggestion else f"allowed here: {allowed}"
        message = f"unknown field {name!r}; {hint}"
        label = format_loc(loc[:-1])
    elif kind == "missing":
        model = _model_at(root, loc[:-1], data)
        field = model.model_fields.get(name) if model else None
        hint = _MISSING_HINTS.get(name) or _hint_from(field.description if field else None)
        message = f"{name!r} is missing; {hint}"
        label = format_loc(loc[:-1])
    elif value is None and kind.endswith("_type"):
        message = "is empty; write a value" + _or_remove(root, loc, data)
    elif kind == "string_type":
        message = f"expected text, got {_describe(value)}; put the text on one line or quote it"
    elif kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        want = "a list ('- ' lines)" if kind == "list_type" else "a mapping (key: value lines)"
        message = f"expected {want}, got {_describe(value)}"
    elif kind.startswith("date"):
        message = (
            "expected a date like 2025-11-11 or a date-time like 2025-11-11T09:30+01:00, "
            f"got {_describe(value)}"
        )
    elif kind == "string_too_short":
        message = "is empty; write some text" + _or_remove(root, loc, data)
    elif kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        message = f"is {len(str(value))} characters long; the limit is {limit}: shorten it"
    elif kind == "too_short":
        message = f"needs at least {err.get('ctx', {}).get('min_length')} item(s)"
    elif kind == "too_long":
        limit = err.get("ctx", {}).get("max_length")
        message = (
            f"has {err.get('ctx', {}).get('actual_length')} items; at most {limit} are allowed"
        )
    elif kind == "value_error":
        message = str(err["msg"]).removeprefix("Value error, ")
    else:
        message = err["msg"]
    if loc and loc[-1] == "[key]":
        label = format_loc(loc[:-2])
        message = f"key {loc[-2]!r}: {message}"
    return Problem(path, *position, f"{label}: {message}" if label else message)
