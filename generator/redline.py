"""Word-level redlines of generated documents: what legal reads when a profile changes.

Two texts are compared line by line first (so an unchanged paragraph is never re-matched
word by word against a distant one), then each changed block word by word with `difflib`.
Each change is a `Hunk`: the changed words with a line of context on either side, and the
requirement IDs of the clause blocks it touches (the `data-req` markers in the Markdown,
see `coverage.py`), so a lawyer sees which legal duty a wording change affects.

Pure functions; `render_plain` gives `[-deleted-]{+inserted+}` markers for pipes and CI,
`render_rich` colour for a terminal. The HTML rendering lives in `commands/diff.py`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from generator.coverage import marked_ids
from generator.documents import Page

Kind = Literal["equal", "insert", "delete"]
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|\s+|[^\w\s]")
CONTEXT_LINES = 1


@dataclass(frozen=True)
class Span:
    kind: Kind
    text: str


@dataclass(frozen=True)
class Hunk:
    """One change with its context: where it starts (1-based lines) and what it touches."""

    old_line: int
    new_line: int
    spans: tuple[Span, ...]
    requirements: tuple[str, ...] = ()

    @property
    def inserted(self) -> str:
        return "".join(s.text for s in self.spans if s.kind == "insert")

    @property
    def deleted(self) -> str:
        return "".join(s.text for s in self.spans if s.kind == "delete")


@dataclass(frozen=True)
class DocumentDiff:
    """One generated page compared between the base and the new profile."""

    key: str
    """`public/privacy.md`, `internal/roles.md` …"""
    title: str
    audience: str
    doc_id: str | None
    state: Literal["changed", "unchanged", "added", "removed"]
    hunks: tuple[Hunk, ...] = ()
    words_inserted: int = 0
    words_deleted: int = 0

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(sorted({r for h in self.hunks for r in h.requirements}))


@dataclass(frozen=True)
class Comparison:
    base_label: str
    new_label: str
    documents: tuple[DocumentDiff, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> tuple[DocumentDiff, ...]:
        return tuple(d for d in self.documents if d.state != "unchanged")


def tokens(text: str) -> list[str]:
    """Words (with inner apostrophes and hyphens), runs of whitespace, and single punctuation marks."""
    return _TOKEN.findall(text)


def word_spans(old: str, new: str) -> list[Span]:
    """`old` → `new` as equal / delete / insert spans of whole tokens."""
    a, b = tokens(old), tokens(new)
    spans: list[Span] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            spans.append(Span("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            spans.append(Span("delete", "".join(a[i1:i2])))
        if j2 > j1:
            spans.append(Span("insert", "".join(b[j1:j2])))
    return _grouped(_merged(spans))


def _grouped(spans: list[Span]) -> list[Span]:
    """Fold the single spaces and punctuation left equal between two changes into the change,
    so "[-day and night-]{+at any hour+}" reads as one edit instead of three."""
    out: list[Span] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if span.kind == "equal" and _is_glue(span.text) and out and out[-1].kind != "equal" \
                and index + 1 < len(spans) and spans[index + 1].kind != "equal":
            deleted = "".join(s.text for s in out[_run_start(out):] if s.kind == "delete")
            inserted = "".join(s.text for s in out[_run_start(out):] if s.kind == "insert")
            del out[_run_start(out):]
            out += [Span("delete", deleted + span.text), Span("insert", inserted + span.text)]
        else:
            out.append(span)
        index += 1
    return [s for s in _regroup(out) if s.text]


def _is_glue(text: str) -> bool:
    return len(text) <= 2 and not any(c.isalnum() for c in text)


def _run_start(spans: list[Span]) -> int:
    index = len(spans)
    while index > 0 and spans[index - 1].kind != "equal":
        index -= 1
    return index


def _regroup(spans: list[Span]) -> list[Span]:
    """Within each run of changes, all deletions first, then all insertions."""
    out: list[Span] = []
    run: list[Span] = []
    for span in [*spans, Span("equal", "")]:
        if span.kind != "equal":
            run.append(span)
            continue
        if run:
            out += [Span("delete", "".join(s.text for s in run if s.kind == "delete")),
                    Span("insert", "".join(s.text for s in run if s.kind == "insert"))]
            run = []
        out.append(span)
    return out


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and out[-1].kind == span.kind:
            out[-1] = Span(span.kind, out[-1].text + span.text)
        elif span.text:
            out.append(span)
    return out


def compare_text(old: str, new: str) -> list[Hunk]:
    """The hunks that turn `old` into `new` (none when they are equal)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    reqs_a, reqs_b = _clause_ids(a), _clause_ids(b)
    hunks = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before = "".join(a[max(0, i1 - CONTEXT_LINES):i1])
        after = "".join(a[i2:i2 + CONTEXT_LINES])
        spans = [Span("equal", before), *word_spans("".join(a[i1:i2]), "".join(b[j1:j2])), Span("equal", after)]
        touched = set().union(*reqs_a[i1:i2], *reqs_b[j1:j2])
        if not touched:  # a pure insertion between lines: the clause it lands in
            touched = set(reqs_b[j1 - 1]) if 0 < j1 <= len(reqs_b) else set()
        hunks.append(Hunk(i1 + 1, j1 + 1, tuple(_merged(spans)), tuple(sorted(touched))))
    return hunks


