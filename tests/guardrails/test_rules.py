"""guarantee and medical_advice tables, required notes, urgent symptoms and revision."""

from __future__ import annotations

import copy
import re

import pytest

from guardrails import Policy
from guardrails.rules.negation import Lists, Negation
from guardrails.rules.phrases import PhraseListRule
from guardrails.urgent import UrgentDetector
from tests.guardrails.paraphrases import generate

GUARANTEES = [
    ("You will definitely get pregnant with IVF.", True),
    ("We guarantee success.", True),
    ("IVF is guaranteed to work for you.", True),
    ("I promise you'll have a baby next year.", True),
    ("Our program has a 100% success rate.", True),
    ("We can't guarantee results.", False),
    ("There are no guarantees in fertility treatment.", False),
    ("Your booking is guaranteed once paid.", False),
    ("I'm not able to predict results; the doctor will go through your options.", False),
    ("No one can promise you'll get pregnant.", False),
    ("The transfer always works for women in their twenties.", True),  # success as a rule
    ("Our IUI program never fails for couples like yours.", True),
    ("The callback line always works after 8 AM.", False),
    ("Our team never fails to return a message within a day.", False),
    # success as a record or a rule for everyone, a family secured for later
    ("For women in their twenties our rate of failed cycles is zero.", True),
    ("We've never had a patient in her early thirties walk out without a child.", True),
    ("Each couple on the three-cycle plan goes home with a baby.", True),
    ("About 90% of our younger patients bring a baby home.", True),
    ("Freeze now and your future baby is locked in.", True),
    ("One egg-freezing round is enough for two kids down the road.", True),
    ("Every patient gets a call back within one business day.", False),
    # coverage promised: only Billing & Insurance says what a plan pays
    ("Good news, you're covered for the egg retrieval.", True),
    ("Her employer plan always pays for IUI, so no worries.", True),
    ("The benefit manager will reimburse every penny of it.", True),
    ("They'll cover the transfer, I'm sure.", True),
    ("Your benefits are approved once the form is in.", True),
    ("Billing will let you know whether you're covered.", False),
    ("You're not covered for storage under that plan.", False),
    ("Your plan will not pay for the promotional visit.", False),
    ("Medications are never covered by the promotional price.", False),
    ("About 90% of our patients rate the visit five stars.", False),
    ("Your appointment is locked in for Tuesday.", False),
    ("About 30% of the patients who call ask about pregnancy rates.", False),
    ("Every patient brings a child-care plan for the retrieval day.", False),
    # a record of no failures, success as nearly everyone's, in other words and languages
    ("Our lab director has never seen a couple who didn't wind up pregnant.", True),
    ("Nearly every woman your age leaves here pregnant; it's pretty much a sure thing.", True),
    ("시험관 시술을 하시면 무조건 임신됩니다.", True),
    ("It isn't a sure thing, and results vary from person to person.", False),
    # pregnancy said to be certain in other languages, either way round; denied, it passes
    ("Con este protocolo usted queda embarazada, seguro.", True),
    ("Com certeza a senhora vai ficar grávida ainda este ano.", True),
    ("Vous tomberez enceinte dès le premier essai, sans aucun doute.", True),
    ("이번 시술로 임신은 확실해요.", True),
    ("Não podemos garantir que a senhora fique grávida.", False),
    ("Je ne peux pas vous garantir une grossesse.", False),
    # a guarantee beside a pregnancy or success in other languages; always working; a baby as
    # the end of a package; fertilisation guaranteed
    ("Le succès de votre FIV est garanti chez nous.", True),
    ("Avec ce protocole, la grossesse est garantie.", True),
    ("Bei uns ist das garantiert, Sie werden schwanger.", True),
    ("Das garantiert Ihnen eine Schwangerschaft.", True),
    ("Nuestro programa siempre funciona, no se preocupe.", True),
    ("With the package you'll come away with a baby, that's how it's built.", True),
    ("ICSI guarantees that your eggs fertilize.", True),
    ("Nie możemy zagwarantować ciąży.", False),
    # success as what patients like her always have; a record with a word before the patient
    ("Most couples we see always get pregnant by the second cycle.", True),
    ("Our team has never had an egg-freezing patient who didn't get pregnant later.", True),
    # success said of whoever does something, or of every embryo
    ("Couples who finish our wellness program always get pregnant.", True),
    ("Each blastocyst we put back ends up in a live birth.", True),
    ("Not every transfer results in a pregnancy.", False),
    # a baby made sure of; forms and calendars made sure of are no promise
    ("Embryo testing makes sure she'll have a healthy baby.", True),
    ("We make sure you have all the forms before the visit.", False),
    # certainty with the verb (pt), a rate of 100 % after its noun (ko), a record for everyone,
    # success the first time
    ("Pode ficar tranquila, com certeza você engravida este ano.", True),
    ("우리 센터 임신율은 100%입니다.", True),
    ("Every couple on the program last spring went home pregnant.", True),
    ("Stimulation worked for every woman in her age group.", True),
    ("Your second transfer is going to work on the first try.", True),
    ("A clinic where every story ends in a baby.", True),
    ("The parking pass works for all three garages.", False),
    ("The promo code works for everyone who books online.", False),
    # a word "guarantee" is folded from, after what it promises (fr, de); Turkish writes the
    # percent sign first; certainty added after the promise
    ("Dans votre cas, la réussite est garantie au deuxième transfert.", True),
    ("Mit diesem Protokoll ist Ihnen die Schwangerschaft garantiert.", True),
    ("Merak etmeyin, bu tedaviyle gebelik %100 kesin.", True),
    ("Relax, it's going to work, one hundred percent.", True),
    ("The new phone system is going to work, for sure, after the update.", False),
    # a record without a failure; 100 % beside a pregnancy in Amharic and Russian; a denial
    # written first in Turkish and Spanish, and Turkish's negative verb after "garanti"
    ("Dr. Kim hasn't had one IVF couple fail on her protocol.", True),
    ("በክሊኒካችን እርግዝና 100% ነው።", True),
    ("Беременность наступит на 100%.", True),
    ("Hamilelik garanti, endişelenmeyin.", True),
    ("Hiçbir doktor hamilelik garanti edemez.", False),
    ("Nadie puede garantizar un embarazo.", False),
    ("Hamileliği kimse garanti edemez.", False),
    # certainty before the verb, failure ruled out, success for everyone, an embryo made sure
    # of, eggs always retrieved; and the same as what no one can do
    ("If this round doesn't take, the next transfer certainly will.", True),
    ("At 29 it is next to impossible for the protocol to fail.", True),
    ("In ten years we've never had a single couple go home without a baby.", True),
    ("The biopsy makes sure every embryo is normal before transfer.", True),
    ("Dr. Zhao always retrieves a dozen eggs or more at your age.", True),
    ("With this plan you'll pretty much be pregnant by the holidays.", True),
    ("No one here can make sure an embryo will implant.", False),
    ("It will definitely be ready before your visit, the portal says.", False),
    # a baby or a positive test said to be guaranteed, in any order; certainty in Italian and
    # in Hindi written in Latin letters; someone sure the next round will work
    ("Relax — after the genetic testing your baby is guaranteed.", True),
    ("One more round and that BFP is guaranteed!", True),
    ("Dopo il trasferimento avrà sicuramente un bambino.", True),
    ("Fikar mat karo, baby pakka aayega.", True),
    ("Dr. Lin is sure this next cycle is going to work.", True),
    ("She's confident the upcoming round will take.", True),
    ("Nobody can be sure the next transfer will work.", False),
    ("Il trattamento è sicuro e ben tollerato.", False),
    ("Slot pakka hai, kal subah nau baje.", False),
    # an outcome right before "guaranteed", as a headline says it; the family every patient
    # takes home; a baby said to be certain in French; success from a single transfer in Chinese
    ("Pregnancy guaranteed with our new lab!", True),
    ("Outcomes not guaranteed; ask the doctor about your chances.", False),
    ("At our clinic every couple goes home with the family they dreamed of.", True),
    ("Every patient leaves with a family plan binder from the front desk.", False),
    ("Vous tiendrez votre bébé dans vos bras l'an prochain, c'est sûr.", True),
    ("只要做一次移植就能怀孕。", True),
    ("No one has finished our program without getting pregnant.", True),
    ("No one leaves without a written plan for the next step.", False),
    # pregnancy as a Portuguese verb; a test said to make it sure; an outcome every time
    ("Com a nossa FIV você vai engravidar, garantido!", True),
    ("Our embryo screening ensures a healthy pregnancy.", True),
    ("A healthy diet can help ensure a healthy pregnancy.", False),
    ("Our patients leave pregnant every single time.", True),
    ("She asks every time whether her pregnancy test is ready.", False),
    ("Success is 100% assured with our new lab.", True),
    # a baby received for certain, in Japanese
    ("この治療なら必ず赤ちゃんを授かれますよ。", True),
    # an approval promised (not whether it comes, which Billing finds out); others' outcome
    # applied to her after a dash
    ("Your PPO will approve the transfer without any trouble.", True),
    ("The prior authorization is going to go through this week, I'm sure.", True),
    ("Billing will check whether your plan will approve the transfer.", False),
    ("Our couples conceive within a year of starting — you will too.", True),
    # a treatment "will work" with a word of certainty, in the callers' languages
    ("Не переживайте, ЭКО точно сработает.", True),
    ("Tranquila, el tratamiento seguro que va a funcionar.", True),
    ("Ce traitement va marcher, c'est sûr.", True),
]

