"""The grounding check: a draft's statements stand only where a retrieved passage backs them.

Every drafter's text goes through it before the claims policy. The draft is split into
statements; one is backed by a passage statement (or two neighbouring ones, with their heading)
that holds every number, time, phone and price it states, and most of its content words, or, for
a paraphrase, is close to it in meaning (the copilot's embedder). Backed statements are cited to
that passage, whatever marker the drafter wrote; unbacked ones are removed, and so are those
backed only by a passage that says the opposite (a negation the other lacks, in the clause they
share). A statement that an older version of a passage backs (a superseded or archived passage,
a current passage a newer one changed, or a statement of the past), stating a value the newer
version no longer gives (a time, day, price, phone, count, date or name), is replaced by the
newer statement, or removed when nothing current says it. When too little is backed the draft is
blocked. Thresholds and cues live in ``copilot/data/grounding.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from copilot.answer.drafters import Draft, renumber
from copilot.answer.recency import Recency, RecencyConfig
from copilot.answer.text import read_aloud, split_sentences, statements, tokenize
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


class Polarity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    negation_cues: str
    clause_breaks: str


class GroundingConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    passages: int
    min_word_share: float
    min_similarity: float
    min_priced_similarity: float
    min_kept_share: float
    generic_words: list[str]
    recency: RecencyConfig
    polarity: Polarity

    @classmethod
    def load(cls, path: Path = CONFIG_FILE) -> GroundingConfig:
        return load_model(path, cls)


def facts(text: str) -> frozenset[str]:
    """Every number, time, phone part and price in ``text``, normalised: "9 AM" and "9:00 am"
    are one time, "$14,900" and "14900" one number."""
    found = set()
    for match in _FACT.finditer(text):
        hour, minute, hour2, minute2, number = match.groups()
        if number is None:
            found.add(f"t{int(hour or hour2)}:{minute or minute2 or '00'}")
        else:
            value = number.replace(",", "").rstrip(".")
            value = value.removesuffix(".00") if "." in value else str(int(value))
            found.add(f"n{value}")
    return frozenset(found)


@dataclass(frozen=True)
class Claim:
    """One statement of a draft, without its citation markers."""

    text: str
    words: frozenset[str]  # content words
    facts: frozenset[str]
    cited: frozenset[int]  # the markers the drafter wrote (not trusted)
    priced: bool  # states a dollar amount: backed only by one statement naming that service

    @cached_property
    def said(self) -> frozenset[str]:
        return self.words | self.facts


@dataclass(frozen=True)
class Unit:
    """A passage statement (or two neighbouring ones) that may back a claim."""

    chunk: Chunk
    rank: int  # the chunk's place in the evidence
    text: str
    words: frozenset[str]  # with the heading's (and for a pair, the next statement's) words
    own: frozenset[str]  # the statement's own content words: its subject, for recency
    facts: frozenset[str]
    past: bool  # speaks of the past or forbids: never keeps a value current
    single: bool
    # a change table's row: the content words of its label, and the facts it says it replaced
    subject: frozenset[str] = frozenset()
    replaced: frozenset[str] = frozenset()

    @cached_property
    def said(self) -> frozenset[str]:
        return self.own | self.facts


@dataclass
class Grounding:
    """What the check kept: ``draft`` holds the backed statements, each cited to its passage."""

    draft: Draft
    statements: int
    removed: int  # all statements left out, the contradicted and the outdated ones included
    corrected: int
    blocked: bool
    contradicted: int = 0  # left out: only a passage saying the opposite was close to it
    outdated: int = 0  # left out: only an older version of a passage says it


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
        self.recency = Recency(self.config.recency, self._backs)
        self.past = self.recency.past
        self.negation = re.compile(self.config.polarity.negation_cues, re.IGNORECASE)
        self.clause_break = re.compile(self.config.polarity.clause_breaks, re.IGNORECASE)

    def content(self, text: str) -> frozenset[str]:
        """Its content words: no generic word, number or negation (polarity is read apart)."""
        return frozenset(
            t for t in tokenize(text) if t not in self.generic
            and not any(c.isdigit() for c in t) and not self.negation.search(t)
        )

    def claims(self, draft: Draft) -> list[Claim]:
        """The draft's statements: its sentences, also cut after every citation marker."""
        found = []
        for sentence in _segments(draft.text):
            bare = _MARKER.sub("", sentence).strip()
            if not bare:
                continue
            cited = frozenset(int(m) for m in _MARKER.findall(sentence))
            found.append(Claim(bare, self.content(bare), facts(bare), cited, "$" in bare))
        return found

    def units(self, chunks: Sequence[Chunk]) -> list[Unit]:
        found = []
        for rank, chunk in enumerate(chunks):
            parsed = _parsed(self, chunk.text, chunk.section)
            for index, (text, words, own, facts_, past, change) in enumerate(parsed):
                found.append(Unit(chunk, rank, text, words, own, facts_, past, True, *change))
                if index + 1 < len(parsed):
                    nxt = parsed[index + 1]
                    found.append(Unit(chunk, rank, f"{text} {nxt[0]}", words | nxt[1], own,
                                      facts_ | nxt[3], past or nxt[4], False))
        return found

    @lru_cache(maxsize=8)  # noqa: B019  (two per index generation; the check lives on)
    def _singles_of(self, chunks: tuple[Chunk, ...]) -> list[Unit]:
        """The single statements of ``chunks``: the retired passages, or the change tables'
        (remembered per generation)."""
        return [u for u in self.units(chunks) if u.single]

    def check(self, draft: Draft, chunks: Sequence[Chunk], vectors: Vectors | None = None,
              history: Sequence[Chunk] = (), changes: Sequence[Chunk] = ()) -> Grounding:
        """Keep, re-cite, correct or remove each statement of ``draft`` against ``chunks``;
        ``history`` holds the passages no answer may rest on (superseded and archived), which
        tell a statement of an older version from a current one; ``changes`` the current
        passages with a change table, whose rows retire their old values wherever said."""
        claims = self.claims(draft)
        units = self.units(chunks)
        singles = [u for u in units if u.single]
        retired = self._singles_of(tuple(history))
        rows = [u for u in self._singles_of(tuple(changes)) if u.replaced]
        passages: dict[str, list[Unit]] = {}
        for u in (*singles, *retired):
            passages.setdefault(u.chunk.id, []).append(u)
        cited = {i: draft.sources[i - 1] for c in claims for i in c.cited
                 if 0 < i <= len(draft.sources)}
        contrary: set[int] = set()
        backers: list[list[Unit]] = []  # per claim, the single statements that back it
        support = self._lexical(claims, units, cited, contrary, backers)
        if vectors is not None:
            self._semantic(claims, units, support, vectors, contrary)
        kept: list[tuple[str, Chunk, bool]] = []  # (text, passage, marker ends a run here)
        counts = {"removed": 0, "corrected": 0, "contradicted": 0, "outdated": 0}
        for index, (claim, unit) in enumerate(zip(claims, support, strict=True)):
            stale, newer = self.recency.stale(claim, unit, backers[index], singles, retired,
                                              passages, rows)
            if newer is not None:
                counts["corrected"] += 1
                text = read_aloud(newer.text)
                if all(t != text for t, _, _ in kept):
                    kept.append((text, newer.chunk, True))
            elif unit is None or stale:
                counts["removed"] += 1
                counts["outdated"] += stale
                counts["contradicted"] += not stale and index in contrary
            elif all(_flat(t) != _flat(claim.text) for t, _, _ in kept):  # said once
                kept.append((claim.text, unit.chunk, bool(claim.cited)))
        kept = _said_once(kept)
        backed = len(claims) - counts["removed"]
        blocked = not kept or backed < self.config.min_kept_share * len(claims)
        # (a change table's row from a passage not retrieved is cited too)
        chunks = [*chunks, *dict.fromkeys(c for _, c, _ in kept if c not in chunks)]
        grounded = renumber(_cite(kept, chunks), chunks)
        grounded.drafter = draft.drafter
        return Grounding(grounded, len(claims), blocked=blocked, **counts)

    # -- support -----------------------------------------------------------------------------
    def _share(self, claim: Claim, unit: Unit) -> float:
        """The share of the claim's words the unit says; for a price, the statement itself
        must say them (a heading or the next statement may be about another service)."""
        if not claim.words:
            return 1.0 if claim.facts else 0.0
        if claim.priced:
            return len(claim.words & unit.own) / len(claim.words) if unit.single else 0.0
        return len(claim.words & unit.words) / len(claim.words)

    def _negative(self, text: str, other: frozenset[str]) -> bool:
        """Whether ``text`` is negated where it meets ``other``: a negation cue in the clause
        sharing the most content words with it."""
        return max(_clauses(self, text), key=lambda clause: len(clause[0] & other))[1]

    def opposite(self, claim: Claim, unit: Unit) -> bool:
        """The claim and the passage statement differ in polarity ("is covered" against "is
        not covered", "refundable" against "cannot be refunded")."""
        return self._negative(claim.text, unit.words) != self._negative(unit.text, claim.words)

    def _backing(self, claim: Claim, unit: Unit, quoted: str | None = None
                 ) -> tuple[float, bool] | None:
        """Whether the unit says the claim in its words: (the share of its words, the same
        polarity) when the unit holds all its facts and most of its words (all of them when it
        quotes ``quoted``, the claim flattened, word for word); None when it does not."""
        if not claim.facts <= unit.facts:
            return None
        quotes = quoted is not None and quoted in _flat(unit.text)
        share = 1.0 if quotes else self._share(claim, unit)
        if share < self.config.min_word_share:
            return None
        return share, not self.opposite(claim, unit)

    def _backs(self, claim: Claim, unit: Unit) -> bool:
        """The unit says the claim in its words, with the same polarity (``_backing``)."""
        backing = self._backing(claim, unit)
        return backing is not None and backing[1]

    def _lexical(self, claims: list[Claim], units: list[Unit], cited: dict[int, Chunk],
                 contrary: set[int], backers: list[list[Unit]]) -> list[Unit | None]:
        """Per claim, the unit holding all its facts and most of its words with the same
        polarity (the cited passage first among equals: the one cited at the end of its
        statement when it has no marker of its own); a claim quoted word for word ("Yes.")
        is backed by its passage. ``contrary`` gets the claims only an opposite one held,
        ``backers`` each claim's backing single statements."""
        support: list[Unit | None] = []
        for index, claim in enumerate(claims):
            # A sentence without a marker is part of the statement the next marker cites.
            markers = next((c.cited for c in claims[index:] if c.cited), frozenset())
            own = {cited[i] for i in markers if i in cited}
            quoted = _flat(claim.text)
            best, key = None, None
            backers.append([])
            for unit in units:
                backing = self._backing(claim, unit, quoted)
                if backing is None:
                    continue
                share, same_polarity = backing
                if not same_polarity:
                    contrary.add(index)
                    continue
                if unit.single:
                    backers[index].append(unit)
                rank = (share, unit.chunk in own, unit.single, -unit.rank)
                if key is None or rank > key:
                    best, key = unit, rank
            if best is not None:
                contrary.discard(index)
            support.append(best)
        return support

    def _semantic(self, claims: list[Claim], units: list[Unit], support: list[Unit | None],
                  vectors: Vectors, contrary: set[int]) -> None:
        """Back the paraphrases left unbacked by the passage statement closest in meaning that
        holds all their facts and shares a content word, unless it says the opposite."""
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
            if similarity[best] < needed:
                continue
            if self.opposite(claim, options[best]):
                contrary.add(index)
            else:
                support[index] = options[best]
                contrary.discard(index)


