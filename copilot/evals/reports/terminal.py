"""The Rich terminal summary of a run: one row per area, each suite's cases, gates and targets,
every failed case titled by what failed, and the overall result."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from copilot.evals.reports.status import case_title, run_status, suite_status
from copilot.evals.results import Metrics, RunReport

_STYLE = {"ok": "green", "warn": "yellow", "bad": "red"}
_MARK = {"ok": "✓", "warn": "!", "bad": "✗"}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _row(name: str, metrics: Metrics) -> list[str]:
    return [
        name,
        f"{metrics.passed}/{metrics.cases}",
        _pct(metrics.fact_recall),
        _pct(metrics.hit_at_1),
        _pct(metrics.hit_at_3),
        _pct(metrics.hit_at_5),
        "–" if metrics.mrr is None else f"{metrics.mrr:.2f}",
        _pct(metrics.decline_accuracy),
        str(metrics.forbidden),
        str(metrics.violations),
        str(metrics.phi_echo),
        _ms(metrics.latency_p50_ms),
        _ms(metrics.latency_p95_ms),
    ]


def metrics_table(title: str, rows: dict[str, Metrics], total: Metrics) -> Table:
    """A table of metrics per area (or suite) with a total row."""
    table = Table(title=title, show_lines=False)
    for header in (
        "area", "pass", "recall", "hit@1", "hit@3", "hit@5", "MRR", "decline", "forbid",
        "policy", "PHI", "p50 ms", "p95 ms",
    ):
        table.add_column(header, justify="left" if header == "area" else "right")
    for name, metrics in rows.items():
        table.add_row(*_row(name, metrics))
    table.add_row(*_row("TOTAL", total), style="bold")
    return table


def print_report(report: RunReport, console: Console | None = None, max_failures: int = 50) -> None:
    """Print the per-area table, each suite's gate result and the failed cases with reasons."""
    console = console or Console(width=max(Console().width, 140))
    console.print(
        metrics_table(
            f"Eval run · drafter {report.drafter} · {report.seconds:.1f} s",
            report.by_area,
            report.metrics,
        )
    )
    for suite in report.suites:
        status = suite_status(suite)
        console.print(f"[{_STYLE[status.tone]}]{_MARK[status.tone]} {suite.name}[/]: "
                      f"{status.headline}", highlight=False)
        for failure in suite.threshold_failures:
            console.print(f"   gate missed: {failure}", markup=False, highlight=False)
        for gap in suite.target_gaps:
            console.print(f"   below target (not gating): {gap}", markup=False, highlight=False)
    failed = [c for c in report.all_cases() if not c.passed]
    if failed:
        console.print(f"\n[bold]{len(failed)} failed case(s)[/bold]")
    for case in failed[:max_failures]:
        console.print(f"[yellow]{case.suite}/{case.id}[/yellow] ({case.area}): "
                      f"{escape(case_title(case))}", highlight=False)
        for reason in case.reasons if len(case.reasons) > 1 else []:  # one is the title
            console.print(f"   - {reason}", markup=False, highlight=False)
    if len(failed) > max_failures:
        console.print(f"... and {len(failed) - max_failures} more (see the JSON or HTML report)")
    overall = run_status(report)
    console.print(f"\n[bold {_STYLE[overall.tone]}]Result: {overall.headline}[/]", highlight=False)
