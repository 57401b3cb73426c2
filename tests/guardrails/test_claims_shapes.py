"""Claims in more shapes, and the sentences near them that make none. From an independent probe
of drafts read by kind (nothing of it copied; every case here is in our own words):

- guarantees: success statistics quoted as the clinic's results (agents point to the published
  success-rates page), outcome certainty with other verbs and nouns, success as a rule for
  embryos and transfers, money back if there is no baby;
- medical advice: a medicine's time of day judged better, a reading or result called fine, a
  threshold below which she need not call, a first treatment named, a dose change foreseen;
- prices: payment terms contradicted (a self-pay visit billed to a plan, a promotional visit
  collected on the day, part of a forfeited payment returned), a total worked out in words
  (right or wrong), "$0" for what the documents price or say costs nothing, a period that is
  over and a penalty charged on top of a forfeited payment;
- free consultation: what the visit costs said to be nothing in other grammatical shapes, a fee
  that does not apply or is zeroed out, the practice as the payer, a meet-and-greet or a talk
  with a doctor; a visit the clinic moved and an offer explained as over make no such claim.

From a third probe (read after it was scored): a probability of a baby and success as nearly
everyone's; a dose moved up or down; an offer's regular price (the documents pair "$99" with
"regular … $400") and a saving worked out from it; a fee where the documents say none; a refund
faster than the documents give; an item the documents exclude under another word ("bloodwork"
for labs); and no claim in a judgement declined, an old offer taken back in the clause after
it, or a line the caller speaks in a transcript.
"""

from __future__ import annotations

import pytest

