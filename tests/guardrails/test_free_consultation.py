"""free_consultation: every way of implying a free consult, and the true statements that are not."""

from __future__ import annotations

import pytest

VIOLATIONS = [
    ("We offer a free consultation.", "free consultation"),
    ("Book your fre consult today!", "fre consult"),
    ("The fr3e consult is on Thursday.", "fr3e consult"),
    ("Our fr\u0435\u0435 consultation is popular.", "fr\u0435\u0435 consultation"),  # Cyrillic е
    ("The consultation is compl1mentary.", "consultation is compl1mentary"),
    ("Come in for a complimentary consult.", "complimentary consult"),
    ("It's a no-cost first visit.", "no-cost first visit"),
    ("Your first visit is on us.", "first visit is on us"),
    ("The consult is on the house.", "consult is on the house"),
    ("The $0 consult is available on Fridays.", "$0 consult"),
    ("The consultation fee is waived for you.", "consultation fee is waived"),
    ("Your consultation is covered 100% by insurance.", "consultation is covered 100%"),
    ("The first consult? It's free.", "consult? It's free"),
    ("The video consult? Completely free!", "consult? Completely free"),  # the free term alone
    ("Your intro consultation. Free of charge.", "consultation. Free"),
    # The free term's object a pronoun for the consultation before ...
    ("Your video consult? Don't worry, we'll waive it.", "consult? Don't worry, we'll waive"),
    ("The in-office assessment is $299. Sign up this week and we'll waive the cost.",
     "$299. Sign up this week and we'll waive"),  # the cost named as known
    # ... and a consultation named by its price on the current price list.
    ("We'll waive the $99 for you.", "waive the $99"),
    ("The $299? We'll comp it this time.", "$299? We'll comp"),
    ("We can do a free 15-minute call.", "free 15-minute call"),
    ("The consultation won't cost you anything.", "consultation won't cost you anything"),
    ("Ask about our free\u200b consultation.", "free\u200b consultation"),  # zero-width space
    ("The consultation is FREE for new patients.", "consultation is FREE"),
    # Hyphenated compounds of the free terms.
    ("Your free-of-charge intro call is booked.", "free-of-charge intro call"),
    ("It is a cost-free consultation.", "cost-free consultation"),
    # The clinic as the payer.
    ("Skip the paperwork: your consult is paid for by us.", "consult is paid for by us"),
    ("The intro visit is on our dime.", "intro visit is on our dime"),
    ("The first consult? Zilch.", "consult? Zilch"),
    ("You pay nada for the intro visit.", "nada for the intro visit"),
    # A question is a claim unless the next sentence answers it "no".
    ("Is the video consult free? Yes, for new patients.", "consult free"),
    ("Is the first consultation free? It is!", "consultation free"),
    ("Is the consultation free?", "consultation free"),
    ("The first visit is fee-free this spring.", "first visit is fee-free"),
    # Plurals of the consultation terms, and a clause after a word that is no subject.
    ("Grab one of our free intro calls.", "free intro calls"),
    ("Complimentary first visits all month!", "Complimentary first visits"),
    ("A reminder that your first consultation is free.", "consultation is free"),
    # An answer opening the sentence negates nothing after it.
    ("No, your first visit is free.", "first visit is free"),
    ("Nope, the consultation is complimentary.", "consultation is complimentary"),
    # A free term that is a negation itself is not undone by a listed item's "no".
    ("No paperwork, no charge for your first consultation.",
     "no charge for your first consultation"),
    # The clinic carrying the cost, a refund that leaves nothing paid, in other languages.
    ("The practice absorbs the cost of your first visit.", "absorbs the cost of your first visit"),
    ("Your intro consult with our doctor is our treat.", "consult with our doctor is our treat"),
    ("We'll cover the consultation for you this time.", "We'll cover the consultation"),
    ("The $99 video consultation is refunded in full once you attend.",
     "consultation is refunded in full once you attend"),
    ("Tranquila, no tendrás que pagar nada por la consulta con la doctora.",
     "no tendrás que pagar nada por la consulta"),
    ("第一次门诊不收取费用。", "门诊不收取费用"),
    ("초진 진료비는 없어요.", "진료비는 없"),
    # the free term's clause names the consultation; an exempt thing in the next clause
    ("The follow-up consult with our doctor is complimentary, and your spouse can sit in.",
     "consult with our doctor is complimentary"),
    # a participle saying which visit: the visit is what is free ("cancelling it is" would not be)
    ("Since we moved you twice, your rescheduled visit is complimentary.",
     "visit is complimentary"),
    # a free term opening a clause after the consultation's, with nothing exempt named before
    ("Reserve your first consultation this week, at no cost to you.",
     "consultation this week, at no cost"),
    ("Ang konsultasyon ninyo ay libre po.", "konsultasyon ninyo ay libre"),  # Tagalog
    ("Libreng konsulta para sa mga bagong pasyente!", "Libreng konsulta"),
    ("Our PA offers a free consultation.", "free consultation"),  # a PA is no Creole "pa"
    # the price taken to nothing in more words, or discounted away
    ("The spring credit brings your bill for the intro visit to zero.",
     "brings your bill for the intro visit to zero"),
    ("Good news: your video consult is fully discounted.", "consult is fully discounted"),
    # not billing for it; a sit-down with the doctor; the price named before "waive it"
    ("Good news: the doctor won't bill you for the intro visit.",
     "won't bill you for the intro visit"),
    ("Your first sit-down with Dr. Amari is on the house.",
     "first sit-down with Dr. Amari is on the house"),
    ("Forget about the $299 — we'll waive it this time.", "$299 — we'll waive"),
    # the kind of consultation written into the Russian word; Hindi's "meeting"
    ("Телеконсультация с доктором для вас бесплатная.",
     "Телеконсультация с доктором для вас бесплатная"),
    ("डॉक्टर से पहली मुलाकात मुफ्त है।", "मुलाकात मुफ्त"),
    # a time on the doctor's calendar, meeting the doctor in person
    ("Her morning phone slots are complimentary this week.", "phone slots are complimentary"),
    ("Drop in to meet him on Friday, there's no charge.",
     "Drop in to meet him on Friday, there's no charge"),
    # a title abbreviated in another language does not end the sentence
    ("La consulta con la Dra. Ruiz es gratuita y usted elige el horario que mejor le quede la "
     "semana que viene.", "consulta con la Dra. Ruiz es gratuita"),
    # a visit free on a day is no doctor's free time
    ("The doctor visit is free this month.", "visit is free"),
    # interpreting results is no interpreter's service
    ("She will interpret your labs at the consult at no charge.", "consult at no charge"),
    # the visit and the free word in Turkish, Polish, Japanese (nothing in yen), Hindi (the
    # English word in Devanagari), German, Portuguese, and nothing in euros
    ("Randevunuzdaki ilk görüşme tamamen bedava.", "görüşme tamamen bedava"),
    ("Wizyta zapoznawcza u lekarza jest bezpłatna.",
     "Wizyta zapoznawcza u lekarza jest bezpłatna"),
    ("初回の受診は0円でご案内しています。", "受診は0円"),
    ("डॉक्टर से पहला कंसल्टेशन बिल्कुल फ़्री रहेगा।", "कंसल्टेशन बिल्कुल फ़्री"),
    ("Das Vorgespräch mit der Ärztin ist gratis.", "Vorgespräch mit der Ärztin ist gratis"),
    ("A avaliação com a médica é de graça.", "avaliação com a médica é de graça"),
    ("La primera consulta te sale en 0 euros.", "consulta te sale en 0 euros"),
    # meeting the doctor is the consultation (es, pt)
    ("Tranquila, hablar con la doctora la primera vez no le cuesta nada.",
     "hablar con la doctora la primera vez no le cuesta nada"),
    # an exempt word in a clause of its own governs nothing
    ("Cancel anytime — your first consultation is free.", "consultation is free"),
    # "not just free" says it is free, and more
    ("The first visit isn't just free, it comes with a record review.",
     "first visit isn't just free"),
    # no cost at all (es), nothing charged for a call with the doctor (pt), free in Hinglish
    # and Cantonese
    ("Para usted, la evaluación con el especialista no tiene ningún costo.",
     "evaluación con el especialista no tiene ningún costo"),
    ("Na primeira videochamada com a doutora, não lhe cobramos nada.",
     "videochamada com a doutora, não lhe cobramos nada"),
    ("Aapki pehli consultation muft rahegi.", "consultation muft"),
    ("第一次諮詢唔使畀錢。", "諮詢唔使畀錢"),
    # free in Farsi; a fee forgiven in German; a courtesy visit; a check of her fertility
    ("برای شما مشاوره اول رایگان است.", "مشاوره اول رایگان"),
    ("Das Honorar für die erste Beratung erlassen wir Ihnen gern.",
     "Honorar für die erste Beratung erlassen"),
    ("Teachers get a courtesy consult this spring.", "courtesy consult"),
    ("Her first fertility check-up is free if she books today.", "fertility check-up is free"),
    # the clinic paying for her visit, words between; costing nothing in German and Italian
    ("No worries, we'll cover your first video consult this time.",
     "we'll cover your first video consult"),
    ("Das erste Gespräch mit der Ärztin kostet Sie am Ende nichts.",
     "Gespräch mit der Ärztin kostet Sie am Ende nichts"),
    ("La prima visita con la dottoressa non le costa nulla.",
     "visita con la dottoressa non le costa nulla"),
    # spelled as it sounds; nothing out of pocket; "n/c" beside the fee; small capitals; a fee
    # not taken, in Korean; a first look at the doctor paid by the clinic, the pronoun after
    ("phree first visit for new patients!", "phree first visit"),
    ("Nothing out of pocket for her intro visit.", "Nothing out of pocket for her intro visit"),
    ("Reminder: intro consult Tue 10:00 AM, charge n/c.", "consult Tue 10:00 AM, charge n/c"),
    ("ꜰʀᴇᴇ first visit this month", "ꜰʀᴇᴇ first visit"),
    ("첫 진료 요금은 청구하지 않습니다.", "진료 요금은 청구하지 않"),
    ("New here and seeing one of our physicians? It's on us.",
     "seeing one of our physicians? It's on us"),
    # the pronoun's clause is short; a clause after it adds no subject of its own
    ("Thanks for asking about the intro visit. It won't cost you a thing, so book online at "
     "harbor.example or call (555) 010-0110 today.",
     "intro visit. It won't cost you a thing"),
    # it sets her back nothing; no out-of-pocket; nothing due; the fee credited back in full;
    # the clinic bearing the cost (Korean); the first consultation free in Hindi
    ("Your intro visit won't set you back a cent.", "intro visit won't set you back a cent"),
    ("There's no out-of-pocket for the video consult.", "no out-of-pocket for the video consult"),
    ("With the welcome credit, nothing is due for your consultation.",
     "nothing is due for your consultation"),
    ("After the visit we credit the whole consultation fee back to your card.",
     "credit the whole consultation fee back"),
    # not owing anything for it; its price less the same amount taken off; a label before
    # the colon the free consultation follows
    ("You will not owe anything for the consultation.",
     "will not owe anything for the consultation"),
    ("The video consult is $99, less the $99 new-patient credit applied when you book.",
     "$99, less the $99"),
    ("Reminder: the free 20-minute phone consultation is still available to you.",
     "free 20-minute phone consultation"),
    ("Just a reminder that our free 15-minute phone consultation is still open to you.",
     "free 15-minute phone consultation"),
    # a net of nothing; having paid nothing; a gift card worth the visit's price
    ("Between the deposit and the rebate, your intro consult netted out to zero.",
     "consult netted out to zero"),
    ("Book the video consult and you'll leave having paid nothing for it.",
     "consult and you'll leave having paid nothing"),
    ("A $299 e-gift card comes with your $299 in-office consultation.",
     "$299 e-gift card comes with your $299"),
    ("첫 진료비는 저희가 부담하니 걱정 마세요.", "진료비는 저희가 부담하니"),
    ("डॉक्टर के साथ पहली सलाह मुफ्त है।", "सलाह मुफ्त"),
]

