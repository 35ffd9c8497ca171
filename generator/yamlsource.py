"""Safe, bounded YAML reading that remembers where every value came from.

`read_yaml` returns plain data (dict, list, str, int, float, bool, None, `datetime.date`)
and *marks*: the 1-based line and column where each node starts, so later stages can say
`profile.yaml:12:7 ai_systems[1].retention: ...`.

The data is built straight from the parser's event stream (libyaml when available); no
object is ever constructed from a tag. Events, unlike `yaml.compose`, keep the reader
iterative (libyaml's composer crashes the interpreter on ~100k nested brackets) and are
faster, because plain scalars are resolved here rather than by PyYAML's generic resolver.

Marks: `marks[path]` is the `Mark` of the VALUE at `path`, a tuple of mapping keys and list
indexes such as `("ai_systems", 1, "retention", "chat_transcripts")`; `marks[()]` is the
root. `marks[path + (KEY,)]` is the mark of the KEY the value sits under (for unknown or
duplicated keys); `KEY` is a sentinel object, so it never collides with a key from the file.
`locate()` picks the place to show: the value, or its key when the value is a block that
starts on a later line; for a path not in the file (a missing field), its nearest parent.

Refused, each as a located `Problem` (all at once where the parser can go on): files over
`MAX_BYTES`, bytes that are not UTF-8, empty files, syntax errors, more than one document,
a top level that is not a mapping, nesting deeper than `MAX_DEPTH`, duplicate keys, keys
that are lists or mappings, merge keys (`<<`), aliases (`*name`: the "billion laughs"
attack, and a profile never needs them) and any tag but YAML's core scalars, maps and seqs.

Keys keep the text that was written (`no:` is the key "no", not False). Values resolve as
with PyYAML's SafeLoader, YAML 1.1: `yes`/`no`/`on`/`off` are booleans, `2026-09-01` a date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from generator.errors import CandorError, Problem, ProfileError, not_utf8

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _CORE + "str", _CORE + "map", _CORE + "seq"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCT = yaml.constructor.SafeConstructor()
_SCALARS = {
    _CORE + "null": lambda node: None,
    _CORE + "bool": _CONSTRUCT.construct_yaml_bool,
    _CORE + "int": _CONSTRUCT.construct_yaml_int,
    _CORE + "float": _CONSTRUCT.construct_yaml_float,
    _CORE + "timestamp": _CONSTRUCT.construct_yaml_timestamp,
}
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, OverflowError)
_new_mark = tuple.__new__  # `Mark(line, column)` without the NamedTuple's Python-level __new__
_RESOLVABLE = frozenset(k for k in _IMPLICIT if k is not None)  # first characters worth resolving
_PLAIN_KEY = re.compile(r'[^\s.\[\]"\\]+\Z')  # keys shown bare in a path; others as ["..."]


class Mark(NamedTuple):
    """Where a node starts in its file, both 1-based."""

    line: int
    column: int


class _KeySentinel:
    __slots__ = ()

    def __repr__(self) -> str:
        return "KEY"


KEY = _KeySentinel()
"""Last element of a marks path that asks for the key's position: `marks[path + (KEY,)]`."""

Marks = dict[tuple, Mark]


def read_yaml(path: Path | str, *, display_name: str | None = None) -> tuple[object, Marks]:
    """Read one YAML mapping from `path`; problems name the file as `display_name`.

    `display_name` defaults to the path exactly as the caller gave it. Raises `ProfileError`
    (every located problem) for a file that is unusable, `CandorError` if it cannot be read.
    """
    file = display_name if display_name is not None else str(path)
    return parse_yaml(_read_text(Path(path), file), file)


def parse_yaml(text: str, file: str) -> tuple[object, Marks]:
    """Parse YAML text (already read and decoded); see `read_yaml`."""
    if not text.strip():
        raise ProfileError([_empty_problem(file)])
    builder = _Builder(file)
    loader = None
    try:
        # The parser's own `get_event` until it has no more: `yaml.parse` wraps the same calls
        # in a Python generator, a twentieth of reading a large profile. (PyYAML's own reader,
        # without libyaml, refuses unprintable characters already here.)
        loader = _Loader(text)
        builder.feed(iter(loader.get_event, None))
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(exc, text, file))
    except yaml.reader.ReaderError as exc:
        builder.problems.append(_reader_problem(exc, text, file))
    except _Stop:
        pass
    finally:
        if loader is not None:
            loader.dispose()
    builder.finish()
    if not builder.problems:
        _check_root(builder.root, builder.marks, file, builder.problems)
    if builder.problems:
        raise ProfileError(sort_problems(builder.problems))
    return builder.root, builder.marks


def locate(marks: Marks, path: tuple) -> Mark | None:
    """The place to point at for `path`: its value, or its key when the value starts on a
    later line (a block mapping, list or text). For a path that is not in the file (a
    missing field), the same for its nearest parent."""
    while True:
        value, key = marks.get(path), marks.get(path + (KEY,))
        if value is not None:
            return key if key is not None and key.line < value.line else value
        if key is not None:
            return key
        if not path:
            return None
        path = path[:-1]


