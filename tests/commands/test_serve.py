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


def serve(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "serve", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_a_profile_that_cannot_be_read_is_never_previewed_from_an_earlier_run(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "profile.yaml").write_text("company: [\n")
    earlier = tmp_path / "build" / "serve" / "public"
    earlier.mkdir(parents=True)
    (earlier / "index.html").write_text("an earlier preview, perhaps of another profile")
    result = serve(tmp_path, "--port", str(free_port()))
    assert result.returncode == 2
    assert "content/profile.yaml:" in result.stderr and "nothing was written" in result.stderr
    assert "still being served" not in result.stdout + result.stderr and "Serving" not in result.stdout
    assert "Traceback" not in result.stderr


def test_a_port_in_use_or_out_of_range_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve(tmp_path, "--port", str(port))
    assert result.returncode == 2
    assert f"error: cannot serve on 127.0.0.1:{port}:" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
    result = serve(tmp_path, "--port", "70000")
    assert result.returncode == 2 and "70000 is not in the range 1<=x<=65535" in result.stderr
