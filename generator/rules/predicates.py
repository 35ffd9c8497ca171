"""The predicates the catalogue's `applies_when` conditions are written in.

Company-level predicates (where customers are, DPO, establishment) are facts of the whole
profile. System-level predicates are facts of one AI system; a requirement conditioned on
them applies to exactly the systems for which they hold, so a finding can name the system
and the field to fix. The README in `catalogue/` defines every predicate in words; this
module is that table in code.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.jurisdictions import in_eea
from generator.profile import AISystem, DataSource, DecisionCategory, LegalBasis, Profile

_SERVES = {"serves_eu": "EU", "serves_uk": "UK", "serves_us_ca": "US-CA", "serves_us_co": "US-CO",
           "serves_us_ut": "US-UT", "serves_ca_qc": "CA-QC", "serves_br": "BR", "serves_us_me": "US-ME"}
_ONLINE = {"web_chat", "app_chat", "messaging", "social_media", "email"}
_HIGH_RISK = {DecisionCategory.credit_limit, DecisionCategory.creditworthiness, DecisionCategory.insurance_pricing}
_CA_SIGNIFICANT = {DecisionCategory.credit_limit, DecisionCategory.creditworthiness, DecisionCategory.eligibility}
_CO_CONSEQUENTIAL = _HIGH_RISK | {DecisionCategory.eligibility}


def company_predicates(profile: Profile) -> frozenset[str]:
    company = profile.company
    true = {name for name, code in _SERVES.items() if code in company.jurisdictions}
    checks = {
        "has_dpo": company.dpo is not None,
        "non_eu_controller": not in_eea(company.address.country),
        "non_uk_controller": company.address.country != "GB",
        "regulated_occupation": company.regulated_profession,
    }
    return frozenset(true | {name for name, ok in checks.items() if ok})


def _bases(system: AISystem) -> set[LegalBasis]:
    bases = {p.legal_basis for p in system.purposes}
    if system.training.used and system.training.basis:
        bases.add(system.training.basis)
    return bases


def _sources(system: AISystem) -> set[DataSource]:
    return {source for category in system.data for source in category.sources}


def _countries(system: AISystem) -> set[str]:
    return {r.country for r in system.recipients} | {p.country for p in system.providers}


def _decision(test: Callable) -> Callable[[AISystem], bool]:
    return lambda s: s.decision is not None and bool(test(s.decision, s))


def _significant(d, s) -> bool:
    return d.solely_automated and d.significant


def _emotion(source: set[str] | None, subjects: str) -> Callable[[AISystem], bool]:
    return lambda s: (s.emotion_inference is not None and s.emotion_inference.subjects == subjects
                      and (source is None or s.emotion_inference.source in source))


SYSTEM_PREDICATES: dict[str, Callable[[AISystem], bool]] = {
    "collects_from_subject": lambda s: DataSource.you in _sources(s),
    "obtained_elsewhere": lambda s: bool(_sources(s) - {DataSource.you}),
    "basis_consent": lambda s: LegalBasis.consent in _bases(s),
    "basis_legit_interest": lambda s: LegalBasis.legitimate_interests in _bases(s),
    "basis_contract": lambda s: LegalBasis.contract in _bases(s),
    "direct_marketing": lambda s: any(p.direct_marketing for p in s.purposes),
    "transfers_outside_eea": lambda s: any(not in_eea(c) for c in _countries(s)),
    # The UK's adequacy regulations cover the EEA, so only transfers beyond it need a safeguard.
    "transfers_outside_uk": lambda s: any(c != "GB" and not in_eea(c) for c in _countries(s)),
    "automated_decision": _decision(lambda d, s: True),
    "solely_automated_decision": _decision(lambda d, s: d.solely_automated),
    "solely_automated_significant_decision": _decision(_significant),
    "special_category_data": lambda s: any(c.special_category for c in s.data),
    "special_category_decision": _decision(lambda d, s: _significant(d, s) and any(c.special_category for c in s.data)),
    "annex_iii_high_risk": _decision(lambda d, s: d.category in _HIGH_RISK),
    "admt_significant_decision": _decision(lambda d, s: d.category in _CA_SIGNIFICANT),
    "consequential_decision": _decision(lambda d, s: d.category in _CO_CONSEQUENTIAL),
    "ai_interacts_with_persons": lambda s: s.interacts_with_customers,
    "generates_synthetic_content": lambda s: s.generates_content,
    "generative_interaction": lambda s: s.generates_content and s.interacts_with_customers,
    "bot_online": lambda s: s.interacts_with_customers and bool({c.value for c in s.channels} & _ONLINE),
    "voice_channel": lambda s: any(c == "phone" for c in s.channels),
    "trains_on_conversations": lambda s: s.training.used,
    "emotion_recognition_biometric": _emotion({"voice", "face"}, "customers"),
    "emotion_inference_on_staff": _emotion(None, "staff"),
}


def system_predicates(system: AISystem) -> frozenset[str]:
    return frozenset(name for name, test in SYSTEM_PREDICATES.items() if test(system))
