"""Denial and retraction scope, on its own: what takes a claim back, and what does not."""

from __future__ import annotations

import pytest

from guardrails import ClaimsChecker
from guardrails.denial import DenialScope
from guardrails.text import normalize


@pytest.fixture(scope="module")
def scope() -> DenialScope:
    return DenialScope.load()


DENIED = [
    ("free_consultation", "We don't offer a free consultation."),
    ("free_consultation", "The consultation isn't really free."),
    ("free_consultation", "That old promotion ended in June."),
    ("free_consultation", "La consulta no es gratuita."),
    ("free_consultation", "Chúng tôi không có tư vấn miễn phí."),
    ("free_consultation", "我们不提供免费咨询。"),
    ("free_consultation", "진료 상담은 무료가 아닙니다."),
    ("free_consultation", "무료 상담은 제공하고 있지 않습니다."),  # "-고 있": one verb
    ("free_consultation", "The flyer advertising a no-cost visit was taken down last spring."),
    ("free_consultation", "Hindi po libre ang konsultasyon sa doktor."),
    ("free_consultation", "Konsiltasyon ak doktè a pa gratis."),
    ("free_consultation", "Консультация врача не бесплатная."),
    ("free_consultation", "Konsultacja z lekarzem nie jest bezpłatna."),
    ("free_consultation", "डॉक्टर से परामर्श मुफ़्त नहीं है।"),
    ("free_consultation", "استشارة الطبيب ليست مجانية."),
    # no clinic or doctor can promise it, in Vietnamese and Arabic
    ("guarantee", "Không bác sĩ nào có thể đảm bảo chị sẽ có thai sau lần chuyển phôi này."),
    ("guarantee", "لا يمكن لأي طبيب ضمان نجاح الدورة."),
    ("guarantee", "لا أحد يضمن الحمل من أول محاولة."),
    ("free_consultation", "医師の相談は無料ではありません。"),
    ("free_consultation", "My coworker shouldn't have told you the consult was free."),
    # the negators of other languages, before the free word
    ("free_consultation", "Nous n'avons aucune consultation gratuite, désolée."),
    ("free_consultation", "Li pa janm gen yon vizit gratis isit la."),
    ("free_consultation", "Wala pong libreng konsulta ngayong buwan."),
    ("free_consultation", "Não temos nenhuma consulta grátis."),
    ("free_consultation", "Wir haben keine kostenlose Erstberatung."),
    ("free_consultation", "لم تكن الزيارة الأولى مجانية أبدا."),
    # nothing more to pay for someone joining; our offer set apart from other clinics'
    ("free_consultation", "Su hermana puede entrar a la consulta sin cargo adicional."),
    ("free_consultation", "Pwede pong sumali ang asawa ninyo nang walang dagdag na bayad."),
    ("free_consultation", "Бесплатных консультаций у нас, к сожалению, нет."),
    ("free_consultation", "Other clinics run free consults, but not us: ours is $99."),
    ("medical_advice", "Chest pain after the retrieval needs a nurse right now."),
    # a denied claim with the words that keep it denied
    ("free_consultation", "I'm not able to promise you a complimentary visit."),
    ("free_consultation", "Sorry, we can't waive the fee for the video visit."),
    ("guarantee", "No one can promise you a baby."),
    ("guarantee", "IVF doesn't guarantee a pregnancy."),
    ("guarantee", "No podemos garantizar un embarazo."),
    ("guarantee", "Мы не можем обещать, что лечение сработает."),
    ("guarantee", "임신을 약속해 드릴 수 없습니다."),
    ("guarantee", "이 시술이 성공을 보장하지는 않아요."),
    ("guarantee", "Nie możemy zagwarantować ciąży po pierwszym cyklu."),
    ("guarantee", "妊娠を保証することはできません。"),
    ("free_consultation", "先生との相談は無料ではございません。"),
    ("medical_advice", "I'll transfer you to the nurse line."),
    ("medical_advice", "I can't give medical advice."),
    # the negation after the free words, in English and German; a question the nurse answers
    ("free_consultation", "Complimentary first visits aren't something we provide."),
    ("free_consultation", "A no-cost consult is not available at our clinic."),
    ("free_consultation", "Kostenlose Erstgespräche führen wir nicht durch."),
    # ... at the end of the clause, after the verb (Japanese, Korean, Hindi)
    ("free_consultation", "初回の無料カウンセリングは実施しておりません。"),
    ("free_consultation", "첫 무료 진료는 진행하지 않아요."),
    ("free_consultation", "पहला परामर्श मुफ़्त में उपलब्ध नहीं है।"),
    # a guarantee we do not give, in Portuguese and Spanish
    ("guarantee", "Não garantimos que o tratamento dê certo."),
    ("guarantee", "No prometemos un embarazo en el primer intento."),
    ("guarantee", "没有人能保证第一次就成功。"),
    ("medical_advice", "Which day to start the pills is a question our nurse handles."),
    # what the agent cannot tell or judge (how much, when), a nurse she is put through to
    ("medical_advice", "I'm unable to tell you how many units to inject tonight."),
    ("medical_advice", "I can't judge that kind of cramping over the phone."),
    ("medical_advice", "Hold on and I'll connect you with a nurse."),
]
NOT_DENIED = [
    ("free_consultation", "Don't miss our free consult!"),
    ("free_consultation", "We don't charge for the first consultation."),
    ("free_consultation", "Первая консультация бесплатная."),
    ("free_consultation", "Konsultacja jest bezpłatna, nie trzeba płacić."),
    ("free_consultation", "Don't forget to book your free first visit today."),
    ("free_consultation", "La consultation est gratuite, ne tardez pas."),
    ("free_consultation", "Other clinics charge for it; our consult is free."),
    ("free_consultation", "Free consults are something we offer every Monday."),
    ("free_consultation", "Die Erstberatung ist kostenlos, nicht nur für Neupatienten."),
    ("free_consultation", "Your visit fee was removed, so the visit is free for you."),
    ("guarantee", "You will get pregnant, no question."),
    ("medical_advice", "That's only spotting, you needn't phone the nurse."),
    ("medical_advice", "I can judge this one: skip tonight's shot."),
]


