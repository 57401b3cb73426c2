"""The two reads behind the panel's source sheet and restored history, over real HTTP: a cited
document's text (indexed documents only) and one's own stored, redacted conversation."""

import pytest


def test_a_cited_document_comes_back_as_text_with_its_sections(server):
    with server.client("agent") as client:
        answer = client.post("/api/ask", json={"question": "Is the first consultation free?"})
        cited = answer.json()["citations"][0]
        response = client.get("/api/sources/document", params={"path": cited["source"]})
    assert response.status_code == 200
    document = response.json()
    assert document["source"] == cited["source"] and document["title"] == cited["title"]
    text = "\n".join(page["text"] for page in document["pages"])
    section = cited["section"].split(">")[-1].strip()
    assert section in text and document["status"] == "current"


def test_a_pdf_comes_back_page_by_page(server):
    with server.client("agent") as client:
        response = client.get(
            "/api/sources/document", params={"path": "pricing/price-sheet-2025.pdf"}
        )
    assert response.status_code == 200
    pages = response.json()["pages"]
    assert [p["number"] for p in pages] == list(range(1, len(pages) + 1))


@pytest.mark.parametrize(
    "path", ["../data/users.yaml", "/etc/passwd", "faq/not-a-document.md", "data/copilot.db"]
)
def test_only_indexed_documents_can_be_read(server, path):
    with server.client("agent") as client:
        response = client.get("/api/sources/document", params={"path": path})
    assert response.status_code == 404
    assert "no indexed document" in response.json()["detail"]


def test_a_conversation_comes_back_redacted_and_only_to_its_owner(server):
    with server.client("agent") as client:
        first = client.post(
            "/api/ask", json={"question": "Jane Roe, DOB 02/03/1985, asks about phone hours"}
        )
        conversation_id = first.headers["X-Conversation-Id"]
        client.post(
            "/api/ask",
            json={"question": "and on saturdays?", "conversation_id": conversation_id},
        )
        mine = client.get(f"/api/conversations/{conversation_id}").json()
    assert [t["question"] for t in mine["turns"]][1] == "and on saturdays?"
    first_turn = mine["turns"][0]
    assert "Jane Roe" not in first_turn["question"] and "[NAME]" in first_turn["question"]
    assert first_turn["answer_id"] == first.headers["X-Answer-Id"]
    assert first_turn["sources"] and all(s["title"] for s in first_turn["sources"])
    with server.client("qa") as other:
        theirs = other.get(f"/api/conversations/{conversation_id}")
    assert theirs.status_code == 200 and theirs.json()["turns"] == []
    with server.client() as anonymous:
        assert anonymous.get(f"/api/conversations/{conversation_id}").status_code == 401


def test_recent_conversations_are_ones_own_latest_first(server):
    with server.client("agent") as client:
        older = client.post("/api/ask", json={"question": "What are the phone hours?"})
        newer = client.post("/api/ask", json={"question": "how much is ivf"})
        client.post("/api/ask", json={"question": "and with icsi?",
                                      "conversation_id": newer.headers["X-Conversation-Id"]})
        mine = client.get("/api/conversations").json()
    assert [c["conversation_id"] for c in mine[:2]] == [
        newer.headers["X-Conversation-Id"], older.headers["X-Conversation-Id"]]
    assert mine[0]["first_question"] == "how much is ivf" and mine[0]["turns"] == 2
    with server.client("qa") as other:
        theirs = [c["conversation_id"] for c in other.get("/api/conversations").json()]
    assert newer.headers["X-Conversation-Id"] not in theirs
