"""Kept eval runs: saved under the data folder by start time, listed newest first, each shown
compared with the kept run before it; junk files and other paths are never read."""

from copilot.evals.reports.kept_runs import keep, list_runs, run_html, runs_dir
from copilot.evals.results import CaseResult, Metrics, Observation, RunReport, SuiteResult


def run(started_at: str, passed: bool) -> RunReport:
    case = CaseResult(id="k1", suite="kept", area="pricing", expect="answer", passed=passed,
                      reasons=[] if passed else ["missing fact 1/1: none of '$5'"],
                      observation=Observation(answer="synthetic"))
    metrics = Metrics(cases=1, passed=int(passed))
    suite = SuiteResult(name="kept", metrics=metrics, cases=[case])
    return RunReport(started_at=started_at, drafter="grounded", seconds=0.5, metrics=metrics,
                     suites=[suite])


def test_runs_are_listed_newest_first_and_junk_is_skipped(tmp_path):
    first = keep(run("2026-11-01T08:00:00+00:00", passed=True), tmp_path)
    second = keep(run("2026-11-03T08:00:00+00:00", passed=False), tmp_path)
    (runs_dir(tmp_path) / "2026-11-02-notes.json").write_text("[1, 2]")
    assert first.name == "2026-11-01T08-00-00+00-00.json"
    runs = list_runs(tmp_path)
    assert [r.name for r in runs] == [second.name, first.name]
    assert runs[0].status.cases_text == "1 of 1 cases failed"


def test_a_run_is_compared_with_the_kept_run_before_it(tmp_path):
    keep(run("2026-11-01T08:00:00+00:00", passed=True), tmp_path)
    (runs_dir(tmp_path) / "2026-11-02-notes.json").write_text("not json")
    later = keep(run("2026-11-03T08:00:00+00:00", passed=False), tmp_path)
    page = run_html(tmp_path, later.name)
    assert "Compared with the run of 2026-11-01T08:00:00+00:00" in page
    assert "1 regression" in page


def test_only_kept_run_names_are_read(tmp_path):
    keep(run("2026-11-01T08:00:00+00:00", passed=True), tmp_path)
    (tmp_path / "secret.json").write_text("{}")
    for name in ("../secret.json", "secret.json", "", "2026-11-01T08-00-00+00-00"):
        assert run_html(tmp_path, name) is None
