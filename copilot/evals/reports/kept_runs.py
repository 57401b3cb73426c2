"""Eval runs kept in the data folder: ``copilot eval run`` saves every JSON report there, and
QA's web page lists them and shows each as the interactive report, compared with the run before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from copilot.evals.compare import load_report
from copilot.evals.reports.status import Status, run_status
from copilot.evals.results import RunReport

_NAME = re.compile(r"^[0-9A-Za-z_.+-]{1,80}\.json$")


def runs_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "evals"


def keep(report: RunReport, data_dir: Path) -> Path:
    """Save ``report`` as ``<data dir>/evals/<started at>.json``; returns the path."""
    folder = runs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (re.sub(r"[^0-9A-Za-z_.+-]", "-", report.started_at) + ".json")
    path.write_text(report.model_dump_json(), encoding="utf-8")
    return path


@dataclass(frozen=True)
class RunSummary:
    name: str
    started_at: str
    drafter: str
    status: Status


def _names(data_dir: Path) -> list[str]:
    return sorted(p.name for p in runs_dir(data_dir).glob("*.json") if _NAME.match(p.name))


def list_runs(data_dir: Path, limit: int = 50) -> list[RunSummary]:
    """The kept runs, newest first; a file that is not a report is left out."""
    summaries = []
    for name in reversed(_names(data_dir)[-limit:]):
        try:
            report = load_report(runs_dir(data_dir) / name)
        except ValueError:
            continue
        summaries.append(RunSummary(name, report.started_at, report.drafter, run_status(report)))
    return summaries


def run_html(data_dir: Path, name: str) -> str | None:
    """One kept run as the interactive HTML report, compared with the kept run before it;
    None when there is no such run."""
    from copilot.evals.reports.html import to_html

    names = _names(data_dir)
    if name not in names:
        return None
    report = load_report(runs_dir(data_dir) / name)
    previous = None
    for earlier in reversed(names[: names.index(name)]):
        try:
            previous = load_report(runs_dir(data_dir) / earlier)
            break
        except ValueError:
            continue
    return to_html(report, previous=previous)
