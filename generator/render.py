"""Render: profile + rule output → the Markdown pages of both sites, in memory.

Templates live in `templates/` (the project's own first, Candor's packaged ones second; a
project template can `{% extends "candor/public/system.md.j2" %}` the one it replaces).
Public templates only ever receive the public view of the profile (see `visibility.py`).
"""

from __future__ import annotations

import contextlib
import functools
import pickle
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator import cache, collector, editions, embed, i18n, readability, versions, workers
from generator.approvals import approval_findings, document_language, document_statuses, named_documents
from generator.channeltexts import for_templates, unsaid
from generator.coverage import coverage
from generator.custompages import render_custom_pages
from generator.documents import DocumentSet, Page, SiteSpec
from generator.errors import CandorError, read_utf8
from generator.findings import sort_findings
from generator.jinja_errors import error_line
from generator.jurisdictions import requirement_ids
from generator.localtext import FALLBACK_MARK
from generator.profile import Profile
from generator.resources import resource
from generator.rules import RuleResult
from generator.rules.catalogue import load_catalogue
from generator.schedule import build_schedule
from generator.textfilters import FILTERS, TEMPLATE_FUNCTIONS
from generator.visibility import public_view

if TYPE_CHECKING:
    import jinja2

T = TypeVar("T")
Scores = dict[str, "readability.Score"]
"""Document id (`privacy@de`) → readability, as `readability.scores` gives it."""

PUBLIC_SECTIONS = ("Overview", "Our AI systems", "Privacy and your rights", "About these pages")
INTERNAL_SECTIONS = ("Overview", "Organisation", "Escalation playbooks", "Procedures", "Compliance")

GROUP_SYSTEMS_FROM = 13
"""From this many AI systems on (of more than one kind), the sidebar lists them in one
sub-section per kind. A reader scans a dozen names; past that, a flat list is a wall, and
since Material renders the open section's whole list into every page, grouping also keeps a
site of hundreds of systems fast to build. From this many on, the staff roles matrix also
lists the systems as rows instead of columns."""


@dataclass(frozen=True)
class RenderedSites:
    public: DocumentSet
    internal: DocumentSet


def render(profile: Profile, rules: RuleResult, *, project_dir: Path,
           earlier: Mapping[tuple[str, int], Page] | None = None, jobs: int | None = None) -> RenderedSites:
    """Every page of both sites, as plain values; nothing touches the disk.

    `earlier` holds the text of earlier versions of the public documents, keyed
    (document id, version) (see `published.py`); each gets a permanent page. `jobs` is how
    many processes may render at once (see `_further_editions`).
    """
    language = profile.site.internal_language
    with _public_site(profile, rules, project_dir=project_dir, earlier=earlier, jobs=jobs) as (default, finish):
        env = make_environment(project_dir, language)
        strings = i18n.load_strings(language, project_dir)
        # The staff site reads only the default-language pages, so it is written while the
        # further editions may still be rendering in worker processes; only the pages that
        # report on every edition's approval status wait for them.
        ctx = _internal_context(profile, rules, strings)
        written = _render_internal(env, ctx, profile, rules, default)
        public, scores = finish()
    return RenderedSites(public, _staff_site(env, ctx, profile, rules, written, public, scores))


def _staff_site(env, ctx: dict[str, Any], profile: Profile, rules: RuleResult,
                written: tuple[list[Page], list[Page]], public: DocumentSet, scores: Scores) -> DocumentSet:
    """The staff site: the pages `_render_internal` wrote, with the home page, the findings and
    the approvals, which report on every language edition's approval status."""
    handbook, compliance = written
    statuses = document_statuses(public, profile)
    ctx = {**ctx, "findings": tuple(sort_findings([*rules.findings, *approval_findings(statuses, profile)]))}
    titles = ctx["t"]["titles"]
    pages = (
        _page(env, "internal/index.md.j2", ctx, path="index.md", title=titles["internal_home"]),
        *handbook,
        _page(env, "internal/findings.md.j2", ctx, path="findings.md", title=titles["findings"],
              section=INTERNAL_SECTIONS[4]),
        *compliance,
        _page(env, "internal/approvals.md.j2", {**ctx, "statuses": statuses, "readability": scores,
                                                  "readability_threshold": readability.THRESHOLD},
              path="approvals.md", title=titles["approvals"], section=INTERNAL_SECTIONS[4]),
    )
    spec = _spec("internal", profile, ctx["t"], i18n.catalogue_of(env))
    return DocumentSet(SiteSpec(**{**spec.__dict__, "site_url": None, "language": profile.site.internal_language}),
                       pages)


