"""``kill -9`` of a real ``copilot serve`` while an upload's job embeds, then a restart: nothing is
left staged, the document is absent (from the folder and the index) and its job says it failed
and why; the half-built generation is gone."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time

import httpx

from copilot.auth import add_token, add_user
from tests.security.conftest import small_knowledge
from tests.support import REPO, free_port, make_settings, wait_for_job

SENTENCE = "Shuttle buses leave the north car park for the clinic every ten minutes. "


def long_document(sections: int) -> bytes:
    body = "".join(f"## Stop {n}\n\n{SENTENCE * 13}\n\n" for n in range(sections))
    return f"# Shuttle\n\n{body}".encode()


def start(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "copilot.cli", "serve"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def wait_ready(url: str, proc: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, "copilot serve exited"
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "copilot serve never became ready"
        time.sleep(0.2)


def test_kill_9_while_an_upload_indexes_then_restart(tmp_path):
    knowledge = small_knowledge(tmp_path)
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge)
    users = settings.data_dir / "users.yaml"
    add_user(users, "owner", "content_owner", "pw-owner-synthetic-3")
    headers = {"Authorization": f"Bearer {add_token(users, 'owner')}"}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "COPILOT_DATA_DIR": str(settings.data_dir),
        "COPILOT_KNOWLEDGE_DIR": str(knowledge),
        "COPILOT_PORT": str(port),
        "COPILOT_DRAFTER": "grounded",
        "COPILOT_SECRET_KEY": "test-secret-key-not-for-production",
    }
    env.pop("COPILOT_USERS_FILE", None)
    cli = [sys.executable, "-m", "copilot.cli"]
    subprocess.run([*cli, "index"], cwd=REPO, env=env, check=True, capture_output=True)

    server = start(env)
    try:
        wait_ready(url, server)
        with httpx.Client(base_url=url, headers=headers, timeout=60) as owner:
            files = {"file": ("shuttle.md", io.BytesIO(long_document(1500)), "text/markdown")}
            accepted = owner.post("/api/documents", files=files, data={"path": "travel/shuttle.md"})
            assert accepted.status_code == 202, accepted.text
            job_url = accepted.headers["Location"]
            deadline = time.monotonic() + 300
            while (job := owner.get(job_url).json())["phase"] != "embedding" or not job["done"]:
                assert job["state"] in ("queued", "running"), job
                assert time.monotonic() < deadline, job
                time.sleep(0.05)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)
    assert job["done"] < job["total"]  # killed half-way through the embedding
    assert (knowledge / "travel" / "shuttle.md").is_file()  # what kill -9 leaves behind
    assert list((settings.data_dir / "uploads").iterdir())

    again = start(env)
    try:
        wait_ready(url, again)
        with httpx.Client(base_url=url, headers=headers, timeout=60) as owner:
            failed = owner.get(job_url).json()
            recovery = next(j for j in owner.get("/api/jobs").json() if j["user"] == "system")
            recovered = wait_for_job(owner, recovery["url"])
            sources = {s["path"] for s in owner.get("/api/sources").json()}
    finally:
        again.terminate()
        again.wait(timeout=30)
    assert failed["state"] == "failed", failed
    assert failed["error"].startswith("the server stopped before this job finished")
    assert recovered["state"] == "done"
    assert "travel/shuttle.md" not in sources and not (knowledge / "travel").exists()
    assert list((settings.data_dir / "uploads").iterdir()) == []

    from copilot.knowledge.store import ChunkStore

    assert ChunkStore.from_settings(settings).drop_stale_generations() == 0  # no orphan left
