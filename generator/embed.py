"""The embeddable AI notice: "You are chatting with an AI assistant. You can ask to talk to a
person. How we use AI →", for each system customers chat with, with what the system must
add to its first message (`disclosure.opening_words`, e.g. "I cannot give medical advice.").

Plain HTML with inline CSS (valid anywhere in a page, and untouched by the host page's
class names): no JavaScript, no web font, nothing fetched, so it works inside any chat widget. It is published twice: as a page of its own at
`/embed/<system>.html` (an iframe can show it; further languages at
`/embed/<system>.<lang>.html`), and as copy-and-paste code on the internal page
`embed.md` with the placement the law asks for: visible when the chat opens, before the
customer's first message (EU AI Act Art. 50(1) and (5)).

Accessible: a `role="note"` landmark with a label in the notice's language, `lang` on the
notice, text well above 4.5:1 on its background, the link colour darkened from the brand
accent until it reads, an underlined link (the browser's own focus ring is kept), the arrow
hidden from screen readers and "opens in a new tab" said to them.
"""

from __future__ import annotations

import functools
import html
from typing import Any

import yaml

from generator import brand
from generator.localtext import LocalText
from generator.resources import resource
from generator.textfilters import plain_sentence

CHAT_CHANNELS = frozenset({"web_chat", "app_chat", "messaging", "social_media"})
BACKGROUND = "#f4f6f8"
TEXT = "#1a1a1a"


@functools.cache
def wordings() -> dict[str, dict[str, str]]:
    """Language → the notice's texts (`templates/embed/notice.yaml`)."""
    with (resource("templates") / "embed" / "notice.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def chat_systems(profile: Any) -> list[Any]:
    """The systems that chat with customers: the ones the notice is for."""
    return [s for s in profile.ai_systems
            if s.interacts_with_customers and {str(c) for c in s.channels} & CHAT_CHANNELS]


def languages(profile: Any) -> list[str]:
    """The profile's languages that have a wording, in the profile's order."""
    return [lang for lang in profile.company.languages if lang in wordings()]


def link(profile: Any, system: Any, language: str | None = None) -> str:
    """Where "How we use AI →" goes: the system's public page in the notice's language
    (`/de/systems/…` for a further language; absolute once `site.url` is set)."""
    edition = f"{language}/" if language and language != profile.company.languages[0] else ""
    if profile.site.url:
        return f"{profile.site.url.rstrip('/')}/{edition}systems/{system.id}/"
    return f"../{edition}systems/{system.id}/"


def opening_words(system: Any, language: str) -> str:
    """The system's own `disclosure.opening_words` in `language` (a warning it must give, how
    to switch it off), as a sentence; empty when the profile gives none."""
    text = system.disclosure.opening_words
    if not text:
        return ""
    return plain_sentence(((text.in_language(language) if isinstance(text, LocalText) else None) or str(text)).strip())


def snippet(profile: Any, system: Any, language: str) -> str:
    """The copy-and-paste HTML of the notice for one system in one language."""
    words = {k: html.escape(v) for k, v in wordings()[language].items()}
    own = html.escape(opening_words(system, language))
    href = html.escape(link(profile, system, language), quote=True)
    link_colour = brand.readable_on(profile.site.branding.accent, BACKGROUND)
    border = profile.site.branding.primary
    box = (f"box-sizing: border-box; margin: 0 0 0.75em; padding: 0.75em 1em; border-left: 4px solid {border}; "
           f"background: {BACKGROUND}; color: {TEXT}; font-size: 0.9375rem; line-height: 1.45;")
    hidden = "position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;"
    return f"""<aside class="candor-ai-notice" role="note" aria-label="{words['label']}" lang="{language}" style="{box}">
  <p style="margin: 0;"><strong>{words['ai']}</strong> {own + " " if own else ""}{words['person']}</p>
  <p style="margin: 0.35em 0 0;"><a href="{href}" target="_blank" rel="noopener" style="color: {link_colour}; text-decoration: underline;">{words['link']}<span aria-hidden="true"> →</span><span style="{hidden}"> {words['new_tab']}</span></a></p>
</aside>
"""


def embed_files(profile: Any) -> dict[str, str]:
    """Site path → standalone HTML page of the notice, per chat system and language."""
    files = {}
    langs = languages(profile)
    for system in chat_systems(profile):
        for index, language in enumerate(langs):
            name = f"embed/{system.id}.html" if index == 0 else f"embed/{system.id}.{language}.html"
            files[name] = _page(profile, system, language)
    return files


def _page(profile: Any, system: Any, language: str) -> str:
    title = html.escape(f"{wordings()[language]['label']}: {system.name}")
    return f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>body {{ margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}</style>
</head>
<body>
{snippet(profile, system, language)}</body>
</html>
"""


def page_context(profile: Any) -> dict[str, Any]:
    """What `templates/internal/embed.md.j2` shows: per chat system, each language's code."""
    langs = languages(profile)
    items = []
    for system in chat_systems(profile):
        copies = []
        for index, language in enumerate(langs):
            name = f"embed/{system.id}.html" if index == 0 else f"embed/{system.id}.{language}.html"
            base = profile.site.url.rstrip("/") if profile.site.url else "site/public"
            copies.append({"language": language, "url": f"{base}/{name}", "html": snippet(profile, system, language)})
        items.append({"system": system, "copies": copies})
    return {
        "embeds": items,
        "site_url": profile.site.url,
        "missing": [lang for lang in profile.company.languages if lang not in wordings()],
        "link_label": wordings()["en"]["link"],
    }


def page_title(titles: dict[str, str]) -> str:
    """The internal page's title: the strings catalogue's `titles.embed` when it has one."""
    return titles.get("embed", "AI notice for chat widgets")
