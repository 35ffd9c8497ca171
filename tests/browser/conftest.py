"""Built public sites, served on localhost, and a real browser to read them with.

Every profile Candor ships is tested: the default profile and each starter profile in
`generator/starters/` (whatever starters exist when the suite runs). Each is built once per
session with the real `candor build`, then served by a thread-based HTTP server on
127.0.0.1 for as long as the session needs it.

The browser is Debian's Chromium driven by Playwright (`playwright install` downloads
browsers, which this project never does). When it or another external tool is missing, a
test that needs it fails under CI (`CI=true`), where a skip would hide a broken install
step, and skips on a developer's machine; both say what to install.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.sites import CHROMIUM, CHROMIUM_ARGS, PROFILES, Site, build_public_site, require


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory) -> dict[str, Path]:
    """Build every profile's public site once, lazily, on first use."""
    return _LazySites(tmp_path_factory)


class _LazySites(dict):
    def __init__(self, factory) -> None:
        super().__init__()
        self.factory = factory

    def __missing__(self, name: str) -> Path:
        root = build_public_site(self.factory.mktemp(name), PROFILES[name])
        self[name] = root
        return root


@pytest.fixture(scope="session")
def served(built_sites) -> Iterator[callable]:
    """`served(name)` → a `Site` served over HTTP on 127.0.0.1 until the session ends."""
    servers: dict[str, tuple[http.server.ThreadingHTTPServer, Site]] = {}

    def serve(name: str) -> Site:
        if name not in servers:
            root = built_sites[name]
            handler = functools.partial(_QuietHandler, directory=str(root))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[name] = (server, Site(name, root, f"http://127.0.0.1:{server.server_port}/"))
        return servers[name][1]

    yield serve
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium through Playwright, shared by the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None,
            "Playwright is not installed: run `python3 -m pip install -e '.[test]'`")
    require(Path(CHROMIUM).is_file(),
            f"Chromium is not installed at {CHROMIUM}: run `apt-get install chromium` "
            "(or set CANDOR_CHROMIUM to a Chromium binary)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