def _clause_ids(lines: list[str]) -> list[frozenset[str]]:
    """For each line, the requirement IDs of the clause blocks (`<div … data-req>`) around it."""
    stack: list[frozenset[str]] = []
    out: list[frozenset[str]] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("<div"):
            stack.append(frozenset(marked_ids(stripped)))
        out.append(frozenset().union(*stack) if stack else frozenset())
        if stripped.startswith("</div") and stack:
            stack.pop()
    return out


def compare_pages(base: Mapping[str, tuple[str, Page]], new: Mapping[str, tuple[str, Page]]) -> list[DocumentDiff]:
    """Every page of either side, keyed `audience/path`, in the new side's order (removed ones last)."""
    keys = [*new, *(k for k in base if k not in new)]
    diffs = []
    for key in keys:
        audience, page = new.get(key) or base[key]
        if key not in base:
            diffs.append(_whole(key, audience, page, "added"))
        elif key not in new:
            diffs.append(_whole(key, audience, page, "removed"))
        else:
            hunks = compare_text(base[key][1].markdown, page.markdown)
            state = "changed" if hunks else "unchanged"
            diffs.append(DocumentDiff(key, page.title, audience, page.doc_id, state, tuple(hunks),
                                      _words(h.inserted for h in hunks), _words(h.deleted for h in hunks)))
    return diffs


def _whole(key: str, audience: str, page: Page, state: Literal["added", "removed"]) -> DocumentDiff:
    kind = "insert" if state == "added" else "delete"
    hunk = Hunk(1, 1, (Span(kind, page.markdown),), tuple(sorted(marked_ids(page.markdown))))
    count = _words([page.markdown])
    return DocumentDiff(key, page.title, audience, page.doc_id, state, (hunk,),
                        count if state == "added" else 0, count if state == "removed" else 0)


def _words(texts: Iterable[str]) -> int:
    return sum(1 for text in texts for token in tokens(text) if token[0].isalnum() or token[0] == "_")


# -- text renderings -----------------------------------------------------------------------

def render_plain(hunk: Hunk) -> str:
    """`[-deleted-]{+inserted+}` markers (wdiff's convention), readable in any log."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[s.kind].format(s.text) for s in hunk.spans)


def render_rich(hunk: Hunk):
    """The hunk as a rich `Text`: deletions red and struck through, insertions green and underlined."""
    from rich.text import Text

    text = Text()
    styles = {"equal": "dim", "delete": "bold red strike", "insert": "bold green underline"}
    for span in hunk.spans:
        text.append(span.text, style=styles[span.kind])
    return text