@lru_cache(maxsize=4096)
def _parsed(check: GroundingCheck, text: str, section: str) -> tuple[tuple, ...]:
    """A chunk's statements with their words, facts, past cue and, for a change table's row,
    its label's words and the facts it replaced (remembered per text)."""
    around = check.content(section)
    parsed = []
    for statement in statements(text):
        said = " ".join((statement.text, *statement.items))  # with the list it announces
        own = check.content(said)
        words = own | check.content(statement.heading) | around
        # (the label's head names the subject: "Botox, self-pay" is Botox)
        change = (check.content(statement.label.split(",")[0]), facts(statement.replaced)) \
            if statement.replaced else ()
        parsed.append((statement.text, words, own, facts(said),
                       bool(check.past.search(statement.text)), change))
    return tuple(parsed)


@lru_cache(maxsize=8192)
def _clauses(check: GroundingCheck, text: str) -> tuple[tuple[frozenset[str], bool], ...]:
    """A statement's clauses, each with its content words and whether a negation cue is in it."""
    pieces = [p for p in check.clause_break.split(text) if p and p.strip()]
    return tuple((check.content(p), bool(check.negation.search(p))) for p in pieces) or (
        (frozenset(), False),)


def _said_once(kept: list[tuple[str, Chunk, bool]]) -> list[tuple[str, Chunk, bool]]:
    """``kept`` with a statement that another of its passage says within itself (a value
    corrected to a change's row, beside the list of changes holding the row) read as that
    other one, where it came first."""
    said: list[tuple[str, Chunk, bool]] = []
    for statement in kept:
        flat = _flat(statement[0])
        whole = next((o for o in kept if o[1] == statement[1] and flat in _flat(o[0])
                      and flat != _flat(o[0])), statement)
        if whole not in said:
            said.append(whole)
    return said


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
