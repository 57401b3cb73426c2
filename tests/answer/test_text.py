"""Pure text helpers: tokens, sentences and read-aloud statements."""

from __future__ import annotations

import pytest

from copilot.answer.text import (
    all_named,
    initials,
    plain,
    read_as_stated,
    split_sentences,
    staff_only,
    statements,
    tokenize,
)
from copilot.knowledge.model import Chunk


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Consultations and consults", ["consult", "consult"]),
        ("The $1,800 biopsy fee", ["1800", "biopsi", "fee"]),
        ("whats the nurse line number", ["nurs", "line", "number"]),
        ("NP-VIRTUAL-PROMO-99", ["np-virtual-promo-99", "np", "virtual", "promo", "99"]),
        ("Dr. Bell's Friday block", ["dr", "bell", "friday", "block"]),
        ("", []),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Bell is in. He works Fri.", ["Dr. Bell is in.", "He works Fri."]),
        ("Block moved. [2] Do not book. [1]", ["Block moved. [2]", "Do not book. [1]"]),
        ("It costs $3,550.00 in total. Next one", ["It costs $3,550.00 in total.", "Next one"]),
        ("e.g. this stays whole. ok", ["e.g. this stays whole. ok"]),
        ("Send the Intake Form (Ver. 3, Nov. 2024) by mail. Then call.",
         ["Send the Intake Form (Ver. 3, Nov. 2024) by mail.", "Then call."]),
        ("An open (note. Without end", ["An open (note. Without end"]),
        # an extension, a suite or a department before its number ends no sentence
        ("Ask for Lena Ortiz, ext. 412. She calls back.",
         ["Ask for Lena Ortiz, ext. 412.", "She calls back."]),
        ("Mail it to Ste. 300 or to Dept. 9 today. Done", ["Mail it to Ste. 300 or to Dept. 9 "
                                                             "today.", "Done"]),
    ],
)
def test_split_sentences_keeps_markers_and_abbreviations(text, expected):
    assert split_sentences(text) == expected


def test_a_statement_keeps_its_quotation_whole():
    """What is read out keeps a quoted script together; other readers (the consistency lint, a
    streamed draft) still get each sentence."""
    text = 'If asked, say: "We can help. Please hold." Then transfer. Tell her: “It is booked. ' \
           'See you soon.” Then close.'
    assert [s.text for s in statements(text)] == [
        'If asked, say: "We can help. Please hold."', "Then transfer.",
        "Tell her: “It is booked. See you soon.”", "Then close."]
    assert split_sentences(text)[:2] == ['If asked, say: "We can help.', 'Please hold."']


def test_plain_strips_markdown_and_admonitions():
    assert plain('!!! warning "No free consults"') == "No free consults."
    assert plain("- See [the price list](../pricing/price-list.md) **now**") == (
        "See the price list now"
    )


def test_statements_read_table_rows_with_their_header_and_heading():
    chunk = (
        "# Price list\n\n## Consultations\n\n| Service | Price | Notes |\n|---|---|---|\n"
        "| Virtual consult | $99 | 30 min |\n\n> \"We offer two promotions.\"\n\n"
        "- New patients only.\n\nPaid at booking. Refundable with notice.\n"
    )
    found = statements(chunk)
    texts = [s.text for s in found]
    assert texts == [
        "Consultations: Virtual consult — Price: $99; Notes: 30 min",
        '"We offer two promotions."',
        "New patients only.",
        "Paid at booking.",
        "Refundable with notice.",
    ]
    assert found[1].is_quote and not found[0].is_quote
    assert {s.heading for s in found} == {"Consultations"}


def test_a_change_table_row_is_read_without_what_the_change_replaced():
    chunk = ("## Booking codes\n\n| Item | Before (Jan 5) | After (Jun 1) |\n|---|---|---|\n"
             "| Visit type | OLD-VISIT-1 (retired) | NEW-VISIT-2 |\n")
    assert [s.text for s in statements(chunk)] == [
        "Booking codes: Visit type — After (Jun 1): NEW-VISIT-2"]


