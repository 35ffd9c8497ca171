"""Branding: the profile's colours as Material CSS variables, its logo and favicon as files.

Colours: the header draws white text on the primary colour; links (and highlights) use the
accent colour on the white page, and on Material's dark ("slate") page in dark mode. WCAG's
contrast ratio decides whether each pair is readable (`rules/branding.py` reports the pairs
that are not); in dark mode a too-dark accent is lightened here until it reads, because a
company's brand colour is nearly always chosen for a white page.

Images: paths are relative to the profile's folder; each file must exist, be a PNG, JPEG,
GIF, WebP, ICO or SVG image (by content, not by name), be at most 1 MB, and an SVG must not
carry scripts or event handlers (a visitor who opens it directly would run them on the
site's own address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import Problem, ProfileError

WHITE = "#ffffff"
SLATE_BACKGROUND = "#1e2129"
"""Material 9's dark-mode page: hsla(225deg, 15%, 14%) (`--md-default-bg-color` of `slate`)."""
AA_TEXT = 4.5
"""WCAG 2.2 SC 1.4.3: body-size text needs a contrast ratio of at least 4.5:1."""
MAX_IMAGE_BYTES = 1_000_000


# -- colour -------------------------------------------------------------------------------


def _channels(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG relative luminance of a `#rrggbb` colour."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` (0–1) of the way towards `other`."""
    mixed = [c + (o - c) * share for c, o in zip(_channels(colour), _channels(other))]
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


def readable_on(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """The colour itself if it reads on `background`, else the nearest tint or shade that does."""
    target = WHITE if luminance(background) < 0.18 else "#000000"
    for step in range(101):
        candidate = mix(colour, target, step / 100)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


@dataclass(frozen=True)
class Palette:
    primary: str
    accent: str
    header_text: str = WHITE

    @property
    def dark_accent(self) -> str:
        return readable_on(self.accent, SLATE_BACKGROUND)


def brand_css(palette: Palette) -> str:
    """Material's colour variables for the brand; two attribute selectors outrank the palette's."""
    p, a = palette.primary, palette.accent
    return f"""/* Brand colours from content/profile.yaml (site.branding), applied by Candor. */
[data-md-color-scheme][data-md-color-primary] {{
  --md-primary-fg-color: {p};
  --md-primary-fg-color--light: {mix(p, WHITE, 0.25)};
  --md-primary-fg-color--dark: {mix(p, "#000000", 0.25)};
  --md-primary-bg-color: {palette.header_text};
  --md-primary-bg-color--light: {palette.header_text}b3;
  --md-accent-fg-color: {a};
  --md-accent-fg-color--transparent: {a}1a;
  --md-typeset-a-color: {a};
}}

/* Dark mode: the accent as it reads on the dark page. */
[data-md-color-scheme="slate"][data-md-color-primary] {{
  --md-accent-fg-color: {palette.dark_accent};
  --md-accent-fg-color--transparent: {palette.dark_accent}1a;
  --md-typeset-a-color: {palette.dark_accent};
}}
"""


# -- image files --------------------------------------------------------------------------

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"\x00\x00\x01\x00", ".ico"),
)
_SVG_DANGER = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


class ImageProblem(ValueError):
    """A logo or favicon that cannot be used; the message says why."""


def image_suffix(data: bytes) -> str:
    """The file type of an image by its content, or `ImageProblem`."""
    for signature, suffix in _SIGNATURES:
        if data.startswith(signature):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        if _SVG_DANGER.search(data):
            raise ImageProblem("the SVG contains a script, an event handler or embedded HTML; "
                               "export it again as a plain SVG (or use a PNG)")
        return ".svg"
    raise ImageProblem("not a PNG, JPEG, GIF, WebP, ICO or SVG image")


def read_image(path_text: str, base: Path) -> tuple[str, bytes]:
    """(suffix, bytes) of the image at `path_text`, relative to `base`, or `ImageProblem`."""
    path = base / PurePosixPath(path_text)
    if not path.is_file():
        raise ImageProblem(f"no such file: {path} (paths are relative to the profile's folder)")
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"{path} is larger than 1 MB; use a smaller image")
    data = path.read_bytes()
    return image_suffix(data), data


def brand_images(branding: Any, profile_dir: Path, locate, file: str) -> dict[str, tuple[str, bytes]]:
    """Site path → (theme key, bytes) for the logo and favicon; every bad file reported at once,
    as a located `ProfileError` (`candor check` calls this too, so it finds what the build would)."""
    found, problems = {}, []
    for key in ("logo", "favicon"):
        path_text = getattr(branding, key)
        if not path_text:
            continue
        field = f"site.branding.{key}"
        try:
            suffix, data = read_image(path_text, profile_dir)
        except ImageProblem as problem:
            line, column = (locate(field) if locate else None) or (None, None)
            problems.append(Problem(file, line, column, field, str(problem)))
            continue
        found[f"assets/brand/{key}{suffix}"] = (key, data)
    if problems:
        raise ProfileError(problems)
    return found
