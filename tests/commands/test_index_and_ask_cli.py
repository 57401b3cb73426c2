"""``copilot index``, ``sources`` and ``ask`` as content owners and QA run them: real processes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from copilot.knowledge.indexer import index_lock
from tests.commands.conftest import COPILOT, NOT_COVERED

ROOT = Path(__file__).resolve().parents[2]
REPORT_KEYS = {"documents", "chunks", "added", "updated", "removed", "unchanged", "skipped",
               "failed", "seconds"}
ANSWER_KEYS = {"answer", "citations", "verdict", "violations", "redactions", "notes", "drafter",
               "latency_ms"}


def run(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([*COPILOT, *args], env=env, cwd=ROOT, text=True, capture_output=True,
                          timeout=300)


def test_index_reports_json_and_exits_1_when_a_file_failed(indexed):
    done = indexed.first_index  # the data dir's first run
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == REPORT_KEYS
    assert report["added"] == len(indexed.documents) and report["chunks"] > 0
    assert [f["path"] for f in report["failed"]] == ["broken.pdf"]
    again = json.loads(run(indexed.env, "index", "--json").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (
        0, 0, len(indexed.documents))


def test_index_prints_a_table_for_people(indexed):
    env = indexed.env
    done = run(env, "index")
    assert "unchanged" in done.stdout and "broken.pdf" in done.stdout


def test_a_second_concurrent_index_run_is_refused_with_exit_2(workspace):
    env = workspace.env
    with index_lock(workspace.base / "data"):
        done = run(env, "index")
    assert done.returncode == 2
    assert "in progress" in done.stderr


def test_a_missing_knowledge_folder_is_a_usage_error(workspace):
    env = workspace.env
    done = run({**env, "COPILOT_KNOWLEDGE_DIR": "/nonexistent/folder"}, "index")
    assert done.returncode == 2
    assert "knowledge folder not found" in done.stderr


def test_sources_lists_status_and_dates(indexed):
    env = indexed.env
    rows = {r["path"]: r for r in json.loads(run(env, "sources", "--json").stdout)}
    assert rows["archive/faq-2024.md"]["status"] == "archived"
    assert rows["updates/2025-10-02.md"]["last_updated"] == "2025-10-02"
    assert all(r["chunks"] > 0 for r in rows.values())


def test_ask_json_and_batch(indexed, tmp_path):
    env = indexed.env
    one = json.loads(run(env, "ask", "how much is the virtual promo consult", "--json").stdout)
    assert set(one) >= ANSWER_KEYS
    assert "$99" in one["answer"] and one["citations"]
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "question": "dr bell friday virtual hours"}) + "\n"
        + json.dumps({"id": 7, "question": "pt is 44 asking about the $299 promo"}) + "\n"
    )
    lines = run(env, "ask", "--batch", str(batch)).stdout.splitlines()
    answers = {r["id"]: r for r in map(json.loads, lines)}
    assert set(answers) == {"a", 7}
    assert "9:00 AM" in answers["a"]["answer"]
    assert any("egg donation" in n for n in answers[7]["notes"])


def test_ask_records_a_question_nothing_covers_as_a_gap_of_the_cli(indexed, not_covered):
    from copilot.audit import AuditStore
    from tests.support import make_settings

    base = indexed.base
    assert not json.loads(not_covered.stdout)["found"]
    store = AuditStore.from_settings(make_settings(base / "data", knowledge_dir=base / "knowledge"))
    assert NOT_COVERED in [g.redacted_question for g in store.gaps(limit=1000)]


def test_ask_rejects_a_malformed_batch_line(workspace, tmp_path):
    env = workspace.env
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": 1, "question": "ok"}\nnot json\n')
    done = run(env, "ask", "--batch", str(batch))
    assert done.returncode == 2
    assert "bad.jsonl line 2" in done.stderr


def test_index_names_a_model_folder_it_cannot_use(workspace, tmp_path):
    env = workspace.env
    fresh = {**env, "COPILOT_DATA_DIR": str(tmp_path / "data"),
             "COPILOT_EMBEDDING_MODEL_PATH": str(tmp_path / "no-model")}
    done = run(fresh, "index")
    assert done.returncode == 2
    assert "not a sentence-transformers model" in done.stderr and "no-model" in done.stderr
    assert "Traceback" not in done.stderr
