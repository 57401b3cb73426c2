"""What the documents say moves with the index generation: a staff member and a price named by a
newly uploaded document are known at the next question (no restart): the name is kept in
questions answered from the document, the price passes the claims check; once the document is
gone the name is redacted and the price refused again."""

from __future__ import annotations

import io
import time

from tests.support import wait_for_job

NEW_STAFF_DOC = b"""---
title: Welcome our new nurse practitioner
category: updates
owner: Clinical Operations
last_updated: 2025-10-20
---
# Welcome our new nurse practitioner

Starting Monday, nurse practitioner Tamsin Okoro-Vale takes the Tuesday monitoring clinic in
San Mateo. Agents may transfer medication questions to Okoro-Vale through the nurse line.

A medication review visit with nurse practitioner Okoro-Vale is $215 (self-pay).
"""
QUESTION = "can Okoro-Vale call the pt back about her labs today"
PATH = "updates/new-nurse-practitioner.md"
PRICE_QUESTION = "how much is a medication review visit with Okoro-Vale"
PRICE_CLAIM = "A medication review visit with Okoro-Vale is $215."


def _redacted(client) -> str:
    response = client.post("/api/redact", json={"text": QUESTION})
    assert response.status_code == 200, response.text
    return response.json()["text"]


def _price_verdict(client) -> str:
    response = client.post("/api/check", json={"text": PRICE_CLAIM})
    assert response.status_code == 200, response.text
    return response.json()["verdict"]


def _until(predicate, attempts: int = 120) -> bool:
    """Poll (an upload may be indexed by a background job); bounded, never timed."""
    for _ in range(attempts):
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_a_new_staff_name_and_price_are_known_after_upload_and_gone_after_delete(server):
    with server.client("content_owner") as owner, server.client("qa") as agent:
        before = _redacted(agent)
        assert "Okoro-Vale" not in before and before.startswith("can [")
        assert _price_verdict(agent) == "violation"  # no document states this price yet
        files = {"file": ("np.md", io.BytesIO(NEW_STAFF_DOC), "application/octet-stream")}
        response = owner.post("/api/documents", files=files, data={"path": PATH})
        try:
            assert wait_for_job(owner, response)["state"] == "done"
            assert _redacted(agent) == QUESTION  # the running server, no restart
            assert _price_verdict(agent) == "pass"
            asked = agent.post("/api/ask", json={"question": PRICE_QUESTION})
            assert asked.status_code == 200, asked.text
            answer = asked.json()
            assert answer["redacted_question"] == PRICE_QUESTION
            assert answer["verdict"] == "pass", answer
            assert any(c["source"] == PATH for c in answer["citations"]), answer["citations"]
        finally:
            deleted = owner.delete(f"/api/documents/{PATH}")
            assert wait_for_job(owner, deleted)["state"] == "done"
        assert _until(lambda: "Okoro-Vale" not in _redacted(agent))
        assert _price_verdict(agent) == "violation"