def render_public(profile: Profile, rules: RuleResult, *, project_dir: Path,
                  earlier: Mapping[tuple[str, int], Page] | None = None,
                  only: Collection[str] | None = None, jobs: int | None = None) -> DocumentSet:
    """The public pages in the profile's first language, with the other languages' editions
    attached (see `editions.py`). Alone, without the staff site, this is what `candor check`
    needs for the approval status of each document.

    `earlier` is keyed by document id, `<id>@<language>` for an edition's pages. With `only`
    (document ids, `<id>@<language>` for a further language's), just those documents are
    rendered (see `_render_public`)."""
    with _public_site(profile, rules, project_dir=project_dir, earlier=earlier, only=only, jobs=jobs) as (_, finish):
        return finish()[0]


@contextlib.contextmanager
def _public_site(profile: Profile, rules: RuleResult, *, project_dir: Path,
                 earlier: Mapping[tuple[str, int], Page] | None, only: Collection[str] | None = None,
                 jobs: int | None) -> Iterator[tuple[DocumentSet, Callable[[], tuple[DocumentSet, Scores]]]]:
    """The default-language edition, and a function that returns the whole public site once
    the further editions are rendered (they may be rendering in worker processes meanwhile,
    until the block is left), with the readability of every document (`readability.scores`;
    none when `only` is given)."""
    earlier = earlier or {}
    codes = list(profile.company.languages)
    # When nothing is to be rendered (`candor check` with no approvals) the documents are only
    # listed, which reads nothing but public fields (ids, names, purposes): the withheld copy,
    # a twentieth of such a check for hundreds of systems, is not made.
    view = profile if only is not None and not only else public_view(profile)
    named = None if only is None else {document_language(doc_id, codes[0]) for doc_id in only}
    wanted_only = None if only is None else frozenset(only)
    tasks = [_Edition(code, codes[0], project_dir, _earlier_of(earlier, f"@{code}"), wanted_only,
                      editions.stale_versions(profile, code))
             for code in editions.further_languages(profile, project_dir) if named is None or code in named]
    with _further_editions(tasks, view, rules, jobs) as further:
        # No template environment (nor Jinja itself) when no default-language document is
        # rendered: `candor check` with no approvals only lists the documents.
        env = make_environment(project_dir, codes[0]) if only is None or any("@" not in d for d in only) else None
        catalogue = i18n.catalogue_of(env) if env is not None else i18n.load_catalogue(codes[0], project_dir)
        default = _render_public(env, catalogue, view, rules, i18n.load_strings(codes[0], project_dir), project_dir,
                                 _earlier_of(earlier, ""), _wanted(only, ""))

        def finish() -> tuple[DocumentSet, Scores]:
            scores = _scores(default, None, codes[0], only)  # while the workers finish
            rendered = further()
            public = editions.attach(default, profile, {code: docs for code, (docs, _) in rendered.items()},
                                     project_dir=project_dir, rendered_languages=named)
            return public, scores | {k: v for _, edition_scores in rendered.values() for k, v in edition_scores.items()}

        yield default, finish


def _scores(docs: DocumentSet, code: str | None, default: str, only: Collection[str] | None) -> Scores:
    """The readability of one edition's documents (the default language's when `code` is None)
    for the staff site; nothing for `candor check` (`only`), which does not show it."""
    return {} if only is not None else readability.scores(named_documents(docs, code), default)


def _wanted(only: Collection[str] | None, suffix: str) -> Callable[[str], bool] | None:
    """Which of an edition's documents to render (`_render_public`): those `only` names, with
    the edition's `suffix` ("@de", "" for the default language); all without `only`."""
    return None if only is None else (lambda doc_id: doc_id + suffix in only)


def _earlier_of(earlier: Mapping[tuple[str, int], Page], suffix: str) -> dict[tuple[str, int], Page]:
    """The earlier versions of one edition's documents (`suffix` "@de" for German, "" for the
    default language), keyed by the document's own id."""
    return {(doc_id[: len(doc_id) - len(suffix)], v): page for (doc_id, v), page in earlier.items()
            if (doc_id.endswith(suffix) if suffix else "@" not in doc_id)}


