"""Load the profile: YAML file → validated `Profile`, with every problem located.

`load_profile` reads the file with `yamlsource.read_yaml` (safe, bounded, positions kept),
validates it with pydantic and returns a `LoadedProfile` that still knows where each value
came from, so later stages (the rules) can point at a line too.

`validate` works for any pydantic model class. It turns EVERY entry of a `ValidationError`
into a `Problem` (`file:line:col field.path: message`), all reported at once, in file order.

Located messages from validators
--------------------------------
A validator can point at a field other than the one it runs on: start the `ValueError`
message with `@` and a path RELATIVE TO THE MODEL THE VALIDATOR BELONGS TO, then `: `::

    raise ValueError('@ai_systems[2].id: duplicate id "chat" (also used by ai_systems[0])')
    raise ValueError("@legitimate_interest: name the interest pursued")   # on `Purpose`

For a validator on `Profile` the path is from the top of the file. The problem is then shown
at that path (or its nearest parent that is in the file) with the rest of the message.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, TypeVar, Union

from pydantic import BaseModel, ValidationError

from generator.errors import CandorError, Problem, ProfileError
from generator.profile import Profile
from generator.yamlsource import (
    KEY,
    Marks,
    format_path,
    locate,
    read_yaml,
    sort_problems,
)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedProfile:
    """A validated profile plus where each of its values sits in the file."""

    profile: Profile
    file: str
    """The file name as the user gave it, for messages."""
    marks: Marks = field(repr=False, compare=False)
    """Field path → position; see `yamlsource` for the convention."""

    def locate(self, path: tuple) -> tuple[int, int] | None:
        """(line, column) to show for a field path such as `("ai_systems", 0, "retention")`;
        a path that is not in the file falls back to its nearest parent."""
        mark = locate(self.marks, tuple(path))
        return (mark.line, mark.column) if mark else None


def load_profile(path: Path | str, *, display_name: str | None = None) -> LoadedProfile:
    """Read and validate a profile; raise `ProfileError` listing every problem."""
    path = Path(path)
    file = display_name if display_name is not None else str(path)
    if not path.exists():
        raise CandorError(f"{file}: no such file", hint="`candor init` creates a starting profile.")
    data, marks = read_yaml(path, display_name=file)
    return LoadedProfile(validate(data, marks, Profile, file), file, marks)


def validate(data: object, marks: Marks, model_cls: type[M], file: str) -> M:
    """`model_cls` validated from `data`, or `ProfileError` with one located problem per error."""
    try:
        return model_cls.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(problems_from(exc, data, marks, model_cls, file)) from None


def problems_from(
    exc: ValidationError, data: object, marks: Marks, model_cls: type[BaseModel], file: str
) -> list[Problem]:
    """Every error of `exc` as a located, plainly worded `Problem`, in file order."""
    issues = _collapse_unions([_issue(error, data) for error in exc.errors(include_url=False)])
    problems = []
    for issue in _without_misspelt(issues, model_cls):
        message = issue.message or _message(issue, model_cls)
        mark = marks.get(issue.path + (KEY,)) if issue.type == "extra_forbidden" else None
        mark = mark or locate(marks, issue.path)
        line, column = (mark.line, mark.column) if mark else (None, None)
        problems.append(Problem(file, line, column, format_path(issue.path), message))
    return sort_problems(problems)


def _without_misspelt(issues: list[_Issue], model_cls: type[BaseModel]) -> list[_Issue]:
    """Drop "required field is missing" for a field whose misspelling is already reported
    (`retension:` gives one problem, "did you mean "retention"?", not two)."""
    meant = set()
    for issue in issues:
        if issue.type == "extra_forbidden":
            close, _ = _close_fields(issue.path, model_cls)
            meant.update(issue.path[:-1] + (name,) for name in close)
    return [i for i in issues if not (i.type == "missing" and i.path in meant)]


# -- from pydantic's `loc` to a path in the data --------------------------------------------


@dataclass
class _Issue:
    path: tuple
    """Where in the data the problem is (mapping keys and list indexes only)."""
    branches: tuple[tuple[tuple, str], ...]
    """Union members tried on the way: (data path of the union, pydantic's member label)."""
    type: str
    error: dict
    message: str = ""
    """Set when the message is already known (validator messages, merged union errors)."""


_AT_PATH = re.compile(r"@(\S+?): ")
_PATH_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_PREFIXES = ("Value error, ", "Assertion failed, ")


def _issue(error: dict, data: object) -> _Issue:
    path, branches = _walk_loc(error["loc"], data, missing=error["type"] == "missing")
    issue = _Issue(path, branches, error["type"], error)
    if issue.type.startswith("union_tag_"):  # a tagged union: point at the tag field
        _tag_issue(issue, error.get("ctx") or {})
    if error["type"] in ("value_error", "assertion_error"):
        message = error["msg"]
        for prefix in _PREFIXES:
            message = message.removeprefix(prefix)
        match = _AT_PATH.match(message)
        if match:
            issue.path += _parse_path(match[1])
            message = message[match.end() :]
        issue.message = message
    return issue


def _tag_issue(issue: _Issue, ctx: dict) -> None:
    name = re.fullmatch(r"'([^']+)'", str(ctx.get("discriminator", "")))
    if name:
        issue.path += (name[1],)
    if issue.type == "union_tag_not_found":
        issue.type = "missing"
    else:
        choices = ", ".join(_choices(ctx.get("expected_tags", "")))
        issue.message = f"expected one of: {choices}; got {_show(ctx.get('tag'))}"


def _walk_loc(loc: tuple, data: object, *, missing: bool) -> tuple[tuple, tuple]:
    """Split pydantic's `loc` into the data path and the union-member labels in between.

    A `loc` element that is not a key or index of the data at that point is a label pydantic
    adds for a union member (`str`, `RetentionCriterion`, `function-after[...]`, a tag).
    """
    path: list = []
    branches = []
    node = data
    last = len(loc) - 1
    for index, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and (part in node or (missing and index == last)):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            branches.append((tuple(path), str(part)))
    return tuple(path), tuple(branches)


def _parse_path(text: str) -> tuple:
    return tuple(int(i) if i else key for i, key in _PATH_PART.findall(text))


# -- unions: one readable message per place -------------------------------------------------

_SHAPES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "date_type": "a date like 2026-09-01",
    "datetime_type": "a date and time like 2026-09-01T09:00:00",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dataclass_type": "a mapping of fields",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "none_required": "an empty value",
}


