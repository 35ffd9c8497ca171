"""`generator.cache`: what Candor keeps between runs is never trusted blindly and never needed."""

from __future__ import annotations

from generator import cache


def test_a_value_is_made_once_and_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = []
    make = lambda: made.append(1) or {"patterns": [1, 2, 3]}  # noqa: E731

    assert cache.pickled("things", "k1", make) == {"patterns": [1, 2, 3]}
    assert cache.pickled("things", "k1", make) == {"patterns": [1, 2, 3]}
    assert len(made) == 1
    assert (tmp_path / "candor" / "things" / "k1.pickle").is_file()


def test_a_new_key_makes_the_value_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.pickled("things", "size-10", lambda: "old")
    assert cache.pickled("things", "size-11", lambda: "new") == "new"


def test_a_damaged_entry_is_made_again_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.pickled("things", "k", lambda: "value")
    (tmp_path / "candor" / "things" / "k.pickle").write_bytes(b"\x80\x05 half a pickle")

    assert cache.pickled("things", "k", lambda: "value") == "value"
    assert cache.pickled("things", "k", lambda: "other") == "value"


def test_candor_no_cache_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("CANDOR_NO_CACHE", "1")
    assert cache.folder("things") is None
    assert cache.pickled("things", "k", lambda: "value") == "value"
    assert not (tmp_path / "candor").exists()


def test_an_unwritable_cache_folder_turns_it_off(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert cache.folder("things") is None
    assert cache.pickled("things", "k", lambda: "value") == "value"
