"""Prices as facts: what a price excludes and its payment terms, learnt from the documents."""

from __future__ import annotations

import pytest

from guardrails import ClaimsChecker, PriceCatalog

# Another clinic's price page, in its own layout: a "Not included" table row under service
# columns and an add-on priced in their cells, a "Not included:" list, an exclusion sentence,
# what a price includes and a payment-terms table.
LAKESIDE = """
# Lakeside Fertility fees

| | Phone intro consult | Clinic intro consult |
|---|---|---|
| Price | $85 | $240 |
| Not included | Bloodwork, sonogram | Bloodwork |
| Optional extra | Semen analysis, $120 | Semen analysis, $120 |

## Embryo banking

| Service | Fee |
|---|---|
| Embryo banking cycle | $11,200 |
| Embryo storage after the first year | $300 per year |

The banking cycle includes the first year of embryo storage.

**Not included:**

- fertility drugs, billed by the pharmacy
- storage after twelve months

## Intro consults: payment

| Term | Detail |
|---|---|
| Coverage | Self-pay only; not billed to insurance. |
| Timing | Paid in full at booking. |
| Refunds | Fully refundable with at least 24 hours' notice. |
| Refund time | Refunds reach the card within 5–7 business days. |

## Insurance benefits form

Not needed for the intro consults, which are self-pay only.

## Sperm banking

| Service | Fee |
|---|---|
| Sperm banking, per sample | $650 |

Storage past the first year is extra.
"""

CONTRADICTIONS = [
    "The $11,200 embryo banking cycle covers your fertility drugs.",
    "Embryo banking at $11,200 includes storage for three years.",
    "The $85 phone intro consult comes with a sonogram.",
    "Your PPO can pick up the $240 clinic intro consult.",
    "We can bill the phone intro consult to your insurance.",
    "You can pay for the $240 clinic intro consult when you arrive.",
    "Sperm banking at $650 includes storage for five years.",
    "Billing your insurance for the phone intro consult is easy.",  # an opening capital
    # a negation in the consequence drawn from the claim does not undo it
    "The $11,200 embryo banking cycle covers the fertility drugs, so nothing is billed separately.",
    # the insurer paying for a self-pay visit, in Spanish and Portuguese, in either order
    "Su seguro cubre la consulta intro de $240 en la clínica.",
    "La consulta intro de $85 por teléfono la reembolsa su aseguradora.",
    "A consulta intro de $240 é paga pelo plano de saúde.",
    # paying later in other words; a refund slower than stated, whatever is refunded; a
    # longer notice for a refund than stated
    "No need to pay anything now for the $85 phone intro consult.",
    "You can settle the $240 clinic intro consult at the front desk.",
    "Once it is processed, allow up to 30 business days for the refund.",
    "The $85 phone intro consult is refundable with 48 hours' notice.",
    # the clinic collecting or charging it on the day, the service named far from the verb
    "We'll charge the $240 for your clinic intro consult when you check in that morning.",
    "No payment is needed in advance; we collect the $85 phone intro consult at check-in.",
    # an add-on's price in a service column given to the service; what the price includes
    # charged on top of it
    "The clinic intro consult costs $120.",
    "Embryo banking is $11,200, plus $300 for the first year of storage.",
    "Banking three samples of sperm would be $2,100 in all.",
]
AGREEMENTS = [
    "The $11,200 embryo banking cycle does not include fertility drugs.",
    "The $11,200 embryo banking cycle covers the retrieval, not the fertility drugs.",
    "The $240 clinic intro consult includes the visit with the doctor.",
    "Bloodwork is extra with the $85 phone intro consult.",
    "The intro consults are self-pay and paid at booking.",
    "Your insurance may cover later treatment; our billing team verifies benefits.",
    "The $240 clinic intro consult includes a sonogram.",
    # A team's or a mailbox's name is no claim about billing.
    "For the clinic intro consult, our Billing & Insurance office answers insurance letters.",
    "For the clinic intro consult, write to billing@ with insurance letters.",
    # a term said under a heading that names no priced service is no term of that heading's
    "For later visits, patients submit the insurance benefits form first.",
    "La consulta intro de $240 se paga al reservar; el seguro no la cubre.",
    "Refunds reach the card within 5–7 business days.",
    "The $240 clinic intro consult is fully refundable with 24 hours' notice.",
    "We charge the $240 clinic intro consult when you book it online.",
    "The clinic intro consult is $240, plus $120 for the optional semen analysis.",
    "Embryo banking is $11,200, plus $300 for each year of storage after the first.",
    # what a price includes ends where a clause pricing something of its own begins; a price
    # times the count of the thing it is for, no word of arithmetic said
    "Embryo banking is $11,200 including the first year of storage, and storage after that is "
    "$300 per year.",
    "Banking three samples of sperm would be $1,950 in all.",
]


