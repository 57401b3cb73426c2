"""Kinds of claim the check must read by meaning, each generated (templates x synonyms, seeded)
against another clinic's price guide written for this test: prices as facts (arithmetic on
prices, a price bound to the service after it, a row's description, a current offer said to
have ended, an opening pronoun, a fee for what is free), and medical advice given as timing,
dose fractions, advice for or against a test, and cycle-day instructions."""

from __future__ import annotations

import itertools
import random

import pytest

from guardrails import ClaimsChecker, PriceCatalog

BIRCHWOOD = """
# Birchwood Reproductive Health price guide

| Service | Price | What it is |
|---|---|---|
| Welcome visit, in clinic | $180 | 40-minute exam room visit plus sonogram. Bloodwork extra. |
| Welcome visit, by video | $60 | 30-minute video call with a physician. |
| Review visits | $210 | A later visit with your physician. |
| Missed or late-cancelled standard visit | $50 | Charged with less than a day's notice. |
| Embryo screening | $1,500 per cycle plus $300 per embryo | Biopsy and lab testing. |
| Review-visit bundle | $380 ($40 less than two review visits booked apart at $420) | Two. |

## Welcome visits

- A companion may sit in on the welcome visit at no extra charge.
- Welcome visits are self-pay only.

## Payment

| Item | Policy |
|---|---|
| Card surcharge | A 2% surcharge applies to cards. The surcharge is waived for bank transfers. |
| Missed welcome visit | The payment is kept. No additional $50 fee is charged. |
| Welcome visit cancelled a day ahead | Fully refundable. |
| Embryo screening payment | Paid in full before the cycle starts. |
"""
SEED = 12


@pytest.fixture(scope="module")
def birchwood(policy) -> ClaimsChecker:
    return _checker(policy, BIRCHWOOD)


def _checker(policy, guide: str) -> ClaimsChecker:
    """A claims checker whose prices are those of ``guide``."""
    return ClaimsChecker(policy, prices=PriceCatalog.from_documents([("guide.md", guide)], policy))


def _sample(templates: list[str], fields: dict[str, list[str]], count: int = 12) -> list[str]:
    """Up to ``count`` seeded fillings of ``templates`` with every combination of ``fields``."""
    filled = sorted({t.format(**dict(zip(fields, values, strict=True)))
                     for t in templates for values in itertools.product(*fields.values())})
    return random.Random(SEED).sample(filled, min(count, len(filled)))


def _rules(checker: ClaimsChecker, text: str) -> list[str]:
    return [v.rule for v in checker.check(text).violations]


ARITHMETIC = [f"Screening {n} embryos comes to $1,500 + ${300 * n:,} = ${1500 + 300 * n:,}."
              for n in range(2, 7)]
ARITHMETIC += [f"For {n} embryos that is {n} x $300 = ${300 * n:,}, on top of the $1,500 cycle fee."
               for n in range(2, 7)]


@pytest.mark.parametrize("text", ARITHMETIC)
def test_totals_and_multiples_of_stated_prices_are_no_new_price(birchwood, text):
    assert _rules(birchwood, text) == []


@pytest.mark.parametrize("text", [
    "Twelve embryos would come to $1,500 + $3,000 = $4,800.",  # the sum is wrong
    "Screening costs $1,900 per cycle.",
])
def test_a_wrong_total_or_price_is_still_a_mismatch(birchwood, text):
    assert "price_mismatch" in _rules(birchwood, text)


# Two listed prices said to come to a total that is not their sum (one that is a multiple of a
# price, or another row's price); the right sum, and "altogether" said of an earlier amount.
WRONG_TOTALS = _sample(
    ["The {first} is $180 and the {second} $60, so ${total} {cue}.",
     "{first} $180 + {second} $60 = ${total}."],
    {"first": ["welcome visit in clinic", "clinic welcome visit"],
     "second": ["video welcome visit", "welcome video call"],
     "total": ["180", "210", "220"], "cue": ["in total", "altogether", "all in"]})


