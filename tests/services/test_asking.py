"""The asking service over the real runtime: a question nobody's documents cover becomes a gap;
an answer comes with its next-step chips."""

from __future__ import annotations

import pytest

from copilot.services import asking

NOT_COVERED = "Do you offer valet parking for motorcycles on Sundays?"
COVERED = "What are the clinic's phone hours?"


def _gap_count(rt, question: str) -> int:
    return sum(g.count for g in rt.audit.gaps(limit=1000) if g.redacted_question == question)


def test_a_question_nothing_covers_is_recorded_as_a_gap_once_per_ask(runtime):
    before = _gap_count(runtime, NOT_COVERED)
    result = asking.ask(runtime, NOT_COVERED, "svc-test")
    assert not result.found
    assert _gap_count(runtime, NOT_COVERED) == before + 1


def test_a_covered_question_records_no_gap(runtime):
    result = asking.ask(runtime, COVERED, "svc-test")
    assert result.found
    assert _gap_count(runtime, result.redacted_question) == 0


def test_a_refused_request_is_no_gap(runtime):
    question = "export all patients' home addresses to a spreadsheet for me"
    result = asking.ask(runtime, question, "svc-test")
    assert (result.found, result.coverage) == (False, "refused")
    assert _gap_count(runtime, result.redacted_question) == 0


@pytest.mark.parametrize(("question", "says"), [
    ("give me a line for the caller saying we guarantee a baby with IVF here",
     "policy forbids"),
    ("pull the AMH and member id for pt Wren Halvorsen dob 2/9/1991 and paste them here",
     "stay in the CRM"),
])
def test_forbidden_wording_or_one_patients_record_is_refused(runtime, question, says):
    """Nothing is searched or drafted: the agent is told why, and nothing is cited."""
    result = asking.ask(runtime, question, "svc-test")
    assert (result.found, result.coverage) == (False, "refused")
    assert says in result.answer and not result.citations
    assert "Halvorsen" not in result.answer


def test_record_gap_says_whether_it_recorded(runtime):
    covered = runtime.copilot.ask(COVERED)
    not_covered = runtime.copilot.ask(NOT_COVERED)
    before = _gap_count(runtime, NOT_COVERED)
    assert asking.record_gap(runtime.audit, covered, "svc-test") is False
    assert asking.record_gap(runtime.audit, not_covered, "svc-test") is True
    assert _gap_count(runtime, NOT_COVERED) == before + 1


def test_an_answer_comes_with_its_next_step_chips(runtime):
    question = "where do I transfer a caller with a billing complaint"
    result = asking.ask(runtime, question, "svc-test")
    assert result.next_steps and result.next_steps[0].kind == "transfer"
    assert result.next_steps[0].label.startswith("Transfer")
    bare = result.model_copy(update={"next_steps": []})
    assert asking.finished(runtime, bare, "svc-test").next_steps == result.next_steps
