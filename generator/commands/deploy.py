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
  current text (the same answer `candor build --require-approval` gets from `approvals`), or
  a site that was not built from that text (its `candor-build.json`, see `buildrecord`).
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
    changed: bool = True
    """False when the branch already held exactly this site: no commit was added."""

    def summary_lines(self) -> list[str]:
        where = f"{self.remote}/{self.branch}" if self.pushed else f"the local branch {self.branch}"
        if not self.changed:
            return [f"Nothing new to publish: the branch {self.branch} already holds this site, so no commit was added."]
        lines = [f"Published the public site to {where}.", *self.message.splitlines()[2:]]
        if self.cname:
            lines.append(f"Custom domain (CNAME): {self.cname}")
        if not self.pushed:
            lines.append(f"Not pushed: run `git push {self.remote} {self.branch}` when ready.")
        return lines


def deploy_site(public_dir: Path, profile_path: Path, *, project_dir: Path, remote: str = "origin",
                branch: str = "gh-pages", push: bool = True, require_approval: bool = False) -> DeployResult:
    """Check that `public_dir` is a public site that may be published, then commit it to `branch`.
    The folder `candor build --site-dir DIR` wrote (with `public/` in it) names its public site."""
    if not (public_dir / "index.html").is_file() and (public_dir / "public" / "index.html").is_file():
        public_dir = public_dir / "public"
    _refuse_non_public(public_dir)
    from generator.commands.pipeline import generate

    checked, sites = generate(profile_path, project_dir=project_dir)
    profile = checked.loaded.profile
    if require_approval:
        _refuse_unapproved(checked)
        _refuse_other_text(public_dir, checked.statuses)
    message = commit_message(sites.public, profile)
    cname = profile.site.custom_domain
    changed = _commit(public_dir, project_dir=project_dir, remote=remote, branch=branch, push=push,
                      message=message, cname=cname)
    return DeployResult(branch, remote, push, message, cname, changed)


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


def _refuse_other_text(public_dir: Path, statuses) -> None:
    """The profile's text is approved; refuse unless the built site holds that very text."""
    from generator import buildrecord

    built = buildrecord.built_hashes(public_dir)
    if built is None:
        raise DeployRefused(f"{public_dir} has no readable {buildrecord.FILE}, so it cannot be shown to hold the "
                            "approved text; nothing was published",
                            hint="run `candor build --require-approval`, then deploy again")
    differences = buildrecord.differences(built, statuses)
    if differences:
        lines = "\n".join(f"  {line}" for line in differences)
        raise DeployRefused(f"{public_dir} was not built from the profile's current, approved text, so nothing "
                            f"was published:\n{lines}",
                            hint="run `candor build --require-approval`, then deploy again")


def commit_message(public, profile) -> str:
    """"Publish <site name>", a blank line, then each document with its version and effective date."""
    lines = [f"Publish {public.spec.site_name}", ""]
    titles = {p.doc_id: p.title for p in reversed(public.pages) if p.doc_id}
    for doc_id, record in profile.documents.items():
        title = titles.get(doc_id, doc_id)
        lines.append(f"{doc_id}: {title}, version {record.version}, effective {record.effective_date.isoformat()}")
    return "\n".join(lines)


def _commit(public_dir: Path, *, project_dir: Path, remote: str, branch: str, push: bool, message: str,
            cname: str | None) -> bool:
    """Commit the site onto `branch` (and push it); False when that commit would change no
    file, in which case it is dropped, so a repeated deploy does not pile up empty commits."""
    from ghp_import import GhpError, ghp_import

    _require_git_repo(project_dir)
    _refuse_source_branch(project_dir, branch)
    if push:
        _fetch(project_dir, remote, branch)
    try:
        _in_dir(project_dir, lambda: ghp_import(str(public_dir.resolve()), mesg=message, remote=remote, branch=branch,
                                                push=False, nojekyll=True, cname=cname))
        changed = _keep_only_if_changed(project_dir, branch)
        if push:
            _git(project_dir, "push", "--quiet", remote, branch)
        return changed
    except GhpError as error:
        raise CandorError(f"git refused the deploy: {error.message.strip()}",
                          hint=f"check that the remote {remote!r} exists and that you may push to it") from None
    except subprocess.CalledProcessError as error:
        raise CandorError(f"git failed: {' '.join(map(str, error.cmd))} (exit {error.returncode})",
                          hint=f"check that the remote {remote!r} exists and that you may push to it") from None


def _git(project_dir: Path, *args: str, check: bool = True) -> str:
    """git's output in `project_dir`; a failure raises unless `check` is false (then the output is empty)."""
    return subprocess.run(["git", *args], cwd=project_dir, capture_output=True, text=True, check=check).stdout.strip()


def _keep_only_if_changed(project_dir: Path, branch: str) -> bool:
    ref = f"refs/heads/{branch}"
    parent = _git(project_dir, "rev-parse", "--verify", "--quiet", f"{ref}^", check=False)
    if parent and _git(project_dir, "rev-parse", f"{ref}^{{tree}}") == _git(project_dir, "rev-parse", f"{parent}^{{tree}}"):
        _git(project_dir, "update-ref", ref, parent)
        return False
    return True


def _refuse_source_branch(project_dir: Path, branch: str) -> None:
    """The pages branch holds only the built site: committing it onto the branch checked out
    here (usually `main`) would replace the project's files with the site's."""
    if branch == _git(project_dir, "symbolic-ref", "--quiet", "--short", "HEAD", check=False):
        raise CandorError(f"--branch {branch} is the branch checked out in {project_dir}; publishing onto it "
                          "would replace the project's files with the built site",
                          hint="publish to a branch of its own, such as gh-pages (the default)")


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
