"""Every ``copilot`` error is one line on stderr with exit 2: no boxes, tracebacks or links."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from copilot.cli import app
from copilot.settings import get_settings


@pytest.fixture
def cli(monkeypatch, tmp_path):
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COPILOT_USERS_FILE", str(tmp_path / "data" / "users.yaml"))
    get_settings.cache_clear()
    yield lambda *args: CliRunner().invoke(app, list(args))
    get_settings.cache_clear()


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
    for unwanted in ("Traceback", "╭", "pydantic.dev", "For further information"):
        assert unwanted not in result.output
    for fragment in fragments:
        assert fragment in result.output


def test_an_unknown_role_names_the_roles(cli):
    result = cli("users", "add", "sam", "--role", "boss")
    assert_one_line_error(result, "unknown role 'boss'", "agent, qa, content_owner, admin")


def test_a_missing_option_and_an_unknown_command(cli):
    assert_one_line_error(cli("users", "add", "sam"), "Missing option '--role'")
    assert_one_line_error(cli("eval", "nonsense"), "No such command 'nonsense'")


def test_a_good_command_still_succeeds(cli):
    result = cli("users", "add", "sam", "--role", "qa")
    assert result.exit_code == 0, result.output
    assert "sam (qa) saved" in result.output


@pytest.mark.parametrize(
    ("env", "fragments"),
    [
        ({"COPILOT_CHUNK_OVERLAP": "1500"}, ["COPILOT_CHUNK_OVERLAP (1500)", "COPILOT_CHUNK_SIZE"]),
        ({"COPILOT_CHUNK_SIZE": "50"}, ["COPILOT_CHUNK_SIZE:", "greater than or equal to 100"]),
        ({"COPILOT_WORKERS": "3"}, ["COPILOT_WORKERS=3", "COPILOT_CHROMA_URL"]),
        ({"COPILOT_DRAFTER": "gpt9"}, ["COPILOT_DRAFTER: unknown drafter 'gpt9'", "grounded"]),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable_and_the_limit(
    cli, monkeypatch, env, fragments
):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    assert_one_line_error(cli("sources"), *fragments)
