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

    _require_free_port(port)
    # The first build must succeed: serving what an earlier run left in build/serve (perhaps
    # from another profile) would preview text this profile does not give.
    build_sites(profile, project_dir=project_dir, site_dir=site_dir, as_of=as_of, audiences=(audience,))
    print(f"Built the {audience} preview.", flush=True)
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(site_dir / audience))
    for folder in _watched(profile, project_dir):
        server.watch(str(folder))
    print(f"Serving the {audience} site on {server.url} (Ctrl+C to stop).", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as error:  # the port was taken while the first build ran
        raise _port_error(port, error) from None
    finally:
        server.shutdown()


def _require_free_port(port: int) -> None:
    """Fail before the first build, not after it, when the port cannot be used."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise _port_error(port, error) from None


def _port_error(port: int, error: OSError) -> CandorError:
    return CandorError(f"cannot serve on 127.0.0.1:{port}: {error.strerror or error}",
                       hint="another program may be using that port; choose another with --port")


def _watched(profile: Path, project_dir: Path) -> list[Path]:
    folders = {profile.resolve().parent}
    for name in ("content", "templates", "site_overrides"):
        if (project_dir / name).is_dir():
            folders.add((project_dir / name).resolve())
    return sorted(folders)
