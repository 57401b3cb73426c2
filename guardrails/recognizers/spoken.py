"""Numbers said in words, as voicemail transcripts and agents' notes of a call write them: a phone
number read digit by digit ("four zero eight, five five five …", "seis cinco cero …", "四零八…"),
a record's number read out after its cue ("chart number is four four zero…"), an age ("age
ninety-one", "a hundred and two years old") and, for the date recognizer, a year ("nineteen
eighty seven", "eighty nine", "two thousand five").

The number words of each language are data (phi.yaml ``spoken``); a run of them is read two ways:
digit by digit (a phone number, an identifier) and as one quantity (an age, a year).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrails.text import alternation

SCORE = 0.85
# Digits read out after an identifier's cue: at least this many make a number of someone's.
ID_DIGITS = 5
# Digits read out, however many a phone number here would have: at least this many are one abroad
# or an identifier ("восемь девять один шесть …", a member number with a word beside it).
ANY_NUMBER_DIGITS = 9
SPELLED_CHARS = 80  # how far before the digits spelled letters are looked for


class SpokenNumbers:
    """Reads runs of number words; finds phones and ages over 89 said in words."""

    def __init__(self, section: dict[str, Any], phone_region: str):
        self.values: dict[str, int] = {str(k).lower(): int(v)
                                       for k, v in section["numbers"].items()}
        self.hundreds = frozenset(section["hundreds"])
        self.joiners = frozenset(section["joiners"])
        # "double five", "triple oh": the next digit said so many times
        self.repeaters: dict[str, int] = {str(k).lower(): int(v)
                                          for k, v in section["repeaters"].items()}
        self.region = phone_region
        words = "|".join(sorted(map(re.escape, [*self.values, *self.hundreds, *self.repeaters]),
                                key=len, reverse=True))
        joiners = "|".join(map(re.escape, section["joiners"]))
        # Digits may be mixed in ("650 five five five 0 1 2 3"); a run holds one word at least.
        token = rf"(?:{words}|\d{{1,4}})"
        # (it may end before "-year": "a ninety-one-year-old")
        self.run = re.compile(rf"(?<![\w-]){token}(?:(?:[\s,.-]+(?:(?:{joiners})[\s-]+)?)"
                              rf"{token})*(?!\w|-(?!year))", re.IGNORECASE)
        self.age_before = re.compile(section["age_before"] + r"\s*$", re.IGNORECASE)
        self.age_after = re.compile(r"^\s*" + section["age_after"], re.IGNORECASE)
        self.not_age_after = re.compile(r"^\s*" + section["not_age_after"], re.IGNORECASE)
        tens = [w for w, v in self.values.items() if 20 <= v <= 90 and v % 10 == 0]
        teens = [w for w, v in self.values.items() if 10 <= v <= 19]
        units = [w for w, v in self.values.items() if 1 <= v <= 9]
        self.thousand = str(section["thousand"]).lower()
        self.year_pattern = _year_pattern(tens, teens, units, r"[\s-]+".join(
            map(re.escape, self.thousand.split())))
        self.letter = re.compile(section["spelled_letter"])
        self.spelled = re.compile(rf"(?:{section['spelled_letter']})+$")
        self.characters = {str(k): int(v) for k, v in section["digit_characters"].items()}
        character = f"[{''.join(self.characters)}]"
        self.character_run = re.compile(rf"{character}(?:[\s,，、.-]*{character})+")
        # a date's numbers written in those characters, 十 as tens ("八月十六号", "二十三日")
        self.date_number = re.compile(rf"(?:{character}|十){{1,4}}(?=\s*[年月日号號])")

    def analyze(self, text: str,
                cue_label: Callable[[str], str | None] = lambda before: None
                ) -> list[RecognizerResult]:
        """PHONE for seven or more digits read out, an identifier's label (``cue_label`` of the
        text before the number) for five or more, AGE for 90 to 119 after an age cue."""
        results = []
        for match in self.character_run.finditer(text):
            digits = self.read_out(match.group())
            label = self._number_label(digits, cue_label(text[max(0, match.start() - 32) :
                                                               match.start()]))
            if label:
                results.append(RecognizerResult(label, *match.span(), SCORE))
        for match in self.run.finditer(text):
            words = _words(match.group())
            if all(w.isdigit() for w in words):
                continue  # numbers typed as digits are the identifier recognizers'
            digits = self.digits(words)
            start, end = match.span()
            start = self._spelled_start(text, start)
            label = self._number_label(digits, cue_label(text[max(0, start - 32) : start]))
            if label:
                results.append(RecognizerResult(label, start, end, SCORE))
                continue
            start, value = self._quantity_tail(match)
            after = text[end : end + 20]
            if value is not None and 90 <= value <= 119 and (self.age_after.match(after) or (
                    self.age_before.search(text[max(0, start - 30) : start])
                    and not self.not_age_after.match(after))):
                results.append(RecognizerResult("AGE", start, end, SCORE))
        return results

    def _spelled_start(self, text: str, start: int) -> int:
        """Where the letters spelled out right before the digits at ``start`` begin ("H P F",
        "M as in Mary, Q,"): part of the identifier, and its cue comes before them."""
        before = text[max(0, start - SPELLED_CHARS) : start]
        found = self.spelled.search(before)
        if found is None:
            return start
        letters = list(self.letter.finditer(found.group()))
        if len(letters) < 2 and not any(m.group("as") for m in letters):
            return start
        return start - len(before) + found.start()

    def _quantity_tail(self, match: re.Match[str]) -> tuple[int, int | None]:
        """Where the run's quantity begins, and its value: the whole run's, or that of its
        longest tail making one number (in "de noventa y dos años" the Spanish "of" reads as
        Haitian Creole's two); None when no tail makes one."""
        phrase = match.group()
        for word in re.finditer(r"[^\s,.-]+", phrase):
            tail = _words(phrase[word.start() :])
            known = all(w in self.values or w in self.hundreds or w in self.joiners
                        or w.isdigit() for w in self._compounds(tail))
            if known and tail[0] not in self.joiners and (value := self.quantity(tail)) \
                    is not None:
                return match.start() + word.start(), value
        return match.start(), None

    def age_at(self, text: str, start: int) -> tuple[int, int] | None:
        """The span of an age of 90 to 119 said in words right at ``start`` ("Ada Moss,
        ninety-two, …"), not a quantity ("ninety minutes"); None for anything else."""
        match = self.run.match(text, start)
        value = self.quantity(_words(match.group())) if match else None
        if value is None or not 90 <= value <= 119 or \
                self.not_age_after.match(text[match.end() : match.end() + 20]):
            return None
        return match.span()

    def _compounds(self, words: list[str]) -> list[str]:
        """``words`` with two that make one number word joined ("quatre vingt")."""
        joined: list[str] = []
        for word in words:
            if joined and f"{joined[-1]} {word}" in self.values:
                joined[-1] = f"{joined[-1]} {word}"
            else:
                joined.append(word)
        return joined

    def date_numbers(self, text: str) -> str:
        """``text`` with the numbers of its Chinese dates in ASCII digits ("八月十六号" ->
        "8月16号", "一九八五年" -> "1985年"); a run that is no day, month or year stays."""
        return self.date_number.sub(self._date_number, text)

    def _date_number(self, match: re.Match[str]) -> str:
        run = match.group()
        tens, ten, units = run.partition("十")
        if not ten:
            return "".join(str(self.characters[c]) for c in run)
        if len(tens) > 1 or len(units) > 1 or "十" in units:
            return run
        return str((self.characters[tens] if tens else 1) * 10
                   + (self.characters[units] if units else 0))

    def read_out(self, phrase: str) -> str:
        """The digits of a number read out (``phrase`` as ``analyze`` found it)."""
        if any(c in self.characters for c in phrase):
            return "".join(str(self.characters[c]) for c in phrase if c in self.characters)
        return self.digits(_words(phrase))

    def digits(self, words: list[str]) -> str:
        """Digit by digit: "four oh eight" -> "408", "fifty five" -> "55", "twelve" -> "12",
        "dix-huit" -> "18";
        digits typed among the words stay as typed ("650 five five five" -> "650555")."""
        out, index = "", 0
        words = [w for w in words if w not in self.joiners]
        while index < len(words):
            if words[index].isdigit():
                out, index = out + words[index], index + 1
                continue
            times = self.repeaters.get(words[index])
            if times is not None:  # "double five": "55"
                following = self.values.get(words[index + 1]) if index + 1 < len(words) else None
                if following is None or following > 9:
                    return ""
                out, index = out + str(following) * times, index + 2
                continue
            value = self.values.get(words[index])
            if value is None:  # "hundred" in a read-out number: not a digit string
                return ""
            following = (self.values.get(words[index + 1])
                         if index + 1 < len(words) and not words[index + 1].isdigit() else None)
            if value >= 10 and value % 10 == 0 and following is not None and (
                    1 <= following <= 9 if value >= 20 else 7 <= following <= 9):  # "dix-huit"
                out, index = out + str(value + following), index + 2
            else:
                out, index = out + str(value), index + 1
        return out

    def quantity(self, words: list[str]) -> int | None:
        """As one number: "ninety-one" -> 91, "one hundred and four" -> 104; None when the
        words do not make one ("five five five" is read digit by digit)."""
        current: int | None = None
        for word in self._compounds(words):
            if word in self.joiners:
                continue
            if word in self.hundreds:
                current = (current or 1) * 100
                continue
            if word.isdigit() or word in self.repeaters:
                return None  # digits among the words, "double five": digit by digit only
            value = self.values[word]
            if current is None:
                current = value
                continue
            low = current % 100
            # (counted in twenties, the teens follow: "quatre-vingt-dix" is 80 + 10)
            if (current >= 100 and low == 0 and value < 100) or (
                    low >= 20 and low % 10 == 0 and value < (20 if low % 20 == 0 else 10)):
                current += value
            else:
                return None
        return current

    def year(self, phrase: str) -> str | None:
        """A spoken year as digits: "nineteen eighty seven" -> "1987", "eighty nine" -> "89",
        "two thousand five" -> "2005"; None when ``phrase`` is no year."""
        words = [w for w in _words(phrase) if w not in self.joiners]
        if any(w not in self.values for w in words if w not in self.thousand.split()):
            return None
        if " ".join(words).startswith(self.thousand):
            return str(2000 + (self.quantity(words[len(self.thousand.split()) :]) or 0))
        if len(words) >= 2 and 10 <= self.values[words[0]] <= 20:
            century, rest = self.values[words[0]], words[1:]
            if rest[0] == "oh":
                rest = rest[1:]
            tail = self.quantity(rest)
            return f"{century}{tail:02d}" if tail is not None and tail < 100 else None
        value = self.quantity(words)
        return f"{value:02d}" if value is not None and 10 <= value < 100 else None

    def _number_label(self, digits: str, cued: str | None) -> str | None:
        """PHONE for a possible phone number (here or abroad: this many digits read out are
        someone's number, "공일공 …" a Korean mobile); the cue's label for an identifier's
        digits."""
        if len(digits) >= 7 and self._phone(digits):
            return "PHONE"
        if cued and len(digits) >= ID_DIGITS:
            return cued
        return "PHONE" if len(digits) >= ANY_NUMBER_DIGITS else None

    def _phone(self, digits: str) -> bool:
        import phonenumbers

        if len(digits) == 7:
            return True  # a local number read out
        try:
            number = phonenumbers.parse(digits, self.region)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_possible_number(number)


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s,.-]+", phrase.lower()) if w]


def _year_pattern(tens: list[str], teens: list[str], units: list[str], thousand: str) -> str:
    """A regex of years said in words: a century word and its tens ("nineteen ninety", "twenty
    oh five"), "two thousand (and) five", or the tens alone ("eighty nine")."""
    def alternatives(words: list[str]) -> str:
        return f"(?:{alternation(words)})"

    sep = r"[\s-]+"
    tens_units = rf"{alternatives(tens)}(?:{sep}{alternatives(units)})?"
    centuries = alternatives([*teens, *(w for w in tens if w == "twenty")])
    return (rf"(?:{centuries}{sep}(?:{tens_units}|{alternatives(teens)}|oh{sep}"
            rf"{alternatives(units)})|{thousand}(?:{sep}and)?(?:{sep}(?:{tens_units}|"
            rf"{alternatives(teens)}|{alternatives(units)}))?|{tens_units})")
