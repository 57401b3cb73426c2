"""CLI commands: ``copilot index`` (build or refresh the index) and ``copilot sources``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from copilot.knowledge.model import IndexReport

EXIT_OK, EXIT_FAILED_FILES, EXIT_USAGE = 0, 1, 2


def report_table(report: IndexReport) -> Table:
    table = Table(title="Index run", show_header=True)
    for column in ("added", "updated", "removed", "unchanged", "skipped", "failed", "chunks", "s"):
        table.add_column(column, justify="right")
    table.add_row(
        *map(
            str,
            (
                report.added,
                report.updated,
                report.removed,
                report.unchanged,
                len(report.skipped),
                len(report.failed),
                report.chunks,
                f"{report.seconds:.2f}",
            ),
        )
    )
    return table


def _problems_table(report: IndexReport) -> Table | None:
    rows = [("failed", f.path, f.error) for f in report.failed]
    rows += [("skipped", s.path, s.reason) for s in report.skipped]
    if not rows:
        return None
    table = Table(title="Files not indexed")
    for column in ("", "path", "reason"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    return table


def _settings(knowledge_dir: Path | None):
    from copilot.settings import get_settings

    settings = get_settings()
    if knowledge_dir is not None:
        settings = settings.model_copy(update={"knowledge_dir": knowledge_dir})
    return settings


def index(
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the index and embed everything."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
    knowledge_dir: Path | None = typer.Option(None, help="Folder to index (default: settings)."),
) -> None:
    """Index the knowledge folder: only new and changed documents are embedded."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from copilot.knowledge.embedder import UnsupportedModel
    from copilot.knowledge.indexer import IndexLocked, KnowledgeDirMissing
    from copilot.knowledge.store import StoreUnavailable, report_json
    from copilot.runtime import Runtime

    err = Console(stderr=True, soft_wrap=True)
    runtime = Runtime.from_settings(_settings(knowledge_dir))
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=as_json,
        transient=True,
    )
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            task = bar.add_task("embedding chunks", total=total)
        bar.update(task, completed=done)

    try:
        with bar:
            report = runtime.indexer.run(rebuild=rebuild, progress=progress)
        with err.status("embedding the documents' statements", spinner="dots"):
            runtime.embed_statements()  # answers need not embed them, nor the first start-up
    except (IndexLocked, KnowledgeDirMissing, StoreUnavailable, UnsupportedModel) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if as_json:
        typer.echo(report_json(report))
    else:
        out = Console()
        out.print(report_table(report))
        problems = _problems_table(report)
        if problems is not None:
            out.print(problems)
    raise typer.Exit(EXIT_FAILED_FILES if report.failed else EXIT_OK)


def sources(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON list."),
) -> None:
    """List what is indexed: path, title, category, status, last updated, chunks."""
    from copilot.knowledge.store import StoreUnavailable
    from copilot.runtime import Runtime
    from copilot.settings import get_settings

    try:
        rows = Runtime.from_settings(get_settings()).store.list_sources()
    except StoreUnavailable as exc:
        Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if as_json:
        typer.echo(json.dumps([r.model_dump() for r in rows]))
        return
    table = Table(title=f"{len(rows)} indexed documents")
    for column in ("path", "title", "category", "status", "last updated", "chunks"):
        table.add_column(column)
    for r in rows:
        status = f"{r.status} by {r.superseded_by}" if r.superseded_by else r.status
        table.add_row(r.path, r.title, r.category, status, r.last_updated, str(r.chunks))
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``index`` and ``sources`` to the ``copilot`` app."""
    app.command("index")(index)
    app.command("sources")(sources)
