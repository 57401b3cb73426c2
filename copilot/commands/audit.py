"""CLI commands: ``copilot audit export`` (the audit trail as CSV or JSON Lines, for QA) and
``copilot audit purge`` (delete what is older than the retention period)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

audit_app = typer.Typer(
    no_args_is_help=True, help="Read the audit trail (redacted questions only)."
)


def parse_since(value: str | None) -> datetime | None:
    """An ISO date or date-time (UTC unless it says otherwise); None stays None."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@audit_app.command("export")
def export(
    since: Annotated[
        str | None, typer.Option(help="Only answers from this date on (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "csv",
    out: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
) -> None:
    """Export audited answers with their feedback."""
    import sys

    from copilot.audit import AuditStore
    from copilot.audit.export import FORMATS, write_answers
    from copilot.settings import get_settings

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not a format; use one of {', '.join(FORMATS)}")
    start = parse_since(since)
    store = AuditStore.from_settings(get_settings())
    try:
        records = store.answers(since=start)
        if out is None:
            count = write_answers(records, fmt, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as handle:
                count = write_answers(records, fmt, handle)
    finally:
        store.close()
    typer.echo(f"exported {count} answers", err=True)


@audit_app.command("purge")
def purge(
    days: Annotated[
        int | None,
        typer.Option(min=1, help="Keep this many days (default: COPILOT_AUDIT_RETENTION_DAYS)."),
    ] = None,
) -> None:
    """Delete stored questions, gaps and feedback older than the retention period."""
    from copilot.audit import AuditStore
    from copilot.audit.retention import purge_expired
    from copilot.settings import get_settings

    settings = get_settings()
    keep = days if days is not None else settings.audit_retention_days
    if keep == 0:
        typer.echo("retention is 0 (keep everything): nothing purged", err=True)
        return
    store = AuditStore.from_settings(settings)
    try:
        purged = purge_expired(store.engine, keep)
    finally:
        store.close()
    typer.echo(
        f"purged {purged.answers} answers, {purged.feedback} feedback entries and "
        f"{purged.gaps} gaps older than {keep} days",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``copilot audit`` to the copilot app."""
    app.add_typer(audit_app, name="audit")
