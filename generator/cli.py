"""The `candor` command line: parses arguments, calls one orchestrator, maps errors to exit codes.

This is the only module that turns a `CandorError` into a message and an exit code, so no
traceback reaches a user for their own mistake. Heavy modules (MkDocs, Jinja, pydantic
models) are imported inside the commands, which keeps `candor --help` and `candor check` quick.
"""

from __future__ import annotations

import datetime as dt
import functools
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

    return wrapper


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f'expected a date like 2027-01-01, got "{value}"') from None


profile_argument = click.argument("profile", required=False, type=click.Path(path_type=Path),
                                  default="content/profile.yaml", metavar="[PROFILE]")
as_of_option = click.option("--as-of", "as_of", callback=_as_of, metavar="DATE",
                            help="Evaluate the law and the review calendar as on this date "
                                 "(default: the profile's newest effective date; never today's date, "
                                 "so results are repeatable).")


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

    Exit code 0 when there is no error-level finding, 1 when there is at least one,
    2 when the profile cannot be read at all (each problem is then shown with its
    file:line:column and field path).
    """
    from generator.commands.pipeline import check_profile
    from generator.report import text_lines, to_json

    rules = check_profile(profile, as_of=as_of).rules
    if fmt == "json":
        sys.stdout.write(to_json(rules))
    elif fmt == "sarif":
        from generator.sarif import to_sarif

        sys.stdout.write(to_sarif(rules))
    else:
        _print_findings(text_lines(rules))
    sys.exit(EXIT_FINDINGS if rules.count("error") else EXIT_OK)


_STYLES = {"heading": "bold", "error": "red", "warning": "yellow", "info": "cyan", "summary": "bold"}


def _print_findings(lines) -> None:
    out = _console()
    for style, text in lines:
        if style == "heading":
            out.print()
        out.print(text, style=_STYLES.get(style) if out.is_terminal else None, markup=False)


@main.command()
@profile_argument
@as_of_option
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default="site", show_default=True,
              help="Where site/public and site/internal are written.")
@user_errors
def build(profile: Path, as_of: dt.date | None, site_dir: Path) -> None:
    """Generate the documents from PROFILE and build site/public and site/internal.

    The build is all or nothing: if the profile or the engine fails, the sites from the
    previous build stay exactly as they were.
    """
    from generator.commands.build import build_sites

    err = _console(stderr=True)
    with _progress(err, "Building the sites") as step:
        result = build_sites(profile, project_dir=Path.cwd(), site_dir=site_dir, as_of=as_of, progress=step)
    for line in result.summary_lines():
        print(line)


@main.command()
@profile_argument
@as_of_option
@click.option("--port", default=8000, show_default=True, help="Port on localhost.")
@click.option("--audience", type=click.Choice(["public", "internal"]), default="public", show_default=True,
              help="Which site to preview.")
@user_errors
def serve(profile: Path, as_of: dt.date | None, port: int, audience: str) -> None:
    """Preview a site on http://127.0.0.1:PORT/, rebuilding whenever PROFILE, templates/,
    content/pages/ or site_overrides/ change. A broken edit is reported and the last good
    preview stays up."""
    from generator.commands.serve import serve_preview

    serve_preview(profile, project_dir=Path.cwd(), port=port, audience=audience, as_of=as_of)


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
