"""The JSON and streaming API over real HTTP against the real runtime."""

import json

import pytest

from copilot.answer.model import AnswerResult


def read_events(response) -> list[tuple[str, dict]]:
    events = []
    for block in response.text.split("\n\n"):
        if not block.strip():
            continue
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_ask_returns_the_answer_json_with_ids_in_headers(server):
    with server.client("agent") as client:
        response = client.post("/api/ask", json={"question": "Is the first consultation free?"})
    assert response.status_code == 200
    result = AnswerResult.model_validate(response.json())
    assert set(response.json()) == set(AnswerResult.model_fields)
    assert result.citations and result.found
    # no offer of a free consultation in any wording (a correct denial may name the old offer)
    assert server.rt.checker.check(result.answer).verdict == "pass"
    assert "$99" in result.answer or "isn't free" in result.answer.lower()
    answer_id = response.headers["X-Answer-Id"]
    (record,) = [r for r in server.rt.audit.answers() if r.id == answer_id]
    assert (
        record.user == "agent" and record.conversation_id == response.headers["X-Conversation-Id"]
    )
    assert record.sources == sorted({c.source for c in result.citations})


def test_stream_sends_sentences_then_one_final_event(server):
    with server.client("agent") as client:
        response = client.post(
            "/api/ask/stream", json={"question": "What are the clinic's phone hours?"}
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = read_events(response)
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "final" and kinds.count("final") == 1
    assert kinds[:-1] and set(kinds[:-1]) == {"sentence"}
    final = events[-1][1]
    result = AnswerResult.model_validate(final["result"])
    streamed = " ".join(data["text"] for kind, data in events if kind == "sentence")
    assert streamed.split() == result.answer.split()
    assert len(final["answer_id"]) == 32 and final["conversation_id"]


@pytest.mark.parametrize(
    ("question", "first_chip"),
    [
        ("where do I transfer a caller with a billing complaint", "Transfer"),
        ("pt has heavy bleeding since this morning, what do I do", "Transfer to the nurse line"),
    ],
)
def test_the_answer_its_stream_and_the_restored_turn_carry_the_same_next_steps(
    server, question, first_chip
):
    with server.client("agent") as client:
        asked = client.post("/api/ask", json={"question": question}).json()
        final = read_events(client.post("/api/ask/stream", json={"question": question}))[-1][1]
        stored = client.get(f"/api/conversations/{final['conversation_id']}").json()
    chips = asked["next_steps"]
    assert chips and chips[0]["label"].startswith(first_chip)
    assert final["result"]["next_steps"] == chips == stored["turns"][-1]["next_steps"]
    assert "next_steps" not in final  # one place: the result, as /api/ask returns it
    assert all(server.rt.checker.check(c["script"]).verdict == "pass" for c in chips)


def test_follow_ups_see_the_earlier_turns_of_the_same_conversation(server):
    with server.client("agent") as client:
        first = client.post("/api/ask", json={"question": "How much is the virtual consultation?"})
        conversation = first.headers["X-Conversation-Id"]
        second = client.post(
            "/api/ask",
            json={"question": "and for the in-office one?", "conversation_id": conversation},
        )
    assert second.status_code == 200
    assert second.headers["X-Conversation-Id"] == conversation
    turns = server.rt.audit.conversation(conversation, user="agent")
    assert [t.text for t in turns[::2]] == [
        "How much is the virtual consultation?",
        "and for the in-office one?",
    ]
    with server.client("qa") as other:  # someone else's conversation id gives them no history
        other.post("/api/ask", json={"question": "and the price?", "conversation_id": conversation})
    assert len(server.rt.audit.conversation(conversation, user="agent")) == 4


def test_a_question_the_documents_do_not_cover_becomes_a_knowledge_gap(server):
    question = "Do you offer valet parking for motorcycles on Sundays?"
    with server.client("agent") as client:
        result = client.post("/api/ask", json={"question": question}).json()
    with server.client("content_owner") as owner:
        overview = owner.get("/api/index").json()
    gaps = [g["question"] for g in overview["gaps"]]
    assert (question in gaps) == (not result["found"])
    assert overview["report"]["documents"] > 0 and overview["sources"]


def test_a_streamed_question_the_documents_do_not_cover_becomes_a_knowledge_gap(server):
    question = "Do you rent out rowing boats for the harbour regatta?"
    with server.client("agent") as client:
        events = read_events(client.post("/api/ask/stream", json={"question": question}))
    assert not events[-1][1]["result"]["found"]
    assert question in [g.redacted_question for g in server.rt.audit.gaps(limit=1000)]


def test_feedback_is_stored_with_a_redacted_comment(server):
    with server.client("agent") as client:
        answer_id = client.post(
            "/api/ask", json={"question": "Where do I send fax referrals?"}
        ).headers["X-Answer-Id"]
        response = client.post(
            "/api/feedback",
            json={
                "answer_id": answer_id,
                "rating": "down",
                "comment": "Caller Priyanka Vasquez-Lindqvist says 415-555-0142 is wrong",
            },
        )
    assert response.status_code == 200 and response.json()["rating"] == "down"
    case = next(c for c in server.rt.audit.feedback_cases() if c["answer_id"] == answer_id)
    assert "415-555-0142" not in case["comment"] and "Vasquez" not in case["comment"]
    assert "[PHONE]" in case["comment"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"answer_id": "f" * 32, "rating": "up"}, 404, "no answer with id"),
        ({"answer_id": "f" * 32, "rating": "meh"}, 422, "rating"),
        ({"answer_id": "../../etc", "rating": "up"}, 422, "answer_id"),
        ({"answer_id": "f" * 32, "rating": "up", "comment": "x" * 2001}, 422, "comment"),
    ],
)
def test_bad_feedback_gets_a_clear_4xx(server, body, status, message):
    with server.client("agent") as client:
        response = client.post("/api/feedback", json=body)
    assert response.status_code == status
    assert message in json.dumps(response.json())


