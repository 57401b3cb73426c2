"""PHI redaction on text nobody here wrote: ``../shared/dev/phi-dev.jsonl`` scored by its README's
rules (character coverage), beside Presidio's default analyzer on the same lines, in one run.

Targets (issue 10): recall >= 0.99, precision >= 0.93, PHI lines fully redacted >= 0.97, PHI-free
lines changed <= 0.05, every label >= 0.95; redact p95 <= 25 ms warm. The set is a yardstick: it is
never read by the recognizers, their data or the tests.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails import Allowlist, Redactor  # noqa: E402
from guardrails.evaluation import CoverageScores  # noqa: E402
from guardrails.redactor import SPACY_MODEL  # noqa: E402
from tests.guardrails.phi_generator import generate  # noqa: E402

DEV = ROOT.parent / "shared" / "dev" / "phi-dev.jsonl"


def _presidio_default():
    """Presidio's AnalyzerEngine with its default recognizers and the installed spaCy model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    }).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    return lambda text: [(r.start, r.end) for r in engine.analyze(text, language="en")]


def _score(lines: list[dict], detect) -> tuple[CoverageScores, list[float]]:
    scores, times = CoverageScores(), []
    for line in lines:
        started = time.perf_counter()
        predicted = detect(line["text"])
        times.append((time.perf_counter() - started) * 1000)
        scores.add(line["text"], [(s["start"], s["end"], s["label"]) for s in line["spans"]],
                   predicted)
    return scores, times


def _row(name: str, scores: CoverageScores, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return (f"{name:22s} {scores.recall:6.3f} {scores.precision:9.3f} {scores.full:6.3f} "
            f"{scores.clean_changed:8.3f} {statistics.median(times):7.1f} {p95:7.1f}")


def main() -> None:
    if not DEV.exists():
        print(f"phi-dev: {DEV} not found; skipped")
        return
    lines = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    documents = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "knowledge").rglob("*.md"))]
    redactor = Redactor.create(Allowlist.load(extra_texts=documents))

    def ours(text: str) -> list[tuple[int, int]]:
        return [(e.start, e.end) for e in redactor.detect(text)]

    baseline = _presidio_default()
    for text in (line["text"] for line in lines[:10]):  # warm-up
        ours(text), baseline(text)
    results = {"copilot redactor": _score(lines, ours),
               "presidio default": _score(lines, baseline)}
    print(f"phi-dev: {len(lines)} lines, {sum(len(x['spans']) for x in lines)} PHI spans")
    print(f"{'':22s} {'recall':>6s} {'precision':>9s} {'full':>6s} {'clean±':>8s} "
          f"{'p50 ms':>7s} {'p95 ms':>7s}")
    for name, (scores, times) in results.items():
        print(_row(name, scores, times))
    ours_scores = results["copilot redactor"][0]
    labels = sorted(ours_scores.total, key=lambda label: -ours_scores.total[label])
    print("recall by label (copilot / presidio default):")
    for label in labels:
        print(f"  {label:12s} {ours_scores.total[label]:4d}  {ours_scores.label_recall(label):5.2f}"
              f" / {results['presidio default'][0].label_recall(label):5.2f}")
    _generated(redactor)


def _generated(redactor: Redactor, count: int = 5000) -> None:
    """Recall on generated notes (tests/guardrails/phi_generator.py, another seed than the
    tests'), and clinic terms redacted (target 0)."""
    spans = missed = clinic = clinic_hit = 0
    for sample in generate(count, seed=7):
        covered = {i for e in redactor.detect(sample.text) for i in range(e.start, e.end)}
        for start, end, _ in sample.phi:
            spans += 1
            missed += any(sample.text[i].isalnum() and i not in covered for i in range(start, end))
        for start, end in sample.clinic:
            clinic += 1
            clinic_hit += any(i in covered for i in range(start, end))
    print(f"generated notes: {count} lines, {spans} PHI spans, recall {1 - missed / spans:.4f} "
          f"(target >= 0.995); clinic terms redacted {clinic_hit}/{clinic}")


if __name__ == "__main__":
    main()
