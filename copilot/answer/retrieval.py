"""Hybrid retrieval: dense search in Chroma plus BM25, fused by reciprocal rank, current over stale.

Archived and superseded documents never reach an answer unless the agent asks for history; among
equally good hits the newer document comes first. Whether the hits cover the question is decided
by ``copilot.answer.decision`` from the signals measured here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Protocol

from copilot.answer.decision import CoverageRule, Outcome
from copilot.answer.routes import Route
from copilot.answer.snapshot import MIN_SHORTHAND, Snapshot
from copilot.answer.text import stem, tokenize
from copilot.answer.vocabulary import Vocabulary, with_expansions
from copilot.knowledge.embedder import Embedder
from copilot.knowledge.model import CURRENT, Chunk
from copilot.knowledge.store import ChunkStore
from guardrails.policy import PriceConfig
from guardrails.text import CALENDAR_WORDS

RRF_K = 60
# The lexical list's weight in the fusion: a passage only BM25 finds (the rare words of an
# "attorney … subpoena" question in a routing table's row, which MiniLM ranks below 30 others)
# still reaches the top. Chosen on the project's own suites (cases passed 173 -> 176 of 196 and
# hit@1 137 -> 140 from 1.0 to 1.45-1.6, 172 at 1.3), never on the dev sets.
LEXICAL_WEIGHT = 1.5
COVERAGE_HITS = 3
DENSE_CANDIDATES = 30
TAGGED_QUESTIONS = 256  # questions whose parts of speech are remembered
LEXICAL_CANDIDATES = 30
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_PART = 3  # letters: the least a part of two words run together has ("blood" + "work")
_CONSONANTS = re.compile(r"[b-df-hj-np-tv-z]+")  # no vowel: shorthand ("wk", "mgr", "yr")
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+|\n+")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}(?=s?\b)")  # typed in capitals: a term ("HSG"), no shorthand


class WordKinds(Protocol):
    """Tells what kind of word a word is in general language (guardrails' ``Lexicon``)."""

    def kind(self, word: str) -> str: ...

    def is_uncommon(self, word: str) -> bool: ...

    def is_everyday_abroad(self, word: str) -> bool: ...

    def is_language(self, phrase: str) -> bool: ...


class Tagger(Protocol):
    """Parts of speech of a text's words, as Penn Treebank tags (guardrails' ``Tagger``)."""

    def tags(self, text: str) -> list[tuple[str, str]]: ...


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
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.vocabulary = vocabulary
        self.min_relevance = min_relevance
        self.word_kinds = word_kinds
        self.tagger = tagger
        self.rule = rule or CoverageRule.load()
        # One tagging per question: the topic and the asked-thing readers both need it.
        self._tags = functools.lru_cache(maxsize=TAGGED_QUESTIONS)(
            lambda text: tuple(tagger.tags(text)))

    def topics(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> tuple[str, ...]:
        """The query's topic words that the documents never use ("acupuncture"); chat, everyday
        words, shorthand, typos and words that name no subject (a verb, an adverb) are not
        topics (see ``copilot/data/coverage.yaml``)."""
        found: list[str] = []
        words = [word.lower() for word in _WORD.findall(self._asking(query))]
        kinds = self.rule.topic_kinds
        if self._other_language(words):
            # typed in another language: its words are that language's, not subjects the
            # (English) documents lack ("medicamentos"); the dense score decides
            kinds = tuple(k for k in kinds if k != "foreign")
        terms = _acronyms(query)
        for lower in words:
            if lower not in found and self._absent(lower, snapshot, shorthand, kinds, terms):
                found.append(lower)
        return self._naming(query, found) if found else ()

    def _asking(self, query: str) -> str:
        """What of ``query`` asks: its questions (sentences ending in a question mark) and the
        fragments with no verb that go with them ("can she bring her toddler? no sitter"); a
        sentence that tells ("she had a flat tire", "caller is in Taipei") is the call's
        context, not its subject. All of ``query`` when nothing in it ends in a question mark."""
        parts = [p.strip() for p in _SENTENCE_BREAK.split(query) if p.strip()]
        if not any(p.endswith("?") for p in parts):
            return query
        return " ".join(p for p in parts if p.endswith("?") or not any(
            tag.startswith("VB") or tag == "MD" for _, tag in self._tags(p)))

    def _other_language(self, words: list[str]) -> bool:
        """Whether enough of the words general language knows are another language's (the
        rest are often words of both: "la", "si", "los")."""
        kinds = [self.word_kinds.kind(w) for w in words]
        known = [k for k in kinds if k in ("function", "general", "rare", "foreign")]
        return bool(known) and kinds.count("foreign") >= self.rule.other_language_share * len(known)

    def spelled(self, query: str, snapshot: Snapshot,
                shorthand: set[str]) -> dict[str, tuple[str, ...]]:
        """The query's initialisms that the documents only spell out ("afc": antral follicle
        count), with those words; not a word general English knows ("btw"), nor shorthand the
        agents' vocabulary already expands, nor words general English knows that happen to
        have those initials ("new patient intake" is no "NPI"): a term has a word of its own,
        one general English does not know or knows only as an uncommon one ("antral")."""
        kinds = self.word_kinds
        return {word: meant for word in _WORD.findall(query.lower())
                if (meant := snapshot.initialisms.get(word)) and word not in shorthand
                and not snapshot.uses(word) and kinds.kind(word) not in ("function", "general")
                and any(kinds.kind(w) == "unknown" or kinds.is_uncommon(w) for w in meant)}

    def unread(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> float:
        """The share of the query's words that are neither English words general language
        knows, nor words the documents use, nor shorthand the agents' vocabulary expands: a
        question typed in a language (or a script) the documents are not written in."""
        words = [word.lower() for word in _WORD.findall(query)]
        other = self._other_language(words)
        # in a question typed in another language, the words of both ("la", "son") are its,
        # and a word read only through the vocabulary's translation ("jeudi") is not read as
        # written: half of it translated leaves the rest unread
        read = ("function", "general", "name") if other \
            else ("function", "general", "ambiguous", "name")
        unread = [w for w in words
                  if self.word_kinds.kind(w) not in read
                  and (other or w not in shorthand) and not snapshot.uses(w)]
        return len(unread) / len(words) if words else 0.0

    def coverage_weights(self, query: str, snapshot: Snapshot,
                         expansions: dict[str, tuple[str, ...]]) -> dict[str, float]:
        """The question's words as what the passages must cover weighs them: words the
        documents never use weigh like the rarest; another language's everyday words
        ("estamos", "después") weigh nothing, as English function words do."""
        everyday = {t for word in _WORD.findall(query.lower())
                    if self.word_kinds.is_everyday_abroad(word) for t in tokenize(word)}
        weights = snapshot.query_weights(query, expansions, unknown=True)
        return {t: w for t, w in weights.items() if t not in everyday}

    def unasked(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> tuple[str, ...]:
        """The words naming what the query asks an amount of ("how much is a doula"), or
        whether the clinic has or offers ("does the clinic have a shuttle"), that the documents
        never use: then they price, count or describe something else."""
        tags = list(self._tags(query))
        terms = _acronyms(query)
        rule = self.rule
        runs = rule.asked_subjects(tags) if rule.asks_amount(query) else []
        # (a word the price rule knows names no service: "the 75 dollar fee" prices the fee)
        generic = snapshot.checker.policy.rule(PriceConfig).generic_words
        asked = [w for run in runs for w in run if w not in generic]
        return tuple(dict.fromkeys(
            [w for w in asked if self._absent(w, snapshot, shorthand, rule.asked_kinds, terms,
                                             listed=False)]
            + self._unpriced(query, tags, runs, snapshot, generic)
            + self._uncontacted(tags, snapshot)
            + [w for w in rule.offered_subject(tags)
               if self._absent(w, snapshot, shorthand, rule.offer_kinds, terms, listed=False)]))

    def _unpriced(self, query: str, tags: list[tuple[str, str]], runs: list[list[str]],
                  snapshot: Snapshot, generic: list[str]) -> list[str]:
        """The things a price is asked of whose common nouns (and -ing word: "sperm freezing")
        the documents use but never together in a statement that gives a price ("a donor
        embryo"), each as its words joined (see ``price_words`` in
        ``copilot/data/coverage.yaml``); not a person it is for, nor a language ("a Spanish
        interpreter": the price is the interpreter's)."""
        rule = self.rule
        if not rule.asks_price(query):
            return []
        nouns = {word.lower() for word, tag in tags if tag in rule.priced_tags}
        named = [[w for w in run if w in nouns and w not in generic and w not in rule.offer_persons
                  and not self.word_kinds.is_language(w) and snapshot.uses(w)] for run in runs]
        return [" ".join(words) for words in named
                if words and not snapshot.named_together(words, rule.priced)]

    def _uncontacted(self, tags: list[tuple[str, str]], snapshot: Snapshot) -> list[str]:
        """Whose contact is asked ("dr raman's direct email") when the documents use the words
        naming them but no statement giving that kind of contact names them, each as its words
        joined (see ``contacts`` in ``copilot/data/coverage.yaml``)."""
        rule = self.rule
        found = []
        for kind, run in rule.contact_holders(tags):
            if any(w in rule.offer_persons or w in rule.own_words for w in run):
                continue  # her own number, or the clinic's
            words = [w for w in run if snapshot.uses(w) and not self.word_kinds.is_language(w)]
            if words and not snapshot.named_together(words, rule.contacts[kind].given):
                found.append(" ".join(words))
        return found

    def _absent(self, lower: str, snapshot: Snapshot, shorthand: set[str],
                kinds: tuple[str, ...], acronyms: frozenset[str], listed: bool = True) -> bool:
        """A word of one of ``kinds`` the documents never use, and no shorthand, contraction or
        abbreviation the agents' vocabulary expands (``shorthand``); a word without a vowel is
        shorthand ("wk") unless it was typed in capitals (``acronyms``: "HSG" names a test),
        and a single letter is a piece of one ("f/u", "w/o") or chat ("u").
        With ``listed``, a word of the clinic's term list (drugs, insurers, tests) is no topic
        either; a price is asked of what the documents name, not of what the list knows."""
        tokens = tokenize(lower)
        if not tokens or lower in shorthand or not _WORD.fullmatch(lower) or len(lower) == 1:
            return False
        if any(t in snapshot.df or (listed and t in snapshot.domain_words) for t in tokens):
            return False
        if (_CONSONANTS.fullmatch(lower) and lower not in acronyms) or self._contraction(lower):
            return False
        if self._kind(lower, snapshot) not in kinds:
            return False
        # the documents say it in other words ("inbox": "mailbox")
        return not self._synonyms(lower, snapshot)

    def _synonyms(self, word: str, snapshot: Snapshot) -> tuple[str, ...]:
        return snapshot.synonyms(word, self.rule.synonym_similarity, self.rule.synonym_letters)

    def said_otherwise(self, query: str, snapshot: Snapshot,
                       shorthand: set[str]) -> dict[str, tuple[str, ...]]:
        """The query's words that the documents never use but say in other words, with those
        words ("lawyer": attorneys, "honolulu": hawaii; ``Snapshot.synonyms``), searched and
        weighed as shorthand is. Only a noun rarer than everyday English, the kind that names
        a subject (an everyday word's or an adverb's nearest in meaning may be its opposite:
        "loud", "quiet"; "manually", "automatically"), and neither shorthand the agents'
        vocabulary already expands nor a word search skips."""
        nouns = {word.lower() for word, tag in self._tags(query) if tag in self.rule.topic_tags}
        return {word: found for word in dict.fromkeys(_WORD.findall(query.lower()))
                if word in nouns and len(word) >= MIN_SHORTHAND and word not in shorthand
                and tokenize(word) and not snapshot.uses(word)
                and self.word_kinds.kind(word) not in ("function", "general")
                and (found := self._synonyms(word, snapshot))}

    def _naming(self, query: str, words: list[str]) -> tuple[str, ...]:
        """Those of ``words`` that name a subject in ``query``: a noun, or an adjective in front
        of a noun ("umbilical cord"). A word the tagger split otherwise stays."""
        tags = self._tags(query)
        naming: dict[str, bool] = {}
        for (token, tag), (_, after) in zip(tags, [*tags[1:], ("", "")], strict=True):
            naming.setdefault(token.lower(), tag in self.rule.topic_tags or (
                tag in self.rule.modifier_tags and after in self.rule.topic_tags))
        return tuple(w for w in words if naming.get(w, True))

    def _kind(self, word: str, snapshot: Snapshot) -> str:
        """The word's general-language kind; ``uncommon`` for a real English word rarer than
        the general ones, unless two words run together ("bloodwork": ``compound``); and
        ``shorthand`` for the beginning of a word the documents use ("dispo", "auth")."""
        kind = self.word_kinds.kind(word)
        if kind == "unknown" and "'" not in word and self.word_kinds.is_uncommon(word):
            kind = "compound" if self._compound(word) else "uncommon"
        if kind == "foreign" and self.word_kinds.is_everyday_abroad(word):
            return "general"  # "pregunta", "cuánto": no subject, as "asks" or "how" are not
        if kind in self.rule.topic_kinds and self._shorthand(word, snapshot):
            return "shorthand"
        return kind

    @staticmethod
    def _shorthand(word: str, snapshot: Snapshot) -> bool:
        """The beginning of a word the documents use, or of a month's or a weekday's name
        ("sept", "thurs": the documents may write "Sep" or the date alone)."""
        base = stem(word)
        return len(base) >= MIN_SHORTHAND and (snapshot.begins_word(base) or any(
            name.startswith(word.lower()) for name in CALENDAR_WORDS))

    def _compound(self, word: str) -> bool:
        def known(part: str) -> bool:
            return self.word_kinds.kind(part) != "unknown"

        return any(known(word[:i]) and known(word[i:])
                   for i in range(MIN_PART, len(word) - MIN_PART + 1))

    def _contraction(self, word: str) -> bool:
        """A contraction typed without its apostrophe: one of the commonest words and a
        contraction's ending ("she" + "s", "did" + "nt", "you" + "re")."""
        return any(
            word.endswith(end) and self.word_kinds.kind(word[: -len(end)]) == "function"
            for end in self.rule.contraction_endings
        )

    def search(self, query: str, snapshot: Snapshot, include_archived: bool = False) -> Retrieval:
        """Rank the snapshot's chunks for ``query`` and decide whether they cover it."""
        expansions = self.vocabulary.expansions(query, known=snapshot.knows)
        expansions |= self.spelled(query, snapshot, set(expansions))
        expansions |= self.said_otherwise(query, snapshot, set(expansions))
        expanded = with_expansions(query, expansions)
        urgent = snapshot.checker.urgent(query)
        # A question whose answer is a routing the policy prescribes (red-flag symptoms, a dose
        # or a medicine): search for that routing too; it is always covered.
        routing = [urgent.text] if urgent else [
            note.text for note in snapshot.checker.required_notes(query) if note.answers]
        # ... or a third party whom the documents' routing tables route ("reporter from …")
        if not routing and (route := self.caller_route(query, snapshot)):
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
        covered = coverage(self.coverage_weights(query, snapshot, expansions), hits, snapshot)
        shorthand = set(expansions)
        topics = self.topics(query, snapshot, shorthand)
        unasked = self.unasked(query, snapshot, shorthand)
        unread = self.unread(query, snapshot, shorthand)
        outcome = "answered" if routing else self.rule.decide(
            top_dense, covered, topics, self.min_relevance, unasked, unread
        )
        return Retrieval(expanded, hits, top_dense, covered, outcome, topics, expansions, unasked,
                         unread, tuple(routing))

    def caller_route(self, query: str, snapshot: Snapshot) -> Route | None:
        """The routing row for the third party the query opens with, if any (by meaning: none
        without the snapshot's embedder)."""
        semantic = snapshot.checker.semantic
        if semantic is None:
            return None
        routes = snapshot.routes
        return routes.route(routes.caller(self._tags(query)), semantic.vectors)


def _acronyms(query: str) -> frozenset[str]:
    """The words of ``query`` typed in capitals ("HSG", "PGT"), lower-cased."""
    return frozenset(m.group().lower() for m in _ACRONYM.finditer(query))