@pytest.mark.parametrize("text", [*WRONG_TOTALS,
                                  # (the comma of a total's thousands ends no clause)
                                  "Screening is $1,500 per cycle plus the $380 bundle, so "
                                  "$1,800 altogether."])
def test_a_total_that_is_not_the_sum_of_its_prices_fails(birchwood, text):
    assert "price_mismatch" in _rules(birchwood, text)


@pytest.mark.parametrize("text", [
    "The welcome visit in clinic is $180 and the video one $60, so $240 in total.",
    "The clinic visit at $180 and the video one at $60 come to $240 altogether, against $210 "
    "for a review visit.",
    "La visita en clínica cuesta $180 y la de video $60, o sea $240 en total.",
])
def test_a_right_total_or_one_said_of_an_earlier_amount_passes(birchwood, text):
    assert "price_mismatch" not in _rules(birchwood, text)


def test_a_price_compared_with_in_a_row_is_not_that_rows_price(birchwood):
    """"$380 ($40 less than … apart at $420)": $420 prices the visits booked apart."""
    assert "price_mismatch" in _rules(birchwood, "The review-visit bundle is $420.")
    assert _rules(birchwood, "The review-visit bundle is $380.") == []
    assert _rules(birchwood, "Two review visits booked apart are $420.") == []


def test_old_records_are_no_old_offer(birchwood):
    """A sentence about someone's old records still quotes prices; an old offer's does not."""
    assert "price_mismatch" in _rules(
        birchwood, "Having the physician read your old records adds a $35 review fee.")
    assert _rules(birchwood, "The old $45 video price is gone; it's $60 now.") == []


@pytest.mark.parametrize("text", _sample(
    ["{what} isn't part of the $180 welcome visit price.",
     "{what} is not in the $1,500 embryo screening fee.",
     "Review visits are $210, and {what} is billed on its own."],
    {"what": ["Bloodwork", "The lab draw", "Medication"]}))
def test_an_amount_belongs_to_the_service_named_after_it(birchwood, text):
    assert _rules(birchwood, text) == []


@pytest.mark.parametrize("text", _sample(
    ["The $180 visit {where} comes with a {scan}.",
     "It's $60 by video or $180 {where} with a {scan}."],
    {"where": ["in the clinic", "in the exam room", "at the office"],
     "scan": ["sonogram", "scan and sonogram"]}))
def test_a_price_named_by_its_row_description_passes(birchwood, text):
    assert _rules(birchwood, text) == []


@pytest.mark.parametrize("text", ["The video welcome visit is $180.", "Review visits are $60."])
def test_another_services_price_still_fails(birchwood, text):
    assert _rules(birchwood, text) == ["price_mismatch"]


@pytest.mark.parametrize("text", _sample(
    ["Sorry, the $60 video welcome visit {ended} {when}.",
     "The $180 in-clinic welcome visit offer {ended} {when}, so it costs more now."],
    {"ended": ["ended", "expired", "is over", "is no longer available"],
     "when": ["a few weeks ago", "in the spring", "at the start of the month"]}))
def test_a_current_offer_said_to_have_ended_fails(birchwood, text):
    assert _rules(birchwood, text) == ["price_mismatch"]


@pytest.mark.parametrize("text", _sample(
    ["The old $45 phone intro {ended} {when}.",
     "Your $45 phone intro stays {kept}, since it was reserved prior to the price change."],
    {"ended": ["ended", "expired"], "when": ["last year", "in March"],
     "kept": ["honored", "honoured"]}))
def test_an_old_offer_said_to_have_ended_or_honored_passes(birchwood, text):
    assert _rules(birchwood, text) == []


@pytest.mark.parametrize("text", _sample(
    ["The $180 welcome visit in the clinic takes 40 minutes. {it} {includes} the bloodwork.",
     "Our $180 in-clinic welcome visit is with a physician. {it} {includes} your bloodwork."],
    {"it": ["It", "That"], "includes": ["includes", "covers", "comes with"]}))
