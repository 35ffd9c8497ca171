"""Jurisdiction codes a profile may name, and what each one means for the notices.

A code is either a whole regime area (EU covers every EU/EEA country under the GDPR) or a
sub-national unit (US-CA, CA-QC). The privacy notice gets one section per regime area the
profile serves; the rules stage keys its predicates on the same codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class JurisdictionInfo:
    code: str
    name: str
    """As a customer would say it: "the European Union and EEA", "California"."""
    law: str
    """The main privacy law customers there have rights under."""


_ALL = [
    JurisdictionInfo("EU", "the European Union and the European Economic Area",
                     "the General Data Protection Regulation (GDPR) and the EU AI Act"),
    JurisdictionInfo("UK", "the United Kingdom", "the UK GDPR and the Data Protection Act 2018"),
    JurisdictionInfo("US-CA", "California", "the California Consumer Privacy Act (CCPA)"),
    JurisdictionInfo("US-CO", "Colorado", "the Colorado Privacy Act and Colorado's law on automated decisions"),
    JurisdictionInfo("US-UT", "Utah", "the Utah Consumer Privacy Act and the Utah Artificial Intelligence Policy Act"),
    JurisdictionInfo("US-ME", "Maine", "Maine's law on AI chatbot disclosure"),
    JurisdictionInfo("CA-QC", "Québec", "Québec's Act respecting the protection of personal information in the private sector (Law 25)"),
    JurisdictionInfo("BR", "Brazil", "the Brazilian General Data Protection Law (LGPD)"),
]
JURISDICTIONS: dict[str, JurisdictionInfo] = {j.code: j for j in _ALL}


# EU member states plus the EEA countries (Iceland, Liechtenstein, Norway).
EEA_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)

# Names for the countries a profile commonly names; anything else prints as its code.
_COUNTRY_NAMES = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "HR": "Croatia", "CY": "Cyprus",
    "CZ": "Czechia", "DK": "Denmark", "EE": "Estonia", "FI": "Finland", "FR": "France",
    "DE": "Germany", "GR": "Greece", "HU": "Hungary", "IE": "Ireland", "IT": "Italy",
    "LV": "Latvia", "LT": "Lithuania", "LU": "Luxembourg", "MT": "Malta", "NL": "the Netherlands",
    "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SK": "Slovakia", "SI": "Slovenia",
    "ES": "Spain", "SE": "Sweden", "IS": "Iceland", "LI": "Liechtenstein", "NO": "Norway",
    "GB": "the United Kingdom", "US": "the United States", "CA": "Canada", "BR": "Brazil",
    "CH": "Switzerland", "JP": "Japan", "IN": "India", "AU": "Australia", "SG": "Singapore",
    "IL": "Israel", "NZ": "New Zealand", "KR": "South Korea", "PH": "the Philippines",
    "MX": "Mexico", "ZA": "South Africa", "AR": "Argentina", "UY": "Uruguay",
}


def country_name(code: str) -> str:
    """A country's name for a sentence ("the Netherlands"); the code itself when unknown."""
    return _COUNTRY_NAMES.get(code, code)


def in_eea(country: str) -> bool:
    return country in EEA_COUNTRIES


_CLAUSE_ARGUMENTS = (("eu", "EU"), ("uk", "UK"), ("ca", "US-CA"), ("co", "US-CO"), ("ut", "US-UT"),
                     ("me", "US-ME"), ("qc", "CA-QC"), ("br", "BR"))


def requirement_ids(served: Iterable[str]) -> Callable[..., str]:
    """The templates' `req(eu="…", uk="…", …)` for a profile serving `served`: the requirement
    IDs of a clause, given as one space-separated list per jurisdiction, kept only for the
    jurisdictions served, in that argument order."""
    codes = frozenset(served)
    kept = tuple(argument for argument, code in _CLAUSE_ARGUMENTS if code in codes)

    def req(eu: str = "", uk: str = "", ca: str = "", co: str = "", ut: str = "", me: str = "", qc: str = "",
            br: str = "") -> str:
        given = {"eu": eu, "uk": uk, "ca": ca, "co": co, "ut": ut, "me": me, "qc": qc, "br": br}
        return " ".join(given[argument] for argument in kept if given[argument]).strip()

    return req
