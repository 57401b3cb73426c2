"""Recency in the grounding check, through the fake model server on an invented clinic
(``tests/answer/larkspur.py``): a model statement that an older version of a passage backs (the
superseded guide, the archived notes, a current note a newer update changed) is corrected to the
current statement, whatever kind of value changed; a current statement is kept as written."""

from __future__ import annotations

import pytest

from copilot.answer.drafters import Draft
from copilot.answer.grounding import GroundingCheck
from copilot.knowledge.model import Chunk
from tests.fake_model import Reply

CHANGED = [  # (kind, question, the model's statement from an older version, old value, new value)
    ("day", "when does the larkspur billing office take walk-in questions",
     "The Larkspur billing office takes walk-in questions on Tuesdays from 10:00 AM to 2:00 PM.",
     "Tuesday", "Thursdays"),
    ("price", "how much is a larkspur semen analysis",
     "A Larkspur semen analysis costs $185 for self-pay patients.", "$185", "$210"),
    ("extension", "where do I transfer a larkspur medical records request",
     "Medical records requests at Larkspur are transferred to extension 214.", "214", "237"),
    ("count", "how many patients does a larkspur orientation class seat",
     "Each Larkspur orientation class seats 12 patients.", "12", "18 patients"),
    ("date", "when is the larkspur spring orientation evening",
     "The Larkspur spring orientation evening is held on April 15, 2026.", "April 15",
     "April 22, 2026"),
    ("name, archived", "who handles larkspur donor matching questions",
     "Questions about Larkspur donor matching are handled by Priya Natarajan, the donor "
     "coordinator.", "Natarajan", "Tomas Berg"),
    ("name, older current note", "who reviews larkspur refund requests for cancelled cycles",
     "Larkspur refund requests for cancelled cycles are reviewed by Helen Okafor in the finance "
     "office.", "Okafor", "Samuel Ortiz"),
]


@pytest.mark.parametrize(("kind", "question", "said", "old", "new"), CHANGED,
                         ids=[c[0] for c in CHANGED])
def test_a_value_an_older_version_gives_is_corrected_to_the_current_one(
    larkspur_model, model, kind, question, said, old, new
):
    model.scripts[question] = Reply(f"{said.removesuffix('.')} [1].")
    result = larkspur_model.ask(question)
    assert result.drafter == "openai", result.fallback_reason
    assert old not in result.answer, kind
    assert new in result.answer and result.citations, kind
    assert result.verdict == "revised"
    assert any("newer document" in note for note in result.notes)
    assert {c.source for c in result.citations} <= {"sops/front-desk-2026.md",
                                                     "updates/2026-02-10.md"}


def test_a_paraphrase_of_the_older_version_is_corrected_too(larkspur_model, model):
    question = "which day can a caller walk in to the larkspur billing office"
    model.scripts[question] = Reply(
        "Walk-in billing questions at the Larkspur billing office are taken on Tuesdays [1].")
    result = larkspur_model.ask(question)
    assert "Tuesday" not in result.answer and "Thursdays" in result.answer
    assert result.verdict == "revised"


@pytest.mark.parametrize("said", [
    "The Larkspur billing office takes walk-in questions on Thursdays from 10:00 AM to 2:00 PM.",
    "Questions about Larkspur donor matching are handled by Tomas Berg.",
    "Larkspur refund requests for cancelled cycles are reviewed by Samuel Ortiz.",
])
def test_a_current_statement_is_kept_as_written(larkspur_model, model, said):
    question = "larkspur front desk question"
    model.scripts[question] = Reply(f"{said.removesuffix('.')} [1].")
    result = larkspur_model.ask(question + " " + said.split(" are ")[0].lower())
    assert result.verdict == "pass", result.notes
    assert said.removesuffix(".") in result.answer


