"""`candor diff`: a redline of the generated documents between two versions of the profile.

The base is the profile at the last commit (HEAD) unless `--base` names a git revision or
another profile file. Both sides go through the same load → rules → render stages
(`pipeline.generate`); what is compared is the generated text legal reads, never the YAML.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

from generator import gitfiles
from generator.commands.pipeline import generate
from generator.documents import Page
from generator.errors import CandorError, ProfileError
from generator.htmlreport import environment
from generator.editions import edition_prefix, language_of, served_language
from generator.redline import Comparison, compare_pages
from generator.render import RenderedSites


def diff_profiles(profile_path: Path, *, base: str | None, project_dir: Path,
                  as_of: dt.date | None = None, language: str | None = None) -> Comparison:
    """Compare every generated page of `base` (default: HEAD) with `profile_path`'s; with
    `language`, only the public pages in that language."""
    checked, new = generate(profile_path, project_dir=project_dir, as_of=as_of)
    served_language(checked.loaded.profile, language)
    label, old = _base_sites(profile_path, base, project_dir, as_of)
    old_pages, new_pages = _keyed(old, language), _keyed(new, language)
    return Comparison(label, f"{profile_path} (working tree)", tuple(compare_pages(old_pages, new_pages)))


def _base_sites(profile_path: Path, base: str | None, project_dir: Path,
                as_of: dt.date | None) -> tuple[str, RenderedSites]:
    label = base or "HEAD"
    try:
        return _render_base(profile_path, base, project_dir, as_of)
    except ProfileError as error:
        raise CandorError(f"the base profile ({label}) cannot be read; its problems, with the lines "
                          f"as they are in that version:\n{error.message}",
                          hint="compare with a revision or file whose profile Candor can read") from None


def _render_base(profile_path: Path, base: str | None, project_dir: Path,
                 as_of: dt.date | None) -> tuple[str, RenderedSites]:
    """A file named by `--base` wins over a revision of the same name. The base is rendered
    under the new profile's file name, so pages that cite a location (the findings) differ
    only where the content does."""
    same_name = str(profile_path)
    if base is not None and Path(base).is_file():
        return str(base), _generated_as(Path(base), str(base), same_name, project_dir, as_of)
    rev = base or "HEAD"
    try:
        text = gitfiles.show(profile_path, rev)
    except CandorError:
        if rev.endswith((".yaml", ".yml")):
            raise CandorError(f"--base {rev}: no such file, and no git revision of that name",
                              hint="name an existing profile file, or a commit, branch or tag") from None
        raise
    label = f"{rev}:{gitfiles.repo_path(profile_path)}"
    with tempfile.TemporaryDirectory(prefix="candor-diff-") as folder:
        path = Path(folder) / profile_path.name
        path.write_text(text, encoding="utf-8")
        return label, _generated_as(path, label, same_name, project_dir, as_of)


def _generated_as(path: Path, label: str, same_name: str, project_dir: Path, as_of: dt.date | None) -> RenderedSites:
    """The base's pages, rendered under the new profile's file name; a problem in the base
    is located in the base (`label`), where the user can find it."""
    try:
        return generate(path, project_dir=project_dir, as_of=as_of, display_name=same_name)[1]
    except ProfileError as error:
        raise ProfileError([replace(problem, file=label) for problem in error.problems]) from None


def _keyed(sites: RenderedSites, language: str | None = None) -> dict[str, tuple[str, Page]]:
    """Every page by `audience/path` (`public/de/privacy.md` for a language edition's);
    permanent version pages are copies, so they are left out."""
    keyed = {}
    everything = (sites.public, *sites.public.editions, sites.internal)
    for docs in everything if language is None else [d for d in everything[:-1] if language_of(d) == language]:
        prefix = edition_prefix(docs)
        for page in docs.pages:
            if page.in_nav:
                keyed[f"{docs.spec.audience}/{prefix}{page.path}"] = (docs.spec.audience, page)
    return keyed


def redline_html(comparison: Comparison, *, project_dir: Path) -> str:
    """The comparison as one self-contained HTML file in the style of tracked changes."""
    template = environment(project_dir).get_template("review/redline.html.j2")
    return template.render(comparison=comparison)
