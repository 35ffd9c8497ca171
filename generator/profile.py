"""The company profile: every fact Candor's documents are drawn from.

Field docstrings are written for the person filling in `content/profile.yaml`; they become
the JSON Schema descriptions and the profile reference in the README. A field marked
`internal()` is for staff only: the public site never receives its value (see
`visibility.py`), so no template can leak it by accident.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, WithJsonSchema, WrapValidator, field_validator,
    model_validator,
)

from generator.durations import Duration
from generator.jurisdictions import JURISDICTIONS
from generator.localtext import DEFAULT_LANGUAGE, LOCAL_TEXT_SCHEMA, default_language_of, local_text

SCHEMA_VERSION = 1


def internal(**kwargs: Any) -> Any:
    """A field whose value is for staff only and must never reach the public site."""
    return Field(json_schema_extra={"internal": True}, **kwargs)


class Model(BaseModel):
    # Each field is documented by the string under it. `reference.py` reads those strings from
    # the source for the README and the JSON Schema; pydantic's own `use_attribute_docstrings`
    # would read them at every start-up, a tenth of `candor check`.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- small validated strings -------------------------------------------------------------

_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
RESERVED_IDS = frozenset({
    "index", "assets", "search", "stylesheets", "javascripts", "embed", "schema",
    "sitemap", "robots", "history", "privacy", "rights", "systems", "overview", "con", "nul",
})
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_URL = re.compile(r"^https://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?(?:/[^\s<>\"'`]*)?$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{5,24}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _check_id(value: str) -> str:
    if not _ID.match(value) or len(value) > 40:
        raise ValueError(
            f'expected an id of lowercase letters, digits and single hyphens, starting with a letter, '
            f'at most 40 characters (e.g. "chat-assistant"), got "{value}"'
        )
    if value in RESERVED_IDS:
        raise ValueError(f'"{value}" is reserved for a page of the site; choose another id')
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f'expected an e-mail address like "privacy@example.com", got "{value}"')
    return value


def _check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f'expected an https:// web address like "https://www.example.com/privacy", got "{value}"')
    return value


def _check_phone(value: str) -> str:
    if not _PHONE.match(value):
        raise ValueError(f'expected a phone number like "+31 20 555 0100", got "{value}"')
    return value


def _check_colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f'expected a colour like "#1f5f8b", got "{value}"')
    return value


def _check_country(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError(f'expected a two-letter country code like "NL", "GB" or "US", got "{value}"')
    return value


def _check_domain(value: str) -> str:
    if not re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}", value) or len(value) > 253:
        raise ValueError(f'expected a domain name like "ai.example.com" (no https://, no path), got "{value}"')
    return value


def _check_schema_version(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise ValueError(f"this version of Candor reads schema_version {SCHEMA_VERSION}; got {value}")
    return value


def _check_jurisdiction(value: str) -> str:
    if value not in JURISDICTIONS:
        accepted = ", ".join(sorted(JURISDICTIONS))
        raise ValueError(f'expected one of: {accepted}; got "{value}"')
    return value


EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
"""The dates a profile may name: Candor adds review periods and retention to them, and a date
near the end of the calendar (year 9999) would leave it nowhere to count to."""


def _check_date(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"expected a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}; got {value.isoformat()}")
    return value


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


def _check_language(value: str) -> str:
    """A language code's shape only: which languages Candor can write is data (a catalogue in
    templates/locales/), checked by `candor check` (CANDOR-LANGUAGE-UNKNOWN)."""
    if not _LANGUAGE_CODE.match(value):
        raise ValueError(f'expected a language code like "en", "de", "fr" or "pt-BR"; got "{value}"')
    return value


_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_direction_controls(value: str) -> str:
    """Refuse invisible bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069):
    they make a notice display differently from what it says ("Trojan Source"). Right-to-left
    scripts themselves need none of them and are accepted."""
    found = _DIRECTION_CONTROLS.search(value)
    if found:
        raise ValueError(f"contains the invisible text-direction control U+{ord(found[0]):04X} at "
                         f"character {found.start() + 1}, which makes the text display differently "
                         "from what it says; remove it")
    return value


def single_line(value: str) -> str:
    """Stripped, non-empty, one line: the shape of every short profile text."""
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if "\n" in value:
        raise ValueError("must be a single line (no line breaks)")
    return no_direction_controls(value)


Id = Annotated[str, AfterValidator(_check_id)]
Date = Annotated[dt.date, AfterValidator(_check_date)]
Email = Annotated[str, AfterValidator(_check_email)]
Url = Annotated[str, AfterValidator(_check_url)]
Phone = Annotated[str, AfterValidator(_check_phone)]
Colour = Annotated[str, AfterValidator(_check_colour)]
Country = Annotated[str, AfterValidator(_check_country)]
Domain = Annotated[str, AfterValidator(_check_domain)]
Jurisdiction = Annotated[str, AfterValidator(_check_jurisdiction)]
Language = Annotated[str, AfterValidator(_check_language)]
Line = Annotated[str, Field(max_length=500), AfterValidator(single_line)]
Text = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(no_direction_controls)]
LocalLine = Annotated[Line, WrapValidator(local_text), WithJsonSchema(LOCAL_TEXT_SCHEMA)]
"""A customer-facing line: plain text in the profile's first language, or one text per
language (`{en: …, de: …}`); see `localtext.py`."""
LocalParagraph = Annotated[Text, WrapValidator(local_text), WithJsonSchema(LOCAL_TEXT_SCHEMA)]


# --- vocabularies ------------------------------------------------------------------------

class SystemKind(StrEnum):
    generative_chat = "generative_chat"
    voice_assistant = "voice_assistant"
    email_triage = "email_triage"
    agent_assist = "agent_assist"
    summarisation = "summarisation"
    sentiment_analysis = "sentiment_analysis"
    automated_decision = "automated_decision"


class Channel(StrEnum):
    web_chat = "web_chat"
    app_chat = "app_chat"
    messaging = "messaging"
    phone = "phone"
    email = "email"
    social_media = "social_media"
    agent_desktop = "agent_desktop"


class DataSource(StrEnum):
    you = "you"
    """You give it to us in the conversation, call or form."""
    our_records = "our_records"
    """It comes from our own records about you (orders, account)."""
    third_party = "third_party"
    """It comes from another organisation (e.g. a payment or delivery partner)."""
    generated = "generated"
    """The AI system creates it (scores, summaries, labels)."""


class LegalBasis(StrEnum):
    consent = "consent"
    contract = "contract"
    legal_obligation = "legal_obligation"
    vital_interests = "vital_interests"
    public_task = "public_task"
    legitimate_interests = "legitimate_interests"


class SpecialCategoryCondition(StrEnum):
    """The condition of GDPR / UK GDPR Art. 9(2) that allows using special-category data
    (point (d), not-for-profit bodies, has no place in customer care)."""

    explicit_consent = "explicit_consent"
    """Art. 9(2)(a): the customer gave explicit consent."""
    employment_social_security = "employment_social_security"
    """Art. 9(2)(b): obligations in employment or social security law."""
    vital_interests = "vital_interests"
    """Art. 9(2)(c): protecting someone's life when they cannot consent."""
    made_public_by_you = "made_public_by_you"
    """Art. 9(2)(e): the customer has manifestly made it public."""
    legal_claims = "legal_claims"
    """Art. 9(2)(f): establishing, exercising or defending legal claims."""
    substantial_public_interest = "substantial_public_interest"
    """Art. 9(2)(g): substantial public interest set out in law."""
    health_or_social_care = "health_or_social_care"
    """Art. 9(2)(h): health or social care, under professional secrecy (Art. 9(3))."""
    public_health = "public_health"
    """Art. 9(2)(i): public interest in public health."""
    archiving_research_statistics = "archiving_research_statistics"
    """Art. 9(2)(j): archiving in the public interest, research or statistics."""