def test_sources_list_the_indexed_documents(server):
    with server.client("agent") as client:
        sources = client.get("/api/sources").json()
    paths = {s["path"] for s in sources}
    assert "pricing/price-sheet-2025.pdf" in paths and "faq/general.md" in paths
    assert all(s["chunks"] > 0 for s in sources)


def test_redact_and_check_are_the_guardrails(server):
    with server.client("qa") as client:
        redacted = client.post(
            "/api/redact", json={"text": "Patient Tobias Whitcombe-Adeyemi, phone 212-555-0187"}
        ).json()
        flagged = client.post(
            "/api/check",
            json={"text": "Your first consultation is free and success is guaranteed."},
        ).json()
        clean = client.post("/api/check", json={"text": "Please hold while I transfer you."}).json()
    assert "Whitcombe" not in redacted["text"] and "212-555-0187" not in redacted["text"]
    assert {e["label"] for e in redacted["entities"]} >= {"NAME", "PHONE"}
    assert flagged["verdict"] != "pass" and flagged["violations"]
    assert clean["verdict"] == "pass" and clean["violations"] == []


@pytest.mark.parametrize(
    ("content", "status", "message"),
    [
        (b'{"question": "hours?"', 400, "not valid JSON"),
        (b"question=hours", 400, "not valid JSON"),
        (b'{"question": ""}', 422, "question is empty"),
        (b'{"question": "   "}', 422, "question is empty"),
        (b'{"question": "hours", "admin": true}', 422, "admin"),
        (b'{"question": 42}', 422, "question"),
        (b"[]", 422, "valid dictionary"),
        (json.dumps({"question": "x" * 4001}).encode(), 422, "at most 4000"),
        (json.dumps({"question": "x" * 70_000}).encode(), 413, "over the 64 KB limit"),
    ],
)
def test_malformed_requests_get_clear_4xx_without_stack_traces(server, content, status, message):
    with server.client("agent") as client:
        response = client.post(
            "/api/ask", content=content, headers={"Content-Type": "application/json"}
        )
    assert response.status_code == status
    text = response.text
    assert message in text
    assert "Traceback" not in text and 'File "' not in text
    assert "x" * 100 not in text  # the input is never echoed back


def test_health_ready_and_offline_docs(server):
    with server.client("agent") as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["ready"] is True
        docs = client.get("/docs").text
        assert "/docs/assets/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
        assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
        paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/feedback", "/api/documents"} <= set(paths)


def test_qa_can_export_the_audit_trail_over_http(server):
    with server.client("agent") as client:
        answer_id = client.post("/api/ask", json={"question": "Who handles complaints?"}).headers[
            "X-Answer-Id"
        ]
    with server.client("qa") as qa:
        lines = qa.get("/api/audit", params={"format": "jsonl", "since": "2000-01-01"}).text
        csv_text = qa.get("/api/audit", params={"format": "csv"}).text
        bad = qa.get("/api/audit", params={"since": "yesterday-ish"})
    ids = [json.loads(line)["id"] for line in lines.splitlines()]
    assert answer_id in ids and answer_id in csv_text
    assert bad.status_code == 422 and "since" in bad.text
