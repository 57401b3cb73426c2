"""Plain-text files read line by line: capitals head sections, lines stay apart, prose whole."""

from __future__ import annotations

from copilot.knowledge.loaders import load_document
from copilot.knowledge.text_layout import as_markdown
from guardrails.markdown import walk

DIRECTORY = """\
WILLOWBROOK FERTILITY - FRONT OFFICE CHEAT SHEET

SWITCHBOARD: (555) 013-4400
FAX (records): (555) 013-4409
===========================================================================
DESK EXTENSIONS
===========================================================================
  310   Scheduling pool
  318   Insurance and prior authorizations
  322   Andrology lab - staff only, do not transfer callers
  330   Practice manager (Odile Fenwick)

PHONE NUMBERS CALLERS MAY HAVE
  Nurse advice line ............ (555) 013-4420
  Billing office ... (555) 013-4430

WHEN A CALLER IS UPSET
Listen first and do not interrupt. Offer a callback from the practice manager
within one business day if the caller asks for a supervisor, and note the
request in the call log before you hang up.
  Say: "I'm sorry this has been frustrating. I can ask our practice manager
        to call you back by tomorrow afternoon."
"""


def _blocks(text: str) -> list[str]:
    return [" ".join(line.strip() for line in block.lines) for block in walk(as_markdown(text))
            if block.kind not in ("blank", "heading")]


def test_headings_in_capitals_open_sections():
    headings = [block.path[-1].title for block in walk(as_markdown(DIRECTORY))
                if block.kind == "heading"]
    assert headings == ["WILLOWBROOK FERTILITY - FRONT OFFICE CHEAT SHEET", "DESK EXTENSIONS",
                        "PHONE NUMBERS CALLERS MAY HAVE", "WHEN A CALLER IS UPSET"]


def test_each_line_ends_what_it_says_and_wrapped_prose_stays_whole():
    blocks = _blocks(DIRECTORY)
    assert "SWITCHBOARD: (555) 013-4400" in blocks  # a field, not joined to the next field
    assert "FAX (records): (555) 013-4409" in blocks
    assert "310   Scheduling pool" in blocks  # a line in columns
    assert "322   Andrology lab - staff only, do not transfer callers" in blocks
    assert "Nurse advice line — (555) 013-4420" in blocks  # dot leaders read as a dash
    assert "Billing office — (555) 013-4430" in blocks
    assert ("Listen first and do not interrupt. Offer a callback from the practice manager "
            "within one business day if the caller asks for a supervisor, and note the "
            "request in the call log before you hang up.") in blocks
    # a quotation hanging under its lead-in, opened in lower case on its second line
    assert ('Say: "I\'m sorry this has been frustrating. I can ask our practice manager to '
            'call you back by tomorrow afternoon."') in blocks


def test_a_plain_text_file_is_stored_as_read(tmp_path):
    path = tmp_path / "desk" / "cheat-sheet.txt"
    path.parent.mkdir()
    path.write_text(DIRECTORY, encoding="utf-8")
    doc = load_document(path, tmp_path, 1_000_000)
    assert doc.title == "WILLOWBROOK FERTILITY - FRONT OFFICE CHEAT SHEET"
    assert "## DESK EXTENSIONS\n\n310   Scheduling pool\n\n318   Insurance" in doc.pages[0].text
    assert "=====" not in doc.pages[0].text


WRAPPED_LIST = """\
BILLING DESK NOTES

  - Itemized receipts can be downloaded any time from the
    patient portal under Payments.
  - Card payments over the phone need the cardholder on the
line, not a relative.
  - Statements: mailed monthly.
"""


def test_a_list_item_wrapped_over_lines_stays_one_item():
    items = [" ".join(block.lines) for block in walk(as_markdown(WRAPPED_LIST))
             if block.kind == "list_item"]
    assert items == [
        "- Itemized receipts can be downloaded any time from the patient portal under Payments.",
        "- Card payments over the phone need the cardholder on the line, not a relative.",
        "- Statements: mailed monthly.",
    ]


FORWARDED = """\
Subject: FW: locker fees

Team, see the note below from the finance office and use the new fees from June.

---------- Forwarded message ----------
From: Finance office <finance@gym.example>
Date: Fri, May 15, 2026

> Locker fees change on June 1:
>
>   - Day locker: $2 -> $3
>>  - Week locker: $8 -> $10
>
> Spare keys for every locker are kept at the front desk, in the
> grey cabinet.
"""


def test_an_emails_quote_marks_are_dropped_and_what_they_quote_is_read_as_written():
    blocks = [(block.kind, " ".join(block.lines)) for block in walk(as_markdown(FORWARDED))
              if block.kind not in ("blank", "rule")]
    assert ("list_item", "- Day locker: $2 -> $3") in blocks
    assert ("list_item", "- Week locker: $8 -> $10") in blocks
    assert ("paragraph", "Spare keys for every locker are kept at the front desk, in the grey "
                         "cabinet.") in blocks
    assert all(kind != "quote" for kind, _ in blocks)


COLUMNS_TABLE = """\
LAB NOTICE

From May 4 two andrology fees change:

    Test                          Before     From May 4
    ---------------------------   --------   -----------
    Semen analysis                $185       $205
    Sperm freezing, per vial      $95/vial   $110/vial
    Post-vasectomy check                     $120

Nothing else changes.
"""


def test_lines_laid_out_under_a_rule_per_column_are_a_table():
    rows = [line for block in walk(as_markdown(COLUMNS_TABLE))
            if block.kind.startswith("table") for line in block.lines]
    assert rows == [
        "| Test | Before | From May 4 |",
        "|---|---|---|",
        "| Semen analysis | $185 | $205 |",
        "| Sperm freezing, per vial | $95/vial | $110/vial |",
        # an empty cell: the row is cut under each column's rule
        "| Post-vasectomy check |  | $120 |",
    ]
    assert "Nothing else changes." in as_markdown(COLUMNS_TABLE)


def test_columns_without_a_rule_under_each_stay_lines():
    text = "DESK\n\n  310   Scheduling pool\n  ---------------\n  318   Insurance\n"
    assert not [b for b in walk(as_markdown(text)) if b.kind.startswith("table")]


CHAT = """\
Chat export - locker desk
Exported 04/22/2026 10:05 AM

[4/20/2026 9:00 AM] Sam Lee: morning! the north door sticks again
[4/20/2026 9:02 AM] Ana Ruiz-Bell: ugh. thanks
[4/20/2026 9:30 AM] Sam Lee: from May the week locker is $12, not $10 anymore
"""


def test_a_chat_exports_stamps_are_dropped_and_each_message_is_read_apart():
    blocks = [" ".join(block.lines) for block in walk(as_markdown(CHAT))
              if block.kind == "paragraph"]
    assert "morning! the north door sticks again" in blocks
    assert "ugh. thanks" in blocks  # (opens in lower case: still a message of its own)
    assert "from May the week locker is $12, not $10 anymore" in blocks
    assert not any("Sam Lee" in block or "9:00 AM" in block for block in blocks)