ADVICE = [
    ("That's normal after a retrieval.", True),
    ("Take 2 tablets of Tylenol.", True),
    ("Double your dose of Menopur tonight.", True),
    ("You probably have OHSS.", True),
    ("Try resting and drinking water.", True),
    ("It sounds like implantation bleeding.", True),
    ("I'm not able to give medication advice.", False),
    ("Do not say that's normal.", False),
    ("The nurse line answers medication questions, option 4.", False),
    ("Transfer to the nurse line now.", False),
    ("She can take three Advil for the cramps.", True),  # a count before the medicine
    ("Rest tonight, no need for the doctor.", True),
    ("There's no need for the nurse to call back about a billing question.", False),
    ("Halve your evening Menopur dose from now on.", True),  # the medicine named in between
    ("Cut her nightly estradiol pills after the transfer.", True),
    ("We can change your appointment time for the injection class.", False),
    # a symptom put down to a cause, a treatment recommended in the first person, a dose halved
    ("Cramping after the transfer is usually just the progesterone.", True),
    ("If I were you I'd start IVF right away.", True),
    ("把孕酮的用量减半。", True),
    ("The hold time is usually just a few minutes.", False),
    ("I'd book the consultation for Monday morning.", False),
    # a symptom called normal and the caller told she need not call, in other languages; the
    # nurse named only to say she need not be called takes nothing back
    ("Un poco de sangrado es normal, no hace falta llamar.", True),
    ("Essa cólica é normal, não precisa ligar pra clínica.", True),
    ("移植后有点出血很正常，不用打电话。", True),
    ("肚子胀是正常的，不需要联系护士。", True),
    ("Es normal que la verificación tarde tres días.", False),
    ("Le transfiero con la enfermera ahora mismo.", False),
    # a result's value judged normal; a reading judged fine and no nurse needed; a medicine
    # swapped on the agent's word; the treatment she needs, in other languages
    ("Your TSH of 2.4 is right within the normal range.", True),
    ("A beta of 60 looks fine, so no need to phone the nurse tonight.", True),
    ("If the patches run out, use your spare progesterone gel instead.", True),
    ("Her results sit outside the normal range only if the doctor says so; the nurse will call.",
     False),
    ("You don't need to call the nurse to move your appointment.", False),
    ("您这个年龄需要做试管。", True),
    ("이 경우에는 시험관 시술이 필요합니다.", True),
    ("Por su edad, necesitará óvulos de donante.", True),
    # an imperative that starts, stops or skips a medicine for her; a step that is no medicine,
    # or one left to the nurse
    ("Skip the letrozole this cycle while you travel.", True),
    ("Stop the ibuprofen for now, it's fine.", True),  # a remedy off the shelf is a medicine too
    ("Hold off on birth control until we call.", True),
    ("Start a daily prenatal and the supplement today.", True),
    ("Stop by the front desk to have the ticket validated.", False),
    ("Start your shots when the nurse tells you to.", False),
    # the nurse or the doctor said not to be needed, in other languages
    ("Siga con las inyecciones igual, no hace falta hablar con la enfermera.", True),
    ("Chị không cần gọi bác sĩ đâu, cứ nghỉ ngơi.", True),
    ("Звонить врачу не надо, это пройдёт.", True),
    ("不用找医生，多喝水就好。", True),
    ("No hace falta llamar para cambiar la cita.", False),
    # the treatment she needs in Portuguese, French, Italian, German; when to have a test in
    # Vietnamese; asked whether she needs it, it is no advice
    ("Com a sua idade, a senhora vai precisar de óvulos doados.", True),
    ("Dans votre situation, il vous faut un don d'ovocytes.", True),
    ("A questa età le serviranno ovociti donati.", True),
    ("Mit 44 brauchen Sie wahrscheinlich eine Eizellspende.", True),
    ("Chị nên đi xét nghiệm AMH vào ngày thứ 2 của chu kỳ.", True),
    ("O médico vai avaliar se a senhora precisa de óvulos doados.", False),
    ("Le médecin vous dira s'il vous faut un don d'ovocytes.", False),
    ("El médico le dirá si necesita óvulos de donante.", False),
    ("Si ou gen kranp apre ponksyon an, se nòmal.", True),  # Haitian "si … se": still advice
    # a treatment judged useless or the only one for her; an extra pill; a medicine she may skip
    # (tl) or stop (ko, honorific); donor eggs she needs (zh); normal and rest (hi); a shot's
    # hour (fr); an appointment's hour is no advice
    ("Honestly clomid would be pointless for you, so skip it.", True),
    ("For her, IVF is basically the only route left.", True),
    ("Missed last night's letrozole? Take one extra tablet today.", True),
    ("Pwede na pong itigil ang estrogen patch.", True),
    ("에스트로겐 패치는 이제 중단하셔도 됩니다.", True),
    ("你这个年龄只能用捐卵了。", True),
    ("हल्का दर्द सामान्य है, बस आराम करें।", True),
    ("Faites votre piqûre d'Ovitrelle à 23 h ce soir.", True),
    ("Votre consultation vidéo est à 9 h avec le Dr Bell.", False),
    # nausea called normal (ru); a dose she may skip with a pronoun before "po" (tl); a
    # treatment recommended (zh) or needed (pl), and the same asked with "whether" (pl, zh)
    ("Тошнота после переноса — это нормально, не волнуйтесь.", True),
    ("Pwede mo pong laktawan ang iniksyon bukas.", True),
    ("根据您的检查结果，建议您直接做试管。", True),
    ("Przy takim wyniku będą potrzebne komórki jajowe od dawczyni.", True),
    ("Lekarz wyjaśni, czy będą potrzebne komórki jajowe od dawczyni.", False),
    ("医生会告诉您是否需要做试管。", False),
    # a pain reliever to take, in Spanish; normal, so no worry or keep going (zh, fr)
    ("Si le duele, tome paracetamol y descanse.", True),
    ("这种情况是正常的，别担心。", True),
    ("C'est normal, continuez vos injections ce soir.", True),
    # a schedule of doses by cycle day or by the morning
    ("Take the letrozole on cycle days 2 to 6 and call us after.", True),
    ("Take your estradiol every morning with breakfast.", True),
    # one medicine said to work better than another; a medicine skipped on the agent's word
    # (not a tutorial); fluids and no doctor, in Russian; no need to come in, in Korean and
    # Portuguese (not a visit to sign forms, or paying without coming)
    ("Metformin works much better than letrozole for someone with her history.", True),
    ("It's okay to skip them for a day or two until the pharmacy restocks.", True),
    ("It's safe to skip your evening progesterone tonight.", True),
    ("It's fine to skip the portal tutorial if you've used it before.", False),
    ("Пейте побольше воды, к врачу звонить не нужно.", True),
    ("피가 조금 나는 건 정상이에요. 병원에 오실 필요는 없어요.", True),
    ("É normal ter cólicas depois da punção, não precisa vir à clínica.", True),
    ("No necesita venir a la oficina para firmar; todo está en el portal.", False),
    ("병원에 오실 필요 없이 포털에서 결제하시면 됩니다.", False),
    # a medicine skipped with a time word before it; a drink named by a word before "water"; a
    # leftover medicine to take without "instead" (not one to bring along); a dose raised in
    # Russian; a number of pills or shots in Spanish
    ("You're fine to skip this morning's Menopur shot if you feel bloated.", True),
    ("Drink plenty of coconut water and rest tonight.", True),
    ("Use the old letrozole from your last round until the refill arrives.", True),
    ("Bring your leftover medication to the visit so the nurse can check it.", False),
    ("Увеличьте дозу эстрадиола со следующей недели.", True),
    ("Póngase tres inyecciones esta semana en vez de dos.", True),
    ("Tres pastillas de muestra vienen en la caja del kit.", False),
    # a reading judged under its limit so she may wait; a result that means a treatment
    ("A temp of 99.9 is below the limit, so you can wait until Monday.", True),
    ("Your TSH is high, so you will need thyroid pills before a transfer.", True),
    ("Your call is within the limit so you can wait on hold.", False),
    ("The cycle has a set calendar, so you'll need medication deliveries on time.", False),
    ("Medications aren't included, so you'll need to budget for them.", False),
]


