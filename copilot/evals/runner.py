"""Run eval suites through the same answer chain the web app uses and build a ``RunReport``.

The chain is passed in as two callables so the runner stays independent of how it is built:
``ask(question) -> AnswerResult`` and ``check(text) -> [rule, ...]`` (the claims guard run again on
the final answer). ``run_with_runtime`` wires them to a ``copilot.runtime.Runtime``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from copilot.answer.model import AnswerResult
from copilot.evals import grading
from copilot.evals.metrics import phi_echoes
from copilot.evals.results import CaseResult, CitedSource, Observation, RunReport, SuiteResult
from copilot.evals.suite import Case, Suite

Ask = Callable[[str], AnswerResult]
Check = Callable[[str], list[str]]


def observe(ask: Ask, check: Check, question: str) -> Observation:
    """Ask one question and record what came back; an exception becomes ``error`` (its type
    only: exception messages may quote the question)."""
    started = time.perf_counter()
    try:
        result = ask(question)
    except Exception as exc:  # noqa: BLE001 - one failing case must not stop the run
        return Observation(error=type(exc).__name__, latency_ms=_ms_since(started))
    spans = [(r.label, r.start, r.end) for r in result.redactions]
    return Observation(
        answer=result.answer,
        citations=[
            CitedSource(source=c.source, title=c.title, section=c.section, page=c.page)
            for c in result.citations
        ],
        verdict=result.verdict,
        found=result.found,
        redacted_question=result.redacted_question,
        notes=list(result.notes),
        drafter=result.drafter,
        latency_ms=result.latency_ms or _ms_since(started),
        policy_violations=check(result.answer) if result.answer else [],
        phi_echoed=phi_echoes(question, spans, result.answer),
    )


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def run(
    suites: Sequence[Suite],
    ask: Ask,
    check: Check,
    drafter: str,
    workers: int = 2,
    on_case: Callable[[], None] | None = None,
) -> RunReport:
    """Run every case of every suite (``workers`` at a time), grade them and apply thresholds;
    ``on_case`` is called as each case is answered (a progress bar)."""
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    jobs: list[tuple[Suite, Case]] = [(s, c) for s in suites for c in s.cases]

    def answer(job: tuple[Suite, Case]) -> Observation:
        observation = observe(ask, check, job[1].question)
        if on_case:
            on_case()
        return observation

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        observations = list(pool.map(answer, jobs))
    graded: dict[str, list[CaseResult]] = {s.suite: [] for s in suites}
    for (suite, case), obs in zip(jobs, observations, strict=True):
        graded[suite.suite].append(grading.grade(case, suite.suite, obs))
    suite_results = []
    for suite in suites:
        results = graded[suite.suite]
        metrics = grading.aggregate(results)
        suite_results.append(
            SuiteResult(
                name=suite.suite,
                path=suite.path,
                thresholds=suite.thresholds.model_dump(exclude_none=True),
                metrics=metrics,
                by_area=grading.by_area(results),
                threshold_failures=grading.threshold_failures(metrics, suite.thresholds),
                target_gaps=grading.threshold_failures(metrics, suite.targets),
                cases=results,
            )
        )
    everything = [c for s in suite_results for c in s.cases]
    return RunReport(
        started_at=started_at,
        drafter=drafter,
        seconds=round(time.perf_counter() - clock, 3),
        metrics=grading.aggregate(everything),
        by_area=grading.by_area(everything),
        suites=suite_results,
    )


def run_with_runtime(
    suites: Sequence[Suite], runtime, workers: int = 2, on_case: Callable[[], None] | None = None
) -> RunReport:
    """Warm the runtime's models once, then run the suites through ``runtime.copilot``."""
    runtime.warm()

    def check(text: str) -> list[str]:
        return [v.rule for v in runtime.checker.check(text).violations]

    return run(suites, runtime.copilot.ask, check, runtime.settings.drafter, workers, on_case)
