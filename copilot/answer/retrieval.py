"""Hybrid retrieval: dense search in Chroma plus BM25, fused by reciprocal rank, current over stale.

Archived and superseded documents never reach an answer unless the agent asks for history; among
equally good hits the newer document comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from copilot.answer.snapshot import Snapshot
from copilot.answer.text import COMMON_WORDS, tokenize
from copilot.answer.vocabulary import Vocabulary
from copilot.knowledge.embedder import Embedder
from copilot.knowledge.model import CURRENT, Chunk
from copilot.knowledge.store import ChunkStore

RRF_K = 60
COVERAGE_HITS = 3
MIN_COVERAGE = 0.3  # share of the question's weighted words found in the top hits
CONFIDENT_DENSE = 0.5  # above this similarity, low word coverage does not matter
DENSE_CANDIDATES = 30
LEXICAL_CANDIDATES = 30


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
    found: bool
    unknown: tuple[str, ...] = ()  # question words the documents never use
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)


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


def is_found(
    top_dense: float, word_coverage: float, unknown: tuple[str, ...], min_relevance: float
) -> bool:
    """Good enough to answer from: clearly similar; or similar enough, covering most of what was
    asked, and asking about nothing the documents never mention ("acupuncture", "wifi")."""
    if top_dense < min_relevance:
        return False
    if top_dense >= CONFIDENT_DENSE:
        return True
    return word_coverage >= MIN_COVERAGE and not unknown


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
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.vocabulary = vocabulary
        self.min_relevance = min_relevance
        self.domain_words = domain_words  # clinic vocabulary (drugs, insurers) not in every index

    def search(self, query: str, snapshot: Snapshot, include_archived: bool = False) -> Retrieval:
        """Rank the snapshot's chunks for ``query``."""
        expansions = self.vocabulary.expansions(query, known=snapshot.knows)
        expanded = self.vocabulary.expand(query, known=snapshot.knows)
        include_archived = include_archived or self.vocabulary.wants_archive(query)
        if not snapshot.chunks:
            return Retrieval(expanded, [], 0.0, 0.0, False, (), expansions)
        embedding = self.embedder.embed_query(expanded)
        dense = self.store.query(embedding, DENSE_CANDIDATES, generation=snapshot.generation)
        hits = rank_hits(
            snapshot, dense, snapshot.lexical_scores(tokenize(expanded)), include_archived
        )
        top_dense = max((h.dense for h in hits), default=0.0)
        weights = snapshot.query_weights(query, expansions, unknown=True)
        unknown = tuple(
            t
            for t in weights
            if t not in snapshot.df and t not in self.domain_words and t not in COMMON_WORDS
        )
        covered = coverage(weights, hits, snapshot)
        found = is_found(top_dense, covered, unknown, self.min_relevance)
        return Retrieval(expanded, hits, top_dense, covered, found, unknown, expansions)