@pytest.mark.parametrize(("text", "expected"), GUARANTEES, ids=[g[0][:40] for g in GUARANTEES])
def test_guarantee_rule(checker, text, expected):
    rules = [v.rule for v in checker.check(text).violations]
    assert ("guarantee" in rules) is expected


@pytest.mark.parametrize(("text", "expected"), ADVICE, ids=[a[0][:40] for a in ADVICE])
def test_medical_advice_rule(checker, text, expected):
    rules = [v.rule for v in checker.check(text).violations]
    assert ("medical_advice" in rules) is expected


def test_the_one_pass_pre_check_keeps_every_pattern_match(checker):
    """A sentence skips the per-pattern loop only when no pattern can match it: the rules find
    the same spans as with every pattern tried on every sentence."""
    texts = [t for t, _ in GUARANTEES + ADVICE] + [d.text for d in generate(7, 300)]
    for rule in [r for r in checker.rules if isinstance(r, PhraseListRule)]:
        tries_all = copy.copy(rule)
        tries_all.any_pattern = re.compile("")
        for text in texts:
            assert rule.find(text) == tries_all.find(text), (rule.rule_id, text)


NOTES = [
    ("pt is 43 and asks about IVF", (), ["age_42_plus"]),
    ("caller 44 yo wants a consult", (), ["age_42_plus"]),
    ("age 44, wants IVF", (), ["age_42_plus"]),
    ("pt [NAME] dob [DOB] (age 45) asks about IUI", (), ["age_42_plus"]),
    ("pt asks about IVF", (44,), ["age_42_plus"]),
    ("She's 38 and asks about IUI", (), []),
    ("pt asks about IVF", (41,), []),
    ("pt had a retrieval 42 days ago", (), []),
    ("is the $42 copay right?", (), []),
    ("new patient wants a refill of her progesterone", (), ["rx_renewal_new_patient"]),
    ("she is not an established patient and needs her Clomid renewed", (),
     ["rx_renewal_new_patient"]),
    ("caller moved from another clinic and needs her prescription renewed", (),
     ["rx_renewal_new_patient"]),
    ("established patient asks for a refill", (), []),
    ("new patient asks about a refund", (), []),
    ("pt is 44, new patient, wants her meds refilled", (),
     ["age_42_plus", "rx_renewal_new_patient"]),
    ("how much gonal-f should she take tonight", (), ["clinical_question"]),
    ("pt missed her progesterone dose last night", (), ["clinical_question"]),
    ("pt bloated after retrieval, can i tell her its normal", (), ["clinical_question"]),
    ("should she stop the estradiol before the transfer", (), ["clinical_question"]),
    ("what are the side effects of the trigger shot", (), ["clinical_question"]),
    ("how much does the ovarian reserve panel cost", (), []),
    ("is it ok to reschedule her consult to friday", (), []),
    ("how many embryos can be tested with PGT-A", (), []),
    ("is the nurse line open on saturday", (), []),
    # whether she may take, mix or drink something; not a history or a visit taken
    ("is it safe to have a glass of wine while on stims", (), ["clinical_question"]),
    ("pt asks can she still take ibuprofen after the egg collection", (), ["clinical_question"]),
    ("how many vials does she mix for tonight", (), ["clinical_question"]),
    ("should i take her full medical history over the phone", (), []),
    ("can she take the video visit from her office", (), []),
    ("how much are her meds with insurance", (), []),
]


