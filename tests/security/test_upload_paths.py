"""Upload path rules: names are unique regardless of case, and a path through a document or a
replace onto a folder is a clear 409, never a 500."""

from __future__ import annotations

import io

from tests.support import wait_for_job

DOC = b"# Parking\n\nPatients park on level P2 of the garage.\n"


def upload(server, path: str, **form):
    with server.client("content_owner") as client:
        files = {"file": ("doc.md", io.BytesIO(DOC), "text/markdown")}
        return client.post("/api/documents", files=files, data={"path": path, **form})


def installed(server, path: str, **form) -> dict:
    """Upload and wait for the job that installs and indexes the document."""
    with server.client("content_owner") as client:
        return wait_for_job(client, upload(server, path, **form))


def test_a_path_through_an_existing_document_is_a_409(secure_server):
    response = upload(secure_server, "faq/general.md/x.md")
    assert response.status_code == 409, response.text
    assert response.json()["detail"] == "faq/general.md is a document, so nothing can go inside it"
    assert (secure_server.settings.knowledge_dir / "faq" / "general.md").is_file()


def test_replace_onto_a_folder_is_a_409(secure_server):
    assert installed(secure_server, "v2.md/notes.md")["state"] == "done"  # a folder named v2.md
    response = upload(secure_server, "v2.md", replace="true")
    assert response.status_code == 409, response.text
    assert response.json()["detail"] == "v2.md is a folder; give the document a file name"
    assert (secure_server.settings.knowledge_dir / "v2.md" / "notes.md").is_file()


def test_a_case_variant_of_an_existing_document_is_refused(secure_server):
    assert installed(secure_server, "probe/dup.md")["state"] == "done"
    for variant in ("probe/DUP.md", "PROBE/dup.md", "Probe/Dup.MD"):
        response = upload(secure_server, variant, replace="true")
        assert response.status_code == 409, (variant, response.text)
        assert "names are case-insensitive" in response.json()["detail"]
    with secure_server.client("agent") as client:
        paths = [s["path"] for s in client.get("/api/sources").json()]
    assert [p for p in paths if p.lower() == "probe/dup.md"] == ["probe/dup.md"]


def test_the_exact_name_can_still_be_replaced(secure_server):
    assert installed(secure_server, "probe/same.md")["state"] == "done"
    job = installed(secure_server, "probe/same.md", replace="true")
    assert job["state"] == "done" and job["action"] == "replaced"
