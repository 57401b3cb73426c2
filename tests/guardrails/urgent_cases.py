"""Generated questions for the urgent check by meaning: red flags in wordings the exemplar bank
does not use, in the contexts agents type them, and calm questions that mention a symptom."""

from __future__ import annotations

import random

RED_FLAGS = {
    "heavy bleeding": ["bleeding like a faucet", "blood is pouring out of her",
                       "she filled two pads in half an hour",
                       "she is passing clots the size of a fist",
                       "the bleeding will not slow down"],
    "shortness of breath": ["she can barely get air in", "she is gasping",
                            "her breathing is labored",
                            "she can't finish a sentence without stopping for breath",
                            "she feels like she is suffocating"],
    "severe abdominal pain or bloating": ["her belly is blown up like a balloon",
                                          "excruciating cramps in her lower stomach",
                                          "her stomach is rock hard and really painful",
                                          "she is puking nonstop and her belly keeps swelling"],
    "fever": ["she is burning up", "her temp is 102", "she is feverish and shaking all over",
              "she is running hot with chills"],
    "fainting": ["she keeled over at home", "she went limp and is not responding",
                 "she collapsed in the bathroom", "she has passed out twice today"],
    "chest pain": ["it feels like an elephant is sitting on her chest",
                   "a squeezing pain in the middle of her chest"],
    "seizure or sudden confusion": ["she is having convulsions",
                                    "she is suddenly confused and doesn't know where she is"],
    "self-harm": ["she doesn't see any reason to go on", "she wants to end it all",
                  *(PASSIVE_SELF_HARM := [
                      # the wish to be gone said without a word of dying, and a plan told
                      # without naming it
                      "she keeps saying nobody would even notice she was gone",
                      "she hopes she just won't wake up one of these mornings",
                      "she has been collecting a stash of pain pills for when she has had enough",
                      "she says her husband would be better off if she weren't around",
                  ])],
}
CONTEXTS = ["{}", "pt called, {}", "caller says {}", "husband on the line, {}",
            "{} since her retrieval yesterday", "{} - what do i do",
            "in the middle of a billing question she mentioned {}",
            # a red flag with another ask after it, in one sentence
            "{} and she wants to move her consult", "{}, her mom isn't on the release form"]
CALM = [
    "what is the fee if she cancels because she has a fever",
    "she had a fever last month but it is gone, wants to book a consult",
    "no bleeding and no pain, she is asking about the price of IVF",
    "she is breathless with excitement about her positive test",
    "mild bloating from the stim meds, can she still go to work",
    "she is dying to get started with treatment",
    "the wait for the consult is killing her",
    "she wants to know which symptoms mean she should call the nurse",
    "does insurance cover the ultrasound if she has cramps",
    "her mom passed out at the clinic years ago and she is nervous",
    "she is short of time and wants the quickest slot",
    "light spotting two days ago, stopped now, wants to know when to test",
    "can she exercise during stims or will it hurt",
    "she is worried the injections will hurt",
    "what do we tell a caller asking about our emergency contact policy",
    "she wants directions to the san mateo office",
    # a feeling, no symptom
    "the slot is gone, can I overbook her? she's extremely anxious",
    "she's very anxious",
    # money compared: "less" and "better off" of a price
    "she got a cheaper quote, she is better off elsewhere",
    "her quote came in for less",
    # medication running low: a refill, no plan
    "she is almost out of her progesterone and wants it refilled before the weekend",
    "she ran out of pills and wants more sent to her pharmacy",
]


def cases(seed: int = 7, per_flag: int = 8) -> list[tuple[str, str | None]]:
    """(question, red flag or None): every red-flag wording in a few seeded contexts, and the
    calm questions."""
    rng = random.Random(seed)
    found: list[tuple[str, str | None]] = []
    for flag, wordings in RED_FLAGS.items():
        for _ in range(per_flag):
            found.append((rng.choice(CONTEXTS).format(rng.choice(wordings)), flag))
    found += [(question, None) for question in CALM]
    return found