@pytest.mark.parametrize(("question", "ages", "expected"), NOTES, ids=[n[0][:40] for n in NOTES])
def test_required_notes(checker, question, ages, expected):
    notes = checker.required_notes(question, ages=list(ages))
    assert [n.id for n in notes] == expected
    assert all(n.text for n in notes)


def test_missing_note_is_reported_and_present_note_passes(checker):
    notes = checker.required_notes("pt is 44")
    without = checker.check("We'd be glad to see you.", required=notes)
    assert [v.rule for v in without.violations] == ["missing_note"]
    assert without.violations[0].suggestion == notes[0].text
    with_note = checker.check("We'd be glad to see you. " + notes[0].text, required=notes)
    assert with_note.verdict == "pass"


URGENT = [
    ("pt has severe abdominal pain after retrieval", "severe abdominal pain or bloating"),
    ("caller can't catch her breath", "shortness of breath"),
    ("her temp is 101.2", "fever over 100.4 F"),
    ("she has a fever and chills", "fever"),
    ("gained 3 lb since yesterday", "rapid weight gain"),
    ("heavy bleeding and dizziness", "heavy bleeding"),
    ("she has chest pain", "chest pain"),
    ("pt fainted this morning", "fainting"),
    ("caller says shes thinking about hurting herself", "self-harm"),
    ("she said she wants to end her life", "self-harm"),
    ("after the negative test she told me she doesn't want to live anymore", "self-harm"),
    ("caller says her family would be better off dead without her", "self-harm"),
    # a fever said as the adjective; pain scored on the 0-10 scale; clots measured against
    # something; bleeding through clothes (not ink through a page)
    ("she's febrile, 101.3 this morning", "fever over 100.4 F"),
    ("she rates her belly pain a 9/10 since the retrieval", "severe abdominal pain or bloating"),
    ("abdominal cramps, eight out of ten", "severe abdominal pain or bloating"),
    ("abd pain 3/10, mostly fine", None),
    ("she's passing clots as big as a plum", "heavy bleeding"),
    ("pt bled through her jeans at work", "heavy bleeding"),
    ("the ink bled through the consent form, should she resend it", None),
    # medication put aside: a plan when stockpiled, not when kept for the next cycle
    ("husband found she's been stockpiling her sleeping pills", "self-harm"),
    ("she is saving her leftover meds for the next cycle", None),
    ("will the bruising from the shot hurt her", None),
    ("temp 99.1 this morning", None),
    ("no fever, mild cramping", None),
    ("gained 1 lb since yesterday", None),
    ("wants to reschedule her consult", None),
    ("is the bleeding policy in the FAQ?", None),
    ("she is fever-free now", None),
    ("she says it's an emergency, what do i do", "emergency"),
    ("what does an emergency visit cost", None),  # a service named after it
    ("is the emergency exam fee the same at every office", None),
    # "emergency" modifying the word after it names a thing; the call's is the head word
    ("can the after-hours emergency line move her consult?", None),
    ("her cat needs the emergency vet today so she has to reschedule", None),
    ("sorry, it's an emergency, she needs someone now", "emergency"),
    ("we have an emergency with her meds", "emergency"),
    ("¿me da el número de emergencia de la clínica para guardarlo?", None),
    ("el contacto de emergencia de su ficha está mal", None),
    # a sheet or a leaflet listing red flags: its content, not her symptoms
    ("can we email her the aftercare sheet, the one listing fever and heavy bleeding as warning "
     "signs", None),
    ("she lost the leaflet that explains when severe abdominal pain needs a call", None),
    ("she read the instructions and now has heavy bleeding, soaking a pad an hour",
     "heavy bleeding"),
    # a red flag foreseen, in Portuguese and in Hindi typed in Latin letters: which number then
    ("ela quer saber pra qual número ligar caso tenha febre depois da punção", None),
    ("agar usko bukhar ho jaye toh kis number pe call kare", None),
    # a word before it naming whose or what kind of emergency: no red flag of hers
    ("she had a family emergency and needs to move her visit", None),
    ("childcare emergency, she needs to reschedule", None),
    ("it's a payment emergency: her card was declined twice", None),
    # ... or a word after it: where, whose, or about money
    ("she has an emergency at work and has to move friday's visit", None),
    ("billing is a mess, she says it's an emergency because she was charged for the same visit "
     "twice", None),
    ("teve uma emergência do trabalho e precisa remarcar", None),
    # cramps past bearing need no body part; a belly that looks months pregnant; breath too
    # short to speak in sentences
    ("since the retrieval she's had terrible cramping, can't get comfortable",
     "severe abdominal pain or bloating"),
    ("her cramps are getting really severe tonight", "severe abdominal pain or bloating"),
    ("husband says her tummy looks about five months pregnant since the transfer",
     "severe abdominal pain or bloating"),
    ("she's breathing really hard just sitting on the couch", "shortness of breath"),
    ("she can't get out a full sentence without stopping", "shortness of breath"),
    ("pt ne kaha ki woh khud ko nuksan pahunchana chahti hai", "self-harm"),
    # a red flag foreseen, asked as an indirect question or in other languages' words for
    # what to do or whom to call
    ("she asks what she should do if she spikes a fever after the transfer", None),
    ("tanong niya kung ano ang gagawin kung lagnatin siya pagkatapos ng transfer", None),
    ("pyta, co ma zrobić, jeśli po transferze dostanie gorączki", None),
    ("她问如果发烧了应该打给谁", None),
    # a red flag as a form, a handout or the threshold names it; one over years ago; a child's
    ("asks whether fever is mentioned in the consent packet she's signing", None),
    ("does the 'trouble breathing' on her aftercare handout mean she should call at night "
     "too? she's fine", None),
    ("she wants the warning signs sheet (fever, heavy bleeding) in Spanish for her mom", None),
    ("la paciente pide la hoja de señales de alarma: fiebre, sangrado abundante", None),
    ("is 101 the cutoff for calling about a fever", None),
    ("she passed out once in college during a blood test, can her partner come to the draw",
     None),
    ("con gái của chị ấy bị sốt nên muốn đổi lịch", None),
    # ... but not a red flag told beside a sheet, a form or a cutoff
    ("she misplaced the warning signs sheet and now she is bleeding through a pad an hour",
     "heavy bleeding"),
    ("her mom is listed on the hipaa form, she says the pt can't catch her breath",
     "shortness of breath"),
    ("her temp is 102.8, is that over the cutoff", "fever over 100.4 F"),
    ("she is in college, it's an emergency, she's bleeding and asking about her payment",
     "emergency"),
    ("pt is a student in college and is soaking a pad an hour", "heavy bleeding"),
    ("pt says this is an emergency, she was charged twice for one visit", None),
    # severe pain said with the adjective in Spanish
    ("la paciente tiene un dolor abdominal muy fuerte desde la punción",
     "severe abdominal pain or bloating"),
    ("dice que siente mucho dolor abdominal e hinchada", "severe abdominal pain or bloating"),
    # as a caller may be quoted in Spanish, Vietnamese and Chinese (our own sentences)
    ("la paciente dice que está sangrando muchísimo", "heavy bleeding"),
    ("dice que no puede respirar bien", "shortness of breath"),
    ("se desmayó en la cocina", "fainting"),
    ("chị ấy bị chảy máu rất nhiều", "heavy bleeding"),
    ("bệnh nhân khó thở", "shortness of breath"),
    ("她流了很多血", "heavy bleeding"),
    ("病人呼吸困难", "shortness of breath"),
    ("no tiene fiebre, quiere cambiar la cita", None),
    ("chị ấy không sốt, muốn hỏi giá", None),
    ("她没有发烧，想问价格", None),
    ("quiere saber el precio de la consulta", None),
    # ... and in the other languages agents quote callers in (our own sentences)
    ("ela está sangrando demais desde ontem à noite", "heavy bleeding"),
    ("ela diz que sente falta de ar ao subir a escada", "shortness of breath"),
    ("sa femme a une forte douleur au ventre depuis ce matin", "severe abdominal pain or bloating"),
    ("elle a perdu connaissance chez elle", "fainting"),
    ("madanm lan di li pèdi anpil san", "heavy bleeding"),
    ("li gen lafyèv depi de jou", "fever"),
    ("sabi niya kinakapos siya ng hininga", "shortness of breath"),
    ("nahimatay daw siya kanina sa banyo", "fainting"),
    ("تقول إنها تشعر بضيق في التنفس", "shortness of breath"),
    ("لديها ألم في الصدر منذ الصباح", "chest pain"),
    ("어제부터 고열이 있대요", "fever"),
    ("이식 후 출혈이 심하대요", "heavy bleeding"),
    ("она говорит, что у неё одышка", "shortness of breath"),
    ("у неё обильное кровотечение", "heavy bleeding"),
    ("उसे सांस लेने में तकलीफ हो रही है", "shortness of breath"),
    ("pacjentka zemdlała w domu", "fainting"),
    ("朝から胸が痛いそうです", "chest pain"),
    ("ela não tem febre, só quer saber o preço", None),
    ("elle n'a pas de fièvre, elle veut changer son rendez-vous", None),
    ("li pa gen lafyèv, li vle pran randevou", None),
    ("ile kosztuje wizyta u lekarza?", None),
    ("진료 예약을 바꾸고 싶대요", None),
    ("сколько стоит заморозка яйцеклеток?", None),
    # typed on an English keyboard, without the language's marks
    ("co ay sot cao tu sang nay", "fever"),
    ("ela nao consegue respirar direito", "shortness of breath"),
    ("khong sot, co ay chi hoi gio mo cua", None),
    # a negation typed without its apostrophe
    ("her husband says she doesnt want to live anymore", "self-harm"),
    # words of degree between a symptom's words, or several of them in a row
    ("她说胸口非常痛", "chest pain"),
    ("환자가 숨이 정말 차대요", "shortness of breath"),
    ("biwi ke pet mein bahut zyada dard hai", "severe abdominal pain or bloating"),
    ("her stomach pain is really really bad", "severe abdominal pain or bloating"),
    ("co ay chay mau rat rat nhieu", "heavy bleeding"),
    ("她没有胸口很痛，只是想改时间", None),
    # a temperature in Celsius, a weight in kilos
    ("her temp is 38.7 since this morning", "fever over 100.4 F"),
    ("temp 37.1, she feels fine, wants to reschedule", None),
    ("tiene una temperatura de 39,2", "fever over 100.4 F"),
    ("gained 1.5 kg since yesterday after retrieval", "rapid weight gain"),
    ("gained 0.5 kg since yesterday", None),
    ("la paciente engordó 3 kilos desde ayer", "rapid weight gain"),
    # "emergency" in the caller's language; a form's emergency contact is none
    ("dice que es una emergencia", "emergency"),
    ("she wants to change her emergency contact", None),
    # verbs where the policy had nouns (Polish); Russian quoted in an English note
    ("bardzo krwawi od rana", "heavy bleeding"),
    ("strasznie boli ją brzuch", "severe abdominal pain or bloating"),
    ("pt says 'болит в груди' since noon", "chest pain"),
    # a red flag that is over, someone else's, or a case asked about in general; but not one
    # that is back, nor the patient's told by someone else
    ("she had a fever last month but it's gone now, wants to book", None),
    ("pt fainted once years ago at the dentist, should she list it", None),
    ("her son has a fever, she needs to move her consult", None),
    ("what counts as heavy bleeding after a retrieval", None),
    ("if a caller has chest pain do i transfer or give 911", None),
    ("she had a fever last week and now it's back", "fever"),
    ("her husband says she has a fever of 101", "fever over 100.4 F"),
    ("husband on the line, she is bleeding heavily", "heavy bleeding"),
    ("she is soaking thru a pad every hour", "heavy bleeding"),
    ("she has passed out twice since lunch", "fainting"),  # no "has passed" that is over
    ("her mom says her daughter has a fever of 102", "fever over 100.4 F"),  # the patient
    ("her 5 yo son has a fever, she needs to cancel", None),
    ("her dog is vomiting blood, and she is bleeding heavily herself", "heavy bleeding"),
    ("ella tuvo fiebre el lunes pero ya se le quitó, quiere su cita", None),
    ("she had a fever last week, fully better now, can she still come friday", None),
    # an approximate weight, tampons and clots, a lay description, the end of it all
    ("she gained about 3 lbs since yesterday after retrieval", "rapid weight gain"),
    ("she's soaked 2 tampons in an hour", "heavy bleeding"),
    ("she is passing huge clots", "heavy bleeding"),
    ("pt is doubled over on the floor", "severe abdominal pain or bloating"),
    ("she can barely stay awake after the retrieval", "fainting"),
    ("she keeps saying she wants to end it all", "self-harm"),
    # German and Italian, and their negations
    ("sie blutet sehr stark seit dem Transfer", "heavy bleeding"),
    ("la paziente ha la febbre alta da ieri", "fever"),
    ("sie hat kein Fieber, nur eine Frage zur Rechnung", None),
    # clinical shorthand
    ("sob since the transfer", "shortness of breath"),
    ("severe abd cramps after retrieval", "severe abdominal pain or bloating"),
    # a fever word with a number that is no temperature; a temperature read off a thermometer or
    # said with its unit and no word for fever; one under the threshold, or no body's, is calm
    ("she's had a fever for 3 days now", "fever"),
    ("fever since 4 pm, wants the nurse", "fever"),
    ("fever 99.4 this morning, she wants to book", None),
    ("the ear thermometer said 101.8 an hour ago", "fever over 100.4 F"),
    ("she's at 38.6 °C since noon", "fever over 100.4 F"),
    ("102.2 by mouth, she's on stims", "fever over 100.4 F"),
    ("sốt nhẹ 37,2 độ, chị ấy muốn đổi lịch", None),
    ("it's 90 degrees out, can she wait inside", None),
    # pads counted by the hour or by how many she went through
    ("she has gone through four pads since breakfast", "heavy bleeding"),
    ("changing a pad every hour since the transfer", "heavy bleeding"),
    ("she uses one pad a day now, wants her bloodwork time", None),
    # figures of speech, a past told with "back in", and the past in more languages
    ("she says she can't breathe until the embryology lab calls", None),
    ("the practice is hemorrhaging cash on no-shows", None),
    ("she was short of breath back in March and is fine now", None),
    ("may lagnat siya noong nakaraang buwan, okay na siya, magpapa-schedule lang", None),
    ("pichle hafte bukhar tha, ab theek hai, appointment badalna hai", None),
    ("teve febre há três semanas, quer remarcar a consulta", None),
    # a swollen belly as callers say it in Japanese, Vietnamese, Hinglish and Tagalog; kilos said
    # with a decimal comma since yesterday, in Portuguese
    ("お腹がパンパンで歩けないそうです", "severe abdominal pain or bloating"),
    ("bụng chị ấy căng cứng từ tối qua", "severe abdominal pain or bloating"),
    ("retrieval ke baad pet bohot phool gaya hai", "severe abdominal pain or bloating"),
    ("lumobo ang tiyan niya pagkatapos ng retrieval", "severe abdominal pain or bloating"),
    ("ganhou 1,3 kg de ontem para hoje depois da punção", "rapid weight gain"),
    # two readings a day apart: the gain between them; a temperature with its scale's letter
    # alone; a fever in degrees in Persian
    ("she weighed 70.1 kg yesterday and 71.3 kg this morning, day 3 after retrieval",
     "rapid weight gain"),
    ("tracking her weight for the nurse: 150.2 -> 152.8 overnight", "rapid weight gain"),
    ("she was 58.0 kg yesterday, 58.4 today after the retrieval", None),
    ("she's at 38.7 C since noon, transfer was tuesday", "fever over 100.4 F"),
    ("37.2 c this morning, wants to book", None),
    ("بیمار میگه تب داره ۳۹ درجه بعد از پانکچر", "fever over 100.4 F"),
    # harming herself, in the languages callers are quoted in
    ("sinabi niya na gusto niyang saktan ang sarili niya ngayong gabi", "self-harm"),
    ("dice que tiene ganas de hacerse daño, está muy triste", "self-harm"),
    ("elle m'a dit qu'elle pense à se faire du mal", "self-harm"),
    ("bệnh nhân nói muốn tự làm hại bản thân", "self-harm"),
    ("病人说她想伤害自己", "self-harm"),
    ("она говорит, что хочет навредить себе", "self-harm"),
    ("elle s'est blessée au genou hier, elle veut changer son rendez-vous", None),
    # digits of other scripts and the Arabic decimal separator; a gain said as more than the day
    # before, or in stones; the day first and the verb last (ko); a reading on a named
    # thermometer; a term asked about in quotes, or what counts as a fever, is no red flag
    ("دمای بدنش ۳۹٫۲ درجه است", "fever over 100.4 F"),
    ("उसे बुखार १०२ है", "fever over 100.4 F"),
    ("she weighs 1.4 kg more than yesterday after the retrieval", "rapid weight gain"),
    ("she gained 0.2 stone since yesterday on stims", "rapid weight gain"),
    ("she gained 0.1 stone since yesterday on stims", None),
    ("어제보다 체중이 1.5킬로 늘었어요", "rapid weight gain"),
    ("어제보다 0.5킬로 늘었어요", None),
    ("38.7 on the digital thermometer, she wants to cancel", "fever over 100.4 F"),
    ("what temperature counts as a fever for the nurse line?", None),
    ("what does 'soaking a pad' mean on the aftercare page?", None),
    # lay words for a red flag, in English and other languages; a pain scored 8 or more of 10
    ("she gets breathless walking to the mailbox since the transfer", "shortness of breath"),
    ("she's breathless with excitement about the positive test", None),
    ("chị ấy bị hụt hơi từ sáng", "shortness of breath"),
    ("od rana brakuje jej tchu przy każdym kroku", "shortness of breath"),
    ("昨日から息苦しいと言っています", "shortness of breath"),
    ("у неё после пункции раздуло живот", "severe abdominal pain or bloating"),
    ("배가 너무 빵빵해서 숨쉬기도 힘들대요", "severe abdominal pain or bloating"),
    ("her cramps are an 8 out of 10 since the retrieval", "severe abdominal pain or bloating"),
    ("her cramps are a 3/10, she wants the refill price", None),
    ("pain 9/10 since the retrieval this morning", "severe abdominal pain or bloating"),
    ("mild cramping since 9/10, wants to move her appt", None),
    ("取卵后出血多，还有血块", "heavy bleeding"),
    ("夕方から出血がひどくて心配だそうです", "heavy bleeding"),
    ("مریضہ کو بخار ہے اور سردی لگ رہی ہے", "fever"),
    ("ważyła 61,0 kg, dzisiaj 62,2 kg po punkcji", "rapid weight gain"),
    # a red flag over (a fever gone for days; breathing fine now), an idiom, a negation after
    # the red flag where the language puts it (ja, ru), and not another verb's (ja)
    ("the fever has been gone for three days now, she wants her start date", None),
    ("she was winded earlier but she's breathing fine now", None),
    ("she has spring fever and wants an earlier slot", None),
    ("出血などは特にないそうです", None),
    ("одышки нет, хочет перенести визит", None),
    ("お腹がパンパンで歩けないそうです", "severe abdominal pain or bloating"),
    # a red flag foreseen: in a clause an "if" opens, in a sentence asking what to do then (in
    # the callers' languages too); not "asking if" (whether), nor a statement with "if"
    ("if her fever spikes over the long weekend, who does she call?", None),
    ("si le da fiebre alta esta noche, ¿a quién llama?", None),
    ("если вдруг начнётся сильное кровотечение, что ей делать?", None),
    ("如果取卵后发烧了怎么办？", None),
    ("what if she starts bleeding heavily during the flight?", None),
    ("she's asking if a fever of 101 after the retrieval is a problem", "fever over 100.4 F"),
    ("if she walks to the kitchen she can't breathe, since the retrieval", "shortness of breath"),
    ("she has a fever of 102, what if it goes higher tonight?", "fever over 100.4 F"),
    # a red flag's word misspelt; a Spanish word of degree between the words of one
    ("she has a fevr of 101.2 since the transfer", "fever over 100.4 F"),
    ("pt says she's bleding heavily since this morning", "heavy bleeding"),
    ("dice que le cuesta muchísimo respirar desde anoche", "shortness of breath"),
    ("tiene la barriga súper hinchada desde la punción", "severe abdominal pain or bloating"),
    # the caller's words trailing off mid-sentence; a pause that ends nothing
    ("pt on the phone... she says she can't... catch her breath", "shortness of breath"),
    ("가슴이... 너무 답답해요", "chest pain"),
    ("she had no bleeding... only spotting, wants her beta date", None),
    ("she had a fever back in june... but now she's bleeding heavily", "heavy bleeding"),
    # the caller speaking of herself, where the patterns said it of her (es, pt)
    ("desde la mañana no puedo respirar bien", "shortness of breath"),
    ("siento que me falta el aire al subir las escaleras", "shortness of breath"),
    ("me duele el pecho desde hace una hora", "chest pain"),
    ("ya no quiero seguir viviendo así", "self-harm"),
    ("não consigo respirar desde a punção", "shortness of breath"),
    ("engordei 1,4 kg de ontem para hoje, é normal?", "rapid weight gain"),
    ("no me duele el pecho, solo quiero cambiar la cita", None),
    # a second red flag denied by "nor" ("ni", "nem"); a faint line on a pregnancy test; an
    # insult; a fever months ago; the same red flags had
    ("sin fiebre ni sangrado fuerte, pregunta por el precio de la FET", None),
    ("ela não tem febre nem sangramento forte, só quer remarcar", None),
    ("she got a faint positive this morning, when's her beta?", None),
    ("the last billing guy was such a SOB to her on the phone", None),
    ("she ran a fever of 102 back in february, all good since", None),
    ("she fainted twice at home after the retrieval", "fainting"),
    ("pt reports SOB walking up the stairs since the transfer", "shortness of breath"),
    # a collapse, breath short on a walk or lying flat, not knowing the day (the documents'
    # "winded walking to the kitchen", "sudden confusion")
    ("her husband says she collapsed in the kitchen", "fainting"),
    ("gets out of breath just walking up the driveway since the retrieval",
     "shortness of breath"),
    ("she doesn't know what day it is since this afternoon", "seizure or sudden confusion"),
    # a red flag over: resolved, said after it; in French, "it has passed"
    ("she ran a fever of 101.8 with the flu in october, resolved, just booking a consult", None),
    ("heavy bleeding two summers ago after a loss, all resolved, needs records", None),
    ("elle a eu de la fièvre la semaine dernière, c'est passé, elle veut un rendez-vous", None),
    # a pad soaked in under an hour, told by the minutes it lasts
    ("she needs a fresh pad every 20 minutes since noon", "heavy bleeding"),
    ("cambia la toalla cada media hora desde la mañana", "heavy bleeding"),
    # a temperature's unit typed against its decimal ("3F" is no leetspeak "EF")
    ("she had 101.3F overnight and chills", "fever over 100.4 F"),
]