@pytest.fixture(scope="module")
def lakeside(policy) -> ClaimsChecker:
    return ClaimsChecker(policy, PriceCatalog.from_documents([("fees.md", LAKESIDE)], policy))


def test_facts_are_learnt_from_tables_lists_and_sentences(lakeside):
    kinds = {fact.kind for fact in lakeside.prices.facts}
    assert kinds == {"excludes", "self_pay", "paid_at_booking", "refundable_with_notice",
                     "refund_timing", "included"}
    excluded = set().union(*(f.items for f in lakeside.prices.facts if f.kind == "excludes"))
    assert {"lab", "sonogram", "drug", "storage"} <= excluded  # "bloodwork" is read as labs


@pytest.mark.parametrize("text", CONTRADICTIONS, ids=[t[:40] for t in CONTRADICTIONS])
def test_right_amount_wrong_fact_is_a_mismatch(lakeside, text):
    rules = [v.rule for v in lakeside.check(text).violations]
    assert "price_mismatch" in rules


@pytest.mark.parametrize("text", AGREEMENTS, ids=[t[:40] for t in AGREEMENTS])
def test_statements_that_agree_with_the_facts_pass(lakeside, text):
    assert [v for v in lakeside.check(text).violations if v.rule == "price_mismatch"] == []


def test_the_clinics_own_documents_give_the_same_kinds_of_facts(checker):
    assert checker.check("Egg freezing at $9,500 covers five years of storage.").verdict \
        == "violation"
    assert checker.check("The $9,500 egg freezing price includes two full years of storage."
                         ).verdict == "violation"  # a word between the number and its unit
    assert checker.check("Your PPO can pick up the $299 visit.").verdict == "violation"
    assert checker.check("The $14,900 IVF cycle includes ICSI and anesthesia.").verdict == "pass"


def test_a_sentence_skipped_by_the_one_pass_claim_check_contradicts_nothing(lakeside):
    """Only sentences some claim pattern matches are read against the facts: skipping the rest
    changes no finding."""
    import copy
    import re

    from tests.guardrails.paraphrases import generate

    reads_all = copy.copy(lakeside.prices)
    reads_all.fact_book = copy.copy(lakeside.prices.fact_book)
    reads_all.fact_book.any_claim = re.compile("")
    sentences = CONTRADICTIONS + AGREEMENTS + [d.text for d in generate(11, 200)]
    for sentence in sentences:
        for cents in ([], [24000], [1120000]):
            assert lakeside.prices.contradicted_facts(sentence, cents) == \
                reads_all.contradicted_facts(sentence, cents), sentence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # What the in-office offer holds is no other service's price ...
        ("The $299 in-office consultation includes an ultrasound.", "pass"),
        ("The $14,900 IVF price includes the first year of storage.", "pass"),
        # ... and what an offer leaves out is found by its price alone.
        ("The $299 visit includes labs.", "violation"),
        ("Our $99 video consult includes an ultrasound.", "violation"),
    ],
)
def test_what_a_price_includes_is_checked_against_that_price(checker, text, verdict):
    """The words after "includes" are what the price holds, not the service priced; the
    service an amount names is the one its price list entry gives."""
    assert checker.check(text).verdict == verdict



def test_a_column_cell_naming_an_add_on_prices_the_add_on_not_the_column(policy):
    """Services as columns: "Semen analysis, $120" under a visit is the add-on's price; "only
    $240" or "from $85" names no service, so it stays the column's."""
    text = ("| | Phone visit | Clinic visit |\n|---|---|---|\n"
            "| Price | from $85 | only $240 |\n"
            "| Add-on | Semen analysis, $120 | Semen analysis, $120 |\n")
    checker = ClaimsChecker(policy, PriceCatalog.from_documents([("fees.md", text)], policy))
    assert checker.check("The clinic visit is $240.").verdict == "pass"
    assert checker.check("The phone visit is $85.").verdict == "pass"
    assert checker.check("The clinic visit is $120.").verdict == "violation"
