"""The record of which text a built public site holds: `candor-build.json` at its root.

An approval pins a document's generated Markdown (its sha256), but the site is HTML built
from that Markdown at some earlier moment, perhaps from another profile. `candor build`
writes, into the site it builds, the content hash of every public document it built, so
that `candor deploy --require-approval` can refuse a site whose text is not the text legal
approved, even when the profile was changed back after the build. The record is
published with the site: it holds only public facts (document ids and hashes of public text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FILE = "candor-build.json"
FORMAT = 1


def hashes(statuses: Iterable[Any]) -> dict[str, str]:
    """Document id → sha256 of its text, from `approvals.DocumentStatus`es (all rendered)."""
    return {status.doc_id: status.sha256 for status in statuses}


def record(statuses: Iterable[Any]) -> bytes:
    """The record of the documents of `statuses`, as `candor build` writes it."""
    return (json.dumps({"format": FORMAT, "documents": dict(sorted(hashes(statuses).items()))}, indent=2)
            + "\n").encode()


def built_hashes(site_dir: Path) -> dict[str, str] | None:
    """Document id → sha256 of the text the site at `site_dir` was built from; None when the
    site has no readable record (built by an older Candor, or not by `candor build`)."""
    try:
        data = json.loads((site_dir / FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    documents = data.get("documents") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(documents, dict):
        return None
    return {str(key): str(value) for key, value in documents.items()}


def differences(built: dict[str, str], statuses: Iterable[Any]) -> list[str]:
    """One line per document whose built text is not the text the profile gives now."""
    current = hashes(statuses)
    lines = []
    for doc_id in sorted(current.keys() | built.keys()):
        if doc_id not in built:
            lines.append(f"{doc_id}: not in the built site")
        elif doc_id not in current:
            lines.append(f"{doc_id}: in the built site, but the profile no longer has it")
        elif built[doc_id] != current[doc_id]:
            lines.append(f"{doc_id}: the built text (sha256 {built[doc_id][:12]}…) is not the profile's "
                         f"current text (sha256 {current[doc_id][:12]}…)")
    return lines
