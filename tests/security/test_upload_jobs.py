"""Uploads and re-indexes are jobs: the request answers 202 at once, the job shows its progress
and outcome over HTTP, waits for another index run, fails with a reason (leaving the knowledge
folder, the index and the staging folder as they were), and closes knowledge gaps it answers."""

from __future__ import annotations

import io
import time

import httpx

from copilot.knowledge.indexer import index_lock
from tests.security.conftest import make_users, serving_unwarmed, small_knowledge
from tests.support import make_settings, wait_for_job

SENTENCE = "Bicycle racks for patients stand beside the east entrance, under the canopy. "


def sections(count: int, sentence: str = SENTENCE) -> bytes:
    """A Markdown document of ``count`` sections of about 1,000 characters (one chunk each)."""
    body = "".join(f"## Section {n}\n\n{sentence * 13}\n\n" for n in range(count))
    return f"# Bicycles\n\n{body}".encode()


def post(client: httpx.Client, path: str, content: bytes, **form) -> httpx.Response:
    files = {"file": (path.rsplit("/", 1)[-1], io.BytesIO(content), "text/markdown")}
    return client.post("/api/documents", files=files, data={"path": path, **form})


def staged(settings) -> list:
    folder = settings.data_dir / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_an_upload_is_accepted_at_once_and_its_job_shows_progress_and_outcome(secure_server):
    with secure_server.client("content_owner") as owner:
        accepted = post(owner, "access/bicycles.md", sections(40))
        assert accepted.status_code == 202, accepted.text
        first = accepted.json()
        assert first["state"] in ("queued", "running") and first["kind"] == "upload"
        assert accepted.headers["Location"] == f"/api/jobs/{first['id']}" == first["url"]
        job = wait_for_job(owner, accepted)
        listed = owner.get("/api/jobs").json()
        sources = {s["path"] for s in owner.get("/api/sources").json()}
    assert job["state"] == "done" and job["error"] == "" and job["action"] == "added", job
    assert job["total"] == job["done"] >= 40  # chunks embedded of the total
    assert job["report"]["added"] == 1 and job["report"]["failed"] == []
    assert job["finished_at"] and "owner" not in job
    assert job["id"] in {j["id"] for j in listed}
    assert "access/bicycles.md" in sources
    assert staged(secure_server.settings) == []


def test_a_job_waits_for_another_index_run_then_fails_when_its_path_was_taken(secure_server):
    settings = secure_server.settings
    knowledge = settings.knowledge_dir
    with secure_server.client("content_owner") as owner:
        with index_lock(settings.data_dir):  # `copilot index` running in another process
            accepted = post(owner, "late/arrivals.md", sections(2))
            url = accepted.headers["Location"]
            deadline = time.monotonic() + 180  # the worker runs at a low priority: be patient
            while (job := owner.get(url).json())["phase"] != "waiting for another index run":
                assert job["state"] == "queued" and time.monotonic() < deadline, job
                time.sleep(0.05)
            again = post(owner, "LATE/arrivals.md", sections(2))
            assert again.status_code == 409 and "already queued" in again.json()["detail"]
            (knowledge / "late" / "Arrivals.md").parent.mkdir()
            (knowledge / "late" / "Arrivals.md").write_bytes(b"# Copied in by hand\n\nText.\n")
        job = wait_for_job(owner, accepted)
    assert job["state"] == "failed", job
    assert job["error"] == (
        "late/Arrivals.md already exists and names are case-insensitive; use that spelling"
    )
    assert sorted(p.name for p in (knowledge / "late").iterdir()) == ["Arrivals.md"]
    assert staged(settings) == []


def test_a_failing_index_run_fails_the_job_and_leaves_everything_as_it_was(tmp_path):
    from copilot.runtime import Runtime
    from copilot.web import create_app

    settings = make_settings(tmp_path / "data", knowledge_dir=small_knowledge(tmp_path))
    Runtime.from_settings(settings).indexer.run()
    no_model = tmp_path / "no-model"
    no_model.mkdir()
    broken = Runtime.from_settings(settings.model_copy(update={"embedding_model_path": no_model}))
    _, tokens = make_users(settings)
    generations = broken.store.generations()
    sources = broken.store.list_sources()
    with serving_unwarmed(create_app(broken, warm=False)) as url:
        headers = {"Authorization": f"Bearer {tokens['content_owner']}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as owner:
            job = wait_for_job(owner, post(owner, "access/bicycles.md", sections(3)))
    assert job["state"] == "failed" and job["error"].startswith("indexing failed"), job
    assert not (settings.knowledge_dir / "access").exists()
    assert broken.store.list_sources() == sources
    assert broken.store.generations() == generations  # the half-built one was dropped
    assert staged(settings) == []


def test_gaps_close_when_a_new_document_answers_them_and_can_be_dismissed(secure_server):
    audit = secure_server.rt.audit
    covered = "Where can a patient leave a tandem bicycle during the appointment?"
    other = "Does the clinic rent rowing boats for the harbour regatta?"
    audit.record_gap(covered, "agent")
    audit.record_gap(other, "agent")
    with secure_server.client("content_owner") as owner:
        sentence = "Patients leave a tandem bicycle in the racks by the east entrance. "
        job = wait_for_job(owner, post(owner, "access/tandems.md", sections(2, sentence)))
        assert job["state"] == "done" and job["gaps_closed"] >= 1, job
        gaps = {g["question"]: g["key"] for g in owner.get("/api/index").json()["gaps"]}
        assert covered not in gaps and other in gaps
        assert owner.delete(f"/api/gaps/{gaps[other]}").json() == {"dismissed": gaps[other]}
        assert owner.delete(f"/api/gaps/{gaps[other]}").status_code == 404
        remaining = [g["question"] for g in owner.get("/api/index").json()["gaps"]]
    assert other not in remaining
