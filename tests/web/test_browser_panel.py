"""The side panel as an agent uses it over a shift, in headless Chromium at 400 px: sources open
beside the answer, the conversation comes back after a reload, an expired sign-in keeps the
question, long questions fold, the searched (redacted) question shows, one statement copies, a
transfer the answer cites (or the urgent routing names) is offered as a next-step chip that
copies its script line.
Screenshots of the open source sheet and of a next-step chip go to reports/.
"""

import re

import pytest

from tests.web.test_browser import REPORTS, browser, sign_in  # noqa: F401 (fixture)


@pytest.fixture
def page(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 400, "height": 820})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    sign_in(page, server, "agent")
    yield page
    context.close()


def ask(page, text):
    count = page.locator(".turn").count()
    box = page.get_by_label("Question for the copilot")
    box.fill(text)
    box.press("Enter")
    assert box.input_value() == "", "the panel did not take the question (still answering?)"
    answer = page.locator(".turn").nth(count).locator(".answer")
    answer.locator(".answer-actions").wait_for(timeout=60_000)
    return answer


def test_a_citation_marker_opens_the_document_at_the_cited_section(page):
    answer = ask(page, "Is the first consultation free?")
    assert answer.locator(".cite-ref").count() >= 1
    for snippet in answer.locator(".snippet").all():
        assert not re.search(r"\]\(|\*\*", snippet.text_content())  # no raw Markdown
    answer.locator(".cite-ref").first.click()
    sheet = page.locator("#source-sheet")
    sheet.locator(".sheet-heading, .sheet-text").first.wait_for()
    number = int(answer.locator(".cite-ref").first.get_attribute("data-cite"))
    cited_title = answer.locator(".cite-title").nth(number - 1).inner_text()
    assert sheet.locator(".sheet-title").inner_text() == cited_title
    cited = sheet.locator(".cited")
    assert cited.count() >= 1
    section = answer.locator(".cite-meta").nth(number - 1).text_content().split("·")[0]
    last_heading = section.split(">")[-1].strip().lower()
    assert last_heading in cited.first.inner_text().lower()
    body, first = sheet.locator(".sheet-body").bounding_box(), cited.first.bounding_box()
    assert body["y"] <= first["y"] < body["y"] + body["height"], "cited section not scrolled to"
    assert sheet.locator(".sheet-heading").count() + sheet.locator(".sheet-text").count() > 3
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "panel-source-sheet-400px.png"))
    sheet.get_by_role("button", name="Close").click()
    assert not sheet.is_visible()
    # The sources list opens the same sheet.
    answer.locator(".citation summary").first.click()
    answer.get_by_role("button", name="Open document").first.click()
    sheet.locator(".cited").first.wait_for()
    page.keyboard.press("Escape")
    assert not sheet.is_visible()


def test_reloading_restores_the_conversation_redacted(server, page):
    asked = [
        "What are the phone hours?",
        "Is the first consultation free for Jane Roe, DOB 02/03/1985?",
        "how much is ivf",
    ]
    answers = [ask(page, q).locator(".answer-body").inner_text() for q in asked]
    page.reload()
    page.locator(".turn.restored").nth(2).wait_for()
    assert page.locator(".turn").count() == 3
    questions = page.locator(".question-text").all_inner_texts()
    assert questions[0] == asked[0] and "Jane Roe" not in questions[1]
    assert "[NAME]" in questions[1]
    restored = page.locator(".answer-body").all_inner_texts()
    for before, after in zip(answers, restored, strict=True):
        assert re.sub(r"\s+|Copy", "", before) == re.sub(r"\s+|Copy", "", after)
    assert page.locator(".turn").last.locator(".citation").count() >= 1
    # The conversation goes on where it was: the follow-up is stored under the same id.
    ask(page, "and what about egg freezing?")
    conversation_id = page.evaluate("() => sessionStorage.getItem('copilot.conversation')")
    stored = server.rt.audit.conversation_answers(conversation_id, user="agent")
    assert len(stored) == 4
    page.get_by_role("button", name="New chat").click()
    page.reload()
    page.get_by_label("Question for the copilot").wait_for()
    page.wait_for_timeout(500)
    assert page.locator(".turn").count() == 0


def test_an_expired_sign_in_keeps_the_question_and_sends_it_after_signing_in(server, page):
    ask(page, "What are the phone hours?")
    page.context.clear_cookies()  # the session ends while the agent types
    typed = "can a patient bring a support person to the consult?"
    box = page.get_by_label("Question for the copilot")
    box.fill(typed)
    box.press("Enter")
    reauth = page.locator("#reauth")
    reauth.wait_for()
    assert box.input_value() == typed
    assert page.locator(".turn").count() == 1
    page.locator("#reauth-password").fill("not the password")
    reauth.get_by_role("button", name="Sign in").click()
    reauth.get_by_text("Wrong user name or password.").wait_for()
    assert box.input_value() == typed
    page.locator("#reauth-password").fill(server.passwords["agent"])
    reauth.get_by_role("button", name="Sign in").click()
    page.locator(".turn").nth(1).locator(".answer-actions").wait_for(timeout=60_000)
    assert page.locator(".question-text").nth(1).inner_text() == typed
    assert not reauth.is_visible() and box.input_value() == ""
    # The new session's token works for feedback too.
    page.locator(".answer").nth(1).get_by_role("button", name="Helpful", exact=True).click()
    page.locator(".answer").nth(1).get_by_text("Thanks! Add a comment if you like.").wait_for()
    # Expiry while rating: signing in again sends nothing half-typed in the box.
    page.context.clear_cookies()
    box.fill("a draft not sent yet")
    page.locator(".answer").nth(0).get_by_role("button", name="Not helpful").click()
    reauth.wait_for()
    page.locator("#reauth-password").fill(server.passwords["agent"])
    reauth.get_by_role("button", name="Sign in").click()
    reauth.wait_for(state="hidden")
    page.wait_for_timeout(500)
    assert page.locator(".turn").count() == 2 and box.input_value() == "a draft not sent yet"


