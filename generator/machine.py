"""Machine-readable copies of the public facts, and the files that go beside the pages.

`publish_extras` is one step after `render`: it takes the rendered public site and adds

- `transparency.json`: every public fact (company, systems, data, decisions, contacts,
  routes to a person, document versions), versioned by `SCHEMA_VERSION` and valid against
  `schema/transparency.schema.json`, which the site publishes too;
- `atrs/<system>.json`: the same facts per system in the shape of the UK Algorithmic
  Transparency Recording Standard (see `atrs.py` for the field-by-field mapping);
- `embed/<system>.html` (+ `.<lang>.html` for further languages): the "you are chatting
  with an AI assistant" notice for each chat system, plain HTML and CSS (see `embed.py`);
- the brand: `stylesheets/brand.css` from the profile's colours, the logo and favicon;
- per page, what `site_overrides/main.html` needs for Open Graph and JSON-LD
  (`page.meta.candor_page`: raw title, description, and the schema.org Organization +
  WebPage graph).

Everything is drawn from the PUBLIC view of the profile (`visibility.public_view`): a
staff-only field is `WITHHELD` there and is skipped, so it cannot reach these files.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import atrs, brand, embed
from generator.documents import DocumentSet, Page
from generator.errors import CandorError
from generator.visibility import WITHHELD, public_view

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "transparency.schema.json"
SCHEMA_URL_PATH = "schema/transparency.schema.json"


def publish_extras(public: DocumentSet, profile: Any, *, profile_dir: Path,
                   locate=None, file: str = "profile") -> DocumentSet:
    """The public document set with the machine-readable files, embeds and brand added."""
    view = public_view(profile)
    images = brand.brand_images(view.site.branding, profile_dir, locate, file)
    assets = {
        **public.assets,
        "transparency.json": _json(transparency_record(view, public)),
        SCHEMA_URL_PATH: SCHEMA_PATH.read_bytes(),
        "stylesheets/brand.css": brand.brand_css(_palette(view)).encode("utf-8"),
        **{f"atrs/{sid}.json": _json(record) for sid, record in atrs.records(view, public).items()},
        **{path: html.encode("utf-8") for path, html in embed.embed_files(view).items()},
        **{path: data for path, (_, data) in images.items()},
    }
    theme = {key: path for path, (key, _) in images.items()}
    org = organization(view, theme.get("logo"))
    extra = {**public.spec.extra, "candor_brand_css": "stylesheets/brand.css",
             "candor_site_name": public.spec.site_name, "candor_og_image": org.get("logo")}
    spec = replace(public.spec, extra=extra, theme={**public.spec.theme, **theme})
    pages = tuple(_with_page_meta(page, public.spec.site_name, view, org) for page in public.pages)
    editions = tuple(_edition_extras(edition, view, org, extra, theme) for edition in public.editions)
    return replace(public, spec=spec, pages=pages, assets=assets, editions=editions)


def _edition_extras(edition: DocumentSet, view: Any, org: dict[str, Any], extra: dict[str, Any],
                    theme: dict[str, str]) -> DocumentSet:
    """A language edition shares the default edition's brand sheet and images, one folder up
    (it is built into `<language>/`); its pages get their own head data."""
    code = edition.spec.extra["candor_language"]
    shared = {"candor_brand_css": f"../{extra['candor_brand_css']}", "candor_og_image": extra["candor_og_image"],
              "candor_site_name": edition.spec.site_name}
    spec = replace(edition.spec, extra={**edition.spec.extra, **shared},
                   theme={**edition.spec.theme, **{key: f"../{path}" for key, path in theme.items()}})
    pages = tuple(_with_page_meta(page, edition.spec.site_name, view, org, language=code, prefix=f"{code}/")
                  for page in edition.pages)
    return replace(edition, spec=spec, pages=pages)


# -- transparency.json ---------------------------------------------------------------------


def transparency_record(view: Any, public: DocumentSet) -> dict[str, Any]:
    """Every public fact of the profile, as plain JSON values."""
    company = plain(view.company)
    systems = []
    for system in view.ai_systems:
        item = plain(system)
        item["page"] = page_url(view, f"systems/{system.id}/")
        systems.append(item)
    return {
        "schema_version": SCHEMA_VERSION,
        "schema": page_url(view, SCHEMA_URL_PATH),
        "effective_date": view.effective_date.isoformat(),
        "site_url": view.site.url,
        "company": company,
        "systems": systems,
        "human_contact": [
            {"system": s.id, "system_name": s.name, **plain(s.human_contact)} for s in view.ai_systems
        ],
        "complaints": plain(view.complaints),
        "documents": _documents(view, public),
    }


def _documents(view: Any, public: DocumentSet) -> list[dict[str, Any]]:
    pages = {}
    for page in public.pages:
        if page.doc_id and page.doc_id not in pages:
            pages[page.doc_id] = page
    documents = []
    for doc_id, record in view.documents.items():
        page = pages.get(doc_id)
        documents.append({
            "id": doc_id,
            "title": page.title if page else doc_id,
            "url": page_url(view, _page_dir(page.path)) if page else None,
            **plain(record),
        })
    return documents


def plain(value: Any) -> Any:
    """A model as JSON values, staff-only (withheld) fields left out."""
    if value is WITHHELD:
        raise CandorError("a staff-only field reached the machine-readable record")  # pragma: no cover
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields
                if getattr(value, name) is not WITHHELD}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def page_url(view: Any, path: str) -> str:
    """The absolute address of a site path when `site.url` is set, else the path from the root."""
    base = view.site.url
    return f"{base.rstrip('/')}/{path}" if base else f"/{path}"


def _page_dir(md_path: str) -> str:
    """`privacy.md` → `privacy/`, `index.md` → `` (MkDocs' directory URLs)."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# -- JSON-LD and Open Graph ----------------------------------------------------------------


def organization(view: Any, logo: str | None) -> dict[str, Any]:
    """schema.org Organization for the JSON-LD in every public page's head."""
    company = view.company
    org: dict[str, Any] = {
        "@type": "Organization",
        "@id": f"{company.website.rstrip('/')}/#organization",
        "name": company.brand_name,
        "legalName": company.legal_name,
        "url": company.website,
        "email": company.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": company.address.street,
            "postalCode": company.address.postcode,
            "addressLocality": company.address.city,
            "addressCountry": company.address.country,
        },
    }
    if company.phone:
        org["telephone"] = company.phone
    if logo and view.site.url:
        org["logo"] = page_url(view, logo)
    return org


