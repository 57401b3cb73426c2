"""The semantic layer of the claims check: a sentence breaks a rule when its embedding is closer
to that rule's bank of violating exemplars than to every compliant exemplar, by a calibrated
margin, and no denial or retraction governs it ("we don't offer…", "that offer ended").

The embedder is injected (``embed(list[str]) -> vectors``), so guardrails stays importable and
usable without the copilot: the copilot passes its own MiniLM embedder, and for the drafts'
sentences (``embed_drafts``) a faster close approximation of it, an int8 copy of the same model.
Exemplar vectors are exact and computed once per layer; the sentences of one draft that the
layer could flag are embedded in one call, and recent sentence vectors are remembered (approved
scripts and drafts repeat sentences).
"""

from __future__ import annotations

import re
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from guardrails.data import PACKAGE_DIR, load_model
from guardrails.denial import DenialScope
from guardrails.text import normalize

Embed = Callable[[list[str]], Sequence[Sequence[float]]]
EXEMPLAR_DIR = PACKAGE_DIR / "exemplars"
CACHE_SIZE = 4096
_CITATION = re.compile(r"\[\d{1,2}\]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SemanticRuleConfig(_Strict):
    """Per rule: the margin over the compliant bank and the least similarity to the violating
    bank."""

    margin: float
    floor: float


class SemanticConfig(_Strict):
    top_k: int = Field(ge=1, le=10)
    min_words: int = Field(ge=1)
    skip: str = r"$^"
    rules: dict[str, SemanticRuleConfig]


class ExemplarBank(_Strict):
    """One rule's exemplars: sentences that break it and near misses that do not (the
    ``neutral`` bank has compliant sentences only)."""

    violating: list[str] = []
    compliant: list[str] = []


def load_config(path: Path | None = None) -> SemanticConfig:
    return load_model(path or PACKAGE_DIR / "semantic.yaml", SemanticConfig)


NEUTRAL = "neutral"


def load_banks(folder: Path | None = None, rules: Sequence[str] = ()) -> dict[str, ExemplarBank]:
    """``exemplars/<rule>.yaml`` for every rule, and ``exemplars/neutral.yaml``; a missing bank
    is an error naming its file."""
    folder = folder or EXEMPLAR_DIR
    banks = {}
    for rule in [*rules, NEUTRAL]:
        path = folder / f"{rule}.yaml"
        if not path.is_file():
            raise ValueError(f"no exemplar bank for rule {rule!r}: expected {path}")
        banks[rule] = load_model(path, ExemplarBank)
    return banks


def unit_rows(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    """``vectors`` as a float32 matrix of unit rows."""
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)


class SemanticLayer:
    """Classifies sentences into a rule, or None, by nearest exemplars."""

    def __init__(self, embed: Embed, config: SemanticConfig | None = None,
                 banks: dict[str, ExemplarBank] | None = None,
                 denials: DenialScope | None = None, embed_drafts: Embed | None = None):
        self.embed = embed
        self.embed_drafts = embed_drafts or embed
        self.config = config or load_config()
        self.rules = list(self.config.rules)
        self.banks = banks or load_banks(rules=self.rules)
        self.denials = denials or DenialScope.load()
        self.skip = re.compile(self.config.skip)
        texts, owners = [], []
        for rule in self.rules:
            texts += self.banks[rule].violating
            owners += [rule] * len(self.banks[rule].violating)
        compliant = [t for bank in self.banks.values() for t in bank.compliant]
        vectors = exemplar_vectors(embed, tuple(texts + compliant))
        self.violating = vectors[: len(texts)]
        self.owners = np.asarray(owners)
        self.compliant = vectors[len(texts) :]
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._close_cache = self._cache if embed_drafts is None else OrderedDict()
        self._known: dict[str, np.ndarray] = {}

    def remember(self, vectors: dict[str, np.ndarray]) -> None:
        """Take unit vectors computed beforehand (the documents' statements), kept for good."""
        self._known.update(vectors)

    def vectors(self, sentences: list[str], close: bool = False) -> np.ndarray:
        """Unit vectors of ``sentences``; the unknown and uncached ones in one ``embed`` call,
        or, for ``close`` (the layer's own scoring), one ``embed_drafts`` call, cached apart."""
        known = self._known
        cache, embed = (self._close_cache, self.embed_drafts) if close else (self._cache,
                                                                             self.embed)
        missing = list(dict.fromkeys(s for s in sentences if s not in known and s not in cache))
        if missing:
            for sentence, vector in zip(missing, unit_rows(embed(missing)), strict=True):
                cache[sentence] = vector
                if len(cache) > CACHE_SIZE:
                    cache.popitem(last=False)
        for sentence in sentences:
            if sentence in cache:
                cache.move_to_end(sentence)
        return np.stack([known[s] if s in known else cache[s] for s in sentences])

    def scores(self, sentences: list[str]) -> list[dict[str, float]]:
        """Per sentence: each rule's margin (violating similarity minus compliant similarity)
        and, under ``"compliant"``, the similarity to the compliant bank."""
        if not sentences:
            return []
        matrix = self.vectors(sentences, close=True)
        k = self.config.top_k
        compliant = top_mean(matrix @ self.compliant.T, k)
        violating = matrix @ self.violating.T
        by_rule = {rule: top_mean(violating[:, self.owners == rule], k) for rule in self.rules}
        return [{"compliant": float(compliant[row]),
                 **{rule: float(similar[row]) for rule, similar in by_rule.items()}}
                for row in range(len(sentences))]

    @staticmethod
    def key(sentence: str) -> str:
        """What is embedded for a normalised sentence: without its citation markers."""
        return _CITATION.sub(" ", sentence).strip()

    def classify(self, sentences: list[str]) -> list[str | None]:
        """The rule each (normalised) sentence breaks, or None. Citation markers ("[2]") say
        nothing and are left out, so a drafted statement meets its cached vector."""
        sentences = [self.key(s) for s in sentences]
        verdicts: list[str | None] = [None] * len(sentences)
        # Only sentences the layer could flag are embedded: the embedding is the check's cost.
        open_rules = {i: self._open_rules(s) for i, s in enumerate(sentences)}
        readable = [i for i, rules in open_rules.items() if rules]
        entries = self.scores([sentences[i] for i in readable])
        for index, entry in zip(readable, entries, strict=True):
            verdicts[index] = self._verdict(open_rules[index], entry)
        return verdicts

    def _open_rules(self, sentence: str) -> list[str]:
        """The rules ``sentence`` could break by meaning: none when it is too short, a skipped
        line, or denies the rule's claim."""
        if len(sentence.split()) < self.config.min_words and not _unspaced(sentence):
            return []
        if self.skip.search(sentence):
            return []
        return [rule for rule in self.rules if not self.denials.denies(rule, sentence)]

    def _verdict(self, rules: list[str], entry: dict[str, float]) -> str | None:
        best, best_margin = None, 0.0
        for rule in rules:
            config = self.config.rules[rule]
            margin = entry[rule] - entry["compliant"]
            if entry[rule] < config.floor or margin < config.margin:
                continue
            if best is None or margin - config.margin > best_margin:
                best, best_margin = rule, margin - config.margin
        return best


# Exemplar vectors per embedder: a checker is rebuilt with every index generation, its banks
# are not re-embedded.
_EXEMPLARS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def exemplar_vectors(embed: Embed, texts: tuple[str, ...]) -> np.ndarray:
    owner = getattr(embed, "__self__", embed)  # a bound method is made anew on each access
    known = _EXEMPLARS.setdefault(owner, {})
    key = (getattr(embed, "__func__", embed), texts)
    if key not in known:
        known[key] = unit_rows(embed([normalize(t).text for t in texts]))
    return known[key]


def top_mean(similarities: np.ndarray, k: int) -> np.ndarray:
    k = min(k, similarities.shape[1])
    top = np.partition(similarities, -k, axis=1)[:, -k:]
    return top.mean(axis=1)


def _unspaced(sentence: str) -> bool:
    """Chinese and Japanese sentences have no spaces between words."""
    return any("\u3040" <= c <= "\u9fff" for c in sentence)