COMPLIANT = [
    "The consultation is $99 and nothing is due until you book.",
    # hyphenated words whose letters make no policy word joined ("co-pay", "pre-consult")
    "Bring your co-pay card and the pre-consult form to the $299 visit.",
    "We'll cover the consultation options on this call.",
    "We'll cover your questions about the consultation when you call back.",
    "Das Parken kostet Sie nichts.",
    "Refunds are issued after the visit is cancelled with 24 hours' notice.",
    "The nurse will cover what to expect at the visit.",
    "There is no free consultation; the promotional virtual consultation is $99.",
    "Cancelling is free with 24 hours' notice.",
    "Cancelling your consultation is free with 24 hours' notice.",
    "Feel free to call us back about the consultation.",
    "Call our toll-free number to book a consultation.",
    "There is free parking at the office for your consultation.",
    "A partner may join the consultation at no extra charge.",
    "The first consultation is not free; we have two promotional options.",
    "the first consult isnt free, it's the $99 video visit",  # typed without the apostrophe
    "The card fee is waived for ACH payments.",
    "That offer is no longer available. The first consultation isn't free, but we have two.",
    "Are you free on Thursday for a consultation?",
    "El estacionamiento no tiene ningún costo.",
    "Não cobramos nada pelo intérprete.",
    "Do not say free consultation.",
    "Our $99 promotional virtual consultation is 30 minutes.",
    "The interpreter service is conferenced in at no charge to the caller.",
    "Dr. Zhao has a free slot on Thursday for your consultation.",
    "Our stress-free booking makes the consultation easy.",
    "A scent-free waiting room is kept for your consultation.",
    "Book a hands-free reminder call for the consultation.",
    "We don't offer free consultations or free calls with a physician.",
    "The consultation is $99. Free parking is in the garage behind the office.",
    "The consultation is $99. Moving it with a day's notice? Free.",
    "Your card fee? We'll waive it for ACH payments.",
    "The card surcharge is 3%. Pay by bank transfer and we waive the fee.",
    "IVF is $14,900, and we can't waive it.",
    "Only the supervisor may waive the $75 late-cancellation fee.",  # a fee, not a visit's price
    "Is the first visit free? Unfortunately not; the virtual consultation is $99.",
    "Is the consult free? It's not, but the video one is only $99.",
    "A free consultation? Oh, I wish I could say yes! The video one is $99.",
    "Reminder texts for your visits are free.",
    "The consultation is $99; parking is paid for by us.",
    "Insurance picks up the bill for the consultation only if your plan covers it.",
    "Please confirm your zip code before we book the consultation.",
    # other clinics set apart across "but"; nothing about it is free; the late fee waived
    "Plenty of clinics promote free consults, but we don't: ours is $99.",
    "Nothing about the first visit is complimentary; the video one is $99.",
    "The late fee on your consult — we'll waive it this once.",
    # a named doctor's free time; an interpreter at no charge, in other languages
    "Dr. Ruiz is free Tuesday at 2 for the $99 video consultation.",
    "Mwen ka jwenn yon entèprèt pou ou, ou pa peye anyen pou sa.",
    "Un intérprete estará en la consulta sin costo.",
    "Otoparkımız ücretsiz.",
    "Quý vị có thể yêu cầu thông dịch viên miễn phí trong buổi khám.",
    "Sua primeira avaliação custa US$ 299.",
    # cancelling a visit named by a few words; a doctor's open slots
    "Cancelling an ordinary follow-up appointment with a day's notice is free of charge.",
    "Dr. Kim has free slots on Thursday for the $99 virtual consultation.",
    # denied in Farsi; a courtesy that is no consultation
    "ما مشاوره رایگان نداریم؛ هزینه مشاوره مجازی ۹۹ دلار است.",
    "Validated parking is a courtesy of the building; the consult itself is $299.",
    # another amount taken off; a label before the colon of something else that is free;
    # what she will not owe is the fee for changing the visit
    "Your IVF cycle is $14,900 less the $299 credit from your in-office consultation.",
    "Parking: free. The in-office consultation is $299.",
    "If we move your consultation, you won't owe anything for the change.",
    "You get a $25 gift card for referring a friend to the $99 consult.",
    # ... and with an exempt thing named before the consultation, it says how that is had
    "Sign-language interpreters are arranged by the front desk a day before the consultation, "
    "at no cost to the family.",
]