class Safeguard(StrEnum):
    adequacy = "adequacy"
    standard_contractual_clauses = "standard_contractual_clauses"
    uk_idta = "uk_idta"
    binding_corporate_rules = "binding_corporate_rules"
    eu_us_data_privacy_framework = "eu_us_data_privacy_framework"
    none = "none"


class UkSafeguard(StrEnum):
    uk_adequacy = "uk_adequacy"
    """UK adequacy regulations cover the country (e.g. EEA countries)."""
    uk_extension_data_bridge = "uk_extension_data_bridge"
    """The UK Extension to the EU-U.S. Data Privacy Framework (the "data bridge")."""
    uk_idta = "uk_idta"
    uk_addendum = "uk_addendum"
    """The UK Addendum to the EU standard contractual clauses."""
    binding_corporate_rules = "binding_corporate_rules"


class AutomationGround(StrEnum):
    contract = "contract"
    """Necessary to enter into or perform a contract with the customer (Art. 22(2)(a))."""
    law = "law"
    """Authorised by law that lays down safeguards (Art. 22(2)(b))."""
    explicit_consent = "explicit_consent"
    """Based on the customer's explicit consent (Art. 22(2)(c))."""


class DecisionCategory(StrEnum):
    refund = "refund"
    credit_limit = "credit_limit"
    creditworthiness = "creditworthiness"
    fraud_hold = "fraud_hold"
    insurance_pricing = "insurance_pricing"
    account_access = "account_access"
    pricing = "pricing"
    eligibility = "eligibility"
    prioritisation = "prioritisation"
    other = "other"