def test_a_long_question_folds_and_the_searched_question_shows(page):
    opening = "Caller Jane Roe, DOB 02/03/1985, says the front desk told her something else. "
    filler = "She wants to know about consultation prices and what is included. "
    long_question = (opening + filler * 60)[:4000]  # the longest question the API takes
    answer = ask(page, long_question)
    turn = page.locator(".turn").last
    for width in (360, 400, 480):
        page.set_viewport_size({"width": width, "height": 780})
        folded = turn.locator(".question").bounding_box()
        assert folded["height"] < 160, f"a 4,000-character question takes {folded['height']}px"
        assert folded["width"] <= width
        ask_box = page.locator("#ask-form").bounding_box()
        assert ask_box["y"] + ask_box["height"] <= 781, f"ask box pushed off at {width}px"
    turn.get_by_role("button", name="Show the whole question").click()
    assert turn.locator(".question").bounding_box()["height"] > 2 * folded["height"]
    searched = turn.locator(".searched-as")
    assert searched.is_visible() and "[NAME]" in searched.inner_text()
    assert "Jane Roe" not in searched.inner_text() and "[DOB]" in searched.inner_text()
    assert answer.is_visible()
    # After a reload the stored (redacted) question folds the same way.
    page.reload()
    restored = page.locator(".turn.restored").last
    restored.wait_for()
    assert restored.locator(".question").bounding_box()["height"] < 160
    assert "Jane Roe" not in restored.locator(".question-text").inner_text()


def test_one_statement_copies_on_its_own(page):
    answer = ask(page, "What are the phone hours?")
    statements = answer.locator(".statement")
    assert statements.count() >= 1
    first = statements.first
    first.get_by_role("button", name="Copy this statement").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied and not re.search(r"\[\d+\]", copied)
    assert copied in first.inner_text().replace("\n", " ")
    assert len(copied) < len(answer.get_attribute("data-answer-text")) or statements.count() == 1


def test_history_lists_recent_conversations_and_reopens_one(page):
    ask(page, "What are the phone hours?")
    ask(page, "and on weekends?")
    page.get_by_role("button", name="New chat").click()
    ask(page, "how much is ivf")
    page.get_by_role("button", name="History").click()
    items = page.locator(".history-item")
    items.first.wait_for()
    newest, earlier = items.nth(0).inner_text(), items.nth(1).inner_text()
    assert "how much is ivf" in newest and "1 question ·" in newest
    assert "What are the phone hours?" in earlier and "2 questions ·" in earlier
    items.nth(1).click()
    page.locator(".turn.restored").nth(1).wait_for()
    assert page.locator(".turn").count() == 2 and not page.locator("#history").is_visible()
    assert page.locator(".question-text").all_inner_texts() == [
        "What are the phone hours?",
        "and on weekends?",
    ]
    ask(page, "and on holidays?")  # the reopened conversation goes on
    page.reload()
    page.locator(".turn.restored").nth(2).wait_for()
    assert page.locator(".turn").count() == 3


def test_a_cited_transfer_is_a_next_step_chip_that_copies_its_script_line(page):
    answer = ask(page, "where do I transfer a caller with a billing complaint")
    chip = answer.locator(".next-step-transfer").first
    assert chip.is_visible()
    label = chip.inner_text()
    assert label.startswith("Transfer") and re.search(r"\d", label)
    chip.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == chip.get_attribute("data-text") and copied.startswith("I'm going to transfer")
    number = re.search(r"\(\d{3}\) \d{3}-\d{4}", label)
    assert number is None or number.group(0) in copied
    assert number is None or number.group(0) in answer.get_attribute("data-answer-text")
    chip.scroll_into_view_if_needed()
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "panel-next-step-400px.png"))
    unrelated = ask(page, "how much is FET")
    assert unrelated.locator(".next-step").count() == 0
    assert not unrelated.locator(".next-steps").is_visible()
    urgent = ask(page, "pt has heavy bleeding since this morning, what do I do")
    nurse = urgent.locator(".next-step-transfer").first
    assert urgent.locator(".banner-urgent").is_visible()
    nurse_label = nurse.inner_text()
    assert nurse_label == "Transfer to the nurse line · option 4"
    nurse.click()
    assert page.evaluate("() => navigator.clipboard.readText()") == nurse.get_attribute("data-text")
    page.reload()  # the chips come back with the restored conversation
    page.locator(".turn.restored").nth(2).wait_for()
    restored = page.locator(".turn.restored")
    assert restored.first.locator(".next-step-transfer").first.inner_text() == label
    assert restored.nth(2).locator(".next-step-transfer").first.inner_text() == nurse_label
