"""The PHI allow-list moves with the index generation: a staff member named by a newly uploaded
document is kept in questions at once (no restart), and redacted again once the document is gone."""

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
"""
QUESTION = "can Okoro-Vale call the pt back about her labs today"
PATH = "updates/new-nurse-practitioner.md"


def _redacted(client) -> str:
    response = client.post("/api/redact", json={"text": QUESTION})
    assert response.status_code == 200, response.text
    return response.json()["text"]


def _until(predicate, attempts: int = 120) -> bool:
    """Poll (an upload may be indexed by a background job); bounded, never timed."""
    for _ in range(attempts):
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_a_new_staff_name_is_kept_after_upload_and_redacted_after_delete(server):
    with server.client("content_owner") as owner, server.client("qa") as agent:
        before = _redacted(agent)
        assert "Okoro-Vale" not in before and before.startswith("can [")
        files = {"file": ("np.md", io.BytesIO(NEW_STAFF_DOC), "application/octet-stream")}
        response = owner.post("/api/documents", files=files, data={"path": PATH})
        try:
            assert wait_for_job(owner, response)["state"] == "done"
            assert _redacted(agent) == QUESTION  # the running server, no restart
        finally:
            deleted = owner.delete(f"/api/documents/{PATH}")
            assert wait_for_job(owner, deleted)["state"] == "done"
        assert _until(lambda: "Okoro-Vale" not in _redacted(agent))