# Red flags said in other languages in lay words that no trigger of the policy lists, and calm
# lines in the same languages (written for this check; the multilingual reader's cases).
OTHER_LANGUAGES_RED_FLAGS = {
    "heavy bleeding": ["عندها نزيف قوي جداً ولا يتوقف منذ الصباح",
                       "از دیشب خونریزی زیادی داره و بند نمیاد",
                       "ਉਸਦਾ ਬਹੁਤ ਜ਼ਿਆਦਾ ਖੂਨ ਵਗ ਰਿਹਾ ਹੈ",
                       "ওর প্রচুর রক্তপাত হচ্ছে, থামছে না",
                       "leje się z niej krew od rana"],
    "severe abdominal pain or bloating": [
        "شکمش خیلی باد کرده و درد شدید داره",
        "اس کے پیٹ میں شدید درد ہے اور وہ سیدھی کھڑی نہیں ہو پا رہی",
        "お腹がものすごく痛くて立ち上がれないそうです",
        "배가 엄청 붓고 너무 아프대요",
        "у неё очень сильно болит живот, не может встать",
        "karnı çok şişti ve çok ağrıyor",
        "ela está com a barriga enorme e dura, com muita dor",
        "elle a tellement mal au ventre qu'elle ne peut plus se lever"],
    "shortness of breath": ["ਉਸਨੂੰ ਸਾਹ ਲੈਣ ਵਿੱਚ ਬਹੁਤ ਔਖ ਹੋ ਰਹੀ ਹੈ",
                            "갑자기 숨을 쉬기가 너무 힘들다고 해요",
                            "nefes alamıyorum diyor"],
    "fainting": ["হঠাৎ অজ্ঞান হয়ে পড়ে গেছে",
                 "急に意識がなくなって倒れたそうです",
                 "وہ بے ہوش ہو گئی تھی اور ابھی تک ٹھیک سے جواب نہیں دے رہی"],
}
OTHER_LANGUAGES_CALM = [
    "تسأل عن سعر الاستشارة الأولى وهل تقبلون التأمين",
    "تريد تغيير موعدها إلى الأسبوع القادم",
    "می‌خواهد بداند هزینه‌ی مشاوره چقدر است",
    "وہ پوچھ رہی ہیں کہ پارکنگ کہاں ہے",
    "ਉਹ ਆਪਣੀ ਮੁਲਾਕਾਤ ਦਾ ਸਮਾਂ ਬਦਲਣਾ ਚਾਹੁੰਦੀ ਹੈ",
    "তিনি জানতে চান বীমা খরচ দেবে কিনা",
    "初診の予約を取りたいそうです",
    "請求書の金額について質問があるそうです",
    "다음 주로 예약을 옮기고 싶대요",
    "보험 적용이 되는지 묻고 있어요",
    "она хочет узнать, сколько стоит заморозка яйцеклеток",
    "chce przełożyć wizytę na piątek",
    "randevusunu gelecek haftaya almak istiyor",
    "elle veut savoir si son assurance rembourse la FIV",
    "li vle konnen konbyen konsiltasyon an koute",
    "gusto niyang malaman kung magkano ang IVF",
    "ela quer remarcar a consulta para a semana que vem",
    "chị ấy hỏi phòng khám mở cửa mấy giờ",
    "pregunta si puede traer a su esposo a la consulta",
    "dice que no tiene dolor ni sangrado, solo quiere confirmar la cita",
    # a symptom denied, over, asked about in general, or a figure of speech
    "quiere saber si es normal sentirse un poco hinchada con el tratamiento",
    "спрашивает, какие симптомы считаются опасными после пункции",
    "先週少し熱がありましたが、今は元気です",
    "지금은 아픈 데 없고 예약만 바꾸고 싶대요",
    "ما عندها أي ألم ولا نزيف، بس تسأل عن الفاتورة",
    "diz que essa conta está acabando com ela",
    "chị ấy không bị sốt hay chảy máu gì, chỉ hỏi giá",
    "geçen ay ateşi vardı ama şimdi iyi, sadece randevu istiyor",
    "उसे कोई दर्द नहीं है, बस बिल के बारे में पूछ रही है",
    "숨찬 것도 없고 통증도 없는데 결제 방법을 묻고 싶대요",
    "wala po siyang sakit o lagnat, magtatanong lang tungkol sa bayad",
    "注射の副作用にはどんなものがあるか知りたいそうです",
    # a red flag foreseen, asking whom to call then
    "si le da fiebre después de la punción, ¿a qué número llama?",
    "nếu sau khi chọc trứng mà bị đau bụng nhiều thì gọi số nào?",
    "إذا صار عندها نزيف بعد العملية، شو لازم تعمل؟",
    # figures of speech about a bill
    "bei der Rechnung ist mir fast das Herz stehen geblieben",
    "mówi, że te ceny ją dobijają",
    # the language she speaks
    "она говорит только по-русски, нужен переводчик",
    "solo habla español, ¿hay intérprete?",
]


def other_language_cases() -> list[tuple[str, str | None]]:
    """(line, red flag or None): the red flags and calm lines in other languages."""
    return [(line, flag) for flag, lines in OTHER_LANGUAGES_RED_FLAGS.items()
            for line in lines] + [(line, None) for line in OTHER_LANGUAGES_CALM]
