"""Safer defaults and what the server keeps: framing only by the app itself, API docs behind
sign-in, route templates (not raw paths) in the log, feedback only on one's own answers, and no
staged upload left behind by a killed server."""

from __future__ import annotations

import fcntl
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from copilot.answer.model import AnswerResult
from copilot.services.uploads import clean_staging, staging_area
from tests.security.conftest import serving_unwarmed
from tests.support import REPO, make_settings

PATH_NAME = "Jane-Doe-DOB-1980-01-02"  # synthetic: a name and birth date typed into a URL


def logged_paths(log_file) -> set[str]:
    """The paths of the request lines written so far (complete lines only)."""
    complete = log_file.read_text().splitlines(keepends=True)
    lines = [json.loads(line) for line in complete if line.endswith("\n")]
    return {entry.get("path") for entry in lines if entry.get("msg") == "request"}


def test_pages_may_be_framed_only_by_the_app_itself_by_default(secure_server):
    with secure_server.client() as client:
        csp = client.get("/login").headers["content-security-policy"]
    assert "frame-ancestors 'self'" in csp and "frame-ancestors *" not in csp


@pytest.mark.parametrize("path", ["/docs", "/openapi.json"])
def test_api_docs_need_a_sign_in(secure_server, path):
    with secure_server.client() as client:
        assert client.get(path, headers={"Accept": "application/json"}).status_code == 401
        page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 401 and 'action="/login"' in page.text
    with secure_server.client("agent") as client:
        assert client.get(path).status_code == 200


def test_public_docs_setting_serves_them_to_anyone(tmp_path):
    from copilot.runtime import Runtime
    from copilot.web import create_app

    settings = make_settings(tmp_path, public_docs=True)
    with serving_unwarmed(create_app(Runtime.from_settings(settings), warm=False)) as url:
        paths = httpx.get(f"{url}/openapi.json").json()["paths"]
        assert httpx.get(f"{url}/docs").status_code == 200
    assert "/api/ask" in paths


def test_the_log_holds_route_templates_never_the_raw_path(secure_server):
    with secure_server.client("content_owner") as client:
        assert client.get(f"/{PATH_NAME}").status_code == 404
        assert client.delete(f"/api/documents/faq/{PATH_NAME}.md").status_code == 404
    expected = {"(no route)", "/api/documents/{path:path}"}
    deadline = time.monotonic() + 10  # the line is written just after the response is sent
    while not expected <= (paths := logged_paths(secure_server.log_file)):
        assert time.monotonic() < deadline, paths
        time.sleep(0.05)
    assert "Jane" not in secure_server.log_file.read_text()


def test_feedback_only_on_ones_own_answers_unless_qa_or_admin(secure_server):
    audit = secure_server.rt.audit
    answer_id = audit.record_answer("qa", "qa", AnswerResult(answer="A", redacted_question="Q"))
    own = audit.record_answer("agent", "agent", AnswerResult(answer="A", redacted_question="Q"))
    body = {"answer_id": answer_id, "rating": "down"}
    with secure_server.client("agent") as client:
        refused = client.post("/api/feedback", json=body)
        assert refused.status_code == 403, refused.text
        assert refused.json()["detail"] == "only the agent who got an answer may rate it"
        mine = client.post("/api/feedback", json={"answer_id": own, "rating": "up"})
        assert mine.status_code == 200
    for role in ("qa", "admin"):
        with secure_server.client(role) as client:
            assert client.post("/api/feedback", json={"answer_id": own, "rating": "up"}).is_success
    users = sorted(f.user for r in audit.answers() if r.id == own for f in r.feedback)
    assert users == ["admin", "agent", "qa"]


def test_staged_uploads_of_a_dead_process_are_removed_live_ones_kept(tmp_path):
    with staging_area(tmp_path) as live:
        (live / "doc.md").write_text("# in flight")
        dead = tmp_path / "uploads" / "upload-killed"
        dead.mkdir()
        (dead / ".lock").write_text("")
        (dead / "copy.md").write_text("# left by kill -9")
        assert clean_staging(tmp_path) == 1
        assert live.exists() and not dead.exists()
    assert not live.exists()


def test_a_staging_folder_left_by_kill_9_is_removed_once_its_process_is_dead(tmp_path):
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from copilot.services.uploads import staging_area\n"
        "with staging_area(Path(sys.argv[1])) as staged:\n"
        "    (staged / 'doc.md').write_text('# Parking')\n"
        "    print(staged, flush=True)\n"
        "    time.sleep(120)\n"
    )
    uploader = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        staged = Path(uploader.stdout.readline().strip())
        assert (staged / "doc.md").is_file()
        assert clean_staging(tmp_path) == 0  # the upload is still running: kept
    finally:
        uploader.send_signal(signal.SIGKILL)
        uploader.wait()
        uploader.stdout.close()
    assert staged.exists()  # kill -9 skipped the clean-up
    assert clean_staging(tmp_path) == 1
    assert not staged.exists()


def test_the_server_removes_a_killed_uploads_leftovers_at_start(tmp_path):
    from copilot.runtime import Runtime
    from copilot.web import create_app

    leftover = tmp_path / "uploads" / "upload-abc123"
    leftover.mkdir(parents=True)
    (leftover / ".lock").write_text("")
    (leftover / "big.pdf").write_bytes(b"%PDF-1.4 partial")
    other = tmp_path / "uploads" / "upload-locked"
    other.mkdir()
    with (other / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # an upload still running in another process
        app = create_app(Runtime.from_settings(make_settings(tmp_path)), warm=False)
        with serving_unwarmed(app):
            assert not leftover.exists()
            assert other.exists()
