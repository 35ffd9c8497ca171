"""Publish a document set as a static site with the real engine (MkDocs + Material).

Write the pages and a generated config into the build folder, run the engine into a fresh
folder beside the target, and swap it in only if the build succeeded: a failed build leaves
the previous site as it was. Dates come from the profile, never the clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import logging.handlers
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from . import workers
from .documents import DocumentSet, Page, SiteSpec
from .editions import edition_code, edition_prefix
from .errors import BuildError
from .resources import resource

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's writer when PyYAML has it: front matter for a thousand pages, ten times faster."""

CANDOR_CSS = "stylesheets/candor.css"
"""Published from `site_overrides/` (MkDocs copies a theme folder's static files)."""


def build_site(docs: DocumentSet, out_dir: Path, *, project_dir: Path, build_root: Path) -> None:
    """Build `docs` into `out_dir`, replacing it only if the whole build succeeds."""
    build_sites([(docs, out_dir)], project_dir=project_dir, build_root=build_root)


def build_sites(targets: list[tuple[DocumentSet, Path]], *, project_dir: Path, build_root: Path,
                engine: str = "mkdocs", jobs: int | None = None) -> None:
    """Build several sites all or nothing: each into a staging folder first, and only when
    every one has built are they swapped into place, so a failure in the last leaves all the
    previous sites exactly as they were.

    `build_root/<audience>/` (`<audience>-<language>/` for a language edition) receives the
    Markdown, the merged theme overrides and the generated `mkdocs.yml`; it is rewritten from
    scratch each time, so a page removed from the document set never lingers in the site.

    Every site and language edition is a separate engine run; `jobs` of them run at once
    (see `_workers`).
    """
    project_dir, build_root = project_dir.resolve(), build_root.resolve()
    staged: list[tuple[Path, Path]] = []
    runs: list[_Run] = []
    try:
        for docs, out_dir in targets:
            out_dir = out_dir.resolve()
            out_dir.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_staging(out_dir), out_dir))
            for run in _prepare(docs, out_dir, staged[-1][0], project_dir, build_root):
                runs.append(run)  # one by one: a failure further on still finds its folder here
        _run_all(runs, engine, _workers(runs, jobs))
        for run in runs:
            if run.move_to is not None:
                run.site_dir.rename(run.move_to)
        for staging, out_dir in staged:
            _swap_in(staging, out_dir)
    finally:
        for folder in {staging for staging, _ in staged} | {run.site_dir for run in runs}:
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class _Run:
    """One engine run: a generated config, the fresh folder it builds into, and, for a language
    edition, where that folder goes once every run has succeeded (inside its site's folder,
    which the site's own run empties first, so editions build beside it)."""

    spec: SiteSpec
    config: Path
    site_dir: Path
    out_dir: Path
    """The folder a reader knows the site by, for messages."""
    pages: int
    move_to: Path | None = None


def _staging(out_dir: Path) -> Path:
    """A fresh hidden folder beside `out_dir` (same filesystem, so it can be renamed into place)."""
    staging = _staging_name(out_dir)
    staging.mkdir()
    return staging


