"""The price catalog from current documents, and the price_mismatch rule built on it."""

from __future__ import annotations

import pytest

from guardrails import ClaimsChecker, PriceCatalog
from guardrails.prices import format_cents, service_tokens

WRONG = [
    ("We have a $150 phone consultation.", "$150"),  # discontinued promotion
    ("The virtual consult is $49.", "$49"),  # exists nowhere
    ("The $175 is fully refundable if she cancels in time.", "$175"),  # paid back, yet no price
    ("IVF is $13,900 per cycle.", "$13,900"),  # 2024 archive price
    ("Every follow-up visit after that is $300.", "$300"),
    ("Semen analysis is $175.", "$175"),  # 2024 archive price
    ("The virtual consultation is $299.", "$299"),  # a real price, of another service
    ("A follow-up consultation is $350.", "$350"),
    ("The egg freezing cycle is $14,900.", "$14,900"),
    ("A package of 2 retrievals is $37,000.", "$37,000"),  # the 3-retrieval price
    ("Two retrievals come to $37,000 as a package.", "$37,000"),
    ("A frozen embryo transfer runs USD 5,100.", "USD 5,100"),  # the currency code first
    # amounts other languages write with the currency after them
    ("El análisis de semen cuesta 175 dólares.", "175 dólares"),
    ("精液分析的费用是4,150美元。", "4,150美元"),
    ("Xét nghiệm tinh dịch giá 2.750 đô.", "2.750 đô"),
    ("Le cycle de FIV coûte 13 900 $.", "13 900 $"),
    # ... with a particle written onto the currency word
    ("체외수정 한 주기는 13900달러입니다.", "13900달러"),
    ("精液分析是175美元的。", "175美元"),
    # ... and the currency's names in Japanese and German
    ("体外受精は1サイクル13,900ドルです。", "13,900ドル"),
    ("Die Samenanalyse kostet 175 US-Dollar.", "175 US-Dollar"),
    # the same amount given twice: the second is its own clause's service's price
    ("Since you booked the $99 virtual consult, a follow-up visit is also $99.", "$99"),
    ("By card, the 3% fee on a $14,900 IVF cycle adds $500.", "$500"),  # not 3% of it
    # a currency the documents never price in
    ("Egg freezing is €9,500 in total.", "€9,500"),
    ("Un ciclo de FIV cuesta 14.900 euros.", "14.900 euros"),
    ("The follow-up visit comes to £250.", "£250"),
    ("体外受精は1回149万円です。", "149万円"),
    # a share off its two amounts do not work out, a saving a count of a price does not
    ("At $299, the in-office visit is 40% off its regular $700.", "40% off"),
    ("Two retrievals bought as a package are $26,500, saving $4,000 over two single cycles.",
     "$4,000"),
    # a regular price the documents do not pair with the offer; thousands after "$" by a space
    ("The promotion takes the in-office visit down from $400 to $299.", "$400"),
    ("Замораживание яйцеклеток — $9 900 за цикл.", "$9 900"),
    # a correction's new amount is still checked; "each" without a count excuses no multiple
    ("The consult is not $99 but $49.", "$49"),
    ("Each frozen embryo transfer is $8,400.", "$8,400"),
    # a sum's addend must be the price of one of the services listed before it
    ("IVF and a frozen embryo transfer come to $9,500 + $4,200 = $13,700.", "$9,500"),
    # a payment paid back still names its service when it says which one
    ("Cancel early and the $99 for the in-office visit is refunded.", "$99"),
    # a clause joined by "and" that names no service prices the one the first clause names
    ("Follow-up visits are 20 minutes long and cost $350.", "$350"),
    ("Follow-up visits are quick, and the self-pay price is $350.", "$350"),
    # an amount referred to still names the service right after it
    ("Your $99 IVF cycle is confirmed for March.", "$99"),
    ("Monitoring is part of the $350 egg freezing cycle.", "$350"),
]
RIGHT = [
    "Our $99 promotional virtual consultation and our $299 promotional in-office consultation "
    "with fertility assessment.",
    "A promotional consultation, regularly $400, now $99.",
    "IVF medications typically run $3,000–$7,000.",
    "The Ovarian Reserve Panel is an optional $350 add-on.",
    "A follow-up consultation is $250.",
    "The $150 phone consultation was discontinued.",
    "Sorry, the winter $150 phone deal is gone; the video visit is $99.",
    "Late cancellations of regular visits are charged $75.",
    "An IVF cycle is $14,900, medications not included.",
    "Egg freezing is $9,500 and includes the first year of storage.",
    "A package of 2 retrievals is $26,500.",
    "Multi-cycle packages: 2 retrievals $26,500; 3 retrievals $37,000.",
    "Les médicaments coûtent en général de 3 000 à 7 000 $.",
    "El ciclo de FIV cuesta 14.900 dólares.",
    "Die Beratung kostet 99 $ per Video oder 299 $ vor Ort mit Ultraschall.",
    "체외수정 한 주기는 14900달러입니다.",
    "Medications aren't included in the $14,900 IVF price.",
    # a share the sentence states of its own amount, or the amount with it added
    "By card, the 3% fee on a $14,900 IVF cycle adds $447.",
    "Paid by card, the $9,500 egg-freezing cycle comes to $9,785 with the 3% fee.",
    # a share off, a saving or a total the sentence works out from its own amounts (or a count
    # of a price), in the callers' languages too
    "At $299, the in-office visit is about 57% off its regular $700.",
    "Two retrievals bought as a package are $26,500, saving $3,300 over two single cycles.",
    "The $299 in-office visit with the $350 panel makes your total $649.",
    "En total, la consulta virtual de 99 dólares y el panel de 350 dólares suman 449 dólares.",
    "Tổng cộng 299 đô la cho buổi tư vấn và 350 đô la cho xét nghiệm là 649 đô la.",
    # an old price said to be old; the regular price before its offer; "$" before thousands
    # grouped by a space, and before a number that is no part of it
    "That $13,900 number for an IVF cycle is outdated; IVF is $14,900 now.",
    "The older flyer said $13,900 for IVF.",
    "$13,900 was the 2024 price for IVF.",
    "The promotion takes the in-office visit down from $700 to $299.",
    "Замораживание яйцеклеток — $9 500 за цикл.",
    "The $99 visit is 100% refundable with 24 hours' notice.",
    # a count of a price worked out with "each"; an amount said not to be the price
    "Three frozen embryo transfers would be $12,600 at $4,200 each.",
    "Egg freezing is $9,500, not $8,900.",
    "The phone consultation is no longer $150; the video visit is $99.",
    "La consulta virtual cuesta 99 dólares, no 150 dólares.",
    # a sum's addends stand by each other, each the price of a service listed before them
    "Egg freezing plus a frozen embryo transfer would be $9,500 + $4,200 = $13,700.",
    "Semen analysis: USD 200.",
    # a price per unit worked out for a count
    "Testing is $1,800 per cycle and $350 per embryo, so four embryos would be $3,200.",
    # numbers beside words that are no currency here
    "She lost 20 pounds before the cycle; the virtual consultation is $99.",
    "Estamos en el piso 2; la consulta cuesta 99 dólares.",
    # her own payment paid back: the words after it name no service
    "Cancel by the day before and your $299 comes back to you if you give a day's notice.",
    "With a day's notice your $299 will be refunded to the card you used.",
    "Her $299 is fully refundable if she moves the visit a day ahead.",
    "The $99 is 100% refundable when you cancel at least 24 hours before.",
    # the service a mention names most closely, though a fee row on cancelling those visits
    # shares one more of its words
    "After the promotional visit, each follow-up appointment visit is $250.",
    # a fee avoided by paying otherwise is no fee added
    "Choosing an ACH transfer for your cycle payments avoids the 3% card fee.",
    # a total after a comma is no clause of the service before it
    "PGT-A is $1,800 per cycle plus $350 per embryo. For four embryos, the total is $3,200.",
    # a price referred to ("in the $14,900", "your $99"), not given: the price of a service
    # the sentence names, nearer or not
    "For IVF, the medications are not included in the $14,900 and are billed by the pharmacy.",
    "IVF medications are not part of the $14,900.",
    "No rescheduling fee applies, and your $99 promotional payment goes to the new date.",
]