def _collapse_unions(issues: list[_Issue], depth: int = 0) -> list[_Issue]:
    """Keep, for each union, only the member that fits the value's shape.

    Errors of members whose shape does not match (a mapping given where text is expected) are
    noise when another member fits; when none fits they merge into one "expected X or Y".
    """
    done = [issue for issue in issues if len(issue.branches) <= depth]
    unions: dict[tuple, dict[str, list[_Issue]]] = {}
    for issue in issues:
        if len(issue.branches) > depth:
            point, label = issue.branches[depth]
            unions.setdefault(point, {}).setdefault(label, []).append(issue)
    for point, members in unions.items():
        fitting = [group for group in members.values() if not _misfit(group, point)]
        tag = _common_choice(fitting) if len(fitting) > 1 else None
        if tag:
            done.append(tag)
        elif fitting:
            done += _collapse_unions(min(fitting, key=len), depth + 1)
        else:
            done.append(_merged(point, [issue for group in members.values() for issue in group]))
    return done


def _misfit(group: list[_Issue], point: tuple) -> bool:
    return all(issue.path == point and issue.type in _SHAPES for issue in group)


def _common_choice(groups: list[list[_Issue]]) -> _Issue | None:
    """Models told apart by a fixed-value field (`kind: chat` | `kind: voice`) that all reject
    the value: one "expected one of" listing every member's value, at that field."""
    by_path = [{i.path: i for i in group if i.type in ("literal_error", "enum")} for group in groups]
    shared = set(by_path[0]).intersection(*by_path[1:])
    if not shared:
        return None
    path = min(shared, key=lambda p: (len(p), format_path(p)))
    choices = dict.fromkeys(c for found in by_path for c in _choices(found[path].error["ctx"]["expected"]))
    error = by_path[0][path].error
    message = f"expected one of: {', '.join(choices)}; got {_show(error['input'])}"
    return _Issue(path, (), "literal_error", error, message)


def _merged(point: tuple, issues: list[_Issue]) -> _Issue:
    shapes = list(dict.fromkeys(_SHAPES[issue.type] for issue in issues))
    expected = ", ".join(shapes[:-1]) + " or " + shapes[-1] if len(shapes) > 1 else shapes[0]
    first = issues[0]
    message = f"expected {expected}, got {_show(first.error['input'])}"
    return _Issue(point, (), "union", first.error, message)


# -- wording --------------------------------------------------------------------------------


