"""The public view of a profile: internal-only fields withheld before any public template runs.

Fields declared with `profile.internal()` are replaced by `WITHHELD`, an object that refuses
to be printed, iterated or tested. A public template that touches one fails the build
loudly instead of leaking it, which is the whole point: the safety is in the data handed
to the templates, not in every template author remembering a rule.
"""

from __future__ import annotations

import functools
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.errors import CandorError


class InternalFieldLeak(CandorError):
    """A public template tried to use a staff-only field."""


class _Withheld:
    __slots__ = ()

    def _refuse(self, *_: Any, **__: Any) -> Any:
        raise InternalFieldLeak(
            "a public template used a staff-only field; staff-only data never reaches the public site",
            hint="move that text to an internal template or remove it from the public one",
        )

    __str__ = __iter__ = __bool__ = __len__ = __getattr__ = __getitem__ = __html__ = _refuse

    def __repr__(self) -> str:
        return "<withheld>"

    def __reduce__(self) -> str:
        return "WITHHELD"  # the one instance, also in a worker process (`workers.py`)


WITHHELD: Any = _Withheld()


@functools.cache
def is_internal(model: type[BaseModel], field: str) -> bool:
    extra = model.model_fields[field].json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("internal"))


def public_view(value: Any) -> Any:
    """A copy of `value` with every internal-only field, at any depth, replaced by WITHHELD."""
    if isinstance(value, BaseModel):
        cls = type(value)
        update = {
            name: WITHHELD if is_internal(cls, name) else public_view(getattr(value, name))
            for name in cls.model_fields
        }
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [public_view(item) for item in value]
    if isinstance(value, dict):
        return {key: public_view(item) for key, item in value.items()}
    return value


def internal_field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every internal-only field of a model class, as dotted paths (lists marked `[]`)."""
    paths: list[str] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if is_internal(model, name):
            paths.append(path)
            continue
        for inner in _model_types(info.annotation):
            suffix = "[]" if _is_collection(info.annotation) else ""
            paths.extend(internal_field_paths(inner, f"{path}{suffix}."))
    return paths


def _model_types(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [t for arg in get_args(annotation) for t in _model_types(arg)]


def _is_collection(annotation: Any) -> bool:
    if get_origin(annotation) in (list, dict):
        return True
    return any(_is_collection(arg) for arg in get_args(annotation))
