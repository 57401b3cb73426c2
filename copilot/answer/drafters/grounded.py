"""The default drafter: no model, composes an answer from the best statements of the top sources.

Each candidate statement (a sentence, list item, script line or table row read as a sentence) is
scored by how much of the question it covers, weighted by how informative each word is, by how
close its meaning is to the question (the copilot's embedder, when the snapshot has one), and by
the rank of its chunk. The best statements are read out answer-first, each tagged with its citation,
within a word budget. When two sources give different times for the same subject, only the newer
document's statement is used.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pydantic import BaseModel

from copilot.answer.conditions import Conditions
from copilot.answer.drafters import Components, Draft, DraftRequest, register
from copilot.answer.next_steps import next_steps
from copilot.answer.retrieval import Hit
from copilot.answer.text import (
    Statement,
    meaning_text,
    read_aloud,
    staff_only,
    statements,
    tokenize,
)
from copilot.answer.vocabulary import Vocabulary
from copilot.knowledge.model import Chunk
from copilot.knowledge.reading import (
    as_prohibited,
    prohibited_heading,
    prohibited_statement,
    replaced_statement,
)

TOP_CHUNKS = 6  # passages whose statements may be drafted (their vectors are at hand)
MAX_STATEMENTS = 7  # within the word budget
MAX_NEIGHBOURS = 2  # sentences of a chosen statement's paragraph around it, beyond the budget
NEIGHBOUR_WORDS = 40  # ... each at most this long (qa-dev: 25 as good; own suites 185 vs 186)
MAX_LISTINGS = 2  # teams' numbers added to an answer that routes to them
MAX_LIST_ITEMS = 6  # a list read out with the statement announcing it (a longer one is not)
CLOSEST_DOCUMENTS = 3  # quoted when the evidence is weak, one statement per document
QUOTE_SIMILARITY = 0.4  # ... when that close in meaning to the question (MiniLM cosine)
COVERAGE_WEIGHT = 0.8  # against the rank of the statement's chunk
MEANING_WEIGHT = 0.5  # of the statement's similarity to the question, added when measured
MEANING_ONLY_SIMILARITY = 0.35  # a statement sharing no word with the question, this close, counts
ASKED_VALUE_BONUS = 0.15  # for a statement giving the value asked for (a price for "how much")
CONDITION_WEIGHT = 0.25  # for (against) a statement of the branch the asked case meets (fails)
SHORT_STATEMENT_WORDS = 6
SHORT_STATEMENT_PENALTY = 0.7
MIN_SHARE_OF_BEST = 0.4  # of the best's score (own suites: 176 -> 177 passed from 0.5)
DUPLICATE_OVERLAP = 0.7
CONFLICT_OVERLAP = 0.5
CONFLICT_SHARED_WORDS = 4
_NUMBER = re.compile(r"\d")
_BLANK = re.compile(r"\[[^\]]{2,}\]")  # a blank to fill in: "[caller's name]"
_QUOTE = re.compile(r"[\"“”]")
_QUOTED_QUESTION = re.compile(r"^[\"“][^\"”]{3,}\?[\"”]\s*(?:\([^)]*\))?\.?$")  # '"…?" (note)'
_FAQ_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.]\s.*\?$", re.IGNORECASE)  # "Q: How much …?"
_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:AM|PM|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", re.I)


@dataclass(frozen=True)
class Candidate:
    statement: Statement
    chunk: Chunk
    score: float
    tokens: frozenset[str]
    similarity: float | None = None  # in meaning, to the question (None: not measured)

    @property
    def words(self) -> int:
        return len(self.statement.text.split())

    @cached_property
    def words_only(self) -> frozenset[str]:
        """Its tokens without numbers (what two conflicting statements share)."""
        return frozenset(t for t in self.tokens if not _NUMBER.search(t))


Neighbours = tuple[Candidate | None, Candidate | None]  # the sentences before and after


def _coverage(weights: dict[str, float], tokens: set[str]) -> float:
    total = sum(weights.values()) or 1.0
    return sum(w for t, w in weights.items() if t in tokens) / total


def is_label(statement: Statement) -> bool:
    """Labels, lead-ins and fill-in templates ("Answer:", "...say:", "Reason: [request] Caller:
    [name]") say nothing by themselves; nor does a caller's question quoted as the lead of
    what answers it ('"Will I need donor eggs?"', not a script line the agent asks), or a
    FAQ's question line ("Q: How much does IVF cost?")."""
    text = statement.text.rstrip()
    words = text.split()
    if len(_BLANK.findall(text)) >= 2:
        return True
    if not statement.is_quote and (_QUOTED_QUESTION.match(text) or _FAQ_QUESTION.match(text)):
        return True
    if len(words) < 3 or (":" in text and len(words) <= 5):
        return True
    return text.endswith(":") and not 0 < len(statement.items) <= MAX_LIST_ITEMS


@lru_cache(maxsize=8192)
def parsed_statements(
    chunk_text: str,
) -> tuple[tuple[Statement, frozenset[str], frozenset[str]], ...]:
    """A chunk's statements with their tokens and their heading's (and lead-in's) other tokens
    (remembered: the same chunks come up question after question)."""
    parsed = []
    for statement in statements(chunk_text):
        tokens = frozenset(tokenize(statement.text))
        context = frozenset(tokenize(f"{statement.heading} {statement.lead}"))
        parsed.append((statement, tokens, context - tokens))
    return tuple(parsed)


def score_candidates(
    weights: dict[str, float],
    hits: list[Hit],
    top: int = TOP_CHUNKS,
    meaning: Callable[[list[str]], list[float]] | None = None,
) -> list[Candidate]:
    """The statements of the top hits that (or whose heading) share a word with the question,
    or, with ``meaning`` (pure but for that call), are close to it in meaning; best first: by
    the question's words they cover, their closeness in meaning to it and their chunk's rank."""
    parsed = [
        (rank, hit, statement, tokens, heading)
        for rank, hit in enumerate(hits[:top])
        for statement, tokens, heading in parsed_statements(hit.chunk.text)
        if (meaning or _coverage(weights, tokens | heading) > 0) and not is_label(statement)
    ]
    similarity = meaning([p[2].text for p in parsed]) if meaning and parsed else None
    candidates = []
    for i, (rank, hit, statement, tokens, heading) in enumerate(parsed):
        prior = 1.0 / (1 + rank)
        cover = min(_coverage(weights, tokens) + 0.5 * _coverage(weights, heading), 1.0)
        close = similarity[i] if similarity is not None else None
        if cover == 0 and (close is None or close < MEANING_ONLY_SIMILARITY):
            continue  # ("can we squeeze her in on Saturday" -> "Overrides only by …")
        score = COVERAGE_WEIGHT * cover + (1 - COVERAGE_WEIGHT) * prior
        if close is not None:
            score += MEANING_WEIGHT * max(close, 0.0)
        if len(statement.text.split()) < SHORT_STATEMENT_WORDS:
            score *= SHORT_STATEMENT_PENALTY  # a bare phrase rarely answers anything
        candidates.append(Candidate(statement, hit.chunk, score, tokens, close))
    candidates.sort(key=lambda c: -c.score)
    return candidates


def _repeats(candidate: Candidate, chosen: Candidate) -> bool:
    """``candidate`` says what ``chosen`` says: mostly the same words and no number of its own
    (rows of one table share their column names: "Day 3 — Action: …" is no repeat of "Day 7")."""
    return _overlap(candidate.tokens, chosen.tokens) >= DUPLICATE_OVERLAP and \
        candidate.tokens - candidate.words_only <= chosen.tokens


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def _disjoint(pattern: re.Pattern, a: str, b: str) -> bool:
    found_a = {m.replace(" ", "").lower() for m in pattern.findall(a)}
    found_b = {m.replace(" ", "").lower() for m in pattern.findall(b)}
    return bool(found_a and found_b) and not found_a & found_b


def conflicts(a: Candidate, b: Candidate) -> bool:
    """Two sources giving different times for the same subject (a schedule and its update).

    Prices are not compared here: the guard checks every price against the current price list.
    """
    if a.chunk.source == b.chunk.source:
        return False
    words_a, words_b = a.words_only, b.words_only
    if len(words_a & words_b) < CONFLICT_SHARED_WORDS:
        return False
    if _overlap(words_a, words_b) < CONFLICT_OVERLAP:
        return False
    return _disjoint(_TIME, a.statement.text, b.statement.text)


def drop_stale_conflicts(candidates: list[Candidate]) -> list[Candidate]:
    """Keep only the newer document's statement wherever two documents conflict (pure)."""
    kept = []
    for candidate in candidates:
        newer_rival = any(
            other.chunk.last_updated > candidate.chunk.last_updated and conflicts(candidate, other)
            for other in candidates
        )
        if not newer_rival:
            kept.append(candidate)
    return kept


def select(
    candidates: list[Candidate],
    max_words: int,
    allowed: Callable[[str], bool],
    neighbours: Callable[[Candidate], Neighbours] = lambda c: (None, None),
) -> list[Candidate]:
    """Greedy pick: the best allowed statement, then others close to it that add something new.
    Each is read with the sentences of its paragraph around it (``neighbours``): the one it goes
    on from ("… the deposit is kept." before "A manager may return it when the clinic moved the
    date.") and the one going on from it, up to ``MAX_NEIGHBOURS`` sentences beyond the budget:
    cut off from them, a statement can say less, or the opposite, of what its paragraph means."""
    chosen: list[Candidate] = []
    beside: list[Candidate] = []  # the chosen read as a chosen statement's neighbours
    words = 0
    best = None

    def fits(neighbour: Candidate | None, of: Candidate | None = None) -> bool:
        # (a sentence going on from ``of`` in its paragraph says more than it, however many
        # words they share: "… before 3 p.m. are returned the same day. After 3 p.m. …")
        return neighbour is not None and len(beside) < MAX_NEIGHBOURS \
            and neighbour.words <= NEIGHBOUR_WORDS and allowed(neighbour.statement.text) \
            and not any(_repeats(neighbour, c) for c in chosen if c is not of)

    for candidate in candidates:
        if best is not None and candidate.score < best * MIN_SHARE_OF_BEST:
            break
        if len(chosen) - len(beside) >= MAX_STATEMENTS:
            break
        if any(_repeats(candidate, c) for c in chosen):
            continue
        if chosen and words + candidate.words > max_words:
            continue
        if not allowed(candidate.statement.text):
            continue
        best = candidate.score if best is None else best
        if candidate.statement.items:  # read within its list, a chosen item is said again
            said = [c for c in chosen if _repeats(c, candidate)]
            chosen = [c for c in chosen if c not in said]
            words -= sum(c.words for c in said if c not in beside)
            beside = [c for c in beside if c not in said]
        before, after = neighbours(candidate) if len(beside) < MAX_NEIGHBOURS else (None, None)
        if fits(before):
            chosen.append(before)
            beside.append(before)
        chosen.append(candidate)
        words += candidate.words
        if fits(after, candidate):
            chosen.append(after)
            beside.append(after)
    return chosen


def _meaning(request: DraftRequest) -> Callable[[list[str]], list[float]] | None:
    """Similarity of statements to the question, with the snapshot's sentence vectors (cached
    across questions); None when the snapshot has no embedder."""
    semantic = request.snapshot.checker.semantic
    if semantic is None:
        return None

    def similarity(texts: list[str]) -> list[float]:
        vectors = semantic.vectors([meaning_text(request.question),
                                    *(meaning_text(t) for t in texts)])
        return [float(v) for v in vectors[1:] @ vectors[0]]

    return similarity


@register
class GroundedDrafter:
    """Composes a short, cited, read-aloud answer from the documents alone."""

    name = "grounded"

    class Options(BaseModel):
        """The settings it reads."""

        max_answer_words: int = 120

    def __init__(self, max_words: int = 120, vocabulary: Vocabulary | None = None):
        self.max_words = max_words
        self.vocabulary = vocabulary

    @classmethod
    def from_settings(cls, options: Options, components: Components) -> GroundedDrafter:
        return cls(options.max_answer_words, components.vocabulary)

    @staticmethod
    def phrased(statement: Statement) -> Statement | None:
        """The statement as it may be read out, or None when it must not be (wording not to
        say, a value a change replaced)."""
        if prohibited_statement(statement.text) or replaced_statement(statement.text):
            return None
        if statement.items:
            statement = _with_items(statement)
            if statement is None:
                return None
        if prohibited_heading(statement.heading):
            if _QUOTE.search(statement.text):
                return None  # quoted wrong wording would be read aloud
            return Statement(as_prohibited(statement.text), statement.heading)
        return statement

    def readable(self, scored: list[Candidate]) -> list[Candidate]:
        """The candidates that may be read out, as they would be read: none written for staff
        (a worked example, a change log, a script's purpose line); a list's items within the
        list, read with the statement announcing it."""
        candidates = []
        for candidate in scored:
            if staff_only(candidate.statement, candidate.chunk):
                continue
            statement = self.phrased(candidate.statement)
            if statement is None:
                continue
            tokens = frozenset(tokenize(statement.text)) if statement.items else candidate.tokens
            candidates.append(dataclasses.replace(candidate, statement=statement, tokens=tokens))
        return _lists_whole(candidates)

    def neighbours(self, candidate: Candidate) -> Neighbours:
        """The sentence of ``candidate``'s paragraph it goes on from and the one going on from
        it, as they may be read out; None where the paragraph starts or ends (or that sentence
        is not for the caller)."""
        parsed = parsed_statements(candidate.chunk.text)
        said = candidate.statement
        at = next((i for i, (statement, _, _) in enumerate(parsed) if statement.text == said.text
                   or (said.items and statement.items == said.items)), None)
        if at is None:
            return None, None
        before = self._readable_at(candidate.chunk, parsed, at - 1) \
            if candidate.statement.continues else None
        after = self._readable_at(candidate.chunk, parsed, at + 1) \
            if at + 1 < len(parsed) and parsed[at + 1][0].continues else None
        return before, after

    def _readable_at(self, chunk: Chunk, parsed: tuple, at: int) -> Candidate | None:
        """The ``at``-th of ``chunk``'s ``parsed`` statements as it may be read out, if any."""
        if at < 0:
            return None
        statement, tokens, _ = parsed[at]
        if is_label(statement):
            return None
        readable = self.readable([Candidate(statement, chunk, 0.0, tokens)])
        return readable[0] if readable else None

    def scored(self, request: DraftRequest, hits: list[Hit]) -> list[Candidate]:
        """The candidates of ``hits``, best first; those giving the value the question asks
        for (a price, a number to transfer to, a time) rank higher, and so do those of the
        branch of a rule the question's case falls in (a condition on a duration or a time of
        day it meets)."""
        weights = request.snapshot.query_weights(
            request.searched or request.question, request.expansions
        )
        scored = score_candidates(weights, hits, meaning=_meaning(request))
        if self.vocabulary is None:
            return scored
        gives = self.vocabulary.gives_asked_value(request.question)
        scored = [
            dataclasses.replace(c, score=c.score + ASKED_VALUE_BONUS)
            if gives(c.statement.text) else c
            for c in scored
        ]
        return sorted(_by_branch(scored, self.vocabulary.conditions, request.question),
                      key=lambda c: -c.score)

    def draft(self, request: DraftRequest) -> Draft:
        snapshot = request.snapshot
        candidates = self.readable(drop_stale_conflicts(self.scored(request, request.hits)))
        chosen = select(candidates, self.max_words, snapshot.compliant, self.neighbours)
        return _cited(chosen + _numbers_to_dial(chosen, request))

    def closest(self, request: DraftRequest) -> Draft:
        """Weak evidence: the statement closest to the question in each of the nearest
        documents (up to ``CLOSEST_DOCUMENTS``), for the agent to check; nothing is composed.
        Only statements close in meaning are quoted; when none is (or there is no embedder to
        tell), the draft has no text and those documents' passages as its sources."""
        snapshot = request.snapshot
        nearest: list[Hit] = []
        for hit in request.hits:
            if all(h.chunk.source != hit.chunk.source for h in nearest):
                nearest.append(hit)
            if len(nearest) == CLOSEST_DOCUMENTS:
                break
        chosen: list[Candidate] = []
        words = 0
        # One scoring for all of them: within one passage the order is the same either way.
        scored = (self.readable(self.scored(request, nearest))
                  if snapshot.checker.semantic is not None else [])
        for hit in nearest if scored else []:
            best = next((c for c in scored if c.chunk is hit.chunk
                         and c.similarity >= QUOTE_SIMILARITY
                         and snapshot.compliant(c.statement.text)), None)
            if best is not None and (not chosen or words + best.words <= self.max_words):
                chosen.append(best)
                words += best.words
        if not chosen:  # nothing close enough to quote: the passages alone, to check
            return Draft("", [h.chunk for h in nearest], self.name)
        return _cited(chosen)


def _by_branch(scored: list[Candidate], conditions: Conditions,
               question: str) -> list[Candidate]:
    """``scored`` with the statements of the branch of a rule the question's case falls in
    weighed up, the other branch's down (for an appointment 9 hours away: "with less than 24
    hours' notice: a fee" up, "with 24 hours' notice or more: no fee" down)."""
    verdicts = conditions.branches(question, [c.statement.text for c in scored])
    return [dataclasses.replace(c, score=c.score + CONDITION_WEIGHT) if met
            else dataclasses.replace(c, score=c.score - CONDITION_WEIGHT) if met is False
            else c for c, met in zip(scored, verdicts, strict=True)]


def _with_items(statement: Statement) -> Statement | None:
    """A statement announcing a list, read with the list's items ("… verify three identifiers:
    Full legal name; Date of birth; …"); alone when the list is too long or holds what must not
    be read out, and None when it then says nothing (it ends in a colon)."""
    items = statement.items
    if len(items) > MAX_LIST_ITEMS or any(
            prohibited_statement(item) or replaced_statement(item) for item in items):
        return None if statement.text.endswith(":") else dataclasses.replace(statement, items=())
    text = statement.text.rstrip(".:;, ") + ":"
    for item in items:
        text += (" " if text.endswith(":") else "; ") + item.rstrip(".;, ")
    return dataclasses.replace(statement, text=f"{text}.")


def _lists_whole(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, each item of a list read out with its announcing statement folded into
    that statement, which ranks as high as its best item (best first)."""
    announcing = [c for c in candidates if c.statement.items]
    if not announcing:
        return candidates
    best: dict[int, float] = {}
    kept = []
    for candidate in candidates:
        whole = next((a for a in announcing if a.chunk.id == candidate.chunk.id
                      and a is not candidate
                      and any(candidate.statement.text in item for item in a.statement.items)),
                     None)
        if whole is None:
            kept.append(candidate)
        else:
            best[id(whole)] = max(best.get(id(whole), whole.score), candidate.score)
    lifted = [dataclasses.replace(c, score=best[id(c)]) if id(c) in best else c for c in kept]
    return sorted(lifted, key=lambda c: -c.score)


def _numbers_to_dial(chosen: list[Candidate], request: DraftRequest) -> list[Candidate]:
    """The directory's rows for the teams the chosen statements route the caller to without
    giving their number (beyond the word budget: a number is what the agent dials)."""
    snapshot = request.snapshot
    text = " ".join(c.statement.text for c in chosen)
    listings = snapshot.directory.missing(text, next_steps().routes, MAX_LISTINGS)
    return [Candidate(x.statement, x.chunk, 0.0, frozenset()) for x in listings
            if snapshot.compliant(x.statement.text)]


def _cited(chosen: list[Candidate]) -> Draft:
    """The chosen statements read out in order, each tagged with its source's marker."""
    sources: list[Chunk] = []
    sentences = []
    for candidate in chosen:
        if candidate.chunk not in sources:
            sources.append(candidate.chunk)
        marker = sources.index(candidate.chunk) + 1
        sentences.append(f"{read_aloud(candidate.statement.text)} [{marker}]")
    return Draft(" ".join(sentences), sources, GroundedDrafter.name)
