"""Brand colours are checked for WCAG AA contrast; the site address must match the custom domain."""

import pytest

from generator.brand import (
    SLATE_BACKGROUND,
    WHITE,
    Palette,
    brand_css,
    contrast,
    readable_on,
)
from generator.rules import evaluate
from tests.helpers import default_data, profile_from


def findings(edit) -> dict[str, object]:
    data = default_data()
    edit(data)
    return {f.id: f for f in evaluate(profile_from(data)).findings if f.id.startswith(("CANDOR-BRAND", "CANDOR-SITE"))}


def branding(**colours):
    return lambda data: data["site"]["branding"].update(colours)


def test_contrast_ratio_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white


def test_the_default_brand_passes_on_white_and_gets_a_lighter_link_in_dark_mode():
    assert findings(lambda data: None) == {}
    palette = Palette("#1f4e79", "#b3541e")
    assert contrast(palette.dark_accent, SLATE_BACKGROUND) >= 4.5
    assert f"--md-typeset-a-color: {palette.dark_accent};" in brand_css(palette)


def test_a_light_primary_fails_white_header_text():
    found = findings(branding(primary="#66aadd"))
    header = found["CANDOR-BRAND-CONTRAST-HEADER"]
    assert header.severity == "warning" and header.path == "site.branding.primary"
    assert "White header text on the primary colour #66aadd has a contrast of 2.51:1" in header.message
    suggestion = header.hint.split("e.g. ")[1].rstrip(".")
    assert contrast(WHITE, suggestion) >= 4.5
    assert header.citation.startswith("WCAG 2.2 SC 1.4.3")


def test_a_light_accent_fails_links_on_white():
    found = findings(branding(accent="#ffaa00"))
    links = found["CANDOR-BRAND-CONTRAST-LINKS"]
    assert links.severity == "warning" and links.path == "site.branding.accent"
    assert contrast(links.hint.split("e.g. ")[1].rstrip("."), WHITE) >= 4.5


@pytest.mark.parametrize("colour", ["#1f4e79", "#ffaa00", "#000000", "#ffffff", "#777777"])
def test_readable_on_always_reaches_aa(colour):
    assert contrast(readable_on(colour, WHITE), WHITE) >= 4.5
    assert contrast(readable_on(colour, SLATE_BACKGROUND), SLATE_BACKGROUND) >= 4.5


def test_a_site_url_off_the_custom_domain_is_an_error():
    found = findings(lambda d: d["site"].update(url="https://halden.github.io/ai/"))
    assert found["CANDOR-SITE-DOMAIN"].severity == "error"
    assert "Use `url: https://ai.halden.example/`" in found["CANDOR-SITE-DOMAIN"].hint


def test_a_custom_domain_without_site_url_is_a_warning():
    found = findings(lambda d: d["site"].pop("url"))
    assert found["CANDOR-SITE-URL"].severity == "warning"
