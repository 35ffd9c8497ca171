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

The staff site's approvals page and the review packet show each document's score, per
language; a page below `THRESHOLD` (40: the lower half of "difficult", where legal prose
usually sits) deserves shorter sentences. (It is not a `candor check` finding: measuring
needs every page's generated text, which `candor check` does not render.) A language without a formula here is measured
with Flesch; a language without a pyphen dictionary falls back to counting vowel groups.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator import cache
from generator.approvals import document_language, document_pages
from generator.documents import DocumentSet, Page

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
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # runs of spaces, or one that is not " "
_SPACE_BEFORE_STOP = re.compile(r" ([.,;:!?])")
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
    # Every count adds up line by line (a line break always ends a sentence), and pages repeat
    # their lines (a thousand pages of a large profile have a few thousand distinct ones):
    # each distinct line is counted once.
    return _score(path, language, _added(_line_counts(line, language) for line in text.split("\n")))


def measure_markdown(markdown: str, language: str, path: str = "") -> Score:
    """`measure(plain_text(markdown), …)`, added up per Markdown line: the lines of a large
    site's pages repeat, so each distinct one is read and counted once."""
    return _score(path, language, _added(_markdown_line_counts(line, language) for line in markdown.split("\n")))


def _added(counts: Iterable[tuple[int, int, int]]) -> tuple[int, int, int]:
    sentences = words = syllables = 0
    for in_sentences, in_words, in_syllables in counts:
        sentences, words, syllables = sentences + in_sentences, words + in_words, syllables + in_syllables
    return sentences, words, syllables


def _score(path: str, language: str, counts: tuple[int, int, int]) -> Score:
    name, constant, per_sentence, per_syllable = FORMULAS.get(language, FORMULAS["en"])
    sentences, words, syllables = counts
    if not words:
        return Score(path, language, name, 100.0, 0, 0, 0)
    asl, asw = words / max(sentences, 1), syllables / words
    return Score(path, language, name, round(constant - per_sentence * asl - per_syllable * asw, 1),
                 sentences, words, syllables)


@functools.lru_cache(maxsize=1 << 16)
def _markdown_line_counts(line: str, language: str) -> tuple[int, int, int]:
    return _added(_line_counts(plain, language) for plain in _plain_lines(line))


@functools.lru_cache(maxsize=1 << 16)
def _line_counts(line: str, language: str) -> tuple[int, int, int]:
    """(sentences, words, syllables) in one line of plain text."""
    sentences = sum(1 for s in _SENTENCE_END.split(line) if _WORD.search(s))
    words = _WORD.findall(line)
    known = _counted.setdefault(language, {})
    syllables = 0
    for word, times in Counter(words).items():
        count = known.get(word)
        if count is None:
            count = known[word] = syllable_count(word, language)
        syllables += count * times
    return sentences, len(words), syllables


_counted: dict[str, dict[str, int]] = {}
"""language → word → syllables, for `measure`: a thousand pages share most of their words."""


def syllable_count(word: str, language: str) -> int:
    dictionary = _dictionary(language)
    groups = len(_VOWELS.findall(word)) or 1
    if dictionary is None:
        return groups
    return max(len(dictionary.positions(word.lower())) + 1, min(groups, 2))


@functools.cache
def _dictionary(language: str):
    """pyphen's dictionary for `language`, kept in Candor's cache (`cache.py`): reading the
    German one from its source takes half a second, loading it from the cache a twentieth."""
    import pyphen

    for name in (language, {"en": "en_US", "de": "de_DE", "fr": "fr_FR"}.get(language, "")):
        if name and name in pyphen.LANGUAGES:
            def load(name: str = name):
                return pyphen.Pyphen(lang=name, left=1, right=1)
            try:
                stat = Path(pyphen.LANGUAGES[name]).stat()
            except (OSError, TypeError):  # not a plain file (a zipped install): no cache
                return load()
            key = f"{name}-{pyphen.__version__}-{stat.st_size}-{stat.st_mtime_ns}"
            return cache.pickled("hyphenation", key, load)
    return None


def plain_text(markdown: str) -> str:
    """The words a reader reads: no markup, link targets, anchors, HTML or requirement markers.
    Every line (heading, list item, table cell) ends a sentence.

    Line by line: no Markdown construct of a generated page spans lines (profile text is
    written on one line), and pages repeat their lines, so each distinct line is read once."""
    return "\n".join(plain for line in markdown.split("\n") for plain in _plain_lines(line))


@functools.lru_cache(maxsize=1 << 16)
def _plain_lines(line: str) -> tuple[str, ...]:
    text = re.sub(r"<[^>]+>", " ", line)
    text = re.sub(r"\{[^}]*#[^}]*\}", " ", text)
    text = re.sub(r"\]\((?:<[^>]*>|[^)]*)\)", "]", text)
    text = re.sub(r"^!!! \w+", "", text)
    text = re.sub(r"[*_`#>\[\]]|^\s*[-:|]+\s*", " ", text)
    text = text.replace("|", "\n")
    text = _SPACE_BEFORE_STOP.sub(r"\1", _SPACES.sub(" ", text))
    return tuple(line for line in (raw.strip(" ") for raw in text.splitlines()) if line)


def document_scores(public: DocumentSet) -> dict[str, Score]:
    """Document id (`privacy`, `privacy@de`) → the readability of its current text, for the
    staff site's approvals page and the review packet."""
    return scores(document_pages(public), public.spec.language)


def scores(pages: Iterable[Page], default: str) -> dict[str, Score]:
    """`document_scores` of some of the document pages (named as `document_pages` names them;
    `default` is the profile's first language): one language edition's, in a worker process."""
    return {page.doc_id: measure_markdown(page.markdown, document_language(page.doc_id, default), page.path)
            for page in pages}
