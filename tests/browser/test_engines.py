"""`candor build --engine zensical`: the same sites with Zensical, Material's successor.

Zensical is an optional extra (`pip install 'candor[zensical]'`); this test skips with that
message where it is not installed. It builds the default profile with both engines and
compares the page sets of both sites.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.helpers import DEFAULT_PROFILE


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                    reason="Zensical is not installed: pip install 'candor[zensical]'")
def test_zensical_builds_the_same_pages_as_mkdocs(tmp_path):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    shutil.copyfile(DEFAULT_PROFILE, project / "content" / "profile.yaml")
    cwd = Path.cwd()
    try:
        os.chdir(project)
        for engine in ("mkdocs", "zensical"):
            result = CliRunner().invoke(main, ["build", "--engine", engine, "--site-dir", f"site-{engine}"],
                                        catch_exceptions=False)
            assert result.exit_code == 0, result.output
    finally:
        os.chdir(cwd)
    for audience in ("public", "internal"):
        mkdocs, zensical = pages(project / "site-mkdocs" / audience), pages(project / "site-zensical" / audience)
        assert mkdocs == zensical
        assert "index.html" in zensical
