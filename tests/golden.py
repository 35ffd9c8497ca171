"""Golden Markdown for the default profile: `python -m tests.golden` rewrites tests/golden/.

Run it after a deliberate change to a template or to content/profile.yaml, then read the diff
line by line before committing: it is legal text that customers will read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.commands.pipeline import generate
from generator.editions import edition_prefix

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "default"


def rendered_pages() -> dict[str, str]:
    """Every generated page of the default profile, keyed `public/…` (`public/de/…` for a
    further language, as in the site) or `internal/…`."""
    _, sites = generate(ROOT / "content" / "profile.yaml", project_dir=ROOT)
    return {f"{docs.spec.audience}/{edition_prefix(docs)}{page.path}": page.markdown
            for docs in (sites.public, *sites.public.editions, sites.internal) for page in docs.pages}


def golden_pages() -> dict[str, str]:
    return {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(GOLDEN.rglob("*.md"))}


def main() -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, text in rendered_pages().items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(list(GOLDEN.rglob('*.md')))} golden pages to {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