class EmotionSource(StrEnum):
    text = "text"
    voice = "voice"
    face = "face"


class EmotionSubjects(StrEnum):
    customers = "customers"
    staff = "staff"


# --- company -----------------------------------------------------------------------------

class Address(Model):
    street: Line
    """Street and number."""
    postcode: Line
    """Postal code."""
    city: Line
    """Town or city."""
    country: Country
    """Two-letter ISO country code of the country the address is in, e.g. NL."""

    def one_line(self, country_name: str | None = None) -> str:
        """The address on one line, postcode placed as the country writes it; the country is
        named in English unless the page's language gives its own `country_name`, and without
        the article prose gives it ("Netherlands" on an envelope, "the Netherlands" in a sentence)."""
        town = (f"{self.city} {self.postcode}" if self.country in POSTCODE_AFTER_TOWN
                else f"{self.postcode} {self.city}")
        return f"{self.street}, {town}, {(country_name or self.country_name).removeprefix('the ')}"

    @property
    def country_name(self) -> str:
        from generator.jurisdictions import country_name

        return country_name(self.country)


POSTCODE_AFTER_TOWN = frozenset({"GB", "IE", "US", "CA", "AU"})
"""Countries whose addresses put the postcode after the town ("Dublin D02 X285")."""


class Contact(Model):
    name: LocalLine | None = None
    """A person or office name, when the notice should name one."""
    email: Email | None = None
    """E-mail address."""
    phone: Phone | None = None
    """Phone number, with country code."""
    web_form: Url | None = None
    """A web form for requests, if you have one."""
    address: Address | None = None
    """Postal address."""

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.email or self.phone or self.web_form or self.address):
            raise ValueError("a contact needs at least one of: email, phone, web_form, address")
        return self


class Authority(Model):
    jurisdiction: Jurisdiction
    """The jurisdiction code this authority covers (EU, UK, US-CA …)."""
    name: LocalLine
    """The authority's name as customers would search for it."""
    website: Url
    """Where customers can complain to it."""


class CaliforniaFacts(Model):
    sells_or_shares: bool
    """True when you sell personal information or share it for cross-context behavioural advertising (CCPA)."""
    opt_out_url: Url | None = None
    """Your "Do Not Sell or Share My Personal Information" page, required when sells_or_shares is true."""

    @model_validator(mode="after")
    def _opt_out_link(self) -> CaliforniaFacts:
        if self.sells_or_shares and not self.opt_out_url:
            raise ValueError('@opt_out_url: give your "Do Not Sell or Share" page when sells_or_shares is true')
        return self


