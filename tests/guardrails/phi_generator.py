"""Synthetic agent notes with gold PHI spans: Faker people of many locales, invented names no list
has, names that are English words, every date and identifier form agents type, and the clinic's
own vocabulary (which must survive) mixed in. Seeded, so a failure reproduces.

``generate(count, seed)`` yields ``Sample``s: the text and its (start, end, label) PHI spans, and
the spans of clinic terms that must not be redacted.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

# Locales whose people call the clinic; each gives (given name, surname).
LOCALES = ["en_US", "es_MX", "pt_BR", "fr_FR", "de_DE", "it_IT", "pl_PL", "tr_TR", "ru_RU",
           "uk_UA", "el_GR", "en_IN", "yo_NG", "ig_NG", "en_NG", "ar_AA", "he_IL", "ko_KR"]
# Given names that are also English words (and so in every general word list).
WORD_NAMES = ["Hope", "Grace", "Joy", "Faith", "June", "April", "Summer", "Dawn", "Rose", "Ivy",
              "Will", "Mark", "Bill", "Frank", "Sky", "Amber", "Holly", "Hazel", "Robin", "Pearl",
              "Honor", "Mercy", "Sage", "River", "Wren", "Autumn", "Brook", "Crystal"]
# Syllables for names that no list holds.
SYLLABLES = ["ka", "vi", "ren", "lo", "mi", "tar", "zu", "bel", "no", "ria", "dan", "seo", "ul",
             "ke", "fa", "rin", "to", "ma", "shi", "ek", "ola", "nde", "yi", "qu", "bra"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SPANISH_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre"]
# Numbers as a voicemail transcript spells them.
DIGIT_WORDS = {"en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                      "nine"],
               "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
                      "nueve"]}
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth", "twentieth"]
# Identifying marks, and the colleagues and gadgets that are not PHI.
MOTIFS = ["rose", "anchor", "star", "koi", "lotus", "dragon", "feather", "compass", "moon"]
BODY = ["left wrist", "right ankle", "inner forearm", "neck", "left shoulder", "right hand"]
ROLES = ["team lead", "QA lead", "supervisor", "front desk", "scheduler"]
GADGETS = ["tracker", "bracelet", "ring", "thermometer", "app"]
UNITS = ["Spc", "Lot", "Trlr", "Unit", "Apt", "#"]
# The clinic's own words (from knowledge/): never PHI.
CLINIC = {
    "staff": ["Dr. Zhao", "Dr. Bell", "Dr. Raman", "Dr. Helen Zhao", "Dr. Marcus Bell",
              "Dr. Priya Raman"],
    "clinic_phone": ["(555) 010-0100", "(555) 010-0140", "(555) 010-0180"],
    "price": ["$99", "$299", "$350", "$14,900", "$9,500"],
    "service": ["the $99 promo virtual", "an IVF cycle", "egg freezing", "the ORP",
                "a frozen embryo transfer", "the $299 in-office consult"],
    "place": ["San Mateo", "Palo Alto"],
    "insurer": ["Aetna PPO", "Progyny", "Blue Shield", "Cigna", "UnitedHealthcare"],
    "weekday": ["Mon", "Tue", "Wed", "Thu", "Fri", "Monday", "Thursday"],
    "time": ["9:00", "10:30 am", "2:15 pm", "8 am"],
}

# {slot} is filled; slots in CLINIC are clinic terms, the others PHI.
TEMPLATES = [
    "pt {name} dob {dob} asking about {service} w {staff}",
    "{name} called re {service}; cb {phone}",
    "lvm for {first} at {phone} about her {weekday} slot",
    "spoke w {name_lower} re ins verif, member id {member}",
    "{last_upper}, {first_upper} — MRN {mrn} — needs f/u with {staff}",
    "{last}, {first} {initial}. asked if {insurer} covers {service}",
    "caller is {first}'s husband {name}; wants {staff} on {weekday}",
    "email from {email} ({name}) wants to move her {date} appt",
    "{name}, {old_age}, needs the accessible entrance at {place}",
    "new addr for {name}: {street}, {zip}",
    "ssn {ssn} pasted in chat by {first} — deleted",
    "claim # {claim} for {name}'s {date} visit denied",
    "lead {lead} — {name}: day 3 call done",
    "acct {acct} for {name}, paid {price}",
    "fwd from {name} <{email}>: can I book {service}?",
    "{name} booked {staff} {weekday} {time} in {place}",
    "{word_name} {last} asked about {service}, DOB {dob}",
    "the caller, {word_name}, needs {clinic_phone} before {time} on {weekday}",
    "transfer {name} to the nurse line {clinic_phone}, retrieval was {date}",
    "{invented} {invented_last} wants a callback at {phone} after {time}",
    "pls cb {invented} @ {phone}",
    "pt {name} (DOB {dob}) prefers {weekday} mornings",
    "{name} is {old_age} years old and asks about {price} pricing",
    "hi this is {name_lower}, my date of birth is {dob}",
    "La paciente {name} pregunta por {service}; fecha de nacimiento {dob_es}",
    "El esposo de {name} llamó al {phone}",
    "{name} hỏi giá IVF, sinh ngày {dob_vi}, SĐT {phone}",
    "{zh_name}来电询问试管婴儿价格，生日{dob_zh}",
    "Mrs. {last} asked if {price} includes labs",
    "passport {license} belongs to {name}, visa letter needed",
    "IMEI {device} used to reset {name}'s portal login",
    "{name}: {insurer} ID {member_spaced}",
    "ticket {claim} — {name} locked out of the portal",
    "photo {photo} sent by {first}",
    "{name} on {date_iso} asked to cancel",
    "voicemail said: {first_lower} speaking, reach me on {spoken_phone}",
    "auto-text: {name_lower} here, born {spoken_dob}",
    "buzón de voz: soy {name}, llámeme al {spoken_phone_es}",
    "{word_name} and her husband {name} are asking about {service}",
    "{word_name} (the pt's sister) wants {service} on {weekday} at {time}",
    "{vi_lower} dob {dob} hỏi về {service}",
    "{name} moved to {home_town} last month",
    "update addr for {name}: {odd_street}",
    "ID check at {time}: {first} has a {tattoo}",
    "{name} says her grandfather is turning {old_age_words} soon",
    "{first}'s great-uncle reached {old_age} this spring",
    "{colleague} handled {name}'s callback at {time}",
    "{name} uploads readings from her {gadget} every morning",
    "{name} needs a {language} interpreter for {service}",
    "{name} is out of the country until {date_words}; book {staff} after",
    "{name}'s scan is on the {ordinal_day} at {time}",
    "{name} read out her {insurer} number {grouped_id}",
    "{name} confirmed her birthday, the {ordinal_dob}",
    "{name} spelled her e-mail for me: {spoken_email}",
    "vm from {first_lower}: call back on {mixed_phone}",
    "{name} shares her journey on insta: {handle}",
    "{first} spelled her last name for me: {spelled_last}",
    "callback requested, pt initials {initials}, re {service}",
    "{name}'s confirmation code is {conf_code} for {service}",
]


@dataclass
class Sample:
    text: str
    phi: list[tuple[int, int, str]] = field(default_factory=list)
    clinic: list[tuple[int, int]] = field(default_factory=list)


class _Filler:
    """Fills one template's slots from one seeded random source."""

    def __init__(self, rng: random.Random, fakers: dict[str, Faker]):
        self.rng, self.fakers = rng, fakers

    def person(self) -> tuple[str, str]:
        locale = self.rng.choice(LOCALES)
        fake = self.fakers[locale]
        return fake.first_name(), fake.last_name()

    def invented(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()

    def birth(self) -> date:
        return date(1950, 1, 1) + timedelta(days=self.rng.randint(0, 365 * 55))

    def dob(self, day: date) -> str:
        forms = [f"{day:%m/%d/%Y}", f"{day.month}/{day.day}/{day:%y}", f"{day:%Y-%m-%d}",
                 f"{day:%d.%m.%Y}", f"{day:%Y.%m.%d}", f"{day:%Y/%m/%d}",
                 f"{day:%d%b%Y}".upper(), f"{day:%b}-{day.day:02d}-{day:%y}",
                 f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
                 f"{day.day} {MONTHS[day.month - 1]} {day.year}", f"{day:%b %d %Y}"]
        return self.rng.choice(forms)

    def digits(self, count: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(count))

    def letters(self, count: int) -> str:
        return "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(count))

    def phone(self) -> str:
        area, line = self.rng.choice(["408", "415", "510", "650", "669", "925"]), self.digits(4)
        exchange = self.rng.choice(["555", "201", "338", "724"])
        forms = [f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                 f"{area}.{exchange}.{line}", f"{area}{exchange}{line}",
                 f"+1 {area} {exchange} {line}", f"{area} {exchange} {line} x{self.digits(3)}"]
        return self.rng.choice(forms)

    def spelled(self, word: str) -> str:
        """A name read out letter by letter ("K-O-W-A-L", "K O W A L")."""
        return self.rng.choice(["-", " "]).join(_letters(word).upper())

    def spoken_email(self, first: str) -> str:
        """An address read out or typed to get past a filter: "ana.41 at example-mail dot com"."""
        at, dot = self.rng.choice([(" at ", " dot "), ("(at)", "(dot)"), (" [at] ", " [dot] ")])
        return f"{_ascii(first).lower()}.{self.digits(2)}{at}example-mail{dot}com"

    def spoken_phone(self, language: str) -> str:
        groups = [self.phone_digits()[:3], self.phone_digits()[3:6], self.phone_digits()[6:]]
        return ", ".join(" ".join(DIGIT_WORDS[language][int(d)] for d in g) for g in groups)

    def mixed_phone(self) -> str:
        """Digits and number words together, as a hurried note has them: "408 five five five
        0 1 9 3"."""
        digits = self.phone_digits()
        area, exchange, line = digits[:3], digits[3:6], digits[6:]
        words = " ".join(DIGIT_WORDS["en"][int(d)] for d in exchange)
        return f"{area} {words} {' '.join(line)}"

    def phone_digits(self) -> str:
        if not hasattr(self, "_phone"):
            self._phone = self.rng.choice(["408", "415", "650"]) + "555" + self.digits(4)
        return self._phone

    def spoken_dob(self, day: date) -> str:
        year = day.year % 100
        if year < 10:
            unit = DIGIT_WORDS["en"][year]
            said = ("two thousand" + (f" {unit}" if year else "")) if day.year >= 2000 else \
                f"nineteen oh {unit}"
        else:
            tens = TEENS[year - 10] if year < 20 else " ".join(
                w for w in (TENS[year // 10], DIGIT_WORDS["en"][year % 10] if year % 10 else "")
                if w)
            said = self.rng.choice([f"nineteen {tens}", tens]) if day.year < 2000 else \
                f"two thousand {tens}"
        return f"{MONTHS[day.month - 1].lower()} {ORDINALS[min(day.day, 20) - 1]} {said}"

    def old_age_words(self) -> str:
        age = self.rng.randint(90, 99)
        return "ninety" + (f"-{DIGIT_WORDS['en'][age % 10]}" if age % 10 else "")

    def odd_street(self) -> str:
        number, street = self.rng.randint(10, 9999), self.fakers["en_US"].last_name()
        city = self.fakers["en_US"].city()
        unit = f"{self.rng.choice(UNITS)} {self.rng.randint(1, 99)}"
        if self.rng.random() < 0.5:
            return f"{number} {street} {self.rng.choice(['Rd', 'Dr', 'Ave'])}, {unit}, {city}"
        return f"{number} Camino {street}, {unit}, {city}"

    def slot(self, name: str, first: str, last: str) -> tuple[str, str | None]:
        """The value of a slot and its PHI label (None for clinic vocabulary)."""
        if name in CLINIC:
            return self.rng.choice(CLINIC[name]), None
        day = self.birth()
        recent = date(2025, 1, 1) + timedelta(days=self.rng.randint(0, 300))
        vi = self.fakers["vi_VN"]
        vi_name = f"{vi.last_name()} {vi.middle_name()} {vi.first_name_female()}"
        values = {
            "first_lower": (first.lower(), "NAME"),
            "vi_lower": (_ascii(vi_name).lower(), "NAME"),
            "spoken_phone": (self.spoken_phone("en"), "PHONE"),
            "spoken_phone_es": (self.spoken_phone("es"), "PHONE"),
            "spoken_dob": (self.spoken_dob(day), "DATE"),
            "home_town": (self.rng.choice(CLINIC["place"]), "CITY"),
            "odd_street": (self.odd_street(), "ADDRESS"),
            "tattoo": (f"{self.rng.choice(MOTIFS)} tattoo on her {self.rng.choice(BODY)}",
                       "BIOMETRIC"),
            "old_age_words": (self.old_age_words(), "AGE"),
            "colleague": (f"{self.rng.choice(ROLES)} {self.fakers['en_US'].first_name()}", None),
            "gadget": (f"{self.fakers['en_US'].first_name_female()} {self.rng.choice(GADGETS)}",
                       None),
            "language": (self.fakers["en_US"].language_name(), None),
            "date_words": (f"{MONTHS[recent.month - 1][:3]} {recent.day}", "DATE"),
            "ordinal_day": (ORDINALS[self.rng.randint(0, 19)], "DATE"),
            "grouped_id": (" ".join(self.digits(3) for _ in range(3)) + f" {self.digits(2)}",
                           "MEMBER_ID"),
            "ordinal_dob": (f"{_ordinal(day.day)} of {MONTHS[day.month - 1]} {day.year}", "DATE"),
            "name": (f"{first} {last}", "NAME"), "first": (first, "NAME"),
            "last": (last, "NAME"), "name_lower": (f"{first} {last}".lower(), "NAME"),
            "first_upper": (first.upper(), "NAME"), "last_upper": (last.upper(), "NAME"),
            "initial": (self.rng.choice("ABCDEFGHJKLMNPRSTW"), "NAME"),
            "word_name": (self.rng.choice(WORD_NAMES), "NAME"),
            "invented": (self.invented(), "NAME"), "invented_last": (self.invented(), "NAME"),
            "zh_name": (self.fakers["zh_CN"].last_name() + self.fakers["zh_CN"].first_name(),
                        "NAME"),
            "dob": (self.dob(day), "DATE"), "date": (f"{recent.month}/{recent.day}", "DATE"),
            "date_iso": (f"{recent:%Y-%m-%d}T{self.rng.randint(8, 17)}:15", "DATE"),
            "dob_es": (f"{day.day} de {SPANISH_MONTHS[day.month - 1]} de {day.year}", "DATE"),
            "dob_vi": (f"{day.day} tháng {day.month} năm {day.year}", "DATE"),
            "dob_zh": (f"{day.year}年{day.month}月{day.day}日", "DATE"),
            "phone": (self.phone(), "PHONE"),
            "email": (f"{first.lower()}.{self.digits(2)}@example-mail.com", "EMAIL"),
            "spoken_email": (self.spoken_email(first), "EMAIL"),
            "mixed_phone": (self.mixed_phone(), "PHONE"),
            "spelled_last": (self.spelled(last if len(_letters(last)) >= 4 else first), "NAME"),
            "initials": (f"{_letters(first)[:1]}.{_letters(last)[:1]}.".upper(), "NAME"),
            "conf_code": (self.letters(2) + self.digits(2) + self.letters(2), "OTHER_ID"),
            "handle": (f"{_ascii(first).lower()}_{self.rng.choice(['ivf', 'ttc', 'journey'])}"
                       f"{self.digits(2)}", "OTHER_ID"),
            "member": (self.letters(3) + self.digits(self.rng.randint(7, 10)), "MEMBER_ID"),
            "member_spaced": (f"{self.letters(2)} {self.digits(4)} {self.digits(5)}", "MEMBER_ID"),
            "mrn": (self.rng.choice(["", "HP", "M-"]) + self.digits(8), "MRN"),
            "claim": (f"{self.letters(3)}-{self.digits(2)}-{self.digits(6)}", "OTHER_ID"),
            "lead": (f"{self.letters(2)}-{self.digits(7)}", "OTHER_ID"),
            "acct": (self.digits(self.rng.randint(8, 12)), "ACCOUNT"),
            "ssn": (self.digits(9), "SSN"), "license": (self.letters(1) + self.digits(8),
                                                      "LICENSE"),
            "device": (self.digits(15), "DEVICE"),
            "photo": (f"scan_{self.digits(4)}.jpg", "PHOTO"),
            "old_age": (str(self.rng.randint(90, 104)), "AGE"),
            "street": (f"{self.rng.randint(10, 9999)} {self.fakers['en_US'].last_name()} "
                       f"{self.rng.choice(['St', 'Ave', 'Rd', 'Blvd', 'Lane'])}", "ADDRESS"),
            "zip": (f"CA {self.digits(5)}", "ZIP"),
        }
        return values[name]


def generate(count: int, seed: int = 0) -> Iterator[Sample]:
    """``count`` samples, the same ones for the same seed."""
    rng = random.Random(seed)
    fakers = {locale: Faker(locale) for locale in {*LOCALES, "zh_CN", "vi_VN"}}
    for locale, fake in sorted(fakers.items()):
        fake.seed_instance(seed + sum(map(ord, locale)))
    filler = _Filler(rng, fakers)
    for _ in range(count):
        yield _fill(rng.choice(TEMPLATES), filler)


def _letters(text: str) -> str:
    return "".join(c for c in _ascii(text) if c.isalpha())


def _ascii(text: str) -> str:
    """Without accents, as agents often type Vietnamese ("Nguyễn Thị" -> "Nguyen Thi")."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _fill(template: str, filler: _Filler) -> Sample:
    filler.__dict__.pop("_phone", None)
    first, last = filler.person()
    sample = Sample("")
    position = 0
    for match in re.finditer(r"\{(\w+)\}", template):
        sample.text += template[position : match.start()]
        value, label = filler.slot(match.group(1), first, last)
        start = len(sample.text)
        sample.text += value
        if label is None:
            sample.clinic.append((start, len(sample.text)))
        elif label == "ZIP":  # "CA 94000": the state is not PHI
            sample.phi.append((start + 3, len(sample.text), label))
        else:
            sample.phi.append((start, len(sample.text), label))
        position = match.end()
    sample.text += template[position:]
    return sample