def _message(issue: _Issue, model_cls: type[BaseModel]) -> str:
    kind, error = issue.type, issue.error
    ctx, got = error.get("ctx") or {}, _show(error.get("input"))
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return _unknown_field(issue.path, model_cls)
    if kind in ("literal_error", "enum"):
        return f"expected one of: {', '.join(_choices(ctx.get('expected', '')))}; got {got}"
    if kind == "string_type":
        return f"expected text, got {got}{_quote_hint(error.get('input'))}"
    if kind in _SHAPES:
        return f"expected {_SHAPES[kind]}, got {got}"
    if kind == "too_short" and ctx.get("min_length") == 1:
        return "expected at least one item, got none"
    if kind == "string_too_long" and isinstance(error.get("input"), str):
        return f"expected at most {ctx.get('max_length')} characters, got {len(error['input'])}"
    wording = _WORDING.get(kind) or _WORDING.get(kind.split("_")[0])
    if wording:
        try:
            return wording.format(got=got, **ctx)
        except (KeyError, IndexError):
            pass
    return f"{error['msg'][:1].lower()}{error['msg'][1:]}; got {got}"


_WORDING = {
    "int_parsing": "expected a whole number, got {got}",
    "int_from_float": "expected a whole number, got {got}",
    "float_parsing": "expected a number, got {got}",
    "bool_parsing": "expected true or false, got {got}",
    "date": "expected a date like 2026-09-01, got {got}",
    "datetime": "expected a date and time like 2026-09-01T09:00:00, got {got}",
    "string_too_short": "must not be empty",
    "string_too_long": "expected at most {max_length} characters",
    "string_pattern_mismatch": "got {got}, which does not have the expected form ({pattern})",
    "too_short": "expected at least {min_length} items, got {actual_length}",
    "too_long": "expected at most {max_length} items, got {actual_length}",
    "greater_than": "expected a number greater than {gt}, got {got}",
    "greater_than_equal": "expected a number of at least {ge}, got {got}",
    "less_than": "expected a number less than {lt}, got {got}",
    "less_than_equal": "expected a number of at most {le}, got {got}",
    "url": "expected a web address like https://www.example.com, got {got}",
}


def _show(value: object) -> str:
    """A value as the user wrote it in YAML."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return '"' + text.replace('"', '\\"').replace("\n", "\\n") + '"'
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return str(value)


def _quote_hint(value: object) -> str:
    if isinstance(value, bool):
        return " (YAML reads an unquoted yes, no, on or off as true or false: put the text in quotes)"
    if isinstance(value, (int, float, dt.date)):
        return " (put it in quotes to keep it as text)"
    return ""


def _choices(expected: str) -> list[str]:
    """`"'a', 'b' or 'c'"` (pydantic's ctx) → `["a", "b", "c"]`."""
    quoted = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    return quoted or [part for part in re.split(r",\s*|\s+or\s+", expected) if part]


def _unknown_field(path: tuple, model_cls: type[BaseModel]) -> str:
    name = path[-1]
    close, accepted = _close_fields(path, model_cls)
    if close:
        return f'unknown field "{name}"; did you mean "{close[0]}"?'
    if accepted:
        return f'unknown field "{name}"; accepted fields: {", ".join(accepted)}'
    return f'unknown field "{name}"'


def _close_fields(path: tuple, model_cls: type[BaseModel]) -> tuple[list[str], list[str]]:
    """For an unknown key at `path`: the closest accepted field name (if any) and all of them."""
    accepted = sorted({key for model in _models_at(model_cls, path[:-1]) for key in _field_keys(model)})
    return difflib.get_close_matches(str(path[-1]), accepted, n=1, cutoff=0.6), accepted


# -- finding the model class at a path ------------------------------------------------------


def _models_at(model_cls: type[BaseModel], path: tuple) -> list[type[BaseModel]]:
    """The model classes that can sit at `path`, following fields, lists, dicts and unions."""
    current: list = [model_cls]
    for part in path:
        following: list = []
        for kind in _expand(current):
            following.extend(_step(kind, part))
        current = following
    return [kind for kind in _expand(current) if _is_model(kind)]


def _step(kind: object, part: object) -> list:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if _is_model(kind) and isinstance(part, str):
        fields = kind.model_fields
        return [f.annotation for name, f in fields.items() if (f.alias or name) == part]
    if isinstance(part, int) and isinstance(origin, type) and issubclass(origin, (Sequence, set, frozenset)):
        return list(args[:1]) if origin is not tuple else [a for a in args if a is not Ellipsis]
    if isinstance(part, str) and isinstance(origin, type) and issubclass(origin, Mapping) and len(args) == 2:
        return [args[1]]
    return []


def _expand(kinds: list) -> list:
    """Unwrap `Annotated[...]`, `X | Y` and `Optional[X]` into the plain types inside."""
    out = []
    for kind in kinds:
        origin = typing.get_origin(kind)
        if origin is Annotated:
            out.extend(_expand([typing.get_args(kind)[0]]))
        elif origin is Union or origin is types.UnionType:
            out.extend(_expand(list(typing.get_args(kind))))
        elif kind is not type(None) and origin is not Literal:
            out.append(kind)
    return out


def _is_model(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _field_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]
