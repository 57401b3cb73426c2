"""Warm ``ask`` latency with the ``grounded`` drafter over every eval-suite question, in-process.

Target on the 2-core reference machine: median <= 60 ms, p95 <= 150 ms. Uses the configured data
dir (``COPILOT_DATA_DIR``, default ``.copilot``); the index is brought up to date first.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import copilot  # noqa: E402, F401  (offline environment before any model library loads)
from benchmarks.timing import settle  # noqa: E402
from copilot.runtime import Runtime  # noqa: E402
from copilot.settings import get_settings  # noqa: E402


def questions() -> list[str]:
    found = []
    for path in sorted((ROOT / "evals" / "suites").glob("*.yaml")):
        found += [case["question"] for case in yaml.safe_load(path.read_text())["cases"]]
    return found


def main() -> None:
    runtime = Runtime.from_settings(get_settings().model_copy(update={"drafter": "grounded"}))
    runtime.indexer.run()
    started = time.perf_counter()
    runtime.warm()
    warm_s = time.perf_counter() - started
    settle(runtime)
    asked = questions()
    for question in asked[:10]:
        runtime.copilot.ask(question)
    timings = []
    for question in asked:
        started = time.perf_counter()
        runtime.copilot.ask(question)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"questions          {len(timings)}")
    print(f"warm-up            {warm_s:.1f} s (models and index loaded once)")
    print(f"ask median         {statistics.median(timings):.1f} ms  (target <= 60 ms)")
    print(f"ask p95            {p95:.1f} ms  (target <= 150 ms)")
    print(f"ask max            {timings[-1]:.1f} ms")


if __name__ == "__main__":
    main()