def test_a_column_for_staff_alone_is_not_read_out_of_its_row():
    chunk = ("## Direct lines\n\n| Person | Staff use only | Notes |\n|---|---|---|\n"
             "| Duty physician cell | (650) 555-0199 | Paging only; never give to callers |\n")
    assert [s.text for s in statements(chunk)] == [
        "Direct lines: Duty physician cell — Notes: Paging only; never give to callers"]


def test_a_subsection_under_a_section_for_staff_alone_is_for_staff_too():
    chunk = ("# Front Desk Guide\n\n## Internal only - do not give to callers\n\n"
             "### After-hours managers\n\nPage the manager on duty at (650) 555-0142.\n\n"
             "## Parking\n\nThe garage validates for two hours.\n")
    doc = Chunk(id="guide.md#0", text=chunk, source="guide.md", title="Front Desk Guide",
                category="sop", owner="", last_updated="2025-01-01", section="Front Desk Guide",
                page=None, content_hash="")
    found = {s.heading: s for s in statements(chunk)}
    assert staff_only(found["After-hours managers"], doc)
    assert not staff_only(found["Parking"], doc)
    assert not read_as_stated(found["After-hours managers"], doc)


def test_a_numbered_change_table_row_is_labelled_by_its_item_not_its_number():
    chunk = ("## Changes\n\n| # | Item | Was | Now |\n|---|---|---|---|\n"
             "| 2 | Lab check-in time | 7:30 PM | 8:00 PM |\n")
    [row] = statements(chunk)
    assert row.text == "Changes: Lab check-in time — Now: 8:00 PM"
    assert (row.label, row.replaced) == ("Lab check-in time", "7:30 PM")


def test_a_first_column_of_numbers_under_a_real_header_is_the_label():
    chunk = "## Follow-up\n\n| Day | Action |\n|---|---|\n| 3 | Second call |\n"
    assert [s.text for s in statements(chunk)] == ["Follow-up: 3 — Action: Second call"]


def test_the_first_statement_under_each_heading_opens_its_section():
    chunk = ("Carried over from the last page.\n\n## Why this desk exists\n\n"
             "Greet every walk-in. Hand out the parking map.\n\n## Hours\n\n"
             "| Day | Open |\n|---|---|\n| Monday | 8 AM |\n| Tuesday | 9 AM |\n")
    found = statements(chunk)
    assert [s.text for s in found if s.opens_section] == [
        "Greet every walk-in.", "Hours: Monday — Open: 8 AM"]
    assert not found[0].opens_section  # no heading above it in this chunk


def test_a_later_sentence_of_a_paragraph_continues_the_one_before_it():
    chunk = ("## Lockers\n\nLockers are free for visitors. Bring your own padlock.\n\n"
             "Keys are not kept overnight.\n\n- Ask at the desk. Show your badge.\n"
             "- Return the key.\n\n| Floor | Lockers |\n|---|---|\n| 1 | 20 |\n| 2 | 12 |\n")
    continuing = [s.text for s in statements(chunk) if s.continues]
    assert continuing == ["Bring your own padlock.", "Show your badge."]


def test_a_short_paragraph_ending_in_a_colon_leads_what_follows_until_the_next_heading():
    chunk = ("## Deliveries\n\n**Flowers for a patient:**\n\n- Take them at the desk.\n"
             "- Log the name on the card.\n\nThis long sentence that happens to close with a "
             "colon is not any kind of label:\n\nSign for boxes.\n\n## Parking\n\n"
             "Use level 2.\n")
    leads = {s.text: s.lead for s in statements(chunk)}
    assert leads["Take them at the desk."] == "Flowers for a patient"
    assert leads["Sign for boxes."] == "Flowers for a patient"  # a long line is no new lead
    assert leads["Use level 2."] == ""  # a heading ends it


