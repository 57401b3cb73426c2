"""The side panel's layout over a long conversation, in headless Chromium at the three widths an
agent desktop gives it: after 8 questions the header is still at the top, the ask box is whole
and in view, the page itself does not scroll (only the conversation does), and the newest answer
is on screen, not under the ask box; no hint is cut off (rating, comment sent); after a reload
the restored turns keep that layout. Screenshots go to reports/panel-8-turns-<width>px.png."""

import pytest

from tests.web.test_browser import REPORTS, browser, sign_in  # noqa: F401 (fixture)

QUESTIONS = [
    "What are the phone hours?",
    "Is the first consultation free?",
    "dr bell friday virtual hours",
    "how much is ivf",
    "who handles a billing dispute, which extension",
    "can a patient renew a prescription over the phone",
    "what is the cancellation policy for appointments",
    "does the clinic offer egg freezing and what does it cost",
]
HEIGHT = 780


def ask_all(page, questions):
    box = page.get_by_label("Question for the copilot")
    for number, text in enumerate(questions):
        box.fill(text)
        box.press("Enter")
        page.locator(".answer").nth(number).locator(".answer-actions").wait_for(timeout=60_000)


def box_of(page, selector):
    found = page.locator(selector).last.bounding_box()
    assert found, f"{selector} is not rendered"
    return found


def assert_layout(page, width):
    """The header on top, the ask box whole at the bottom, the page itself not scrolled, and the
    newest answer on screen with nothing over it."""
    page_scroll = page.evaluate("() => document.scrollingElement.scrollHeight - innerHeight")
    assert page_scroll <= 1, f"the page itself scrolls by {page_scroll}px at {width}px"
    assert page.evaluate("() => scrollY") == 0

    header = box_of(page, ".topbar")
    assert header["y"] == 0 and header["height"] > 20
    ask = box_of(page, "#ask-form")
    assert ask["y"] + ask["height"] <= HEIGHT + 1, "the ask box runs off the bottom"
    assert ask["y"] >= header["y"] + header["height"], "the ask box overlaps the header"
    assert ask["y"] > HEIGHT * 0.6, f"the ask box floats mid-screen (top at {ask['y']:.0f}px)"

    conversation = box_of(page, ".conversation")
    assert conversation["y"] + conversation["height"] <= ask["y"] + 1, "conversation under ask box"
    newest = box_of(page, ".answer")
    visible_top = max(newest["y"], conversation["y"])
    visible_bottom = min(newest["y"] + newest["height"], ask["y"])
    assert visible_bottom - visible_top > 80, "the newest answer is not on screen"
    # What the agent sees in the middle of the newest answer is that answer, not the ask box.
    x = newest["x"] + newest["width"] / 2
    y = (visible_top + visible_bottom) / 2
    hit = page.evaluate(
        "([x, y]) => { const a = [...document.querySelectorAll('.answer')].pop();"
        " return a.contains(document.elementFromPoint(x, y)); }",
        [x, y],
    )
    assert hit, "something covers the newest answer"


def assert_hints_whole(page, width):
    for hint in page.locator(".hint:visible").all():
        cut = hint.evaluate("el => el.scrollWidth > el.clientWidth + 1")
        assert not cut, f"hint cut off at {width}px: {hint.inner_text()!r}"
        box = hint.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"hint off screen at {width}px"


@pytest.mark.parametrize("width", [360, 400, 480])
def test_eight_turns_keep_header_ask_box_and_newest_answer_in_view(server, browser, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    page = context.new_page()
    sign_in(page, server, "agent")
    ask_all(page, QUESTIONS)
    page.wait_for_timeout(600)  # let the smooth scroll to the newest turn settle
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / f"panel-8-turns-{width}px.png"), full_page=False)

    assert page.locator(".turn").count() == len(QUESTIONS)
    assert_layout(page, width)

    newest = page.locator(".answer").last
    newest.get_by_role("button", name="Helpful", exact=True).click()
    newest.get_by_text("Thanks! Add a comment if you like.").wait_for()
    assert_hints_whole(page, width)
    newest.locator(".feedback-comment").fill("Clear and quick")
    newest.get_by_role("button", name="Send feedback").click()
    newest.get_by_text("Feedback sent. Thank you.").wait_for()
    assert_hints_whole(page, width)

    # After a reload the eight turns come back in the same layout, the newest in view.
    page.reload()
    page.locator(".turn.restored").nth(len(QUESTIONS) - 1).wait_for()
    page.wait_for_timeout(600)
    assert_layout(page, width)
    assert_hints_whole(page, width)
    context.close()
