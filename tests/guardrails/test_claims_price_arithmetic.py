"""Amounts that agree with the documents without being on the price list: a total worked out in
words ("plus … for each", "works out to", "would come to") as one price plus a multiple of
another (a wrong total still fails), and "$0" for what the documents say costs nothing."""

from __future__ import annotations

import pytest

WORKED_OUT = [
    "Testing five embryos works out to $3,550, that is $1,800 plus $350 for each.",
    "Two embryos tested means $1,800 plus two times $350, which works out to $2,500.",
    "At $350 for each embryo on top of the $1,800 fee, four would come to $3,200.",
]
WRONG_TOTAL = [
    "Two embryos tested means $1,800 plus two times $350, which works out to $2,600.",
    "With 4 embryos, PGT-A comes to $3,250: the $1,800 cycle fee plus $350 for each.",
]


@pytest.mark.parametrize("text", WORKED_OUT)
def test_a_worked_out_total_is_no_mismatch(checker, text):
    assert checker.check(text).violations == []


@pytest.mark.parametrize("text", WRONG_TOTAL)
def test_a_wrong_total_still_is(checker, text):
    assert "price_mismatch" in [v.rule for v in checker.check(text).violations]


# "$0" for what the documents say costs nothing ("Card fee | None." in the promotional
# consultations' table) agrees with them; for what they price, it does not.
ZERO_AGREES = [
    "Paying by card for the $99 promotional virtual visit adds a $0 card fee.",
    "There is a $0 card fee on promotional consultations but a 3% fee on treatment payments.",
]
ZERO_CONTRADICTS = ["The card fee on your IVF cycle payment is $0."]


@pytest.mark.parametrize("text", ZERO_AGREES)
def test_zero_for_what_costs_nothing_agrees(checker, text):
    assert checker.check(text).violations == []


@pytest.mark.parametrize("text", ZERO_CONTRADICTS)
def test_zero_for_what_is_priced_does_not(checker, text):
    assert "price_mismatch" in [v.rule for v in checker.check(text).violations]