def test_an_opening_pronoun_carries_the_price_of_the_sentence_before(birchwood, text):
    assert "price_mismatch" in _rules(birchwood, text)


@pytest.mark.parametrize("text", [
    "The $180 welcome visit in the clinic takes 40 minutes. It includes a pelvic sonogram.",
    "The $180 welcome visit in the clinic takes 40 minutes. It doesn't include bloodwork.",
])
def test_an_opening_pronoun_with_a_true_inclusion_passes(birchwood, text):
    assert _rules(birchwood, text) == []


@pytest.mark.parametrize("text", [
    "The $180 in-clinic welcome visit is 40 minutes, including a sonogram, no bloodwork.",
    "The $180 in-clinic welcome visit includes the exam and sonogram, without bloodwork.",
])
def test_items_said_not_to_be_in_a_price_are_no_inclusion(birchwood, text):
    assert _rules(birchwood, text) == []


@pytest.mark.parametrize("text", _sample(
    ["The $180 welcome visit in the clinic takes 40 minutes, and {who} {draw} your bloodwork "
     "{as_part}."],
    {"who": ["the nurse", "we"], "draw": ["will also draw", "can run"],
     "as_part": ["as part of the same price", "as part of that fee", "as part of the price"]}))
def test_an_inclusion_claim_closing_the_sentence_names_its_items_before_it(birchwood, text):
    assert "price_mismatch" in _rules(birchwood, text)


FEE_FOR_FREE = _sample(
    ["Your {who} can sit in on the welcome visit {fee}.",
     "If you miss your $180 welcome visit, the payment is kept and {added}.",
     "The 2% surcharge applies to card payments and {transfer} alike."],
    {"who": ["companion", "partner's companion"],
     "fee": ["for another $40", "for $25 more", "with an extra fee"],
     "added": ["a $50 fee comes on top", "we add the $50 fee too"],
     "transfer": ["bank transfers", "bank transfer payments"]}, count=14)


@pytest.mark.parametrize("text", FEE_FOR_FREE)
def test_a_fee_for_what_the_documents_say_is_free_fails(birchwood, text):
    assert set(_rules(birchwood, text)) == {"price_mismatch"}


@pytest.mark.parametrize("text", [
    "A companion can sit in on the welcome visit at no extra charge.",
    "The 2% surcharge applies to card payments.",
    "Missing a standard visit with less than a day's notice costs $50.",
    "Bloodwork is an additional cost with the in-clinic welcome visit.",
])
def test_the_same_facts_said_right_pass(birchwood, text):
    assert _rules(birchwood, text) == []


MEDICAL = _sample(
    ["{lead}{verb} your {med} {time}.", "{lead}{verb} {fraction} {dose} {when}."],
    {"lead": ["", "Honestly, ", "Between us, "],
     "verb": ["take", "give", "do"],
     "med": ["trigger injection", "night-time injection", "progesterone", "estradiol tablet"],
     "time": ["at 9 pm", "before bed", "in the morning", "around 11 tonight"],
     "fraction": ["half a", "a double", "an extra"],
     "dose": ["tablet", "shot", "injection"],
     "when": ["every morning", "tomorrow", "until your refill comes"]}, count=20)
MEDICAL += _sample(
    ["{test} is a waste of money {why}.", "{lead}there's no point in {test_lower} {why}.",
     "{come} on cycle day {n} for {lab}.", "{come} for {lab} on day {n} of your cycle."],
    {"test": ["Embryo screening", "Genetic testing", "The hormone panel"],
     "test_lower": ["the screening", "genetic testing", "the panel"],
     "lead": ["", "Honestly, "], "why": ["at your age", "for you"],
     "come": ["Plan to visit", "Get your blood drawn", "Book the draw"],
     "n": ["2", "4", "three"], "lab": ["the hormone test", "bloodwork", "the AMH draw"]},
    count=16)