def _staging_name(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.{secrets.token_hex(4)}.tmp")


def _prepare(docs: DocumentSet, out_dir: Path, staging: Path, project_dir: Path,
             build_root: Path) -> Iterator[_Run]:
    """Write the engine's input for a site and each of its language editions; nothing is built yet."""
    for edition in (docs, *docs.editions):
        code = edition_code(edition.spec)
        work = build_root / (f"{docs.spec.audience}-{code}" if code else docs.spec.audience)
        _write_docs(edition, work / "docs")
        _merge_overrides(project_dir, work / "overrides")
        site_dir = staging if not code else _staging_name(out_dir.with_name(f"{out_dir.name}-{code}"))
        with _engine_errors(edition.spec, out_dir / code if code else out_dir):
            config = _write_config(edition, work, _base_config(project_dir), site_dir)
        if code:  # created once nothing more can fail here, so the caller always knows of it
            site_dir.mkdir()
        yield _Run(edition.spec, config, site_dir, out_dir / code if code else out_dir,
                   len(edition.pages), staging / code if code else None)


def _workers(runs: list[_Run], jobs: int | None) -> int:
    """How many engine runs at once: `jobs` when given, else one per processor this process
    may use. (Measured on two processors: a 19-page site of two runs builds in 1.5 s instead
    of 1.6 s, the default profile's four runs in 2.5 s instead of 3.4 s; starting a worker
    costs less than the runs it shares.)"""
    return workers.count(len(runs), jobs)


def _run_all(runs: list[_Run], engine: str, at_once: int) -> None:
    """Run the engine for every run, `at_once` at a time, largest first; raise the first failure
    (in site order) once all have stopped. Leaving the pool terminates its workers, so Ctrl-C
    stops a build at once rather than after the runs still queued."""
    if at_once == 1:
        failures = [_build(run, engine) for run in runs]
    else:
        with workers.pool(at_once) as pool:
            pending = {id(run): pool.apply_async(_build, (run, engine))
                       for run in sorted(runs, key=lambda r: r.pages, reverse=True)}
            failures = [pending[id(run)].get() for run in runs]
    for failure in failures:
        if failure is not None:
            raise failure


def _build(run: _Run, engine: str) -> BuildError | None:
    """One engine run; its failure is returned, not raised, so that every run has stopped
    before the first failure (in site order) is raised (it crosses a process boundary whole:
    `errors.CandorError.__reduce__`)."""
    try:
        with _engine_errors(run.spec, run.out_dir), _source_date_epoch(run.spec.effective_date):
            _run_engine(run.config, engine)
    except BuildError as error:
        return error
    return None


ENGINES = ("mkdocs", "zensical")


def _run_engine(config_path: Path, engine: str = "mkdocs") -> None:
    """Run the static-site engine on a generated config, strict.

    The one place that knows which engine builds the site. MkDocs runs in-process. Zensical
    (Material's successor, an optional extra) reads the same `mkdocs.yml` but wants every
    path inside the config's own folder, so it gets a copy of the config with relative
    paths, builds beside it, and its output is moved into the staging folder.
    """
    if engine == "zensical":
        _run_zensical(config_path)
        return
    config = load_config(config_file=str(config_path), strict=True)
    mkdocs_build(config)


def _run_zensical(config_path: Path) -> None:
    import subprocess
    import sys

    work = config_path.parent
    with config_path.open("rb") as f:
        config = yaml_load(f)
    site_dir, out = Path(config["site_dir"]), work / "zensical-site"
    shutil.rmtree(out, ignore_errors=True)
    config.update(docs_dir="docs", site_dir=out.name)
    config["theme"]["custom_dir"] = "overrides"
    own = work / "zensical.yml"
    own.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    try:
        run = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean",
                              "--config-file", str(own)], cwd=work, capture_output=True, text=True)
    except OSError as exc:
        raise MkDocsException(f"Zensical could not be started: {exc}") from exc
    if run.returncode != 0 or not out.is_dir():
        missing = "No module named zensical" in run.stderr
        raise MkDocsException("Zensical is not installed: pip install 'candor[zensical]'" if missing
                              else f"Zensical failed:\n{(run.stdout + run.stderr).strip()[-4000:]}")
    for item in out.iterdir():
        shutil.move(str(item), site_dir / item.name)
    out.rmdir()


# -- Writing the engine's input ------------------------------------------------------------


def _write_docs(docs: DocumentSet, docs_dir: Path) -> None:
    """Write every page and asset into a clean docs folder, plus the audience's robots.txt."""
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    for page in docs.pages:
        _write_file(docs_dir, page.path, _page_source(page).encode("utf-8"))
    for rel, data in sorted(docs.assets.items()):
        _write_file(docs_dir, rel, data)
    # A company may ship its own public robots.txt; the internal one is never replaced. A
    # language edition lives in a sub-folder, where crawlers do not look for one.
    if edition_prefix(docs):
        return
    if docs.spec.audience == "internal" or "robots.txt" not in docs.assets:
        _write_file(docs_dir, "robots.txt", _robots_txt(docs.spec).encode("utf-8"))


