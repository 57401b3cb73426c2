"""Guarantees beyond the word: success statistics quoted as the clinic's results (agents point
to the published success-rates page), outcome certainty with other verbs and nouns, success as a
rule for embryos and transfers, and money back if there is no baby; and the hedges that pass."""

from __future__ import annotations

import pytest

PROMISES = [
    # success statistics quoted as the clinic's results
    "Our pregnancy rate per transfer runs about 61 percent.",
    "A 55% live birth rate is what we see for your age group.",
    "8 in 10 women we see are pregnant within a year.",
    "Your chances here are around 70%.",
    # outcome certainty in other shapes
    "The embryos are guaranteed to survive the thaw.",
    "Two retrievals and you are assured of a healthy baby.",
    "With this protocol the pregnancy is practically in the bag.",
    "Banking eggs today secures your chance to have kids down the road.",
    "Women with your numbers usually conceive right away, and so will you.",
    "Your chances with us look excellent.",
    # success as a rule for embryos and transfers
    "Thawed embryos always implant here.",
    "Trust me, your cycle will work.",
    "I have not met a single couple who didn't end up conceiving.",
    # money back if there is no baby
    "Our pregnancy-or-money-back plan covers three cycles.",
    "We give a full refund if there is no baby after three transfers.",
]
HEDGES = [
    "No one can promise a pregnancy; success rates vary, see the published page.",
    "Our published success rates are at harborpoint-fertility.example/success-rates.",
    "The transfer will take about 15 minutes.",
    "Make sure to ask about embryo storage.",
    "You will be charged at booking.",
    "The call connection rate target is 90%.",
    "Financing partners have 0% promotional plans.",
    "I can't guarantee the results, but the doctor will explain your options.",
    "Be sure to bring your partner; the doctor likes to meet the whole family.",
    "There is not one patient who didn't get a call back the same day.",
    # "certain to" and "bound to" about everything else
    "Be certain to arrive 15 minutes early so we can check you in.",
    "The new evening slots are certain to fill up fast, so book soon.",
    "You're bound to have questions after the visit; write them down.",
]


@pytest.mark.parametrize("text", PROMISES)
def test_promised_outcomes_are_guarantees(checker, text):
    assert "guarantee" in [v.rule for v in checker.check(text).violations]


@pytest.mark.parametrize("text", HEDGES)
def test_hedges_and_other_certainties_are_not(checker, text):
    assert "guarantee" not in [v.rule for v in checker.check(text).violations]