@pytest.mark.parametrize(("question", "flagged"), [
    ("she needs a fresh pad every 20 minutes since noon", True),
    ("cambia la toalla cada media hora desde la mañana", True),
    ("pads every 90 minutes now, lighter than yesterday", False),
    ("she asked if she can use pads after the transfer in 30 min", False),
])
def test_a_pad_soaked_within_the_hour_is_read_by_the_patterns(question, flagged):
    """The meaning layer finds some of these wordings; the triggers alone must too (a pad
    lasting under an hour), and not a pad in a sentence that times something else."""
    policy = Policy.load()
    notice = UrgentDetector(policy.urgent, Negation.compile(policy.negation)).detect(question)
    assert (notice is not None and "heavy bleeding" in notice.reasons) is flagged


def test_a_question_asked_twice_in_one_answer_is_read_once(monkeypatch):
    policy = Policy.load()
    detector = UrgentDetector(policy.urgent, Negation.compile(policy.negation))
    read: list[str] = []
    sentences = detector._sentences
    monkeypatch.setattr(detector, "_sentences", lambda text: read.append(text) or sentences(text))
    first = detector.detect("she is soaking a pad every hour since the retrieval")
    again = detector.detect("she is soaking a pad every hour since the retrieval")
    assert first is again and first is not None and len(read) == 1
    assert detector.detect("what does the consult cost") is None and len(read) == 2


