"""The cycle collector is paused while a profile is read, and put back as it was."""

import gc

import pytest

from generator import collector


@pytest.fixture(autouse=True)
def _restore_gc():
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    gc.enable() if was_enabled else gc.disable()


def test_no_collection_inside_and_collection_again_after():
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_was_built_is_frozen_afterwards():
    gc.unfreeze()
    with collector.paused():
        built = [{"id": n} for n in range(1000)]
    assert gc.get_freeze_count() >= len(built)


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_puts_the_collector_back():
    gc.enable()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("unreadable profile")
    assert gc.isenabled()


def test_released_objects_are_the_collectors_again():
    with collector.paused():
        built = [[n] for n in range(100)]
    assert gc.get_freeze_count() >= len(built)
    collector.release()
    assert gc.get_freeze_count() == 0
