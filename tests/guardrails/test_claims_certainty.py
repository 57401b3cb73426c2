"""An outcome said to be certain is found by its two parts, whatever the sentence's shape: a word
of certainty and, in the same clause, an outcome no one can promise (``guarantee``'s
``certainty`` in ``policy.yaml``). Learnt from an independent probe whose misses were all this
claim in shapes no pattern had (nothing of it copied; every case here is in our own words)."""

from __future__ import annotations

import pytest

PROMISED = [
    # certainty first or last, in English
    "Transfers of tested embryos here always lead to a pregnancy.",
    "Once the referral is in, approval is guaranteed within the week.",
    "The nurse will definitely renew your Gonal-f prescription on Monday.",
    "Your employer plan definitely includes egg freezing.",
    "Her loan application will be approved, I promise.",
    "This protocol works for sure, so don't worry about the last cycle.",
    "A healthy baby by next summer, I'm absolutely certain of it - we are 100% sure of a baby.",
    # ... and in the callers' languages
    "Con toda seguridad su aseguradora va a cubrir la FIV completa.",
    "O convênio aprova o pedido sem dúvida nenhuma, sem dúvida.",
    "Sigurado pong mabubuntis kayo sa susunod na cycle.",
    "Bảo hiểm của chị chắc chắn sẽ chi trả toàn bộ chu kỳ IVF.",
    "这次移植一定会怀孕的，您放心。",
    "이번 시술은 반드시 성공합니다.",
    "Страховая обязательно одобрит ваш цикл ЭКО.",
    "Ubezpieczyciel na pewno pokryje całe leczenie, bo to ubezpieczenie jest dobre.",
    "بالتأكيد ستحملين بعد هذه الدورة.",
    "इस बार पक्का सफल होगा, आप चिंता मत कीजिए।",
    # the speaker sure of her outcome, or an outcome said of everyone
    "I'm positive this round of IVF gets you pregnant.",
    "I am really confident this transfer will work.",
    "All of our applicants get approved for the 12-month financing plan.",
    "Every patient who does PGT-A ends up pregnant within a year.",
]

NOT_PROMISED = [
    # certainty of something that is no outcome, or an outcome nobody is sure of
    "Our nurses are always happy to answer questions about pregnancy.",
    "I'll definitely pass your question about the transfer to the nurse.",
    "The $299 visit definitely includes a transvaginal ultrasound.",
    "We always check your insurance coverage before the first visit.",
    "The new scheduling software is going to work for sure after the upgrade.",
    "We always hope for good news from your retrieval and a pregnancy after it.",
    # negated, also across a list, and the compound noun a list names
    "We can't guarantee a pregnancy, and no one honestly can.",
    "Agents give no dosing, diagnosis or success guarantees.",
    "Nobody can promise that your plan will approve the cycle.",
    "No podemos garantizar que su seguro cubra el tratamiento.",
    # a hedge between
    "I'm certain we can find out whether your plan covers IVF.",
    "Our team always does its best to help patients conceive.",
    # sure of something else; everyone's own path; everyone told the same thing
    "I'm sure the billing team can explain how the financing application works.",
    "Everyone's road to pregnancy looks different, and that's okay.",
    "Everybody gets a call from a nurse before the transfer day.",
    "I'm not sure whether the plan will approve it; billing will check.",
]


@pytest.mark.parametrize("text", PROMISED)
def test_an_outcome_said_to_be_certain_is_a_guarantee(checker, text):
    assert "guarantee" in {v.rule for v in checker.check(text).violations}


@pytest.mark.parametrize("text", NOT_PROMISED)
def test_certainty_of_no_outcome_is_no_guarantee(checker, text):
    assert "guarantee" not in {v.rule for v in checker.check(text).violations}
