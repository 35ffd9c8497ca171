"""Where Candor's own resource folders live.

In a checkout (or an editable install) they sit at the repository root; in a wheel they are
copied into `generator/_resources/`. One helper answers for both, checkout first.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent
_INSTALLED = _PACKAGE / "_resources"

_CHECKOUT_NAMES = {
    "templates": "templates",
    "site_overrides": "site_overrides",
    "mkdocs.yml": "mkdocs.yml",
    "profile.yaml": "content/profile.yaml",
}


def resource(name: str) -> Path:
    """Path of a packaged resource (`templates`, `site_overrides`, `mkdocs.yml`, `profile.yaml`)."""
    checkout = _CHECKOUT / _CHECKOUT_NAMES[name]
    if checkout.exists() and (_CHECKOUT / "pyproject.toml").exists():
        return checkout
    return _INSTALLED / name
