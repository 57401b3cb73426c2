"""One real server for the web tests: a Runtime over a copy of ``knowledge/`` (indexed once),
served by uvicorn on a free port in a background thread, with users of every role.

Logs of the ``copilot`` loggers are captured to ``<tmp>/logs/app.log`` for the PHI scan.
"""

from __future__ import annotations

import logging
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

import copilot  # noqa: F401  (offline environment first)
from copilot.settings import Settings
from tests.support import copy_index, make_users

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unused_port() -> int:
    """A free TCP port on localhost."""
    return free_port()


@dataclass
class Server:
    """The running app and what tests need to talk to it."""

    url: str
    app: object
    rt: object
    settings: Settings
    root: Path
    log_file: Path
    passwords: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, role: str | None = None) -> httpx.Client:
        """An API client with the bearer token of ``role`` (no credentials when None)."""
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120)

    def browser(self, role: str) -> tuple[httpx.Client, str]:
        """A cookie-signed-in client for ``role`` and its CSRF token (as the panel gets it)."""
        client = httpx.Client(base_url=self.url, timeout=120)
        form = client.get("/login").text
        token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
        response = client.post(
            "/login",
            data={"username": role, "password": self.passwords[role], "form_token": token},
        )
        assert response.status_code == 303, response.text
        page = client.get("/").text
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
        return client, csrf


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port in a thread until the block ends; yields its URL
    once ``/readyz`` answers 200."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    while httpx.get(f"{url}/readyz").status_code != 200:
        assert time.monotonic() < deadline, "the app never became ready"
        time.sleep(0.1)
    try:
        yield url
    finally:
        uv.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def server(runtime, tmp_path_factory) -> Server:
    """The app over a copy of ``knowledge/`` with an index of its own (uploads change both),
    sharing the session's loaded models. The copy's index starts as a copy of the session
    index's chunks and stored vectors (the same documents); the indexer then finds every
    document unchanged, which the fixture checks."""
    from copilot.web import create_app
    from copilot.web.request_log import JsonFormatter

    root = tmp_path_factory.mktemp("web")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    rt = runtime.derive(
        knowledge_dir=root / "knowledge",
        data_dir=root / "data",
        database_url="",
        users_file=None,
        chroma_url="",
        trusted_identity_header="",
        drafter="grounded",
    )
    settings = rt.settings
    passwords, tokens = make_users(settings.data_dir / "users.yaml", "1")

    log_file = root / "logs" / "app.log"
    log_file.parent.mkdir()
    handler = logging.FileHandler(log_file)
    handler.setFormatter(JsonFormatter())
    for name in ("copilot", "uvicorn"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)

    copy_index(runtime.store, rt.store)
    report = rt.indexer.run()
    assert (report.added, report.updated, report.removed, report.failed) == (0, 0, 0, []), report
    assert report.unchanged == report.documents == len(runtime.store.manifest())
    rt.warm()
    app = create_app(rt)
    with serving(app) as url:
        yield Server(url, app, rt, settings, root, log_file, passwords, tokens)
    for name in ("copilot", "uvicorn"):
        logging.getLogger(name).removeHandler(handler)
