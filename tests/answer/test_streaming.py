"""A draft streamed sentence by sentence, each sentence guarded before it is sent.

Ordering is asserted with the fake model's own flags: it holds the rest of its answer until the
test has seen the first sentence, so that sentence provably left before the model finished. The
documents' (grounded) draft is asserted to send its first sentence before the whole-draft steps
run, by recording when those steps start.
"""

from __future__ import annotations

import re

import pytest
from langchain_core.runnables import RunnableLambda

from tests.fake_model import Reply, model_copilot

DRAFT = (
    "A frozen embryo transfer costs $4,200 per transfer [1]. "
    "Medications are not included [1]. "
    "PGT-A on the transferred embryo is also $4,200 [1]. "
    "We never give refunds for medical services."
)


@pytest.fixture(scope="module")
def streaming_copilot(runtime, model_server):
    return model_copilot(runtime, model_server, timeout_s=2.0)


def test_the_first_guarded_sentence_arrives_before_the_model_finishes(streaming_copilot, model):
    first_sentence = Reply(DRAFT.split(" Medications")[0]).pieces
    model.scripts["how much is FET"] = Reply(DRAFT, hold_after=len(first_sentence) + 1)
    events = streaming_copilot.stream("how much is FET")
    first = next(events)
    assert first == {"event": "sentence", "text": "A frozen embryo transfer costs $4,200 per "
                                                  "transfer. [1]"}
    assert not model.finished.is_set()  # the model is still holding the rest of its answer
    model.release.set()
    rest = list(events)
    assert model.finished.is_set()
    shown = [first["text"]] + [e["text"] for e in rest if e["event"] == "sentence"]
    assert len(shown) == 2 and shown[1].startswith("Medications are not included. [")
    final = rest[-1]
    assert final["event"] == "final"
    result = final["result"]
    assert result["verdict"] == "revised" and result["drafter"] == "openai"
    assert "PGT-A" not in result["answer"] and "refund" not in result["answer"]
    assert result["citations"]


def test_unguarded_sentences_are_never_sent(streaming_copilot, model):
    model.scripts["first consult free"] = Reply(
        "Good news: the first consultation is free [1]. "
        "The promotional virtual consultation is $99 [1]."
    )
    events = list(streaming_copilot.stream("is the first consult free"))
    sent = " ".join(e["text"] for e in events if e["event"] == "sentence")
    assert "free" not in sent
    assert "consultation is free" not in events[-1]["result"]["answer"]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_stream_that_breaks_off_falls_back_to_the_documents_statement_by_statement(
    streaming_copilot, model
):
    question = "can a partner come along to the first consult?"
    model.scripts[question] = Reply("Partners are welcome at every visit [1]. Bring", break_after=4)
    events = list(streaming_copilot.stream(question))
    kinds = [e["event"] for e in events]
    # Nothing complete had been written: no restart, the documents' statements one by one.
    assert kinds[-1] == "final" and len(kinds) >= 3 and set(kinds[:-1]) == {"sentence"}
    result = events[-1]["result"]
    assert result["drafter"] == "grounded" and "partner" in result["answer"].lower()
    assert result["fallback_reason"] == "the model's answer broke off"
    assert any(n.startswith("Answered from the documents") for n in result["notes"])
    sentences = [flat(e["text"]) for e in events[:-1]]
    assert all(re.search(r"\[\d+\]$", s) and s in flat(result["answer"]) for s in sentences)


def test_sentences_the_model_sent_before_breaking_off_are_withdrawn_by_a_restart(
    streaming_copilot, model
):
    first_sentence = Reply(DRAFT.split(" Medications")[0]).pieces
    model.scripts["how much is FET"] = Reply(DRAFT, break_after=len(first_sentence) + 2)
    events = list(streaming_copilot.stream("how much is FET"))
    kinds = [e["event"] for e in events]
    assert kinds[:2] == ["sentence", "restart"] and kinds.count("restart") == 1
    assert events[0]["text"] == "A frozen embryo transfer costs $4,200 per transfer. [1]"
    after = [flat(e["text"]) for e in events[2:-1]]
    assert after and set(kinds[2:-1]) == {"sentence"}
    result = events[-1]["result"]
    assert result["drafter"] == "grounded" and "$4,200" in result["answer"]
    assert all(s in flat(result["answer"]) for s in after)  # the documents' answer, as it ends


def test_a_stalled_stream_falls_back_after_the_timeout(streaming_copilot, model):
    model.scripts["how much is FET"] = Reply(DRAFT, delay_s=4.0)  # the timeout is 2 s
    events = list(streaming_copilot.stream("how much is FET"))
    result = events[-1]["result"]
    assert result["drafter"] == "grounded"
    assert result["fallback_reason"] == "the model did not answer in 2 s"


def test_the_documents_answer_streams_each_checked_sentence_before_the_whole_draft_steps(runtime):
    copilot = runtime.derive().copilot  # its own chain object; the models and index are shared
    whole_draft_steps = []
    steps = copilot.answer_steps
    copilot.answer_steps = RunnableLambda(lambda s: whole_draft_steps.append(1) or s) | steps
    question = "can a partner come along to the first consult?"
    events = copilot.stream(question)
    first = next(events)
    assert first["event"] == "sentence" and not whole_draft_steps
    assert re.search(r"\[1\]$", first["text"])  # cited as it will be in the answer
    rest = list(events)
    assert whole_draft_steps == [1] and rest[-1]["event"] == "final"
    sentences = [first["text"]] + [e["text"] for e in rest[:-1]]
    assert len(sentences) >= 2 and all(e["event"] == "sentence" for e in rest[:-1])
    streamed = rest[-1]["result"]
    asked = runtime.copilot.ask(question).model_dump()
    assert streamed["drafter"] == "grounded"
    assert streamed.pop("latency_ms") >= 0 and asked.pop("latency_ms") >= 0
    assert streamed == asked  # the final event is exactly what ask() returns



def test_a_refused_request_never_reaches_the_model(streaming_copilot, model):
    model.reset()
    events = list(streaming_copilot.stream("send me all the patients' email addresses please"))
    assert [e["event"] for e in events] == ["final"]
    result = events[0]["result"]
    assert (result["coverage"], result["found"], result["citations"]) == ("refused", False, [])
    assert model.requests == [] and "CRM" in result["answer"]
