"""The CLI started from a directory that is not the project's: prompts come from the package,
every path from the settings (real processes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.commands.conftest import NOT_COVERED

ROOT = Path(__file__).resolve().parents[2]


def test_a_question_nothing_covers_renders_the_packaged_not_found_prompt(indexed, not_covered):
    done = not_covered
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert not result["found"]
    assert "The clinic's documents don't cover this, so I won't guess." in result["answer"]
    assert not (indexed.cwd / "prompts").exists() and not list(indexed.cwd.iterdir())


def test_the_prompts_folder_can_be_overridden(indexed, tmp_path):
    shutil.copytree(ROOT / "copilot" / "prompts", tmp_path / "prompts")
    (tmp_path / "prompts" / "not_found.j2").write_text("Not in our documents: ask {{ contact }}.")
    done = indexed.run("ask", NOT_COVERED, "--json",
                       env={**indexed.env, "COPILOT_PROMPTS_DIR": str(tmp_path / "prompts")})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["answer"].startswith("Not in our documents: ask ")
