"""The oversight and bias-audit calendar: when each review is next due, and what is overdue.

Due dates are computed from the profile's own dates (last review, last test) and cadences,
against an `as_of` date passed in — never the clock — so the same profile always gives the
same calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.durations import Duration
from generator.profile import Profile


@dataclass(frozen=True)
class Activity:
    system_id: str
    system_name: str
    kind: str
    """`oversight` or `fairness`."""
    what: str
    role: str
    cadence: Duration
    last_done: dt.date
    next_due: dt.date
    overdue: bool
    days_overdue: int


def build_schedule(profile: Profile, as_of: dt.date) -> tuple[Activity, ...]:
    """Every recurring review, soonest due first."""
    activities: list[Activity] = []
    for system in profile.ai_systems:
        for item in system.oversight:
            activities.append(_activity(system, "oversight", item.what, item.reviewer_role,
                                        item.cadence, item.last_review, as_of))
        if system.fairness:
            fairness = system.fairness
            what = "Fairness test: " + "; ".join(fairness.metrics)
            activities.append(_activity(system, "fairness", what, fairness.owner_role,
                                        fairness.cadence, fairness.last_tested, as_of))
    return tuple(sorted(activities, key=lambda a: (a.next_due, a.system_id, a.kind, a.what)))


def _activity(system, kind, what, role, cadence, last, as_of) -> Activity:
    due = cadence.add_to(last)
    return Activity(system.id, system.name, kind, what, role, cadence, last, due,
                    overdue=due < as_of, days_overdue=max(0, (as_of - due).days))
