"""Shared test inputs: the default profile as data, so each test states its own edit."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml

from generator.profile import Profile

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROFILE = ROOT / "content" / "profile.yaml"


@functools.cache
def _default_data() -> dict:
    return yaml.safe_load(DEFAULT_PROFILE.read_text(encoding="utf-8"))


def default_data() -> dict:
    """A fresh, editable copy of the default profile's data."""
    return copy.deepcopy(_default_data())


def profile_from(data: dict) -> Profile:
    return Profile.model_validate(data)


def write_profile(folder: Path, data: dict, name: str = "profile.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
