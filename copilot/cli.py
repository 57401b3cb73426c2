"""The ``copilot`` command: a thin shell over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import sys

import typer
from pydantic import ValidationError
from typer._click.exceptions import ClickException, NoArgsIsHelpError  # Typer's own click
from typer.core import TyperGroup

from copilot.commands import ask, audit, evals, guard, index, serve
from copilot.settings import Settings


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _validation_message(error: ValidationError) -> str:
    """Each problem once; a setting is named by its environment variable (``COPILOT_...``)."""
    settings = error.title == "Settings"
    parts = []
    for e in error.errors(include_url=False):
        where = ".".join(map(str, e["loc"]))
        if settings and where:
            where = f"{Settings.model_config['env_prefix']}{where.upper()}"
        message = str(e["ctx"]["error"]) if e["type"] == "value_error" else e["msg"]
        secret = settings and "key" in where.lower()
        if settings and e["loc"] and e["type"] != "value_error" and not secret:
            message += f" (got {e['input']!r})"
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


class OneLineErrors(TyperGroup):
    """Every error as one line on stderr with exit 2: usage errors, bad values, unreadable files.
    No boxes, no tracebacks, no library links."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except ClickException as error:
            message, code = error.format_message(), error.exit_code
        except typer.Abort:
            message, code = "aborted", 1
        except ValidationError as error:
            message, code = _validation_message(error), 2
        except (UnicodeDecodeError, OSError) as error:
            message, code = str(error), 2
        else:
            sys.exit(code if isinstance(code, int) else 0)
        typer.echo(f"error: {_one_line(message)}", err=True)
        sys.exit(code)


app = typer.Typer(
    cls=OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    help="Clinic call-center copilot: index the knowledge base, ask, guard, serve, evaluate.",
)

for _module in (index, guard, ask, serve, audit, evals):
    _module.register(app)

if __name__ == "__main__":
    app()
