"""The public site's look and address: brand colours a reader cannot read (WCAG AA contrast
of the colour pairs the site uses) and a `site.url` that does not match the custom domain.

The pairs (see `brand.py` for where each is drawn): white header text on the primary colour
and accent-coloured links on the white page are the company's to fix (a warning, with a
nearby colour that passes). The dark-mode pair, links on Material's dark page, never fails:
`brand.Palette.dark_accent` lightens a brand accent until it reads there, because brand
colours are nearly always chosen for a white page (tests hold it to AA for any colour).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.brand import AA_TEXT, WHITE, Palette, contrast, readable_on
from generator.findings import Finding, Severity
from generator.profile import Profile

CITATION = "WCAG 2.2 SC 1.4.3 (Contrast, Minimum), level AA"


def check(profile: Profile) -> Iterator[Finding]:
    yield from check_site(profile)
    branding = profile.site.branding
    palette = Palette(branding.primary, branding.accent)
    header = contrast(palette.header_text, palette.primary)
    if header < AA_TEXT:
        yield _finding("CANDOR-BRAND-CONTRAST-HEADER", Severity.warning, "site.branding.primary",
                       f"White header text on the primary colour {palette.primary} has a contrast of "
                       f"{header:.2f}:1; readers need at least {AA_TEXT}:1.",
                       f"Use a darker primary colour, e.g. {readable_on(palette.primary, WHITE)}.")
    links = contrast(palette.accent, WHITE)
    if links < AA_TEXT:
        yield _finding("CANDOR-BRAND-CONTRAST-LINKS", Severity.warning, "site.branding.accent",
                       f"Links in the accent colour {palette.accent} on the white page have a contrast of "
                       f"{links:.2f}:1; readers need at least {AA_TEXT}:1.",
                       f"Use a darker accent colour, e.g. {readable_on(palette.accent, WHITE)}.")


def _finding(id: str, severity: Severity, path: str, message: str, hint: str) -> Finding:
    return Finding(id, severity, message, path, hint, citation=CITATION)


def check_site(profile: Profile) -> Iterator[Finding]:
    """The public address: canonical links, the sitemap and the embed's links need `site.url`,
    and with a custom domain it must be that domain."""
    site = profile.site
    if site.custom_domain and not site.url:
        yield Finding("CANDOR-SITE-URL", Severity.warning,
                      f"The site has the custom domain {site.custom_domain} but no `site.url`: pages get no "
                      "canonical link, the sitemap stays empty and the chat notice's link is relative.",
                      "site", f"Add `url: https://{site.custom_domain}/` under `site:`.")
    elif site.custom_domain and site.url:
        host = site.url.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
        if host != site.custom_domain:
            yield Finding("CANDOR-SITE-DOMAIN", Severity.error,
                          f"`site.url` ({site.url}) is not on the custom domain {site.custom_domain}: canonical "
                          "links and the sitemap would point away from the published site.",
                          "site.url", f"Use `url: https://{site.custom_domain}/`, or change `custom_domain`.")
