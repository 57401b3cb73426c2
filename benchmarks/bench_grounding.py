"""What the grounding check adds to a grounded answer, beside the answer itself, in one run.

Over every eval-suite question (warm, in-process, ``grounded`` drafter): the whole ``ask`` and,
on the same question's draft, the grounding check alone. Target: the check adds <= 5 ms p95.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import copilot  # noqa: E402, F401  (offline environment before any model library loads)
from benchmarks.bench_ask import questions  # noqa: E402
from copilot.answer.steps import Question  # noqa: E402
from copilot.runtime import Runtime  # noqa: E402
from copilot.settings import get_settings  # noqa: E402


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    runtime = Runtime.from_settings(get_settings().model_copy(update={"drafter": "grounded"}))
    runtime.indexer.run()
    runtime.warm()
    answer = runtime.copilot
    asked = questions()
    for question in asked[:10]:
        answer.ask(question)
    asks, checks = [], []
    for question in asked:
        started = time.perf_counter()
        answer.ask(question)
        asks.append((time.perf_counter() - started) * 1000)
        retrieved = answer.search_steps.invoke(Question(question))
        if not retrieved.retrieval.found:
            continue
        draft = answer.drafter.draft(answer.request(retrieved))
        started = time.perf_counter()
        answer.ground(retrieved, draft)
        checks.append((time.perf_counter() - started) * 1000)
    print(f"questions              {len(asks)} ({len(checks)} drafted)")
    print(f"ask (with the check)   median {statistics.median(asks):.1f} ms, p95 {p95(asks):.1f} ms")
    print(f"grounding check alone  median {statistics.median(checks):.2f} ms, "
          f"p95 {p95(checks):.2f} ms  (target <= 5 ms p95)")


if __name__ == "__main__":
    main()
