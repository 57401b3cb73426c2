"""The runner against the real chain: every case answered, graded and gated."""

from copilot.evals.runner import observe


def test_every_case_is_answered_and_graded(small_report):
    cases = {c.id: c for c in small_report.all_cases()}
    assert set(cases) == {
        "small-promo", "small-bell", "small-impossible", "small-phi", "small-wifi"
    }
    assert all(not c.observation.error for c in cases.values())
    assert small_report.drafter == "grounded"
    assert small_report.metrics.cases == 5
    assert small_report.metrics.latency_p50_ms > 0


def test_the_impossible_fact_fails_with_its_reason(small_report):
    case = next(c for c in small_report.all_cases() if c.id == "small-impossible")
    assert not case.passed
    assert "missing fact 2/2: none of 'ZZZ-a-fact-no-document-states'" in case.reasons


def test_reports_keep_only_the_redacted_question(small_report):
    case = next(c for c in small_report.all_cases() if c.id == "small-phi")
    assert "Jane Roe" not in small_report.model_dump_json()
    assert "03/14/1981" not in small_report.model_dump_json()
    assert case.observation.redacted_question
    assert case.observation.phi_echoed == []


def test_suite_gates_are_evaluated(small_report):
    (suite,) = small_report.suites
    assert suite.thresholds == {"min_hit_at_3": 0.5, "max_phi_echo": 0}
    assert suite.threshold_failures == [], suite.threshold_failures
    assert small_report.passed


def test_a_missed_target_is_reported_but_does_not_gate(small_report):
    (suite,) = small_report.suites  # "small-impossible" fails, so strict accuracy < 1.0
    assert suite.target_gaps and suite.target_gaps[0].startswith("strict_accuracy")
    assert small_report.passed


def test_an_exception_becomes_an_error_without_its_message():
    def ask(question):
        raise ValueError(f"cannot answer {question}")

    observation = observe(ask, lambda text: [], "Jane Roe wants IVF")
    assert observation.error == "ValueError"
    assert "Jane" not in observation.model_dump_json()