@pytest.mark.parametrize(("rule", "text"), DENIED, ids=[d[1][:30] for d in DENIED])
def test_denials_and_retractions(scope, rule, text):
    assert scope.denies(rule, normalize(text).text)


@pytest.mark.parametrize(("rule", "text"), NOT_DENIED, ids=[d[1][:30] for d in NOT_DENIED])
def test_claims_that_are_not_taken_back(scope, rule, text):
    assert not scope.denies(rule, normalize(text).text)


def test_a_follow_up_calling_the_claim_wrong_takes_it_back(scope):
    assert scope.takes_back(normalize("That flyer is out of date.").text)
    assert scope.takes_back(normalize("That was wrong, I'm sorry.").text)
    assert not scope.takes_back(normalize("That is our newest offer.").text)


def test_a_denial_covers_its_own_clause_only(scope):
    sentence = normalize("we don't offer free consults, but yours is on the house").text
    assert scope.denies("free_consultation", sentence, at=sentence.index("free"))
    assert not scope.denies("free_consultation", sentence, at=sentence.index("on the house"))


def test_clauses_joined_by_a_comma_and_and_are_two(scope):
    sentence = normalize("double tonight's shot, and the nurse can review it tomorrow").text
    assert not scope.denies("medical_advice", sentence, at=sentence.index("double"))
    sentence = normalize("the nurse can review tonight's shot; she'll call you back").text
    assert scope.denies("medical_advice", sentence, at=sentence.index("tonight"))


def test_a_korean_clause_ends_at_its_joining_verb_ending(scope):
    """"free, and it costs nothing": the negation of the second clause denies nothing of the
    first ("-며", "-고", "-지만", "-는데", with or without a comma)."""
    for joined in ("진료 상담은 무료이며, 돈이 전혀 들지 않아요.",
                   "초진 상담은 무료이고 부담이 없습니다."):
        sentence = normalize(joined).text
        assert not scope.denies("free_consultation", sentence, at=sentence.index("무료"))


