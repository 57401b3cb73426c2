"""The self-contained HTML report: inline CSS and SVG charts, no external requests."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from copilot.evals.reports.charts import area_bars, latency_histogram
from copilot.evals.results import RunReport

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def to_html(report: RunReport) -> str:
    """Render the report page: summary, per-area chart and table, latency histogram, failures."""
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )
    cases = report.all_cases()
    latencies = [c.observation.latency_ms for c in cases if not c.observation.error]
    return env.get_template("report.html.j2").render(
        report=report,
        failed=[c for c in cases if not c.passed],
        area_chart=area_bars(report.by_area),
        latency_chart=latency_histogram(latencies),
    )
