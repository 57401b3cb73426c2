"""A second, invented clinic (HTML, PDF, TXT, DOCX and Markdown documents, its own questions): the
answer path must not depend on the default clinic's file names, headings or words."""

from __future__ import annotations

import json

import pytest

from tests.answer.second_clinic.build import QUESTIONS, build
from tests.support import indexed_clinic


@pytest.fixture(scope="module")
def clinic(runtime, tmp_path_factory):
    return indexed_clinic(runtime, tmp_path_factory, build, "second-clinic")


def test_every_document_kind_is_indexed(clinic):
    sources = {c.source for c in clinic.snapshots.get().chunks}
    assert {s.rsplit(".", 1)[-1] for s in sources} == {"html", "pdf", "txt", "docx", "md"}


@pytest.mark.parametrize(
    ("question", "source", "fact"),
    [
        ("ivf cycle price at cedar valley", "fees.html", "$13,200"),
        ("fee if she misses her visit", "scheduling-policy.docx", "$50"),
    ],
)
def test_a_covered_question_is_answered_from_the_right_document(clinic, question, source, fact):
    result = clinic.copilot.ask(question)
    assert result.coverage == "answered"
    assert source in [c.source for c in result.citations]
    assert fact in result.answer


def test_urgent_symptoms_are_always_covered_and_routed(clinic):
    result = clinic.copilot.ask("she is bleeding through a pad an hour after her retrieval")
    assert result.urgent and result.found and result.coverage == "answered"
    assert "nurse-triage.md" in [c.source for c in result.citations]


def test_the_questions_file_is_well_formed():
    cases = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]
    assert len({c["id"] for c in cases}) == len(cases)
    assert {c["expect"] for c in cases} == {"answer", "route", "decline"}
    documents = {p.name for p in (QUESTIONS.parent / "documents").iterdir()} | {
        "insurance-and-authorization.pdf",
        "scheduling-policy.docx",
    }
    for case in cases:
        assert set(case["expected_sources"]) <= documents, case["id"]


def test_a_policy_note_naming_another_clinics_price_does_not_block_the_answer(clinic):
    """A date of birth makes the caller 42 or older: the policy's age note (which names the
    default clinic's $350 panel, a price this clinic's list lacks) is carried as the policy
    words it; the answer from this clinic's documents is not blocked for it."""
    result = clinic.copilot.ask("dob 02/11/1970, what is the ivf cycle price at cedar valley")
    assert "$350" in result.answer  # the age note, as the policy words it
    assert result.verdict != "blocked" and "$13,200" in result.answer
    assert "fees.html" in [c.source for c in result.citations]