def _with_page_meta(page: Page, site_name: str, view: Any, org: dict[str, Any], *,
                    language: str | None = None, prefix: str = "") -> Page:
    """Every public page gets a description, and for `site_overrides/partials/candor_public_head.html`
    its raw title and description (front-matter `title`/`description` are HTML-escaped) and its
    JSON-LD, built here so the template only prints it (`tojson`)."""
    description = page.description or f"{page.title}: {site_name}."
    webpage: dict[str, Any] = {"@type": "WebPage", "name": page.title, "description": description,
                               "inLanguage": language or view.company.languages[0], "publisher": {"@id": org["@id"]}}
    if view.site.url:
        url = page_url(view, prefix + _page_dir(page.path))
        webpage = {"@id": url, "url": url, **webpage}
    info = {"title": page.title, "description": description,
            "jsonld": {"@context": "https://schema.org", "@graph": [org, webpage]}}
    return replace(page, description=description, meta={**page.meta, "candor_page": info})


# -- brand ---------------------------------------------------------------------------------


def _palette(view: Any) -> brand.Palette:
    return brand.Palette(view.site.branding.primary, view.site.branding.accent)


def with_extras(sites: Any, loaded: Any, profile_path: Path) -> Any:
    """`sites` (render's output) with the public extras added: the step `candor build` runs
    before the engine. Image paths resolve against the profile's folder; a bad image is a
    located profile error."""
    from generator.commands.pipeline import path_parts

    public = publish_extras(sites.public, loaded.profile, profile_dir=profile_path.resolve().parent,
                            locate=lambda path: loaded.locate(path_parts(path)), file=loaded.file)
    return replace(sites, public=public)