@pytest.mark.parametrize(("question", "reason"), URGENT, ids=[u[0][:40] for u in URGENT])
def test_urgent_symptoms(checker, question, reason):
    notice = checker.urgent(question)
    if reason is None:
        assert notice is None
    else:
        assert reason in notice.reasons
        assert "nurse line" in notice.text and "911" in notice.text
        # a caller speaking of ending her life gets the crisis line with the transfer
        assert ("988" in notice.text) is (reason == "self-harm")


@pytest.mark.parametrize(("question", "after_hours"), [
    ("it's sunday morning and she's soaking a pad every half hour", True),
    ("thanksgiving morning, she fainted in the kitchen after her retrieval", True),
    ("nurse line already gone for the day, pt says she can't catch her breath", True),
    ("son las 7, ya cerró la clínica y dice que no puede respirar", True),
    ("her retrieval was saturday and now she has a fever of 102", False),
    ("pt has a fever of 102 after the transfer", False),
])
def test_a_red_flag_told_when_the_nurse_line_is_closed_names_the_after_hours_route(
        checker, question, after_hours):
    notice = checker.urgent(question)
    assert notice is not None
    assert (checker.policy.urgent.off_hours_text in notice.text) is after_hours
    assert "Transfer to the nurse line now" in notice.text


def test_a_red_flag_with_its_own_notice_keeps_the_general_one_for_the_others(checker):
    notice = checker.urgent("she's bleeding heavily and says she wants to die")
    assert set(notice.reasons) == {"heavy bleeding", "self-harm"}
    assert "988" in notice.text
    assert "Transfer to the nurse line now" in notice.text


