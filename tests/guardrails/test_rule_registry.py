"""Claims rules through a registry: each rule of ``policy.yaml`` names its kind, a rule class
registers itself under a kind, and the checker is given its policy (it never loads one)."""

from __future__ import annotations

import pytest

from guardrails import ClaimsChecker
from guardrails.rules.phrases import PhraseListRule
from guardrails.rules.registry import KINDS, build_rules


def with_rule(policy, rule_id: str, **changes):
    """``policy`` with the rule ``rule_id``'s settings changed."""
    rule = policy.rules[rule_id].model_copy(update=changes)
    return policy.model_copy(update={"rules": {**policy.rules, rule_id: rule}})


def test_every_rule_of_the_policy_is_built_from_its_kind(policy, catalog):
    rules = {rule.rule_id: rule for rule in build_rules(policy, catalog)}
    assert set(rules) == set(policy.rules)
    assert isinstance(rules["guarantee"], PhraseListRule)
    assert isinstance(rules["medical_advice"], PhraseListRule)
    assert "price_mismatch" not in {r.rule_id for r in build_rules(policy, None)}  # no prices
    assert {"free_consultation", "phrases", "price"} <= set(KINDS)


def test_a_rule_is_checked_by_the_kind_the_policy_names(policy, catalog):
    text = "We guarantee a baby within a year."
    assert ClaimsChecker(policy).check(text).violations[0].rule == "guarantee"
    as_advice = with_rule(policy, "medical_advice", patterns=["guarantee a baby"])
    rules = {v.rule for v in ClaimsChecker(as_advice).check(text).violations}
    assert rules == {"guarantee", "medical_advice"}


def test_an_unknown_kind_is_refused_naming_the_rule(policy):
    broken = with_rule(policy, "guarantee", kind="promises")
    with pytest.raises(ValueError, match="'guarantee' has the unknown kind 'promises'; known:"):
        ClaimsChecker(broken)


def test_a_rule_is_revised_with_its_own_policy_wording(policy):
    reworded = with_rule(policy, "guarantee", replacement="Results vary; the doctor explains.")
    revised = ClaimsChecker(reworded).revise(
        "We guarantee a baby.", ClaimsChecker(reworded).check("We guarantee a baby.").violations)
    assert revised == "Results vary; the doctor explains."


def test_the_checker_is_given_its_policy():
    with pytest.raises(TypeError):
        ClaimsChecker()  # no policy: nothing loads one behind the caller's back
