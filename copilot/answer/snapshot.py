"""An in-memory view of the serving index generation: chunks, a BM25 index and the price catalog.

Rebuilt only when the serving generation changes (another replica or an upload re-indexed), so
questions see the current index without a restart and without re-reading Chroma each time. The
snapshot of a new generation is built beside the one serving, which answers meanwhile
(``copilot.answer.snapshot_cache``).
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import bm25s
import numpy as np

from copilot.answer.directory import Directory
from copilot.answer.initialisms import spelled_out
from copilot.answer.next_steps import next_steps
from copilot.answer.routes import Routes
from copilot.answer.text import (
    MIN_SHORTHAND,
    WORD_OF_THREE,
    Statement,
    all_named,
    initials,
    meaning_text,
    near,
    proper_names,
    read_aloud,
    read_as_stated,
    statements,
    tokenize,
    with_previous,
)
from copilot.knowledge.model import CURRENT, Chunk
from copilot.knowledge.reading import escalation_contact
from copilot.knowledge.vector_cache import StatementVectors
from guardrails import Allowlist, ClaimsChecker, Policy, PriceCatalog
from guardrails.claims import semantic_sentences
from guardrails.spelling import Speller

COMMON_DF = 3  # a word in fewer chunks than this is treated as shorthand worth expanding
MAX_VOCABULARY = 20_000  # the documents' commonest words whose meaning a question's is compared to
NAME_WINDOW = 4  # tokens: how near a statement names what a name is asked of and the name


def lexical_text(chunk: Chunk) -> str:
    """What BM25 sees for a chunk: its title and heading path count as words of the chunk."""
    return f"{chunk.title} {chunk.section} {chunk.text}"


@dataclass
class Snapshot:
    """One generation of the index, ready for hybrid search."""

    generation: str | None
    chunks: list[Chunk]
    bm25: bm25s.BM25 | None
    checker: ClaimsChecker  # the claims policy with this generation's prices
    escalation: str  # whom to ask when the documents do not cover a question
    allowlist: Allowlist  # what is not PHI: the YAML list and this generation's own vocabulary
    domain_words: frozenset[str]  # tokens of the clinic's vocabulary (drugs, insurers) in the list
    by_id: dict[str, Chunk]
    idf: dict[str, float]  # inverse document frequency of each token over the chunks
    df: dict[str, int]  # in how many chunks each token occurs
    words: tuple[str, ...]  # the tokens of ``df``, sorted (which begin with a given prefix)
    tokens: dict[str, frozenset[str]]  # each chunk's words (title and headings included)
    retired: list[Chunk]  # superseded and archived chunks: what the current ones replaced
    changes: tuple[Chunk, ...]  # current chunks with a change table (an "Old" column)
    statements_embedded: threading.Event  # set once every statement's vector is at hand
    vocabulary: tuple[str, ...] = ()  # the documents' words, lower case, commonest first
    directory: Directory = field(default_factory=lambda: Directory(()))  # teams and numbers
    routes: Routes = field(default_factory=Routes)  # rows routing who calls or what they need
    # initialisms the documents only spell out ("afc" -> antral follicle count)
    initialisms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # words written only capitalised, inside a sentence: names (lower case), and those of them
    # written after a title ("Dr. Bell")
    proper_names: frozenset[str] = frozenset()
    titled_names: frozenset[str] = frozenset()
    # set once ``screen`` is done (a serving process's background work after start-up)
    screened: threading.Event = field(default_factory=threading.Event, repr=False)
    _screened: dict[str, bool] = field(default_factory=dict, repr=False)
    _giving_vectors: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _giving: dict[tuple[str, bool], tuple[tuple[frozenset[str], str], ...]] = field(
        default_factory=dict, repr=False)

    def compliant(self, statement: str) -> bool:
        """True when a statement of the documents passes the claims policy. Remembered, as the
        same statements come up for question after question."""
        verdict = self._screened.get(statement)
        if verdict is None:
            verdict = self._screened[statement] = self.checker.check(statement).verdict == "pass"
        return verdict

    def named_together(self, words: list[str], giving: str) -> bool:
        """Whether one current statement that the regular expression ``giving`` finds a value in
        (a price, an e-mail address) names every one of ``words``: by its tokens or words they
        begin (a shorthand, "promo": promotional), or as the initials of a run of the
        statement's words ("ORP": ovarian reserve panel)."""
        return all_named(words, self._statements_giving(giving))

    def named_beside(self, words: list[str], giving: str) -> bool:
        """Whether one current statement that ``giving`` finds a value in names every one of
        ``words`` by its tokens (as ``named_together`` does, initials aside), read with the
        statement before it, its heading and lead-in ("A decision takes about 5 business days"
        after "IUI cycles need prior authorization"); not a passage's other statements ("a
        30-minute visit" beside "the Ovarian Reserve Panel's results")."""
        return all_named(words, self._statements_giving(giving, beside=True))

    def named_by_name(self, words: list[str], is_name: Callable[[str], bool]) -> bool:
        """Whether one current statement naming every one of ``words`` (as ``named_together``
        reads them) names someone or something else by a proper name ``is_name`` accepts,
        within ``NAME_WINDOW`` words of the last of them ("the Medical Director (Dr. Helen
        Zhao)"; not "the supervisor approves … Dr. Bell's Friday block" far apart)."""
        own = {w.lower() for w in words}
        last = tokenize(words[-1])[-1:]
        return any(all_named(words, [(have, letters)])
                   and any(near(order, last, tokenize(n), NAME_WINDOW)
                           for n in names - own if is_name(n))
                   for order, have, letters, names in self._statements_naming)

    @cached_property
    def current_statements(self) -> tuple[tuple[Chunk, tuple[Statement, ...]], ...]:
        """Each current chunk with its statements, parsed once for this generation."""
        return tuple((c, tuple(statements(c.text))) for c in self.chunks if c.status == CURRENT)

    @cached_property
    def _statements_naming(self) -> tuple[tuple[tuple[str, ...], frozenset[str], str,
                                                frozenset[str]], ...]:
        """The tokens (in order and as a set), word initials and proper names of each current
        statement with a proper name."""
        found = []
        for _, said in self.current_statements:
            for s in said:
                names = {w.lower() for w in WORD_OF_THREE.findall(s.text)} & self.proper_names
                if names:
                    order = tuple(tokenize(s.text))
                    found.append((order, frozenset(order), initials(s.text), frozenset(names)))
        return tuple(found)

    def closest_giving(self, text: str, giving: str) -> float | None:
        """How close in meaning ``text`` is to the closest current statement the regular
        expression ``giving`` finds a value in (cosine of the copilot's embedder; -1.0 when no
        statement gives one). None without an embedder, or until the generation's statement
        vectors are in."""
        semantic = self.checker.semantic
        if semantic is None or not self.statements_embedded.is_set():
            return None
        matrix = self._giving_vectors.get(giving)
        if matrix is None:
            pattern = re.compile(giving, re.IGNORECASE)
            texts = dict.fromkeys(meaning_text(s.text) for _, said in self.current_statements
                                  for s in said if pattern.search(s.text))
            matrix = self._giving_vectors[giving] = semantic.vectors(list(texts)) if texts \
                else np.zeros((0, 1))
        if not len(matrix):
            return -1.0
        return float(np.max(matrix @ semantic.vectors([meaning_text(text)])[0]))

    def states(self, pattern: str) -> bool:
        """Whether a current statement has a match of the regular expression ``pattern``."""
        return bool(self._statements_giving(pattern))

    def _statements_giving(self, giving: str,
                           beside: bool = False) -> tuple[tuple[frozenset[str], str], ...]:
        """The tokens and word initials of each current statement ``giving`` finds a value in
        (remembered for this generation); ``beside``: the tokens of the statement, the one
        before it, its heading and lead-in, and no initials."""
        found = self._giving.get((giving, beside))
        if found is None:
            pattern = re.compile(giving, re.IGNORECASE)
            found = self._giving[giving, beside] = tuple(
                (frozenset(tokenize(f"{s.heading} {s.lead} {before} {s.text}")), "") if beside
                else (frozenset(tokenize(s.text)), initials(s.text))
                for _, said in self.current_statements
                for before, s in with_previous(said) if pattern.search(s.text))
        return found

    def screen(self) -> None:
        """Judge every statement of the current chunks now (``compliant``), once their vectors
        are in, index the vocabulary's misspellings and load the reader of other languages:
        answers then find all three at hand instead of building them themselves."""
        try:
            self.statements_embedded.wait()
            self.spelled_word("")  # (builds the misspellings' index, a cached property, now)
            self.checker.read_other_languages_now()
            for _, said in self.current_statements:
                for statement in said:
                    self.compliant(statement.text)
        finally:
            self.screened.set()

    def begins_word(self, prefix: str) -> bool:
        """True when a token of the documents begins with ``prefix`` ("dispo": "disposit")."""
        at = bisect.bisect_left(self.words, prefix)
        return at < len(self.words) and self.words[at].startswith(prefix)

    def completion(self, token: str) -> str | None:
        """The documents' commonest token that ``token``, one they never use, begins: what a
        shorthand stands for ("dispo": "disposit"); None for a token they use or too short."""
        if token in self.df or len(token) < MIN_SHORTHAND or not token.isalpha():
            return None
        at = bisect.bisect_left(self.words, token)
        end = bisect.bisect_left(self.words, token + "\uffff", at)
        return max(self.words[at:end], key=self.df.__getitem__, default=None)

    def searchable(self, tokens: list[str]) -> list[str]:
        """``tokens`` with each shorthand read as the word it begins (``completion``)."""
        return [self.completion(t) or t for t in tokens]

    def uses(self, word: str) -> bool:
        """True when the documents use ``word`` at all."""
        tokens = tokenize(word)
        return bool(tokens) and all(self.df.get(t, 0) > 0 for t in tokens)

    def knows(self, word: str) -> bool:
        """True when the documents use ``word`` commonly enough to need no expansion."""
        tokens = tokenize(word)
        return bool(tokens) and all(self.df.get(t, 0) >= COMMON_DF for t in tokens)

    def synonyms(self, word: str, min_similarity: float, same_letters: int,
                 limit: int = 2) -> tuple[str, ...]:
        """The words of the documents that mean what ``word`` means, closest first (at most
        ``limit``): a unit vector of the copilot's embedder at least ``min_similarity`` from
        its own ("lawyer": "attorneys", "inbox": "mailbox"), and not a relative that merely
        shares its first ``same_letters`` letters, or all of a shorter one's ("charger" and
        "charge" mean different things; the embedder reads "reiki" as "rei" + "ki"). None
        without an embedder, nor until the generation's vectors are in (embedding its
        vocabulary would cost a question seconds)."""
        semantic = self.checker.semantic
        if semantic is None or not self.vocabulary or not self.statements_embedded.is_set():
            return ()
        similarity = self._vocabulary_vectors @ semantic.vectors([meaning_text(word)])[0]
        lower = word.lower()
        close = np.flatnonzero(similarity >= min_similarity)
        return tuple(other for other in (self.vocabulary[i]
                                         for i in close[np.argsort(-similarity[close])])
                     if not lower.startswith(other[:same_letters])
                     and not other.startswith(lower[:same_letters]))[:limit]

    def spelled_word(self, word: str) -> str | None:
        """The word of the documents ``word`` misspells ("remider": reminder), the commonest
        of the nearest; None when none is that near (or without a vocabulary)."""
        return self._speller.correction(word.lower())

    @cached_property
    def _speller(self) -> Speller:
        """The vocabulary's misspellings (this generation's own words, commonest first)."""
        return Speller.of(self.vocabulary)

    @cached_property
    def _vocabulary_vectors(self) -> np.ndarray:
        """The vocabulary's unit vectors (embedded with the statements when the snapshot was
        built; this generation's own, like every value that depends on the documents)."""
        return self.checker.semantic.vectors([meaning_text(w) for w in self.vocabulary])

    def weight(self, token: str) -> float:
        """How informative a token is; a word the documents never use weighs like the rarest."""
        return self.idf.get(token, math.log(1 + len(self.chunks)))

    def query_weights(
        self, question: str, expansions: dict[str, tuple[str, ...]], unknown: bool = False
    ) -> dict[str, float]:
        """The question's words with their weights. Shorthand counts through what it stands
        for ("ins" -> insurance); words the documents never use are left out unless
        ``unknown`` (then they weigh like the rarest word)."""
        shorthand = set(tokenize(" ".join(expansions)))
        meant = tokenize(" ".join(" ".join(m) for m in expansions.values()))
        words = self.searchable([t for t in tokenize(question) if t not in shorthand]) + meant
        return {t: self.weight(t) for t in words if unknown or t in self.idf}

    def lexical_scores(self, query_tokens: list[str]) -> list[float]:
        """BM25 score of every chunk for the query (0 when nothing matches)."""
        if self.bm25 is None or not query_tokens:
            return [0.0] * len(self.chunks)
        return [float(s) for s in self.bm25.get_scores(query_tokens)]

    def current_texts(self) -> list[tuple[str, str]]:
        """(source, full text) of every current document, for the price catalog and allow-list."""
        return current_documents(self.chunks)


