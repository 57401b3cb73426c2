"""The documents' (grounded) answer streams into the panel, in headless Chromium: the first checked
sentence is on screen while the server still holds the whole-draft steps (guard, notes, sources),
and the final answer drawn over it is the one ``POST /api/ask`` returns for the same question.

Ordering is proved without clocks: the served copilot's whole-draft steps wait for the test's
signal, which it gives only once the browser shows the first sentence."""

import dataclasses
import re
import threading

import pytest
from langchain_core.runnables import RunnableLambda

from copilot.web import create_app
from tests.web.conftest import serving
from tests.web.test_browser import browser, sign_in  # noqa: F401 (fixture)

QUESTION = "can a partner come along to the first consult?"
HOLD_S = 600  # a bound, not a timing: the steps go on once the browser has seen a sentence


@pytest.fixture(scope="module")
def held(server):
    """The app over a copilot whose whole-draft steps wait for ``release`` (``holding`` says they
    are waiting); yields (url, holding, release)."""
    derived = server.rt.derive()
    copilot = derived.copilot
    holding, release = threading.Event(), threading.Event()
    steps = copilot.answer_steps

    def hold(state):
        holding.set()
        assert release.wait(HOLD_S), "the test never saw a streamed sentence"
        return state

    copilot.answer_steps = RunnableLambda(hold) | steps
    with serving(create_app(derived)) as url:
        yield url, holding, release
    release.set()


def test_the_first_sentence_shows_before_the_final_answer_which_equals_the_json_one(
    server,
    browser,  # noqa: F811
    held,
):
    url, holding, release = held
    context = browser.new_context(viewport={"width": 400, "height": 820})
    page = context.new_page()
    sign_in(page, dataclasses.replace(server, url=url), "agent")
    box = page.get_by_label("Question for the copilot")
    box.fill(QUESTION)
    box.press("Enter")
    answer = page.locator(".answer").last
    first = answer.locator(".answer-text.streamed .statement").first
    first.wait_for(timeout=300_000)
    assert holding.wait(HOLD_S)  # the server waits before the whole draft's guard and notes
    assert not answer.locator(".answer-actions").is_visible()
    assert re.search(r"\[1\]", first.inner_text())
    release.set()
    answer.locator(".answer-actions").wait_for(timeout=300_000)
    assert answer.locator(".answer-text.streamed").count() == 0  # the final answer replaced it

    with server.client("agent") as api:
        expected = api.post("/api/ask", json={"question": QUESTION}).json()
    assert answer.get_attribute("data-answer-text") == expected["answer"]
    rendered = answer.locator(".answer-body").inner_text()
    as_read = re.sub(r"\s+|\bCopy\b|Policy note", "", rendered)
    assert as_read == re.sub(r"\s+", "", expected["answer"])
    assert answer.locator(".citation").count() == len(expected["citations"])
    context.close()
