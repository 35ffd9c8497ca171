"""`candor build`: profile → documents → both sites, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.approvals import Status, blocking
from generator.commands.pipeline import DEFAULT_PROFILE, Checked, diff_command, generate
from generator.errors import CandorError
from generator.report import counted
from generator.rules import RuleResult
from generator import buildrecord, editions, gitfiles, machine, site, workers


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    public_pages: int
    internal_pages: int
    rules: RuleResult
    shallow_history: bool = False
    """The profile is in a shallow git clone: earlier document versions may be missing."""

    def summary_lines(self) -> list[str]:
        lines = [
            f"Built {self.public_pages} public pages in {self.site_dir / 'public'}",
            f"Built {self.internal_pages} internal pages in {self.site_dir / 'internal'}",
        ]
        errors = self.rules.count("error")
        if errors:
            lines.append(f"Warning: the profile has {counted(errors, 'error-level finding')}; "
                         "the documents are incomplete until they are fixed (run `candor check`).")
        if self.shallow_history:
            lines.append("Warning: the profile is in a shallow git clone, so the pages of earlier document "
                         "versions that only older commits hold were not built; fetch the whole history "
                         "(`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout).")
        return lines


class ApprovalRequired(CandorError):
    """`--require-approval` and a public document is not approved at its current text."""

    exit_code = 1


def build_sites(profile_path: Path, *, project_dir: Path, site_dir: Path, as_of: dt.date | None = None,
                progress: Callable[[str], None] = lambda _: None,
                audiences: tuple[str, ...] = ("internal", "public"),
                require_approval: bool = False, engine: str = "mkdocs", jobs: int | None = None) -> BuildResult:
    workers.start_early(jobs)
    progress("Reading and checking the profile")
    checked, sites = generate(profile_path, project_dir=project_dir, as_of=as_of, versions=True, jobs=jobs)
    editions.require_translations(checked.loaded.profile, project_dir)
    sites = machine.with_extras(sites, checked.loaded, profile_path)
    public = sites.public
    sites = replace(sites, public=replace(public, assets={**public.assets,
                                                          buildrecord.FILE: buildrecord.record(checked.statuses)}))
    if require_approval:
        _refuse_unapproved(checked, profile_path)
    targets = [(docs, site_dir / docs.spec.audience) for docs in (sites.internal, sites.public)
               if docs.spec.audience in audiences]
    progress(f"Building {' and '.join(d.spec.audience for d, _ in targets)} with {engine}")
    site.build_sites(targets, project_dir=project_dir, build_root=project_dir / "build", engine=engine, jobs=jobs)
    public_pages = len(sites.public.pages) + sum(len(e.pages) for e in sites.public.editions)
    return BuildResult(site_dir, public_pages, len(sites.internal.pages), checked.rules,
                       shallow_history=gitfiles.is_shallow(profile_path))


def _refuse_unapproved(checked: Checked, profile_path: Path) -> None:
    """Stop before anything is written when a public document is not approved as it stands."""
    blockers = blocking(checked.statuses)
    if not blockers:
        return
    lines = [(f"{len(blockers)} of {len(checked.statuses)} public documents are not approved at their "
              "current text, so nothing was built (--require-approval):")]
    review = "candor review" + ("" if profile_path == DEFAULT_PROFILE else f" {profile_path}")
    for status in blockers:
        see = (f"see what changed: {diff_command(profile_path, status)}" if status.status is Status.stale
               else f"read it in full: {review}")
        lines.append(f"  {status.doc_id} ({status.title}): {status.status}: {status.reason}; {see}")
    raise ApprovalRequired("\n".join(lines), hint="Legal approves each document by adding its version and "
                           "sha256 under `approvals:` in the profile (`candor review` prints the entries).")