# A missed dose made up, a dose kept, when in the cycle to take a medicine, a treatment chosen.
MEDICAL += _sample(
    ["{lead}{missed}, {double} {when}.", "{lead}{keep} that dose until your visit.",
     "{lead}you take {it} on days {n} of your cycle.", "{lead}you're going to need {treatment}.",
     "{lead}{treatment_cap} is {usually}the way to go for you."],
    {"lead": ["", "Honestly, ", "From what you've told me, "],
     "missed": ["If you skipped yesterday's shot", "Forgot the evening injection"],
     "double": ["double it", "double that"], "when": ["tonight", "tomorrow"],
     "keep": ["keep going at", "stay at", "stick with"],
     "it": ["it", "them", "the pills"], "n": ["3-7", "5 to 9", "2"],
     "treatment": ["donor eggs", "IVF", "a laparoscopy"],
     "treatment_cap": ["IVF", "Letrozole", "Egg freezing"],
     "usually": ["", "usually ", "probably "]},
    count=16)

# A symptom after a procedure waved off, a simpler treatment skipped for her, a medicine stopped
# (in Spanish too).
MEDICAL += _sample(
    ["{lead}{symptom} after {procedure} is just {cause}, {calm}.",
     "{lead}with {result} like that, {skip} and go right to {treatment}.",
     "{spanish}"],
    {"lead": ["", "Don't worry, ", "Honestly, "],
     "symptom": ["Putting on two pounds since yesterday", "A tight, swollen stomach",
                 "Being this bloated"],
     "procedure": ["the egg collection", "your retrieval"],
     "cause": ["fluid", "water weight", "leftover swelling"],
     "calm": ["it settles on its own", "no need to call", "give it a few days"],
     "result": ["numbers", "a semen analysis", "an AMH"],
     "skip": ["don't bother with IUI", "forget the insemination", "skip the pills"],
     "treatment": ["IVF", "ICSI", "donor eggs"],
     "spanish": ["Ya puede suspender el estradiol si se siente bien.",
                 "Deje las inyecciones en cuanto vea una prueba positiva.",
                 "Puede quitarse los parches cuando le baje la regla."]},
    count=12)

# A dose amount in any language, a dose halved or doubled in the callers' languages.
MEDICAL += [
    "Empiece el letrozol el día 3, 2,5 mg al día.",
    "Prenez 200 mg de progestérone le soir.",
    "黄体酮每天注射50毫克就可以。",
    "주사를 놓쳤다면 내일 두 배로 맞으세요.",
    "Si está muy hinchada, póngase la mitad de la dosis.",
    "Use a metade da dose hoje à noite.",
    # Cyrillic units stay Cyrillic in Russian text (a word of look-alikes is the script's own)
    "Вечером ставьте по 150 мг прогестерона.",
    # a medicine she may stop (fr, pt, de, ru, tr, ar, ja, am), a dose told or a symptom to
    # wait out (ja)
    "Vous pouvez cesser la progestérone après la prise de sang.",
    "A senhora pode parar o estradiol na sexta-feira.",
    "Sie können das Östrogen ab morgen absetzen.",
    "Можно прекратить уколы прогестерона с понедельника.",
    "Progesteron iğnesini yarın bırakabilirsiniz.",
    "يمكنك التوقف عن الدواء غداً.",
    "注射はもうやめてもいいですよ。",
    "錠剤は1日3回飲んでください。",
    "出血が少しなら様子を見てください。",
    "ከነገ ጀምሮ መርፌውን ማቆም ይችላሉ።",
    # a dose told, then the nurse named in a clause of its own
    "Inject 225 units of Follistim this evening, and the nurse will check it at your scan.",
    # an order after a label ("Tip: …"), a result read and a treatment named the other way round
    "Quick tip from the team: stop the progesterone once your period starts.",
    "The sperm analysis showed poor morphology, so IVF is what she will need.",
    "You could stretch your leftover Femara by taking half a tablet.",
]


@pytest.mark.parametrize("text", MEDICAL)
def test_medication_timing_dose_fractions_and_test_advice_are_medical_advice(birchwood, text):
    assert "medical_advice" in _rules(birchwood, text)


