"""The self-contained interactive HTML report: inline CSS, script and SVG charts, no external
requests. Every case is on the page (filter by suite, area and outcome, search the text); with a
previous run's JSON report, each case shows what changed since then."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from copilot.evals.compare import Comparison, compare
from copilot.evals.reports.charts import area_bars, latency_histogram
from copilot.evals.reports.status import case_title, run_status, suite_status
from copilot.evals.results import CaseResult, RunReport

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def checks(case: CaseResult) -> list[tuple[bool, str]]:
    """Every check made on a case, passed or not, in reading order."""
    made: list[tuple[bool, str]] = []
    obs = case.observation
    if obs.error:
        made.append((False, f"answering raised {obs.error}"))
    if case.groups_total:
        made.append(
            (
                case.groups_hit == case.groups_total,
                f"facts found: {case.groups_hit} of {case.groups_total}",
            )
        )
    if case.has_sources:
        made.append(
            (
                case.rank is not None,
                f"expected source cited at rank {case.rank}"
                if case.rank
                else "no expected source cited",
            )
        )
    if case.decline_correct is not None:
        wanted = "a decline" if case.expect == "decline" else "an answer"
        made.append(
            (
                case.decline_correct,
                f"expected {wanted}: " + ("right" if case.decline_correct else "wrong"),
            )
        )
    made.append((case.verdict_ok, f"guard verdict: {obs.verdict or '–'}"))
    made.append(
        (
            not case.forbidden,
            "forbidden strings: " + (", ".join(repr(f) for f in case.forbidden) or "none"),
        )
    )
    made.append(
        (
            not obs.policy_violations,
            "policy violations in the final answer: "
            + (", ".join(obs.policy_violations) or "none"),
        )
    )
    made.append((not obs.phi_echoed, "PHI echoed: " + (", ".join(obs.phi_echoed) or "none")))
    return made


def to_html(report: RunReport, previous: RunReport | None = None) -> str:
    """Render the report page; ``previous`` adds a comparison with that earlier run."""
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )
    cases = report.all_cases()
    latencies = [c.observation.latency_ms for c in cases if not c.observation.error]
    comparison: Comparison | None = compare(previous, report) if previous else None
    changes = {c.id: c.change for c in comparison.changes} if comparison else {}
    return env.get_template("report.html.j2").render(
        report=report,
        status=run_status(report),
        suite_statuses={s.name: suite_status(s) for s in report.suites},
        cases=cases,
        failed=sum(not c.passed for c in cases),
        title=case_title,
        checks=checks,
        areas=sorted({c.area for c in cases}),
        previous=previous,
        comparison=comparison,
        changes=changes,
        area_chart=area_bars(report.by_area),
        latency_chart=latency_histogram(latencies),
    )
