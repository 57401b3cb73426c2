"""Urgent symptoms: the trigger patterns alone beside patterns + meaning (MiniLM) and beside both
with the multilingual reader, on generated questions of our own (``tests/guardrails/
urgent_cases.py``; English ones, and lines in other languages): red flags found, calm questions
flagged, and the check's time per question (warm; the question's vectors are not cached between
rounds)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import copilot  # noqa: E402, F401  (offline environment before any model library loads)
from benchmarks.timing import timings  # noqa: E402
from copilot.knowledge.embedder import Embedder  # noqa: E402
from copilot.knowledge.multilingual import MultilingualEmbedder  # noqa: E402
from copilot.settings import get_settings  # noqa: E402
from guardrails import Policy  # noqa: E402
from guardrails.rules.negation import Negation  # noqa: E402
from guardrails.semantic import SemanticLayer  # noqa: E402
from guardrails.urgent import UrgentDetector  # noqa: E402
from guardrails.urgent_meaning import UrgentBank, UrgentMeaning  # noqa: E402
from tests.guardrails.urgent_cases import cases, other_language_cases  # noqa: E402

READERS = (("trigger patterns", False, False), ("patterns + meaning", True, False),
           ("patterns + meaning + multilingual", True, True))


def main() -> None:
    policy = Policy.load()
    embedder = Embedder(get_settings().model_path())
    multilingual = MultilingualEmbedder()
    flags = {trigger.name for trigger in policy.urgent.triggers}
    for title, generated in (("English", cases(per_flag=12)),
                             ("in other languages", other_language_cases())):
        urgent = [q for q, flag in generated if flag]
        calm = [q for q, flag in generated if flag is None]
        print(f"\n{len(urgent)} generated red-flag questions {title}, {len(calm)} calm ones")
        print("| | red flags found | calm questions flagged | p50 ms | p95 ms |")
        print("|---|---|---|---|---|")
        for name, meaning, other in READERS:
            def detector(meaning: bool = meaning, other: bool = other) -> UrgentDetector:
                layer = SemanticLayer(embedder.embed_documents)  # a fresh cache each time
                found = UrgentMeaning(layer, UrgentBank.load(), flags,
                                      multilingual.embed_documents if other else None)
                return UrgentDetector(policy.urgent, Negation.compile(policy.negation),
                                      found if meaning else None)

            check = detector()
            found = sum(check.detect(q) is not None for q in urgent)
            flagged = sum(check.detect(q) is not None for q in calm)
            samples = []
            for _ in range(3):
                samples += timings(detector().detect, urgent + calm, rounds=1)
            p95 = statistics.quantiles(samples, n=20)[-1]
            print(f"| {name} | {found}/{len(urgent)} | {flagged}/{len(calm)} "
                  f"| {statistics.median(samples):.2f} | {p95:.2f} |")


if __name__ == "__main__":
    main()