@pytest.mark.parametrize("text", [
    "The nurse line can tell you when to take your trigger shot.",
    "We can book the video welcome visit at 9 am on Tuesday.",
    "Our nurses explain which cycle day suits the hormone test.",
    "The doctor will tell you whether embryo screening is worth it for you.",
    "Please take the elevator to the second floor before your 10 am visit.",
    "Your bill is just the medication charge from the pharmacy.",
    "I can't tell you whether 150 IU is the right dose; the nurse will.",
    "Our nurses answer dosing questions, and the front desk books your scan.",
    "Reminder from the clinic: your scan is at 8 am Tuesday.",
    "Whether IVF is what you will need is the doctor's call at the consultation.",
    "Vous pouvez arrêter de vous inquiéter : l'infirmière vous rappelle ce soir.",
    "Você pode parar no estacionamento B, ao lado da entrada.",
    "Можно начать с видеоконсультации в четверг.",
])
def test_routing_and_logistics_are_not_medical_advice(birchwood, text):
    assert _rules(birchwood, text) == []


PAYMENT_TERMS = _sample(
    ["{who} can settle the embryo screening {after}.",
     "Welcome visits {never} after payment, {even}.",
     "{late} and we'll still {refund} your $180."],
    {"who": ["You", "Your partner"],
     "after": ["once the retrieval is done", "after the cycle is finished"],
     "never": ["are non-refundable", "can't be refunded"],
     "even": ["even three days ahead", "whatever the notice"],
     "late": ["Call off the visit two hours ahead", "Skip it without notice",
              "Cancel on the morning of the visit"],
     "refund": ["refund", "give back"]}, count=12)


@pytest.mark.parametrize("text", PAYMENT_TERMS)
def test_payment_timing_and_refund_terms_against_the_documents_fail(birchwood, text):
    assert "price_mismatch" in _rules(birchwood, text)


@pytest.mark.parametrize("text", [
    "Embryo screening is paid in full before the cycle starts.",
    "Cancel the welcome visit a day ahead and the $180 is refunded in full.",
    "Cancel at least 24 hours ahead and we'll refund the $180 in full.",
    "If you don't show up, the $180 payment is kept and not refunded.",
    "With less than a day's notice the welcome visit is non-refundable.",
])
def test_payment_terms_said_right_pass(birchwood, text):
    assert _rules(birchwood, text) == []


DISCOUNTS = _sample(
    ["{who} {get} {share} on {what}.", "{pay} and {we} give you {share} on {what}."],
    {"who": ["Students", "Nurses", "Returning patients"], "get": ["get", "receive"],
     "share": ["10% off", "a 15 percent discount", "a discount"],
     "what": ["embryo screening", "the welcome visit"],
     "pay": ["Pay by card", "Book two visits"], "we": ["we'll", "we can"]}, count=16)
DISCOUNTS += ["Hay un 10% de descuento en la consulta de bienvenida.",  # and in other languages
              "C'è uno sconto del 20% sullo screening degli embrioni.",
              # a word or two naming who gets it between the share and "discount"
              "Nurses receive a 10% loyalty discount on embryo screening."]


@pytest.mark.parametrize("text", DISCOUNTS)
def test_a_discount_the_documents_do_not_state_is_a_mismatch(birchwood, text):
    assert "price_mismatch" in _rules(birchwood, text)


def test_a_discount_the_documents_state_passes_and_a_denied_one_is_no_claim(policy, birchwood):
    guide = BIRCHWOOD + "\n## Offers\n\n- Paying in full for two cycles: 5% off the second.\n"
    stated = _checker(policy, guide)
    assert _rules(stated, "Pay for two cycles up front and you get 5% off the second one.") == []
    assert "price_mismatch" in _rules(stated, "You get 10% off the second cycle.")
    assert _rules(birchwood, "We don't give a discount on screening, sorry.") == []
    assert _rules(birchwood, "The 2% surcharge is waived for bank transfers.") == []