def test_a_lists_items_are_about_the_paragraph_right_above_it():
    chunk = ("## Check-in\n\nAsk for two documents at the desk. Copies are not accepted.\n\n"
             "- Photo ID\n- Insurance card\n\n| Desk | Opens |\n|---|---|\n| A | 7:00 |\n\n"
             "- Wristband colour\n")
    leads = {s.text: s.lead for s in statements(chunk)}
    paragraph = "Ask for two documents at the desk. Copies are not accepted."
    assert leads["Photo ID"] == leads["Insurance card"] == paragraph
    assert leads["Copies are not accepted."] == ""  # the paragraph's own sentences: no lead
    assert leads["Wristband colour"] == ""  # a table between them: the list is not about it


def test_a_paragraph_announces_the_list_below_it_by_its_count_or_a_closing_colon():
    chunk = ("## Key desk\n\nHand out a key only after two checks. Keys are numbered.\n\n"
             "- Photo ID\n- Signed card, which must show:\n  - the date\n  - a locker number\n\n"
             "4.2 Lost keys cost a fee. Then do this:\n\n1. Log the key\n2. Call the duty desk\n"
             "3. Re-key the lock\n\nKeep 5 spare keys. Spares go in the safe.\n\n- Blue\n"
             "- Red\n")
    items = {s.text: s.items for s in statements(chunk)}
    # its count names the list's top level (nested items read with it)
    assert items["Hand out a key only after two checks."] == (
        "Photo ID", "Signed card, which must show:", "the date", "a locker number")
    assert items["Keys are numbered."] == ()
    # the last sentence ends in a colon; a section's number ("4.2") is no count
    assert items["4.2 Lost keys cost a fee."] == ()
    assert items["Then do this:"] == ("Log the key", "Call the duty desk", "Re-key the lock")
    # a count that is not the list's
    assert items["Keep 5 spare keys."] == items["Spares go in the safe."] == ()


def test_a_heading_naming_the_count_of_the_list_under_it_is_read_as_its_announcement():
    chunk = ("## The two cards every locker renter shows\n\n- Gym card\n- Photo card\n\n"
             "## Three rules\n\nLockers close at nine.\n\n- One\n- Two\n- Three\n\n"
             "## Opening times\n\n- Weekdays 6-22\n- Weekends 8-20\n")
    found = statements(chunk)
    assert [s.text for s in found[:3]] == [
        "The two cards every locker renter shows", "Gym card", "Photo card"]
    assert found[0].items == ("Gym card", "Photo card")
    # a paragraph between them, or no count: the heading announces nothing
    assert "Three rules" not in [s.text for s in found]
    assert "Opening times" not in [s.text for s in found]


def test_a_value_an_arrow_replaces_is_a_change_read_with_its_new_value():
    chunk = ("## Locker fees from June\n\n- Day locker: $2 per day -> $3 per day\n"
             "- Week locker: no change, $10\n\nOpen the app -> Lockers to book.\n\n"
             "Route questions: lost keys → front desk, ext. 12; fees → billing.\n")
    found = {s.text: s for s in statements(chunk)}
    day = found["Day locker: $3 per day"]
    assert (day.label, day.replaced) == ("Day locker", "$2 per day")
    assert found["Week locker: no change, $10"].replaced == ""
    assert found["Open the app -> Lockers to book."].replaced == ""  # no label: no change
    # an arrow between words routes: no change, read as written
    assert found["Route questions: lost keys → front desk, ext. 12; fees → billing."].replaced == ""


def test_a_time_and_the_day_after_it_stay_one_sentence():
    from copilot.answer.text import split_sentences

    assert split_sentences("A member with a 6:30 p.m. Friday class cancels by 6:30 p.m. on "
                           "Wednesday. Desk opens at 7 a.m. Late cancels pay $5.") == [
        "A member with a 6:30 p.m. Friday class cancels by 6:30 p.m. on Wednesday.",
        "Desk opens at 7 a.m.", "Late cancels pay $5."]


