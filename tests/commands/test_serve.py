"""`candor serve`: a live preview that rebuilds on a profile change and survives a broken edit."""

import socket
import subprocess
import sys
import time
import urllib.request

from tests.helpers import default_data, write_profile


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_preview(tmp_path):
    data = default_data()
    (tmp_path / "content").mkdir()
    profile = write_profile(tmp_path / "content", data)
    port = free_port()
    url = f"http://127.0.0.1:{port}/systems/chat-assistant/"
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "Halden Chat Assistant" in wait_for(lambda: fetch(url))
        data["ai_systems"][0]["name"] = {language: "Halden Chat Helper" for language in ("en", "de", "fr")}
        write_profile(tmp_path / "content", data)
        wait_for(lambda: "Halden Chat Helper" in (fetch(url) or ""))
        profile.write_text(profile.read_text().replace("90 days after the chat ends", "forever", 1))
        time.sleep(3)
        assert "Halden Chat Helper" in fetch(url)
        assert not (tmp_path / "site").exists(), "the preview must never write the published site"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "The last good preview is still being served." in output
    assert 'expected a duration like "30 days"' in output
    assert "Traceback" not in output