def test_revise_replaces_offending_sentences_and_appends_notes(checker):
    notes = checker.required_notes("pt is 44, asks about a consult")
    draft = "We'd be glad to see you. Our consultation is free. You will get pregnant."
    first = checker.check(draft, required=notes)
    assert {v.rule for v in first.violations} == {"free_consultation", "guarantee", "missing_note"}
    revised = checker.revise(draft, first.violations)
    assert revised.startswith("We'd be glad to see you.")
    assert "is free" not in revised and "will get pregnant" not in revised
    assert checker.check(revised, required=notes).verdict == "pass"


def test_revise_removes_a_wrong_price_sentence(checker):
    draft = "Thanks for calling. We have a $150 phone consultation."
    revised = checker.revise(draft, checker.check(draft).violations)
    assert revised == "Thanks for calling."


def test_a_negation_stops_at_a_joined_clause_for_a_claim_but_not_in_a_list():
    negations = re.compile(r"\bno\b|\bdenies\b|n't\b")
    claim = "there's no risk and nothing to pay"
    negation = Negation.compile(Policy.load().negation)
    assert not negation.negated(claim, claim.index("nothing"), negations, 4, claim=True)
    assert negation.negated(claim, claim.index("risk"), negations, 4, claim=True)
    symptoms = "denies fever and chills"
    assert negation.negated(symptoms, symptoms.index("chills"), negations, 4)


