"""`candor serve`: a live preview that rebuilds when the profile or templates change.

Built on MkDocs' own live-reload server (it reloads the browser after each rebuild). The
preview is written under `build/serve/`, never into `site/`, so previewing a half-edited
profile cannot touch the site you publish. A broken edit is reported and the last good
preview stays up.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator import collector
from generator.commands.build import build_sites
from generator.errors import CandorError

log = logging.getLogger("candor.serve")


def serve_preview(profile: Path, *, project_dir: Path, port: int, audience: str,
                  as_of: dt.date | None = None) -> None:
    site_dir = project_dir / "build" / "serve"

    def rebuild() -> None:
        collector.release()  # the previous build's leftovers can be collected again
        try:
            build_sites(profile, project_dir=project_dir, site_dir=site_dir, as_of=as_of, audiences=(audience,))
            print(f"Rebuilt the {audience} preview.", flush=True)
        except CandorError as error:
            print(f"error: {error.message}", flush=True)
            if error.hint:
                print(f"hint: {error.hint}", flush=True)
            print("The last good preview is still being served.", flush=True)

    rebuild()
    root = site_dir / audience
    if not root.is_dir():
        raise CandorError("the first preview build failed, so there is nothing to serve",
                          hint="fix the problems above and run `candor serve` again")
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(root))
    for folder in _watched(profile, project_dir):
        server.watch(str(folder))
    print(f"Serving the {audience} site on {server.url} (Ctrl+C to stop).", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _watched(profile: Path, project_dir: Path) -> list[Path]:
    folders = {profile.resolve().parent}
    for name in ("content", "templates", "site_overrides"):
        if (project_dir / name).is_dir():
            folders.add((project_dir / name).resolve())
    return sorted(folders)
