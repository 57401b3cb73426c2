"""Helpers shared by test packages (import as ``tests.support``)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from copilot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"


def make_settings(data_dir: Path, **overrides) -> Settings:
    """Settings for a test: the repo's knowledge, an isolated data dir, no .env file."""
    values = {
        "knowledge_dir": KNOWLEDGE,
        "data_dir": data_dir,
        "secret_key": "test-secret-key-not-for-production",
        **overrides,
    }
    return Settings(_env_file=None, **values)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    """A real ``chroma run --path PATH`` server on a free port; yields its URL once it answers."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    process = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chroma server did not start within 30 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_job(
    client: httpx.Client, accepted: httpx.Response | str, seconds: float = 500
) -> dict:
    """Poll the job a ``202 Accepted`` response names (or the job URL) until it is done or
    failed; its last view."""
    if isinstance(accepted, str):
        url = accepted
    else:
        assert accepted.status_code == 202, accepted.text
        url = accepted.headers["Location"]
    deadline = time.monotonic() + seconds
    while True:
        job = client.get(url).json()
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job still {job['state']} after {seconds} s: {job}"
        time.sleep(0.1)


def indexed_clinic(runtime, tmp_path_factory, build, name: str):
    """A runtime over the clinic ``build(folder)`` writes, indexed in a data dir of its own
    (sharing the session's models)."""
    folder = build(tmp_path_factory.mktemp(name))
    clinic = runtime.derive(knowledge_dir=folder, data_dir=tmp_path_factory.mktemp(f"{name}-data"))
    report = clinic.indexer.run()
    assert not report.failed, report.failed
    return clinic


def copy_index(source, target) -> None:
    """Publish in ``target`` (a ChunkStore) a generation holding the chunks of ``source``'s
    serving generation with their stored vectors, and its last report: an index of the same
    documents without putting them through the model again."""
    stored = source.stored_chunks()
    generation = target.new_generation()
    target.add(generation, [s.chunk for s in stored], [s.embedding for s in stored])
    target.publish(generation, source.last_report())


def make_users(users_file: Path, tag: str) -> tuple[dict[str, str], dict[str, str]]:
    """A user of every role (named after it) in ``users_file``, with a synthetic password
    (ending in ``tag``) and an API token; their passwords and tokens by role."""
    from copilot.auth import add_token, add_user
    from copilot.auth.roles import all_roles

    passwords, tokens = {}, {}
    for role in all_roles():
        passwords[role] = f"pw-{role}-synthetic-{tag}"
        add_user(users_file, role, role, passwords[role])
        tokens[role] = add_token(users_file, role)
    return passwords, tokens
