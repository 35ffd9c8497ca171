"""The legal catalogue evaluated against one profile on one day.

For every requirement in force on `as_of`: does it apply (its `applies_when` holds), to which
AI systems, and does the profile hold the facts it `needs`? A requirement that applies but
lacks a fact becomes a finding at the catalogue's severity, located at the field to fill in;
a `gate` row that applies is a finding by itself. Requirements that start within the next
twelve months and would apply are reported as upcoming, so a company can prepare.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.findings import Finding, Severity
from generator.profile import Profile
from generator.rules.catalogue import Regime, Requirement, load_catalogue
from generator.rules.predicates import SYSTEM_PREDICATES, company_predicates, system_predicates


@dataclass(frozen=True)
class Evaluation:
    requirement: Requirement
    regime: Regime
    applies: bool
    systems: tuple[str, ...]
    """Ids of the AI systems it applies to (all systems that matter, for system-level rows)."""
    gaps: tuple[str, ...]
    """Profile paths that lack a fact the requirement needs; empty when met."""

    @functools.cached_property
    def system_set(self) -> frozenset[str]:
        """`systems` for asking whether one system is among them: in-channel texts ask it for
        every message of every system, and a profile may have hundreds of systems."""
        return frozenset(self.systems)

    @property
    def met(self) -> bool:
        return self.applies and not self.gaps and not self.requirement.gate

    @property
    def status(self) -> str:
        if not self.applies:
            return "not applicable"
        return "met" if self.met else "not met"


def evaluate_catalogue(profile: Profile, as_of: dt.date) -> tuple[tuple[Evaluation, ...], tuple[Evaluation, ...]]:
    """(evaluations of every requirement in force on `as_of`, upcoming ones that would apply)."""
    catalogue = load_catalogue()
    facts = _Facts(profile)
    active = tuple(facts.evaluate(r, catalogue.regime_of(r.id)) for r in catalogue.active_on(as_of))
    upcoming = tuple(e for e in (facts.evaluate(r, catalogue.regime_of(r.id)) for r in catalogue.upcoming(as_of))
                     if e.applies)
    return active, upcoming


def legal_findings(profile: Profile, evaluations: tuple[Evaluation, ...]) -> Iterator[Finding]:
    names = {s.id: s.name for s in profile.ai_systems}
    for evaluation in evaluations:
        if evaluation.met or not evaluation.applies:
            continue
        req = evaluation.requirement
        system = _system_of(evaluation.gaps[0], profile) if evaluation.gaps else None
        prefix = f"{names[system]}: " if system else ""
        verb = "Applies" if req.gate else "Not shown in the profile"
        path = evaluation.gaps[0] if evaluation.gaps else _gate_path(req, profile, evaluation.systems)
        yield Finding(req.id, Severity(req.severity), f"{prefix}{verb}: {req.element}", path, req.hint,
                      citation=req.citation, regime=evaluation.regime.title,
                      system=system or (evaluation.systems[0] if req.gate and evaluation.systems else None))


class _Facts:
    """The predicates of one profile, computed once and shared by every requirement."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.company = company_predicates(profile)
        self.per_system = [(i, s, self.company | system_predicates(s)) for i, s in enumerate(profile.ai_systems)]
        self.anywhere = self.company.union(*(preds for _, _, preds in self.per_system))

    def evaluate(self, req: Requirement, regime: Regime) -> Evaluation:
        if not req.applies_to(self.anywhere):
            return Evaluation(req, regime, False, (), ())
        if req.predicates & SYSTEM_PREDICATES.keys():
            matching = [(i, s) for i, s, preds in self.per_system if req.applies_to(preds)]
            if not matching:
                return Evaluation(req, regime, False, (), ())
        else:
            matching = [(i, s) for i, s, _ in self.per_system]
        gaps = tuple(gap for need in req.needs for gap in self._gaps(need, matching))
        return Evaluation(req, regime, True, tuple(s.id for _, s in matching), gaps)

    def _gaps(self, need: str, systems: list[tuple[int, Any]]) -> list[str]:
        head, _, rest = need.partition(".")
        if head != "ai_systems":
            return [] if _present(self.profile, need.split(".")) else [need]
        return [f"ai_systems[{i}].{rest}" for i, system in systems
                if not _present(system, rest.split(".") if rest else [])]


def _present(value: Any, parts: list[str]) -> bool:
    """Whether the path holds a non-empty fact; through a list, any one item is enough."""
    if not parts:
        return value is not None and value != "" and not (isinstance(value, (list, dict, tuple)) and not value)
    if isinstance(value, list):
        return any(_present(item, parts) for item in value)
    head, rest = parts[0], parts[1:]
    if isinstance(value, dict):
        return head in value and _present(value[head], rest)
    return _present(getattr(value, head, None), rest)


def _system_of(path: str, profile: Profile) -> str | None:
    if path.startswith("ai_systems["):
        return profile.ai_systems[int(path[len("ai_systems["):path.index("]")])].id
    return None


def _gate_path(req: Requirement, profile: Profile, systems: tuple[str, ...]) -> str:
    need = req.needs[0] if req.needs else ""
    if systems and need.startswith("ai_systems."):
        index = next(i for i, s in enumerate(profile.ai_systems) if s.id == systems[0])
        return f"ai_systems[{index}].{need.removeprefix('ai_systems.')}"
    return need
