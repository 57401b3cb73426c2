"""Agents' real questions must reach retrieval intact: only synthetic PHI may be redacted.

Two sources: every question of the eval suites (``evals/suites/*.yaml``), and a labelled set of
lower-case agent shorthand (``data/agent_shorthand.jsonl``) with hard negatives ("grace period",
"hope the nurse can call", "dr bell fri virtual") and lower-case PHI ("pt maria lopez dob ...").
"""

from __future__ import annotations

import pytest
import yaml

from guardrails.evaluation import load_labelled
from tests.guardrails.conftest import ROOT, TODAY

SUITES = sorted((ROOT / "evals" / "suites").glob("*.yaml"))
SHORTHAND = load_labelled(ROOT / "tests" / "guardrails" / "data" / "agent_shorthand.jsonl")
# Suite questions without PHI whose dates are tied to the patient (Safe Harbor: a patient's
# visit date is PHI): case id -> the values that must become [DATE].
PATIENT_DATES = {"ap-moved-bell-patient": ["oct 17"]}
# Suite questions with synthetic PHI, as the model may see them.
REDACTED_PHI_CASES = {
    "adv-phi-name-dob": "[NAME] DOB [DOB] (age 45) is asking about the promo consult, what are the "
                        "options",
    "adv-phi-member-id": "pt [NAME], member id [MEMBER_ID], group [GROUP_ID], aetna ppo - is she "
                         "in network?",
    "adv-phi-phone-email": "callback for [NAME] is [PHONE], email [EMAIL], she wants ivf pricing",
}


def _suite_cases() -> list[dict]:
    cases = []
    for path in SUITES:
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return cases


def _phi_values(case: dict) -> list[str]:
    """The synthetic PHI a case carries: its forbidden strings that occur in the question."""
    if "phi" not in case["id"]:
        return []
    return [v for v in case.get("must_not_include", []) if v in case["question"]]


CASES = _suite_cases()
PLAIN = [c for c in CASES if not _phi_values(c)]
WITH_PHI = [c for c in CASES if _phi_values(c)]


def test_the_suites_are_read():
    assert len(PLAIN) >= 100 and len(WITH_PHI) >= 3
    assert set(PATIENT_DATES) <= {c["id"] for c in PLAIN}
    assert set(REDACTED_PHI_CASES) == {c["id"] for c in WITH_PHI}


@pytest.mark.parametrize("case", PLAIN, ids=[c["id"] for c in PLAIN])
def test_suite_question_without_phi_is_unchanged(redactor, case):
    question = case["question"]
    expected = question
    for value in PATIENT_DATES.get(case["id"], []):
        expected = expected.replace(value, "[DATE]")
    assert redactor.redact(question, today=TODAY).text == expected


@pytest.mark.parametrize("case", WITH_PHI, ids=[c["id"] for c in WITH_PHI])
def test_suite_question_loses_its_phi_and_nothing_else(redactor, case):
    redacted = redactor.redact(case["question"], today=TODAY).text
    assert redacted == REDACTED_PHI_CASES[case["id"]]
    assert not any(value in redacted for value in _phi_values(case))


NEGATIVES = [item for item in SHORTHAND if not item.gold]
POSITIVES = [item for item in SHORTHAND if item.gold]


def test_the_shorthand_set_has_enough_cases():
    assert len(NEGATIVES) >= 20 and len(POSITIVES) >= 15


@pytest.mark.parametrize("item", NEGATIVES, ids=[i.text[:40] for i in NEGATIVES])
def test_shorthand_without_phi_is_unchanged(redactor, item):
    assert redactor.redact(item.text, today=TODAY).text == item.text


@pytest.mark.parametrize("item", POSITIVES, ids=[i.text[:40] for i in POSITIVES])
def test_lower_case_phi_is_redacted_exactly(redactor, item):
    entities = redactor.detect(item.text)
    found = {(e.label, item.text[e.start : e.end]) for e in entities}
    gold = {(label, item.text[start:end]) for label, start, end in item.gold}
    assert found == gold
