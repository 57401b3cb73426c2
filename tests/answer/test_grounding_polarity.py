"""The grounding check's polarity: a statement backed only by a passage that says the opposite is
left out (through the fake model server, on the invented clinic of ``tests/answer/larkspur.py``),
while a correct negated statement and a correct paraphrase stay. The cues are data, in English,
Spanish, Vietnamese and Chinese."""

from __future__ import annotations

import pytest

from copilot.answer.drafters import Draft
from copilot.answer.grounding import GroundingCheck
from copilot.knowledge.model import Chunk
from tests.fake_model import Reply

QUESTION = "larkspur brightline coverage, fasting and refunds"
KEPT = "Each Larkspur orientation class seats 18 patients."  # a second, correct statement

OPPOSITE = [  # (the model's statement, the passage it contradicts, in words)
    "Genetic carrier screening is not covered by the Brightline employer plan.",
    "Patients do not need to fast before the glucose tolerance test.",
    "The embryo storage deposit cannot be refunded.",
    "Acupuncture sessions are covered by the Brightline employer plan.",
    "Egg freezing consultations are refundable once the visit has started.",
]
SAME = [  # correct statements, negated or not, in the passage's words or the model's own
    "Acupuncture sessions are not covered by the Brightline employer plan.",
    "The Brightline employer plan does not cover acupuncture sessions.",
    "The Brightline employer plan covers genetic carrier screening.",
    "Patients have to fast for 8 hours before their glucose tolerance test.",
    "Egg freezing consultations cannot be refunded once the visit has started.",
]


def model_says(larkspur_model, model, *statements: str):
    """The answer to ``QUESTION`` when the model states ``statements``, each cited to [1]."""
    model.scripts[QUESTION] = Reply(" ".join(f"{s.removesuffix('.')} [1]." for s in statements))
    result = larkspur_model.ask(QUESTION)
    assert result.drafter == "openai", result.fallback_reason
    return result


@pytest.mark.parametrize("said", OPPOSITE)
def test_a_statement_saying_the_opposite_of_its_passage_is_left_out(larkspur_model, model, said):
    result = model_says(larkspur_model, model, said, KEPT)
    assert said.removesuffix(".") not in result.answer
    assert "18 patients" in result.answer and result.verdict == "revised"
    assert any("said the opposite of the document" in note for note in result.notes), result.notes


@pytest.mark.parametrize("said", SAME)
def test_a_statement_with_its_passages_polarity_stays(larkspur_model, model, said):
    result = model_says(larkspur_model, model, said)
    assert result.verdict == "pass", result.notes
    assert said.removesuffix(".") in result.answer and result.citations


def chunk(text: str) -> Chunk:
    return Chunk("c1", text, "guide.md", "Guide", "sops", "ops", "2026-01-01", "Guide", None, "h")


@pytest.mark.parametrize(("passage", "opposite", "same"), [
    ("La prueba de sangre está cubierta por el plan.",
     "La prueba de sangre no está cubierta por el plan.",
     "La prueba de sangre está cubierta por el plan."),
    ("Xét nghiệm máu được bảo hiểm chi trả.",
     "Xét nghiệm máu không được bảo hiểm chi trả.",
     "Xét nghiệm máu được bảo hiểm chi trả."),
    ("If you cannot attend, the deposit is refundable with notice.",
     "The deposit is not refundable with notice.", "The deposit is refundable with notice."),
])
def test_negation_cues_in_each_language_and_only_in_the_clause_that_meets(passage, opposite, same):
    check = GroundingCheck()
    for said, kept in ((opposite, False), (same, True)):
        result = check.check(Draft(f"{said} [1]", [chunk(passage)], "openai"), [chunk(passage)])
        assert (result.removed == 0) is kept, said
        assert result.contradicted == (0 if kept else 1), said


def test_chinese_negation_is_read_too():  # Chinese has no content words the check can share
    check = GroundingCheck()
    passage = check.units([chunk("Blood test 血液检查由保险支付。")])[0]
    [opposite] = check.claims(Draft("Blood test 血液检查不由保险支付。", [], "openai"))
    [same] = check.claims(Draft("Blood test 血液检查由保险支付。", [], "openai"))
    assert check.opposite(opposite, passage) and not check.opposite(same, passage)
