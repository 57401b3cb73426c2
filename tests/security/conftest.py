"""A small real server for the security replays: synthetic documents, every role, real HTTP."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import copilot  # noqa: F401  (offline environment first)
from tests import support
from tests.audit.conftest import postgres_url  # noqa: F401  (a fixture)
from tests.web.conftest import Server, serving

FAQ = """---
title: General questions
category: faq
---
# General questions

## Where do patients park?

Patients park in the garage on level P2 and take the lift to the third floor.
"""
HOURS = """# Clinic hours

The front desk answers calls from 8 am to 5 pm, Monday to Friday.
"""


def make_users(settings) -> tuple[dict[str, str], dict[str, str]]:
    """A user of every role (named after it) with a synthetic password and an API token."""
    return support.make_users(settings.data_dir / "users.yaml", "2")


def small_knowledge(root: Path) -> Path:
    knowledge = root / "knowledge"
    (knowledge / "faq").mkdir(parents=True)
    (knowledge / "faq" / "general.md").write_text(FAQ)
    (knowledge / "hours.md").write_text(HOURS)
    return knowledge


@pytest.fixture(scope="session")
def secure_server(models, tmp_path_factory) -> Iterator[Server]:
    """The app over the two synthetic documents (an index of its own), sharing the session's
    loaded models."""
    from copilot.web import create_app
    from copilot.web.request_log import JsonFormatter

    root = tmp_path_factory.mktemp("security")
    rt = models.derive(data_dir=root / "data", knowledge_dir=small_knowledge(root))
    settings = rt.settings
    passwords, tokens = make_users(settings)
    log_file = root / "app.log"
    handler = logging.FileHandler(log_file)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("copilot")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    rt.indexer.run()
    try:
        with serving(create_app(rt, warm=False)) as url:
            yield Server(url, None, rt, settings, root, log_file, passwords, tokens)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def _rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


@contextmanager
def peak_memory_growth() -> Iterator[list[int]]:
    """Sample this process's resident memory while the block runs; the list it yields holds
    the peak growth in bytes once the block ends (the test server runs in this process)."""
    baseline, peak, done = _rss_bytes(), [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss_bytes() - baseline)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result: list[int] = []
    try:
        yield result
    finally:
        done.set()
        sampler.join()
        result.append(max(peak[0], _rss_bytes() - baseline))


@contextmanager
def serving_unwarmed(app) -> Iterator[str]:
    """Serve an app created with ``warm=False`` and no index (sign-in and pages only) until the
    block ends; yields its URL once ``/healthz`` answers."""
    import httpx
    import uvicorn

    from tests.support import free_port

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    assert httpx.get(f"{url}/healthz").status_code == 200
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=30)
