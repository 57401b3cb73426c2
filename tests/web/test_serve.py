"""``copilot serve`` as a real process: first start creates and prints the admin and agent
accounts once; /healthz answers at once, /readyz says what is missing; sign-in works."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

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
