"""Next-step chips found in an answer's cited statements (and, for an urgent question, in the
policy's urgent routing), worded by ``copilot/data/next_steps.yaml``, each script line held to the
claims check (the serving generation's real checker). Texts are invented here, in the shape of
answers the copilot drafts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml

from copilot.answer.model import AnswerResult
from copilot.answer.next_steps import NextStepRules, NextSteps, next_steps
from guardrails.data import parse_model


@pytest.fixture(scope="module")
def checker(runtime):
    return runtime.checker


def chips(answer, checker, notes=()):
    return [(c.kind, c.label) for c in next_steps().find(answer, list(notes), checker)]


def test_a_cited_transfer_with_a_number_or_menu_option_is_a_chip(checker):
    answer = (
        "Lab results are read out by the care team only. [1] Transfer to the Results Desk, "
        "(555) 010-0177, and stay on until they pick up. [1]"
    )
    found = next_steps().find(answer, [], checker)
    assert [(c.kind, c.label) for c in found] == [
        ("transfer", "Transfer to the Results Desk · (555) 010-0177")
    ]
    assert "(555) 010-0177" in found[0].script and "[1]" not in found[0].script
    assert chips("For refills, warm-transfer the caller to option 6. [2]", checker) == [
        ("transfer", "Transfer · option 6")
    ]


@pytest.mark.parametrize(
    "answer",
    [
        "Transfer to the Results Desk if the caller asks about lab values. [1]",  # nothing to dial
        "The front desk number is (555) 010-0177. [1]",  # a number, no transfer
        "Transfer to the Results Desk, (555) 010-0177.",  # not cited
        "Frozen embryo transfer, per transfer: $4,200. [1]",  # a treatment, not a call
    ],
)
def test_no_chip_without_a_cited_transfer_to_reach(checker, answer):
    assert chips(answer, checker) == []


def test_a_policy_note_is_not_a_statement_to_chip(checker):
    note = "Transfer to the nurse line now, option 4."
    assert chips(f"Rest and fluids are not advice we give. [1]\n\n{note}", checker, [note]) == []


def test_a_cited_booking_with_its_price_is_a_chip_but_a_fee_or_former_price_is_not(checker):
    answer = (
        "I can book that now: the $99 promotional virtual consultation, usually $400, "
        "or a $75 fee applies if cancelled late. [1]"
    )
    assert chips(answer, checker) == [("booking", "Book · $99 promotional virtual consultation")]
    assert chips("The $99 promotional virtual consultation is a video visit. [1]", checker) == []


def test_a_script_line_the_claims_check_stops_is_not_offered(checker):
    assert chips("You can book the $0 free consultation online. [1]", checker) == []


def test_the_wording_comes_from_the_rules_file(checker):
    rules = next_steps().rules.model_dump()
    rules["transfer"]["label"] = "Pass the call to {{ target }} ({{ reach }})"
    custom = NextSteps(parse_model(yaml.safe_dump(rules), "test", NextStepRules))
    found = custom.find("Transfer to the Results Desk, (555) 010-0177. [1]", [], checker)
    assert [c.label for c in found] == ["Pass the call to the Results Desk ((555) 010-0177)"]


def test_an_urgent_question_gets_the_transfer_its_urgent_routing_names_first(checker):
    assert "option 4" in checker.policy.urgent.text  # the shipped policy's nurse line
    answer = (
        f"{checker.policy.urgent.text}\n\n"
        "For refills, warm-transfer the caller to option 6. [1]"
    )
    result = AnswerResult(answer=answer, urgent=True)
    found = next_steps().of(result, checker)
    assert [(c.kind, c.label) for c in found] == [
        ("transfer", "Transfer to the nurse line · option 4"),
        ("transfer", "Transfer · option 6"),
    ]
    assert found[0].script == "I'm going to transfer you to the nurse line now."
    assert next_steps().of(result.model_copy(update={"urgent": False}), checker) == found[1:]


def test_urgent_routing_with_nothing_to_dial_gives_no_chip(checker):
    routing = "Tell the caller to go to the nearest emergency room now."
    other_policy = SimpleNamespace(
        policy=SimpleNamespace(urgent=SimpleNamespace(text=routing)), check=checker.check
    )
    assert next_steps().of(AnswerResult(answer=routing, urgent=True), other_policy) == []
