"""Readability of the customer pages, measured per language with a formula made for it.

| language | formula | score |
|---|---|---|
| English (en) | Flesch Reading Ease | 206.835 − 1.015 × ASL − 84.6 × ASW |
| German (de) | Amstad (Flesch for German) | 180 − ASL − 58.5 × ASW |
| French (fr) | Kandel & Moles (Flesch for French) | 207 − 1.015 × ASL − 73.6 × ASW |

ASL is the average sentence length in words, ASW the average number of syllables per word.
All three read the same way: 100 is very easy, 60–70 plain language, 50–60 fairly difficult,
below 30 very difficult (academic or legal prose). Syllables are counted with `pyphen`'s
bundled hyphenation dictionaries (no download, works offline): a word has one syllable more
than it has hyphenation points, and never fewer than its groups of vowels would give it. That
is an approximation, good for comparing pages and versions, not a certificate.

A customer page scoring below `THRESHOLD` (40: the lower half of "difficult", where legal
prose usually sits) gets a `CANDOR-READABILITY` note in `candor check`; the default profile's
pages score 56–67 in English, 44–57 in German (whose scale runs lower for the same text) and
64–79 in French. A language without a formula here is measured
with Flesch; a language without a pyphen dictionary falls back to counting vowel groups.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.documents import DocumentSet, Page
from generator.findings import Finding, Severity

THRESHOLD = 40.0
"""Pages scoring below this get a note; the three formulas share one scale, so one threshold."""

FORMULAS = {
    "en": ("Flesch Reading Ease", 206.835, 1.015, 84.6),
    "de": ("Amstad", 180.0, 1.0, 58.5),
    "fr": ("Kandel–Moles", 207.0, 1.015, 73.6),
}
"""language → (name, constant, weight of ASL, weight of ASW)."""

_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", re.UNICODE)
_VOWELS = re.compile(r"[aeiouyäöüàâæçéèêëîïôœùûÿ]+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Score:
    path: str
    language: str
    formula: str
    score: float
    sentences: int
    words: int
    syllables: int


def measure(text: str, language: str, path: str = "") -> Score:
    """The readability of plain text (see `plain_text` for Markdown) in `language`."""
    name, constant, per_sentence, per_syllable = FORMULAS.get(language, FORMULAS["en"])
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    syllables = sum(syllable_count(w, language) for w in words)
    if not words:
        return Score(path, language, name, 100.0, 0, 0, 0)
    asl, asw = len(words) / max(len(sentences), 1), syllables / len(words)
    return Score(path, language, name, round(constant - per_sentence * asl - per_syllable * asw, 1),
                 len(sentences), len(words), syllables)


def syllable_count(word: str, language: str) -> int:
    dictionary = _dictionary(language)
    groups = len(_VOWELS.findall(word)) or 1
    if dictionary is None:
        return groups
    return max(len(dictionary.positions(word.lower())) + 1, min(groups, 2))


@functools.cache
def _dictionary(language: str):
    import pyphen

    for name in (language, {"en": "en_US", "de": "de_DE", "fr": "fr_FR"}.get(language, "")):
        if name and name in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=name, left=1, right=1)
    return None


def plain_text(markdown: str) -> str:
    """The words a reader reads: no markup, link targets, anchors, HTML or requirement markers.
    Every line (heading, list item, table cell) ends a sentence."""
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"\{[^}]*#[^}]*\}", " ", text)
    text = re.sub(r"\]\((?:<[^>]*>|[^)]*)\)", "]", text)
    text = re.sub(r"^!!! \w+", "", text, flags=re.M)
    text = re.sub(r"[*_`#>\[\]]|^\s*[-:|]+\s*", " ", text, flags=re.M)
    text = text.replace("|", "\n")
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def page_scores(docs: DocumentSet) -> Iterator[Score]:
    """One score per versioned customer document of a site (its language from the spec)."""
    language = docs.spec.extra.get("candor_language") or docs.spec.language
    for page in docs.pages:
        if page.doc_id:
            yield measure(plain_text(page.markdown), language, page.path)


def findings(public: DocumentSet) -> list[Finding]:
    """CANDOR-READABILITY notes for the pages of every language edition below the threshold."""
    found = []
    for docs in (public, *public.editions):
        for score in page_scores(docs):
            if score.score < THRESHOLD:
                found.append(Finding(
                    "CANDOR-READABILITY", Severity.info,
                    f"{score.language}/{score.path} scores {score.score} on {score.formula} (below {THRESHOLD:g}): "
                    f"{score.words / max(score.sentences, 1):.1f} words per sentence, "
                    f"{score.syllables / max(score.words, 1):.2f} syllables per word.",
                    "documents", "Shorten sentences and prefer short, everyday words in the profile's texts."))
    return found


def report(publics: Iterable[DocumentSet]) -> list[Score]:
    return [score for docs in publics for score in page_scores(docs)]
