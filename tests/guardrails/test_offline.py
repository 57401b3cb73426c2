"""One list keeps every library offline: importing ``guardrails`` or ``copilot`` applies it, and a
value already set wins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guardrails.offline import OFFLINE

ROOT = Path(__file__).resolve().parents[2]


def environment_after_import(module: str, **preset: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OFFLINE} | preset
    code = f"import json, os, {module}; print(json.dumps(dict(os.environ)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", ["guardrails", "copilot"])
def test_importing_the_package_keeps_every_library_offline(module):
    seen = environment_after_import(module)
    assert {name: seen.get(name) for name in OFFLINE} == OFFLINE


def test_a_value_already_set_wins():
    assert environment_after_import("copilot", TRANSFORMERS_VERBOSITY="info")[
        "TRANSFORMERS_VERBOSITY"] == "info"
