"""The serving generation's snapshot: its statements' vectors are at hand before any question."""

from __future__ import annotations

import pytest

from copilot.answer.snapshot import _embedded_forms, build_snapshot
from copilot.answer.text import meaning_text, read_aloud, read_as_stated, statements
from copilot.knowledge.model import CURRENT, Chunk
from guardrails import Policy
from guardrails.claims import semantic_sentences

QUESTIONS = [
    "what does the in office promo visit include",
    "pt wants to know how early she has to cancel to get her money back",
    "who do i send a billing dispute to",
    "how long does insurance verification take",  # (timing statements are compared to it)
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


def test_a_statement_read_with_the_one_before_names_what_it_leaves_to_it():
    chunks = [Chunk(id="ins.md#0", text="IUI cycles need prior authorization. A decision takes "
                    "about 5 business days. Biopsy results are reviewed by the nurse team.\n\n"
                    "Semen analysis is $200. Parking is in the garage. A visit is 30 minutes.",
                    source="ins.md",
                    title="Insurance",
                    category="faq", owner="", last_updated="", section="Prior authorization",
                    page=None, content_hash="h", status=CURRENT)]
    snapshot = build_snapshot("g", chunks, Policy.load())
    timed = r"\b\d+ (?:business )?days\b"
    assert snapshot.named_beside(["auth", "iui"], timed)  # a shorthand begins its word
    assert not snapshot.named_together(["authorization"], timed)  # no statement names both
    assert not snapshot.named_beside(["biopsy"], timed)  # after the time, not before it
    # in the passage, not beside the statement: the visit is timed, not the analysis
    assert not snapshot.named_beside(["semen", "analysis"], r"\b\d+ minutes\b")
    assert snapshot.closest_giving("how long is prior auth", timed) is None  # no embedder


def test_no_question_is_kept_with_the_statement_vectors(runtime):
    question = "Ana Example called from 555-0142 about the promo consult"
    result = runtime.copilot.ask(question)
    forms = [question, meaning_text(question), result.redacted_question,
             meaning_text(result.redacted_question)]
    assert runtime.statement_vectors.lookup(forms) == {}


@pytest.fixture
def embed_calls(runtime, monkeypatch) -> list[list[str]]:
    """The texts of each call the semantic layer makes to the embedder from now on (the
    documents' statements embedded beforehand)."""
    runtime.embed_statements()
    semantic = runtime.snapshots.get().checker.semantic
    calls: list[list[str]] = []
    real = semantic.embed

    def counted(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(semantic, "embed", counted)
    return calls


def test_the_urgent_check_and_the_drafter_embed_a_question_in_one_call(runtime, embed_calls):
    """The urgent check reads each sentence of the question by meaning, and the whole question
    with them: the drafter's vector of the question comes from that same call."""
    question = "pt is asking about the promo. what does the in office visit include"
    assert runtime.copilot.ask(question).citations
    assert len(embed_calls) == 1
    assert meaning_text(question) in embed_calls[0]


def test_a_question_with_redaction_marks_is_read_for_urgency_once(runtime, embed_calls):
    """The answer's guard reads the question for urgent symptoms as the search did, without the
    redaction's marks: the meaning layer's vectors of its sentences are at hand. One call embeds
    them, one the question as asked for the drafter; none is embedded twice."""
    result = runtime.copilot.ask(
        "Marisol Quintero-Vance, cell 408-555-0193, called back. She is asking what the in "
        "office visit includes")
    assert "[" in result.redacted_question and result.citations
    texts = [text for call in embed_calls for text in call]
    assert len(embed_calls) == 2 and len(texts) == len(set(texts))


def test_the_current_documents_own_statements_pass_the_meaning_check(runtime):
    """What a current document states, in wording the drafter may read out as it stands, is the
    clinic's to say: only a pattern rule may hold it back (the meaning layer misread a price list,
    a holiday table and a benefit manager's row before). A retired document's wording is still
    judged."""
    snapshot = runtime.snapshots.get()
    checker = snapshot.checker
    held_back = []
    for chunk in snapshot.chunks:
        for statement in statements(chunk.text):
            if chunk.status != CURRENT or not read_as_stated(statement, chunk):
                continue
            if any(rule.find(statement.text) for rule in checker.rules):
                continue
            if not snapshot.compliant(read_aloud(statement.text)):
                held_back.append(statement.text)
    assert not held_back
    current = {s for c in snapshot.chunks if c.status == CURRENT
               for st in statements(c.text) for s in semantic_sentences(st.text)}
    retired = {s for c in snapshot.retired for st in statements(c.text)
               for s in semantic_sentences(st.text)} - current
    assert retired and not retired & checker.stated


def test_a_shorthand_reads_as_the_documents_commonest_word_it_begins(runtime):
    snapshot = runtime.snapshots.get()
    completed = snapshot.completion("dispo")
    assert completed is not None and completed.startswith("disposit")
    assert snapshot.completion("appoin").startswith("appoint")
    assert snapshot.completion("consult") is None  # a word the documents use is itself
    assert snapshot.completion("ivf") is None  # too short to stand for anything
    assert snapshot.completion("2025") is None  # numbers are no shorthand
    assert snapshot.completion("zebrafin") is None  # begins nothing


def test_a_question_in_shorthand_is_answered_from_the_words_it_stands_for(runtime):
    result = runtime.copilot.ask("what's the dispo code for a caller we couldn't verify")
    assert result.coverage == "answered"
    assert "VERIFY-FAIL" in result.answer


def _chunk(text: str, status: str = CURRENT) -> Chunk:
    return Chunk(id=f"c{abs(hash(text))}", text=text, source="faq.md", title="FAQ",
                 category="faq", owner="", last_updated="", section="", page=None,
                 content_hash="h", status=status)


def test_proper_names_are_words_written_only_capitalised_inside_a_sentence():
    snapshot = build_snapshot("g", [
        _chunk("Medications are billed by our pharmacy partner, Crestline Rx.\n"
               "Questions about dosing go to Dr. Amara Osei.\n"
               "The Lab opens at 7 AM. Results from the lab come by portal.\n"
               "Ask the Billing team; billing questions are answered same day."),
        _chunk("Our pharmacy partner is Wexley Rx.", status="archived"),
    ], Policy.load())
    assert {"crestline", "amara", "osei"} <= snapshot.proper_names
    assert snapshot.titled_names == {"amara"}
    # written in lower case too, or only at a line's start, or only in an archived document
    assert not {"lab", "billing", "medications", "questions", "wexley"} & snapshot.proper_names


def test_a_name_is_given_where_a_statement_names_the_thing_beside_a_proper_name():
    snapshot = build_snapshot("g", [
        _chunk("Medications are billed by our pharmacy partner, Crestline Rx.\n"
               "The lab draws blood daily; the supervisor approves schedule overrides in writing "
               "for Dr. Osei's patients on request only."),
    ], Policy.load())
    assert snapshot.named_by_name(["pharmacy"], lambda name: True)
    assert not snapshot.named_by_name(["lab"], lambda name: True)  # no name in its statement
    assert not snapshot.named_by_name(["supervisor"], lambda name: True)  # a name far from it
    assert not snapshot.named_by_name(["pharmacy"], lambda name: name != "crestline")