def test_a_following_retraction_or_correction_takes_the_claim_back(scope):
    claim = normalize('our old page said "free phone consult".').text
    assert scope.denies("free_consultation", claim, following="that offer ended last year.")
    assert scope.denies("free_consultation", claim, following="please say our $99 consult.")
    assert not scope.denies("free_consultation", claim, following="call us today.")


# Claims in the other languages agents write that no meaning layer reads well (MiniLM knows
# English best): their own words name the rule.
IN_OTHER_LANGUAGES = [
    ("free_consultation", "초진 비용은 저희 클리닉이 부담하겠습니다."),
    ("free_consultation", "Wala kang babayaran sa konsultasyon ngayong linggo."),
    ("free_consultation", "A primeira consulta sai como cortesia da clínica."),
    ("free_consultation", "Этот приём мы берём на себя."),
    ("free_consultation", "पहला कन्सल्टेशन मुफ़्त रहेगा।"),
    ("guarantee", "Avec ce protocole, la grossesse est assurée."),
    ("guarantee", "Com esse protocolo o sucesso é certo."),
    ("medical_advice", "打完这针你就可以停用雌激素了。"),
    ("medical_advice", "ستحتاجين إلى أطفال الأنابيب مباشرة."),
    ("medical_advice", "आज से विटामिन डी लेना शुरू कर दीजिए।"),
    ("medical_advice", "Si ou santi doulè nan do, se nòmal."),
    ("free_consultation", "الاستشارة الأولى مع الدكتورة بالمجان هذا الشهر."),
    ("free_consultation", "डॉक्टर से पहला परामर्श मुफ़्त रहेगा।"),
    ("free_consultation", "La primera consulta corre por nuestra cuenta."),
    ("free_consultation", "Первую консультацию клиника проведёт за наш счёт."),
    ("free_consultation", "Die erste Beratung bei uns kostet Sie keinen Euro."),
    ("guarantee", "С нами беременность гарантирована уже в этом году."),
    ("guarantee", "この治療なら必ず妊娠できますよ。"),
    ("guarantee", "نضمن لك الحمل من المحاولة الأولى."),
    ("guarantee", "U nas sukces jest gwarantowany."),
    ("guarantee", "O tratamento tem 100% de sucesso aqui."),
    ("guarantee", "Nou garanti ou ap gen yon tibebe apre twa mwa."),
    ("medical_advice", "Прогестерон можно отменить уже завтра."),
    ("medical_advice", "Skurcze po punkcji są normalne, proszę się nie martwić."),
    ("medical_advice", "Le saignement après le transfert est normal."),
    ("medical_advice", "Si ou gen doulè, pran yon advil epi dòmi."),
    ("medical_advice", "出血は心配いりません。"),
]


@pytest.mark.parametrize(("rule", "text"), IN_OTHER_LANGUAGES,
                         ids=[t[1][:24] for t in IN_OTHER_LANGUAGES])
def test_claims_in_other_languages_are_found_by_their_words(policy, catalog, rule, text):
    checker = ClaimsChecker(policy, prices=catalog)  # the pattern rules alone
    assert [v.rule for v in checker.check(text).violations] == [rule]


@pytest.mark.parametrize("text", [
    "It's not the case that the intro consult is complimentary; it's $99.",
    "I'd be wrong to tell you, if I said the first visit was free, and it isn't.",
    "I would not want her to think a baby is guaranteed with one cycle.",
    "He wondered whether the video consultation is free, and I quoted $99.",
    "Algumas clínicas fazem consulta gratuita, mas aqui não: a virtual custa US$ 99.",
    "There's no such thing as a complimentary intro visit with us; the video one is $99.",
    "Her aunt heard the first visit was free. I'm sorry for the mix-up, that's not the case.",
    "Nou pa ka garanti ou ap ansent; chak ka diferan.",
    "She asked, 'Will this cycle definitely give me a baby?' Nobody can promise that.",
    # an offer said to have ended, in Japanese, Korean and traditional Chinese
    "以前の無料の電話相談は、すでに終了いたしました。現在は$99のオンライン相談です。",
    "예전에 안내한 무료 상담은 종료되었습니다.",
    "之前的免費諮詢已經結束了。",
    # ... and an old price quoted as ended there too
    "以前の$150の電話相談は終了しました。",
    "$150의 전화 상담은 종료되었습니다.",
])
def test_a_claim_said_untrue_unwanted_or_asked_about_is_no_claim(checker, text):
    """A claim no one makes: said to be untrue, what one would not have her think, a caller's
    question reported, other clinics' offer set apart in Portuguese."""
    assert checker.check(text).violations == []