def format_path(path: tuple) -> str:
    """`("ai_systems", 1, "retention")` → `ai_systems[1].retention`."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.match(part):
            out.append(f".{part}" if out else part)
        else:
            out.append('["' + part.replace("\\", "\\\\").replace('"', '\\"') + '"]')
    return "".join(out)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (unlocated ones last), duplicates removed."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0, p.column or 0, p.path))


# -- reading bytes --------------------------------------------------------------------------


def _read_text(path: Path, file: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ProfileError([_too_big(file, size)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise CandorError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise CandorError(f"{file}: is a folder, expected a YAML file") from None
    except OSError as exc:
        raise CandorError(f"{file}: cannot read the file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ProfileError([_too_big(file, len(raw))])
    return _decode(raw, file)


def _too_big(file: str, size: int) -> Problem:
    limit = MAX_BYTES / 1024 / 1024
    return Problem(file, None, None, "", f"the file is {size / 1024 / 1024:.1f} MB; the limit is {limit:g} MB")


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProfileError([Problem(file, 1, 1, "", "the file is UTF-16 text; save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError([not_utf8(file, raw, exc)]) from None


# -- problems outside the builder -----------------------------------------------------------


def _empty_problem(file: str) -> Problem:
    return Problem(file, None, None, "", "the file is empty; expected a mapping of fields at the top level")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem(file, None, None, "", f"invalid YAML: {exc.problem or exc.context}")
    message = f"invalid YAML: {exc.problem or exc.context}"
    if "nesting depth" in message:
        # PyYAML 6.0.4+ stops absurd nesting in its scanner, before our own depth check sees it.
        message = f"nesting is deeper than {MAX_DEPTH} levels; a profile never needs that many"
    elif "cannot start any token" in message and _char_at(text, mark.line, mark.column) == "\t":
        message = "invalid YAML: a tab cannot indent YAML; use spaces"
    elif exc.problem and exc.context and exc.context_mark and exc.context_mark.line != mark.line:
        message += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    return Problem(file, mark.line + 1, mark.column + 1, "", message)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    position = max(exc.position, 0)
    if _Loader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 encoding
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
    message = f"invalid YAML: character U+{char:04X} is not allowed ({exc.reason})"
    return Problem(file, line, column, "", message)


def _check_root(root: object, marks: Marks, file: str, problems: list[Problem]) -> None:
    if root is None:
        problems.append(_empty_problem(file))
    elif not isinstance(root, dict):
        mark = marks.get(())
        kind = "a list" if isinstance(root, list) else f"a single value ({str(root)[:40]})"
        message = f"expected a mapping of fields at the top level, got {kind}"
        problems.append(Problem(file, mark.line if mark else None, mark.column if mark else None, "", message))


# -- the event-stream builder ---------------------------------------------------------------


class _Stop(Exception):
    """Stop reading: the problems gathered so far are all that can be said."""


_NO_KEY = object()  # a mapping frame waiting for its next key
_SKIP = object()  # a mapping frame whose next value belongs to a rejected key


class _Frame:
    __slots__ = ("container", "key", "path", "seen")

    def __init__(self, container: dict | list, path: tuple) -> None:
        self.container = container
        self.path = path
        self.key: object = _NO_KEY
        self.seen: dict[str, int] = {}


class _Builder:
    """Builds data and marks from parser events, one event at a time."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.root: object = None
        self.marks: Marks = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.skip = 0  # nesting level inside a node that is being skipped
        self.documents = 0
        self.alias_problem: int | None = None  # index in `problems` of the first alias
        self.alias_count = 0

    def feed(self, events) -> None:
        for event in events:
            kind = type(event)
            if self.skip:
                if kind is MappingStartEvent or kind is SequenceStartEvent:
                    self.skip += 1
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    self.skip -= 1
            elif kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                self._node(event, kind)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.stack.pop()
            elif kind is AliasEvent:
                self._node(event, kind)
            elif kind is DocumentStartEvent:
                self._document(event)

    def _node(self, event, kind: type) -> None:
        """Place one node: a key of the open mapping, or a value under a key or in a list."""
        frame = self.stack[-1] if self.stack else None
        if frame is None:
            path = ()
        elif type(frame.container) is list:
            path = frame.path + (len(frame.container),)
        elif frame.key is _NO_KEY:
            self._key(frame, event, kind)
            return
        elif frame.key is _SKIP:  # the value of a rejected key: read past it
            frame.key = _NO_KEY
            self.skip = int(kind is MappingStartEvent or kind is SequenceStartEvent)
            return
        else:
            path = frame.path + (frame.key,)
        value: object = None
        if kind is AliasEvent:
            self._alias(event, path)
        else:
            mark = event.start_mark
            self.marks[path] = _new_mark(Mark, (mark.line + 1, mark.column + 1))
            value = self._scalar_value(event, path) if kind is ScalarEvent else self._collection(event, path)
        if frame is None:
            self.root = value
        elif type(frame.container) is list:
            frame.container.append(value)
        else:
            frame.container[frame.key] = value
            frame.key = _NO_KEY
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            self.stack.append(_Frame(value, path))

    def _scalar_value(self, event: ScalarEvent, path: tuple) -> object:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value
            if _LETTERS_ARE_KEYWORDS and value[:1].isalpha():  # only yes, no, null … are not text
                tag = _KEYWORDS.get(value, _STR)
            else:
                tag = _resolve_plain(value) if value[:1] in _RESOLVABLE else _STR
            if tag == _STR:
                return value
            try:
                return _SCALARS[tag](yaml.ScalarNode(tag, value))
            except _UNREADABLE:  # a YAML 1.1 pattern PyYAML cannot convert, e.g. "0x_"
                return value
        if tag == _STR:
            return value
        construct = _SCALARS.get(tag)
        if construct is None:
            self._problem(event, path, _tag_message(tag))
            return None
        try:
            return construct(yaml.ScalarNode(tag, value))
        except _UNREADABLE:
            self._problem(event, path, f'cannot read "{value}" as {_short_tag(tag)}')
            return None

    def _collection(self, event, path: tuple) -> dict | list:
        is_map = type(event) is MappingStartEvent
        if event.tag not in (None, "!", _MAP if is_map else _SEQ):
            self._problem(event, path, _tag_message(event.tag))
        if len(self.stack) >= MAX_DEPTH:
            self._problem(event, path, f"nesting is deeper than {MAX_DEPTH} levels; a profile never needs that many")
            raise _Stop
        return {} if is_map else []

    def _key(self, frame: _Frame, event, kind: type) -> None:
        key = event.value if kind is ScalarEvent else None
        if key is not None and event.tag is None and key not in frame.seen and key != "<<":
            mark = event.start_mark  # the common case, kept short: this runs once per line
            frame.seen[key] = mark.line + 1
            frame.key = key
            self.marks[frame.path + (key, KEY)] = _new_mark(Mark, (mark.line + 1, mark.column + 1))
            return
        frame.key = _SKIP
        if kind is AliasEvent:
            self._alias(event, frame.path)
        elif key is None:
            self._problem(event, frame.path, "a key must be plain text, got a list or mapping")
            self.skip = 1
        elif key in frame.seen:
            message = f'duplicate key "{key}"; it is already set on line {frame.seen[key]}'
            self._problem(event, frame.path + (key,), message)
        else:
            if event.tag not in (None, "!", _STR) and event.tag not in _SCALARS:
                self._problem(event, frame.path + (key,), _tag_message(event.tag))
            elif key == "<<" and event.tag is None and event.implicit[0]:
                message = "merge keys (<<) are not supported; write the fields out in full"
                self._problem(event, frame.path + (key,), message)
            frame.seen[key] = event.start_mark.line + 1
            frame.key = key
            self.marks[frame.path + (key, KEY)] = Mark(event.start_mark.line + 1, event.start_mark.column + 1)

    def _document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            mark = event.start_mark
            message = "the file holds more than one YAML document (a second one starts here); keep one"
            self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, "", message))
            raise _Stop

    def _alias(self, event: AliasEvent, path: tuple) -> None:
        """Aliases are refused (alias bombs); one problem names the first and counts the rest."""
        if self.alias_problem is None:
            self.alias_problem = len(self.problems)
            self._problem(event, path, f"YAML aliases (*{event.anchor}) are not supported; write the value out in full")
        self.alias_count += 1

    def finish(self) -> None:
        """Complete the alias problem once the whole file has been read."""
        if self.alias_count > 1:
            problem = self.problems[self.alias_problem]
            message = f"{problem.message} ({self.alias_count} aliases in the file)"
            self.problems[self.alias_problem] = replace(problem, message=message)

    def _problem(self, event, path: tuple, message: str) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, format_path(path), message))


