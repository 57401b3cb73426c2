"""Typed results of an eval run; the JSON report is exactly ``RunReport.model_dump_json()``.

Questions are stored only in their redacted form: reports may be shared and archived.
"""

from __future__ import annotations

from pydantic import BaseModel


class CitedSource(BaseModel):
    source: str
    title: str = ""
    section: str = ""
    page: int | None = None


class Observation(BaseModel):
    """What the copilot did for one case (or the error it raised)."""

    answer: str = ""
    citations: list[CitedSource] = []
    verdict: str = ""
    found: bool = True
    redacted_question: str = ""
    notes: list[str] = []
    drafter: str = ""
    latency_ms: float = 0.0
    policy_violations: list[str] = []  # guard rules the final answer still breaks
    phi_echoed: list[str] = []  # labels of question PHI that reappears in the answer
    error: str = ""


class CaseResult(BaseModel):
    """One graded case: pass/fail, the reasons, and the numbers the metrics are built from."""

    id: str
    suite: str
    area: str
    expect: str
    passed: bool
    reasons: list[str] = []
    groups_total: int = 0
    groups_hit: int = 0
    forbidden: list[str] = []
    has_sources: bool = False
    rank: int | None = None
    decline_correct: bool | None = None  # None for "route" cases: either way may be right
    verdict_ok: bool = True
    observation: Observation


class Metrics(BaseModel):
    """Aggregates over a set of cases; None where nothing could be measured."""

    cases: int = 0
    passed: int = 0
    strict_accuracy: float | None = None
    fact_recall: float | None = None
    hit_at_1: float | None = None
    hit_at_3: float | None = None
    hit_at_5: float | None = None
    mrr: float | None = None
    decline_accuracy: float | None = None
    forbidden: int = 0
    violations: int = 0
    phi_echo: int = 0
    errors: int = 0
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None


class SuiteResult(BaseModel):
    name: str
    path: str = ""
    thresholds: dict[str, float | int] = {}
    metrics: Metrics
    by_area: dict[str, Metrics] = {}
    threshold_failures: list[str] = []
    target_gaps: list[str] = []  # targets missed (reported, not gating)
    cases: list[CaseResult] = []


class RunReport(BaseModel):
    """A whole ``copilot eval run``: every suite, overall metrics and the gate outcome."""

    started_at: str
    drafter: str
    seconds: float
    metrics: Metrics
    by_area: dict[str, Metrics] = {}
    suites: list[SuiteResult] = []

    @property
    def passed(self) -> bool:
        """True when no suite missed a threshold."""
        return not any(s.threshold_failures for s in self.suites)

    def all_cases(self) -> list[CaseResult]:
        return [case for suite in self.suites for case in suite.cases]