class Company(Model):
    legal_name: Line
    """The registered name of the company that is responsible for the data (the controller)."""
    brand_name: Line
    """The name customers know you by."""
    address: Address
    """Registered address of the company."""
    website: Url
    """Your main website (https://)."""
    email: Email
    """General customer-service e-mail address."""
    phone: Phone | None = None
    """General customer-service phone number, with country code."""
    jurisdictions: Annotated[list[Jurisdiction], Field(min_length=1)]
    """Where your customers are: EU (all EU/EEA countries), UK, US-CA, US-CO, US-UT, US-ME, CA-QC, BR …"""
    languages: Annotated[list[Language], Field(min_length=1)] = ["en"]
    """Languages your customers use, first one is the default."""
    privacy_contact: Contact
    """Where customers send privacy questions and requests."""
    dpo: Contact | None = None
    """Your data protection officer, if you have designated one."""
    eu_representative: Contact | None = None
    """Your representative in the EU, required when you are not established in the EU but serve it."""
    uk_representative: Contact | None = None
    """Your representative in the UK, required when you are not established in the UK but serve it."""
    authorities: list[Authority] = []
    """The supervisory authority or regulator a customer can complain to, per jurisdiction."""
    regulated_profession: bool = False
    """True when you provide services of a licensed profession (relevant in Utah)."""
    california: CaliforniaFacts | None = None
    """Facts the CCPA notice needs; required when you serve US-CA."""


# --- AI systems --------------------------------------------------------------------------

class Provider(Model):
    name: Line
    """The company whose model the system runs on."""
    model: Line | None = None
    """The model's name, if you want customers to know it."""
    country: Country
    """Two-letter country code where the provider processes the data."""


class DataCategory(Model):
    id: Id
    """Short id used in `retention`, e.g. chat-transcripts."""
    description: LocalLine
    """What this data is, in the customer's words."""
    sources: Annotated[list[DataSource], Field(min_length=1)]
    """Where it comes from: you, our_records, third_party, generated."""
    special_category: bool = False
    """True for health, biometric or other special-category data."""
    special_category_condition: SpecialCategoryCondition | None = None
    """For special-category data: the condition of GDPR / UK GDPR Art. 9(2) that allows using it (explicit_consent, health_or_social_care, …); the notices name it."""
    required: LocalLine | None = None
    """Whether the customer must give it and what happens if they do not."""

    @model_validator(mode="after")
    def _condition_only_for_special_data(self) -> DataCategory:
        if self.special_category_condition is not None and not self.special_category:
            raise ValueError("special_category_condition is for special-category data only; "
                             "set special_category: true, or remove the condition")
        return self


class Purpose(Model):
    purpose: LocalLine
    """What the data is used for, in one plain sentence."""
    legal_basis: LegalBasis
    """The GDPR legal basis for this purpose."""
    legitimate_interest: LocalLine | None = None
    """The interest pursued, required when the legal basis is legitimate_interests."""
    direct_marketing: bool = False
    """True when the purpose is direct marketing (gives an absolute right to object)."""

    @model_validator(mode="after")
    def _interest_named(self) -> Purpose:
        if self.legal_basis is LegalBasis.legitimate_interests and not self.legitimate_interest:
            raise ValueError("@legitimate_interest: name the legitimate interest pursued when the legal basis is legitimate_interests")
        return self


class Recipient(Model):
    name: Line
    """The recipient's company name."""
    role: LocalLine
    """What they do for you, e.g. "hosts the language model"."""
    country: Country
    """Two-letter country code where it processes the data."""
    safeguard: Safeguard = Safeguard.none
    """How a transfer outside the customer's region is protected."""
    safeguard_copy: LocalLine | None = None
    """How a customer can get a copy of the safeguard (e.g. "ask privacy@…")."""
    uk_safeguard: UkSafeguard | None = None
    """How a transfer of UK customers' data to this recipient is protected, when it is outside the UK."""


class Decision(Model):
    category: DecisionCategory
    """What kind of decision it is."""
    description: LocalLine
    """The decision, e.g. "approves or refers refund requests up to €150"."""
    solely_automated: bool
    """True when no person takes part before the decision takes effect."""
    significant: bool
    """True when the decision has a legal or similarly significant effect on the customer."""
    effect: LocalLine
    """What the decision means for the customer."""
    logic: LocalParagraph
    """The main factors and how they are weighed, in plain words."""
    contest: LocalLine | None = None
    """How to ask a person to review the decision and put your view."""
    review_time: Duration | None = None
    """How fast a person reviews a contested decision."""
    automation_ground: AutomationGround | None = None
    """Why the law allows the decision to be solely automated (EU and UK GDPR Art. 22(2)): contract, law or explicit_consent."""


