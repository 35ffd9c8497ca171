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


def english_only(data: dict) -> dict:
    """`data` served in English alone: for a test about something other than languages that
    edits customer texts with plain English strings (the default profile is served in
    English, German and French, and a plain string is only the English text)."""
    data["company"]["languages"] = ["en"]
    for record in data.get("documents", {}).values():
        record.pop("translations", None)
    return data


def plain_english(data):
    """`data` with every per-language text reduced to its English string, served in English
    alone: the profile as a company writes it before translating anything."""
    def plain(value):
        if isinstance(value, dict) and value and "en" in value and set(value) <= {"en", "de", "fr"}:
            return value["en"]
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value
    return english_only(plain(data))


def profile_from(data: dict) -> Profile:
    return Profile.model_validate(data)


def write_profile(folder: Path, data: dict, name: str = "profile.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