SIDE_BY_SIDE_FROM = 40
"""From this many AI systems on, the further language editions are rendered in worker
processes while this one renders the default edition and the staff site (when `jobs` is not
given). Below it, starting the workers and handing them the profile costs what it saves:
measured in new processes on two processors, three languages, one process against side by
side: 30 systems 0.63 s and 0.63 s, 60 systems 0.93 and 0.85 s, 100 systems 1.24 and 1.00 s,
300 systems 3.5 and 2.6 s."""


@dataclass(frozen=True)
class _Edition:
    """One further language edition to render; the profile and rules travel separately."""

    code: str
    default: str
    project_dir: Path
    earlier: Mapping[tuple[str, int], Page]
    only: frozenset[str] | None
    stale: Mapping[str, int]
    """`editions.stale_versions`: from the whole profile, which the worker does not get."""


@contextlib.contextmanager
def _further_editions(tasks: list[_Edition], view: Any, rules: RuleResult,
                      jobs: int | None) -> Iterator[Callable[[], dict[str, tuple[DocumentSet, Scores]]]]:
    """A function returning each further edition and its scores by language code. With more
    than one process allowed (`jobs`, else one per processor for a profile of
    `SIDE_BY_SIDE_FROM` systems or more), they are rendered in worker processes, which start
    at once and are stopped when the block is left; otherwise they are rendered when the
    function is called."""
    at_once = 1 if not tasks or (jobs is None and len(view.ai_systems) < SIDE_BY_SIDE_FROM) else workers.count(
        len(tasks), jobs)
    if at_once == 1:
        yield lambda: {task.code: _further_edition(task, view, rules) for task in tasks}
        return
    payload = pickle.dumps((view, rules), protocol=pickle.HIGHEST_PROTOCOL)  # once for all workers
    groups = [tasks[index::at_once] for index in range(at_once)]
    with workers.pool(at_once) as pool:
        pending = [pool.apply_async(_in_worker, (payload, group)) for group in groups]

        def collected() -> dict[str, tuple[DocumentSet, Scores]]:
            done = {task.code: edition for group, result in zip(groups, pending)
                    for task, edition in zip(group, result.get())}
            return {task.code: done[task.code] for task in tasks}

        yield collected


def _in_worker(payload: bytes, tasks: list[_Edition]) -> list[tuple[DocumentSet, Scores]]:
    # A worker lives for one generation: what it leaves in cycles goes with it, so the cycle
    # collector need not keep re-scanning the copy of the profile and the pages it makes.
    with collector.paused():
        view, rules = pickle.loads(payload)
        return [_further_edition(task, view, rules) for task in tasks]


def _further_edition(task: _Edition, view: Any, rules: RuleResult) -> tuple[DocumentSet, Scores]:
    """One further language's public pages, finished (see `editions.finished`), and their
    readability, measured where they were written."""
    env = make_environment(task.project_dir, task.code, default=task.default)
    own = editions.edition_view(view, task.code)
    docs = _render_public(env, i18n.catalogue_of(env), own, rules, i18n.load_strings(task.code, task.project_dir),
                          task.project_dir, task.earlier, _wanted(task.only, f"@{task.code}"))
    docs = editions.finished(docs, env, task.stale, task.code, task.default, task.project_dir)
    return docs, _scores(docs, task.code, task.default, task.only)


@functools.cache
def _template_files() -> type:
    """A `FileSystemLoader` that reports a template that is not UTF-8 by file, line and column."""
    import jinja2

    class TemplateFiles(jinja2.FileSystemLoader):
        def get_source(self, environment, template):
            try:
                return super().get_source(environment, template)
            except UnicodeDecodeError:
                for folder in self.searchpath:
                    path = Path(folder) / template
                    if path.is_file():
                        read_utf8(path)  # raises the located error
                raise

    return TemplateFiles


