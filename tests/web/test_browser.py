"""End to end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): sign in,
ask with the keyboard, watch the answer stream in with citations, rate it, and save a
screenshot of the panel at 400 px wide to reports/panel-400px.png."""

import re
import shutil
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.web.conftest import serving

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPORTS = Path(__file__).resolve().parents[2] / "reports"


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def sign_in(page, server, role):
    page.goto(f"{server.url}/")
    page.get_by_label("User name").fill(role)
    page.get_by_label("Password").fill(server.passwords[role])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/")


def test_agent_signs_in_asks_sees_sources_and_rates(server, browser):
    context = browser.new_context(viewport={"width": 400, "height": 860})
    page = context.new_page()
    failed_requests = []
    page.on("requestfailed", lambda r: failed_requests.append(r.url))
    sign_in(page, server, "agent")

    box = page.get_by_label("Question for the copilot")
    assert box.evaluate("el => el === document.activeElement")
    box.fill("Is the first consultation free for Jane Roe, DOB 02/03/1985?")
    box.press("Enter")  # Enter sends

    answer = page.locator(".answer").last
    answer.locator(".citation").first.wait_for(timeout=60_000)
    assert page.locator("#turns").get_attribute("aria-live") == "polite"
    text = answer.locator(".answer-body").inner_text()
    spoken = re.sub(r"\bCopy\b", " ", text)  # what the agent reads out, without the buttons
    assert "consultation" in spoken.lower() and server.rt.checker.check(spoken).verdict == "pass"
    assert "removed: 1 name, 1 date of birth" in answer.locator(".notice-phi").inner_text().lower()

    first_citation = answer.locator(".citation details").first
    first_citation.locator("summary").click()
    assert first_citation.locator(".snippet").is_visible()

    answer.get_by_role("button", name="Not helpful").click()
    answer.locator(".feedback-comment").fill("Should mention the refund window")
    answer.get_by_role("button", name="Send feedback").click()
    page.get_by_text("Feedback sent. Thank you.").wait_for()
    answer_id = answer.get_attribute("data-answer-id")
    case = next(c for c in server.rt.audit.feedback_cases() if c["answer_id"] == answer_id)
    assert case["comment"] == "Should mention the refund window" and case["user"] == "agent"

    box.fill("line one")
    box.press("Shift+Enter")  # Shift+Enter is a new line, not a send
    assert box.input_value() == "line one\n"
    assert page.locator(".turn").count() == 1
    box.fill("")

    first_citation.locator("summary").click()  # collapse again for the screenshot
    page.locator(".turn").first.evaluate("el => el.scrollIntoView({block: 'start'})")
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "panel-400px.png"), full_page=False)
    assert (REPORTS / "panel-400px.png").stat().st_size > 10_000
    assert not [u for u in failed_requests if not u.startswith(server.url)]
    context.close()


def test_the_panel_works_inside_an_iframe(server, browser):
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    sign_in(page, server, "agent")
    page.set_content(
        f'<iframe id="panel" src="{server.url}/" style="width:420px;height:700px"></iframe>'
    )
    frame = page.frame_locator("#panel")
    frame.get_by_label("Question for the copilot").wait_for()
    assert frame.locator(".ask").is_visible()
    context.close()


@contextmanager
def desktop_page(html: str):
    """A stand-in agent desktop: serves ``html`` at http://localhost:<port>/ (another site than
    the app's 127.0.0.1)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    desktop = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=desktop.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{desktop.server_address[1]}/"
    finally:
        desktop.shutdown()


@pytest.fixture(scope="module")
def embeddable(server):
    """The app configured for an agent desktop on another site: framing allowed from
    http://localhost only, sign-in cookies SameSite=None."""
    from copilot.web import create_app

    runtime = server.rt.derive(frame_ancestors="http://localhost:*", cookie_samesite="none")
    with serving(create_app(runtime)) as url:
        yield url


def test_an_agent_desktop_on_another_site_can_frame_the_panel_and_sign_in(embeddable, browser):
    iframe = f'<iframe id="panel" src="{embeddable}/" style="width:420px;height:700px"></iframe>'
    with desktop_page(iframe) as desktop_url:
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        page = context.new_page()
        page.goto(desktop_url)
        frame = page.frame_locator("#panel")
        panel = page.locator("#panel").element_handle().content_frame()
        frame.get_by_label("User name").fill("agent")
        frame.get_by_label("Password").fill("pw-agent-synthetic-1")
        with panel.expect_navigation():
            frame.get_by_role("button", name="Sign in").click()
        panel.wait_for_load_state("load")  # the panel's scripts run before it takes a question
        box = frame.get_by_label("Question for the copilot")
        box.fill("What are the phone hours?")
        box.press("Enter")
        frame.locator(".answer .citation").first.wait_for(timeout=60_000)
        assert frame.locator(".answer .citation").count() >= 1
        assert "Sign in" not in frame.locator("body").inner_text()
        context.close()


def test_a_site_not_allowed_to_frame_the_panel_is_refused(embeddable, browser):
    iframe = f'<iframe id="panel" src="{embeddable}/login"></iframe>'
    context = browser.new_context()
    page = context.new_page()
    with desktop_page(iframe) as desktop_url:
        # The same desktop page, from 127.0.0.1: an origin the app does not allow to frame it.
        with page.expect_response(lambda r: r.url.endswith("/login")) as served:
            page.goto(desktop_url.replace("localhost", "127.0.0.1"), wait_until="load")
        policy = served.value.headers["content-security-policy"]
        ancestors = policy.split("frame-ancestors", 1)[1].split(";", 1)[0]
        assert "http://localhost:*" in ancestors and "127.0.0.1" not in ancestors
        frame = page.locator("#panel").element_handle().content_frame()
        assert frame is not None  # the frame is there, but the browser shows nothing of the app
        assert frame.locator("form").count() == 0
        assert "/login" not in frame.url
    context.close()
