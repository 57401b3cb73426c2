"""`pip install .` into a fresh virtual environment, then the installed `copilot` run from an
empty directory far from the project: index, ask (covered and not covered), redact, check and the
approved-script check work from the package alone (its data, prompts and templates).

Nothing downloads: the project's source is copied and installed with ``--no-deps --no-index
--no-build-isolation``; the fresh environment sees the project environment's third-party packages
through a path file (whose own path files, among them the editable install, are not read), so
``copilot`` and ``guardrails`` are imported from the fresh environment's copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from guardrails.offline import OFFLINE

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["pyproject.toml", "README.md", "copilot", "guardrails"]
COVERED = "what does a semen analysis cost for a self-pay patient"
NOT_COVERED = "is there a rooftop helipad for patients who fly in by air ambulance"
NOTE = "cb Marisol Quintero-Fabre at 555-201-7788 about her results"


def _run(command: list[str], cwd: Path, env: dict[str, str], stdin: str = "",
         timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, text=True,
                          capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """The fresh environment's ``bin`` folder, an empty working directory and the environment
    variables (knowledge folder: the project's ``knowledge/``; data folder: a new one)."""
    base = tmp_path_factory.mktemp("installed")
    source = base / "source"
    source.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, dict(os.environ))
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                base, dict(os.environ)).stdout.strip()
    Path(site, "project-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                "--no-deps", "--no-index", "--no-build-isolation", str(source)], base,
               dict(os.environ))
    assert pip.returncode == 0, pip.stderr
    cwd = base / "cwd"
    cwd.mkdir()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("COPILOT_") and key != "PYTHONPATH"}
    # The statements' vectors come from the test run's cache (tests/conftest.py), as everywhere
    # else: the same model's vectors of the same statements, not embedded once more for half a
    # minute; the documents' chunks are still embedded by the installed ``copilot index``.
    env |= {"COPILOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
            "COPILOT_DATA_DIR": str(base / "data"),
            "COPILOT_VECTOR_CACHE": os.environ["COPILOT_VECTOR_CACHE"], **OFFLINE}
    indexed = _run([str(venv / "bin" / "copilot"), "index"], cwd, env)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    return venv / "bin", cwd, env


def test_the_packages_come_from_the_fresh_environment(installed):
    bin_dir, cwd, env = installed
    done = _run([str(bin_dir / "python"), "-c",
                 "import copilot, guardrails; print(copilot.__file__); print(guardrails.__file__)"],
                cwd, env)
    assert done.returncode == 0, done.stderr
    for path in done.stdout.split():
        assert Path(path).is_relative_to(bin_dir.parent), path


def test_ask_answers_a_covered_question_and_declines_another(installed, tmp_path):
    bin_dir, cwd, env = installed
    questions = tmp_path / "questions.jsonl"  # one process for both: each start loads the models
    questions.write_text("".join(json.dumps({"id": key, "question": question}) + "\n"
                                 for key, question in (("covered", COVERED),
                                                       ("declined", NOT_COVERED))))
    asked = _run([str(bin_dir / "copilot"), "ask", "--batch", str(questions)], cwd, env)
    assert asked.returncode == 0, asked.stderr
    results = {r["id"]: r for r in map(json.loads, asked.stdout.splitlines())}
    covered, declined = results["covered"], results["declined"]
    assert covered["found"] and covered["citations"], covered
    assert not declined["found"] and declined["coverage"] == "not_covered", declined
    assert "don't cover" in declined["answer"], "the packaged not-found prompt renders"
    assert not list(cwd.iterdir()), "nothing is written to the working directory"


def test_redact_check_and_the_script_check_work(installed):
    bin_dir, cwd, env = installed
    redacted = _run([str(bin_dir / "copilot"), "redact"], cwd, env, stdin=NOTE)
    assert redacted.returncode == 0, redacted.stderr
    assert "Quintero" not in redacted.stdout and "7788" not in redacted.stdout
    assert "[NAME]" in redacted.stdout and "[PHONE]" in redacted.stdout
    checked = _run([str(bin_dir / "copilot"), "check", "--json"], cwd, env,
                   stdin="Good news: your first consultation with us is free.")
    assert checked.stdout, checked.stderr
    assert json.loads(checked.stdout)["verdict"] == "violation"
    scripts = _run([str(bin_dir / "copilot"), "eval", "scripts"], cwd, env)
    assert scripts.returncode == 0, scripts.stdout + scripts.stderr
    assert "8 script(s) checked" in scripts.stdout
