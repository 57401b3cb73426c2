"""The grounding check on the real knowledge base's passages (no model needed)."""

from __future__ import annotations

import pytest

from copilot.answer.drafters import Draft
from copilot.answer.grounding import GroundingCheck, GroundingConfig, facts
from copilot.answer.text import read_aloud
from copilot.knowledge.model import Chunk


@pytest.fixture(scope="module")
def check():
    return GroundingCheck()


def price_list(runtime):
    """The price list's chunk with the frozen embryo transfer price first."""
    chunks = [c for c in runtime.snapshots.get().chunks if c.source == "pricing/price-list.md"]
    return sorted(chunks, key=lambda c: "Frozen embryo transfer, per transfer" not in c.text)


def test_facts_read_times_numbers_and_prices_alike():
    assert facts("9 AM to 12:00 pm, $14,900, (555) 010-0180") == facts(
        "9:00 am – 12:00 PM · 14900 · 555-010-0180")
    assert facts("1:00 – 5:00 PM") == {"t1:00", "t5:00"}


def test_a_statement_copied_from_a_passage_is_kept_with_its_citation(check, runtime):
    passages = price_list(runtime)
    draft = Draft("Frozen embryo transfer (FET): Frozen embryo transfer, per transfer — "
                  "Self-pay price: $4,200. [1]", [passages[0]], "grounded")
    result = check.check(draft, passages)
    assert (result.removed, result.corrected, result.blocked) == (0, 0, False)
    assert result.draft.text.endswith("[1]") and "$4,200" in result.draft.sources[0].text


def test_a_quoted_script_keeps_its_own_citation_for_every_sentence(check):
    """Its first sentence is also in a passage ranked above the script: it stays cited to the
    script the statement came from (it was cited to the other passage, splitting the quote)."""
    faq = Chunk("faq.md#0", "Parking is validated at the front desk.", "faq.md", "FAQ", "faq",
                "ops", "2026-01-01", "FAQ", None, "h1")
    script = Chunk("script.md#0", '> "Parking is validated at the front desk. Bring your '
                   'ticket inside with you."', "script.md", "Script", "scripts", "ops",
                   "2026-01-01", "Script", None, "h2")
    draft = Draft('"Parking is validated at the front desk. Bring your ticket inside with '
                  'you." [1]', [script], "grounded")
    result = check.check(draft, [faq, script])
    assert result.draft.sources == [script]
    assert result.draft.text.count("[1]") == 1 and "[2]" not in result.draft.text


def test_a_checklist_line_is_read_without_its_box_and_both_statements_stay(check):
    """A box in front of a checklist line ("☐ …") is not read out; read with it, the line
    joined the statement before it and took its citation, and the two, never said together in
    the passage, were removed as unbacked."""
    chunk = Chunk("prep.md#0", "- Bring a photo ID and your insurance card.\n- Parking is in "
                  "the garage.\n\n> ☐ In-office visit: arrive 15 minutes early to check in.",
                  "prep.md", "Prep", "patient", "ops", "2026-01-01", "Prep", None, "h3")
    said = [read_aloud("Bring a photo ID and your insurance card"),
            read_aloud("☐ In-office visit: arrive 15 minutes early to check in.")]
    result = check.check(Draft(f"{said[0]} [1] {said[1]} [1]", [chunk], "grounded"), [chunk])
    assert result.removed == 0
    assert result.draft.text == f"{said[0]} [1] In-office visit: arrive 15 minutes early to " \
        "check in. [1]"


def test_a_statement_read_with_the_list_it_announces_is_backed_by_them(check):
    chunk = Chunk("keys.md#0", "## Keys\n\nA lost key costs $20 and two steps:\n\n- Log it\n"
                  "- Re-key the lock\n", "keys.md", "Keys", "sop", "ops", "2026-01-01", "Keys",
                  None, "h4")
    said = "A lost key costs $20 and two steps: Log it; Re-key the lock. [1]"
    result = check.check(Draft(said, [chunk], "grounded"), [chunk])
    assert (result.removed, result.draft.text) == (0, said)
    invented = "A lost key costs $20 and two steps: Log it; Pay $50 more. [1]"
    assert check.check(Draft(invented, [chunk], "grounded"), [chunk]).removed == 1


def test_a_number_the_passage_does_not_hold_is_not_backed(check, runtime):
    passages = price_list(runtime)
    draft = Draft("Frozen embryo transfer, per transfer — Self-pay price: $4,100. [1] "
                  "Medications are not included. [1]", [passages[0]], "openai")
    result = check.check(draft, passages)
    assert result.removed == 1 and "$4,100" not in result.draft.text


def test_invented_policy_is_removed_and_too_little_left_blocks(check, runtime):
    passages = price_list(runtime)
    draft = Draft("We never give refunds for medical services. [1] Parking is free. [1]",
                  [passages[0]], "openai")
    result = check.check(draft, passages)
    assert result.blocked and result.removed == 2


def test_the_thresholds_are_data():
    config = GroundingConfig.load()
    assert 0 < config.min_word_share <= 1 and config.min_priced_similarity > config.min_similarity


SUPPORTED = [  # (paraphrase, the passage statement it restates)
    ("A frozen embryo transfer costs $4,200 per transfer.", "A frozen embryo transfer is $4,200."),
    ("The promotional virtual consultation is $99.", "Promotional Virtual Consultation — $99"),
]
UNSUPPORTED = [  # (statement, the closest passage statement on its subject)
    ("PGT-A on the transferred embryo is also $4,200.", "A frozen embryo transfer is $4,200."),
    ("We never give refunds for medical services.",
     "Cancel with a full refund of any promotional payment."),
    ("Dr. Bell's Friday afternoon block continues.",
     "Starting Friday, October 10, 2025, Dr. Marcus Bell's Friday virtual block moves to "
     "9:00 AM – 12:00 PM."),
]


def test_the_similarity_thresholds_separate_the_calibration_pairs(runtime):
    config = GroundingConfig.load()
    vectors = runtime.snapshots.get().checker.semantic.vectors

    def similarity(a: str, b: str) -> float:
        matrix = vectors([a, b])
        return float(matrix[0] @ matrix[1])

    for claim, passage in SUPPORTED:
        needed = config.min_priced_similarity if "$" in claim else config.min_similarity
        assert similarity(claim, passage) >= needed, claim
    for claim, passage in UNSUPPORTED:
        needed = config.min_priced_similarity if "$" in claim else config.min_similarity
        assert similarity(claim, passage) < needed, claim