@pytest.mark.parametrize("text", [
    "Ninguna clínica puede garantizar un embarazo.",
    "결과를 보장해 드릴 수는 없습니다.",
    "No one at our clinic will promise a pregnancy.",
    "I'm not able to offer dosing advice; the nurse line can.",
    "I would never tell her to double a shot; let me transfer her.",
    "Spotting after a transfer is something the nurses need to hear about; transferring now.",
    "No puedo decirle si ese mareo es normal; la paso con la enfermería.",
    "Não posso dizer se essa cólica é normal; vou passar para a enfermagem.",
])
def test_no_one_promising_or_advising_is_no_claim(checker, text):
    """No clinic or person here promises (in Spanish and Korean too); advice one would not give
    or cannot give; a symptom the nurses need to hear about."""
    assert checker.check(text).violations == []


def test_a_free_claim_after_an_unrelated_no_such_thing_is_still_found(checker):
    text = "There's no such thing as a silly question, and the first visit is free."
    assert [v.rule for v in checker.check(text).violations] == ["free_consultation"]


def test_saying_a_charge_is_untrue_denies_nothing(scope):
    """"It's not true that we bill for …" says the visit is free: no rule's claim is denied."""
    text = "It's not true that we bill for the first consultation."
    assert not scope.denies("free_consultation", normalize(text).text)
    assert scope.denies("free_consultation", normalize("It's not true that it's free.").text)


def test_checker_applies_the_scope_to_pattern_rules(checker):
    assert checker.check("The free consultation offer ended in 2024.").verdict == "pass"
    assert checker.check("We don't do free consults, but this one is free.").verdict \
        == "violation"


def test_a_bad_pattern_is_named(tmp_path):
    path = tmp_path / "denials.yaml"
    path.write_text("rules:\n  guarantee: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"denials.guarantee: invalid regex"):
        DenialScope.load(path)


@pytest.mark.parametrize(("text", "passes"), [
    ('The mailer she got said "no-cost first visit." Sorry, we don\'t offer a free visit.', True),
    ('Her friend read "free consults" on a forum. There is no free consultation here.', True),
    # quoted, but not denied after: still the claim
    ('The mailer said "no-cost first visit." Book yours today.', False),
    # denied after, but the draft's own words, not quoted: still the claim
    ("Your first visit is free. We don't offer a free visit to others.", False),
    # ... or denied in the same sentence, after a dash
    ('Her voicemail says "complimentary first consult" — to be clear, there is no free '
     'consultation here.', True),
    # the caller's question quoted is no claim, unless the answer after it is yes
    ('Your sister asked, "Do I pay nothing for the first visit?" It is $99 by video.', True),
    ('Your sister asked, "Is the first visit free?" Yes, it costs nothing.', False),
    ('Your sister asked, "Is the first visit free?" In short: yes.', False),
    # a claim after another question in the same clause is still the draft's
    ('Your sister asked, "When can I come in?", and the first visit is free.', False),
    # "no problem" after a question answers yes
    ("Free consult? No problem, I'll put you down for Tuesday.", False),
    # a retraction after an apology; an offer that exists no more, reported in French
    ("Complimentary first visit? So sorry, that was last year's flyer and it's no longer "
     "running.", True),
    ("Elle a lu « première visite gratuite » sur un forum : cette offre n'existe plus.", True),
    ("Elle a lu « première visite gratuite » sur un forum. Réservez vite !", False),
])
def test_a_quoted_claim_the_next_sentence_denies_is_no_claim(checker, text, passes):
    rules = [v.rule for v in checker.check(text).violations]
    assert ("free_consultation" not in rules) is passes
