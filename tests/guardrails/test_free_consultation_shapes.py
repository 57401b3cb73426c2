"""Free consultation in more grammatical shapes: what the visit costs, comes to or is cut down to
said to be nothing, a fee that does not apply or is zeroed out, the practice as the payer, and
consultations named as a meet-and-greet, a talk with a doctor or (Chinese) 面谈; and the
sentences near them that make no such claim."""

from __future__ import annotations

import pytest

FREE = [
    "The intro appointment is on the practice this week.",
    "Use the coupon to zero out what the intro visit costs.",
    "Enter the code at checkout and it zeroes the consultation fee out.",
    "The intro visit costs the two of you nothing.",
    "The video consultation costs neither of them a penny.",
    "Because you are a teacher, the consultation fee won't apply.",
    "Your consultation gets knocked down to zero with this code.",
    "We bill it, then credit it back, so the consult works out to nothing.",
    "Book a meet-n-greet with Dr. Patel at no charge.",
    "Free meet and greet with our physicians this Saturday.",
    "Chat with a fertility specialist for nothing, just press 2.",
    "Reminder: intro consult tmrw 10am, no chg.",  # a label before a colon governs nothing
    "首次面谈免费。",
]
NOT_FREE = [
    "Your first consult is listed on the clinic's website.",
    "Your visit is on the clinic calendar for Monday.",
    "The late fee doesn't apply when we reschedule your consultation.",
    "The card fee does not apply to promotional consultations.",
    "Your consultation will cost nothing extra for the interpreter.",
    "Reminders about your consultation are free.",
    "Speaking to a nurse is free anytime.",
]


@pytest.mark.parametrize("text", FREE)
def test_free_in_other_shapes(checker, text):
    assert "free_consultation" in [v.rule for v in checker.check(text).violations]


@pytest.mark.parametrize("text", NOT_FREE)
def test_near_misses_stay_clean(checker, text):
    assert "free_consultation" not in [v.rule for v in checker.check(text).violations]
