"""`generator.workers`: what crosses to a worker process and back arrives whole, a worker
leaves Ctrl-C to the parent, and a fork server started early has Candor loaded for them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from generator import workers
from generator.errors import CandorError, ProfileError, Problem
from generator.visibility import WITHHELD, InternalFieldLeak, public_view
from tests.helpers import ROOT, default_data, profile_from


def fail_with(error: CandorError) -> None:
    raise error


def withheld_fields(profile) -> list[str]:
    system = profile.ai_systems[0]
    return [name for name in ("organisation", "approvals") if getattr(profile, name) is WITHHELD] + [
        name for name in type(system).model_fields if getattr(system, name) is WITHHELD]


def sigint_handler(_: int) -> bool:
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


@pytest.mark.parametrize("error", [
    CandorError("the template public/privacy.md.j2:3 is broken", hint="fix the template named above"),
    ProfileError([Problem("content/profile.yaml", 4, 7, "company.name", "must be a text")]),
    InternalFieldLeak("a public template used a staff-only field", hint="move that text"),
], ids=["with a hint", "with located problems", "a subclass"])
def test_an_error_raised_in_a_worker_reaches_the_parent_whole(error):
    with workers.pool(1) as pool, pytest.raises(type(error)) as raised:
        pool.apply(fail_with, (error,))
    assert str(raised.value) == str(error)
    assert raised.value.hint == error.hint
    assert raised.value.exit_code == error.exit_code
    assert getattr(raised.value, "problems", None) == getattr(error, "problems", None)


def test_the_public_view_keeps_its_withheld_fields_withheld_in_a_worker():
    view = public_view(profile_from(default_data()))
    assert "organisation" in withheld_fields(view) and "escalation" in withheld_fields(view)
    with workers.pool(1) as pool:
        assert pool.apply(withheld_fields, (view,)) == withheld_fields(view)


def test_workers_ignore_ctrl_c_which_the_parent_handles():
    with workers.pool(1) as pool:
        assert pool.apply(sigint_handler, (0,)) is True
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


@pytest.mark.parametrize(("tasks", "jobs", "expected"), [(4, 2, 2), (1, 8, 1), (3, None, None), (0, 3, 1)])
def test_as_many_at_once_as_asked_never_more_than_the_tasks(tasks, jobs, expected):
    processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert workers.count(tasks, jobs) == (expected or max(1, min(processors, tasks)))


@pytest.mark.parametrize("early", [True, False])
def test_a_fork_server_started_early_has_imported_candor_for_every_worker(early):
    """`candor build` starts the server before it reads the profile; a server started only
    with the first pool imports nothing, so that the pool does not wait for it."""
    probe = "sorted(m for m in ('generator.render', 'generator.site', 'mkdocs') if m in __import__('sys').modules)"
    code = (f"from generator import workers\n"
            f"{'workers.start_early(2)' if early else ''}\n"
            f"with workers.pool(1) as pool:\n"
            f"    print(pool.apply(eval, ({probe!r},)))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    loaded = ["generator.render", "generator.site", "mkdocs"] if early else []
    assert run.stdout.strip() == repr(loaded)