def current_documents(chunks: list[Chunk]) -> list[tuple[str, str]]:
    texts: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks:
        if chunk.status == CURRENT:
            texts[chunk.source].append(chunk.text)
    return [(source, "\n\n".join(parts)) for source, parts in sorted(texts.items())]


def build_snapshot(generation: str | None, chunks: list[Chunk], policy: Policy,
                   embed=None, statement_vectors: StatementVectors | None = None,
                   embed_drafts=None, embed_multilingual=None) -> Snapshot:
    """Index ``chunks`` for BM25 and extract the current price catalog; ``embed`` (sentences ->
    vectors, the copilot's embedder) gives the claims check its semantic layer (``embed_drafts``,
    its close and faster approximation, embeds what the check reads; ``embed_multilingual``, a
    model of many languages, reads a question's sentences not in English for red flags), and
    ``statement_vectors`` the vectors of every statement of the chunks beforehand (kept across
    generations; new ones embedded in the background), so that answers need not embed them."""
    bm25 = None
    corpus = [tokenize(lexical_text(c)) or ["_"] for c in chunks]
    if chunks:
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
    frequency = Counter(token for tokens in corpus for token in set(tokens))
    idf = {t: math.log(1 + len(chunks) / n) for t, n in frequency.items()}
    prices = PriceCatalog.from_documents(current_documents(chunks), policy)
    checker = ClaimsChecker(policy, prices=prices, embed=embed, embed_drafts=embed_drafts,
                            embed_multilingual=embed_multilingual,
                            stated=_stated(chunks) if embed is not None else frozenset())
    vocabulary = _vocabulary(chunks) if checker.semantic is not None else ()
    routes = Routes.of(c for c in chunks if c.status == CURRENT)
    if checker.semantic is not None and statement_vectors is not None:
        embedded = statement_vectors.fill(
            _embedded_forms(chunks) + [meaning_text(w) for w in vocabulary] + routes.compared(),
            checker.semantic.remember)
    else:  # nothing to embed beforehand
        embedded = threading.Event()
        embedded.set()
    allowlist = Allowlist.load(extra_texts=[text for _, text in current_documents(chunks)])
    return Snapshot(
        generation=generation,
        chunks=chunks,
        bm25=bm25,
        checker=checker,
        escalation=escalation_contact(c.text for c in chunks if c.status == CURRENT),
        allowlist=allowlist,
        domain_words=frozenset(t for term in allowlist.terms for t in tokenize(term)),
        by_id={c.id: c for c in chunks},
        idf=idf,
        df=dict(frequency),
        words=tuple(sorted(frequency)),
        tokens={c.id: frozenset(words) for c, words in zip(chunks, corpus, strict=True)},
        retired=[c for c in chunks if c.status != CURRENT],
        changes=tuple(c for c in chunks if c.status == CURRENT
                      and any(s.replaced for s in statements(c.text))),
        statements_embedded=embedded,
        vocabulary=vocabulary,
        directory=Directory.of((c for c in chunks if c.status == CURRENT), next_steps().phones),
        routes=routes,
        initialisms=spelled_out(c.text for c in chunks if c.status == CURRENT),
        **proper_names(c.text for c in chunks if c.status == CURRENT),
    )


