"""One vocabulary of what the documents mark as not to say or do, read by every reader."""

from __future__ import annotations

import pytest

from copilot.answer.vocabulary import Vocabulary
from copilot.knowledge.reading import (
    allowed_column,
    has_prohibition_cue,
    in_prohibited_section,
    is_callers_words,
    prohibited_column,
    prohibited_heading,
    prohibited_statement,
)
from guardrails.markdown import walk


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("Don't", True), ("Script > **Never** offer", True), ("Mistakes we hear", True),
     ("Not allowed on the phone", True), ("Do", False), ("Script > What to say", False)],
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
    assert prohibited_column("Never say") and not allowed_column("Never say")
    assert allowed_column("Allowed wording")
    assert has_prohibition_cue("Please do not say ")
    assert is_callers_words("If she asks ")


def test_the_drafter_reads_the_same_vocabulary():
    vocabulary = Vocabulary.load()
    assert vocabulary.is_negative("Intake > Mistakes we hear")
    assert not vocabulary.readable("Prohibited phrasing: a no-cost scan")

