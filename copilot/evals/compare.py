"""Compare two eval runs (their JSON reports): which cases changed, regressions first."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from copilot.evals.results import CaseResult, RunReport

Change = Literal["regression", "changed", "fixed", "added", "removed"]
_ORDER = {"regression": 0, "changed": 1, "fixed": 2, "added": 3, "removed": 4}
_COMPARED = ("strict_accuracy", "fact_recall", "hit_at_3", "mrr", "decline_accuracy",
             "forbidden", "violations", "phi_echo", "latency_p50_ms", "latency_p95_ms")


class CaseChange(BaseModel):
    id: str
    area: str
    change: Change
    before: list[str] = []  # reasons it failed before ([] = passed or absent)
    after: list[str] = []


class Comparison(BaseModel):
    changes: list[CaseChange]
    metric_deltas: dict[str, tuple[float | None, float | None]]

    @property
    def regressions(self) -> list[CaseChange]:
        return [c for c in self.changes if c.change == "regression"]


def load_report(path: Path) -> RunReport:
    """Read a JSON report written by ``copilot eval run --json``; clear error when it is not one."""
    try:
        return RunReport.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror})") from exc
    except ValidationError as exc:
        raise ValueError(f"{path}: not an eval JSON report ({exc.error_count()} problems)") from exc


def _classify(before: CaseResult | None, after: CaseResult | None) -> Change | None:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if before.passed and not after.passed:
        return "regression"
    if not before.passed and after.passed:
        return "fixed"
    if not after.passed and set(before.reasons) != set(after.reasons):
        return "changed"
    return None


def compare(old: RunReport, new: RunReport) -> Comparison:
    """Every case whose outcome differs between ``old`` and ``new``, regressions first."""
    before = {c.id: c for c in old.all_cases()}
    after = {c.id: c for c in new.all_cases()}
    changes = []
    for case_id in list(before) + [i for i in after if i not in before]:
        b, a = before.get(case_id), after.get(case_id)
        kind = _classify(b, a)
        if kind:
            changes.append(CaseChange(
                id=case_id, area=(a or b).area, change=kind,
                before=b.reasons if b else [], after=a.reasons if a else [],
            ))
    changes.sort(key=lambda c: (_ORDER[c.change], c.area, c.id))
    deltas = {name: (getattr(old.metrics, name), getattr(new.metrics, name)) for name in _COMPARED}
    return Comparison(changes=changes, metric_deltas=deltas)
