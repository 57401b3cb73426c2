"""One small knowledge base for the CLI tests, indexed once by a real ``copilot index`` process
started from an empty directory far from the project; the tests that only read the index (ask,
sources, check, redact) share it, each command still a real process of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPILOT = [sys.executable, "-m", "copilot.cli"]
# What every CLI test needs: prices and promotions (check, ask), Dr. Bell's Friday update (ask),
# an archived FAQ (sources), the contacts page (redact's staff names); and one broken file.
DOCUMENTS = ["pricing/price-list.md", "pricing/promotional-consultations.md",
             "quick-reference/contacts-and-extensions.md", "updates/2025-10-02.md",
             "archive/faq-2024.md"]
BROKEN = "broken.pdf"
# Nothing of the documents is near it (a question the documents only touch, "valet parking for
# motorcycles", gets the weak-evidence answer: the parking passages to check).
NOT_COVERED = "Can I book a helicopter tour from the roof?"


@dataclass(frozen=True)
class Workspace:
    """A knowledge folder, a data folder, an empty working directory and the environment that
    points the CLI at them."""

    base: Path
    env: dict[str, str]
    documents: tuple[str, ...] = tuple(DOCUMENTS)
    first_index: subprocess.CompletedProcess | None = None  # ``copilot index --json``, once

    @property
    def cwd(self) -> Path:
        return self.base / "cwd"

    def run(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            stdin: str = "") -> subprocess.CompletedProcess:
        """``copilot ARGS`` as a process of its own (from the empty directory by default)."""
        return subprocess.run([*COPILOT, *args], env=env or self.env, cwd=cwd or self.cwd,
                              input=stdin, text=True, capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def workspace(tmp_path_factory) -> Workspace:
    """The documents above and a file that fails to load; not indexed yet."""
    base = tmp_path_factory.mktemp("cli-workspace")
    for name in DOCUMENTS:
        target = base / "knowledge" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "knowledge" / name, target)
    (base / "knowledge" / BROKEN).write_bytes(b"%PDF-1.4 truncated")
    (base / "cwd").mkdir()
    env = {**os.environ, "COPILOT_KNOWLEDGE_DIR": str(base / "knowledge"),
           "COPILOT_DATA_DIR": str(base / "data")}
    env.pop("COPILOT_PROMPTS_DIR", None)  # the prompts come from the package
    return Workspace(base, env)


@pytest.fixture(scope="session")
def indexed(workspace) -> Workspace:
    """The workspace indexed once by ``copilot index --json`` (its output kept), for the tests
    that read the index."""
    done = workspace.run("index", "--json")
    assert done.returncode == 1, done.stderr  # 1: the broken file failed, the rest is indexed
    assert [f["path"] for f in json.loads(done.stdout)["failed"]] == [BROKEN]
    return replace(workspace, first_index=done)


@pytest.fixture(scope="session")
def not_covered(indexed) -> subprocess.CompletedProcess:
    """``copilot ask NOT_COVERED --json`` run once from the empty directory: the tests of the
    packaged not-found prompt and of the gap the question leaves read this one process's run."""
    return indexed.run("ask", NOT_COVERED, "--json")
