"""Hybrid retrieval: dense search in Chroma plus BM25, fused by reciprocal rank, current over stale.

Archived and superseded documents never reach an answer unless the agent asks for history; among
equally good hits the newer document comes first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from copilot.answer.decision import CoverageModel, Outcome
from copilot.answer.snapshot import Snapshot
from copilot.answer.text import COMMON_WORDS, statements, tokenize
from copilot.answer.vocabulary import Vocabulary
from copilot.knowledge.embedder import Embedder
from copilot.knowledge.model import CURRENT, Chunk
from copilot.knowledge.store import ChunkStore

RRF_K = 60
COVERAGE_HITS = 3
AGREEMENT_TOP = 3
DENSE_CANDIDATES = 30
LEXICAL_CANDIDATES = 30
SPELLING_MIN_LETTERS = 4  # shorter unknown words are left alone ("hw", "pt")
SPELLING_CUTOFF = 0.8  # difflib similarity a correction needs
_WORD = re.compile(r"[a-z][a-z'-]*", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """A ranked chunk with the evidence behind its rank."""

    chunk: Chunk
    score: float  # fused reciprocal-rank score
    dense: float  # cosine similarity to the query (0 when not among the dense candidates)
    lexical: float  # BM25 score relative to the best lexical hit, 0..1


@dataclass(frozen=True)
class Retrieval:
    """What a search found, and whether it is good enough to answer from."""

    query: str  # the query as searched (shorthand expanded)
    hits: list[Hit]
    top_dense: float
    coverage: float  # weighted share of the question's words that the top hits contain
    found: bool  # the outcome is "answered"
    unknown: tuple[str, ...] = ()  # question words the documents never use
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outcome: Outcome = "not_covered"
    confidence: float = 0.0  # the coverage model's probability that the hits answer the question
    signals: dict[str, float] = field(default_factory=dict)


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Fuse ranked id lists: each list gives an id ``1 / (k + rank)``."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, chunk_id in enumerate(ranking, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (k + rank)
    return fused


def usable(chunk: Chunk, include_archived: bool) -> bool:
    """Archived and superseded chunks are used only when the agent asks for history."""
    return include_archived or chunk.status == CURRENT


def rank_hits(
    snapshot: Snapshot,
    dense: list[tuple[str, float]],
    lexical_scores: list[float],
    include_archived: bool = False,
) -> list[Hit]:
    """Fuse dense and lexical evidence into one ranking of usable chunks (pure)."""
    dense = [(i, s) for i, s in dense if i in snapshot.by_id]
    dense_ranking = [i for i, _ in sorted(dense, key=lambda pair: -pair[1])]
    lexical_order = sorted(
        (i for i, s in enumerate(lexical_scores) if s > 0), key=lambda i: -lexical_scores[i]
    )[:LEXICAL_CANDIDATES]
    lexical_ranking = [snapshot.chunks[i].id for i in lexical_order]
    fused = reciprocal_rank_fusion([dense_ranking, lexical_ranking])
    best_lexical = max(lexical_scores, default=0.0) or 1.0
    lexical_by_id = {snapshot.chunks[i].id: lexical_scores[i] / best_lexical for i in lexical_order}
    dense_by_id = dict(dense)
    hits = [
        Hit(snapshot.by_id[i], score, dense_by_id.get(i, 0.0), lexical_by_id.get(i, 0.0))
        for i, score in fused.items()
        if usable(snapshot.by_id[i], include_archived)
    ]
    # Best fused score first; on (near) ties the newer document wins.
    hits.sort(key=lambda h: (-round(h.score, 4), _negated_date(h.chunk.last_updated)))
    return hits


def coverage(weights: dict[str, float], hits: list[Hit], snapshot: Snapshot) -> float:
    """Weighted share of the question's words that occur in the top hits (pure)."""
    seen: set[str] = set()
    for hit in hits[:COVERAGE_HITS]:
        seen |= snapshot.tokens[hit.chunk.id]
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in seen) / total if total else 0.0


@lru_cache(maxsize=8192)
def statement_tokens(chunk_text: str) -> tuple[frozenset[str], ...]:
    """The token set of each statement of a chunk (remembered: chunks recur across questions)."""
    return tuple(frozenset(tokenize(s.text)) for s in statements(chunk_text))


