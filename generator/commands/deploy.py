"""`candor deploy`: publish the built public site to a gh-pages branch, the ghp-import way.

The site is not rebuilt here: `candor build` made `site/public`, and this command only
decides whether it may go out and then commits it, as one new commit on the pages branch,
with `.nojekyll` (GitHub Pages would otherwise drop `_`-prefixed files) and `CNAME` when the
profile names a custom domain. The commit message lists each document's version, so the
branch history says which text was public when.

It refuses, before touching git:

- the internal site, or any folder whose pages carry the staff-only banner or the
  internal `noindex, nofollow` marker (GitHub Pages on ordinary plans is always public);
- with `require_approval`, a profile whose public documents are not all approved at their
  current text (the same answer `candor build --require-approval` gets from `approvals`).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import CandorError

INTERNAL_MARKERS = ('class="candor-internal-banner"', '<meta name="robots" content="noindex, nofollow">')


class DeployRefused(CandorError):
    """The site may not be published as it is; nothing was committed or pushed."""

    exit_code = 1


@dataclass(frozen=True)
class DeployResult:
    branch: str
    remote: str
    pushed: bool
    message: str
    cname: str | None

    def summary_lines(self) -> list[str]:
        where = f"{self.remote}/{self.branch}" if self.pushed else f"the local branch {self.branch}"
        lines = [f"Published the public site to {where}.", *self.message.splitlines()[2:]]
        if self.cname:
            lines.append(f"Custom domain (CNAME): {self.cname}")
        if not self.pushed:
            lines.append(f"Not pushed: run `git push {self.remote} {self.branch}` when ready.")
        return lines


def deploy_site(public_dir: Path, profile_path: Path, *, project_dir: Path, remote: str = "origin",
                branch: str = "gh-pages", push: bool = True, require_approval: bool = False) -> DeployResult:
    """Check that `public_dir` is a public site that may be published, then commit it to `branch`."""
    _refuse_non_public(public_dir)
    from generator.commands.pipeline import generate

    checked, sites = generate(profile_path, project_dir=project_dir)
    profile = checked.loaded.profile
    if require_approval:
        _refuse_unapproved(checked)
    message = commit_message(sites.public, profile)
    cname = profile.site.custom_domain
    _commit(public_dir, project_dir=project_dir, remote=remote, branch=branch, push=push,
            message=message, cname=cname)
    return DeployResult(branch, remote, push, message, cname)


def _refuse_non_public(public_dir: Path) -> None:
    if not public_dir.is_dir():
        raise CandorError(f"{public_dir}: no built site here", hint="run `candor build` first")
    if not (public_dir / "index.html").is_file():
        raise CandorError(f"{public_dir}: not a built site (no index.html)", hint="run `candor build` first")
    if public_dir.resolve().name == "internal":
        raise DeployRefused(f"{public_dir} is the internal (staff-only) site; only site/public is published",
                            hint="deploy site/public; host site/internal where only staff can reach it")
    for page in sorted(public_dir.rglob("*.html")):
        text = page.read_text("utf-8", errors="replace")
        if any(marker in text for marker in INTERNAL_MARKERS):
            raise DeployRefused(
                f"{page} is marked staff-only; {public_dir} holds internal pages and was not published",
                hint="deploy site/public as `candor build` wrote it; never copy internal pages into it")


def _refuse_unapproved(checked) -> None:
    """The same answer `candor build --require-approval` gets: `approvals.blocking`."""
    from generator.approvals import blocking

    blocked = blocking(checked.statuses)
    if blocked:
        lines = "\n".join(f"  {s.doc_id} ({s.title}): {s.status}: {s.reason}" for s in blocked)
        raise DeployRefused(f"{len(blocked)} public documents are not approved at their current text, "
                            f"so nothing was published:\n{lines}",
                            hint="run `candor diff` to see what changed and `candor review` for the packet "
                                 "legal signs; then build and deploy again")


def commit_message(public, profile) -> str:
    """"Publish <site name>", a blank line, then each document with its version and effective date."""
    lines = [f"Publish {public.spec.site_name}", ""]
    titles = {p.doc_id: p.title for p in reversed(public.pages) if p.doc_id}
    for doc_id, record in profile.documents.items():
        title = titles.get(doc_id, doc_id)
        lines.append(f"{doc_id}: {title}, version {record.version}, effective {record.effective_date.isoformat()}")
    return "\n".join(lines)


def _commit(public_dir: Path, *, project_dir: Path, remote: str, branch: str, push: bool, message: str,
            cname: str | None) -> None:
    from ghp_import import GhpError, ghp_import

    _require_git_repo(project_dir)
    if push:
        _fetch(project_dir, remote, branch)
    try:
        _in_dir(project_dir, lambda: ghp_import(str(public_dir.resolve()), mesg=message, remote=remote, branch=branch,
                                                push=push, nojekyll=True, cname=cname))
    except GhpError as error:
        raise CandorError(f"git refused the deploy: {error.message.strip()}",
                          hint=f"check that the remote {remote!r} exists and that you may push to it") from None
    except subprocess.CalledProcessError as error:
        raise CandorError(f"git failed: {' '.join(map(str, error.cmd))} (exit {error.returncode})",
                          hint=f"check that the remote {remote!r} exists and that you may push to it") from None


def _require_git_repo(project_dir: Path) -> None:
    result = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=project_dir, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CandorError(f"{project_dir} is not a git repository", hint="run `git init` and add a remote first")


def _fetch(project_dir: Path, remote: str, branch: str) -> None:
    """Bring the remote's pages branch in, so the new commit follows it instead of forking it."""
    known = subprocess.run(["git", "remote"], cwd=project_dir, capture_output=True, text=True,
                           check=False).stdout.split()
    if remote not in known:
        raise CandorError(f"there is no git remote named {remote!r}",
                          hint=f"add it with `git remote add {remote} URL`, or name another with --remote")
    subprocess.run(["git", "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"],
                   cwd=project_dir, capture_output=True, check=False)


def _in_dir(folder: Path, action):
    """ghp-import runs git in the current directory."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        return action()
    finally:
        os.chdir(before)
