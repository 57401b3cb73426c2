"""Sentences near a claim that make none: no fee for a visit the clinic moved (the payment
carries over), an old page or flyer explained as outdated or over."""

from __future__ import annotations

import pytest

CLEAN = [
    "Since we had to shift your video visit, there is no fee and your payment carries over.",
    "We moved your consultation to Tuesday at no charge; what you paid applies to the new time.",
    "The 'free consult' flyer you saw is out of date and that deal is over.",
    "That free-visit ad is from an old web page; the promotion was over last year.",
]
STILL_FREE = [
    "Your consultation is free if you move it to a weekday.",
    "The free consult you saw online is still available.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_no_claim_is_made(checker, text):
    assert checker.check(text).violations == []


@pytest.mark.parametrize("text", STILL_FREE)
def test_the_claim_itself_is_still_found(checker, text):
    assert "free_consultation" in [v.rule for v in checker.check(text).violations]