def _stated(chunks: list[Chunk]) -> frozenset[str]:
    """The sentences the current documents state in wording the drafter may read out as it
    stands, as stated and as read aloud (the claims check's semantic layer leaves them be)."""
    return frozenset(sentence for chunk in chunks if chunk.status == CURRENT
                     for sentence in _stated_forms(chunk))


@lru_cache(maxsize=8192)
def _stated_forms(chunk: Chunk) -> tuple[str, ...]:
    """One chunk's share of ``_stated`` (remembered: a new generation keeps most chunks)."""
    forms = []
    for statement in statements(chunk.text):
        if read_as_stated(statement, chunk):
            forms += semantic_sentences(statement.text)
            forms += semantic_sentences(read_aloud(statement.text))
    return tuple(forms)


def _vocabulary(chunks: list[Chunk]) -> tuple[str, ...]:
    """The words of ``chunks`` (three letters or more, lower case), commonest first, at most
    ``MAX_VOCABULARY``."""
    counts = Counter(w.lower() for c in chunks for w in WORD_OF_THREE.findall(lexical_text(c)))
    return tuple(w for w, _ in counts.most_common(MAX_VOCABULARY))


def _embedded_forms(chunks: list[Chunk]) -> list[str]:
    """Every form in which the answer path embeds a statement of ``chunks``."""
    forms = [form for chunk in chunks for form in _chunk_forms(chunk.text)]
    return [form for form in dict.fromkeys(forms) if form]


@lru_cache(maxsize=8192)
def _chunk_forms(text: str) -> tuple[str, ...]:
    """A chunk's statements as the drafter embeds them for their meaning, and their sentences
    as the claims check embeds them, as stated and as read aloud (remembered: a new generation
    keeps most chunks)."""
    forms = []
    for statement in statements(text):
        forms.append(meaning_text(statement.text))
        forms += semantic_sentences(statement.text)
        forms += semantic_sentences(read_aloud(statement.text))
    return tuple(forms)
