"""Find documents that a newer document explicitly replaces, and mark them ``superseded``.

A current document X is superseded by a newer document Y (by ``last_updated``) when a sentence of
Y says X is replaced, superseded, discontinued, retired… and points at X: a link to X's path, X's
path or title written out, or X's date. The wording lives in ``copilot/data/supersession.yaml``.
Direction matters: "Y replaces X" names X after the verb; "X was replaced" or "X is discontinued"
names it before. Documents that are only linked or mentioned ("this update changes the schedule")
stay current; archived documents stay archived. When several documents retire X, the earliest one
(the one that actually did it) is recorded in ``superseded_by``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from copilot.knowledge.model import ARCHIVED, CURRENT, SUPERSEDED, Document
from guardrails.data import StrictModel, load_model
from guardrails.document_dates import find_dates
from guardrails.text import alternation

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "supersession.yaml"
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_WORD = re.compile(r"[a-z0-9']+")
_MIN_TITLE_CHARS = 12


class SupersessionWords(StrictModel):
    """The vocabulary that signals a document is retired (see the YAML file for the grammar)."""

    replace_verbs: tuple[str, ...]
    retired_states: tuple[str, ...]
    passive_markers: frozenset[str]
    negations: frozenset[str]
    negation_window: int

    @property
    def pattern(self) -> re.Pattern[str]:
        """One case-insensitive regex matching any retiring word or phrase."""
        return _phrase_pattern(self.replace_verbs + self.retired_states)


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(phrases)})\b", re.I)


@lru_cache(maxsize=1)
def load_words(path: Path = WORDS_FILE) -> SupersessionWords:
    """Read the supersession vocabulary from YAML."""
    return load_model(path, SupersessionWords)


@dataclass(frozen=True)
class _Cue:
    """A retiring word in a clause and the side of it where the retired document is named."""

    start: int
    end: int
    names_after: bool


def _cues(clause: str, words: SupersessionWords) -> list[_Cue]:
    lowered = clause.lower()
    cues: list[_Cue] = []
    for match in words.pattern.finditer(lowered):
        before = _WORD.findall(lowered[: match.start()])
        if set(before[-words.negation_window :]) & words.negations:
            continue
        passive = bool(set(before[-2:]) & words.passive_markers) or bool(
            re.match(r"\s+by\b", lowered[match.end() :])
        )
        active = match.group() in words.replace_verbs and not passive
        cues.append(_Cue(match.start(), match.end(), names_after=active))
    return cues


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 and not w.isdigit()}


def _references(
    clause: str, writer: Document, others: list[Document]
) -> list[tuple[int, Document]]:
    """(position, document) for every other document the clause points at."""
    by_source = {doc.source: doc for doc in others}
    found: list[tuple[int, Document]] = []
    folder = posixpath.dirname(writer.source)
    for match in _LINK.finditer(clause):
        target = re.split(r"[#?]", match.group(1))[0]
        base = "" if target.startswith("/") else folder  # "/x.md" is relative to the knowledge root
        resolved = posixpath.normpath(posixpath.join(base, target.lstrip("/"))) if target else ""
        if resolved in by_source:
            found.append((match.start(), by_source[resolved]))
    lowered = clause.lower()
    for doc in others:
        for name in (doc.source, doc.title if len(doc.title) >= _MIN_TITLE_CHARS else ""):
            position = lowered.find(name.lower()) if " " in name or "/" in name else -1
            if position >= 0:
                found.append((position, doc))
    for mention in find_dates(clause):
        day = mention.value.isoformat()
        dated = [doc for doc in others if doc.last_updated == day]
        if len(dated) > 1:
            words = _content_words(clause)
            dated = [d for d in dated if _content_words(f"{d.title} {d.source}") & words]
        if len(dated) == 1:
            found.append((mention.start, dated[0]))
    return found


def _retired_by(writer: Document, others: list[Document], words: SupersessionWords) -> set[str]:
    """Sources of the documents that ``writer`` says are replaced or retired."""
    retired: set[str] = set()
    for page in writer.pages:
        if not words.pattern.search(page.text):
            continue
        for clause in _CLAUSE_END.split(page.text.replace("**", "").replace("__", "")):
            cues = _cues(clause, words)
            if not cues:
                continue
            for position, doc in _references(clause, writer, others):
                if any(
                    (position >= c.end) if c.names_after else (position < c.start) for c in cues
                ):
                    retired.add(doc.source)
    return retired


def mark_superseded(docs: list[Document]) -> None:
    """Set ``status``/``superseded_by`` on current documents that a newer document retires.

    Idempotent: documents marked by an earlier call are re-evaluated from scratch.
    """
    words = load_words()
    for doc in docs:
        if doc.status == SUPERSEDED:
            doc.status, doc.superseded_by = CURRENT, ""
    dated = sorted((d for d in docs if d.last_updated[:4].isdigit()), key=lambda d: d.last_updated)
    for writer in dated:
        if writer.status == ARCHIVED:
            continue
        older = [d for d in dated if d.last_updated < writer.last_updated and d is not writer]
        for source in sorted(_retired_by(writer, older, words)):
            target = next(d for d in older if d.source == source)
            if target.status == CURRENT:  # the earliest retiring document wins
                target.status, target.superseded_by = SUPERSEDED, writer.source