def test_a_newer_statement_that_changes_more_than_a_value_is_no_version_of_it(
    larkspur_model, model
):
    """The update's lead-in ("Refund disputes go to the finance office, extension 240, only
    for:") shares the finance office and its extension with the note's statement, but changes
    most of its words: it is another statement, and the note's is kept as written (it was
    replaced by the lead-in before)."""
    question = "where do urgent larkspur refund questions go"
    said = ("Urgent refund questions go to the finance office, extension 240, and the agent "
            "notes the cycle number")
    model.scripts[question] = Reply(f"{said} [1].")
    result = larkspur_model.ask(question)
    assert said in result.answer, result.notes
    assert "only for" not in result.answer
    assert result.verdict == "pass", result.notes


def test_a_newer_statement_that_words_the_same_values_differently_changes_nothing(
    larkspur_model, model
):
    """The update words the note's statement differently ("pick up" for "collect") but
    changes no value (no time, number, day or name): the note's statement is still current."""
    question = "where do larkspur patients get their refund cheques"
    said = "Patients collect refund cheques from the finance office on weekdays"
    model.scripts[question] = Reply(f"{said} [1].")
    result = larkspur_model.ask(question)
    assert said in result.answer, result.notes
    assert result.verdict == "pass", result.notes


def test_a_value_only_a_retired_passage_gives_is_removed(larkspur_model, model):
    """The current guide names nobody where the archived notes named a nurse: nothing current
    replaces the name, so the statement is left out, not kept on its likeness in meaning to the
    guide's statement."""
    question = "who releases larkspur lab results"
    model.scripts[question] = Reply(
        "Larkspur lab results are released by Nurse Dana Whitfield on Mondays [1]. "
        "Each Larkspur orientation class seats 18 patients [1].")
    result = larkspur_model.ask(question)
    assert "Whitfield" not in result.answer and "18 patients" in result.answer
    assert result.verdict == "revised"
    assert any("older document" in note for note in result.notes)


# A change table in a newer memo ("| Service | Before | From June 1 |") retires the values of
# its "Before" column wherever another document still gives them for that row's service.
SHEET = Chunk("fees.md#0", "## Lab fees\n\n| Service | Price |\n|---|---|\n"
              "| Sperm freezing, first year | $640 |\n| Semen analysis | $185 |",
              "fees.md", "Lab fees", "pricing", "ops", "2026-01-05", "Lab fees", None, "a1")
MEMO = Chunk("memo.md#0", "## What changes\n\n| Service | Before | From June 1 |\n|---|---|---|\n"
             "| Sperm freezing, first year | $640 | $700 |",
             "memo.md", "June memo", "updates", "ops", "", "June memo", None, "a2")


@pytest.mark.parametrize("said", [
    "Lab fees: Sperm freezing, first year — Price: $640.",
    "Sperm freezing for the first year was $640.",  # in the past tense too: the row says it
])
def test_a_value_a_change_table_replaced_is_replaced_by_its_row(said):
    result = GroundingCheck().check(Draft(f"{said} [1]", [SHEET], "grounded"), [SHEET, MEMO])
    assert "$640" not in result.draft.text
    assert "$700" in result.draft.text and result.draft.sources == [MEMO]
    assert result.corrected == 1


def test_a_change_table_not_retrieved_still_replaces_the_value_and_is_cited():
    """The memo was not among the retrieved passages: its row still retires the sheet's old
    price (a change table holds wherever the old value is said), and the answer cites it."""
    said = "Lab fees: Sperm freezing, first year — Price: $640."
    result = GroundingCheck().check(Draft(f"{said} [1]", [SHEET], "grounded"), [SHEET],
                                    changes=[MEMO])
    assert "$640" not in result.draft.text and "$700" in result.draft.text
    assert result.draft.sources == [MEMO]
    unchanged = GroundingCheck().check(Draft(f"{said} [1]", [SHEET], "grounded"), [SHEET])
    assert "$640" in unchanged.draft.text  # without the change table, nothing replaces it


