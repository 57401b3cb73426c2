"""Identifiers by shape, recall first: any token of ``min_length``+ letters and digits that carries
a digit is someone's number (member ID, MRN, claim, account, lead, device…), unless it is a date, a
time, a price, a phone number, a quantity, or a code or number the clinic's documents contain, or
a cue says it is not a person's ("lot", "routing", "rev."). The cue before it names the label.

Phone numbers come from ``phonenumbers`` (any US or international form), image files are PHOTO,
handles (``@name``) OTHER_ID.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrails.allowlist import Allowlist
from guardrails.text import alternation

# A token starts after "#" ("Donor #K-7720"), never inside an amount ("$7,000/cycle").
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9@._/-])(?<!\d,)(?P<value>[A-Za-z0-9][A-Za-z0-9_./#-]*[A-Za-z0-9])")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.-]{2,29}[A-Za-z0-9_](?![\w@-]|\.\w)")
_COUNTED = re.compile(r"\d{1,2}-([A-Za-z]{3,})")
_NOT_AN_ID = re.compile(
    r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+%?|\d{1,2}:\d{2}(?::\d{2})?(?:am|pm)?"
    r"|\d{3}[.-]\d{4}|\d+(?:st|nd|rd|th)"
    r"|\d+-(?:day|week|wk|month|mo|year|yr|hour|hr|minute|min|second|sec)s?(?:-old)?"
    r"|[a-z]{3,}-\d{1,2}"  # "41-year-old"; a word and a small number: "ICD-10", "COVID-19"
    r"|[a-tv-z]\d[0-9a-z]\.[0-9a-z]{1,4}"  # a diagnosis code (ICD-10): "Z31.41", "E28.2"
    r"|\d{1,3}/100"  # a score: "86/100"
    r"|last_?4"  # a record's field key: "last4": the digits after it are the value
    r"|cd\d{1,2}(?:-(?:cd)?\d{1,2})?"  # cycle days: "CD3", "CD10-12"
    # hours from and to: "7-10am", "8h-18h", "9am-1pm"
    r"|\d{1,2}(?::\d{2}|h)?(?:am|pm)?[-–]\d{1,2}(?::\d{2})?(?:am|pm|h)"
    r"|\d{1,2}(?::\d{2}|h)(?:am|pm)?[-–]\d{1,2}(?::\d{2}|h)?"
    r"|\d+00[-–]\d+00"  # a range of round amounts: "3000-7000"
    r"|\d{1,3}(?:[.,]\d{3})+[-–]\d{1,3}(?:[.,]\d{3})+"  # or of grouped ones: "3.000-7.500"
    # a price per unit: "350/embryo", "750/yr"
    r"|\d+(?:\.\d{2})?/(?:embryos?|cycles?|vials?|months?|mo|years?|yr|visits?|sessions?"
    r"|days?|weeks?|wk|units?|doses?|each|ea)"
    r"|(?:[a-z]{1,4}\d?/)+[a-z]{1,4}\d?)$",  # tests named together: "FSH/E2", "LH/FSH"
    re.IGNORECASE)
# Codes listed before a number, back to the list's cue ("CPT 58970, 58974, " -> "CPT ")
CODE_TALK_CHARS = 80  # how far back in its sentence a number's billing-code talk is read
LINE_LOOKBACK = 200  # how far back on its line a number's referring clinician is read
_SENTENCE_BREAK = re.compile(r"[.!?\n]\s")
_LISTED = re.compile(r"(?:[\w.-]*\d[\w.-]*\s*(?:,|/|&|\+|\band\b|\bor\b)\s*)+$", re.IGNORECASE)
# Digit groups of an identifier typed apart: three or more (of up to six digits: a card's
# "3782 822463 10005"), not a time, a decimal or a range; a comma closing a clause ends one.
_DIGIT_GROUPS = re.compile(
    r"(?<![\w.,:/$-])\d{2,6}(?: \d{2,6}){2,5}(?![\w:/%-]|,(?!\s|$)|[.,]\d)")
_FILLERS = frozenset({"id", "no", "number", "num", "is", "de", "of"})
# groups a number typed spaced may have: a digit each for an SSN read out ("4 1 2 - 6 6 - …")
MAX_GROUPS = 12
_GROUP_TEXT = "[A-Za-z0-9]{1,10}"
_GROUP = re.compile(r"[A-Za-z0-9]+")
SCORE = 0.8


class IdentifierRecognizer:
    """ID-shaped tokens labelled by their cue; configured by phi.yaml ``identifiers``."""

    def __init__(self, section: dict[str, Any], is_date: Callable[[str], bool]):
        self.min_length = int(section["min_length"])
        self.mixed_labels = frozenset(section["mixed_labels"])
        self.labels = [(label, _cue_at_end(cues)) for label, cues in section["cues"].items()]
        every_cue = "|".join(c for cues in section["cues"].values() for c in cues)
        self.cue_then_groups = re.compile(
            rf"(?:^|[^\w])(?:{every_cue})\b(?:\s*(?:id|#|no\.?|number|is|=|:|-))*\s*[#:=]?\s*"
            rf"(?P<value>{_GROUP_TEXT}(?:(?:[ -]| - ){_GROUP_TEXT}){{0,{MAX_GROUPS - 1}}})",
            re.IGNORECASE)
        # ... or after a card's or a register's initials no list knows (Quebec's "RAMQ"): a
        # label typed in capitals right before its number
        self.initials_then_groups = re.compile(
            rf"(?<![\w-])(?P<label>[A-Z]{{2,6}})(?:\s*(?:#|no\.?|:|-))*\s*"
            rf"(?P<value>{_GROUP_TEXT}(?:(?:[ -]| - ){_GROUP_TEXT}){{0,{MAX_GROUPS - 1}}})")
        self.not_phi = _cue_at_end(section["not_phi_cues"])
        self.code_talk = re.compile(section["code_talk"], re.IGNORECASE)
        self.units = re.compile(rf"^\s*(?:{section['units']})\b", re.IGNORECASE)
        self.not_phi_after = re.compile(rf"^\s*(?:{section['not_phi_after']})\b", re.IGNORECASE)
        self.photo = re.compile(rf"(?<![\w.-])(?:[\w.-]+\.(?:{section['image_files']})|"
                                rf"(?:{section['image_names']})[ _-][\w .-]{{0,40}}?"
                                rf"\.(?:{section['image_files']})|"
                                rf"{section['id_documents']})\b",
                                re.IGNORECASE)
        self.region = section["phone_region"]
        self.fax_cue = re.compile(section["fax_cue"], re.IGNORECASE)
        self.phone_cued = re.compile(section["phone_cued"], re.IGNORECASE)
        least, most = section["phone_digits"]
        self.phone_digits = range(int(least), int(most) + 1)
        self.extension = re.compile(section["phone_extension"], re.IGNORECASE)
        self.not_phone = _cue_at_end(section["not_phone_cues"])
        self.clinician = re.compile(section["clinician"])
        self.patient_words = re.compile(section["patient_words"], re.IGNORECASE)
        self.office_label = re.compile(section["office_label"], re.IGNORECASE)
        self.is_date = is_date

    def analyze(self, text: str, allowlist: Allowlist) -> list[RecognizerResult]:
        """PHONE, PHOTO, OTHER_ID and cue-labelled results."""
        results, business = self._phones(text, allowlist)
        taken = [(r.start, r.end) for r in results] + business
        results += [RecognizerResult("PHOTO", *m.span(), 0.9) for m in self.photo.finditer(text)]
        results += [RecognizerResult("OTHER_ID", *m.span(), SCORE)  # "@" and all
                    for m in _HANDLE.finditer(text)]
        phones = Spans(taken)
        for match in _TOKEN.finditer(text):
            start, end = match.span("value")
            if phones.overlaps(start, end):
                continue
            label = self._label(text, start, end, allowlist)
            if label:
                end += _trailing_groups(text, end)  # "U7731990 01": a suffix typed apart
                results.append(RecognizerResult(label, start, end, SCORE))
        results += self._grouped(text, taken + [(r.start, r.end) for r in results], allowlist)
        results += self._digit_groups(text, taken + [(r.start, r.end) for r in results],
                                      allowlist)
        return results

    def _digit_groups(self, text: str, taken: list[tuple[int, int]],
                      allowlist: Allowlist) -> list[RecognizerResult]:
        """Three or more digit groups typed apart, with no cue ("primary 917 334 220 00"): a
        number of someone's unless it is a phone, a date, a price or a clinic number."""
        results = []
        found = Spans(taken)
        for match in _DIGIT_GROUPS.finditer(text):
            start, end = match.span()
            if sum(c.isdigit() for c in match.group()) < 2 * self.min_length - 1 or \
                    found.overlaps(start, end) or allowlist.is_code(match.group()):
                continue
            if self.units.match(text[end : end + 8]) or text[max(0, start - 1) : start] == "$":
                continue
            label = self.cue_label(text[max(0, start - 32) : start]) or "OTHER_ID"
            results.append(RecognizerResult(label, start, end, SCORE))
        return results

    def _phones(self, text: str,
                allowlist: Allowlist) -> tuple[list[RecognizerResult], list[tuple[int, int]]]:
        """Every phone number ``phonenumbers`` finds, and every number after a phone's name
        (clinic numbers are left out later, by the allow-list, but they are never taken for
        IDs); apart, the business lines: toll-free ones and a referring clinician's office."""
        import phonenumbers

        results, business = [], []
        found = [(m.start, m.end, m.number) for m in phonenumbers.PhoneNumberMatcher(
            text, self.region, leniency=phonenumbers.Leniency.POSSIBLE)]
        for match in self.phone_cued.finditer(text):  # the whole number, not a US-shaped part
            start, end = match.span("value")
            if sum(c.isdigit() for c in match["value"]) not in self.phone_digits:
                continue
            others = [f for f in found if not (start <= f[0] and f[1] <= end)]
            if not any(s < end and start < e for s, e, _ in others):
                found = [*others, (start, end, None)]
        for start, end, number in sorted(found, key=lambda f: f[0]):
            if re.search(r"[A-Za-z0-9_-]\Z", text[:start]) or \
                    self.not_phone.search(text[max(0, start - 24) : start]) or \
                    self._not_phi(text, start):
                continue  # inside a longer code, a provider's or bank's number, or a code
            toll_free = number is not None and \
                phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE
            if toll_free or self._clinicians(text, start, allowlist):
                business.append((start, end))
                continue
            extension = self.extension.match(text, end)
            end = extension.end() if extension else end
            fax = self.fax_cue.search(text[max(0, start - 24) : start])
            results.append(RecognizerResult("FAX" if fax else "PHONE", start, end, 0.9))
        return results, business

    def _clinicians(self, text: str, start: int, allowlist: Allowlist) -> bool:
        """Whether the number at ``start`` follows a clinician on its line (in the
        ``LINE_LOOKBACK`` characters before it), under a phone label
        of its own and with no patient word between: the referring office's number. Not one of
        the clinic's own physicians (a name the documents use): their office is the clinic,
        whose numbers the allow-list knows ("wants Dr. Bell on Tuesday. Tel. …" is hers)."""
        line = text[max(text.rfind("\n", 0, start) + 1, start - LINE_LOOKBACK) : start]
        mentions = [m for m in self.clinician.finditer(line)
                    if not allowlist.is_proper_noun(m.group().split()[-1].lower())]
        return bool(mentions) and bool(self.office_label.search(line)) and \
            not self.patient_words.search(line, mentions[-1].end())

    def _label(self, text: str, start: int, end: int, allowlist: Allowlist) -> str | None:
        value = text[start:end].strip("./#-_")
        alnum = re.sub(r"[^A-Za-z0-9]", "", value)
        if len(alnum) < self.min_length or not any(c.isdigit() for c in value):
            return None
        if _NOT_AN_ID.match(value) or self.is_date(value) or allowlist.is_code(value):
            return None
        counted = _COUNTED.fullmatch(value)  # "3-retrieval": a count of the documents' thing
        if counted and allowlist.is_word(counted[1].lower()):
            return None
        if self.units.match(text[end : end + 8]) or text[max(0, start - 1) : start] == "$":
            return None
        before = text[max(0, start - 32) : start]
        label = self.cue_label(before)
        if label is None and (self._not_phi(text, start)
                              or self.not_phi_after.match(text[end : end + 24])):
            return None
        return label or ("ZIP" if re.fullmatch(r"\d{5}(?:-\d{4})?", value) else "OTHER_ID")

    def _not_phi(self, text: str, start: int) -> bool:
        """Whether a cue that a number is no one's ends the text before ``start``, or the list
        it heads ("CPT 58970, 58974, "), or the sentence so far talks of billing codes ("the
        CPT codes for retrieval and ICSI (58970, …")."""
        before = text[max(0, start - 32) : start]
        sentence = _SENTENCE_BREAK.split(text[max(0, start - CODE_TALK_CHARS) : start])[-1]
        return bool(self.not_phi.search(_LISTED.sub("", before))
                    or self.code_talk.search(sentence))

    def cue_label(self, before: str) -> str | None:
        """The label the cue at the end of ``before`` names, or None."""
        return next((label for label, cue in self.labels if cue.search(before)), None)

    def _grouped(self, text: str, taken: list[tuple[int, int]],
                 allowlist: Allowlist) -> list[RecognizerResult]:
        """Numbers typed in spaced groups after a cue ("member ID AB 1234 5678"), a digit a
        group too ("ssn 4 1 2 - 6 6 - 0 9 3 1"), or after initials no list knows ("RAMQ TREM
        1234 5678"; not the documents' own, a word's, or a code's: "CPT 58970 58974")."""
        results = []
        initialled = [m for m in self.initials_then_groups.finditer(text)
                      if not (allowlist.is_acronym(m["label"].lower())
                              or allowlist.is_word(m["label"].lower())
                              or self.not_phi.search(text[: m.end("label")]))]
        for match in [*self.cue_then_groups.finditer(text), *initialled]:
            at = match.start("value")
            groups = [(g.group(), at + g.start(), at + g.end())
                      for g in _GROUP.finditer(match["value"])]
            words = [g for g, _, _ in groups]
            # a word after the number ends it ("L-2025-08817 from the FALL25 form")
            groups = groups[: next((i for i, g in enumerate(words) if i and g.isalpha()
                                    and g.islower() and any(c.isdigit() for c in "".join(
                                        words[:i]))), len(words))]
            while groups and not any(c.isdigit() for c in groups[-1][0]):
                groups.pop()  # words after the number are not part of it
            while groups and (groups[0][0].lower() in _FILLERS or (
                    groups[0][0].isalpha() and (groups[0][0].islower() or len(groups[0][0]) > 4))):
                groups.pop(0)  # words before the number
            if not groups:
                continue
            start, end = groups[0][1], groups[-1][2]
            before = text[max(0, start - 32) : start]
            label = self.cue_label(before)
            characters = "".join(g for g, _, _ in groups)
            digits = sum(c.isdigit() for c in characters)
            if label in self.mixed_labels:
                enough = digits >= 2 and len(characters) >= self.min_length
            else:
                enough = digits >= self.min_length
            if not enough or any(s <= start < e and end <= e for s, e in taken):
                continue
            if label is None and self._not_phi(text, start):
                continue  # "NPI 1477 0122 33": a provider's number
            results.append(RecognizerResult(label or "OTHER_ID", start, end, SCORE))
        return results


def _trailing_groups(text: str, end: int) -> int:
    """How many characters of short digit groups follow an identifier ("… 01", "… 22 7")."""
    match = re.match(r"(?: \d{1,4}){1,3}(?![\w,:/%-]|\.\d|\s*(?:am|pm|mg|ml|iu|x)\b)", text[end:],
                     re.IGNORECASE)
    return match.end() if match else 0


def _cue_at_end(cues: list[str]) -> re.Pattern[str]:
    """Text ending with a cue, in the singular or the plural, and the usual fillers ("member ID
    #:", "claim no.", "confirmation code", "promo codes are"), and a dash or a quote: 'her
    social — "five two …'."""
    cue = alternation(cues, literal=False)
    return re.compile(
        rf"(?:^|[^\w])(?:{cue})(?:e?s)?\.?(?:\s*(?:ids?|#|no\.?|num(?:ber)?|number|code|is|are|=|:|-|—|–|"
        rf"de|số|号|번호))*\s*[#:=]?\s*[\"“']?$", re.IGNORECASE)


class Spans:
    """Spans found already, asked whether a span overlaps one of them: sorted once, with the
    furthest end reached so far (a note of hundreds of phone numbers and thousands of words)."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start