def test_catalog_reads_current_prices_but_not_discontinued_ones(catalog):
    amounts = {format_cents(a) for a in catalog.amounts}
    assert {"$99", "$299", "$350", "$400", "$14,900", "$9,500"} <= amounts
    assert "$150" not in amounts
    assert "$13,900" not in amounts


@pytest.mark.parametrize(("text", "amount"), WRONG, ids=[w[0][:40] for w in WRONG])
def test_wrong_price_is_flagged(checker, text, amount):
    found = [v for v in checker.check(text).violations if v.rule == "price_mismatch"]
    assert [v.text for v in found] == [amount]


@pytest.mark.parametrize("text", RIGHT, ids=[r[:40] for r in RIGHT])
def test_current_price_passes(checker, text):
    assert [v for v in checker.check(text).violations if v.rule == "price_mismatch"] == []


def test_a_saving_on_a_count_of_a_price_rests_on_a_stated_price(checker):
    """A package price and its saving over single cycles excuse each other only when the
    package price is one the documents state."""
    text = "Bundled, three retrievals are $40,000, which saves $4,700 against three single cycles."
    found = [v.text for v in checker.check(text).violations if v.rule == "price_mismatch"]
    assert found == ["$40,000", "$4,700"]


# Amounts written in words, in the languages whose number words are read (the sentence is
# flagged: its words are the amount).
SPELLED_WRONG = [
    "Semen analysis comes to one hundred seventy-five dollars.",  # archive price
    "La consulta virtual le sale en ciento cuarenta y nueve dólares.",
    "La FIV vous coûtera treize mille neuf cents dollars par cycle.",
]
SPELLED_RIGHT = [
    "An IVF cycle costs fourteen thousand nine hundred dollars.",
    "The in-office promotional consultation is two hundred ninety-nine bucks.",
    "A consulta virtual promocional custa noventa e nove dólares.",
    "One of our two doctors can see you on Monday; the price sheet lists every fee in dollars.",
]