def make_environment(project_dir: Path, language: str = "en", *, default: str | None = None) -> jinja2.Environment:
    """The template environment for one language (`i18n.install`): the public templates' text
    is marked for translation, so the same templates write every language edition.
    `default` is the profile's first language (see `i18n.install`)."""
    import jinja2

    files = _template_files()
    packaged = files(str(resource("templates")))
    loaders: list[jinja2.BaseLoader] = []
    own = project_dir / "templates"
    if own.is_dir() and own.resolve() != resource("templates").resolve():
        loaders.append(files(str(own)))
    loaders += [jinja2.PrefixLoader({"candor": packaged}), packaged]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode_cache(),
        # One environment serves one generation, during which no template changes: without
        # this, Jinja asks the file system for each template's time at every page and import.
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.globals.update(TEMPLATE_FUNCTIONS, requirement_ids=requirement_ids)
    i18n.install(env, i18n.load_catalogue(language, project_dir), default=default or language)
    return env


@functools.cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (`$XDG_CACHE_HOME/candor/`, else `~/.cache/candor/`):
    compiling them is a third of a small `candor check`. Jinja checks each entry against the
    template's source, so an edited template is simply compiled again; `CANDOR_NO_CACHE=1`
    or an unwritable folder turns the cache off. Every language shares one compiled template,
    so no template may apply a language's filter to a literal (`"22(3)" | article_number`):
    Jinja would work that out once, at compile time, in whichever language came first."""
    import jinja2

    folder = cache.folder(f"jinja-{jinja2.__version__}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def _text(catalogue: i18n.Catalogue, message: str, **values: Any) -> str:
    """A text written in Python (descriptions, section names) in the catalogue's language.
    `i18n.python_messages` finds these calls, so translators see their message ids."""
    text = catalogue.gettext(message)
    return text % values if values else text


def _page(env: jinja2.Environment, template: str, context: dict[str, Any], **fields: Any) -> Page:
    import jinja2

    try:
        markdown = env.get_template(template).render(context)
    except jinja2.TemplateError as error:
        name = getattr(error, "filename", None) or template
        where = f"{name}:{error_line(error, name) or '?'}"
        raise CandorError(f"template {where}: {error}", hint="fix the template named above") from error
    return Page(markdown=_tidy(markdown), **fields)


_BLANK_LINES = re.compile(r"\n\n\n+")
"""Three or more line breaks, written out rather than counted (`{3,}`): the regex engine then
looks for their literal start, four times faster over the 18 MB of a large site."""


def _tidy(markdown: str) -> str:
    """Collapse the blank lines conditional blocks leave behind, so the golden files read well."""
    return _BLANK_LINES.sub("\n\n", markdown).strip("\n") + "\n"


def _base_context(profile: Any, rules: RuleResult, strings: dict[str, Any]) -> dict[str, Any]:
    return {
        "profile": profile,
        "company": profile.company,
        "systems": profile.ai_systems,
        "system_by_id": {system.id: system for system in profile.ai_systems},
        "documents": profile.documents,
        "t": strings,
        "as_of": rules.as_of,
        "applicable": rules.applicable_ids,
        "channel_texts": for_templates(rules.evaluations),
    }


def _render_public(env, catalogue, profile, rules, strings, project_dir, earlier,
                   only: Callable[[str], bool] | None = None) -> DocumentSet:
    """One language's public site. With `only`, just the documents it accepts (by id) are
    rendered and the others listed unrendered (`Page.rendered`), with no history, version or
    hand-written pages: what `candor check` needs for approvals; `env` may then be None if
    it accepts none of them."""
    sections = [_text(catalogue, name) for name in PUBLIC_SECTIONS]
    doc = profile.documents.get
    brand = profile.company.brand_name
    group = _system_groups(profile.ai_systems, strings)
    documents = [
        ("public/overview.md.j2", {"doc": doc("overview")},
         dict(path="index.md", title=strings["titles"]["overview"], section=None, doc_id="overview",
              description=_text(catalogue, "How %(brand)s uses AI in customer service.", brand=brand))),
        *(("public/system.md.j2", {"system": system, "doc": doc(f"system:{system.id}")},
           dict(path=f"systems/{system.id}.md", title=system.name, section=sections[1],
                group=group(system), doc_id=f"system:{system.id}", description=system.purpose))
          for system in profile.ai_systems),
        ("public/privacy.md.j2", {"doc": doc("privacy")},
         dict(path="privacy.md", title=strings["titles"]["privacy"], section=sections[2], doc_id="privacy",
              description=_text(catalogue, "How %(brand)s uses your personal data in its AI systems.", brand=brand))),
        ("public/rights.md.j2", {"doc": doc("rights")},
         dict(path="rights.md", title=strings["titles"]["rights"], section=sections[2], doc_id="rights",
              description=_text(catalogue, "Your rights, how to reach a person and how to complain."))),
    ]
    if only is not None:
        wanted = [only(fields["doc_id"]) for _, _, fields in documents]
        ctx = _base_context(profile, rules, strings) if any(wanted) else {}
        pages = [_page(env, template, {**ctx, **extra}, **fields) if want
                 else Page(markdown="", rendered=False, **fields)
                 for (template, extra, fields), want in zip(documents, wanted)]
        return DocumentSet(_spec("public", profile, strings, catalogue), tuple(pages))
    ctx = _base_context(profile, rules, strings)
    pages = [_dated(_page(env, template, {**ctx, **extra}, **fields), profile.documents)
             for template, extra, fields in documents]
    kept = _version_pages(pages, profile.documents, earlier, strings, env.filters["long_date"])
    pages += [
        _page(env, "public/history.md.j2", {**ctx, "versions": _version_links(kept)}, path="history.md",
              title=strings["titles"]["history"], section=sections[3],
              description=_text(catalogue, "Versions and dates of these pages.")),
    ]
    pages += _custom_pages(profile, project_dir, sections[3], catalogue.code)
    return DocumentSet(_spec("public", profile, strings, catalogue), tuple(pages) + tuple(kept.values()))


def _dated(page: Page, documents: Mapping[str, Any]) -> Page:
    """A document page whose footer date is its own effective date, not the site's newest:
    the date moves only when that document gets a new version."""
    record = documents.get(page.doc_id)
    if record is None:
        return page
    return replace(page, meta={**page.meta, "candor_effective_date": record.effective_date.isoformat()})


def _version_pages(pages: list[Page], documents: Mapping[str, Any], earlier: Mapping[tuple[str, int], Page],
                   strings: dict[str, Any], date_format: Callable[[Any], str]) -> dict[tuple[str, int], Page]:
    """The permanent page of each document's current version and of every earlier one we have."""
    site_paths = frozenset(p.path for p in pages) | {"history.md"}
    kept: dict[tuple[str, int], Page] = {}
    for page in pages:
        record = documents.get(page.doc_id)
        if record is None:
            continue
        spans = versions.periods(record.history)
        texts = {v: old for (d, v), old in earlier.items() if d == page.doc_id and v < record.version}
        texts[record.version] = page
        for number in sorted(texts):
            kept[(page.doc_id, number)] = versions.version_page(
                texts[number], number, current=page, current_version=record.version,
                period=spans.get(number, (None, None)), strings=strings, site_paths=site_paths,
                date_format=date_format)
    return kept


