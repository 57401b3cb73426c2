"""One vocabulary of what the documents mark as not to say or do, read by every reader."""

from __future__ import annotations

import pytest

from copilot.answer.drafters.grounded import GroundedDrafter
from copilot.answer.text import Statement
from copilot.knowledge.reading import (
    CUES_FILE,
    ReadingCues,
    allowed_column,
    escalation_contact,
    for_staff,
    has_prohibition_cue,
    holds_scripts,
    in_prohibited_section,
    is_callers_words,
    prohibited_column,
    prohibited_heading,
    prohibited_statement,
    replaced_statement,
)
from guardrails.data import DataFileError, load_model
from guardrails.markdown import walk


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("Don't", True), ("Script > **Never** offer", True), ("Mistakes we hear", True),
     ("Not allowed on the phone", True), ("Do", False), ("Script > What to say", False),
     ("Things an agent should not promise", True), ("Refills > What not to say", True),
     ("What the front desk must do", False), ("What a message may and may not hold", False)],
)
def test_headings_over_things_not_to_do(heading, expected):
    assert prohibited_heading(heading) is expected


def test_a_block_under_such_a_heading_is_in_a_prohibited_section():
    blocks = list(walk("# Lakeview desk\n\n## Avoid\n\nPromising a refund.\n\n## Hours\n\nOpen."))
    under = [b for b in blocks if b.kind == "paragraph"]
    assert [in_prohibited_section(b) for b in under] == [True, False]


def test_statements_columns_and_quotation_cues():
    assert prohibited_statement("Incorrect: the visit costs nothing")
    assert prohibited_statement("Agents never say the scan is included.")
    assert not prohibited_statement("Don't tell a caller the lab is open on Sunday.")
    # told not to guarantee: read aloud, it would say the guarantee ("… guarantee a baby")
    assert prohibited_statement("Staff note: never guarantee a baby or quote odds.")
    assert prohibited_statement("Don't guarantee that the results are back by Friday.")
    assert not prohibited_statement("No clinic can guarantee a pregnancy.")
    assert not prohibited_statement("Transfer to the nurses. Do not promise the refill.")
    # the right wording beside the wrong one: read aloud, it would say both
    assert prohibited_statement('Reply "I will check with billing," never "the fee is gone."')
    assert prohibited_statement('Chart "reports a rash since Monday", not "allergic reaction".')
    assert not prohibited_statement('Never leave a voicemail that names the "clinic".')
    assert prohibited_column("Never say") and not allowed_column("Never say")
    assert allowed_column("Allowed wording")
    assert has_prohibition_cue("Please do not say ")
    assert is_callers_words("If she asks ")


def test_the_drafter_reads_the_same_vocabulary():
    lead = load_model(CUES_FILE, ReadingCues).prohibited_lead  # the wording is data
    under = GroundedDrafter.phrased(Statement("Promising a refund.", "Intake > Mistakes we hear"))
    assert under.text == f"{lead}Promising a refund."
    assert GroundedDrafter.phrased(Statement('Saying "no cost".', "Intake > Don't")) is None
    assert GroundedDrafter.phrased(Statement("Prohibited phrasing: a no-cost scan", "")) is None
    plain = Statement("The scan is $250.", "Prices")
    assert GroundedDrafter.phrased(plain) == plain


@pytest.mark.parametrize("text, replaced", [
    ("Previously the scan fee was $210.", True),
    ("Until July 1, 2026 the late fee was $40.", True),
    ("Formerly the clinic was open until 6:00 PM.", True),
    ("Previously the scan fee was $210; from July 1 it is $250.", False),  # both: read whole
    ("From July 1, 2026 the scan fee is $250.", False),
    ("Previously frozen embryos are thawed the morning of the transfer.", False),  # no value
    ("The scan fee is $250 (it was $210 until July 1).", False),
])
def test_a_value_a_change_replaced_is_never_read_out(text, replaced):
    assert replaced_statement(text) is replaced
    assert (GroundedDrafter.phrased(Statement(text, "Fees")) is None) is replaced


@pytest.mark.parametrize(
    ("heading", "category", "opens_section", "expected"),
    [
        ("Example", "faq", False, True),  # anything in a worked example
        ("Refill script > Worked example: a caller moving states", "scripts", False, True),
        ("Sample calls", "sops", True, True),
        ("Change log", "sops", False, True),
        ("Revision history", "pricing", False, True),
        ("Examples of plans we verify", "faq", False, False),  # a list of facts, not an example
        ("Purpose", "scripts", True, True),  # a script's purpose line
        ("Purpose", "scripts", False, False),  # the policy after it is read
        ("Purpose", "sops", True, False),  # an SOP's purpose may hold policy
        ("Hours", "scripts", True, False),
        # a section marked for staff alone, not one about internal matters
        ("Directory > INTERNAL ONLY — not for callers", "sops", False, True),
        ("Staff use only", "faq", False, True),
        ("Escalations (do not give these numbers to patients)", "sops", False, True),
        ("Internal medicine referrals", "sops", False, False),
    ],
)
def test_sections_written_for_staff(heading, category, opens_section, expected):
    assert for_staff("Validate parking at the desk.", heading, category, opens_section) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Source: the March memo; details in Parking.", True), ("See also: Visitor garage.", True),
     ("The source of truth for prices is the price list.", False)],
)
def test_pointers_to_other_documents_are_for_staff(text, expected):
    assert for_staff(text, "Parking", "sops", False) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("From: Ward manager <ward@clinic.example>", True), ("Subject: FW: new locker fees", True),
     ("CC: Front desk team", True),
     ("From June 1 the locker fee is $5.", False),  # a date, not a sender
     ("From: 8:00 AM on weekdays", False)],  # a time span
)
def test_the_header_lines_of_an_email_or_a_memo_are_for_staff(text, expected):
    assert for_staff(text, "Parking", "sops", False) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Use this guide when a caller asks how the scan works.", True),
     ("This procedure describes how agents book scans.", True),
     ("This SOP tells front-desk staff how to check in a walk-in.", True),
     ("This guide walks new hires through the phone menu.", True),
     ("This policy applies to every patient under 18.", False),  # a rule, read out
     ("Use the side door when the lobby is closed.", False)],
)
def test_what_a_document_says_of_itself_is_for_staff(text, expected):
    assert for_staff(text, "Scans", "sops", False) is expected


def test_script_documents_are_named_by_category():
    assert holds_scripts("Scripts") and holds_scripts("script")
    assert not holds_scripts("faq")


def test_the_escalation_contact_is_whom_the_documents_name_most_often():
    texts = ["Refunds: ask the Billing Manager at 555-010-0111.",
             "Escalate to the Call Center Supervisor, (555) 010-0180.",
             "Unsure? Call Center Supervisor at (555) 010-0180."]
    assert escalation_contact(texts) == "the Call Center Supervisor at (555) 010-0180"
    assert escalation_contact(texts[:1]) == "the Billing Manager at 555-010-0111"
    assert escalation_contact(["Ask a colleague."]) == ""


def test_an_unknown_key_in_the_reading_file_is_an_error(tmp_path):
    path = tmp_path / "reading.yaml"
    path.write_text(CUES_FILE.read_text() + "script_folders: [scripts]\n")
    with pytest.raises(DataFileError, match="script_folders"):
        load_model(path, ReadingCues)
