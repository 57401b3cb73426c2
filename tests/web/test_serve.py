"""``copilot serve`` as a real process: first start creates and prints the admin and agent
accounts once; /healthz answers at once, /readyz says what is missing; sign-in works; several
worker processes share one Chroma server."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

from copilot.auth import add_token, add_user
from tests.support import chroma_server, wait_for_job

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path, port):
    env = {
        **os.environ,
        "COPILOT_DATA_DIR": str(tmp_path / "data"),
        "COPILOT_KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
        "COPILOT_PORT": str(port),
    }
    env.pop("COPILOT_USERS_FILE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "copilot.cli", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_healthy(url, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read()
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("copilot serve did not answer /healthz")


def read_until(proc, pattern, seconds=30):
    lines, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if re.search(pattern, line):
            return "".join(lines)
    raise AssertionError("".join(lines))


def test_first_start_creates_accounts_once_and_they_sign_in(tmp_path, unused_port):
    (tmp_path / "knowledge").mkdir()
    port = unused_port
    url = f"http://127.0.0.1:{port}"
    proc = start(tmp_path, port)
    try:
        banner = read_until(proc, r"^\s+agent\s+password:")
        passwords = dict(re.findall(r"^\s+(admin|agent)\s+password: (\S+)$", banner, re.M))
        assert set(passwords) == {"admin", "agent"} and "/login" in banner
        stored = (tmp_path / "data" / "users.yaml").read_text()
        assert all(pw not in stored for pw in passwords.values())
        assert yaml.safe_load(stored)["users"]["admin"]["role"] == "admin"
        wait_healthy(url, proc)
        ready = httpx.get(f"{url}/readyz", timeout=10)
        assert ready.status_code == 503 and ready.json()["index"] is False
        with httpx.Client(base_url=url, timeout=30) as client:
            token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text)[1]
            signed_in = client.post(
                "/login",
                data={"username": "admin", "form_token": token, "password": passwords["admin"]},
            )
            assert signed_in.status_code == 303
            assert client.get("/api/sources").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    again = start(tmp_path, port)
    try:
        wait_healthy(url, again)
    finally:
        again.terminate()
        output, _ = again.communicate(timeout=30)
    assert "password:" not in output and stored == (tmp_path / "data" / "users.yaml").read_text()


def worker_pids(server_pid: int) -> set[int]:
    """The uvicorn worker processes of a ``copilot serve --workers N`` process."""
    pids = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines())
            cmdline = (status.parent / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if int(fields["PPid"]) == server_pid and b"spawn_main" in cmdline:
            pids.add(int(status.parent.name))
    return pids


def ready(url: str) -> bool:
    """Whether the worker that accepts a fresh connection is ready."""
    with httpx.Client(base_url=url, timeout=10) as fresh:
        return fresh.get("/readyz").status_code == 200

def test_several_workers_need_a_chroma_server(tmp_path):
    env = {**os.environ, "COPILOT_DATA_DIR": str(tmp_path / "data"), "COPILOT_CHROMA_URL": ""}
    done = subprocess.run(
        [sys.executable, "-m", "copilot.cli", "serve", "--workers", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "COPILOT_CHROMA_URL" in done.stderr and "chroma run" in done.stderr


def test_two_workers_share_one_chroma_server_and_see_an_upload(models, tmp_path, unused_port):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    shutil.copy(ROOT / "knowledge/pricing/price-list.md", knowledge / "price-list.md")
    users = tmp_path / "data" / "users.yaml"
    add_user(users, "owner", "content_owner", "pw-owner-synthetic-1")
    token = add_token(users, "owner")
    with chroma_server(tmp_path / "chroma") as chroma_url:
        env = {
            **os.environ,
            "COPILOT_DATA_DIR": str(tmp_path / "data"),
            "COPILOT_KNOWLEDGE_DIR": str(knowledge),
            "COPILOT_CHROMA_URL": chroma_url,
            "COPILOT_INDEX_REFRESH_SECONDS": "0",
        }
        env.pop("COPILOT_USERS_FILE", None)
        # The index the workers start from, built as ``copilot index`` builds it but with the
        # session's loaded model (no process of its own loading the model once more).
        first = models.derive(data_dir=tmp_path / "data", knowledge_dir=knowledge,
                              chroma_url=chroma_url)
        assert not first.indexer.run().failed
        first.embed_statements()
        proc = subprocess.Popen(
            [sys.executable, "-m", "copilot.cli", "serve", "--workers", "2",
             "--port", str(unused_port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{unused_port}"
        try:
            wait_healthy(url, proc, seconds=120)
            for _ in range(120):  # the second worker may still be spawning on a loaded machine
                if len(worker_pids(proc.pid)) == 2:
                    break
                time.sleep(0.5)
            assert len(worker_pids(proc.pid)) == 2
            deadline = time.monotonic() + 120
            while sum(ready(url) for _ in range(6)) < 6:  # each worker warms on its own
                assert time.monotonic() < deadline, "the workers never became ready"
                time.sleep(0.5)
            headers = {"Authorization": f"Bearer {token}"}
            note = b"# Parking\n\nValidated parking for patients is in garage B, level 2.\n"
            with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
                files = {"file": ("parking.md", note, "text/markdown")}
                job = wait_for_job(client, client.post("/api/documents", files=files))
                assert job["state"] == "done", job

            def parked() -> str:  # a fresh connection: whichever worker accepts it answers
                with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
                    answer = client.post("/api/ask", json={"question": "Where do patients park?"})
                assert answer.status_code == 200
                return answer.json()["answer"]

            # The worker that did not run the job sees the new generation at its next question
            # and answers from the previous one while it builds the new one's snapshot (in the
            # background, at a lower priority: asked at an agent's pace, not flat out).
            in_a_row, last = 0, ""
            deadline = time.monotonic() + 180
            while in_a_row < 8 and time.monotonic() < deadline:
                last = parked()
                in_a_row = in_a_row + 1 if "garage B" in last else 0
                time.sleep(0.25)
            assert in_a_row == 8, f"a worker still answers from the old documents: {last[:300]}"
        finally:
            proc.terminate()
            proc.wait(timeout=30)
