"""The stages every command shares: load → rules → render, all in memory.

`diff`, `review`, `build` and `serve` call these functions rather than re-running the stages
their own way, so there is one way to go from a profile file to documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from generator import collector, gitfiles, i18n
from generator.approvals import DocumentStatus, approval_findings, document_statuses
from generator.brand import brand_images
from generator.documents import DocumentSet
from generator.findings import sort_findings
from generator.load import LoadedProfile, load_profile
from generator.published import earlier_versions
from generator.render import RenderedSites, render, render_public
from generator.rules import RuleResult, evaluate

DEFAULT_PROFILE = Path("content/profile.yaml")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Checked:
    loaded: LoadedProfile
    rules: RuleResult
    statuses: tuple[DocumentStatus, ...] = ()
    """The approval status of each public document (set once the documents are rendered)."""


def path_parts(path: str) -> tuple[str | int, ...]:
    """`ai_systems[1].retention.chat` → ("ai_systems", 1, "retention", "chat")."""
    return tuple(int(index) if index else name for name, index in _PART.findall(path))


def check_profile(profile_path: Path, *, as_of: dt.date | None = None, display_name: str | None = None,
                  project_dir: Path | None = None) -> Checked:
    with collector.paused():
        loaded = load_profile(profile_path, display_name=display_name)
        rules = evaluate(loaded.profile, as_of=as_of, file=loaded.file, project_dir=project_dir,
                         locate=lambda path: loaded.locate(path_parts(path)))
    return Checked(loaded, rules)


def generate(profile_path: Path, *, project_dir: Path, as_of: dt.date | None = None,
             versions: bool = False, display_name: str | None = None,
             jobs: int | None = None) -> tuple[Checked, RenderedSites]:
    """Load, check and render; the findings include each public document's approval status.

    With `versions`, the earlier versions of each document are recovered from the profile's
    git history (see `published.py`) and get their permanent pages. `jobs`: how many
    processes may render at once (`render.render`).
    """
    checked = check_profile(profile_path, as_of=as_of, display_name=display_name, project_dir=project_dir)
    profile = checked.loaded.profile
    earlier = (earlier_versions(profile_path, profile, lambda path: generate(path, project_dir=project_dir)[1].public)
               if versions else None)
    sites = render(profile, checked.rules, project_dir=project_dir, earlier=earlier, jobs=jobs)
    return with_approvals(checked, sites.public, profile_path), sites


def check_documents(profile_path: Path, *, project_dir: Path, as_of: dt.date | None = None) -> Checked:
    """`candor check`: the rules' findings plus each public document's approval status. Only
    the public documents that an approval names are rendered (approvals need their text;
    nothing else does), which keeps the check quick."""
    checked = check_profile(profile_path, as_of=as_of, project_dir=project_dir)
    loaded = checked.loaded
    # The logo and favicon, as the build will read them (only here: an earlier version of the
    # profile, read from git into a temporary folder, has no images beside it).
    brand_images(loaded.profile.site.branding, profile_path.resolve().parent,
                 lambda path: loaded.locate(path_parts(path)), loaded.file)
    profile = loaded.profile
    if profile.company.languages[0] not in i18n.available_languages(project_dir):
        return checked  # nothing can be written in it: the CANDOR-LANGUAGE-UNKNOWN error says why
    # A document no approval names is awaiting approval whatever its text: only the others
    # are rendered, so the check stays quick for a profile with hundreds of systems.
    named = {approval.document for approval in profile.approvals}
    public = render_public(profile, checked.rules, project_dir=project_dir, only=named)
    return with_approvals(checked, public, profile_path)


def with_approvals(checked: Checked, public: DocumentSet, profile_path: Path) -> Checked:
    """`checked` with the approval statuses and their findings (located in the profile) added."""
    loaded = checked.loaded
    statuses = document_statuses(public, loaded.profile)
    found = approval_findings(statuses, loaded.profile, diff_command=lambda s: diff_command(profile_path, s))
    located = []
    for finding in found:
        line, column = loaded.locate(path_parts(finding.path)) or (None, None)
        located.append(replace(finding, file=loaded.file, line=line, column=column))
    rules = replace(checked.rules, findings=tuple(sort_findings([*checked.rules.findings, *located])))
    return Checked(loaded, rules, tuple(statuses))


def diff_command(profile_path: Path, status: DocumentStatus) -> str:
    """The `candor diff` that shows what changed since the document was approved: against the
    commit that recorded the approval, else against the last commit."""
    profile = "" if profile_path == DEFAULT_PROFILE else f" {profile_path}"
    commit = gitfiles.first_commit_with(profile_path, status.approval.sha256) if status.approval else None
    return f"candor diff{profile} --base {commit[:12]}" if commit else f"candor diff{profile}"
