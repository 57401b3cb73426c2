"""CLI commands ``copilot redact`` and ``copilot check``: the guardrails on stdin or a JSONL batch.

Exit codes: 0 done / pass, 1 ``check`` found a violation, 2 usage error (empty input, malformed
JSONL line, no indexed knowledge base).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from copilot.commands.batch import read_batch

EXIT_OK, EXIT_VIOLATION, EXIT_USAGE = 0, 1, 2

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
BatchOption = Annotated[
    Path | None,
    typer.Option("--batch", help='JSONL file of {"id", "text"} objects; prints JSONL by id.'),
]


def _inputs(batch: Path | None) -> list[tuple[Any, str]]:
    if batch is not None:
        return read_batch(batch, "text")
    text = sys.stdin.read()
    if not text.strip():
        raise ValueError("no text on stdin (pipe the text in, or use --batch FILE)")
    return [(None, text)]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _runtime():
    from copilot.runtime import Runtime
    from copilot.settings import get_settings

    return Runtime.from_settings(get_settings())


def redact(json_output: JsonOption = False, batch: BatchOption = None) -> None:
    """Redact PHI from stdin (or each line of a JSONL batch); the clinic's own names and words
    come from the knowledge folder's current documents (the index is not needed)."""
    from copilot.services.redacting import folder_allowlist
    from copilot.settings import get_settings
    from guardrails import Redactor

    try:
        items = _inputs(batch)
    except ValueError as error:
        raise _fail(str(error)) from None
    settings = get_settings()
    known = folder_allowlist(settings)
    if not known.documents:
        typer.echo(
            f"note: no current documents in {settings.knowledge_dir} (COPILOT_KNOWLEDGE_DIR): "
            "only the YAML allow-list tells the clinic's own names from PHI",
            err=True,
        )
    redactor = Redactor.create()
    for item_id, text in items:
        result = redactor.redact(text, allowlist=known.allowlist)
        if batch is not None:
            typer.echo(json.dumps({"id": item_id, **result.to_dict()}))
        elif json_output:
            typer.echo(json.dumps(result.to_dict()))
        else:
            typer.echo(result.text)


def check(json_output: JsonOption = False, batch: BatchOption = None) -> None:
    """Check a draft answer or script (stdin or JSONL batch) against the claims policy."""
    try:
        items = _inputs(batch)
    except ValueError as error:
        raise _fail(str(error)) from None
    checker = _runtime().checker
    if checker.prices is not None and len(checker.prices) == 0:
        raise _fail("no prices in the indexed knowledge base: run `copilot index` first")
    found = False
    for item_id, text in items:
        result = checker.check(text)
        found = found or result.verdict == "violation"
        if batch is not None:
            typer.echo(json.dumps({"id": item_id, **result.model_dump()}))
        elif json_output:
            typer.echo(json.dumps(result.model_dump()))
        else:
            typer.echo(result.verdict)
            for v in result.violations:
                typer.echo(f"  {v.rule} [{v.start}:{v.end}] {v.text!r}: {v.message}")
                typer.echo(f"    suggestion: {v.suggestion}")
    raise typer.Exit(EXIT_VIOLATION if found else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``redact`` and ``check`` to the copilot app."""
    app.command("redact")(redact)
    app.command("check")(check)
