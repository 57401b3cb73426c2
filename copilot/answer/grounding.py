"""The grounding check: a draft's statements stand only where a retrieved passage backs them.

Every drafter's text goes through it before the claims policy. The draft is split into
statements; one is backed by a passage statement (or two neighbouring ones, with their heading)
that holds every number, time, phone and price it states, and most of its content words, or, for
a paraphrase, is close to it in meaning (the copilot's embedder). Backed statements are cited to
that passage, whatever marker the drafter wrote; unbacked ones are removed; a statement whose
times a newer passage changed (and no passage as new still gives) is replaced by the newer one.
When too little is backed the draft is blocked. Thresholds live in ``copilot/data/grounding.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from copilot.answer.drafters import Draft, renumber
from copilot.answer.text import split_sentences, statements, tokenize
from copilot.knowledge.model import Chunk
from guardrails.data import load_model

CONFIG_FILE = Path(__file__).resolve().parent.parent / "data" / "grounding.yaml"
Vectors = Callable[[list[str]], np.ndarray]  # texts -> unit vectors (the claims check's cache)

_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
_CITED_END = re.compile(r"\[\d{1,2}\][.!?]?(?=\s+[\"“(]?[A-Z0-9$])")  # "... [2] Next" ends a claim
_SPACE = re.compile(r"\s+")
_FACT = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"  # 9 AM, 9:00 PM
    r"|\b(\d{1,2}):(\d{2})\b"  # 1:00 (in "1:00 – 5:00 PM")
    r"|(\d[\d,]*(?:\.\d+)?)",  # 14,900 · 555 · 2025
    re.IGNORECASE,
)


class Recency(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shared_words: int
    overlap: float
    past_cues: str


class GroundingConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    passages: int
    min_word_share: float
    min_similarity: float
    min_priced_similarity: float
    min_kept_share: float
    generic_words: list[str]
    recency: Recency

    @classmethod
    def load(cls, path: Path = CONFIG_FILE) -> GroundingConfig:
        return load_model(path, cls)


def facts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(every number, time, phone part and price in ``text``; its times alone), normalised:
    "9 AM" and "9:00 am" are one time, "$14,900" and "14900" one number."""
    found, times = set(), set()
    for match in _FACT.finditer(text):
        hour, minute, hour2, minute2, number = match.groups()
        if number is None:
            time = f"t{int(hour or hour2)}:{minute or minute2 or '00'}"
            found.add(time)
            times.add(time)
        else:
            value = number.replace(",", "").rstrip(".")
            value = value.removesuffix(".00") if "." in value else str(int(value))
            found.add(f"n{value}")
    return frozenset(found), frozenset(times)


@dataclass(frozen=True)
class Claim:
    """One statement of a draft, without its citation markers."""

    text: str
    words: frozenset[str]  # content words
    facts: frozenset[str]
    times: frozenset[str]
    cited: frozenset[int]  # the markers the drafter wrote (not trusted)
    priced: bool  # states a dollar amount: backed only by one statement naming that service


@dataclass(frozen=True)
class Unit:
    """A passage statement (or two neighbouring ones) that may back a claim."""

    chunk: Chunk
    rank: int  # the chunk's place in the evidence
    text: str
    words: frozenset[str]  # with the heading's (and for a pair, the next statement's) words
    own: frozenset[str]  # the statement's own content words: its subject, for recency
    facts: frozenset[str]
    times: frozenset[str]
    past: bool  # speaks of the past or forbids: never keeps a time current
    single: bool


@dataclass
class Grounding:
    """What the check kept: ``draft`` holds the backed statements, each cited to its passage."""

    draft: Draft
    statements: int
    removed: int
    corrected: int
    blocked: bool


def evidence(draft: Draft, hits: Sequence[Chunk], passages: int) -> list[Chunk]:
    """The passages a draft may rest on: its own sources, then the top retrieved ones."""
    found: list[Chunk] = []
    for chunk in [*draft.sources, *hits[:passages]]:
        if chunk not in found:
            found.append(chunk)
    return found