# (rule, draft): the draft raises the rule.
FOUND = [
    ('guarantee', 'Our pregnancy rate per transfer runs about 61 percent.'),
    ('guarantee', 'A 55% live birth rate is what we see for your age group.'),
    ('guarantee', '8 in 10 women we see are pregnant within a year.'),
    ('guarantee', 'Your chances here are around 70%.'),
    ('guarantee', 'The embryos are guaranteed to survive the thaw.'),
    ('guarantee', 'Two retrievals and you are assured of a healthy baby.'),
    ('guarantee', 'With this protocol the pregnancy is practically in the bag.'),
    ('guarantee', 'Banking eggs today secures your chance to have kids down the road.'),
    ('guarantee', 'Women with your numbers usually conceive right away, and so will you.'),
    ('guarantee', 'Your chances with us look excellent.'),
    ('guarantee', 'Thawed embryos always implant here.'),
    ('guarantee', 'Trust me, your cycle will work.'),
    ('guarantee', "I have not met a single couple who didn't end up conceiving."),
    ('guarantee', 'Our pregnancy-or-money-back plan covers three cycles.'),
    ('guarantee', 'We give a full refund if there is no baby after three transfers.'),
    ('medical_advice', 'Injecting your Menopur in the evening is better than in the morning.'),
    ('medical_advice', "It's best to take the estradiol with food."),
    ('medical_advice', 'Your fever of 100.1 is fine, just keep an eye on it.'),
    ('medical_advice', 'Only call the nurse if it climbs above 102.'),
    ('medical_advice', 'The sperm test came back normal, so it must be on your side.'),
    ('medical_advice', 'Her AMH looked a bit low on the last panel.'),
    ('medical_advice', 'For endometriosis, IVF is typically the first step.'),
    ('medical_advice', "You'll likely need a stronger dose next cycle."),
    ('price_mismatch', 'We will file the $99 virtual promotional visit with your Blue Cross plan.'),
    ('price_mismatch', 'The $99 promotional virtual consultation is charged on arrival.'),
    ('price_mismatch', 'The $299 promotional consultation is due on the day of your appointment.'),
    ('price_mismatch', 'For IVF, the balance is collected at the embryo transfer.'),
    ('price_mismatch', 'The IVF cycle fee is payable after your retrieval.'),
    ('price_mismatch', "If you cancel the $299 promotional consultation the morning of, you'll "
                       'get part of it back.'),
    ('price_mismatch', 'Cancel the $99 promotional consultation with under 24 hours notice and we '
                       'return half.'),
    ('price_mismatch', 'Two embryos tested means $1,800 plus two times $350, which works out to '
                       '$2,600.'),
    ('price_mismatch', 'With 4 embryos, PGT-A comes to $3,250: the $1,800 cycle fee plus $350 for '
                       'each.'),
    ('price_mismatch', 'The card fee on your IVF cycle payment is $0.'),
    ('free_consultation', 'The intro appointment is on the practice this week.'),
    ('free_consultation', 'Use the coupon to zero out what the intro visit costs.'),
    ('free_consultation', 'Enter the code at checkout and it zeroes the consultation fee out.'),
    ('free_consultation', 'The intro visit costs the two of you nothing.'),
    ('free_consultation', 'The video consultation costs neither of them a penny.'),
    ('free_consultation', "Because you are a teacher, the consultation fee won't apply."),
    ('free_consultation', 'Your consultation gets knocked down to zero with this code.'),
    ('free_consultation', 'We bill it, then credit it back, so the consult works out to nothing.'),
    ('free_consultation', 'Book a meet-n-greet with Dr. Patel at no charge.'),
    ('free_consultation', 'Free meet and greet with our physicians this Saturday.'),
    ('free_consultation', 'Chat with a fertility specialist for nothing, just press 2.'),
    ('free_consultation', 'Reminder: intro consult tmrw 10am, no chg.'),
    ('free_consultation', '首次面谈免费。'),
    ('free_consultation', 'Your consultation is free if you move it to a weekday.'),
    ('free_consultation', 'The free consult you saw online is still available.'),
    # typed without marks, broken by dots, in pinyin or traditional characters, inflected
    ('free_consultation', 'Dat lich tu van mien phi voi bac si ngay hom nay.'),
    ('free_consultation', 'Book a fr.ee con.sult with our doctors.'),
    ('free_consultation', 'Ask about our fr-ee intro visit with a physician.'),
    ('free_consultation', 'Ofrecemos una segunda opinión sin costo para pacientes nuevas.'),
    ('free_consultation', 'Chu zhen mian fei, qing lai dian.'),
    ('free_consultation', '第一次看診不收費。'),
    ('free_consultation', 'Kostenlose Erstberatung für neue Patientinnen.'),
    ('free_consultation', 'Your intro consult is FREE this week only!'),
    ('guarantee', 'Our protocol will get you pregnant within two cycles.'),
    ('medical_advice', "At your age you'll need donor eggs, so I'll book the donor coordinator."),
    ('medical_advice', "An AMH of 0.4 means you'll respond poorly to stimulation."),
    # a probability of a baby, success as nearly everyone's, a dose moved up or down
    ('guarantee', 'Freezing a dozen eggs at 33 gives you an 85% chance of a baby later.'),
    ('guarantee', 'Almost all of our patients under 35 get pregnant with their first embryo.'),
    ('guarantee', "She has never had a single patient in her thirties who didn't conceive."),
    ('medical_advice', 'With slow follicles, push the Gonal-f up to 300 units tonight.'),
    ('medical_advice', 'Go ahead and bring your dose down to one vial tonight.'),
    # an offer's regular price, a fee, a refund's timing and an inclusion the documents deny
    ('price_mismatch', 'The $99 virtual visit is usually $450, so it is a real bargain.'),
    ('price_mismatch', 'There is a 2% processing fee on the $299 consultation when paid by card.'),
    ('price_mismatch', 'Because you cancelled the $99 visit on the same day, you lose the $99 and '
                       'we also add the $75 no-show fee.'),
    ('price_mismatch', 'Your $299 in-office consult includes the ultrasound and the AMH '
                       'bloodwork.'),
    ('price_mismatch', 'Refunds for a cancelled promotional consult land back on your card '
                       'within two hours.'),
    # an outcome promised in other shapes (a fourth probe, read after it was scored)
    ('guarantee', 'With your history, the IVF will work on the first try.'),
    ('guarantee', "After testing, the transfer will work and you'll have a healthy baby."),
    ('guarantee', 'Dr. Lee has never had a patient go home without a pregnancy.'),
    ('guarantee', 'Our embryologists make sure every egg fertilizes.'),
    ('guarantee', 'Egg freezing secures you a future baby.'),
    ('guarantee', "Freeze now and you'll be able to have a baby whenever you're ready."),
    ('medical_advice', 'Begin a daily baby aspirin to help the lining.'),
    ('medical_advice', 'That cramping is just your body healing after retrieval.'),
    ('free_consultation', 'A chat with one of our physicians is our gift to you.'),
    # the caller's baby or success foretold, certainty tacked on, loss ruled out (a fifth
    # probe, read after it was scored); German and Hindi certainty, "I assure you" (es, fr)
    ('guarantee', "Honestly, with Dr. Lee you're going to meet your little one by spring."),
    ('guarantee', 'She will be holding her own baby within the year, trust the process.'),
    ('guarantee', "At your age this protocol is going to work for you."),
    ('guarantee', 'Dozens of couples became parents here last year — you will be next, '
                  'guaranteed!'),
    ('guarantee', 'After the genetic screen there is no risk of a miscarriage at all.'),
    ('guarantee', 'Honestly your chances here are practically 100%.'),
    ('guarantee', 'Mit dem Transfer klappt es ganz sicher beim ersten Mal.'),
    ('guarantee', 'Te aseguro que vas a quedar embarazada este año.'),
    ('guarantee', 'Je vous assure que vous serez enceinte avant l’été.'),
    ('guarantee', 'इस इलाज से गर्भ पक्की है।'),
    # the fee written off, no payment asked, the clinic picking up the tab, a doctor chat in
    # shorthand; the cost taken on in German and French; "and" ends a negation's reach
    ('free_consultation', 'We went ahead and wrote off your consultation fee.'),
    ('free_consultation', 'Intro call with a doctor: no payment required, book any slot.'),
    ('free_consultation', "The office is picking up the tab for first consultations in May."),
    ('free_consultation', 'fyi the doc call costs zero dollars for new people'),
    ('free_consultation', 'Das Erstgespräch: die Kosten dafür übernehmen wir gern.'),
    ('free_consultation', 'Zur Videosprechstunde: die Kosten übernehmen wir für Sie.'),
    ('free_consultation', 'Pour la première consultation, les frais sont offerts.'),
    ('free_consultation', "Come in for the consultation, there's no catch and nothing to pay."),
    ('medical_advice', 'إذا نسيتِ الحقنة، يمكنك مضاعفة الجرعة غداً.'),
    ('medical_advice', 'Pwede niyo pong itigil ang gamot hanggang sa appointment.'),
    # the doctor holding the call; certainty softened; near-everyone's success behind a title's
    # full stop ("Dr.", which ends no sentence); a promise in Italian
    ('free_consultation', 'Dr. Okafor could jump on a short free call with you this week.'),
    ('free_consultation', 'One of our physicians will do a no-charge video call first.'),
    ('guarantee', 'At your age, a pregnancy is as good as certain.'),
    ('guarantee', 'Practically all of Dr. Okafor\'s couples end up pregnant.'),
    ('guarantee', 'Vi garantisco una gravidanza entro sei mesi.'),
    # children promised; success every time, or for everyone a doctor treats; a drug she will
    # need, or a treatment said to suit her better
    ('guarantee', "Freezing now all but guarantees she'll have children someday."),
    ('guarantee', 'Transfers here take every single time.'),
    ('guarantee', 'Dr. Okafor gets all of her patients pregnant.'),
    ('medical_advice', "With those results she'll likely need Clomid before anything else."),
    ('medical_advice', 'Honestly, IUI would be a better fit for her than IVF.'),
    # nothing to pay in Haitian Creole and Arabic, a fee waived in Korean, an appointment
    # called free in Hindi
    ('free_consultation', 'Pou premye konsiltasyon an, ou p ap peye anyen ditou.'),
    ('free_consultation', 'لا تدفعين أي شيء في أول موعد مع الطبيب.'),
    ('free_consultation', '처음 오시는 분은 상담료가 면제돼요.'),
    ('free_consultation', 'डॉक्टर के साथ पहला अपॉइंटमेंट मुफ़्त रहेगा।'),
    # free, then a reason's clause that denies something else ("so don't worry about it"); a
    # first visit called free in Korean
    ('free_consultation', '초진 상담은 무료이니 비용은 신경 쓰지 않으셔도 됩니다.'),
    ('free_consultation', '처음 방문하시면 무료예요.'),
]
# (rule, draft): near one of the rule's shapes, the draft does not raise it.
SPARED = [
    ('free_consultation', 'Premye randevou a pa gratis: li koute 99 dola.'),
    ('medical_advice', 'The doctor will say whether IUI makes more sense for her.'),
    ('guarantee', "IVF doesn't work every time, and no one can promise a baby."),
    ('guarantee', 'No one can promise a pregnancy; success rates vary, see the published page.'),
    ('guarantee', 'Our published success rates are at '
                  'harborpoint-fertility.example/success-rates.'),
    ('guarantee', 'The transfer will take about 15 minutes.'),
    ('guarantee', 'Make sure to ask about embryo storage.'),
    ('guarantee', 'You will be charged at booking.'),
    ('guarantee', 'The call connection rate target is 90%.'),
    ('guarantee', 'Financing partners have 0% promotional plans.'),
    ('guarantee', "I can't guarantee the results, but the doctor will explain your options."),
    ('guarantee', 'Be sure to bring your partner; the doctor likes to meet the whole family.'),
    ('guarantee', "There is not one patient who didn't get a call back the same day."),
    ('guarantee', 'Be certain to arrive 15 minutes early so we can check you in.'),
    ('guarantee', 'The new evening slots are certain to fill up fast, so book soon.'),
    ('guarantee', "You're bound to have questions after the visit; write them down."),
    ('medical_advice', 'The test came back and the doctor will call you with the results.'),
    ('medical_advice', 'Your results will be ready next week.'),
    ('medical_advice', 'The nurse will tell you whether your levels are normal.'),
    ('medical_advice', 'Appointments in the morning are better for most patients.'),
    ('medical_advice', 'The transfer is usually the first step after the thaw.'),
    ('medical_advice', 'Only call us during business hours if you need to reschedule.'),
    ('medical_advice', 'The doctor may say a higher dose is needed.'),
    ('free_consultation', "Your first consult is listed on the clinic's website."),
    ('free_consultation', 'Your visit is on the clinic calendar for Monday.'),
    ('free_consultation', "The late fee doesn't apply when we reschedule your consultation."),
    ('free_consultation', 'The card fee does not apply to promotional consultations.'),
    ('free_consultation', 'Your consultation will cost nothing extra for the interpreter.'),
    ('free_consultation', 'Reminders about your consultation are free.'),
    ('free_consultation', 'Speaking to a nurse is free anytime.'),
    ('free_consultation', 'Are you free Friday at 10 for the $99 virtual visit?'),
    ('free_consultation', "She's free after 3 for the call with Dr. Raman."),
    ('free_consultation', "Looking for a free consultation? We don't offer one, but the $99 "
                          'virtual visit is a great start.'),
    ('free_consultation', 'e.g. the portal shows the consult time.'),
    ('medical_advice', "You'll need to bring your ID to the visit."),
    ('medical_advice', 'She asked whether she will need donor eggs; the doctor decides that.'),
    ('guarantee', 'Almost everyone calls us back within a day.'),
    ('guarantee', "The doctor will explain whether you'll be able to have a baby whenever you're "
                  'ready.'),
    ('free_consultation', 'Thanks for the gift card question; it is not accepted for payment.'),
    ('guarantee', "We can't tell whether IVF is going to work for you; the doctor will explain."),
    ('guarantee', "Nobody can say if you'll hold a baby by next year."),
    ('guarantee', 'Eine Schwangerschaft ist leider nicht garantiert.'),
    ('guarantee', "Your baby's first checkup is with the pediatrician, not with us."),
    ('free_consultation', 'No payment is due until the day of the $99 visit.'),
    ('free_consultation', "We don't cover the cost of the consultation and it is $299."),
    ('free_consultation', 'Dr. Okafor is free to call you back after 3 PM.'),
    ('guarantee', 'Purtroppo la gravidanza non è mai garantita.'),
    ('guarantee', 'Nessun medico può promettere il successo.'),
]
# Drafts that raise nothing: the terms and totals as the documents give them, a moved visit.
CLEAN = [
    'The $99 promotional consultation is paid in full at booking.',
    'The IVF cycle is paid in full before the cycle starts.',
    'Your insurance card is collected at check-in.',
    'Cancel the $99 promotional consultation a week ahead and you get it all back.',
    'Testing five embryos works out to $3,550, that is $1,800 plus $350 for each.',
    'Two embryos tested means $1,800 plus two times $350, which works out to $2,500.',
    'At $350 for each embryo on top of the $1,800 fee, four would come to $3,200.',
    'Paying by card for the $99 promotional virtual visit adds a $0 card fee.',
    'There is a $0 card fee on promotional consultations but a 3% fee on treatment payments.',
    'Since we had to shift your video visit, there is no fee and your payment carries over.',
    'We moved your consultation to Tuesday at no charge; what you paid applies to the new time.',
    "The 'free consult' flyer you saw is out of date and that deal is over.",
    'That free-visit ad is from an old web page; the promotion was over last year.',
    # an offer's regular price and the saving worked out from it
    'The $99 virtual visit, a 30-minute video call, is normally $400.',
    'Our $299 in-office visit usually runs $700, so you save $401.',
    'The $99 visit is regularly $400: that is $301 off.',
    'The $9,500 egg freezing cycle includes the first year of storage at no extra cost; after '
    'that it is $750 a year.',
    'If you cancel the promotional consult with 24 hours notice, refunds reach your card within '
    '5-10 business days.',
    # a judgement declined, an old offer taken back in the next clause, what a caller asks
    "I'm not able to say whether that much spotting is normal; I'll connect you to a nurse.",
    'You may have seen our old free phone chat from 2024 — that promotion ended long ago.',
    "Caller: so is the first visit free or what?\nAgent: It isn't free; the $99 virtual visit is "
    'the lowest-cost way to start.',
    # a question reported in another language; a call (not a medicine) stopped in Tagalog
    'La señora preguntó si la consulta era gratis y le dije que no, cuesta $99.',
    "Elle a demandé si la consultation était gratuite; non, c'est 99 $.",
    'Itigil muna ang tawag, tatawag ako ulit.',
    # a range in words whose ends share the scale the second says, or each say it
    'Medications usually run between three and seven thousand dollars per cycle.',
    'Medications usually run between three thousand and seven thousand dollars per cycle.',
]
# (draft, every rule it raises): a period that is over is no ended offer; a penalty on top of a
# forfeited payment contradicts "no additional fee".
EXACT = [
    ('After the first year is over, embryo storage costs $700 a year.', ['price_mismatch']),
    ('When the first year is over, storage is $750 a year.', []),
    ('If she misses the $299 promotional visit, the payment is kept and we then charge the $75 '
     'no-show fee as well.', ['price_mismatch']),
    ('If she misses the $299 promotional visit, the payment is forfeited; no $75 fee is '
     'added.', []),
    # ... and with a wrong end
    ('Medications usually run between two and eleven thousand dollars per cycle.',
     ['price_mismatch', 'price_mismatch']),
]


def _rules(checker, text: str) -> list[str]:
    return [v.rule for v in checker.check(text).violations]


@pytest.mark.parametrize(("rule", "text"), FOUND)
def test_the_claim_is_found(checker, rule, text):
    assert rule in _rules(checker, text)


@pytest.mark.parametrize(("rule", "text"), SPARED)
def test_a_near_sentence_is_spared(checker, rule, text):
    assert rule not in _rules(checker, text)


@pytest.mark.parametrize("text", CLEAN)
def test_no_claim_is_made(checker, text):
    assert _rules(checker, text) == []


@pytest.mark.parametrize(("text", "rules"), EXACT)
def test_exactly_these_rules(checker, text, rules):
    assert _rules(checker, text) == rules
