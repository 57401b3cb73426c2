"""PHI-laden (synthetic) questions through every endpoint, then a scan of the audit database,
the captured logs and the whole data dir: none of the identifiers may be found anywhere."""

import logging
import re

CALLER = (
    "Caller Marisol Quintanilla-Vega, DOB 07/14/1983, phone 415-555-0199, MRN 88421937, "
    "email marisol.qv@example.com asks: is the first consultation free?"
)
FOLLOW_UP = (
    "Patient Dwayne Okonkwo-Reyes born March 3, 1979 wants his Rx renewed, member ID HPF-99812-XZ"
)
IDENTIFIERS = [
    "Quintanilla",
    "Marisol",
    "07/14/1983",
    "415-555-0199",
    "88421937",
    "marisol.qv@example.com",
    "Okonkwo",
    "Dwayne",
    "March 3, 1979",
    "HPF-99812-XZ",
]


def test_no_identifier_is_stored_or_logged_anywhere(server):
    with server.client("admin") as client:
        ask = client.post("/api/ask", json={"question": CALLER})
        assert ask.status_code == 200
        conversation = ask.headers["X-Conversation-Id"]
        stream = client.post(
            "/api/ask/stream", json={"question": FOLLOW_UP, "conversation_id": conversation}
        )
        assert stream.status_code == 200 and "event: final" in stream.text
        feedback = client.post(
            "/api/feedback",
            json={
                "answer_id": ask.headers["X-Answer-Id"],
                "rating": "down",
                "comment": f"wrong for {CALLER}"[:2000],
            },
        )
        assert feedback.status_code == 200
        assert client.post("/api/redact", json={"text": CALLER}).status_code == 200
        assert client.post("/api/check", json={"text": FOLLOW_UP}).status_code == 200
        # Rejected requests must not leak either (validation errors, unknown answers).
        assert (
            client.post("/api/ask", json={"question": CALLER, "extra": CALLER}).status_code == 422
        )
        assert client.post("/api/ask", json={"question": CALLER * 30}).status_code == 422
        assert (
            client.post(
                "/api/feedback", json={"answer_id": "a" * 32, "rating": "up", "comment": CALLER}
            ).status_code
            == 404
        )
        assert client.get("/api/audit").status_code == 200

    # The answers are audited (redacted) and the conversation carried on.
    turns = server.rt.audit.conversation(conversation, user="admin")
    assert len(turns) == 4 and "[NAME]" in turns[0].text

    for handler in logging.getLogger("copilot").handlers:
        handler.flush()
    scanned = [p for p in [*server.settings.data_dir.rglob("*"), server.log_file] if p.is_file()]
    assert any(p.name == "copilot.db" for p in scanned)
    assert server.log_file.stat().st_size > 0
    leaks = []
    for path in scanned:
        blob = path.read_bytes()
        for identifier in IDENTIFIERS:
            if identifier.encode() in blob or identifier.encode("utf-16-le") in blob:
                leaks.append((path.name, identifier))
    assert leaks == []
    log_text = server.log_file.read_text()
    assert re.search(r'"path": "/api/ask"', log_text)  # requests were logged, without questions
