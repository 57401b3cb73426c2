"""Helpers shared by test packages (import as ``tests.support``)."""

from __future__ import annotations

import socket
from pathlib import Path

from copilot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"


def make_settings(data_dir: Path, **overrides) -> Settings:
    """Settings for a test: repo prompts and knowledge, an isolated data dir, no .env file."""
    values = {
        "knowledge_dir": KNOWLEDGE,
        "data_dir": data_dir,
        "prompts_dir": REPO / "prompts",
        "secret_key": "test-secret-key-not-for-production",
        **overrides,
    }
    return Settings(_env_file=None, **values)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