def _write_file(root: Path, rel: str, data: bytes) -> None:
    """Write `data` at `root/rel`, refusing paths that would land outside `root`."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
        raise BuildError(f"Refusing to write {rel!r}: page and asset paths must stay in the site.")
    target = root.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _page_source(page: Page) -> str:
    """The page's Markdown with YAML front matter for its title and description.

    MkDocs and Material print `page.meta` values into HTML without escaping (no
    autoescape), so plain-text titles and descriptions are HTML-escaped here.
    """
    meta = {"title": html.escape(page.title)}
    if page.description:
        meta["description"] = html.escape(page.description)
    meta.update(page.meta)
    front = yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n\n{page.markdown}"


def _robots_txt(spec: SiteSpec) -> str:
    """Internal sites ask every crawler to stay out; public ones invite them to the sitemap.

    Crawlers only read robots.txt at a host's root, so on a site served under a path the
    internal `noindex` meta tag (from `site_overrides/main.html`) is what really counts.
    """
    if spec.audience == "internal":
        return "User-agent: *\nDisallow: /\n"
    text = "User-agent: *\nAllow: /\n"
    if spec.site_url:
        text += f"\nSitemap: {spec.site_url.rstrip('/')}/sitemap.xml\n"
    return text


def _merge_overrides(project_dir: Path, target: Path) -> None:
    """Candor's `site_overrides/` with the project's own copied on top.

    MkDocs accepts a single `theme.custom_dir`, so a company's overrides can only win
    file by file if both folders are merged into one.
    """
    shutil.rmtree(target, ignore_errors=True)
    packaged = resource("site_overrides").resolve()
    shutil.copytree(packaged, target)
    own = project_dir / "site_overrides"
    if own.is_dir() and own.resolve() != packaged:
        shutil.copytree(own, target, dirs_exist_ok=True)


def _base_config(project_dir: Path) -> Path:
    """The config both audiences inherit: the project's own, else the packaged one."""
    own = project_dir / "mkdocs.yml"
    return own if own.is_file() else resource("mkdocs.yml").resolve()


def _write_config(docs: DocumentSet, work: Path, base: Path, site_dir: Path) -> Path:
    """Write the audience's `mkdocs.yml`, inheriting `base`, and return its path.

    Paths are absolute because MkDocs resolves relative ones against the child config's
    folder. Lists replace the parent's in an `INHERIT` merge, so `extra_css` repeats the
    base config's entries before adding Candor's sheet.
    """
    spec = docs.spec
    # Material prints `site_name` into the header and <title> unescaped, like page titles.
    config: dict = {"INHERIT": str(base), "site_name": html.escape(spec.site_name)}
    if spec.site_url:
        config["site_url"] = spec.site_url
    overrides = str(work / "overrides")
    config.update(
        docs_dir=str(work / "docs"),
        site_dir=str(site_dir),
        theme={"name": "material", "custom_dir": overrides, "language": spec.language, **spec.theme,
               **_translated_palette(base, spec.extra.get("candor_theme_labels"))},
        nav=_nav(docs.pages),
        not_in_nav="\n".join(f"/{p.path}" for p in docs.pages if not p.in_nav),
        extra_css=_extra_css(base),
        extra={
            **spec.extra,
            "candor_audience": spec.audience,
            "candor_legal_entity": spec.legal_entity,
            "candor_effective_date": spec.effective_date.isoformat(),
        },
    )
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _translated_palette(base: Path, labels: dict[str, str] | None) -> dict:
    """The base config's palette with its toggle labels in the edition's language (only the
    labels the catalogue knows; a company's own wording stays as written)."""
    if not labels:
        return {}
    with base.open("rb") as f:
        palette = ((yaml_load(f) or {}).get("theme") or {}).get("palette")
    if not isinstance(palette, list):
        return {}
    translated = []
    for scheme in palette:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in labels:
            scheme = {**scheme, "toggle": {**toggle, "name": labels[toggle["name"]]}}
        translated.append(scheme)
    return {"palette": translated}


def _extra_css(base: Path) -> list[str]:
    """The base config's own `extra_css` (following its `INHERIT`s), then Candor's sheet."""
    with base.open("rb") as f:
        loaded = yaml_load(f) or {}
    sheets = [str(s) for s in loaded.get("extra_css") or []]
    return sheets if CANDOR_CSS in sheets else [*sheets, CANDOR_CSS]


def _nav(pages: tuple[Page, ...]) -> list:
    """Navigation in page order, pages listed under their section (and within it their
    group) where it first appears."""
    nav: list = []
    lists: dict[tuple[str, ...], list] = {(): nav}
    for page in (p for p in pages if p.in_nav):
        path = tuple(name for name in (page.section, page.group) if name is not None)
        for depth in range(1, len(path) + 1):
            if path[:depth] not in lists:
                lists[path[:depth]] = []
                lists[path[:depth - 1]].append({html.escape(path[depth - 1]): lists[path[:depth]]})
        lists[path].append({html.escape(page.title): page.path})
    return nav


# -- Running the engine --------------------------------------------------------------------


