"""The full eval suite with the ``grounded`` drafter, in-process: seconds and scores.

Target: the whole run (model warm-up included) in <= 60 s on the dev machine. Uses the configured
data dir (``COPILOT_DATA_DIR``, default ``.copilot``); the index is brought up to date first
(incremental, not timed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import copilot  # noqa: E402, F401  (offline environment before any model library loads)
from copilot.evals.runner import run_with_runtime  # noqa: E402
from copilot.evals.suite import load_suites  # noqa: E402
from copilot.runtime import Runtime  # noqa: E402
from copilot.settings import get_settings  # noqa: E402

TARGET_S = 60.0


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def main() -> int:
    settings = get_settings().model_copy(update={"drafter": "grounded"})
    runtime = Runtime.from_settings(settings)
    report = runtime.indexer.run()
    if report.failed:
        print(f"index has failed files: {report.failed}")
    suites = load_suites([ROOT / "evals" / "suites"])
    started = time.perf_counter()
    runtime.warm()
    warm_s = time.perf_counter() - started
    result = run_with_runtime(suites, runtime, workers=2)
    total_s = time.perf_counter() - started
    m = result.metrics
    print(f"cases                 {m.cases} in {len(suites)} suites")
    print(f"warm-up               {warm_s:.1f} s")
    print(f"suite run             {result.seconds:.1f} s")
    print(f"total                 {total_s:.1f} s  (target <= {TARGET_S:.0f} s)")
    print(f"latency p50 / p95     {m.latency_p50_ms:.0f} / {m.latency_p95_ms:.0f} ms")
    print(f"strict accuracy       {_pct(m.strict_accuracy)}  ({m.passed}/{m.cases})")
    print(f"fact recall           {_pct(m.fact_recall)}")
    print(f"hit@1 / @3 / @5       {_pct(m.hit_at_1)} / {_pct(m.hit_at_3)} / {_pct(m.hit_at_5)}")
    print(f"MRR                   {m.mrr:.3f}")
    print(f"decline accuracy      {_pct(m.decline_accuracy)}")
    print(f"forbidden / policy / PHI echo   {m.forbidden} / {m.violations} / {m.phi_echo}")
    for suite in result.suites:
        gate = "ok" if not suite.threshold_failures else "; ".join(suite.threshold_failures)
        print(f"  {suite.name:<22} {suite.metrics.passed:>3}/{suite.metrics.cases:<3} {gate}")
    return 0 if total_s <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