@pytest.mark.parametrize("text", [
    "Is the consultation free? No — it's $99.",
    "Is the consult free? Nope, it's $99 for the virtual one.",
    "Q: Is the intro visit free? A: No, it's $99 by video.",  # a FAQ's labels
    '"So the intro visit is free?" Not really, it is $99 by video.',  # the question quoted
])
def test_a_question_answered_no_is_no_claim(checker, text):
    """Neither a free consultation nor a price of something else ("No" is no no-show fee)."""
    assert checker.check(text).violations == []


@pytest.mark.parametrize(("transcript", "claims"), [
    # a caller's question on the charge answered "no" by the agent says the visit is free
    ("Caller: is there a fee for the video consult?\nRep: Nope, see you Thursday!", True),
    ("Patient: do I have to pay for the first visit?\nAgent: No, just show up.", True),
    # ... a caller's question on whether it is free, answered "no", does not; nor her own words
    ("Caller: is the video consult free?\nRep: No, it's $99.", False),
    ("Caller: my friend said the first visit is on the house.\nRep: It's $99 by video.", False),
])
def test_an_agents_no_to_a_callers_charge_question_is_the_agents_claim(checker, transcript,
                                                                      claims):
    rules = {v.rule for v in checker.check(transcript).violations}
    assert ("free_consultation" in rules) is claims