@pytest.mark.parametrize("text", SPELLED_WRONG, ids=[t[:40] for t in SPELLED_WRONG])
def test_wrong_price_in_words_is_flagged(checker, text):
    found = [v for v in checker.check(text).violations if v.rule == "price_mismatch"]
    assert [v.text for v in found] == [text]


@pytest.mark.parametrize("text", SPELLED_RIGHT, ids=[t[:40] for t in SPELLED_RIGHT])
def test_current_price_in_words_passes(checker, text):
    assert [v for v in checker.check(text).violations if v.rule == "price_mismatch"] == []


def test_without_a_catalog_the_price_rule_is_skipped(policy):
    assert ClaimsChecker(policy, prices=None).check("The virtual consult is $49.").verdict == "pass"


ANOTHER_CLINIC = """
# Fee schedule — Lakeside Reproductive Health

Initial consultation ........ see below

Initial consultation: $275
Hysterosalpingogram (HSG) — $600

| Procedure | Fee (USD) |
|---|---|
| Endometrial biopsy | $480 |
| Saline sonogram | $390 |

We no longer offer the $125 nurse consultation (retired in 2024).
"""


def test_another_clinics_layout_works(policy):
    checker = ClaimsChecker(policy, PriceCatalog.from_documents([("fees.md", ANOTHER_CLINIC)],
                                                                policy))
    assert checker.check("The initial consultation is $275.").verdict == "pass"
    assert checker.check("An HSG is $600 and a saline sonogram $390.").verdict == "pass"
    assert checker.check("The endometrial biopsy is $390.").verdict == "violation"
    assert checker.check("Book the $125 nurse consultation.").verdict == "violation"


def test_service_words_are_stemmed(policy):
    generic = frozenset(policy.rules["price_mismatch"].generic_words)
    assert service_tokens("Consultations", generic) == service_tokens("the consult", generic)


def test_the_catalogue_reads_the_policy_it_is_given(policy):
    rule = policy.rules["price_mismatch"]
    thaw_retired = policy.model_copy(update={"rules": {
        **policy.rules, "price_mismatch": rule.model_copy(update={"skip_cues": r"\bthaw\b"})}})
    fees = [("fees.md", "| Service | Price |\n|---|---|\n| Thaw and transfer | $2,100 |\n")]
    assert len(PriceCatalog.from_documents(fees, policy)) == 1
    assert len(PriceCatalog.from_documents(fees, thaw_retired)) == 0


def test_what_the_documents_price_at_an_amount(policy):
    """The words most entries at an amount share; none for an amount stated once, or for
    things that share no word."""
    fees = [("fees.md", "| Service | Price |\n|---|---|\n| Hysteroscopy, in office | $1,150 |\n"
                        "| Hysteroscopy, under sedation | $1,150 |\n| Mock transfer | $310 |\n"
                        "| Saline sonogram | $420 |\n| Semen culture | $420 |\n")]
    catalog = PriceCatalog.from_documents(fees, policy)
    assert "hysteroscopy" in catalog.named_at(115000)
    assert "sedat" not in catalog.named_at(115000)  # one of the two entries only
    assert catalog.named_at(31000) == ()  # stated once
    assert catalog.named_at(42000) == ()  # two things with no word in common
    assert catalog.named_at(99900) == ()  # no price the documents state
