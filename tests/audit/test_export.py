"""``copilot audit export``: CSV and JSON Lines, --since, --out, and clear errors."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from copilot.answer.model import AnswerResult, Citation
from copilot.audit import AuditStore
from copilot.audit.export import CSV_COLUMNS, write_answers
from copilot.cli import app
from copilot.settings import get_settings


@pytest.fixture
def audit_env(tmp_path, monkeypatch):
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COPILOT_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    store = AuditStore.from_url(get_settings().sqlalchemy_url())
    result = AnswerResult(
        answer="Call 555-0100, ext. 4.",
        redacted_question="Which extension, for [PERSON]?",
        citations=[Citation(source="quick-reference/contacts-and-extensions.md", title="C")],
    )
    answer_id = store.record_answer("ana", "agent", result, "c1")
    store.record_feedback(answer_id, "ana", "down", "needs the billing line")
    store.close()
    yield tmp_path
    get_settings.cache_clear()


def test_csv_export_has_one_row_per_answer_with_feedback_counts(audit_env):
    out = audit_env / "audit.csv"
    result = CliRunner().invoke(app, ["audit", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["question"] == "Which extension, for [PERSON]?"
    assert rows[0]["sources"] == "quick-reference/contacts-and-extensions.md"
    assert (rows[0]["feedback_up"], rows[0]["feedback_down"]) == ("0", "1")
    assert rows[0]["feedback_comments"] == "needs the billing line"


def test_jsonl_export_to_stdout_respects_since(audit_env):
    result = CliRunner().invoke(
        app, ["audit", "export", "--format", "jsonl", "--since", "2000-01-01"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and lines[0]["feedback"][0]["rating"] == "down"
    later = CliRunner().invoke(
        app, ["audit", "export", "--format", "jsonl", "--since", "2999-01-01"]
    )
    assert not [line for line in later.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--since", "last tuesday"], "is not a date"), (["--format", "xml"], "is not a format")],
)
def test_bad_options_are_named(audit_env, args, message):
    result = CliRunner().invoke(app, ["audit", "export", *args])
    assert result.exit_code != 0
    assert message in result.output


def test_write_answers_refuses_unknown_formats():
    with pytest.raises(ValueError, match="format must be one of"):
        write_answers([], "xml", io.StringIO())
