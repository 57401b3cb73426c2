"""Medical advice in more shapes: a medicine's time of day judged better, a temperature or a
result called fine with a conclusion, a threshold below which she need not call, a treatment
named as the first thing to try, a dose change foreseen; and the logistics near them."""

from __future__ import annotations

import pytest

ADVICE = [
    "Injecting your Menopur in the evening is better than in the morning.",
    "It's best to take the estradiol with food.",
    "Your fever of 100.1 is fine, just keep an eye on it.",
    "Only call the nurse if it climbs above 102.",
    "The sperm test came back normal, so it must be on your side.",
    "Her AMH looked a bit low on the last panel.",
    "For endometriosis, IVF is typically the first step.",
    "You'll likely need a stronger dose next cycle.",
]
LOGISTICS = [
    "The test came back and the doctor will call you with the results.",
    "Your results will be ready next week.",
    "The nurse will tell you whether your levels are normal.",
    "Appointments in the morning are better for most patients.",
    "The transfer is usually the first step after the thaw.",
    "Only call us during business hours if you need to reschedule.",
    "The doctor may say a higher dose is needed.",
]


@pytest.mark.parametrize("text", ADVICE)
def test_advice_in_other_shapes(checker, text):
    assert "medical_advice" in [v.rule for v in checker.check(text).violations]


@pytest.mark.parametrize("text", LOGISTICS)
def test_logistics_are_not_advice(checker, text):
    assert "medical_advice" not in [v.rule for v in checker.check(text).violations]
