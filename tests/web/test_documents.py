"""Content owners' uploads, deletes and re-indexing, with every bad-input case refused with a
4xx and the knowledge folder and index left untouched."""

import hashlib
import io
import json

import pytest
from fpdf import FPDF

from tests.support import wait_for_job

GOOD_MD = b"""---
title: Parking and Arrival
category: faq
owner: Front Desk
last_updated: 2025-09-01
---
# Parking and Arrival

## Where do patients park?

Patients park free of charge in the Harbor Point garage, level P2, using the zebra-striped bays.
"""


def snapshot(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def a_pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def upload(client, name, content, **form):
    files = {"file": (name, io.BytesIO(content), "application/octet-stream")}
    return client.post("/api/documents", files=files, data=form)


BROKEN_FRONT_MATTER = b"---\ntitle: [unclosed\n---\n# Body\n\ntext\n"
BAD_UPLOADS = [
    ("../../etc/escape.md", GOOD_MD, {}, 400, "leaves the knowledge folder"),
    ("faq/x.md", GOOD_MD, {"path": "/etc/passwd.md"}, 400, "must be relative"),
    ("faq/x.md", GOOD_MD, {"path": "faq/../../x.md"}, 400, "leaves the knowledge folder"),
    ("faq/x.md", GOOD_MD, {"path": "faq/.hidden.md"}, 400, "must not start with a dot"),
    ("faq/x.md", GOOD_MD, {"path": "faq\\win.md"}, 400, "backslash"),
    ("tool.exe", b"MZ\x90\x00\x03" + b"\x00" * 64, {}, 415, "'.exe' is not accepted"),
    ("notes.md", b"%PDF-1.7\n" + b"a" * 200, {}, 415, "content is a PDF"),
    ("readme.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, {}, 415, "content is a program"),
    ("price.pdf", b"<html><body>not a pdf</body></html>", {}, 415, "content is not a PDF"),
    ("slides.md", b"PK\x03\x04" + b"\x00" * 64, {}, 415, "ZIP"),
    ("broken.pdf", b"%PDF-1.4\n garbage that is no PDF structure", {}, 422, "broken.pdf"),
    ("latin1.md", "Caf\xe9 hours".encode("latin-1"), {}, 422, "UTF-8"),
    ("front.md", BROKEN_FRONT_MATTER, {}, 422, "front.md"),
    ("empty.md", b"", {}, 400, "empty"),
    ("faq/general.md", GOOD_MD, {}, 409, "replace=true"),
]


@pytest.mark.parametrize(("name", "content", "form", "status", "message"), BAD_UPLOADS)
def test_bad_uploads_are_refused_and_nothing_changes(server, name, content, form, status, message):
    before = snapshot(server.settings.knowledge_dir)
    sources_before = server.rt.store.list_sources()
    with server.client("content_owner") as client:
        response = upload(client, name, content, **form)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert snapshot(server.settings.knowledge_dir) == before
    assert server.rt.store.list_sources() == sources_before


def test_a_50_mb_upload_is_refused_before_it_is_read(server):
    before = snapshot(server.settings.knowledge_dir)
    with server.client("content_owner") as client:
        response = upload(client, "huge.pdf", b"%PDF-1.4\n" + b"0" * 50_000_000)
    assert response.status_code == 413
    assert "over the 20.0 MB limit" in response.json()["detail"]
    assert snapshot(server.settings.knowledge_dir) == before


def test_upload_then_ask_then_replace_then_delete(server):
    knowledge = server.settings.knowledge_dir
    with server.client("content_owner") as owner, server.client("agent") as agent:
        added = upload(owner, "parking.md", GOOD_MD, path="faq/parking-and-arrival.md")
        assert added.json()["state"] in ("queued", "running", "done"), added.text
        job = wait_for_job(owner, added)
        assert job["state"] == "done" and job["action"] == "added", job
        assert job["report"]["added"] == 1
        assert (knowledge / "faq/parking-and-arrival.md").read_bytes() == GOOD_MD
        assert not list(knowledge.rglob(".upload-*"))  # the temp file was renamed, not left

        answer = agent.post("/api/ask", json={"question": "Where do patients park?"}).json()
        assert "faq/parking-and-arrival.md" in {c["source"] for c in answer["citations"]}

        newer = GOOD_MD.replace(b"level P2", b"level P3")
        replaced = upload(
            owner, "parking.md", newer, path="faq/parking-and-arrival.md", replace="true"
        )
        job = wait_for_job(owner, replaced)
        assert job["state"] == "done" and job["action"] == "replaced"
        assert job["report"]["updated"] == 1

        deleted = wait_for_job(owner, owner.delete("/api/documents/faq/parking-and-arrival.md"))
        assert deleted["state"] == "done" and deleted["report"]["removed"] == 1
    assert not (knowledge / "faq/parking-and-arrival.md").exists()
    kept = list((server.settings.data_dir / "deleted").rglob("parking-and-arrival.md"))
    assert kept and kept[0].read_bytes() == newer  # nothing stored is lost
    assert "faq/parking-and-arrival.md" not in {s.path for s in server.rt.store.list_sources()}
    assert not list((server.settings.data_dir / "uploads").iterdir())  # nothing left staged


def test_a_real_pdf_upload_is_indexed(server):
    pdf = a_pdf("Harbor Point lobby hours\nThe lobby opens at 6:45 am for early monitoring.")
    with server.client("admin") as admin:
        accepted = upload(admin, "lobby-hours.pdf", pdf, path="updates/lobby-hours.pdf")
        job = wait_for_job(admin, accepted)
        assert job["state"] == "done", job
        assert "updates/lobby-hours.pdf" in {s["path"] for s in admin.get("/api/sources").json()}
        deleted = wait_for_job(admin, admin.delete("/api/documents/updates/lobby-hours.pdf"))
        assert deleted["state"] == "done"


@pytest.mark.parametrize(
    ("path", "status"),
    [("faq/nope.md", 404), ("..%2F..%2Fetc%2Fpasswd", 400), ("faq/.hidden.md", 400)],
)
def test_bad_deletes_are_refused(server, path, status):
    before = snapshot(server.settings.knowledge_dir)
    with server.client("content_owner") as client:
        response = client.delete(f"/api/documents/{path}")
    assert response.status_code == status, response.text
    assert snapshot(server.settings.knowledge_dir) == before


def test_reindex_reports_and_admin_page_shows_it(server):
    with server.client("content_owner") as owner:
        job = wait_for_job(owner, owner.post("/api/index"))
        page = owner.get("/admin", headers={"Accept": "text/html"})
    report = job["report"]
    assert job["state"] == "done" and job["kind"] == "reindex"
    assert report["documents"] > 30 and report["added"] == 0 and report["failed"] == []
    assert page.status_code == 200
    assert "Knowledge gaps" in page.text and "pricing/price-sheet-2025.pdf" in page.text
    assert json.dumps(report["documents"]) in page.text
