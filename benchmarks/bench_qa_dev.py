"""Answer quality on questions written by other hands, beside the LangChain tutorial recipe.

Scores ``../shared/dev/qa-dev.jsonl`` (override with ``QA_DEV_FILE``) the way its README says, over
the default ``knowledge/``; the second clinic's knowledge base kept in ``tests/`` with its own
questions; and the third to sixth clinics in ``benchmarks/clinics/`` (documents and
questions written by helpers who saw no code). For each set, in one run:

- the copilot (``grounded`` drafter): hit@1/3 and MRR over the answer's citations, fact recall, all
  facts, answerable questions answered "not covered", uncovered questions declined, violations, PHI
  echoed, stale sources cited; its retrieval alone (top-k passages); warm answer latency;
- the tutorial recipe: RecursiveCharacterTextSplitter 1000/200, Chroma, the same MiniLM embedder,
  k=5: retrieval-only hit@k, MRR and the facts found in its top 5, and its retrieval time.

The index is built in a temporary data dir, so the serving index is never touched.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import copilot  # noqa: E402, F401  (offline environment before any model library loads)
from benchmarks.timing import settle  # noqa: E402
from copilot.answer.chain import SNIPPET_CHARS  # noqa: E402
from copilot.answer.retrieval import Retrieval  # noqa: E402
from copilot.evals.suite import load_suites  # noqa: E402
from copilot.knowledge.indexer import scan_knowledge  # noqa: E402
from copilot.knowledge.model import CURRENT  # noqa: E402
from copilot.runtime import Runtime  # noqa: E402
from copilot.settings import get_settings  # noqa: E402
from tests.answer.second_clinic.build import QUESTIONS as SECOND_QUESTIONS  # noqa: E402
from tests.answer.second_clinic.build import build as build_second_clinic  # noqa: E402

QA_DEV = Path(os.environ.get("QA_DEV_FILE", ROOT.parent / "shared" / "dev" / "qa-dev.jsonl"))
CLINICS = ROOT / "benchmarks" / "clinics"  # the third to sixth clinics, written by helpers
TUTORIAL_K = 5


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _contains(text: str, needle: str) -> bool:
    return _norm(needle) in _norm(text)


@dataclass
class Case:
    id: str
    question: str
    expect: str  # answer | route | decline
    sources: list[str]
    must_include: list[list[str]]
    must_not_include: list[str]

    @classmethod
    def read(cls, line: str) -> Case:
        data = json.loads(line)
        return cls(
            data["id"],
            data["question"],
            data["expect"],
            list(data.get("expected_sources") or []),
            [list(group) for group in data.get("must_include") or []],
            list(data.get("must_not_include") or []),
        )


def read_cases(path: Path) -> list[Case]:
    return [Case.read(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def first_hit(sources: list[str], expected: list[str]) -> int | None:
    """1-based rank of the first expected source, or None."""
    return next((i for i, s in enumerate(sources, start=1) if s in expected), None)


def facts_met(case: Case, text: str) -> int:
    return sum(any(_contains(text, alt) for alt in group) for group in case.must_include)


@dataclass
class Tally:
    """Sums over the answerable (answer + route) questions of a set."""

    ranks: list[int | None] = field(default_factory=list)
    facts: list[float] = field(default_factory=list)
    all_facts: int = 0

    def add(self, rank: int | None, met: int, groups: int) -> None:
        self.ranks.append(rank)
        self.facts.append(met / groups if groups else 1.0)
        self.all_facts += met == groups

    def hit(self, k: int) -> float:
        return sum(r is not None and r <= k for r in self.ranks) / (len(self.ranks) or 1)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r) / (len(self.ranks) or 1)

    @property
    def recall(self) -> float:
        return statistics.fmean(self.facts) if self.facts else 0.0


@dataclass
class Scores:
    answers: Tally = field(default_factory=Tally)
    retrieval: Tally = field(default_factory=Tally)  # top-k passages, before drafting
    tutorial: Tally = field(default_factory=Tally)
    answerable: int = 0
    not_covered: int = 0  # answerable questions answered "not covered"
    weak: int = 0  # answerable questions answered with weak evidence only
    uncovered: int = 0
    declined: int = 0
    violations: int = 0
    phi_echoed: int = 0
    stale_cited: int = 0
    latency_ms: list[float] = field(default_factory=list)
    tutorial_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    signals: list[tuple[str, Retrieval]] = field(default_factory=list)  # (expect, retrieval)


class Tutorial:
    """The LangChain tutorial recipe over the same documents: 1000/200 splits, Chroma, k=5."""

    def __init__(self, knowledge_dir: Path, embedder, max_bytes: int) -> None:
        import chromadb
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        texts, sources = [], []
        for doc in scan_knowledge(knowledge_dir, max_bytes).documents:
            for piece in splitter.split_text("\n\n".join(p.text for p in doc.pages)):
                texts.append(piece)
                sources.append(doc.source)
        client = chromadb.EphemeralClient()
        name = f"tutorial-{abs(hash(knowledge_dir))}"
        self.collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self.collection.add(
            ids=[str(i) for i in range(len(texts))],
            documents=texts,
            metadatas=[{"source": s} for s in sources],
            embeddings=embedder.embed_documents(texts),
        )
        self.embedder = embedder

    def search(self, question: str) -> tuple[list[str], str, float]:
        """Sources of the top k passages, their joined text, and the time taken (ms)."""
        started = time.perf_counter()
        found = self.collection.query(
            query_embeddings=[self.embedder.embed_query(question)], n_results=TUTORIAL_K
        )
        elapsed = (time.perf_counter() - started) * 1000
        sources = [m["source"] for m in found["metadatas"][0]]
        return sources, "\n".join(found["documents"][0]), elapsed


def score_set(runtime: Runtime, knowledge_dir: Path, cases: list[Case]) -> Scores:
    copilot_ = runtime.copilot
    # a citation's passage, by its document and opening (a document may keep the older version
    # of a part it had replaced beside its current passages)
    statuses: dict[tuple[str, str], set[str]] = {}
    for chunk in runtime.snapshots.get().chunks:
        statuses.setdefault((chunk.source, chunk.text[:SNIPPET_CHARS]), set()).add(chunk.status)
    tutorial = Tutorial(knowledge_dir, runtime.embedder, int(runtime.settings.max_file_mb * 2**20))
    for case in cases[:10]:  # warm caches before timing
        copilot_.ask(case.question)
    scores = Scores()
    for case in cases:
        started = time.perf_counter()
        result = copilot_.ask(case.question)
        scores.latency_ms.append((time.perf_counter() - started) * 1000)
        retrieval = copilot_.retrieve(case.question)
        scores.signals.append((case.expect, retrieval))
        t_sources, t_text, t_ms = tutorial.search(case.question)
        scores.tutorial_ms.append(t_ms)
        cited = [c.source for c in result.citations]
        text = result.answer
        violated = [s for s in case.must_not_include if _contains(text, s)]
        scores.violations += bool(violated)
        scores.phi_echoed += any(_contains(case.question, s) for s in violated)
        scores.stale_cited += any(CURRENT not in statuses.get((c.source, c.snippet), {CURRENT})
                                  for c in result.citations)
        if case.expect == "decline":
            scores.uncovered += 1
            declined = not result.found and not violated
            scores.declined += declined
            if not declined:
                scores.misses.append(f"{case.id} decline: answered")
            continue
        scores.answerable += 1
        scores.not_covered += result.coverage == "not_covered"
        scores.weak += result.coverage == "weak"
        groups = len(case.must_include)
        met = facts_met(case, text)
        rank = first_hit(cited, case.sources)
        scores.answers.add(rank, met, groups)
        passages = [h.chunk for h in retrieval.hits[:TUTORIAL_K]]
        scores.retrieval.add(
            first_hit([c.source for c in passages], case.sources),
            facts_met(case, "\n".join(c.text for c in passages)),
            groups,
        )
        scores.tutorial.add(first_hit(t_sources, case.sources), facts_met(case, t_text), groups)
        if rank != 1 or met < groups:
            scores.misses.append(
                f"{case.id} {result.coverage}: cited rank {rank}, facts {met}/{groups}"
            )
    return scores


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else 0.0


def report(name: str, cases: list[Case], s: Scores) -> None:
    a, r, t = s.answers, s.retrieval, s.tutorial
    print(f"\n## {name}: {len(cases)} questions ({s.answerable} answerable, {s.uncovered} not)")
    print("| | hit@1 | hit@3 | MRR | fact recall | all facts |")
    print("|---|---|---|---|---|---|")
    print(
        f"| copilot answer (citations) | {a.hit(1):.3f} | {a.hit(3):.3f} | {a.mrr:.3f} "
        f"| {a.recall:.3f} | {a.all_facts / (s.answerable or 1):.3f} |"
    )
    print(
        f"| copilot retrieval (top {TUTORIAL_K} passages) | {r.hit(1):.3f} | {r.hit(3):.3f} "
        f"| {r.mrr:.3f} | in top {TUTORIAL_K}: {r.recall:.3f} | |"
    )
    print(
        f"| tutorial recipe (1000/200, Chroma, MiniLM, k={TUTORIAL_K}) | {t.hit(1):.3f} "
        f"| {t.hit(3):.3f} | {t.mrr:.3f} | in top {TUTORIAL_K}: {t.recall:.3f} | |"
    )
    print(
        f"answerable answered 'not covered': {s.not_covered} of {s.answerable} "
        f"({s.not_covered / (s.answerable or 1):.0%}); weak evidence: {s.weak}"
    )
    print(f"uncovered declined: {s.declined} of {s.uncovered}")
    print(f"violations: {s.violations}; PHI echoed: {s.phi_echoed}; stale cited: {s.stale_cited}")
    print(
        f"warm answer latency p50 {statistics.median(s.latency_ms):.1f} ms, "
        f"p95 {_pct(s.latency_ms, 0.95):.1f} ms (targets 60 / 150); tutorial retrieval "
        f"p50 {statistics.median(s.tutorial_ms):.1f} ms, p95 {_pct(s.tutorial_ms, 0.95):.1f} ms"
    )
    if os.environ.get("QA_DEV_MISSES"):
        print("\n".join(s.misses))


def own_signals(runtime: Runtime) -> list[tuple[str, Retrieval]]:
    """The retrieval of every question of the project's own suites (where the decision's
    thresholds were chosen), with what the suite expects."""
    copilot_ = runtime.copilot
    return [
        (case.expect, copilot_.retrieve(case.question))
        for suite in load_suites([ROOT / "evals" / "suites"])
        for case in suite.cases
        if case.question
    ]


def decision_curve(runtime: Runtime, sets: dict[str, list[tuple[str, Retrieval]]]) -> None:
    """Answerable questions answered vs. uncovered questions not answered, as the decision's
    confident-dense threshold moves (the other thresholds as shipped), for each set."""
    rule = runtime.copilot.retriever.rule
    floor = runtime.settings.min_relevance
    print("\n### 'not covered' decision: answered (of answerable) / not answered (of uncovered)")
    print("| confident_dense | " + " | ".join(sets) + " |")
    print("|---|" + "---|" * len(sets))
    for value in (0.45, 0.5, 0.55, 0.6, 0.65):
        moved = rule.model_copy(update={"confident_dense": value})
        cells = []
        for signals in sets.values():
            answerable = [r for e, r in signals if e != "decline"]
            uncovered = [r for e, r in signals if e == "decline"]
            def outcome(r, rule_=moved):
                return rule_.decide(r.top_dense, r.coverage, r.topics, floor, r.unasked, r.unread)
            answered = sum(outcome(r) == "answered" for r in answerable)
            declined = sum(outcome(r) != "answered" for r in uncovered)
            cells.append(f"{answered}/{len(answerable)} · {declined}/{len(uncovered)}")
        mark = " (shipped)" if value == rule.confident_dense else ""
        print(f"| {value}{mark} | " + " | ".join(cells) + " |")


def runtime_for(knowledge_dir: Path, data_dir: Path, shared: Runtime | None = None) -> Runtime:
    updates = {"drafter": "grounded", "knowledge_dir": knowledge_dir, "data_dir": data_dir}
    if shared is not None:
        return shared.derive(**updates)
    return Runtime.from_settings(get_settings().model_copy(update=updates))


def main() -> None:
    if not QA_DEV.is_file():
        sys.exit(f"qa-dev set not found: {QA_DEV} (set QA_DEV_FILE)")
    with tempfile.TemporaryDirectory(prefix="bench-qa-") as tmp:
        runtime = runtime_for(ROOT / "knowledge", Path(tmp) / "default")
        runtime.indexer.run()
        runtime.warm()
        settle(runtime)
        cases = read_cases(QA_DEV)
        scores = score_set(runtime, ROOT / "knowledge", cases)
        report(f"qa-dev ({QA_DEV.name})", cases, scores)
        curves = {"own suites (chosen on)": own_signals(runtime),
                  "qa-dev (measured only)": scores.signals}
        clinics = [("second clinic", "tests/answer/second_clinic",
                    build_second_clinic(Path(tmp) / "second-clinic"), SECOND_QUESTIONS)]
        clinics += [(f"{name} clinic", f"benchmarks/clinics/{name}", CLINICS / name / "documents",
                     CLINICS / name / "questions.jsonl")
                    for name in ("third", "fourth", "fifth", "sixth")]
        for name, where, documents, questions in clinics:
            other = runtime_for(documents, Path(tmp) / name, shared=runtime)
            other.indexer.run()
            other.warm()
            settle(other)
            other_cases = read_cases(questions)
            other_scores = score_set(other, documents, other_cases)
            report(f"{name} ({where})", other_cases, other_scores)
            curves[name] = other_scores.signals
        decision_curve(runtime, curves)


if __name__ == "__main__":
    main()
