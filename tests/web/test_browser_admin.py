"""The admin page as a content owner uses it, in headless Chromium: an upload shows its indexing
progress from the job API and then the outcome; uploading the same name again offers to replace
it in one click; a finished job is listed with its outcome; a knowledge gap can be dismissed;
times read as the reader's local time, not UTC ISO strings (also on QA's /qa page).
A screenshot of the page after the replace goes to reports/admin-upload.png."""

import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from copilot.evals.reports.kept_runs import keep
from tests.support import wait_for_job
from tests.web.test_browser import REPORTS, browser, sign_in  # noqa: F401 (fixture)
from tests.web.test_pages import synthetic_run

PATH = "travel/shuttle-stops.md"
SENTENCE = "The clinic shuttle stops at the north car park and the tram station on the hour. "


def shuttle_document(sections: int, sentence: str = SENTENCE) -> bytes:
    body = "".join(f"## Stop {n}\n\n{sentence * 13}\n\n" for n in range(sections))
    return f"# Shuttle stops\n\n{body}".encode()


@pytest.fixture
def admin_page(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    sign_in(page, server, "content_owner")
    page.goto(f"{server.url}/admin")
    yield page
    context.close()
    with server.client("content_owner") as owner:
        if (server.settings.knowledge_dir / PATH).exists():
            wait_for_job(owner, owner.delete(f"/api/documents/{PATH}"))


def choose(page, content: bytes) -> None:
    page.set_input_files(
        "#upload-file", files=[{"name": "stops.md", "mimeType": "text/markdown", "buffer": content}]
    )
    page.fill("#upload-path", PATH)


def watch(page, selector: str, until: re.Pattern, seconds: float = 240) -> list[str]:
    """The texts ``selector`` showed, polled from here, until one matches ``until``."""
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while not seen or not until.search(seen[-1]):
        assert time.monotonic() < deadline, seen[-5:]
        text = page.locator(selector).text_content() or ""
        if not seen or text != seen[-1]:
            seen.append(text)
        time.sleep(0.05)
    return seen


def test_an_upload_shows_its_progress_then_the_outcome_and_a_duplicate_offers_replace(
    server, admin_page
):
    page = admin_page
    choose(page, shuttle_document(300))
    page.get_by_role("button", name="Upload and index").click()
    seen = watch(page, "#upload-status", re.compile(r"added:|Failed|Rejected"))
    progress = [t for t in seen if re.search(r"Indexing: [\d,]+ of 3\d\d chunks embedded", t)]
    assert progress, seen
    assert re.search(rf"^{PATH} added: [\d,]+ documents, [\d,]+ chunks in the index", seen[-1])
    assert page.locator("#upload-progress").is_hidden()
    assert page.locator("#lists-stale").is_visible()

    choose(page, shuttle_document(3, SENTENCE.replace("hour", "half hour")))
    page.get_by_role("button", name="Upload and index").click()
    watch(page, "#upload-status", re.compile("is already in the knowledge base"))
    page.get_by_role("button", name="Replace it").click()
    outcome = watch(page, "#upload-status", re.compile(r"replaced:|Failed|Rejected"))[-1]
    assert outcome.startswith(f"{PATH} replaced:"), outcome
    assert b"half hour" in (server.settings.knowledge_dir / PATH).read_bytes()

    rows = watch(page, "#jobs-body", re.compile(rf"{PATH}done{re.escape(PATH)} replaced"))
    assert "replaced" in rows[-1]
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "admin-upload.png"), full_page=True)


def test_a_rejected_upload_says_why_and_a_gap_can_be_dismissed(server, admin_page):
    question = "Can patients borrow an umbrella from reception on rainy days?"
    server.rt.audit.record_gap(question, "agent")
    page = admin_page
    page.reload()
    page.set_input_files(
        "#upload-file", files=[{"name": "notes.md", "mimeType": "text/markdown", "buffer": b""}]
    )
    page.get_by_role("button", name="Upload and index").click()
    said = watch(page, "#upload-status", re.compile("Rejected"))[-1]
    assert "Rejected: the file is empty" in said

    row = page.locator("tr", has_text=question)
    row.get_by_role("button", name="Dismiss").click()
    row.wait_for(state="detached")
    with server.client("content_owner") as owner:
        gaps = [g["question"] for g in owner.get("/api/index").json()["gaps"]]
    assert question not in gaps


ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def local(stamp: str, zone: str) -> str:
    """``stamp`` (ISO 8601, UTC) as en-US medium date and short time in ``zone``."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    return f"{when:%b} {when.day}, {when.year}, {when.hour % 12 or 12}:{when:%M} {when:%p}"


def spaces(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").split())


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata"])
def test_times_show_in_the_readers_own_time_zone(server, browser, zone):  # noqa: F811
    server.rt.audit.record_gap("Is there a quiet room for partners during retrieval?", "agent")
    with server.client("content_owner") as owner:
        wait_for_job(owner, owner.post("/api/index"))
        job = owner.get("/api/jobs").json()[0]
    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="en-US",
                                  timezone_id=zone)
    page = context.new_page()
    sign_in(page, server, "content_owner")
    page.goto(f"{server.url}/admin")
    page.locator("#jobs-body tr").first.wait_for()
    stamps = page.locator("time[datetime]")
    assert stamps.count() >= 2  # the last index run and at least one gap
    for stamp in stamps.all():
        shown = spaces(stamp.inner_text())
        assert not ISO.search(shown), shown
        assert shown == local(stamp.get_attribute("datetime"), zone)
    started = spaces(page.locator("#jobs-body tr").first.locator("td").first.inner_text())
    assert started == local(job["created_at"], zone) and not ISO.search(started)
    context.close()


def test_qa_sees_kept_runs_in_local_time(server, browser):  # noqa: F811
    zone = "Europe/Berlin"
    keep(synthetic_run("2026-11-03T23:30:00+00:00", passed=False), server.settings.data_dir)
    context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="en-US",
                                  timezone_id=zone)
    page = context.new_page()
    sign_in(page, server, "qa")
    page.goto(f"{server.url}/qa")
    run = page.locator('time[datetime="2026-11-03T23:30:00+00:00"]')
    assert spaces(run.inner_text()) == "Nov 4, 2026, 12:30 AM"  # the next day in Berlin
    for stamp in page.locator("time[datetime]").all():
        assert spaces(stamp.inner_text()) == local(stamp.get_attribute("datetime"), zone)
    context.close()
