"""Comparing two runs: regressions first, fixes and changed reasons after."""

import pytest

from copilot.evals.compare import compare, load_report


def flipped(report, case_id, passed, reasons):
    new = report.model_copy(deep=True)
    for case in new.all_cases():
        if case.id == case_id:
            case.passed, case.reasons = passed, reasons
    return new


def test_identical_runs_have_no_changes(small_report):
    assert compare(small_report, small_report).changes == []


def test_regressions_come_first(small_report):
    before = flipped(small_report, "small-promo", True, [])
    before = flipped(before, "small-impossible", False, ["missing fact 2/2"])
    after = flipped(before, "small-promo", False, ["missing fact 1/2: none of '$99'"])
    after = flipped(after, "small-impossible", True, [])
    after.suites[0].cases = [c for c in after.suites[0].cases if c.id != "small-wifi"]
    changes = compare(before, after).changes
    assert [(c.change, c.id) for c in changes] == [
        ("regression", "small-promo"),
        ("fixed", "small-impossible"),
        ("removed", "small-wifi"),
    ]
    assert changes[0].after == ["missing fact 1/2: none of '$99'"]
    assert compare(before, after).regressions == [changes[0]]


def test_a_new_failure_reason_is_a_change(small_report):
    before = flipped(small_report, "small-impossible", False, ["missing fact 2/2"])
    after = flipped(before, "small-impossible", False, ["error: TimeoutError"])
    (change,) = compare(before, after).changes
    assert change.change == "changed" and change.after == ["error: TimeoutError"]


def test_load_report_rejects_other_json(tmp_path, small_report):
    good = tmp_path / "run.json"
    good.write_text(small_report.model_dump_json(), encoding="utf-8")
    assert load_report(good).metrics == small_report.metrics
    bad = tmp_path / "other.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ValueError, match="other.json: not an eval JSON report"):
        load_report(bad)
    with pytest.raises(ValueError, match="cannot read"):
        load_report(tmp_path / "missing.json")