def test_a_row_label_qualified_after_a_comma_names_its_subject_by_its_head():
    """"Semen analysis, self-pay" is the semen analysis the sheet prices, qualifier apart."""
    memo = Chunk("memo2.md#0", "## What changes\n\n| Item | Old | New |\n|---|---|---|\n"
                 "| Semen analysis, self-pay | $185 | $210 |",
                 "memo2.md", "July memo", "updates", "ops", "2026-07-01", "July memo", None, "a3")
    said = "Lab fees: Semen analysis — Price: $185."
    result = GroundingCheck().check(Draft(f"{said} [1]", [SHEET], "grounded"), [SHEET, memo])
    assert "$185" not in result.draft.text and "$210" in result.draft.text


def test_another_row_of_the_older_document_is_kept():
    said = "Lab fees: Semen analysis — Price: $185."
    result = GroundingCheck().check(Draft(f"{said} [1]", [SHEET], "grounded"), [SHEET, MEMO])
    assert "$185" in result.draft.text and result.corrected == 0


def test_a_change_row_replacing_its_own_value_elsewhere_is_said_once():
    row = "What changes: Sperm freezing, first year — From June 1: $700."
    draft = Draft(f"{row} [1] Lab fees: Sperm freezing, first year — Price: $640. [2]",
                  [MEMO, SHEET], "grounded")
    result = GroundingCheck().check(draft, [MEMO, SHEET])
    assert result.draft.text.count("$700") == 1 and "$640" not in result.draft.text


def test_a_corrected_value_its_change_list_holds_is_said_once_where_it_came_first():
    """The sheet's old price is corrected to the e-mail's change row, which the e-mail's list of
    changes (read with its items) says too: the list is read once, in the row's place."""
    email = Chunk("email.md#0", "## Fees\n\nTwo lab fees change:\n\n"
                  "- Sperm freezing, first year: $640 -> $700\n- Semen analysis: $185 -> $190\n",
                  "email.md", "Fee e-mail", "updates", "ops", "2026-06-01", "Fees", None, "a4")
    listed = ("Two lab fees change: Sperm freezing, first year: $700; Semen analysis: $190.")
    draft = Draft(f"Lab fees: Sperm freezing, first year — Price: $640. [1] Parking is free. [2] "
                  f"{listed} [3]", [SHEET, PARKING, email], "grounded")
    result = GroundingCheck().check(draft, [SHEET, PARKING, email])
    assert result.draft.text.startswith(listed)
    assert result.draft.text.count("$700") == 1 and "Parking is free" in result.draft.text


PARKING = Chunk("parking.md#0", "## Parking\n\nParking is free.", "parking.md", "Parking",
                "faq", "ops", "2026-01-01", "Parking", None, "a5")


def _dated_memo_clinic(folder):
    """A fee sheet and, without front matter, a memo dated by its opening line whose change
    table moves one price."""
    (folder / "pricing").mkdir()
    (folder / "pricing" / "lab-fees.md").write_text(
        "---\ntitle: Lab fees\nlast_updated: 2026-01-05\n---\n# Lab fees\n\n"
        "| Service | Self-pay price |\n|---|---|\n| Sperm freezing, first year | $640 |\n"
        "| Semen analysis | $185 |\n", encoding="utf-8")
    (folder / "memo-june.md").write_text(
        "# Lab fee memo\n\n**Effective:** June 1, 2026\n\n## What changes\n\n"
        "| Service | Before | From June 1 |\n|---|---|---|\n"
        "| Sperm freezing, first year | $640 | $700 |\n", encoding="utf-8")
    return folder


def _indexed(runtime, tmp_path_factory, build, name):
    from tests.support import indexed_clinic

    return indexed_clinic(runtime, tmp_path_factory, build, name)


@pytest.fixture(scope="module")
def memo_clinic(runtime, tmp_path_factory):
    return _indexed(runtime, tmp_path_factory, _dated_memo_clinic, "memo-clinic")