def best_statement(weights: dict[str, float], hits: list[Hit]) -> float:
    """Weighted share of the question's words that the single best statement of the top hits
    contains: one statement that speaks to the whole question, not words scattered over
    passages (pure)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    best = 0.0
    for hit in hits[:COVERAGE_HITS]:
        for tokens in statement_tokens(hit.chunk.text):
            best = max(best, sum(w for t, w in weights.items() if t in tokens) / total)
    return best


def agreement(
    dense: list[tuple[str, float]], lexical_scores: list[float], snapshot: Snapshot
) -> float:
    """Share of the dense top few that BM25 also ranks in its top few (pure)."""
    dense_top = [i for i, _ in sorted(dense, key=lambda pair: -pair[1])[:AGREEMENT_TOP]]
    lexical_top = sorted(
        (i for i, s in enumerate(lexical_scores) if s > 0), key=lambda i: -lexical_scores[i]
    )[:AGREEMENT_TOP]
    both = set(dense_top) & {snapshot.chunks[i].id for i in lexical_top}
    return len(both) / AGREEMENT_TOP


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def spelling_index(words: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each word and each of its one-letter deletions -> the words they come from: a candidate
    lookup for one slip (missing, extra, wrong or swapped letter) without scanning every word."""
    index: dict[str, set[str]] = {}
    for word in words:
        if len(word) >= SPELLING_MIN_LETTERS:
            for key in (word, *_deletes(word)):
                index.setdefault(key, set()).add(word)
    return {key: frozenset(found) for key, found in index.items()}


def spelled(query: str, index: dict[str, frozenset[str]], skip: frozenset[str]) -> str:
    """The query with words the documents never use replaced by the documents' closest word
    ("freezng" -> "freezing"); short words and words in ``skip`` are left as typed (pure)."""

    def fix(match: re.Match) -> str:
        word = match.group(0)
        lowered = word.lower()
        known = lowered in index.get(lowered, ())
        if len(lowered) < SPELLING_MIN_LETTERS or known or lowered in skip:
            return word
        candidates: set[str] = set()
        for key in (lowered, *_deletes(lowered)):
            candidates |= index.get(key, frozenset())
        close = difflib.get_close_matches(lowered, sorted(candidates), n=1, cutoff=SPELLING_CUTOFF)
        return close[0] if close else word

    return _WORD.sub(fix, query)


def _negated_date(iso_date: str) -> str:
    """Sort key that puts newer ISO dates first (and undated last)."""
    digits = "".join(ch for ch in iso_date if ch.isdigit()).ljust(8, "0")
    return "".join(str(9 - int(ch)) for ch in digits)


class Retriever:
    """Searches one snapshot of the index with the agents' shorthand expanded."""

    def __init__(
        self,
        store: ChunkStore,
        embedder: Embedder,
        vocabulary: Vocabulary,
        min_relevance: float,
        domain_words: frozenset[str] = frozenset(),
        decision: CoverageModel | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.vocabulary = vocabulary
        self.min_relevance = min_relevance  # below this dense similarity nothing is covered
        self.domain_words = domain_words  # clinic vocabulary (drugs, insurers) not in every index
        self.decision = decision or CoverageModel.load()
        self._skip_spelling = frozenset(vocabulary.abbreviations) | domain_words
        self._spelling: tuple[str | None, dict[str, frozenset[str]]] = ("", {})

    def _spelling_index(self, snapshot: Snapshot) -> dict[str, frozenset[str]]:
        """The snapshot's spelling index, built once per index generation."""
        generation, index = self._spelling
        if generation != snapshot.generation or not index:
            index = spelling_index(snapshot.words)
            self._spelling = (snapshot.generation, index)
        return index

    def search(self, query: str, snapshot: Snapshot, include_archived: bool = False) -> Retrieval:
        """Rank the snapshot's chunks for ``query`` and decide whether they cover it."""
        query = spelled(query, self._spelling_index(snapshot), self._skip_spelling)
        expansions = self.vocabulary.expansions(query, known=snapshot.knows)
        expanded = self.vocabulary.expand(query, known=snapshot.knows)
        include_archived = include_archived or self.vocabulary.wants_archive(query)
        if not snapshot.chunks:
            return Retrieval(expanded, [], 0.0, 0.0, False, (), expansions)
        embedding = self.embedder.embed_query(expanded)
        dense = self.store.query(embedding, DENSE_CANDIDATES, generation=snapshot.generation)
        lexical = snapshot.lexical_scores(tokenize(expanded))
        hits = rank_hits(snapshot, dense, lexical, include_archived)
        top_dense = max((h.dense for h in hits), default=0.0)
        weights = snapshot.query_weights(query, expansions, unknown=True)
        unknown = tuple(
            t
            for t in weights
            if t not in snapshot.df and t not in self.domain_words and t not in COMMON_WORDS
        )
        covered = coverage(weights, hits, snapshot)
        total = sum(weights.values()) or 1.0
        signals = {
            "dense": top_dense,
            "coverage": covered,
            "unknown": sum(weights[t] for t in unknown) / total,
            "agreement": agreement(dense, lexical, snapshot),
            "statement": best_statement(weights, hits),
        }
        confidence = self.decision.probability(signals)
        outcome = (
            self.decision.outcome(confidence)
            if top_dense >= self.min_relevance
            else ("not_covered")
        )
        return Retrieval(
            expanded,
            hits,
            top_dense,
            covered,
            outcome == "answered",
            unknown,
            expansions,
            outcome,
            confidence,
            signals,
        )