def _version_links(kept: Mapping[tuple[str, int], Page]) -> dict[str, dict[int, str]]:
    """Document id → version → the version page's path, for the change history."""
    links: dict[str, dict[int, str]] = {}
    for (doc_id, number), page in kept.items():
        links.setdefault(doc_id, {})[number] = page.path
    return links


def _internal_context(profile: Profile, rules: RuleResult, strings: dict[str, Any]) -> dict[str, Any]:
    """What the staff pages are written from. `findings` is the check's; `render` adds the
    approval findings once every language edition is rendered."""
    schedule = build_schedule(profile, rules.as_of)
    return {**_base_context(profile, rules, strings), "findings": rules.findings, "schedule": schedule,
            "activities_by_system": _grouped(schedule, lambda a: a.system_id),
            "roles": profile.organisation.roles,
            "role_duties": {role.id: _grouped(role.responsibilities, lambda d: d.system)
                            for role in profile.organisation.roles},
            "systems_as_rows": len(profile.ai_systems) >= GROUP_SYSTEMS_FROM}


def _render_internal(env, ctx, profile, rules, public: DocumentSet) -> tuple[list[Page], list[Page]]:
    """(the handbook's pages, the coverage and upcoming pages), all but the home page, the
    findings and the approvals, which report on every language edition (see `render`)."""
    titles = ctx["t"]["titles"]
    pages = [
        _page(env, "internal/roles.md.j2", ctx, path="roles.md", title=titles["roles"],
              section=INTERNAL_SECTIONS[1]),
    ]
    group = _system_groups(profile.ai_systems, ctx["t"])
    for system in profile.ai_systems:
        pages.append(_page(env, "internal/playbook.md.j2", {**ctx, "system": system},
                           path=f"playbooks/{system.id}.md", title=system.name, section=INTERNAL_SECTIONS[2],
                           group=group(system)))
    pages += [
        _page(env, "internal/complaints.md.j2", ctx, path="complaints.md", title=titles["complaints"],
              section=INTERNAL_SECTIONS[3]),
        _page(env, "internal/calendar.md.j2", ctx, path="calendar.md", title=titles["calendar"],
              section=INTERNAL_SECTIONS[3]),
        _page(env, "internal/embed.md.j2", {**ctx, **embed.page_context(profile), "title": embed.page_title(titles)},
              path="embed.md", title=embed.page_title(titles), section=INTERNAL_SECTIONS[3]),
    ]
    return pages, _compliance_pages(env, ctx, rules, public, tuple(pages), titles)


