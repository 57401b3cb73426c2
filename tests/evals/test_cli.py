"""The ``copilot eval`` commands: exit codes, reports written, clear errors for bad input."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copilot.cli import app
from copilot.runtime import Runtime
from copilot.settings import get_settings


@pytest.fixture
def cli(monkeypatch, runtime):
    """Run ``copilot`` in-process with the session runtime's data dir (index already built).

    The runtime ``eval run`` builds from its settings derives from the session's, and the
    embedder ``eval scripts`` makes for the configured model is the session's: the same real
    models, Chroma index and snapshot, already loaded, instead of loading them again per run
    (a runtime built from nothing is what the real ``copilot`` processes in tests/commands do).
    """
    monkeypatch.setenv("COPILOT_DATA_DIR", str(runtime.settings.data_dir))
    monkeypatch.setenv("COPILOT_KNOWLEDGE_DIR", str(runtime.settings.knowledge_dir))
    monkeypatch.setenv("COPILOT_PROMPTS_DIR", str(runtime.settings.prompts_dir))
    build = Runtime.from_settings

    def from_settings(settings):
        build(settings)  # the command's own check of the settings (the drafter's name)
        changed = {k: v for k, v in settings if v != getattr(runtime.settings, k)}
        return runtime.derive(**changed)

    monkeypatch.setattr(Runtime, "from_settings", from_settings)

    def embedder(model_path, batch_size):
        assert (model_path, batch_size) == (runtime.settings.model_path(),
                                            runtime.settings.embedding_batch_size)
        return runtime.embedder

    monkeypatch.setattr("copilot.knowledge.embedder.Embedder", embedder)
    get_settings.cache_clear()
    yield lambda *args: CliRunner().invoke(app, list(args))
    get_settings.cache_clear()


def test_run_writes_reports_and_exits_0_when_gates_pass(cli, small_suite_path, tmp_path):
    out = tmp_path / "reports"
    result = cli("eval", "run", str(small_suite_path), "--json", str(out / "eval.json"),
                 "--junit", str(out / "eval.xml"), "--html", str(out / "eval.html"))
    assert result.exit_code == 0, result.output
    report = json.loads((out / "eval.json").read_text())
    assert report["metrics"]["cases"] == 5
    assert ET.parse(out / "eval.xml").getroot().tag == "testsuites"
    assert "<svg" in (out / "eval.html").read_text()


def test_run_with_failed_cases_says_so_and_never_all_met(cli, small_suite_path, tmp_path):
    result = cli("eval", "run", str(small_suite_path), "--html", str(tmp_path / "eval.html"),
                 "--json", str(tmp_path / "eval.json"))
    report = json.loads((tmp_path / "eval.json").read_text())
    failed = report["metrics"]["cases"] - report["metrics"]["passed"]
    assert failed >= 1  # small-impossible fails on purpose
    gates_met = not report["suites"][0]["threshold_failures"]
    assert result.exit_code == (0 if gates_met else 1), result.output
    assert "all thresholds met" not in result.output
    assert f"Result: {failed} of 5 cases failed · " in result.output
    assert ("all 2 gates met" if gates_met else "missed") in result.output.split("Result: ")[1]
    html = (tmp_path / "eval.html").read_text()
    assert "all thresholds met" not in html and f"{failed} of 5 cases failed" in html
    kept = Path(result.output.split("kept for the QA page (/qa): ")[1].split()[0])
    assert kept.parent == get_settings().data_dir / "evals" and kept.is_file()


def test_run_shows_progress_case_by_case_in_a_terminal(cli, small_suite_path, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # as in a terminal: Rich draws its live bar
    monkeypatch.setenv("TTY_INTERACTIVE", "1")
    result = CliRunner().invoke(app, ["eval", "run", str(small_suite_path)])
    assert result.exit_code in (0, 1), result.output
    progress = result.stderr
    assert "loading models and index" in progress and "answering cases" in progress
    assert "5/5" in progress  # every case counted as it is answered
    assert "Result: " in result.stdout and "answering cases" not in result.stdout


def test_run_defaults_to_the_shipped_suites_wherever_it_runs(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no evals/ here; the suites load, then the missing report stops it
    missing = tmp_path / "missing.json"
    result = cli("eval", "run", "--previous", str(missing))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {missing}: cannot read (No such file or directory)"


def test_run_exits_1_when_a_gate_is_missed(cli, small_suite_path, tmp_path):
    strict = tmp_path / "strict.yaml"
    strict.write_text(
        small_suite_path.read_text().replace(
            "thresholds: {min_hit_at_3: 0.5, max_phi_echo: 0}",
            "thresholds: {min_strict_accuracy: 1.0}",
        )
    )
    result = cli("eval", "run", str(strict))
    assert result.exit_code == 1, result.output
    assert "min_strict_accuracy" in result.output


def test_run_exits_2_naming_file_and_line_for_a_bad_suite(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("suite: x\ncases:\n  - id: a\n    question: q\n    area: nowhere\n")
    result = cli("eval", "run", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:5:" in result.output


def test_compare_lists_regressions(cli, tmp_path, small_report):
    before = small_report.model_copy(deep=True)
    after = small_report.model_copy(deep=True)
    before.suites[0].cases[0].passed, before.suites[0].cases[0].reasons = True, []
    after.suites[0].cases[0].passed = False
    after.suites[0].cases[0].reasons = ["missing fact 1/2: none of '$99'"]
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(before.model_dump_json())
    b.write_text(after.model_dump_json())
    result = cli("eval", "compare", str(a), str(b), "--fail-on-regression")
    assert result.exit_code == 1
    assert result.output.splitlines()[-2].startswith("REGRESSION")
    assert cli("eval", "compare", str(a), str(a)).output.strip().endswith("no case changed")


def test_compare_rejects_a_file_that_is_not_a_report(cli, tmp_path):
    other = tmp_path / "x.json"
    other.write_text("[]")
    result = cli("eval", "compare", str(other), str(other))
    assert result.exit_code == 2 and "not an eval JSON report" in result.output


def test_consistency_json_has_both_locations(cli):
    result = cli("eval", "consistency", "--json")
    assert result.exit_code == 1  # the clinic's documents do have contradictions
    findings = json.loads(result.output)
    assert {f["kind"] for f in findings} >= {"schedule_contradicted_by_update", "rule_conflict"}
    assert all(f["first"]["where"] and f["second"]["where"] for f in findings)


def test_scripts_command_reports_a_bad_script_with_its_line(cli, tmp_path):
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "offer.md").write_text('# Offer\n\n> "The first consultation is free."\n')
    result = cli("eval", "scripts", str(folder))
    assert result.exit_code == 1
    assert "scripts/offer.md:3: [" in result.output
    clean = cli("eval", "scripts", str(Path("knowledge/scripts")))
    assert clean.exit_code == 0, clean.output
    assert "8 script(s) checked, 0 finding(s)" in clean.output


def test_scripts_command_defaults_to_the_configured_knowledge_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no knowledge/ here: the setting is what counts
    result = cli("eval", "scripts")
    assert result.exit_code in (0, 1), result.output  # 1: findings (another test's concern)
    assert "8 script(s) checked" in result.output


def test_scripts_command_names_a_binary_file_in_one_line(cli, tmp_path):
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "greeting.md").write_text("# Greeting\n\n> \"Thanks for calling.\"\n")
    (folder / "scan.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    result = cli("eval", "scripts", str(folder))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"error: {folder / 'scan.md'}: not UTF-8 text")


def test_scripts_command_names_a_missing_folder(cli, tmp_path):
    result = cli("eval", "scripts", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "scripts folder not found" in result.output
