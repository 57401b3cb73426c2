"""``copilot redact`` and ``copilot check`` as QA runs them: real subprocesses, real index."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.commands.conftest import COPILOT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(indexed) -> dict[str, str]:
    """The CLI's environment over the shared indexed workspace (its price list and contacts)."""
    return indexed.env


def run(env, *args, stdin="") -> subprocess.CompletedProcess:
    return subprocess.run([*COPILOT, *args], env=env, cwd=ROOT, input=stdin, text=True,
                          capture_output=True, timeout=300)


def test_redact_prints_the_redacted_text(env):
    done = run(env, "redact", stdin="pt Hope Alvarez cb 415-555-0199, nurse line (555) 010-0140")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pt [NAME] cb [PHONE], nurse line (555) 010-0140"


def test_redact_json(env):
    done = run(env, "redact", "--json", stdin="cb 415-555-0199")
    payload = json.loads(done.stdout)
    assert payload["text"] == "cb [PHONE]"
    assert payload["entities"] == [{"label": "PHONE", "start": 3, "end": 15, "score": 0.9}]


def test_check_flags_free_and_stale_price_with_exit_1(env):
    draft = "Our consult is free. We have a $150 phone consultation."
    done = run(env, "check", "--json", stdin=draft)
    assert done.returncode == 1
    rules = [v["rule"] for v in json.loads(done.stdout)["violations"]]
    assert rules == ["free_consultation", "price_mismatch"]


def test_check_passes_a_compliant_script_with_exit_0(env):
    text = "There is no free consultation; the promotional virtual consultation is $99."
    done = run(env, "check", "--json", stdin=text)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout) == {"verdict": "pass", "violations": []}


def test_batch_is_keyed_by_id(env, tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": "a", "text": "The $299 in-office consultation."}\n\n'
                     '{"id": 7, "text": "Feel free to call; the consult is on the house."}\n',
                     encoding="utf-8")
    done = run(env, "check", "--batch", str(batch))
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(x["id"], x["verdict"]) for x in lines] == [("a", "pass"), (7, "violation")]
    assert done.returncode == 1


@pytest.mark.parametrize(("command", "stdin", "batch_text", "message"), [
    ("redact", "   \n", None, "no text on stdin"),
    ("check", "", None, "no text on stdin"),
    ("check", "", '{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', "line 2"),
    ("redact", "", '{"id": 1}\n', 'line 1: expected an object with "id" and "text"'),
    ("redact", "", "\n\n", "no JSONL lines"),
])
def test_usage_errors_exit_2_naming_the_problem(env, tmp_path, command, stdin, batch_text,
                                                message):
    args = [command]
    if batch_text is not None:
        batch = tmp_path / "bad.jsonl"
        batch.write_text(batch_text, encoding="utf-8")
        args += ["--batch", str(batch)]
    done = run(env, *args, stdin=stdin)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


STAFF_LINE = "Priya Raman asked: transfer to (555) 010-0150 for Helen Zhao"


def test_redact_reads_the_clinic_s_names_from_the_folder_without_opening_an_index(tmp_path):
    env = {**os.environ, "COPILOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
           "COPILOT_DATA_DIR": str(tmp_path / "data")}
    done = run(env, "redact", stdin=STAFF_LINE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == STAFF_LINE  # staff and the clinic's numbers are not PHI
    assert not (tmp_path / "data").exists()  # no Chroma, no database was opened


def test_redact_without_a_knowledge_folder_uses_the_yaml_list_and_says_so(tmp_path):
    env = {**os.environ, "COPILOT_KNOWLEDGE_DIR": str(tmp_path / "none"),
           "COPILOT_DATA_DIR": str(tmp_path / "data")}
    done = run(env, "redact", stdin=STAFF_LINE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[NAME] asked: transfer to [PHONE] for [NAME]"
    assert "only the YAML allow-list" in done.stderr and "COPILOT_KNOWLEDGE_DIR" in done.stderr