class Training(Model):
    used: bool
    """True when conversations are used to train or improve models."""
    description: LocalLine | None = None
    """What is used and how, in plain words."""
    opt_out: LocalLine | None = None
    """How a customer says no, when used is true."""
    basis: LegalBasis | None = None
    """The legal basis for using conversations this way."""


class Disclosure(Model):
    when: LocalLine
    """When the customer is told they are dealing with AI."""
    how: LocalLine
    """How they are told, e.g. "The first chat message says so"."""
    opening_words: LocalLine | None = None
    """Words the system adds to its first message (the chat greeting or the call prompt), after saying it is an AI: a warning it must give, or how to switch it off, e.g. "I cannot give medical advice."."""


class HumanContact(Model):
    how: LocalLine
    """How to reach a person, e.g. "Type 'agent' in the chat"."""
    when: LocalLine
    """When people are available."""
    response_time: Duration
    """How fast a person responds."""


class Oversight(Model):
    what: LocalLine
    """What is reviewed, in customer terms."""
    cadence: Duration
    """How often, e.g. "1 week"."""
    last_review: Date
    """When the last review took place."""
    reviewer_role: Id = internal()
    """The internal role that does it (staff only)."""


class Fairness(Model):
    groups: Annotated[list[LocalLine], Field(min_length=1)]
    """Which groups of customers results are compared across."""
    metrics: Annotated[list[LocalLine], Field(min_length=1)]
    """What is measured and compared between the groups."""
    data: LocalLine
    """What data the tests run on."""
    cadence: Duration
    """How often the test runs."""
    last_tested: Date
    """When the last test ran."""
    on_failure: LocalLine
    """What happens when a test fails."""
    owner_role: Id = internal()
    """The internal role that runs the test (staff only)."""
    last_result: Line | None = internal(default=None)
    """The last result in detail (staff only)."""


class EmotionInference(Model):
    source: EmotionSource
    """What feelings are read from: text, voice or face."""
    subjects: EmotionSubjects
    """Whose feelings: customers or staff."""


class EscalationLevel(Model):
    level: Annotated[int, Field(ge=1, le=9)]
    """1 for the first line of escalation, 2 for the next, and so on."""
    trigger: Line
    """What starts this level."""
    responsible_role: Id
    """The role (from organisation.roles) that acts."""
    target_response: Duration
    """How fast that role must act."""
    agent_action: Line
    """What the agent does and says."""


class AISystem(Model):
    id: Id
    """Stable id used in URLs, e.g. chat-assistant."""
    name: LocalLine
    """The name customers see."""
    kind: SystemKind
    """What sort of system it is."""
    channels: Annotated[list[Channel], Field(min_length=1)]
    """Where customers meet it (or agent_desktop for tools only staff use)."""
    purpose: LocalLine
    """What it is for, in one plain sentence."""
    does: Annotated[list[LocalLine], Field(min_length=1)]
    """What it does, one plain sentence each."""
    does_not: Annotated[list[LocalLine], Field(min_length=1)]
    """What it does not do, one plain sentence each."""
    generates_content: bool
    """True when it writes text, speech or images that customers see."""
    interacts_with_customers: bool
    """True when customers talk to it directly (chat, voice, e-mail replies)."""
    providers: list[Provider] = []
    """The companies whose AI models it runs on."""
    decision: Decision | None = None
    """Set when the system decides something about the customer."""
    emotion_inference: EmotionInference | None = None
    """Set when the system infers feelings or sentiment."""
    data: Annotated[list[DataCategory], Field(min_length=1)]
    """The categories of personal data it uses."""
    purposes: Annotated[list[Purpose], Field(min_length=1)]
    """Why the data is used, each purpose with its legal basis."""
    retention: dict[str, Duration]
    """How long each data category (by id) is kept."""
    recipients: list[Recipient] = []
    """Who else receives the data (processors, partners)."""
    training: Training
    """Whether conversations are used to train or improve models."""
    disclosure: Disclosure
    """How and when customers are told they are dealing with AI."""
    human_contact: HumanContact
    """How customers reach a person instead."""
    limitations: Annotated[list[LocalLine], Field(min_length=1)]
    """Known limitations, in plain words."""
    not_collected: list[LocalLine] = []
    """What the system deliberately does not collect or use."""
    protection: list[LocalLine] = []
    """How the data is protected, in customer terms."""
    oversight: list[Oversight] = []
    """Human checks of the system's work."""
    fairness: Fairness | None = None
    """Fairness and bias testing."""
    escalation: list[EscalationLevel] = internal(default=[])
    """Escalation levels for agents (staff only)."""
    internal_notes: Text | None = internal(default=None)
    """Anything staff should know about this system (staff only)."""