def test_a_draft_splits_into_statements_at_their_citation_markers():
    from copilot.answer.text import cited_statements

    draft = '"Call us back. We open at 8." [1] The fee is $75. [2] [3] Uncited tail.'
    assert cited_statements(draft) == [
        ('"Call us back. We open at 8."', " [1]"),
        (" The fee is $75.", " [2] [3]"),
        (" Uncited tail.", ""),
    ]


@pytest.mark.parametrize(("words", "statement", "named"), [
    (["ORP"], "The Ovarian Reserve Panel costs $350.", True),  # initials of a run of words
    (["promo", "price"], "The promotional price is $99.", True),  # a word it begins
    (["flu"], "Fluent Spanish speakers answer line 3.", False),  # too short to be shorthand
    (["promo", "refund"], "The promotional price is $99.", False),  # every word, in one
])
def test_a_statement_names_asked_words_by_tokens_shorthand_or_initials(words, statement, named):
    assert all_named(words, [(frozenset(tokenize(statement)), initials(statement))]) is named


@pytest.mark.parametrize(("sentence", "read", "label", "replaced"), [
    ("heads up - from May the week locker is $12, not $10 anymore.",
     "heads up - from May the week locker is $12.", "week locker is", "$10"),
    ("The day pass is $6 a day (it used to be $5).", "The day pass is $6 a day.", "day pass is",
     "$5"),
    ("Towel rental is $2, up from $1.50.", "Towel rental is $2.", "Towel rental is", "$1.50"),
    # a bare hour replaced by a time of day is that hour's time
    ("Lockers are emptied at 9:30 pm (it used to be 10).", "Lockers are emptied at 9:30 pm.",
     "Lockers are emptied at", "10:00 pm"),
    # ... and a range of times replaced by another
    ("From June the desk is open 8:00 AM – 1:00 PM, no longer 9:00 – 2:00 PM.",
     "From June the desk is open 8:00 AM – 1:00 PM.", "desk is open", "9:00 – 2:00 PM"),
    # a contrast that changes nothing, a past value alone, or the value before a dated change
    # (it still answers for the days before): read as written
    ("Each member gets 1 locker, not 2.", "Each member gets 1 locker, not 2.", "", ""),
    ("The fee was $4 in 2024.", "The fee was $4 in 2024.", "", ""),
    ("From June 2 the desk opens at 8:00 AM (was 9:00 AM).",
     "From June 2 the desk opens at 8:00 AM (was 9:00 AM).", "", ""),
])
def test_a_value_said_to_replace_another_in_prose_is_a_change(sentence, read, label, replaced):
    found = statements(f"## Lockers\n\n{sentence}\n")
    assert [(s.text, s.label, s.replaced) for s in found] == [(read, label, replaced)]


def test_a_dialogue_script_reads_the_agents_turns_and_stage_directions_never_the_callers():
    chunk = ("## Locker call\n\nCaller: Can I keep my locker over the winter?\n"
             "Agent: Yes. Winter storage is $30 for the season.\n"
             "[If the member is behind on fees, transfer to billing.]\n"
             "Caller: Great, thanks.\nAgent: Anything else I can help with?\n")
    assert [s.text for s in statements(chunk)] == [
        "Yes.", "Winter storage is $30 for the season.",
        "If the member is behind on fees, transfer to billing.",
        "Anything else I can help with?"]
    # ... its labels in bold too
    bold = "## Call\n\n**Caller:** Is parking free?\n**Agent:** The first hour is free.\n"
    assert [s.text for s in statements(bold)] == ["The first hour is free."]
    # one side's label alone is a label, read as written
    assert [s.text for s in statements("## Lockers\n\nPatient: bring the gym card.\n")] == [
        "Patient: bring the gym card."]