def _compliance_pages(env, ctx, rules, public: DocumentSet, internal: tuple[Page, ...], titles) -> list[Page]:
    """The coverage matrix, computed from the pages already rendered, and the upcoming obligations.

    Render every other page first: the matrix reads their clause markers (`data-req`).
    """
    by_path = {"public": {p.path: p for p in public.pages}, "internal": {p.path: p for p in internal}}
    cells = coverage(rules.evaluations, by_path)
    linked = bool(ctx["profile"].site.url)
    context = {**ctx, "evaluations": rules.evaluations, "cells": cells, "upcoming": rules.upcoming,
               "cells_by_requirement": _grouped(cells, lambda c: c.requirement_id), "catalogue": load_catalogue(),
               "unsaid": {s.id: unsaid(s, rules.evaluations, linked=linked) for s in ctx["systems"]}}
    return [
        _page(env, "internal/coverage.md.j2", context, path="coverage.md", title=titles["coverage"],
              section=INTERNAL_SECTIONS[4]),
        _page(env, "internal/upcoming.md.j2", context, path="upcoming.md", title=titles["upcoming"],
              section=INTERNAL_SECTIONS[4]),
    ]


def _system_groups(systems: Collection[Any], strings: dict[str, Any]) -> Callable[[Any], str | None]:
    """The sidebar sub-section of each AI system's page: its kind, once there are
    `GROUP_SYSTEMS_FROM` systems of more than one kind; otherwise none (one flat list)."""
    if len(systems) < GROUP_SYSTEMS_FROM or len({s.kind for s in systems}) < 2:
        return lambda system: None
    return lambda system: strings["kind_groups"][system.kind]


def _grouped(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """Items by key, in their order: templates look up a system's activities or a requirement's
    cells in these instead of filtering the whole list for each one, which made pages for a
    few hundred systems take quadratic time."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _spec(audience: str, profile: Any, strings: dict[str, Any], catalogue: i18n.Catalogue) -> SiteSpec:
    company = profile.company
    name = strings["titles"]["site_public" if audience == "public" else "site_internal"]
    return SiteSpec(
        audience=audience,
        site_name=f"{company.brand_name} — {name}",
        site_url=profile.site.url,
        language=company.languages[0],
        legal_entity=company.legal_name,
        effective_date=profile.effective_date,
        extra={"candor_primary": profile.site.branding.primary, "candor_accent": profile.site.branding.accent,
               "candor_date_format": _date_format(catalogue)},
    )


def _date_format(catalogue: i18n.Catalogue) -> dict[str, Any]:
    """How the footer (`site_overrides/partials/copyright.html`) writes a date in the site's language."""
    return {"months": list(catalogue.months), "pattern": catalogue.date, "day_one": catalogue.day_one or ""}


def _custom_pages(profile: Any, project_dir: Path, section: str, language: str) -> list[Page]:
    """Hand-written pages from `content/pages/`, with the documented profile variables; a
    further language's from `content/pages/<language>/`, page by page, and where one is
    missing the default-language page marked as such (see `editions.py`)."""
    folder = project_dir / "content" / "pages"
    pages = render_custom_pages(folder, profile, section)
    if language == profile.company.languages[0]:
        return pages
    own = {p.path: p for p in render_custom_pages(folder / language, profile, section)}
    return [own.pop(p.path, None) or replace(p, markdown=FALLBACK_MARK + p.markdown) for p in pages] + list(own.values())