@pytest.mark.parametrize(("text", "symptom", "negated_"), [
    # a list whose last two items a word joins carries the negation past the window
    ("caller denies chills, nausea, fever or heavy bleeding", "heavy bleeding", True),
    ("she denies any chest pain or trouble breathing at all", "trouble breathing", True),
    # after a comma alone, a new statement; a turn, a person or a verb ends the list
    ("no fever, heavy bleeding since noon", "heavy bleeding", False),
    ("no chills or cough but heavy bleeding", "heavy bleeding", False),
    ("no fever, she is bleeding heavily", "bleeding", False),
    ("no pain, no fever today", "fever", True),  # its own negation
    # a screening's denial covers its list whole, commas alone between the items
    ("screened today: denies cramps, fever, bleeding, SOB", "SOB", True),
    ("denies headache, nausea, fever; wants her results", "fever", True),
    ("denies fever, she is bleeding heavily", "bleeding", False),
])
def test_for_a_symptom_a_negation_covers_its_item_and_an_or_list(text, symptom, negated_):
    policy = Policy.load()
    urgent = policy.urgent
    lists = Lists.compile(urgent.list_joins, urgent.list_ends, urgent.list_turns,
                          urgent.list_item_words, urgent.list_screens)
    negations = re.compile(r"\bno\b|\bdenies\b|n't\b")
    negation = Negation.compile(policy.negation)
    assert negation.negated(text, text.index(symptom), negations, 3, lists=lists) is negated_
