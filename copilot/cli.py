"""The ``copilot`` command: a thin shell over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import typer

from copilot.commands import ask, audit, evals, guard, index, serve

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Clinic call-center copilot: index the knowledge base, ask, guard, serve, evaluate.",
)

for _module in (index, guard, ask, serve, audit, evals):
    _module.register(app)

if __name__ == "__main__":
    app()
