"""The documents' (grounded) answer streams into the panel, in headless Chromium: the first checked
sentence is on screen while the server still holds the whole-draft steps (guard, notes, sources),
and the final answer drawn over it is the one ``POST /api/ask`` returns for the same question.
When a model's stream breaks off after a sentence was shown, that sentence is withdrawn and the
documents' statements stream in its place.

Ordering is proved without clocks: the served copilot's whole-draft steps wait for the test's
signal, which it gives only once the browser shows the first sentence."""

import dataclasses
import re
import threading
import time
from contextlib import contextmanager

import pytest
from langchain_core.runnables import RunnableLambda

from copilot.web import create_app
from tests.fake_model import Reply, fake_model_server
from tests.web.conftest import serving
from tests.web.test_browser import browser, sign_in  # noqa: F401 (fixture)

QUESTION = "can a partner come along to the first consult?"
HOLD_S = 600  # a bound, not a timing: the steps go on once the browser has seen a sentence


@pytest.fixture(scope="module")
def held(server):
    """The app over a copilot whose whole-draft steps wait for ``release`` (``holding`` says they
    are waiting); yields (url, holding, release)."""
    with held_app(server.rt.derive()) as served:
        yield served


@contextmanager
def held_app(derived):
    """``derived``'s app served, its whole-draft steps waiting for ``release``."""
    copilot = derived.copilot
    holding, release = threading.Event(), threading.Event()
    steps = copilot.answer_steps

    def hold(state):
        holding.set()
        assert release.wait(HOLD_S), "the test never saw a streamed sentence"
        return state

    copilot.answer_steps = RunnableLambda(hold) | steps
    try:
        with serving(create_app(derived)) as url:
            yield url, holding, release
    finally:
        release.set()


def ask_in_panel(browser, server, url: str, question: str, width: int, height: int):  # noqa: F811
    """A new browser context on ``url``'s panel, signed in as the agent, with ``question``
    asked; (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, dataclasses.replace(server, url=url), "agent")
    box = page.get_by_label("Question for the copilot")
    box.fill(question)
    box.press("Enter")
    return context, page


def test_the_first_sentence_shows_before_the_final_answer_which_equals_the_json_one(
    server,
    browser,  # noqa: F811
    held,
):
    url, holding, release = held
    context, page = ask_in_panel(browser, server, url, QUESTION, 400, 820)
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
    as_read = re.sub(r"\s+|\bCopy\b|(?i:policy note)", "", rendered)
    # Notes that are not paragraphs of the answer (a recency replacement) follow it as callouts.
    callouts = [n for n in expected["notes"] if n.strip() not in expected["answer"]]
    assert as_read == re.sub(r"\s+", "", expected["answer"] + "".join(callouts))
    assert answer.locator(".citation").count() == len(expected["citations"])
    context.close()


def test_a_model_sentence_shown_before_the_model_broke_off_gives_way_to_the_documents(
    server,
    browser,  # noqa: F811
):
    question = "how much is FET"
    with fake_model_server() as (model, model_url):
        model.scripts[question] = Reply(
            "A frozen embryo transfer costs $4,200 per transfer [1]. "
            "Medications are not included [1]. Each extra embryo is free [1].",
            break_after=11,  # the first sentence is complete, then the connection drops
        )
        derived = server.rt.derive(drafter="openai", openai_base_url=model_url,
                                   openai_model="scripted", llm_timeout_s=60.0)
        with held_app(derived) as (url, holding, release):
            context, page = ask_in_panel(browser, server, url, question, 360, 780)
            assert holding.wait(HOLD_S)  # the documents' statements are sent; the final waits
            answer = page.locator(".answer").last
            streamed = answer.locator(".answer-text.streamed")
            deadline = time.monotonic() + 60  # a bound: the events are already sent
            shown = ""
            while "$4,200" not in shown or "costs $4,200 per transfer" in shown:
                assert time.monotonic() < deadline, f"the model's sentence stayed: {shown!r}"
                shown = streamed.inner_text() if streamed.count() else ""
                time.sleep(0.05)
            assert streamed.count() == 1  # the documents' statements, and only those
            release.set()
            answer.locator(".answer-actions").wait_for(timeout=300_000)
            assert "Answered from the documents" in answer.locator(".answer-body").inner_text()
            context.close()
        model.assert_scripted()
