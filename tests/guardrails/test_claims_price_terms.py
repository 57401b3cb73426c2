"""Payment terms contradicted in more shapes: a self-pay visit filed with a plan a few more
words away, a promotional visit collected on arrival or on the visit's day (it is paid at
booking), a cycle paid at a later step (it is paid before the start), part of a late
cancellation given back (it is forfeited); and the statements of those terms that pass."""

from __future__ import annotations

import pytest

CONTRADICTS = [
    "We will file the $99 virtual promotional visit with your Blue Cross plan.",
    "The $99 promotional virtual consultation is charged on arrival.",
    "The $299 promotional consultation is due on the day of your appointment.",
    "For IVF, the balance is collected at the embryo transfer.",
    "The IVF cycle fee is payable after your retrieval.",
    "If you cancel the $299 promotional consultation the morning of, you'll get part of it back.",
    "Cancel the $99 promotional consultation with under 24 hours notice and we return half.",
]
AGREES = [
    "The $99 promotional consultation is paid in full at booking.",
    "The IVF cycle is paid in full before the cycle starts.",
    "Your insurance card is collected at check-in.",
    "Cancel the $99 promotional consultation a week ahead and you get it all back.",
]


@pytest.mark.parametrize("text", CONTRADICTS)
def test_a_contradicted_term_is_a_mismatch(checker, text):
    assert "price_mismatch" in [v.rule for v in checker.check(text).violations]


@pytest.mark.parametrize("text", AGREES)
def test_the_terms_as_stated_pass(checker, text):
    assert checker.check(text).violations == []


# A period that is over is no ended offer; a penalty charged on top of a forfeited payment
# contradicts "no additional fee".
PERIOD_AND_PENALTY = [
    ("After the first year is over, embryo storage costs $700 a year.", ["price_mismatch"]),
    ("When the first year is over, storage is $750 a year.", []),
    ("If she misses the $299 promotional visit, the payment is kept and we then charge the $75 "
     "no-show fee as well.", ["price_mismatch"]),
    ("If she misses the $299 promotional visit, the payment is forfeited; no $75 fee is added.",
     []),
]


@pytest.mark.parametrize(("text", "rules"), PERIOD_AND_PENALTY)
def test_a_period_over_and_a_penalty_on_top(checker, text, rules):
    assert [v.rule for v in checker.check(text).violations] == rules
