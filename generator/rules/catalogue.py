"""The requirement catalogue: what the law asks of a customer-care AI deployment, as data.

The catalogue lives in `generator/rules/catalogue/*.yaml`, one file per regime, so that a
lawyer can review it without reading Python (the format is described in the README in that
folder). This module only reads and validates it; deciding which requirements apply to a
profile is the job of the rules stage, which evaluates each requirement's `applies_when`
with the predicates named in `PREDICATES`.

The folder must never get an `__init__.py`: this module and that folder share a name, and
Python imports the module only while the folder is a plain data folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from generator.durations import add_months
from generator.errors import CandorError, ProfileError
from generator.load import validate
from generator.profile import single_line
from generator.yamlsource import read_yaml

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"

PREDICATES = frozenset({
    # where the customers are (company.jurisdictions)
    "serves_eu", "serves_uk", "serves_us_ca", "serves_us_co", "serves_us_ut",
    "serves_ca_qc", "serves_br", "serves_us_me",
    # the data (ai_systems[].data[]): where it comes from, and whether it is special-category data
    "collects_from_subject", "obtained_elsewhere", "special_category_data",
    # legal bases and purposes (ai_systems[].purposes[])
    "basis_consent", "basis_legit_interest", "basis_contract", "direct_marketing",
    # recipients and establishment
    "transfers_outside_eea", "transfers_outside_uk", "has_dpo", "non_eu_controller",
    "non_uk_controller",
    # decisions (ai_systems[].decision)
    "solely_automated_significant_decision", "solely_automated_decision", "automated_decision",
    "special_category_decision", "annex_iii_high_risk", "admt_significant_decision",
    "consequential_decision",
    # interaction and content
    "ai_interacts_with_persons", "generates_synthetic_content", "generative_interaction",
    "bot_online", "voice_channel", "trains_on_conversations",
    # emotion inference (ai_systems[].emotion_inference)
    "emotion_recognition_biometric", "emotion_inference_on_staff",
    # company facts
    "regulated_occupation",
})
"""Every predicate name `applies_when` may use; the README in the catalogue folder defines each."""

JURISDICTION_GROUPS = ("EU", "UK", "US-CA", "US-CO", "US-UT", "CA-QC", "BR", "US-ME")

Document = Literal["overview", "system", "privacy", "rights", "history", "playbook", "complaints", "calendar"]
ChannelMessage = Literal["chat_greeting", "ivr_prompt", "email_footer", "decision_letter", "human_question"]
Severity = Literal["error", "warning", "info"]
Status = Literal["V-TEXT", "V-SEC", "UNVERIFIED", "interpretation"]

_ID = re.compile(r"^[A-Z]{2,4}(?:-[A-Za-z0-9.]+)+$")
_REGIME = re.compile(r"^[a-z]{2}(?:-[a-z0-9]+)*$")


class CatalogueError(CandorError):
    """A catalogue file is broken: a packaging or editing mistake, reported with its location."""


def _known_predicate(value: str) -> str:
    if value not in PREDICATES:
        raise ValueError(f'unknown predicate "{value}" (accepted: {", ".join(sorted(PREDICATES))})')
    return value


OneLine = Annotated[str, AfterValidator(single_line)]
Predicate = Annotated[str, AfterValidator(_known_predicate)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnyOf(_Model):
    """At least one of the conditions holds: `{any: [a, b]}`."""

    any: tuple[Condition, ...]

    @model_validator(mode="after")
    def _alternatives(self) -> AnyOf:
        if len(self.any) < 2:
            raise ValueError("{any: [...]} needs at least two alternatives")
        return self


class NotOf(_Model):
    """The condition does not hold: `{not: a}`."""

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "predicate-name"
    if isinstance(value, AnyOf) or (isinstance(value, dict) and set(value) == {"any"}):
        return "any-of"
    if isinstance(value, NotOf) or (isinstance(value, dict) and set(value) == {"not"}):
        return "not-of"
    return None


_TAGS = frozenset({"predicate-name", "any-of", "not-of"})

Condition = Annotated[
    Annotated[Predicate, Tag("predicate-name")]
    | Annotated[AnyOf, Tag("any-of")]
    | Annotated[NotOf, Tag("not-of")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="expected a predicate name, {any: [a, b]} or {not: a}",
    ),
]
AnyOf.model_rebuild()
NotOf.model_rebuild()


def predicates_in(condition: Condition) -> frozenset[str]:
    """Every predicate name a condition mentions, however nested."""
    if isinstance(condition, str):
        return frozenset({condition})
    if isinstance(condition, AnyOf):
        return frozenset().union(*(predicates_in(c) for c in condition.any))
    return predicates_in(condition.not_)


def holds(condition: Condition, true: AbstractSet[str]) -> bool:
    """Whether a condition holds, given the set of predicate names that are true for a profile."""
    if isinstance(condition, str):
        return condition in true
    if isinstance(condition, AnyOf):
        return any(holds(c, true) for c in condition.any)
    return not holds(condition.not_, true)


class Requirement(_Model):
    """One thing the law asks for, with the condition under which it applies."""

    id: Annotated[str, Field(pattern=_ID.pattern)]
    citation: OneLine
    element: OneLine
    applies_when: Annotated[tuple[Condition, ...], Field(min_length=1)]
    documents: tuple[Document, ...]
    in_channel: tuple[ChannelMessage, ...] = ()
    applies_from: dt.date
    applies_until: dt.date | None = None
    severity: Severity
    needs_judgement: bool
    status: Status
    source: OneLine
    needs: tuple[str, ...] = ()
    hint: OneLine
    note: OneLine | None = None
    gate: bool = False
    """True for a prohibition or a risky fact: when it applies, that alone is a finding."""

    @model_validator(mode="after")
    def _consistent(self) -> Requirement:
        if self.applies_until is not None and self.applies_until <= self.applies_from:
            raise ValueError("applies_until must be after applies_from")
        if self.status in ("UNVERIFIED", "interpretation") and not self.needs_judgement:
            raise ValueError(f"a row with status {self.status} must have needs_judgement: true")
        if not self.documents and not self.in_channel:
            raise ValueError("name at least one document or in_channel message that carries the requirement")
        for field in ("documents", "in_channel"):
            values = getattr(self, field)
            if len(set(values)) != len(values):
                raise ValueError(f"{field} lists a value twice")
        return self

    @property
    def predicates(self) -> frozenset[str]:
        return frozenset().union(*(predicates_in(c) for c in self.applies_when))

    def applies_to(self, true: AbstractSet[str]) -> bool:
        """Whether every `applies_when` condition holds, given the predicates true for a profile."""
        return all(holds(c, true) for c in self.applies_when)

    def active_on(self, day: dt.date) -> bool:
        """True when the requirement is in force on `day`."""
        return self.applies_from <= day and (self.applies_until is None or day < self.applies_until)


class Regime(_Model):
    """One regime file: a law (or a family of laws of one jurisdiction) and its requirements."""

    regime: Annotated[str, Field(pattern=_REGIME.pattern)]
    title: OneLine
    jurisdictions: Annotated[tuple[Literal[JURISDICTION_GROUPS], ...], Field(min_length=1)]  # type: ignore[valid-type]
    requirements: tuple[Requirement, ...]

    @model_validator(mode="after")
    def _gated(self) -> Regime:
        if not self.requirements:
            raise ValueError("a regime needs at least one requirement")
        gates = {f"serves_{code.lower().replace('-', '_')}" for code in self.jurisdictions}
        for requirement in self.requirements:
            top = {c for c in requirement.applies_when if isinstance(c, str)}
            if not top & gates:
                raise ValueError(
                    f"{requirement.id}: applies_when must include one of {', '.join(sorted(gates))} "
                    "so the requirement only applies where the regime does"
                )
        return self


class Catalogue(_Model):
    """Every regime, in file-name order."""

    regimes: tuple[Regime, ...]

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        seen: dict[str, str] = {}
        for regime in self.regimes:
            for requirement in regime.requirements:
                if requirement.id in seen:
                    raise ValueError(
                        f'duplicate requirement id "{requirement.id}" in {regime.regime} '
                        f"(also in {seen[requirement.id]})"
                    )
                seen[requirement.id] = regime.regime
        names = [r.regime for r in self.regimes]
        if len(set(names)) != len(names):
            raise ValueError("two files declare the same regime")
        return self

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(req for regime in self.regimes for req in regime.requirements)

    def get(self, requirement_id: str) -> Requirement:
        """The requirement with this ID; KeyError when there is none."""
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)

    def regime_of(self, requirement_id: str) -> Regime:
        """The regime a requirement belongs to; KeyError when there is none."""
        for regime in self.regimes:
            if any(r.id == requirement_id for r in regime.requirements):
                return regime
        raise KeyError(requirement_id)

    def active_on(self, day: dt.date) -> tuple[Requirement, ...]:
        """Requirements in force on `day` (applies_from <= day < applies_until)."""
        return tuple(r for r in self.requirements if r.active_on(day))

    def upcoming(self, day: dt.date, months: int = 12) -> tuple[Requirement, ...]:
        """Requirements that start after `day` and no later than `months` months after it, soonest first."""
        horizon = add_months(day, months)
        starting = [r for r in self.requirements if day < r.applies_from <= horizon]
        return tuple(sorted(starting, key=lambda r: (r.applies_from, r.id)))

    def ending(self, day: dt.date, months: int = 12) -> tuple[Requirement, ...]:
        """Requirements in force on `day` whose applies_until falls within `months` months (sunsets)."""
        horizon = add_months(day, months)
        ending = [r for r in self.requirements
                  if r.active_on(day) and r.applies_until is not None and r.applies_until <= horizon]
        return tuple(sorted(ending, key=lambda r: (r.applies_until, r.id)))


# --- loading -----------------------------------------------------------------------------

@functools.cache
def load_catalogue() -> Catalogue:
    """The packaged catalogue, read and validated once per process."""
    return load_catalogue_from(CATALOGUE_DIR)


def load_catalogue_from(folder: Path) -> Catalogue:
    """Read and validate every `*.yaml` in `folder`; every problem reported at once."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise CatalogueError(f"{folder}: no catalogue files (*.yaml) found")
    regimes: list[Regime] = []
    problems: list[str] = []
    for path in files:
        try:
            regimes.append(_load_regime(path))
        except CatalogueError as error:
            problems.append(error.message)
    if problems:
        raise CatalogueError("\n".join(problems))
    try:
        return Catalogue(regimes=tuple(regimes))
    except ValidationError as error:
        raise CatalogueError("\n".join(f"{folder}: {e['msg']}" for e in error.errors())) from None


def _load_regime(path: Path) -> Regime:
    """One regime file, read with the profile's own located, bounded YAML reader."""
    try:
        data, marks = read_yaml(path)
        regime = validate(data, marks, Regime, str(path))
    except ProfileError as error:
        raise CatalogueError("\n".join(str(p) for p in error.problems)) from None
    if regime.regime != path.stem:
        raise CatalogueError(f'{path}: regime "{regime.regime}" must match the file name "{path.stem}"')
    return regime