# --- organisation (staff only) -----------------------------------------------------------

class Responsibility(Model):
    system: Id
    """The AI system id."""
    duties: Annotated[list[Line], Field(min_length=1)]
    """The duties, one short phrase each."""


class Role(Model):
    id: Id
    """Short id used to refer to the role elsewhere in the profile."""
    title: Line
    """Job title."""
    team: Line
    """The team the role belongs to."""
    contact: Line
    """How colleagues reach this role."""
    responsibilities: list[Responsibility] = []
    """The role's duties, per AI system."""


class ComplaintChannel(Model):
    channel: LocalLine
    """E.g. "E-mail", "Web form"."""
    address: LocalLine
    """Where to send it: an e-mail address, a web address or a postal address."""


class Complaints(Model):
    channels: Annotated[list[ComplaintChannel], Field(min_length=1)]
    """Where customers can send a complaint."""
    acknowledgement: Duration
    """How fast you confirm you received a complaint."""
    resolution: Duration
    """How fast you aim to resolve it."""
    appeal: LocalLine
    """How a customer asks a person to look at the outcome again."""
    regulator_mention: LocalLine
    """When the customer is told they can go to the regulator."""
    internal_steps: list[Line] = internal(default=[])
    """Steps staff follow (staff only)."""
    owner_role: Id | None = internal(default=None)
    """The role that owns the procedure (staff only)."""


class Organisation(Model):
    roles: Annotated[list[Role], Field(min_length=1)]
    """The roles involved, each with its duties per system."""


# --- documents ---------------------------------------------------------------------------

class Change(Model):
    version: Annotated[int, Field(ge=1)]
    """The version this record describes."""
    date: Date
    """The date it took effect."""
    summary: LocalLine
    """What changed, for customers."""


class TranslationStatus(Model):
    translated_from_version: Annotated[int, Field(ge=1)]
    """The version of the default-language document this translation was made from."""
    reviewed_by_legal: bool = False
    """True once legal has reviewed this translation (its approval is `approvals[].document: <id>@<language>`)."""
    accepted_stale: bool = False
    """True to publish a translation made from an older version without the "newer version" notice."""


class DocumentRecord(Model):
    version: Annotated[int, Field(ge=1)]
    """The current version number; raise it when the text changes for customers."""
    effective_date: Date
    """The date the current version takes effect."""
    history: list[Change] = []
    """Every version, with what changed for customers."""
    translations: dict[Language, TranslationStatus] = internal(default={})
    """Per further language: which version it was translated from and whether legal reviewed it (staff only)."""


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _check_sha256(value: str) -> str:
    if not _SHA256.match(value):
        raise ValueError(
            "expected the 64-character sha256 hash that `candor review` prints for the document "
            f'(lowercase hex), got "{value}"'
        )
    return value


Sha256 = Annotated[str, AfterValidator(_check_sha256)]