def test_an_answer_reads_the_change_tables_price_not_the_one_it_replaced(memo_clinic):
    memo = next(c for c in memo_clinic.snapshots.get().chunks if c.source == "memo-june.md")
    assert memo.last_updated == "2026-06-01"
    result = memo_clinic.copilot.ask("how much is sperm freezing for the first year")
    assert "$700" in result.answer and "$640" not in result.answer
    assert "memo-june.md" in [c.source for c in result.citations]


def test_weak_evidence_shows_no_value_a_change_table_replaced(memo_clinic):
    """The documents do not answer it (no discount is named): the closest statements are shown
    to check, and the one giving the replaced price is not among them."""
    result = memo_clinic.copilot.ask("is there a student discount on sperm freezing")
    assert result.coverage == "weak"
    assert "$700" in result.answer and "$640" not in result.answer


def _numbered_memo_clinic(folder):
    """A fee sheet dated by its front matter's "effective" and a memo dated by its "date",
    whose change table numbers its rows ("# | Item | Was | Now"); a plain-text fee notice
    that says in prose what its change replaced; and an imaging notice that replaces one line of
    the imaging fee schedule, the rest of which stays current; a plain-text radiology notice whose
    change table is laid out in columns; and an old FAQ whose banner says it is archived; a
    forwarded e-mail whose quoted lines give a fee and, after an arrow, the fee replacing it; an
    old sheet whose banner says it is retired; a chat export in which a message says the new fee
    and the fee it replaced."""
    files = {
        "fees.md": "---\ntitle: Study fees\neffective: 2026-01-05\n---\n# Study fees\n\n"
                   "| Study | Self-pay price |\n|---|---|\n| Overnight oximetry study | $410 |\n"
                   "| Daytime nap study | $820 |\n| Actigraphy week | $260 |\n"
                   "| Split-night study | $1,150 |\n",
        "memo.md": "---\ntitle: Fee memo\ndate: 2026-05-20\n---\n# Fee memo\n\n"
                   "## Change table\n\n| # | Item | Was | Now |\n|---|---|---|---|\n"
                   "| 1 | Overnight oximetry study, self-pay | $410 | $455 |\n",
        "fee-notice.txt": "ANDROLOGY FEE NOTICE\n\nJune 1, 2026\n\nPreviously the semen analysis "
                          "fee was $185. From June 1, 2026 the semen analysis fee is $210.\n",
        "imaging-fees.md": "---\ntitle: Imaging Fee Schedule\nlast_updated: 2026-02-02\n---\n"
                           "# Imaging Fee Schedule\n\n| Scan | Self-pay price | Notes |\n"
                           "|---|---|---|\n| Pelvic ultrasound | $310 | Same-day report |\n"
                           "| Saline sonogram | $480 | Booked by the nurse team |\n"
                           "| Hysterosalpingogram | $640 | Radiology suite |\n",
        "radiology-notice.txt": "RADIOLOGY NOTICE\n\nEffective: July 6, 2026\n\n"
                                "    Scan                  Was      Now\n"
                                "    -------------------   ------   ------\n"
                                "    Hysterosalpingogram   $640     $690\n\n"
                                "Nothing else changes.\n",
        "old-faq.txt": "*****************************\n* ARCHIVED - DO NOT USE     *\n"
                       "*****************************\n\nPATIENT FAQ 2023\n\n"
                       "A hysterosalpingogram is $500.\n",
        "fw-actigraphy.txt": "From: Sleep lab manager <lab@sleep.example>\n"
                            "Subject: FW: actigraphy fee\n\nTeam, please quote the new fee.\n\n"
                            "---------- Forwarded message ----------\n"
                            "> From July 1, 2026 two study fees change:\n>\n"
                            ">   - Actigraphy week: $260 per week -> $290 per week\n"
                            ">   - Home sleep kit: $150 per kit -> $175 per kit\n",
        "fees-2024.txt": "RETIRED SHEET -- superseded in 2025, prices no longer valid\n\n"
                         "STUDY FEES 2024\n\nAn actigraphy week is $200.\n",
        "lab-chat.txt": "Chat export - sleep lab desk\nExported 07/31/2026 4:10 PM\n\n"
                        "[7/30/2026 9:02 AM] Rowan Ellery: coffee machine works again\n"
                        "[7/30/2026 9:15 AM] Rowan Ellery: fyi from Monday the split-night "
                        "study is $1,240, not $1,150 anymore\n"
                        "[7/30/2026 9:16 AM] Ama Quist: thx\n",
        "imaging-notice.md": "---\ntitle: Imaging notice\nlast_updated: 2026-06-20\n---\n"
                             "# Imaging notice\n\nFrom July 1, 2026 the saline sonogram is $520. "
                             "This replaces the saline sonogram line of the Imaging Fee "
                             "Schedule.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def numbered_memo_clinic(runtime, tmp_path_factory):
    return _indexed(runtime, tmp_path_factory, _numbered_memo_clinic, "numbered-memo")


def test_a_numbered_change_table_in_a_dated_memo_replaces_the_old_price(numbered_memo_clinic):
    result = numbered_memo_clinic.copilot.ask("overnight oximetry study self pay price?")
    assert "$455" in result.answer and "$410" not in result.answer
    assert "memo.md" in [c.source for c in result.citations]
    nap = numbered_memo_clinic.copilot.ask("how much is the daytime nap study")
    assert "$820" in nap.answer  # the row the memo does not name keeps its price


def test_an_answer_never_reads_the_value_a_memo_says_was_replaced(numbered_memo_clinic):
    result = numbered_memo_clinic.copilot.ask("pt asking what the semen analysis fee is")
    assert "$210" in result.answer and "$185" not in result.answer


def test_a_memo_replacing_one_line_of_a_fee_schedule_leaves_its_other_lines(numbered_memo_clinic):
    """The notice replaces one line: the schedule's other line is still the current price, and
    the replaced one is never read out."""
    other = numbered_memo_clinic.copilot.ask("self pay price of a pelvic ultrasound?")
    assert other.found and "$310" in other.answer, other.answer
    assert "imaging-fees.md" in [c.source for c in other.citations]
    changed = numbered_memo_clinic.copilot.ask("how much is a saline sonogram now")
    assert "$520" in changed.answer and "$480" not in changed.answer, changed.answer


def test_a_column_laid_change_table_replaces_the_price_and_an_archived_faq_is_never_read(
        numbered_memo_clinic):
    """The notice's change table, laid out in columns in plain text, is a table: its new price
    replaces the schedule's; the FAQ archived by its banner is never read from."""
    result = numbered_memo_clinic.copilot.ask("how much is a hysterosalpingogram?")
    assert "$690" in result.answer, result.answer
    assert "$640" not in result.answer and "$500" not in result.answer
    assert "old-faq.txt" not in [c.source for c in result.citations]


def test_a_forwarded_emails_arrow_change_replaces_the_price_and_a_retired_sheet_is_never_read(
        numbered_memo_clinic):
    result = numbered_memo_clinic.copilot.ask("how much is an actigraphy week")
    assert "$290" in result.answer, result.answer
    assert "$260" not in result.answer and "$200" not in result.answer
    assert "fees-2024.txt" not in [c.source for c in result.citations]
    assert "From:" not in result.answer and "Subject" not in result.answer
    assert result.answer.count("$290") == 1  # said once


def test_a_chat_message_giving_a_fee_and_the_fee_it_replaced_changes_the_price(
        numbered_memo_clinic):
    result = numbered_memo_clinic.copilot.ask("split night study price?")
    assert "$1,240" in result.answer, result.answer
    assert "$1,150" not in result.answer
    assert "Rowan" not in result.answer and "9:15" not in result.answer
