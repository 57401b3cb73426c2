"""The CLI started from a directory that is not the project's: prompts come from the package,
every path from the settings (real processes)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPILOT = [sys.executable, "-m", "copilot.cli"]
DOCUMENTS = ["pricing/price-list.md", "quick-reference/contacts-and-extensions.md"]
NOT_COVERED = "Do you offer valet parking for motorcycles on Sundays?"


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """An indexed small knowledge base and an empty working directory far from the project."""
    base = tmp_path_factory.mktemp("elsewhere")
    for name in DOCUMENTS:
        target = base / "knowledge" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "knowledge" / name, target)
    (base / "cwd").mkdir()
    env = {**os.environ, "COPILOT_KNOWLEDGE_DIR": str(base / "knowledge"),
           "COPILOT_DATA_DIR": str(base / "data")}
    env.pop("COPILOT_PROMPTS_DIR", None)
    run(base, env, "index")
    return base, env


def run(base: Path, env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([*COPILOT, *args], env=env, cwd=base / "cwd", text=True,
                          capture_output=True, timeout=300)


def test_a_question_nothing_covers_renders_the_packaged_not_found_prompt(elsewhere):
    base, env = elsewhere
    done = run(base, env, "ask", NOT_COVERED, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert not result["found"]
    assert "The clinic's documents don't cover this, so I won't guess." in result["answer"]
    assert not (base / "cwd" / "prompts").exists() and not list((base / "cwd").iterdir())


def test_the_prompts_folder_can_be_overridden(elsewhere, tmp_path):
    base, env = elsewhere
    shutil.copytree(ROOT / "copilot" / "prompts", tmp_path / "prompts")
    (tmp_path / "prompts" / "not_found.j2").write_text("Not in our documents: ask {{ contact }}.")
    done = run(base, {**env, "COPILOT_PROMPTS_DIR": str(tmp_path / "prompts")},
               "ask", NOT_COVERED, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answer"].startswith("Not in our documents: ask ")
