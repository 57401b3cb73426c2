"""The serving generation's snapshot: its statements' vectors are at hand before any question."""

from __future__ import annotations

from copilot.answer.snapshot import _embedded_forms
from copilot.answer.text import meaning_text

QUESTIONS = [
    "what does the in office promo visit include",
    "pt wants to know how early she has to cancel to get her money back",
    "who do i send a billing dispute to",
]


def test_an_answer_embeds_the_question_and_no_statement_of_the_documents(runtime, monkeypatch):
    runtime.embed_statements()
    snapshot = runtime.snapshots.get()
    semantic = snapshot.checker.semantic
    embedded: list[str] = []
    real = semantic.embed

    def counted(texts):
        embedded.extend(texts)
        return real(texts)

    monkeypatch.setattr(semantic, "embed", counted)
    for question in QUESTIONS:
        result = runtime.copilot.ask(question)
        assert result.citations
    statements = set(_embedded_forms(snapshot.chunks))
    assert not set(embedded) & statements
    assert len(embedded) <= 2 * len(QUESTIONS)  # each question, as asked and as checked


def test_no_question_is_kept_with_the_statement_vectors(runtime):
    question = "Ana Example called from 555-0142 about the promo consult"
    result = runtime.copilot.ask(question)
    forms = [question, meaning_text(question), result.redacted_question,
             meaning_text(result.redacted_question)]
    assert runtime.statement_vectors.lookup(forms) == {}
