"""The default drafter: no model, composes an answer from the best statements of the top sources.

Each candidate statement (a sentence, list item, script line or table row read as a sentence) is
scored by how much of the question it covers, weighted by how informative each word is, plus the
rank of its chunk. The best statements are read out answer-first, each tagged with its citation,
within a word budget. When two sources state the same thing with different numbers, only the newer
document's statement is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from copilot.answer.drafters import Draft, DraftRequest, register
from copilot.answer.retrieval import Hit
from copilot.answer.snapshot import Snapshot
from copilot.answer.text import Statement, statements, tokenize
from copilot.knowledge.model import Chunk

TOP_CHUNKS = 4
MIN_SHARE_OF_BEST = 0.45
DUPLICATE_OVERLAP = 0.7
CONFLICT_OVERLAP = 0.75
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Candidate:
    statement: Statement
    chunk: Chunk
    score: float
    tokens: frozenset[str]

    @property
    def words(self) -> int:
        return len(self.statement.text.split())


def _coverage(query: set[str], tokens: set[str], snapshot: Snapshot) -> float:
    total = sum(snapshot.weight(t) for t in query) or 1.0
    return sum(snapshot.weight(t) for t in query & tokens) / total


def score_candidates(
    query_tokens: set[str], hits: list[Hit], snapshot: Snapshot, top: int = TOP_CHUNKS
) -> list[Candidate]:
    """All statements of the top hits, best first (pure)."""
    candidates = []
    for rank, hit in enumerate(hits[:top]):
        prior = 1.0 / (1 + rank)
        for statement in statements(hit.chunk.text):
            tokens = set(tokenize(statement.text))
            heading = set(tokenize(statement.heading))
            cover = _coverage(query_tokens, tokens, snapshot)
            cover += 0.5 * _coverage(query_tokens, heading - tokens, snapshot)
            if not tokens or cover == 0:
                continue
            score = 0.65 * min(cover, 1.0) + 0.35 * prior
            candidates.append(Candidate(statement, hit.chunk, score, frozenset(tokens)))
    candidates.sort(key=lambda c: -c.score)
    return candidates


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def _words_only(tokens: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if not _NUMBER.search(t))


def conflicts(a: Candidate, b: Candidate) -> bool:
    """Two sources saying the same thing with different numbers (prices, times, dates)."""
    if a.chunk.source == b.chunk.source:
        return False
    words_a, words_b = _words_only(a.tokens), _words_only(b.tokens)
    shared = words_a & words_b
    if len(shared) < 3 or _overlap(words_a, words_b) < CONFLICT_OVERLAP:
        return False
    return (a.tokens - words_a) != (b.tokens - words_b)


def drop_stale_conflicts(candidates: list[Candidate]) -> list[Candidate]:
    """Keep only the newer document's statement wherever two documents conflict (pure)."""
    kept = []
    for candidate in candidates:
        newer_rival = any(
            conflicts(candidate, other) and other.chunk.last_updated > candidate.chunk.last_updated
            for other in candidates
        )
        if not newer_rival:
            kept.append(candidate)
    return kept


def select(candidates: list[Candidate], max_words: int) -> list[Candidate]:
    """Greedy pick: the best statement, then others close to it that add something new."""
    if not candidates:
        return []
    best = candidates[0].score
    chosen: list[Candidate] = []
    words = 0
    for candidate in candidates:
        if candidate.score < best * MIN_SHARE_OF_BEST:
            break
        if any(_overlap(candidate.tokens, c.tokens) >= DUPLICATE_OVERLAP for c in chosen):
            continue
        if chosen and words + candidate.words > max_words:
            continue
        chosen.append(candidate)
        words += candidate.words
    return chosen


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":", '"', "”")) else text + "."


@register
class GroundedDrafter:
    """Composes a short, cited, read-aloud answer from the documents alone."""

    name = "grounded"

    def __init__(
        self, max_words: int = 120, screen: Callable[[str], bool] | None = None, **_: object
    ) -> None:
        self.max_words = max_words
        self.screen = screen or (lambda _text: True)

    def draft(self, request: DraftRequest) -> Draft:
        query_tokens = set(tokenize(request.query or request.question))
        candidates = score_candidates(query_tokens, request.hits, request.snapshot)
        candidates = [c for c in candidates if self.screen(c.statement.text)]
        chosen = select(drop_stale_conflicts(candidates), self.max_words)
        sources: list[Chunk] = []
        sentences = []
        for candidate in chosen:
            if candidate.chunk not in sources:
                sources.append(candidate.chunk)
            marker = sources.index(candidate.chunk) + 1
            sentences.append(f"{_sentence(candidate.statement.text)} [{marker}]")
        return Draft(" ".join(sentences), sources, self.name)
