"""The eval suites through a real local model server beside the grounded drafter (``make
bench-llm``; not in CI, not in ``make bench``: it needs a model endpoint).

Set ``COPILOT_OPENAI_BASE_URL`` (e.g. ``llama_cpp.server`` or Ollama at ``http://127.0.0.1:8000/v1``)
and ``COPILOT_OPENAI_MODEL``; ``COPILOT_LLM_TIMEOUT_S`` and ``COPILOT_LLM_MAX_TOKENS`` apply.
Prints per suite: passed cases, answers with a citation, and for the model how many answers it
drafted itself, how many the guard revised or blocked, and how many fell back to the documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import copilot  # noqa: E402, F401  (offline environment before any model library loads)
from copilot.evals.runner import run_with_runtime  # noqa: E402
from copilot.evals.suite import load_suites  # noqa: E402
from copilot.runtime import Runtime  # noqa: E402
from copilot.settings import get_settings  # noqa: E402


def _row(report, suite_name: str) -> tuple[str, str]:
    suite = next(s for s in report.suites if s.name == suite_name)
    cases = suite.cases
    cited = sum(1 for c in cases if c.observation.citations)
    return f"{suite.metrics.passed}/{len(cases)}", f"{cited}/{len(cases)}"


def main() -> int:
    settings = get_settings()
    if not settings.openai_base_url:
        print("set COPILOT_OPENAI_BASE_URL to a running OpenAI-compatible model server")
        return 2
    grounded = Runtime.from_settings(settings.model_copy(update={"drafter": "grounded"}))
    grounded.indexer.run()
    model = grounded.derive(drafter="openai")
    suites = load_suites([ROOT / "evals" / "suites"])
    reports = {name: run_with_runtime(suites, rt, workers=1)
               for name, rt in (("grounded", grounded), ("model", model))}
    print(f"model {settings.openai_model} at {settings.openai_base_url}, timeout "
          f"{settings.llm_timeout_s:g} s, max_tokens {settings.llm_max_tokens}")
    print(f"{'suite':<22} {'grounded pass':>13} {'cited':>8}   {'model pass':>10} {'cited':>8}")
    for suite in suites:
        g_pass, g_cited = _row(reports["grounded"], suite.suite)
        m_pass, m_cited = _row(reports["model"], suite.suite)
        print(f"{suite.suite:<22} {g_pass:>13} {g_cited:>8}   {m_pass:>10} {m_cited:>8}")
    cases = [c for s in reports["model"].suites for c in s.cases]
    drafted = sum(1 for c in cases if c.observation.drafter == "openai")
    verdicts = {v: sum(1 for c in cases if c.observation.verdict == v)
                for v in ("pass", "revised", "blocked")}
    for name, report in reports.items():
        m = report.metrics
        print(f"{name:<9} p50 / p95 {m.latency_p50_ms:.0f} / {m.latency_p95_ms:.0f} ms, "
              f"strict accuracy {m.strict_accuracy or 0:.1%}")
    print(f"model drafted {drafted}/{len(cases)} answers itself (the rest fell back to the "
          f"documents); verdicts {verdicts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