@pytest.mark.parametrize("text", [
    "진료 상담은 무료가 아닙니다. 화상 상담은 99달러입니다.",
    "Hindi po libre ang konsultasyon sa doktor; $99 po ang video.",
    "Konsiltasyon ak doktè a pa gratis; li koute $99.",
    "My coworker shouldn't have told you the consult was free; it's $99.",
    "Nous ne faisons pas de consultation gratuite ; la visite vidéo coûte 99 $.",
    "Wala po kaming libreng konsulta, pero ang video ay $99.",
    "The flyer promised a 'complimentary first visit'; that's out of date, I'm sorry.",
    "I can't waive the consultation fee, though cancelling a day ahead gets a full refund.",
    # denied after the free word (tr, hi, ja)
    "İlk muayene ücretsiz değil; video görüşme 99 dolar.",
    "पहली कंसल्टेशन फ्री नहीं है, वीडियो कंसल्टेशन 99 डॉलर है।",
    "初回の受診は0円ではありません。ビデオ相談は99ドルです。",
])
def test_a_denial_or_correction_passes_every_rule(checker, text):
    """Denied in Korean, Tagalog or Haitian Creole, or a colleague's wording corrected: no
    rule, by pattern or by meaning, reads a claim in it."""
    assert checker.check(text).violations == []


