"""`candor build`: profile → documents → both sites, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.commands.pipeline import generate
from generator.rules import RuleResult
from generator import site


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    public_pages: int
    internal_pages: int
    rules: RuleResult

    def summary_lines(self) -> list[str]:
        lines = [
            f"Built {self.public_pages} public pages in {self.site_dir / 'public'}",
            f"Built {self.internal_pages} internal pages in {self.site_dir / 'internal'}",
        ]
        errors = self.rules.count("error")
        if errors:
            lines.append(f"Warning: the profile has {errors} error-level findings; "
                         "the documents are incomplete until they are fixed (run `candor check`).")
        return lines


def build_sites(profile_path: Path, *, project_dir: Path, site_dir: Path, as_of: dt.date | None = None,
                progress: Callable[[str], None] = lambda _: None,
                audiences: tuple[str, ...] = ("internal", "public")) -> BuildResult:
    progress("Reading and checking the profile")
    checked, sites = generate(profile_path, project_dir=project_dir, as_of=as_of)
    targets = [(docs, site_dir / docs.spec.audience) for docs in (sites.internal, sites.public)
               if docs.spec.audience in audiences]
    progress(f"Building {' and '.join(d.spec.audience for d, _ in targets)} with MkDocs")
    site.build_sites(targets, project_dir=project_dir, build_root=project_dir / "build")
    return BuildResult(site_dir, len(sites.public.pages), len(sites.internal.pages), checked.rules)
