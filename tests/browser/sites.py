"""What the browser and built-site tests share: the profiles Candor ships, building
their public sites, and stopping a test whose external tool is missing (see conftest.py)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.helpers import DEFAULT_PROFILE, ROOT

CHROMIUM = os.environ.get("CANDOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTERS = sorted((ROOT / "generator" / "starters").glob("*.yaml"))
PROFILES = {"default": DEFAULT_PROFILE, **{f"starter-{p.stem}": p for p in STARTERS}}


def require(available: bool, message: str) -> None:
    """Stop a test whose tool is missing: a failure under CI, a skip elsewhere."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


@dataclass(frozen=True)
class Site:
    """One built public site and where it is served."""

    name: str
    root: Path
    url: str

    def pages(self) -> list[str]:
        """Every HTML page as a URL path relative to the site root (`""`, `privacy/`, `404.html`)."""
        paths = []
        for html in sorted(self.root.rglob("*.html")):
            rel = html.relative_to(self.root).as_posix()
            paths.append(rel.removesuffix("index.html"))
        return paths


def build_public_site(project: Path, profile: Path) -> Path:
    """`candor build` of `profile` in a fresh project folder; returns `site/public`."""
    (project / "content").mkdir(parents=True)
    shutil.copyfile(profile, project / "content" / "profile.yaml")
    cwd = Path.cwd()
    try:
        os.chdir(project)
        result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return project / "site" / "public"