def _resolve_plain(value: str) -> str:
    """The tag PyYAML's SafeLoader gives a plain (unquoted, untagged) scalar."""
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


def _spellings(word: str) -> set[str]:
    """`no` → {no, nO, No, NO}: every way of capitalising a word."""
    spellings = {""}
    for char in word:
        spellings = {s + c for s in spellings for c in {char.lower(), char.upper()}}
    return spellings


_LETTERS_ARE_KEYWORDS = all(tag in (_CORE + "bool", _CORE + "null")
                            for first, resolvers in _IMPLICIT.items() if first and first.isalpha()
                            for tag, _ in resolvers)
"""True while PyYAML resolves a plain scalar starting with a letter only as a boolean or null
(checked, not assumed: another version could add a pattern, and then every value goes the
long way through `_resolve_plain`)."""

_KEYWORDS = {spelling: tag
             for word in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
             for spelling in _spellings(word) if (tag := _resolve_plain(spelling)) != _STR}
"""The plain scalars starting with a letter that YAML 1.1 (as PyYAML's resolver has it) reads
as a boolean or null, with their tag; any other one is text. Asked of PyYAML's own patterns:
those for a leading letter match only these few words, in some of their capitalisations."""


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _tag_message(tag: str) -> str:
    return f"the YAML tag {_short_tag(tag)} is not allowed; use plain text, numbers, dates, lists and mappings"


