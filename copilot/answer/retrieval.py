"""Hybrid retrieval: dense search in Chroma plus BM25, fused by reciprocal rank, current over stale.

Archived and superseded documents never reach an answer unless the agent asks for history; among
equally good hits the newer document comes first. Whether the hits cover the question is decided
by ``copilot.answer.decision`` from the signals measured here and those
``copilot.answer.question`` reads from the question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from copilot.answer.decision import CoverageRule, Outcome
from copilot.answer.question import Days, QuestionReader, Tagger, WordKinds
from copilot.answer.routes import Route
from copilot.answer.snapshot import Snapshot
from copilot.answer.text import tokenize
from copilot.answer.vocabulary import Vocabulary, with_expansions
from copilot.knowledge.embedder import Embedder
from copilot.knowledge.model import CURRENT, Chunk
from copilot.knowledge.store import ChunkStore

RRF_K = 60
# The lexical list's weight in the fusion: a passage only BM25 finds (the rare words of an
# "attorney … subpoena" question in a routing table's row, which MiniLM ranks below 30 others)
# still reaches the top. Chosen on the project's own suites (cases passed 173 -> 176 of 196 and
# hit@1 137 -> 140 from 1.0 to 1.45-1.6, 172 at 1.3), never on the dev sets.
LEXICAL_WEIGHT = 1.5
COVERAGE_HITS = 3
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
    outcome: Outcome
    topics: tuple[str, ...] = ()  # topic words of the question that the documents never use
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unasked: tuple[str, ...] = ()  # what is asked (an amount of, or to have): not in the documents
    unread: float = 0.0  # share of the question's words the copilot cannot read (see coverage.yaml)
    routing: tuple[str, ...] = ()  # the policy's routing that answers it (an urgent symptom)

    @property
    def found(self) -> bool:
        """True when the hits answer the question (drafting from them is allowed)."""
        return self.outcome == "answered"


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K,
                           weights: tuple[float, ...] = ()) -> dict[str, float]:
    """Fuse ranked id lists: each list gives an id ``weight / (k + rank)`` (weight 1 unless
    ``weights`` says otherwise)."""
    fused: dict[str, float] = {}
    for index, ranking in enumerate(rankings):
        weight = weights[index] if index < len(weights) else 1.0
        for rank, chunk_id in enumerate(ranking, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (k + rank)
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
    fused = reciprocal_rank_fusion([dense_ranking, lexical_ranking], weights=(1.0, LEXICAL_WEIGHT))
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
        word_kinds: WordKinds,
        tagger: Tagger,
        rule: CoverageRule | None = None,
        days: Days | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.vocabulary = vocabulary
        self.min_relevance = min_relevance
        self.reader = QuestionReader(word_kinds, tagger, rule, days)
        self.rule = self.reader.rule

    def search(self, query: str, snapshot: Snapshot, include_archived: bool = False) -> Retrieval:
        """Rank the snapshot's chunks for ``query`` and decide whether they cover it."""
        reader = self.reader
        expansions = self.vocabulary.expansions(query, known=snapshot.knows)
        expansions |= reader.spelled(query, snapshot, set(expansions))
        expansions |= reader.said_otherwise(query, snapshot, set(expansions))
        expansions |= reader.misspelled(query, snapshot, set(expansions))
        expansions |= reader.priced(query, snapshot, set(expansions))
        expanded = with_expansions(query, expansions)
        urgent = snapshot.checker.urgent(query)
        # A question whose answer is a routing the policy prescribes (red-flag symptoms, a dose
        # or a medicine): search for that routing too; it is always covered.
        routing = [urgent.text] if urgent else [
            note.text for note in snapshot.checker.required_notes(query) if note.answers]
        # ... or a third party whom the documents' routing tables route ("reporter from …")
        # (an insurer's brand read as the insurer it is: for who calls, not for what is asked,
        # where the brand itself decides: "are we in network with <brand>")
        insurers = self.vocabulary.insurers(snapshot.allowlist.insurers_named(query))
        if not routing and (route := self.caller_route(query, snapshot, insurers)):
            routing = [route.statement.text]
        if routing:
            expanded = " ".join([expanded, *routing])
        include_archived = include_archived or self.vocabulary.wants_archive(query)
        if not snapshot.chunks:
            return Retrieval(expanded, [], 0.0, 0.0, "not_covered", (), expansions)
        embedding = self.embedder.embed_query(expanded)
        dense = self.store.query(embedding, DENSE_CANDIDATES, generation=snapshot.generation)
        hits = rank_hits(
            snapshot, dense, snapshot.lexical_scores(snapshot.searchable(tokenize(expanded))),
            include_archived,
        )
        top_dense = max((h.dense for h in hits), default=0.0)
        covered = coverage(reader.coverage_weights(query, snapshot, expansions), hits, snapshot)
        shorthand = set(expansions)
        topics = reader.topics(query, snapshot, shorthand)
        unasked = reader.unasked(query, snapshot, shorthand)
        unread = reader.unread(query, snapshot, shorthand)
        outcome = "answered" if routing else self.rule.decide(
            top_dense, covered, topics, self.min_relevance, unasked, unread
        )
        return Retrieval(expanded, hits, top_dense, covered, outcome, topics, expansions, unasked,
                         unread, tuple(routing))

    def caller_route(self, query: str, snapshot: Snapshot,
                     expansions: dict[str, tuple[str, ...]]) -> Route | None:
        """The routing row for the third party the query opens with, if any, read with what
        the words of ``expansions`` stand for (an insurer's brand: "humana rep"); by meaning:
        none without the snapshot's embedder."""
        semantic = snapshot.checker.semantic
        if semantic is None:
            return None
        routes = snapshot.routes
        caller = routes.caller(self.reader.tags(query))
        if caller:
            spaced = f" {caller.lower()} "
            caller = with_expansions(caller, {word: meant for word, meant in expansions.items()
                                              if f" {word} " in spaced})
        return routes.route(caller, semantic.vectors)