@contextlib.contextmanager
def _engine_errors(spec: SiteSpec, out_dir: Path) -> Iterator[None]:
    """Turn the engine's refusals into a `BuildError` that names what failed.

    MkDocs reports the real cause (which page, which link) as log warnings and then aborts
    with a bare count, so its log is collected and put into the message. The log is kept
    off the terminal otherwise: a good build prints nothing.
    """
    logger = logging.getLogger("mkdocs")
    collector = logging.handlers.BufferingHandler(capacity=1_000_000)
    collector.setLevel(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield
    except (MkDocsException, jinja2.TemplateError, yaml.YAMLError, OSError) as exc:
        details = "".join(f"\n  {r.levelname}: {r.getMessage()}" for r in collector.buffer)
        code = edition_code(spec)
        edition = f" ({code} edition)" if code else ""
        raise BuildError(
            f"The {spec.audience} site{edition} did not build: {exc}{details}",
            hint=f"Fix the problem above and build again; {out_dir} was left unchanged.",
        ) from exc
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


@contextlib.contextmanager
def _source_date_epoch(date: dt.date) -> Iterator[None]:
    """Set `SOURCE_DATE_EPOCH` to the date's midnight UTC for the build, then restore it.

    MkDocs dates the sitemap (`<lastmod>`, the gzip header of `sitemap.xml.gz`) from it,
    which is what makes two builds of the same profile byte-identical.
    """
    midnight = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` with the freshly built `staging` folder (same filesystem).

    The old site is renamed aside first and put back if the second rename fails, so
    `out_dir` is never left half-written.
    """
    aside = staging.with_name(staging.name + ".old")
    had_site = out_dir.exists()
    if had_site:
        out_dir.rename(aside)
    try:
        staging.rename(out_dir)
    except OSError:
        if had_site:
            aside.rename(out_dir)
        raise
    shutil.rmtree(aside, ignore_errors=True)


# -- Checking the built site ---------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.IGNORECASE)
_REQUESTING_RELS = {
    "stylesheet", "preload", "prefetch", "modulepreload", "preconnect", "dns-prefetch",
    "icon", "apple-touch-icon", "mask-icon", "manifest",
}  # fmt: skip
_SOURCE_ATTRS = {"src", "srcset", "poster"}


def find_third_party_references(site_dir: Path, allowed_hosts: set[str]) -> list[str]:
    """Every reference in the built site that makes a browser contact another host.

    Reported as `file: url`, sorted. Only references a browser *requests* while loading a
    page count, because that is what leaks a reader's address to a third party:

    - in HTML and SVG: `src`/`srcset`/`poster` on any element, `<object data>`,
      `<image>`/`<use>` `href`, and `<link href>` whose `rel` fetches or connects
      (stylesheet, preload, prefetch, modulepreload, preconnect, dns-prefetch, icons,
      manifest), plus CSS in `<style>` elements and `style` attributes;
    - in CSS files: `url(…)` and `@import`.

    Links a reader may follow (`<a href>`, `<link rel="canonical">`, the sitemap, the
    search index) are not requests. Nor are URLs inside JavaScript strings: Material's
    bundle names the GitHub API and a Mermaid CDN, but only calls them when `repo_url`
    is configured or a page holds a diagram, and such a call shows up in the HTML that
    enables it. Hosts in `allowed_hosts` (the site's own) are not reported.
    """
    allowed = {host.lower() for host in allowed_hosts}
    found: set[str] = set()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        if suffix not in {".html", ".htm", ".svg", ".css"}:
            continue
        text = path.read_text("utf-8", errors="replace")
        urls = _css_urls(text) if suffix == ".css" else _html_urls(text)
        rel = path.relative_to(site_dir).as_posix()
        found.update(f"{rel}: {url}" for url in urls if _is_third_party(url, allowed))
    return sorted(found)


def _is_third_party(url: str, allowed: set[str]) -> bool:
    """True for an absolute (`https://host/…`) or protocol-relative (`//host/…`) URL elsewhere."""
    url = url.strip()
    if not re.match(r"(?i)(https?:)?//", url):
        return False
    host = urlsplit(url if ":" in url.split("/", 1)[0] else "https:" + url).hostname
    return bool(host) and host.lower() not in allowed


def _css_urls(css: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in _CSS_URL.finditer(css)]


def _html_urls(markup: str) -> list[str]:
    parser = _RequestFinder()
    parser.feed(markup)
    parser.close()
    return parser.urls


class _RequestFinder(HTMLParser):
    """Collects the URLs an HTML (or SVG) document makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in _SOURCE_ATTRS & values.keys():
            candidates = values[name].split(",") if name == "srcset" else [values[name]]
            self.urls.extend(c.split()[0] for c in candidates if c.split())
        rels = set(values.get("rel", "").lower().split())
        if (tag == "link" and rels & _REQUESTING_RELS) or tag in {"image", "use"}:
            self.urls.extend(values[k] for k in ("href", "xlink:href") if k in values)
        if tag == "object" and "data" in values:
            self.urls.append(values["data"])
        if "style" in values:
            self.urls.extend(_css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(_css_urls(data))
