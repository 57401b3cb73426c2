"""CLI command: ``copilot ask`` — one question, or a JSONL batch with the models loaded once."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from copilot.answer.model import AnswerResult
from copilot.commands.batch import read_batch

EXIT_USAGE = 2


def _print(result: AnswerResult, console: Console) -> None:
    if result.urgent:
        console.print("[bold red]URGENT[/bold red]")
    console.print(result.answer)
    if result.citations:
        console.print("\n[bold]Sources[/bold]")
    for n, c in enumerate(result.citations, start=1):
        page = f", page {c.page}" if c.page else ""
        console.print(f"[{n}] {c.title} — {c.section}{page} (updated {c.last_updated}) {c.source}")
    if result.verdict != "pass":
        rules = ", ".join(sorted({v.rule for v in result.violations}))
        console.print(f"\n[yellow]guard: {result.verdict} ({rules})[/yellow]")
    if result.fallback_reason:
        console.print(f"[yellow]{result.fallback_reason}[/yellow]")
    console.print(f"[dim]{result.drafter} · {result.latency_ms:.0f} ms[/dim]")


def ask(
    question: str = typer.Argument(None, help="The agent's question (omit with --batch)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
    batch: Path | None = typer.Option(None, help='JSONL file of {"id", "question"} objects.'),
    drafter: str | None = typer.Option(None, help="Drafter to use (default: settings)."),
    archived: bool = typer.Option(False, "--archived", help="Allow archived documents."),
) -> None:
    """Answer a question from the indexed knowledge base, with citations and the guard's verdict."""
    from copilot.runtime import Runtime
    from copilot.services import asking
    from copilot.settings import get_settings

    err = Console(stderr=True, soft_wrap=True)
    if (question is None) == (batch is None):
        err.print("[red]error:[/red] give either a QUESTION or --batch FILE")
        raise typer.Exit(EXIT_USAGE)
    try:
        items = read_batch(batch, "question") if batch else [(None, question)]
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    runtime = Runtime.from_settings(get_settings())
    try:
        copilot = runtime.copilot_with(drafter)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if not runtime.store.ready():
        err.print("[red]error:[/red] the index is empty: run `copilot index` first")
        raise typer.Exit(EXIT_USAGE)
    for item_id, text in items:
        result = asking.ask(runtime, text, "cli", copilot=copilot, include_archived=archived)
        if batch:
            typer.echo(json.dumps({"id": item_id, **result.model_dump()}))
        elif as_json:
            typer.echo(result.model_dump_json())
        else:
            _print(result, Console())


def register(app: typer.Typer) -> None:
    """Add ``ask`` to the ``copilot`` app."""
    app.command("ask")(ask)