@pytest.mark.parametrize(("text", "offending"), VIOLATIONS, ids=[v[0][:40] for v in VIOLATIONS])
def test_free_wording_is_a_violation(checker, text, offending):
    result = checker.check(text)
    found = [v for v in result.violations if v.rule == "free_consultation"]
    assert result.verdict == "violation"
    assert [v.text for v in found] == [offending]
    assert text[found[0].start : found[0].end] == offending
    assert found[0].suggestion and found[0].message


@pytest.mark.parametrize("text", COMPLIANT, ids=[c[:40] for c in COMPLIANT])
def test_negations_and_other_free_things_pass(checker, text):
    found = [v for v in checker.check(text).violations if v.rule == "free_consultation"]
    assert found == []


@pytest.mark.parametrize(("text", "offending"), [
    ("There's no invoice for the initial visit, so book away.", "no invoice for the initial visit"),
    ("Your first physician chat is free of course.", "first physician chat is free"),
])
def test_no_invoice_for_the_visit_and_a_first_doctor_chat_free_are_violations(
        checker, text, offending):
    found = [v for v in checker.check(text).violations if v.rule == "free_consultation"]
    assert [v.text for v in found] == [offending]


def test_an_old_price_said_to_no_longer_apply_is_no_free_claim(checker):
    text = "The former $300 consultation fee no longer applies; it's $400 now."
    assert [v for v in checker.check(text).violations if v.rule == "free_consultation"] == []


