"""In-channel texts: what a customer is told in the conversation itself, per AI system.

Some duties are met only in the channel, at the moment the law names: the chat's first
message, the call's opening prompt, the footer of an e-mail, the letter that gives a decision,
and the bot's answer to "am I talking to a person?". This module decides which of those
messages a system needs and which requirement IDs each one carries (the catalogue's
`in_channel` field, intersected with the requirements that apply to that system). The wording
lives in `templates/channel/<message>.txt.j2`, so a translation never touches Python.

Texts are plain text (they go into a chat widget, a speech engine or an e-mail); a page that
shows one escapes it for its own format (`md` in Markdown).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.rules.legal import Evaluation

if TYPE_CHECKING:
    import jinja2

MESSAGES = ("chat_greeting", "ivr_prompt", "email_footer", "decision_letter", "human_question")
"""Every in-channel message, in the order a customer meets them."""

CHAT_CHANNELS = frozenset({"web_chat", "app_chat", "messaging", "social_media"})

NEEDS_LINK = frozenset({"GDPR-13-T", "GDPR-14-3", "GDPR-21-4", "CA-NAC-2", "CA-ADMT-PUN-T", "CO-1704-1"})
"""Requirements a text meets only by pointing to a page of the public site (`site.url`)."""


@dataclass(frozen=True)
class ChannelText:
    message: str
    """One of MESSAGES."""
    ids: tuple[str, ...]
    """The requirement IDs this text carries, sorted."""
    text: str
    """The text itself, plain (not escaped for any markup), one sentence per line."""

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.splitlines())


def messages_for(system: Any) -> tuple[str, ...]:
    """The in-channel messages a system needs, from the channels it uses and what it does.

    - chat greeting: it talks with customers in a chat channel;
    - IVR prompt: it is on the phone and talks with callers or reads their voice;
    - e-mail footer: it is on the e-mail channel (it writes, decides on or reads customers'
      e-mails; the footer goes in the reply or automatic reply the customer gets);
    - decision letter: it makes a decision about the customer;
    - "am I talking to a person?" answer: it talks with customers.
    """
    channels = {str(c) for c in system.channels}
    interacts = system.interacts_with_customers
    reads_voice = (system.emotion_inference is not None and system.emotion_inference.subjects == "customers"
                   and system.emotion_inference.source in ("voice", "face"))
    wanted = {
        "chat_greeting": interacts and bool(channels & CHAT_CHANNELS),
        "ivr_prompt": "phone" in channels and (interacts or reads_voice),
        "email_footer": "email" in channels,
        "decision_letter": system.decision is not None,
        "human_question": interacts,
    }
    return tuple(m for m in MESSAGES if wanted[m])


def carried_ids(system_id: str, message: str, evaluations: Iterable[Evaluation], *, linked: bool) -> tuple[str, ...]:
    """IDs of the requirements that apply to the system and ask for this message.

    Without a public site address (`linked` false) a text cannot point to the notice, so the
    requirements met only by that link are left out rather than claimed.
    """
    ids = {e.requirement.id for e in evaluations
           if e.applies and message in e.requirement.in_channel and system_id in e.system_set}
    if not linked:
        ids -= NEEDS_LINK
    return tuple(sorted(ids))


def unsaid(system: Any, evaluations: Iterable[Evaluation], *, linked: bool) -> tuple[str, ...]:
    """Applicable in-channel requirements of a system that none of its messages carries."""
    evaluations = tuple(evaluations)
    said = {rid for m in messages_for(system) for rid in carried_ids(system.id, m, evaluations, linked=linked)}
    asked = {e.requirement.id for e in evaluations
             if e.applies and e.requirement.in_channel and system.id in e.system_set}
    return tuple(sorted(asked - said))


def site_links(site_url: str | None, system_id: str) -> dict[str, str]:
    """Addresses of the pages the texts point to; empty when the site has no address."""
    if not site_url:
        return {}
    base = site_url.rstrip("/")
    return {
        "site": base.removeprefix("https://"),
        "privacy": f"{base}/privacy/",
        "object": f"{base}/privacy/#right-to-object",
        "system": f"{base}/systems/{system_id}/",
        "decision": f"{base}/systems/{system_id}/#decision",
        "spoken_privacy": f"{base.removeprefix('https://')}/privacy",
    }


def render_texts(env: jinja2.Environment, context: dict[str, Any], system: Any,
                 evaluations: Iterable[Evaluation]) -> tuple[ChannelText, ...]:
    """Every in-channel text of one system, rendered from `templates/channel/`.

    `context` needs `company`, `profile` (for `site.url`) and `t`; public pages pass the
    public view of the profile, and the channel templates only read public fields.
    """
    evaluations = tuple(evaluations)
    links = site_links(context["profile"].site.url, system.id)
    texts = []
    for message in messages_for(system):
        ids = carried_ids(system.id, message, evaluations, linked=bool(links))
        body = env.get_template(f"channel/{message}.txt.j2").render(
            {**context, "system": system, "ids": ids, "links": links})
        texts.append(ChannelText(message, ids, _lines(body)))
    return tuple(texts)


def for_templates(evaluations: Iterable[Evaluation]):
    """A template function `channel_texts(system)` bound to one rule result; one per template
    context (`render._base_context`), so one profile and one site."""
    import jinja2

    # Only applicable in-channel requirements can be carried: the others are left out once
    # here rather than at every message of every system.
    evaluations = tuple(e for e in evaluations if e.applies and e.requirement.in_channel)
    # The staff site shows each system's texts twice (its playbook and the coverage matrix):
    # rendered once per environment (one language) and system, as they read nothing else
    # that differs between pages of one site.
    rendered: dict[tuple[Any, str], tuple[ChannelText, ...]] = {}

    @jinja2.pass_context
    def channel_texts(ctx: Any, system: Any) -> tuple[ChannelText, ...]:
        key = (ctx.environment, system.id)
        if key not in rendered:
            rendered[key] = render_texts(ctx.environment, dict(ctx.get_all()), system, evaluations)
        return rendered[key]

    return channel_texts


def _lines(text: str) -> str:
    """One sentence (or "label: address") per line, spaces tidied, no blank lines."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
