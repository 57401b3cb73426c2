"""Dates tied to a person, found by parsing: candidates are cut generously out of the text (digits,
month names of every configured language from dateparser's own locale data, ordinals, CJK date
marks), and ``dateparser`` decides whether each one is a date at all.

A parsed date is a person's when a birth cue precedes it (DOB: the age is kept), when it is a
whole date (day, month and year) of a year long past (a birth date: the clinic's documents deal
in this year's dates), when an event cue (retrieval, transfer, LMP, a call…) sits near it, or
when its line identifies a person and no policy cue ("schedule", "update", "effective") sits near
it. The clinic's own dates stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrails.recognizers.spoken import SpokenNumbers
from guardrails.text import alternation, ascii_digits, prefix_tree, sentence_spans

# With a year, any separator; without one only a slash ("3-5" and "2.1" are ranges and numbers).
_NUMERIC = (r"\d{1,4}[./-]\d{1,2}[./-](?:\d{2,4}|'\d{2})"
            r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO 8601
            r"|\d{1,2}/\d{1,2}")
_COMPACT = r"\d{1,2}[^\W\d_]{3}\d{2,4}"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
# Clause ends; a full stop after a title or abbreviation ("Dr.", "Mrs.", "Oct.") is none.
_CLAUSE_STOP = re.compile(r"[,;()\[\]—–\n|→]|[!?](?=\s)|(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})"
                          r"(?<!\b[A-Z])\.(?=\s)")
_HEADER_LINE = re.compile(r"[ \t]*[^\W\d_][\w -]{0,24}[:：]")  # "From:", "Subject:"
_NUMBER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?", re.IGNORECASE)


class DateRecognizer:
    """DOB and DATE spans; configured by phi.yaml ``dates``."""

    def __init__(self, section: dict[str, Any], spoken: SpokenNumbers,
                 english: frozenset[str]):
        self.languages: list[str] = list(section["languages"])
        self.spoken = spoken
        months, abbreviations = _month_names(self.languages, english)
        self.ordinals = {word: index + 1 for index, word in enumerate(section["ordinal_words"])}
        self.ordinals |= {word.lower(): int(day) for word, day in section["day_words"].items()}
        # (a day of several words is read as one number: "vinte e cinco" -> 25)
        self.day_phrase = re.compile(
            rf"(?<!\w)(?:{alternation(w for w in self.ordinals if ' ' in w)})(?!\w)", re.I)
        month = "(?:" + prefix_tree(months) + r")\.?"  # (hundreds of names)
        # "twenty-third" is also written "twenty third"
        ordinal_words = "|".join(re.escape(w).replace(r"\-", r"[\s-]") for w in self.ordinals)
        day = rf"(?:{_ORDINAL}|\d{{1,2}}|{ordinal_words})"
        tens, units = zip(*(w.split("-") for w in self.ordinals if "-" in w), strict=True)
        self.compound_ordinal = re.compile(
            rf"\b({'|'.join(set(tens))})\s+(?=(?:{'|'.join(set(units))})\b)", re.IGNORECASE)
        year = rf"(?:\d{{4}}|'?\d{{2}}|{spoken.year_pattern})"
        self.spoken_year = re.compile(rf"(?<![\w-]){spoken.year_pattern}(?![\w-])", re.IGNORECASE)
        # (Tagalog writes the day as an ordinal before the month: "ika-12 ng Hunyo")
        worded = (rf"(?:(?:the\s+|ika-?)?{day}[\s,./-]*(?:(?:de|of|ng)\s+)?)?{month}"
                  rf"(?:[\s,.-]*(?:the\s+)?{day}\b)?(?:[\s,.-]*(?:del?\s+)?{year}(?![\w-]))?")
        # an abbreviation that is an English word names a month after "de" ("3 de ago.")
        after_de = (rf"\d{{1,2}}\s+de\s+(?:{'|'.join(map(re.escape, abbreviations))})\.?"
                    rf"(?:\s+(?:del?\s+)?{year}(?![\w-]))?") if abbreviations else r"$^"
        part = alternation(section["month_parts"]).replace(r"\ ", r"\s+")
        # (not the verb: "coming in early may help")
        self.month_part = re.compile(rf"(?:{part})[\s-]+(?-i:(?!may\b)){month}"
                                     rf"(?:[\s,.-]*{year}(?![\w-]))?", re.IGNORECASE)  # its year
        seasons = alternation(section["seasons"])
        self.season = re.compile(
            rf"(?:{seasons})(?:\s+(?:of|de|del|d['’]))?\s+(?:19|20)\d{{2}}(?!\d)", re.IGNORECASE)
        # a month after a word of time is the month, never someone ("start in April")
        # (or after another month and "and", "or", "to", a comma or a dash: "April and May")
        leads = rf"(?:{alternation(section['month_leads'])}|{month}\s*(?:,|and|or|to|&|-|–))"
        self.month_after = re.compile(rf"\b{leads}\s*(?P<month>{month})(?![\w'’])",
                                      re.IGNORECASE)
        holiday = alternation(section["holidays"]).replace(r"\ ", r"\s+").replace("'", "['’]")
        # (a day counted from one is part of that date: "the Friday after Easter")
        leads = section["holiday_leads"]
        self.holiday = re.compile(rf"(?<!\w)(?:{leads})?(?P<name>{holiday})(?!\w)", re.IGNORECASE)
        holiday = rf"(?:{leads})?(?:{holiday})"
        self.eras = {era: int(first) for era, first in section["eras"].items()}
        self.era = re.compile(alternation(self.eras))
        # month name -> (its place in its year, the calendar's year -> the Gregorian year)
        self.calendar_months = {
            name: (index + 1, calendar.get("scale", 1.0), calendar["offset"])
            for calendar in section["month_calendars"]
            for index, name in enumerate(calendar["months"])}
        months = alternation(self.calendar_months).replace(r"\ ", r"\s+")
        # (the year may be left out: "۱۲ مهر", a day of the year the note is written in)
        self.calendar_date = re.compile(rf"(\d{{1,2}})\s+({months})(?:\s+(\d{{4}})|(?!\w))")
        self.month_words = {w.lower(): m for w, m in section["month_words"].items()}
        self.month_word = re.compile(rf"(?<=\d\s)(?:{alternation(self.month_words)})(?!\w)",
                                     re.IGNORECASE)
        calendars = [
            rf"(?:{self.era.pattern})\s*(?:\d{{1,2}}|元)\s*年\s*\d{{1,2}}\s*月"
            rf"(?:\s*\d{{1,2}}\s*[日号號])?",
            self.calendar_date.pattern,
            # (a month word that is an English word needs its year: "12 out of 20")
            rf"\d{{1,2}}\s(?:{alternation(set(self.month_words) - english)})(?:\s+\d{{4}})?",
            rf"\d{{1,2}}\s(?:{alternation(set(self.month_words) & english)})\s+\d{{4}}",
        ]
        forms = [*section["patterns"], *calendars, _NUMERIC, _COMPACT, worded, after_de,
                 rf"(?:the\s+){_ORDINAL}\b",
                 rf"(?<=\bon\s)the\s+(?:{ordinal_words})(?![\w-])",
                 # "moved to the twenty-third." (not "to the third floor")
                 rf"(?:(?<=\bto\s)|(?<=\bfor\s)|(?<=\buntil\s)|(?<=\bby\s))the\s+"
                 rf"(?:{ordinal_words})(?=\s*(?:[.,;:!?)]|$))",
                 # "from the twenty-first to the twenty-third": a range of days
                 rf"(?<=\bfrom\s)the\s+(?:{ordinal_words})(?=\s+(?:to|until|till|through|thru)"
                 rf"\s+the\s+(?:{ordinal_words})(?![\w-]))",
                 rf"(?:{holiday})(?:,?\s+\d{{4}})?", self.month_part.pattern, self.season.pattern]
        self.candidate = re.compile(
            r"(?<![A-Za-z0-9./-])(?<!\d:)(?:" + "|".join(f"(?:{f})" for f in forms)
            + r")(?![A-Za-z0-9/-]|\.\d)",
            re.IGNORECASE)
        self.dob_cue = re.compile(f"(?:{section['dob_cues']})\\W{{0,4}}(?:the\\s+)?$",
                                  re.IGNORECASE)
        self.event_cue = re.compile(section["event_cues"], re.IGNORECASE)
        self.policy_cue = re.compile(section["policy_cues"], re.IGNORECASE)
        self.span_cue = re.compile(section["span_cues"], re.IGNORECASE)
        self.subject = re.compile(section["subject_refs"], re.IGNORECASE)
        self.person_cue = re.compile(section["person_refs"], re.IGNORECASE)
        self.window = int(section["cue_window"])
        self.birth_year_before = date.today().year - int(section["birth_years_ago"])
        self.header_field = re.compile(section["header_fields"], re.IGNORECASE)
        self.parser = _Parser(tuple(self.languages))

    def analyze(self, text: str, people: list[tuple[int, int]],
                stated: Callable[[str], bool] = lambda _value: False) -> list[RecognizerResult]:
        """Dates tied to a person; ``people`` are spans already found to identify someone;
        ``stated`` tells a date the clinic's documents state (a policy's, a memo's)."""
        results: list[RecognizerResult] = []
        sentences = sentence_spans(text)
        months = {m.span("month") for m in self.month_after.finditer(text)}
        for match in self.candidate.finditer(text):
            start, end = _strip(text, *match.span())
            value = text[start:end]
            # (a holiday, a month's part, a season or a month after a word of time is a date no
            # parser reads: "Christmas Eve 1991", "early April", "spring 2023", "her LMP was in
            # April")
            if not any(p.match(value) for p in (self.holiday, self.month_part, self.season)) \
                    and (start, end) not in months and not self._parsed(value):
                continue
            label = self._label(text, start, end, people, sentences, stated(value)) \
                or self._birth(value)
            if label:
                results.append(RecognizerResult(label, start, end, 0.9))
        return results + self._spoken_birth_dates(text)

    def _spoken_birth_dates(self, text: str) -> list[RecognizerResult]:
        """A date of birth read out as numbers after its cue: "DOB is oh-four, twelve,
        eighty-eight" (month, day and year; in groups, or as 5 to 8 digits)."""
        results = []
        for match in self.spoken.run.finditer(text):
            if not self.dob_cue.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            groups = [self.spoken.read_out(g) for g in re.split(r"[,/.]", match.group())]
            if len(groups) != 3 or not all(groups):
                digits = "".join(groups)
                cut = {5: (1, 3), 6: (2, 4), 7: (1, 3), 8: (2, 4)}.get(len(digits))
                groups = [digits[: cut[0]], digits[cut[0] : cut[1]], digits[cut[1] :]] \
                    if cut else []
            if groups and all(g.isdigit() for g in groups) and \
                    _plausible([int(g) for g in groups]):
                results.append(RecognizerResult("DOB", *match.span(), 0.9))
        return results

    def _label(self, text: str, start: int, end: int, people: list[tuple[int, int]],
               sentences: list[tuple[int, int]], stated: bool = False) -> str | None:
        """"DOB", "DATE" (a person's) or None (the clinic's). A date the documents state
        (``stated``) is the clinic's when a word dating its rules is near, even beside an event
        or a person ("told her starting Oct 10, 2025 his Friday block moves"), unless the
        clause is an event's ("her IUI on …")."""
        if self.dob_cue.search(text[max(0, start - 30) : start]):
            return "DOB"
        left, right = _clause(text, start, end)
        clause = text[left:right]
        about_person = bool(self.subject.search(clause)) or any(
            left <= s < right for s, _ in people)
        if self.event_cue.search(clause) and not self.policy_cue.search(clause):
            return "DATE"  # "she's booked Fri 10/17 2pm, which closed …": the clause decides
        near = _near(text, start, end, self.window)
        event, policy = _distance(self.event_cue, near), _distance(self.policy_cue, near)
        if policy is None and (stated or not about_person):  # "until", "since": the clinic's,
            policy = _distance(self.span_cue, near)  # unless the clause is a person's ("he's
            # away…") and the date none of the documents'
        if event is not None and (policy is None or (event <= policy and not stated)):
            return "DATE"
        if policy is not None:
            return None
        line_start = text.rfind("\n", 0, start) + 1
        if self.header_field.match(text, line_start, start):
            return "DATE" if _names_someone(text, line_start, people) else None
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        sentence = next(((s, e) for s, e in sentences if s <= start < e), (line_start, line_end))
        if any(line_start <= s < line_end for s, _ in people):
            return "DATE"
        # a record's field ("Next: Tue 11/18"): the record is someone's when one is named
        if _HEADER_LINE.match(text, line_start) and _names_someone(text, line_start, people):
            return "DATE"
        if self.person_cue.search(text[sentence[0] : sentence[1]]):
            return "DATE"
        return None

    def _birth(self, value: str) -> str | None:
        """"DOB" for a whole date of a year long past, tied to no one by its words."""
        year = self.parser.whole_date_year(self.as_digits(value))
        return "DOB" if year is not None and year <= self.birth_year_before else None

    def _parsed(self, value: str) -> bool:
        """Whether the parser reads ``value`` (digits, or numbers said in words) as a date."""
        return (any(ch.isdigit() for ch in value) or self._spoken(value)
                or self.spoken.date_numbers(value) != value) and \
            self.parser.is_date(self.as_digits(value))

    def holidays(self, text: str) -> list[str]:
        """The holidays ``text`` names, as written ("Christmas Eve", "Navidad")."""
        return [m.group("name") for m in self.holiday.finditer(text)]

    def named_dates(self, text: str) -> list[tuple[int, int]]:
        """Spans naming a holiday ("Christmas Eve", "Acción de Gracias"), a month by its part
        ("early April") or a month after a word of time ("in May"): dates, never names."""
        return [m.span() for pattern in (self.holiday, self.month_part, self.season)
                for m in pattern.finditer(text)] + [
                    m.span("month") for m in self.month_after.finditer(text)]

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """Spans that look like dates, parsed or not (their month names are no one's name)."""
        return [m.span() for m in self.candidate.finditer(text)]

    def _spoken(self, value: str) -> bool:
        return any(w.lower() in self.ordinals for w in _NUMBER_WORD.findall(value))

    def as_digits(self, value: str) -> str:
        """ASCII digits for any script's digits, ordinal words as numbers ("fourteenth" -> 14),
        years said in words as digits ("nineteen ninety" -> 1990)."""
        value = self._gregorian(ascii_digits(self.spoken.date_numbers(value)))
        value = _TAGALOG_ORDINAL.sub("", value)  # "ika-12 ng Hunyo" is read "12 Hunyo"
        if re.search("[月월]", value):  # 1987年3月14日, 3월 14일: year, month, day in order
            numbers = re.findall(r"\d+", value)
            return "-".join(numbers) if len(numbers) == 3 else "/".join(numbers)
        value = self.compound_ordinal.sub(r"\1-", value)  # "twenty third" -> "twenty-third"
        value = self.spoken_year.sub(lambda m: self.spoken.year(m.group()) or m.group(), value)
        value = self.day_phrase.sub(lambda m: str(self.ordinals[m.group().lower()]), value)
        value = _NUMBER_WORD.sub(lambda m: str(self.ordinals.get(m.group().lower(), m.group())),
                                 value)
        return re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|^the\s+", "", value, flags=re.IGNORECASE)

    def _gregorian(self, value: str) -> str:
        """A date of another calendar as the Gregorian one it names ("平成3年4月12日" ->
        "1991-4-12", "12 تیر 1369" -> "1990-4-12", "15 رمضان 1410" -> "1990-9-15"; without its
        year, "12 تیر" -> "4/12", its month's place and its day); English
        month names for the month words of languages the parser lacks ("14 novanm" -> "14
        November"); any other as it is."""
        if era := self.era.match(value):
            numbers = re.findall(r"\d+", value[era.end():].replace("元", "1", 1))
            year = self.eras[era.group()] + int(numbers[0]) - 1
            return "-".join([str(year), *numbers[1:]])
        if dated := self.calendar_date.fullmatch(value):
            day, month, year = dated.groups()
            place, scale, offset = self.calendar_months[" ".join(month.split())]
            if year is None:  # a day and a month: its place in the year is date enough
                return f"{place}/{int(day)}"
            return f"{round(int(year) * scale + offset)}-{place}-{int(day)}"
        return self.month_word.sub(lambda m: self.month_words[m.group().lower()], value)

    def warm(self) -> None:
        """Load the date parser now (a first parse costs 0.2-0.4 s), not on a first question;
        and each language's dictionary (a value English does not read is tried in every
        language, each built at its first try: about 0.4 s in all)."""
        self.parser.parse("1 January 2000")
        self.parser.parse("1 qqqq 2000")  # a date in no language: every one is tried

    def is_date(self, value: str) -> bool:
        """Whether ``value`` on its own is a date the parser reads (used to tell IDs from dates)."""
        match = self.candidate.fullmatch(value)
        return bool(match) and self.parser.is_date(self.as_digits(value))


