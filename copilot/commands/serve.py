"""CLI commands: ``copilot serve`` (the web app) and ``copilot users`` (accounts and API tokens)."""

from __future__ import annotations

from typing import Annotated

import typer

users_app = typer.Typer(no_args_is_help=True, help="Manage sign-in accounts and API tokens.")


def _first_start_message(passwords: dict[str, str], path, host: str, port: int) -> str:
    lines = [
        f"First start: created the {' and '.join(passwords)} accounts in {path} (hashed).",
        f"Sign in at http://{host}:{port}/login with:",
        *(f"  {name:<6} password: {password}" for name, password in passwords.items()),
        "These passwords are shown only once. Change them with: copilot users add NAME --role ROLE",
    ]
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add ``copilot serve`` and ``copilot users`` to the copilot app."""

    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Bind address (default: settings)")] = None,
        port: Annotated[int | None, typer.Option(help="Port (default: settings)")] = None,
        workers: Annotated[
            int | None,
            typer.Option(
                min=1, help="Server processes (default: settings); >1 needs a Chroma server"
            ),
        ] = None,
    ) -> None:
        """Serve the side panel, the API and the admin page."""
        import uvicorn

        from copilot.auth import create_first_users, users_path
        from copilot.settings import Settings, get_settings

        # --workers is checked by the same rules as COPILOT_WORKERS
        settings = Settings(workers=workers) if workers else get_settings()
        host, port = host or settings.host, port or settings.port
        workers = settings.workers
        passwords = create_first_users(users_path(settings))
        if passwords:
            typer.echo(_first_start_message(passwords, users_path(settings), host, port))
        uvicorn.run(
            "copilot.web.app:app_from_settings",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=False,
            log_config=None,
        )

    app.add_typer(users_app, name="users")


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -)")],
    role: Annotated[str, typer.Option(help="agent, qa, content_owner or admin")],
) -> None:
    """Create a user (or reset their password and role); prints a new random password once."""
    from pydantic import ValidationError

    from copilot.auth import UsersFileError, add_user, users_path
    from copilot.settings import get_settings

    path = users_path(get_settings())
    try:
        password = add_user(path, name, role)
    except ValidationError as error:  # the message alone, not pydantic's report and link
        problem = error.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise typer.BadParameter(problem) from None
    except (UsersFileError, ValueError) as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(f"{name} ({role}) saved in {path}; password (shown once): {password}")


@users_app.command("disable")
def disable(name: Annotated[str, typer.Argument(help="An existing user")]) -> None:
    """Disable a user: no sign-in, no API token, and every open session ends at once."""
    from copilot.audit import AuditStore
    from copilot.audit.session_versions import SessionVersions
    from copilot.auth import UsersFileError, users_path
    from copilot.auth.users import set_disabled
    from copilot.settings import get_settings

    settings = get_settings()
    try:
        set_disabled(users_path(settings), name)
    except UsersFileError as error:
        raise typer.BadParameter(str(error)) from None
    store = AuditStore.from_url(settings.sqlalchemy_url())
    try:
        SessionVersions(store.engine).bump(name)
    finally:
        store.close()
    typer.echo(f"{name} is disabled; their sessions have ended")


@users_app.command("token")
def token(name: Annotated[str, typer.Argument(help="An existing user")]) -> None:
    """Issue an API token for a user (send it as 'Authorization: Bearer <token>')."""
    from copilot.auth import UsersFileError, add_token, users_path
    from copilot.settings import get_settings

    try:
        issued = add_token(users_path(get_settings()), name)
    except UsersFileError as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(issued)
