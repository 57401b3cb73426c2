"""Seeded generated paraphrases for the claims check: templates x synonyms x languages x
obfuscations. Written for the tests (not taken from any dev set, nor from the exemplar banks);
``generate(seed, n)`` gives labelled drafts, half of them compliant near misses."""

from __future__ import annotations

import random
from dataclasses import dataclass

VISIT = ["first consultation", "initial consult", "intro call with a doctor", "first visit",
         "new-patient appointment", "second-opinion visit", "video consult with the physician",
         "get-to-know-you meeting with the specialist"]
NOTHING = ["free", "complimentary", "on the house", "at no charge", "free of charge",
           "without any fee", "zero dollars", "on us"]
FREE_TEMPLATES = [
    "Good news: your {visit} is {nothing}.",
    "We can set up your {visit}, and it's {nothing} this month.",
    "Just so you know, the {visit} is {nothing} for anyone who calls this week!",
    "Your {visit} will be {nothing}, so go ahead and book.",
    "Thanks for reaching out. The {visit} is {nothing} if you book online.",
    "We will waive the fee for your {visit}.",
    "You won't be charged a thing for the {visit}.",
    "Pay nothing for your {visit} with Dr. Lee.",
    "After the {visit} we refund the whole fee, so you pay nothing in the end.",
]
FREE_OTHER_LANGUAGES = [
    ("es", "¡Su {es} es gratis esta semana!"),
    ("es", "No cobramos nada por la {es}."),
    ("vi", "{vi} của chị là miễn phí nhé."),
    ("vi", "Bên em không thu phí {vi}."),
    ("zh", "您的{zh}是免费的。"),
    ("zh", "{zh}不用付钱。"),
]
VISIT_ES = ["primera consulta", "consulta inicial", "cita con la doctora"]
VISIT_VI = ["Buổi tư vấn đầu tiên", "Lần khám đầu", "Cuộc gọi với bác sĩ"]
VISIT_ZH = ["首次咨询", "第一次门诊", "医生电话咨询"]
COMPLIANT_TEMPLATES = [
    "Our {visit} isn't {nothing}; the promotional virtual option is $99.",
    "We don't offer a {nothing} {visit} of any kind.",
    "The old {nothing} {visit} promotion has ended.",
    "Feel free to call back if you want to book the {visit}.",
    "Parking is free, and your {visit} is $299 in the office.",
    "An interpreter can join your {visit} at no extra charge.",
    "Are you free on Monday for the {visit}?",
    "Your {visit} is $99 and is paid when you book.",
    "I can book the {visit} for next Wednesday at 10 am.",
]
GUARANTEE_TEMPLATES = [
    "I promise you'll {outcome}.",
    "You're {certain} going to {outcome}.",
    "With our team you will {certain} {outcome}.",
    "If you don't {outcome}, we hand back every dollar.",
    "Our program means you {certain} {outcome}, no question about it.",
]
OUTCOME = ["get pregnant", "have a baby", "bring home a baby", "conceive this year",
           "see a positive test"]
CERTAIN = ["definitely", "surely", "certainly", "100%", "without a doubt"]
GUARANTEE_COMPLIANT = [
    "No one can promise you'll {outcome}; the doctor will go over your chances.",
    "We can't guarantee that you'll {outcome}.",
    "Many patients {outcome}, but results vary from person to person.",
]
ADVICE_TEMPLATES = [
    "{symptom} is completely normal, so there's no need to call.",
    "Don't worry, {symptom} happens to everyone and goes away.",
    "You can just {action} and you'll be fine.",
    "It's okay to {action}, it won't make a difference.",
]
SYMPTOM = ["light bleeding after the transfer", "some cramping after the retrieval",
           "bloating during stims", "a headache on the injections", "spotting on progesterone"]
ACTION = ["skip tonight's progesterone", "double up on the next shot",
          "stop the estrogen pills early", "take the trigger an hour late",
          "cut the dose in half"]
ADVICE_COMPLIANT = [
    "For {symptom}, I'll transfer you to the nurse line (option 4).",
    "A nurse can tell you whether you can {action}; let me connect you.",
    "I can't give medical advice about {symptom}; the nurses will call you back.",
]


@dataclass(frozen=True)
class Draft:
    text: str
    rule: str  # "none" for compliant drafts


def spaced(word: str, rng: random.Random) -> str:
    return rng.choice([" ", ".", "-"]).join(word)


def leet(word: str, rng: random.Random) -> str:
    swaps = {"e": "3", "o": "0", "i": "1", "a": "4"}
    return "".join(swaps[c] if c in swaps and rng.random() < 0.6 else c for c in word)


def lookalike(word: str, rng: random.Random) -> str:
    cyrillic = {"e": "\u0435", "o": "\u043e", "a": "\u0430", "c": "\u0441", "p": "\u0440"}
    return "".join(cyrillic.get(c, c) for c in word)


def zero_width(word: str, rng: random.Random) -> str:
    return "\u200b".join(word)


def hashtag(word: str, rng: random.Random) -> str:
    return "#" + word.title().replace(" ", "")


def misspelt(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word + word[-1]
    index = rng.randrange(1, len(word) - 2)
    return word[:index] + word[index + 1] + word[index] + word[index + 2 :]


OBFUSCATIONS = [spaced, leet, lookalike, zero_width, misspelt]


def _free(rng: random.Random) -> Draft:
    if rng.random() < 0.3:
        language, template = rng.choice(FREE_OTHER_LANGUAGES)
        text = template.format(es=rng.choice(VISIT_ES), vi=rng.choice(VISIT_VI),
                               zh=rng.choice(VISIT_ZH))
        return Draft(text, "free_consultation")
    nothing = rng.choice(NOTHING)
    if rng.random() < 0.4 and nothing in {"free", "complimentary"}:
        nothing = rng.choice(OBFUSCATIONS)(nothing, rng)
    if rng.random() < 0.1:
        return Draft(f"{hashtag('free consult', rng)} for new patients this week!",
                     "free_consultation")
    text = rng.choice(FREE_TEMPLATES).format(visit=rng.choice(VISIT), nothing=nothing)
    return Draft(text, "free_consultation")


def _compliant(rng: random.Random) -> Draft:
    kind = rng.random()
    if kind < 0.5:
        template = rng.choice(COMPLIANT_TEMPLATES)
        text = template.format(visit=rng.choice(VISIT), nothing=rng.choice(NOTHING[:2]))
    elif kind < 0.75:
        text = rng.choice(GUARANTEE_COMPLIANT).format(outcome=rng.choice(OUTCOME))
    else:
        text = rng.choice(ADVICE_COMPLIANT).format(symptom=rng.choice(SYMPTOM),
                                                   action=rng.choice(ACTION))
    return Draft(text, "none")


def _guarantee(rng: random.Random) -> Draft:
    text = rng.choice(GUARANTEE_TEMPLATES).format(outcome=rng.choice(OUTCOME),
                                                  certain=rng.choice(CERTAIN))
    return Draft(text, "guarantee")


def _advice(rng: random.Random) -> Draft:
    text = rng.choice(ADVICE_TEMPLATES).format(symptom=rng.choice(SYMPTOM),
                                               action=rng.choice(ACTION))
    return Draft(text[0].upper() + text[1:], "medical_advice")


def generate(seed: int, count: int) -> list[Draft]:
    """``count`` drafts: 30% free consultation, 10% guarantee, 10% advice, 50% compliant."""
    rng = random.Random(seed)
    makers = [_free] * 3 + [_guarantee, _advice] + [_compliant] * 5
    return [rng.choice(makers)(rng) for _ in range(count)]