# Tagalog's ordinal day: its prefix and the linker before the month ("ika-12 ng Hunyo")
_TAGALOG_ORDINAL = re.compile(r"\bika-?\s?(?=\d)|(?<=\d)\s+ng(?=\s)", re.IGNORECASE)


class _Parser:
    """dateparser, one parser per script, results remembered (agents type the same dates)."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = languages

    @lru_cache(maxsize=4096)  # noqa: B019 (one parser per process; the cache is the point)
    def is_date(self, value: str) -> bool:
        value = value.replace("'", "")
        if re.fullmatch(r"\d{1,2}", value):  # an ordinal day ("the 14th")
            return 1 <= int(value) <= 31
        if re.fullmatch(r"\d{1,2}[./-]\d{1,2}", value):  # no year: a day and a month?
            first, second = (int(x) for x in re.split(r"[./-]", value))
            return 1 <= min(first, second) <= 12 and max(first, second) <= 31
        if re.fullmatch(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}", value):  # numeric: check the ranges
            parts = [int(x) for x in re.split(r"[./-]", value)]
            return _plausible(parts)
        return self.parse(value)

    def parse(self, value: str) -> bool:
        """Whether ``dateparser`` reads ``value`` as a date with a month."""
        return self._parser().get_date_data(value).date_obj is not None

    @lru_cache(maxsize=4096)  # noqa: B019
    def whole_date_year(self, value: str) -> int | None:
        """The year of ``value`` when it states a day, a month and that year ("08/08/1979",
        "March 3rd, 1988", "1/8/91"); None otherwise."""
        data = self._parser().get_date_data(value.replace("'", ""))
        if data.date_obj is None or data.period != "day":
            return None
        year = data.date_obj.year
        return year if re.search(rf"(?<!\d)(?:{year}|{year % 100:02d})(?!\d)", value) else None

    @lru_cache(maxsize=1)  # noqa: B019
    def _parser(self):
        from dateparser.date import DateDataParser

        return DateDataParser(languages=list(self.languages), settings={
            "REQUIRE_PARTS": ["month"], "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["absolute-time", "custom-formats"]})


def _plausible(parts: list[int]) -> bool:
    """A year-first or year-last numeric date with a real month and day in some order."""
    if parts[0] > 31:  # year first
        return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
    first, second = parts[0], parts[1]
    return 1 <= min(first, second) <= 12 and 1 <= max(first, second) <= 31


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")


def _month_names(languages: list[str], english: frozenset[str]) -> tuple[list[str], list[str]]:
    """Month names and abbreviations of ``languages`` from dateparser's locale data (of three
    letters or more; two in a script other than ASCII: Hindi "मई", Bengali "মে"), and apart
    another language's abbreviations that are ``english`` words ("lip" for Polish "lipiec",
    "out" for Portuguese "outubro": "bit her lip 3 times", "12 out of 20" name no month)."""
    from dateparser.languages.loader import LocaleDataLoader

    loader = LocaleDataLoader()
    names: set[str] = set()
    ambiguous: set[str] = set()
    for language in languages:
        info = loader.get_locale(language).info
        forms = {n.lower() for month in _MONTHS for n in info.get(month, [])
                 if len(n) >= (3 if n.isascii() else 2)}
        if language != "en":
            ambiguous |= {f for f in forms if f in english
                          and any(o != f and o.startswith(f) for o in forms)}
        names |= forms
    names -= ambiguous - {n.lower() for month in _MONTHS
                          for n in loader.get_locale("en").info.get(month, [])}
    return sorted(names, key=len, reverse=True), sorted(ambiguous - names)


def _names_someone(text: str, line_start: int, people: list[tuple[int, int]]) -> bool:
    """Whether the header or record the line at ``line_start`` belongs to names a person."""
    block = _header_block(text, line_start)
    return any(block[0] <= s < block[1] for s, _ in people)


def _header_block(text: str, line_start: int) -> tuple[int, int]:
    """The span of the message header (or record) a line belongs to: the lines around it that
    are fields ("From: …", "To: …", "Subject: …"; "Patient: …", "Next: …")."""
    lines = [m.span() for m in re.finditer(r"(?m)^.*$", text)]
    index = next(i for i, (s, _) in enumerate(lines) if s == line_start)
    first = last = index
    while first > 0 and _HEADER_LINE.match(text, lines[first - 1][0]):
        first -= 1
    while last + 1 < len(lines) and _HEADER_LINE.match(text, lines[last + 1][0]):
        last += 1
    return lines[first][0], lines[last][1]


def _near(text: str, start: int, end: int, window: int) -> str:
    """The ``window`` words on each side of a date within its sentence, with "|" where the
    date stands ("missed 3/9 again. per policy the fee …": the policy is another sentence's)."""
    before = _SENTENCE_END.split(text[max(0, start - 60) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + 60])[0]
    before = re.findall(r"[^\W\d_]+", before)[-window:]
    after = re.findall(r"[^\W\d_]+", after)[:window]
    return " ".join(before) + " | " + " ".join(after)


# A sentence's end: a full stop, question or exclamation mark before a space on the same line
# (not after a title or an initial: "Dr. Bell", "J. Ruiz"); a record's lines read on together.
_SENTENCE_END = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?](?=[ \t])")


# How far a clause reaches on either side of a date: a text without a stop is no one clause
# (20 KB of "her lmp 3/4 was fine …" read each date's clause as the whole text: 7.4 s).
CLAUSE_REACH = 300


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a date: up to the nearest comma, semicolon, dash, bracket, sentence
    end or line end on either side, ``CLAUSE_REACH`` characters at most."""
    first = max(0, start - CLAUSE_REACH)
    last = min(len(text), end + CLAUSE_REACH)
    stops = [m.end() for m in _CLAUSE_STOP.finditer(text, first, start)]
    after = _CLAUSE_STOP.search(text, end, last)
    return (stops[-1] if stops else first), (after.start() if after else last)


def _distance(cue: re.Pattern[str], near: str) -> int | None:
    """How many characters separate the nearest match of ``cue`` from the date (None: none)."""
    middle = near.index(" | ")
    distances = [min(abs(m.end() - middle), abs(m.start() - middle - 3))
                 for m in cue.finditer(near)]
    return min(distances, default=None)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave out a leading "the" and trailing separators of a candidate."""
    while end > start and text[end - 1] in " ,.-":
        end -= 1
    if text[start:end].lower().startswith("the "):
        start += 4
    return start, end