class GroundingCheck:
    """Checks drafts against their evidence (pure apart from the optional ``vectors``)."""

    def __init__(self, config: GroundingConfig | None = None) -> None:
        self.config = config or GroundingConfig.load()
        self.generic = frozenset(tokenize(" ".join(self.config.generic_words)))
        self.past = re.compile(self.config.recency.past_cues, re.IGNORECASE)

    def content(self, text: str) -> frozenset[str]:
        return frozenset(
            t for t in tokenize(text) if t not in self.generic and not any(c.isdigit() for c in t)
        )

    def claims(self, draft: Draft) -> list[Claim]:
        """The draft's statements: its sentences, also cut after every citation marker."""
        found = []
        for sentence in _segments(draft.text):
            bare = _MARKER.sub("", sentence).strip()
            if not bare:
                continue
            facts_, times = facts(bare)
            cited = frozenset(int(m) for m in _MARKER.findall(sentence))
            found.append(Claim(bare, self.content(bare), facts_, times, cited, "$" in bare))
        return found

    def units(self, chunks: Sequence[Chunk]) -> list[Unit]:
        found = []
        for rank, chunk in enumerate(chunks):
            parsed = _parsed(self, chunk.text, chunk.section)
            for index, (text, words, own, facts_, times, past) in enumerate(parsed):
                found.append(Unit(chunk, rank, text, words, own, facts_, times, past, True))
                if index + 1 < len(parsed):
                    nxt = parsed[index + 1]
                    found.append(Unit(chunk, rank, f"{text} {nxt[0]}", words | nxt[1], own,
                                      facts_ | nxt[3], times | nxt[4], past or nxt[5], False))
        return found

    def check(self, draft: Draft, chunks: Sequence[Chunk], vectors: Vectors | None = None
              ) -> Grounding:
        """Keep, re-cite, correct or remove each statement of ``draft`` against ``chunks``."""
        claims = self.claims(draft)
        units = self.units(chunks)
        singles = [u for u in units if u.single]
        cited = {i: draft.sources[i - 1] for c in claims for i in c.cited
                 if 0 < i <= len(draft.sources)}
        support = self._lexical(claims, units, cited)
        if vectors is not None:
            self._semantic(claims, units, support, vectors)
        kept: list[tuple[str, Chunk, bool]] = []  # (text, passage, marker ends a run here)
        removed = corrected = 0
        for claim, unit in zip(claims, support, strict=True):
            if unit is None:
                removed += 1
                continue
            newer = self._stale(claim, singles)
            if newer is not None:
                corrected += 1
                text = _as_sentence(newer.text)
                if any(t == text for t, _, _ in kept):
                    continue
                kept.append((text, newer.chunk, True))
            else:
                kept.append((claim.text, unit.chunk, bool(claim.cited)))
        backed = len(claims) - removed
        blocked = not kept or backed < self.config.min_kept_share * len(claims)
        grounded = renumber(_cite(kept, chunks), chunks)
        grounded.drafter = draft.drafter
        return Grounding(grounded, len(claims), removed, corrected, blocked)

    # -- support -----------------------------------------------------------------------------
    def _share(self, claim: Claim, unit: Unit) -> float:
        """The share of the claim's words the unit says; for a price, the statement itself
        must say them (a heading or the next statement may be about another service)."""
        if not claim.words:
            return 1.0 if claim.facts else 0.0
        if claim.priced:
            return len(claim.words & unit.own) / len(claim.words) if unit.single else 0.0
        return len(claim.words & unit.words) / len(claim.words)

    def _lexical(self, claims: list[Claim], units: list[Unit], cited: dict[int, Chunk]
                 ) -> list[Unit | None]:
        """Per claim, the unit holding all its facts and most of its words (the cited passage
        first among equals); a claim quoted word for word ("Yes.") is backed by its passage."""
        support: list[Unit | None] = []
        for claim in claims:
            own = {cited[i] for i in claim.cited if i in cited}
            quoted = _flat(claim.text)
            best, key = None, None
            for unit in units:
                if not claim.facts <= unit.facts:
                    continue
                share = 1.0 if quoted in _flat(unit.text) else self._share(claim, unit)
                if share < self.config.min_word_share:
                    continue
                rank = (share, unit.chunk in own, unit.single, -unit.rank)
                if key is None or rank > key:
                    best, key = unit, rank
            support.append(best)
        return support

    def _semantic(self, claims: list[Claim], units: list[Unit], support: list[Unit | None],
                  vectors: Vectors) -> None:
        """Back the paraphrases left unbacked by the passage statement closest in meaning that
        holds all their facts and shares a content word."""
        for index, claim in enumerate(claims):
            if support[index] is not None or not claim.words:
                continue
            options = [u for u in units if u.single and claim.facts <= u.facts
                       and claim.words & u.words]
            if not options:
                continue
            matrix = vectors([claim.text, *(u.text for u in options)])
            similarity = matrix[1:] @ matrix[0]
            best = int(np.argmax(similarity))
            needed = (self.config.min_priced_similarity if claim.priced
                      else self.config.min_similarity)
            if similarity[best] >= needed:
                support[index] = options[best]

    # -- recency -----------------------------------------------------------------------------
    def _same_subject(self, claim: frozenset[str], other: frozenset[str]) -> bool:
        """``other`` says most of what the claim is about."""
        shared = len(claim & other)
        recency = self.config.recency
        return shared >= recency.shared_words and shared >= recency.overlap * len(claim)

    def _stale(self, claim: Claim, singles: list[Unit]) -> Unit | None:
        """The newer passage statement that changed this claim's times, if no passage as new
        still gives them; None when the claim is current (or states no time)."""
        if not claim.times or self.past.search(claim.text):
            return None
        same = [u for u in singles if not u.past and self._same_subject(claim.words, u.own)]
        rivals = [u for u in same if u.times and not u.times & claim.times]
        if not rivals:
            return None
        rival_times = frozenset().union(*(u.times for u in rivals))
        backers = [u for u in same if claim.times <= u.times and not u.times & rival_times]
        newest = max(u.chunk.last_updated for u in rivals)
        if backers and max(u.chunk.last_updated for u in backers) >= newest:
            return None
        latest = [u for u in rivals if u.chunk.last_updated == newest]
        return max(latest, key=lambda u: (len(claim.words & u.own), -u.rank))


