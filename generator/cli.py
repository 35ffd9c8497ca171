"""The `candor` command line: parses arguments, calls one orchestrator, maps errors to exit codes.

This is the only module that turns a `CandorError` into a message and an exit code, so no
traceback reaches a user for their own mistake. Heavy modules (MkDocs, Jinja, pydantic
models) are imported inside the commands, which keeps `candor --help` and `candor check` quick.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

PROFILE_HELP = "The company profile to read (default: content/profile.yaml)."
EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn Candor's user-facing errors into a message on stderr and their exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from generator.errors import CandorError

        try:
            return command(*args, **kwargs)
        except CandorError as error:
            err = _console(stderr=True)
            err.print(f"error: {error.message}", style="red", markup=False)
            if error.hint:
                err.print(f"hint: {error.hint}", markup=False)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (`candor diff | head`): click's own handling
            raise
        except OSError as error:  # a path the user named cannot be read or written
            err = _console(stderr=True)
            where = f"{error.filename}: " if error.filename else ""
            err.print(f"error: {where}{error.strerror or error}", style="red", markup=False)
            err.print("hint: check that the path names a folder or file you can write to, "
                      "and that no file stands where a folder is needed", markup=False)
            sys.exit(2)

    return wrapper


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from generator.profile import EARLIEST, LATEST

    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f'expected a date like 2027-01-01, got "{value}"') from None
    if not EARLIEST <= date <= LATEST:
        raise click.BadParameter(f"expected a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}, got {value}")
    return date


profile_argument = click.argument("profile", required=False, type=click.Path(path_type=Path),
                                  default="content/profile.yaml", metavar="[PROFILE]")
as_of_option = click.option("--as-of", "as_of", callback=_as_of, metavar="DATE",
                            help="Evaluate the law and the review calendar as on this date "
                                 "(default: the profile's newest effective date; never today's date, "
                                 "so results are repeatable).")
language_option = click.option("--language", metavar="CODE",
                               help="Only the public documents in this language (a code of "
                                    "company.languages, e.g. de); default: every language.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="candor", prog_name="candor")
def main() -> None:
    """Candor turns one company profile into the documents a company needs when it uses AI
    in customer care, and publishes them as two static sites: site/public for customers and
    site/internal for staff.

    \b
    Start here:
      candor check     is my profile complete and consistent?
      candor build     write site/public and site/internal
      candor serve     preview the sites while you edit the profile
      candor diff      redline of the documents since the last commit
      candor review    the review packet legal signs off on
      candor deploy    publish site/public to a gh-pages branch
      candor init      start a new site project (profile, site settings, Pages workflow)

    Candor drafts; lawyers approve. No command tells you that you are compliant.
    """


@main.command()
@profile_argument
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="text for people, json for tools, sarif for GitHub code scanning.")
@user_errors
def check(profile: Path, as_of: dt.date | None, fmt: str) -> None:
    """Validate PROFILE and report what is missing, risky or inconsistent.

    Also reports each public document's approval status: awaiting approval (never
    approved) and stale (its generated text changed since it was approved) are warnings.

    Exit code 0 when there is no error-level finding, 1 when there is at least one,
    2 when the profile cannot be read at all (each problem is then shown with its
    file:line:column and field path).
    """
    from generator.commands.pipeline import check_documents
    from generator.errors import ProfileError
    from generator.report import text_lines, to_json

    try:
        rules = check_documents(profile, project_dir=Path.cwd(), as_of=as_of).rules
    except ProfileError as error:
        if fmt != "text":  # a tool reading the output still gets a report it can parse
            from generator.findings import unreadable
            from generator.rules import RuleResult

            unread = RuleResult(as_of=None, findings=unreadable(error.problems))
            sys.stdout.write(to_json(unread) if fmt == "json" else _sarif(unread))
        raise
    if fmt == "json":
        sys.stdout.write(to_json(rules))
    elif fmt == "sarif":
        sys.stdout.write(_sarif(rules))
    else:
        _print_findings(text_lines(rules))
    sys.exit(EXIT_FINDINGS if rules.count("error") else EXIT_OK)


def _sarif(rules) -> str:
    from generator.sarif import to_sarif

    return to_sarif(rules)


_STYLES = {"heading": "bold", "error": "red", "warning": "yellow", "info": "cyan", "summary": "bold"}


_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))  # what rich strips from printed text: bell, backspace, VT, FF, CR


def _print_findings(lines) -> None:
    """Styled by rich on a terminal; written as it is otherwise (a file, a pipe, CI's log),
    where rich would only work out that there is nothing to style. A profile with hundreds of
    documents has thousands of lines: printing them through rich took longer than checking it,
    and importing rich a twentieth of the check."""
    if not (sys.stdout.isatty() or os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1"):
        sys.stdout.write("".join(("\n" if style == "heading" else "") + line.translate(_CONTROL) + "\n"
                                 for style, line in lines))
        return
    out = _console()
    for style, line in lines:
        if style == "heading":
            out.print()
        out.print(line, style=_STYLES.get(style) if out.is_terminal else None, markup=False)


@main.command()
@profile_argument
@as_of_option
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default="site", show_default=True,
              help="Where site/public and site/internal are written.")
@click.option("--require-approval", is_flag=True,
              help="Refuse to build (exit 1, nothing written) unless legal has approved every public "
                   "document at its current text; turn this on in the deploy workflow.")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="The static-site engine: MkDocs with Material, or Zensical, Material's successor "
                   "(pip install 'candor[zensical]'), which reads the same mkdocs.yml.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="How many processes may work at once: language editions rendered, then sites and "
                   "editions built (each is its own engine run). Default: one per processor.")
@user_errors
def build(profile: Path, as_of: dt.date | None, site_dir: Path, require_approval: bool, engine: str,
          jobs: int | None) -> None:
    """Generate the documents from PROFILE and build site/public and site/internal.

    The build is all or nothing: if the profile or the engine fails, the sites from the
    previous build stay exactly as they were. Each public document also gets a permanent
    page per version (e.g. /privacy/v3/), earlier versions recovered from the profile's git
    history.

    With --require-approval, a document that is awaiting approval or stale stops the build
    with exit code 1 before anything is written; the message names each document, why it
    blocks, and the `candor diff` or `candor review` command that shows it.
    """
    from generator.commands.build import build_sites

    err = _console(stderr=True)
    with _progress(err, "Building the sites") as step:
        result = build_sites(profile, project_dir=Path.cwd(), site_dir=site_dir, as_of=as_of, progress=step,
                             require_approval=require_approval, engine=engine, jobs=jobs)
    for line in result.summary_lines():
        print(line)


@main.command()
@profile_argument
@as_of_option
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port on localhost.")
@click.option("--audience", type=click.Choice(["public", "internal"]), default="public", show_default=True,
              help="Which site to preview.")
@user_errors
def serve(profile: Path, as_of: dt.date | None, port: int, audience: str) -> None:
    """Preview a site on http://127.0.0.1:PORT/, rebuilding whenever PROFILE, templates/,
    content/pages/ or site_overrides/ change. A broken edit is reported and the last good
    preview stays up."""
    from generator.commands.serve import serve_preview

    serve_preview(profile, project_dir=Path.cwd(), port=port, audience=audience, as_of=as_of)


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--example", type=click.Choice(["retailer", "telecom", "bank", "clinic"]),
              help="Start from a complete example profile instead of answering questions.")
@click.option("--no-input", is_flag=True, help="Ask nothing; use --example (default: retailer).")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@user_errors
def init(directory: Path, example: str | None, no_input: bool, force: bool) -> None:
    """Create a site project in DIRECTORY: content/profile.yaml, mkdocs.yml, site_overrides/,
    .gitignore, README.md, requirements.txt and a GitHub Pages workflow.

    On a terminal it asks about your company and fills the profile; with --no-input (or
    --example) it copies an example profile: retailer, telecom, bank or clinic. Existing
    files are never replaced without --force.
    """
    import datetime as _dt

    from generator.commands.init import init_project, interview, starter_text

    if example or no_input or not sys.stdin.isatty():
        text = starter_text(example or "retailer")
        if not example:
            print("Copied the retailer example profile (no questions asked without a terminal, or with "
                  "--no-input; --example names another).")
    else:
        text = interview(lambda q, **kw: click.prompt(q, **kw), _dt.date.today())
    result = init_project(directory, profile_text=text, force=force)
    for line in result.summary_lines():
        print(line)


@main.command()
@profile_argument
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default="site/public", show_default=True,
              help="The built public site to publish (or the folder `candor build --site-dir` wrote, with public/ in it).")
@click.option("--remote", default="origin", show_default=True, help="The git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="The branch GitHub Pages serves.")
@click.option("--push/--no-push", default=True, show_default=True, help="Push the branch after committing it.")
@click.option("--require-approval", is_flag=True,
              help="Refuse unless legal has approved every public document at its current text.")
@user_errors
def deploy(profile: Path, site_dir: Path, remote: str, branch: str, push: bool, require_approval: bool) -> None:
    """Publish the built public site (run `candor build` first) to a gh-pages branch, with
    .nojekyll, CNAME from site.custom_domain and the document versions in the commit message.
    Never publishes site/internal."""
    from generator.commands.deploy import deploy_site

    result = deploy_site(site_dir, profile, project_dir=Path.cwd(), remote=remote, branch=branch,
                         push=push, require_approval=require_approval)
    for line in result.summary_lines():
        print(line)


@main.command()
@profile_argument
@as_of_option
@click.option("--base", metavar="REV|FILE",
              help="What to compare with: a git revision (commit, branch, tag; read with `git show "
                   "REV:PROFILE`) or another profile file (a file of that name wins). Default: HEAD, "
                   "the profile at the last commit.")
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Also write the redline as one self-contained HTML file (tracked-changes style, "
                   "summary table, requirement IDs touched).")
@language_option
@user_errors
def diff(profile: Path, as_of: dt.date | None, base: str | None, html_file: Path | None,
         language: str | None) -> None:
    """Redline of the generated documents (public and internal pages) between the BASE profile
    and PROFILE: what legal reads, word by word, not the YAML.

    On a terminal deletions are red and struck through and insertions green; when piped they
    are marked [-deleted-]{+inserted+}. Unchanged pages are listed as unchanged.

    Exit code 0 when nothing changed, 1 when something did (so CI can post the redline on a
    pull request), 2 when a profile cannot be read.
    """
    from generator.commands.diff import diff_profiles, redline_html

    comparison = diff_profiles(profile, base=base, project_dir=Path.cwd(), as_of=as_of, language=language)
    if html_file is not None:
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(redline_html(comparison, project_dir=Path.cwd()), encoding="utf-8")
    _print_redline(comparison, html_file)
    sys.exit(EXIT_FINDINGS if comparison.changed else EXIT_OK)


def _print_redline(comparison, html_file: Path | None) -> None:
    from generator.redline import render_plain, render_rich

    out = _console()
    colour = out.is_terminal
    out.print(f"Comparing {comparison.base_label} → {comparison.new_label}", markup=False,
              style="bold" if colour else None)
    for doc in comparison.changed:
        reqs = f"; requirements touched: {' '.join(doc.requirements)}" if doc.requirements else ""
        out.print()
        out.print(f"{doc.key} ({doc.title}): {doc.state}, +{doc.words_inserted} −{doc.words_deleted} words{reqs}",
                  markup=False, style="bold" if colour else None)
        for hunk in doc.hunks:
            out.print(f"@@ line {hunk.new_line}", markup=False, style="cyan" if colour else None)
            if colour:
                out.print(render_rich(hunk))
            else:
                out.print(render_plain(hunk).rstrip("\n"), markup=False)
    unchanged = [d.key for d in comparison.documents if d.state == "unchanged"]
    if unchanged:
        out.print()
        out.print(f"Unchanged ({len(unchanged)}): {', '.join(unchanged)}", markup=False)
    out.print()
    out.print(f"{len(comparison.changed)} of {len(comparison.documents)} pages changed.", markup=False)
    if html_file is not None:
        out.print(f"Wrote the HTML redline to {html_file}", markup=False)


@main.command()
@profile_argument
@as_of_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default="review",
              show_default=True, help="Folder the packet is written to (review-packet.html, .pdf).")
@click.option("--pdf/--no-pdf", default=True, show_default=True,
              help="Also print the packet to PDF when WeasyPrint or Chromium is installed "
                   "(without one, the packet is HTML only and the output says so).")
@language_option
@user_errors
def review(profile: Path, as_of: dt.date | None, out_dir: Path, pdf: bool, language: str | None) -> None:
    """Write the review packet legal signs off on: one self-contained HTML file with every
    public document in full, its version, content hash and approval status, the findings of
    `candor check`, the requirement coverage, and per document a sign-off block with the
    exact approvals: entry to paste into PROFILE. It prints one document per page."""
    from generator.commands.review import write_packet

    result = write_packet(profile, out_dir=out_dir, project_dir=Path.cwd(), as_of=as_of, pdf=pdf,
                          language=language)
    for line in result.summary_lines():
        print(line)


class _progress:
    """A spinner on a terminal, nothing when piped: `step("…")` updates the label."""

    def __init__(self, console, label: str) -> None:
        self.console, self.label, self.status = console, label, None

    def __enter__(self) -> Callable[[str], None]:
        if self.console.is_terminal:
            self.status = self.console.status(self.label)
            self.status.__enter__()
        return self.step

    def step(self, label: str) -> None:
        if self.status is not None:
            self.status.update(label)

    def __exit__(self, *exc: Any) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)


if __name__ == "__main__":  # pragma: no cover
    main()