@pytest.mark.parametrize(("text", "offending"), [
    ("Not to worry about the invoice for her first appointment. There won't be one.",
     "invoice for her first appointment. There won't be one."),
    ("Does she owe anything for the consultation? Nope.",
     "owe anything for the consultation? Nope."),
    ("As for the consult fee - there isn't any.", "consult fee - there isn't any."),
    ("How much will the initial visit cost him? Nothing at all.",
     "initial visit cost him? Nothing at all."),
])
def test_a_charge_denied_without_naming_it_again_is_a_free_claim(checker, text, offending):
    """A consultation's charge named in one sentence (or clause) and denied by a short one:
    "There won't be one." says the visit costs nothing."""
    found = [v for v in checker.check(text).violations if v.rule == "free_consultation"]
    assert [v.text for v in found] == [offending]


@pytest.mark.parametrize("text", [
    "Is there an additional charge for the ultrasound at the consult? There isn't one.",
    "Any fee for rescheduling the consultation? None.",
    "Will she pay anything for the consult? No, only the $99.",
    "Does the consultation need a referral? No.",
    "What should he bring to the first visit? Nothing.",
    "Is the consult price the same as in the spring? No.",
    "Q: Is the first visit complimentary? A: There isn't a complimentary visit; it's $99.",
])
def test_an_added_or_exempt_charge_denied_is_no_free_claim(checker, text):
    found = [v for v in checker.check(text).violations if v.rule == "free_consultation"]
    assert found == []


# A word of nothing and a word of cost close together, either first, in the callers' languages
# (``costless`` in policy.yaml): free in wordings no phrase of the list has.
@pytest.mark.parametrize("text", [
    "Buổi tư vấn đầu tiên với bác sĩ, chị không phải tốn tiền gì đâu ạ.",
    "Первая консультация с врачом вам ничего стоить не будет.",
    "الاستشارة الأولى مع الطبيبة بدون أي تكاليف عليك.",
    "Konsultacja u lekarza nic nie kosztuje, zapraszamy.",
    "首次諮詢唔洗俾錢㗎。",
    "Ang unang konsultasyon sa doktor ay walang kahit anong bayad.",
])
def test_nothing_beside_a_cost_word_is_a_free_claim(checker, text):
    assert "free_consultation" in {v.rule for v in checker.check(text).violations}


@pytest.mark.parametrize("text", [
    # nothing added on top of the visit's price; the visit priced, a fee for something else
    "Ваш партнёр может прийти на консультацию без дополнительной оплаты.",
    "Thông dịch viên tham gia buổi tư vấn mà không tốn thêm phí.",
    "La consulta cuesta 99 dólares y el intérprete no tiene costo adicional.",
    "Hủy lịch trước 24 giờ thì không mất phí hủy.",
])
def test_nothing_added_on_top_is_no_free_claim(checker, text):
    assert "free_consultation" not in {v.rule for v in checker.check(text).violations}
