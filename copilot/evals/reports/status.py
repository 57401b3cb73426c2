"""The outcome of a run in words every report shares: cases, gates and product targets, each
with its own state, so a run with failed cases is never summed up as "all met".

Gates (a suite's ``thresholds``) decide the exit code; targets are reported, not gating.
"""

from __future__ import annotations

from dataclasses import dataclass

from copilot.evals.results import CaseResult, RunReport, SuiteResult


@dataclass(frozen=True)
class Status:
    """Cases failed, gates missed and targets missed for a run or one suite."""

    cases: int
    failed: int
    gates: int
    gates_missed: list[str]
    targets_missed: list[str]

    @property
    def tone(self) -> str:
        """ "bad" when a gate is missed, "warn" when cases fail or targets are missed, else "ok"."""
        if self.gates_missed:
            return "bad"
        return "warn" if self.failed or self.targets_missed else "ok"

    @property
    def cases_text(self) -> str:
        if not self.cases:
            return "no cases"
        if self.failed:
            return f"{self.failed} of {self.cases} cases failed"
        return f"all {self.cases} cases passed"

    @property
    def gates_text(self) -> str:
        if not self.gates:
            return "no gates set"
        missed = len(self.gates_missed)
        if missed:
            return f"{missed} gate{'s' * (missed > 1)} missed"
        return f"all {self.gates} gates met" if self.gates > 1 else "the 1 gate met"

    @property
    def targets_text(self) -> str:
        missed = len(self.targets_missed)
        if missed:
            return f"{missed} product target{'s' * (missed > 1)} missed"
        return "no product target missed"

    @property
    def headline(self) -> str:
        return " · ".join((self.cases_text, self.gates_text, self.targets_text))


def suite_status(suite: SuiteResult) -> Status:
    return Status(
        cases=suite.metrics.cases,
        failed=suite.metrics.cases - suite.metrics.passed,
        gates=len(suite.thresholds),
        gates_missed=list(suite.threshold_failures),
        targets_missed=list(suite.target_gaps),
    )


def run_status(report: RunReport) -> Status:
    return Status(
        cases=report.metrics.cases,
        failed=report.metrics.cases - report.metrics.passed,
        gates=sum(len(s.thresholds) for s in report.suites),
        gates_missed=[f"{s.name}: {f}" for s in report.suites for f in s.threshold_failures],
        targets_missed=[f"{s.name}: {g}" for s in report.suites for g in s.target_gaps],
    )


def case_title(case: CaseResult) -> str:
    """What failed, in a few words: the first failed check (and how many more), or "passed"."""
    if not case.reasons:
        return "passed"
    first = case.reasons[0]
    title = first[0].upper() + first[1:]
    more = len(case.reasons) - 1
    return f"{title} (+{more} more)" if more else title
