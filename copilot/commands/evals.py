"""CLI: ``copilot eval run|compare|scripts|consistency|from-feedback`` (QA's checks).

A thin shell over ``copilot.evals``; heavy libraries are imported inside the commands.
Exit codes: 0 all good, 1 a gate was missed or findings were reported, 2 bad input.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import typer

# QA's suites ship beside the package (evals/suites in the project), wherever the command runs.
DEFAULT_SUITES = Path(__file__).resolve().parents[2] / "evals" / "suites"

eval_app = typer.Typer(
    no_args_is_help=True,
    help="QA evaluations: answer suites, approved scripts and knowledge-base consistency.",
)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@eval_app.command("run")
def run_command(
    suites: list[Path] = typer.Argument(None, help="Suite files or folders (default: all)."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the JSON report here."),
    junit_out: Path | None = typer.Option(None, "--junit", help="Write JUnit XML here."),
    html_out: Path | None = typer.Option(None, "--html", help="Write the HTML report here."),
    previous: Path | None = typer.Option(
        None, "--previous", help="JSON report of an earlier run to compare with in the HTML."
    ),
    drafter: str | None = typer.Option(None, help="Drafter to use (default from settings)."),
    workers: int = typer.Option(2, min=1, max=16, help="Cases answered in parallel."),
) -> None:
    """Run eval suites through the answer chain; exit 1 when a suite misses a threshold."""
    from copilot.evals.compare import load_report
    from copilot.evals.reports.kept_runs import keep
    from copilot.evals.reports.terminal import print_report
    from copilot.evals.suite import SuiteError, load_suites
    from copilot.settings import get_settings

    try:
        loaded = load_suites(suites or [DEFAULT_SUITES])
        earlier = load_report(previous) if previous else None
    except (SuiteError, ValueError) as exc:
        _fail(str(exc))
    settings = get_settings()
    if drafter:
        settings = settings.model_copy(update={"drafter": drafter})
    if not settings.knowledge_dir.is_dir():
        _fail(f"knowledge folder not found: {settings.knowledge_dir} (set COPILOT_KNOWLEDGE_DIR)")
    report = _run_with_progress(loaded, settings, workers)
    print_report(report)
    kept = keep(report, settings.data_dir)
    typer.echo(f"kept for the QA page (/qa): {kept}")
    if json_out:
        _write(json_out, report.model_dump_json(indent=2))
    if junit_out:
        from copilot.evals.reports.junit import to_junit

        _write(junit_out, to_junit(report))
    if html_out:
        from copilot.evals.reports.html import to_html

        _write(html_out, to_html(report, previous=earlier))
    raise typer.Exit(0 if report.passed else 1)


def _run_with_progress(suites, settings, workers: int):
    """Build the runtime and run the suites under a Rich progress bar (on stderr)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from copilot.evals.runner import run_with_runtime
    from copilot.runtime import Runtime

    total = sum(len(s.cases) for s in suites)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("loading models and index", total=total)
        runtime = Runtime.from_settings(settings)
        runtime.warm()
        progress.update(task, description="answering cases")
        return run_with_runtime(
            suites, runtime, workers=workers, on_case=lambda: progress.advance(task)
        )


@eval_app.command("compare")
def compare_command(
    before: Path = typer.Argument(..., help="JSON report of the earlier run."),
    after: Path = typer.Argument(..., help="JSON report of the later run."),
    fail_on_regression: bool = typer.Option(False, help="Exit 1 when any case regressed."),
) -> None:
    """Show which cases changed between two runs, regressions first."""
    from copilot.evals.compare import compare, load_report

    try:
        comparison = compare(load_report(before), load_report(after))
    except ValueError as exc:
        _fail(str(exc))
    for name, (old, new) in comparison.metric_deltas.items():
        if old != new:
            typer.echo(f"{name}: {_number(old)} -> {_number(new)}")
    if not comparison.changes:
        typer.echo("no case changed")
    for change in comparison.changes:
        typer.echo(f"{change.change.upper():<10} {change.id} ({change.area})")
        for reason in change.after if change.change != "fixed" else change.before:
            typer.echo(f"    - {reason}")
    raise typer.Exit(1 if fail_on_regression and comparison.regressions else 0)


@eval_app.command("scripts")
def scripts_command(
    folder: Path | None = typer.Argument(
        None, help="Folder of approved scripts (default: scripts/ in the knowledge folder)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print findings as JSON."),
) -> None:
    """Check approved answer scripts against the claims policy and current prices."""
    from copilot.evals.scripts_check import (
        SCRIPT_SUFFIXES,
        check_scripts,
        checker_for_knowledge,
        script_files,
    )
    from copilot.settings import get_settings

    settings = get_settings()
    folder = folder or settings.knowledge_dir / "scripts"
    try:
        files = script_files(folder)
    except FileNotFoundError as exc:
        _fail(str(exc))
    from copilot.knowledge.embedder import Embedder

    embedder = Embedder(settings.model_path(), settings.embedding_batch_size)
    checker = checker_for_knowledge(settings.knowledge_dir, settings.max_file_bytes(),
                                    embed=embedder.embed_documents,
                                    embed_drafts=embedder.embed_close)
    findings = []
    for file in files:
        try:
            findings.extend(check_scripts([file], checker, root=folder.parent))
        except UnicodeDecodeError:
            _fail(
                f"{file}: not UTF-8 text (approved scripts are {', '.join(SCRIPT_SUFFIXES)} text)"
            )
    if as_json:
        typer.echo(json.dumps([f.as_dict() for f in findings], indent=2))
    else:
        for f in findings:
            typer.echo(f"{f.file}:{f.line}: [{f.rule}] {f.message} ({f.text!r})")
        typer.echo(f"{len(files)} script(s) checked, {len(findings)} finding(s)")
    raise typer.Exit(1 if findings else 0)


@eval_app.command("consistency")
def consistency_command(
    knowledge_dir: Path | None = typer.Option(None, help="Knowledge folder (default settings)."),
    as_json: bool = typer.Option(False, "--json", help="Print findings as JSON."),
) -> None:
    """Lint the knowledge base for contradictions between live documents (both locations)."""
    from copilot.evals.consistency.lint import lint_knowledge
    from copilot.settings import get_settings

    settings = get_settings()
    folder = knowledge_dir or settings.knowledge_dir
    if not folder.is_dir():
        _fail(f"knowledge folder not found: {folder}")
    findings = lint_knowledge(folder, settings.max_file_bytes())
    if as_json:
        typer.echo(json.dumps([f.as_dict() for f in findings], indent=2))
    else:
        for f in findings:
            typer.echo(f"[{f.kind}] {f.message}\n    {f.first}\n    {f.second}")
        typer.echo(f"{len(findings)} finding(s)")
    raise typer.Exit(1 if findings else 0)


@eval_app.command("from-feedback")
def from_feedback_command(
    since: datetime | None = typer.Option(None, help="Only feedback from this date (ISO)."),
    out: Path | None = typer.Option(None, help="Write the draft suite here (default stdout)."),
) -> None:
    """Turn thumbs-down answers from the audit trail into draft cases for QA to complete."""
    from copilot.audit import AuditStore
    from copilot.evals.feedback import draft_suite_yaml
    from copilot.settings import get_settings

    store = AuditStore.from_url(get_settings().sqlalchemy_url())
    text = draft_suite_yaml(store.feedback_cases(since=since, rating="down"))
    if out:
        _write(out, text)
        typer.echo(f"draft cases written to {out}")
    else:
        typer.echo(text)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` sub-app to the copilot app."""
    app.add_typer(eval_app, name="eval")
