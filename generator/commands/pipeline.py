"""The stages every command shares: load → rules → render, all in memory.

`diff`, `review`, `build` and `serve` call these functions rather than re-running the stages
their own way, so there is one way to go from a profile file to documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.load import LoadedProfile, load_profile
from generator.render import RenderedSites, render
from generator.rules import RuleResult, evaluate

DEFAULT_PROFILE = Path("content/profile.yaml")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Checked:
    loaded: LoadedProfile
    rules: RuleResult


def path_parts(path: str) -> tuple[str | int, ...]:
    """`ai_systems[1].retention.chat` → ("ai_systems", 1, "retention", "chat")."""
    return tuple(int(index) if index else name for name, index in _PART.findall(path))


def check_profile(profile_path: Path, *, as_of: dt.date | None = None) -> Checked:
    loaded = load_profile(profile_path)
    rules = evaluate(loaded.profile, as_of=as_of, file=loaded.file,
                     locate=lambda path: loaded.locate(path_parts(path)))
    return Checked(loaded, rules)


def generate(profile_path: Path, *, project_dir: Path, as_of: dt.date | None = None) -> tuple[Checked, RenderedSites]:
    checked = check_profile(profile_path, as_of=as_of)
    return checked, render(checked.loaded.profile, checked.rules, project_dir=project_dir)