@lru_cache(maxsize=4096)
def _parsed(check: GroundingCheck, text: str, section: str
            ) -> tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str],
                             frozenset[str], bool], ...]:
    """A chunk's statements with their words, facts and past cue (remembered per text)."""
    around = check.content(section)
    parsed = []
    for statement in statements(text):
        own = check.content(statement.text)
        facts_, times = facts(statement.text)
        words = own | check.content(statement.heading) | around
        parsed.append((statement.text, words, own, facts_, times,
                       bool(check.past.search(statement.text))))
    return tuple(parsed)


def _segments(text: str) -> list[str]:
    pieces, start = [], 0
    for end in _CITED_END.finditer(text):
        pieces.append(text[start : end.end()])
        start = end.end()
    pieces.append(text[start:])
    return [s for piece in pieces for s in split_sentences(piece)]


@lru_cache(maxsize=8192)
def _flat(text: str) -> str:
    """Lower case, single spaces, no quotes or final stop: for word-for-word comparison."""
    return _SPACE.sub(" ", text.lower().replace('"', "").replace("“", "").replace("”", "")
                      ).strip().rstrip(".")


def _as_sentence(text: str) -> str:
    text = text.strip().rstrip(";,")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", '"', "”")) else text + "."


def _cite(kept: list[tuple[str, Chunk, bool]], chunks: Sequence[Chunk]) -> str:
    """The kept statements with a marker wherever the drafter had one, or the passage
    changes, or the answer ends."""
    parts = []
    for index, (text, chunk, marked) in enumerate(kept):
        following = kept[index + 1][1] if index + 1 < len(kept) else None
        if marked or following is not chunk:
            text = f"{text} [{chunks.index(chunk) + 1}]"
        parts.append(text)
    return " ".join(parts)