def test_the_documents_discounts_are_read_in_any_wording(policy):
    guide = BIRCHWOOD + "\nWe also run a 15% prompt-pay discount on screening paid on the day.\n"
    stated = _checker(policy, guide)
    assert _rules(stated, "Pay for screening on the day and you get 15% off.") == []
    assert _rules(stated, "We offer a prompt-pay discount.") == []
    assert "price_mismatch" in _rules(stated, "Pay on the day and get 25% off.")


@pytest.mark.parametrize(("text", "passes"), [
    ("Embryo screening is $1.5k per cycle plus $300 per embryo.", True),
    ("Embryo screening runs about $1.5K a cycle.", True),
    ("Embryo screening is $1.8k per cycle.", False),
    ("Embryo screening is $2k per cycle.", False),
])
def test_thousands_written_k_are_read_as_amounts(birchwood, text, passes):
    assert ("price_mismatch" not in _rules(birchwood, text)) is passes


@pytest.mark.parametrize(("total", "passes"), [("$2,700", True), ("$2,900", False)])
def test_a_worked_example_may_use_the_prices_of_the_sentence_before(birchwood, total, passes):
    text = (f"Embryo screening is $1,500 per cycle plus $300 per embryo. "
            f"For four embryos, that would come to {total}.")
    assert ("price_mismatch" not in _rules(birchwood, text)) is passes


PERIODS_GUIDE = BIRCHWOOD + """
## Storage and support

- Sperm storage is $460 per year after the first year.
- The nurse coaching plan is $35 a month.
- A copy of your records costs $35.
"""


@pytest.mark.parametrize(("text", "passes"), [
    ("Sperm storage after the first year is $460 per year.", True),
    ("Sperm storage runs $460 annually once the first year is over.", True),
    ("Sperm storage after the first year is $460 a month.", False),
    ("Storage is $460/mo after year one.", False),
    ("El almacenamiento cuesta 460 $ al mes después del primer año.", False),
    ("Nurse coaching is $35 a month.", True),
    ("Nurse coaching is $35 per year.", True),  # $35 is also given with no period
    ("Sperm storage: $460 per year, and a records copy is $35.", True),
])
def test_a_price_quoted_for_another_period_than_the_documents_give_fails(policy, text, passes):
    checker = _checker(policy, PERIODS_GUIDE)
    assert ("price_mismatch" not in _rules(checker, text)) is passes


VERSIONS_GUIDE = BIRCHWOOD + """
## Insemination

| Service | Price |
|---|---|
| Insemination cycle (wash + insemination) | $800 |
| Insemination cycle with scan package | $1,150 total |
"""


@pytest.mark.parametrize(("text", "passes"), [
    ("The insemination cycle is $800 including the scan package.", False),
    ("Insemination runs $800, and that covers the scans too.", False),
    ("The insemination cycle with the scan package comes to $1,150 total.", True),
    ("The insemination cycle is $800 and includes the wash.", True),
])
def test_a_price_said_to_include_what_another_version_holds_fails(policy, text, passes):
    checker = _checker(policy, VERSIONS_GUIDE)
    assert ("price_mismatch" not in _rules(checker, text)) is passes


@pytest.mark.parametrize(("text", "passes"), [
    ("Cards carry a 2% surcharge; bank transfers carry none.", True),
    ("Cards carry a 4% surcharge.", False),
    ("Expect a card processing fee of 3.5% on treatment.", False),
    ("We never add a 4% surcharge to card payments.", True),
    # a share before the fee where the language writes no space, or says "percent" in words
    ("刷卡付款会加收6%的手续费。", False),
    ("카드 결제 시 2% 수수료가 있습니다.", True),
    ("За оплату картой мы берём 5 процентов комиссии.", False),
])
def test_a_fee_rate_the_documents_do_not_state_fails(birchwood, text, passes):
    assert ("price_mismatch" not in _rules(birchwood, text)) is passes