class Approval(Model):
    document: Line
    """The document approved: overview, privacy, rights or system:<id> (a key of `documents`); a translation adds its language, e.g. privacy@de."""
    version: Annotated[int, Field(ge=1)]
    """The document version approved."""
    sha256: Sha256
    """The content hash of the exact text approved, as shown by `candor review` (sha256 of the generated Markdown)."""
    approver: Line = internal()
    """The person who approved the text (staff only)."""
    role: Line = internal()
    """The approver's role, e.g. "Data protection officer" or "External counsel" (staff only)."""
    date: Date
    """The date of the approval."""
    comment: Line | None = internal(default=None)
    """Anything the approver wants on record, e.g. a condition or a caveat (staff only)."""

    @field_validator("approver", "role")
    @classmethod
    def _filled_in(cls, value: str, info: ValidationInfo) -> str:
        """`candor review` prints each entry with NAME and ROLE for legal to fill in."""
        placeholder, wanted = {"approver": ("NAME", "the name of the person who approved the text"),
                               "role": ("ROLE", "the approver's role")}[info.field_name]
        if value == placeholder:
            raise ValueError(f'expected {wanted}, got the placeholder "{placeholder}" that `candor review` prints')
        return value


class Branding(Model):
    primary: Colour = "#1f4e79"
    """Main brand colour (#rrggbb)."""
    accent: Colour = "#b3541e"
    """Accent colour for links and highlights (#rrggbb)."""
    logo: str | None = None
    """Path to a logo file, relative to the profile."""
    favicon: str | None = None
    """Path to a favicon file, relative to the profile."""


def _staff_language(value: str) -> str:
    """The staff templates are not marked for translation: a staff site in another language
    would mix that language's labels with English text under the wrong `<html lang>`."""
    if value != "en":
        raise ValueError(f'the staff site is available in English ("en") only; got "{value}" '
                         "(the customer pages are built in every language of company.languages)")
    return value


class SiteSettings(Model):
    url: Url | None = None
    """Where the public site is published."""
    custom_domain: Domain | None = None
    """The custom domain for GitHub Pages, e.g. ai.example.com."""
    internal_language: Annotated[Language, AfterValidator(_staff_language)] = "en"
    """Language of the staff site; its templates are written in English, so "en" is the one accepted."""
    fallback_to_default_language: bool = False
    """True to publish a page in another language even when some profile text on it exists only in the default language (the page says so); false refuses the build."""
    branding: Branding = Branding()
    """Colours and images of the public site."""


# --- the profile -------------------------------------------------------------------------

class Profile(Model):
    schema_version: Annotated[int, AfterValidator(_check_schema_version)] = SCHEMA_VERSION
    """Version of the profile format (1, the only one so far); a profile of another version is refused with a message, never guessed at."""
    company: Company
    """Who you are and where your customers are."""
    ai_systems: Annotated[list[AISystem], Field(min_length=1)]
    """Every AI system used in customer care, one entry each."""
    organisation: Organisation = internal()
    """Roles and duties behind the AI systems (staff only)."""
    complaints: Complaints
    """How customers complain and how you handle it."""
    documents: dict[str, DocumentRecord]
    """Version and effective date per public document: overview, privacy, rights, and system:<id>."""
    approvals: list[Approval] = []
    """Legal sign-off per document: the version and the content hash approved, by whom and when. A document is published as approved only while its generated text still has the approved hash."""
    site: SiteSettings = SiteSettings()
    """Where the sites are published and how they look."""

    @model_validator(mode="wrap")
    @classmethod
    def _in_default_language(cls, data: Any, handler: Any) -> Profile:
        """Texts given as plain strings are in the profile's first language (see `localtext.py`)."""
        token = DEFAULT_LANGUAGE.set(default_language_of(data))
        try:
            return handler(data)
        finally:
            DEFAULT_LANGUAGE.reset(token)

    @model_validator(mode="after")
    def _unique_ids(self) -> Profile:
        _reject_duplicates("ai_systems", [s.id for s in self.ai_systems])
        _reject_duplicates("organisation.roles", [r.id for r in self.organisation.roles])
        for index, system in enumerate(self.ai_systems):
            _reject_duplicates(f"ai_systems[{index}].data", [d.id for d in system.data])
        return self

    def system(self, system_id: str) -> AISystem:
        return next(s for s in self.ai_systems if s.id == system_id)

    @property
    def effective_date(self) -> dt.date:
        """The newest effective date of any public document: the date the site speaks for."""
        return max(d.effective_date for d in self.documents.values())


def _reject_duplicates(where: str, ids: list[str]) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in seen:
            raise ValueError(f'@{where}[{index}].id: duplicate id "{value}" (also used by {where}[{seen[value]}])')
        seen[value] = index
