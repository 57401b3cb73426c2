"""The allow-list: terms that look like PHI but are not (the clinic's own numbers, places, staff).

Data comes from ``allowlist.yaml`` plus what the clinic's documents show: terms harvested with the
YAML's ``harvest`` regexes, the words the documents use in lower case (ordinary vocabulary), the
words they only capitalise (proper nouns: staff, places, products) and their codes and numbers.
So another clinic's knowledge base brings its own, and a new generation of the index its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from guardrails.data import PACKAGE_DIR, StrictModel, load_model
from guardrails.dates import parse_date
from guardrails.document_dates import find_dates
from guardrails.text import alternation, without_marks

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)[\w][\w./-]*[\w]")
_GROUPED = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")  # "14,900", also typed "14900"
# Two capitalised words in a row (overlapping pairs: "Price Sheet 2025", "Call Center").
_PAIR = re.compile(r"(?<![\w'’-])(?=([A-Z][^\W\d_]+ [A-Z][^\W\d_]+)(?![\w'’-]))")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;#|>*\n(\[\"“-])\s*$")
_YEAR = re.compile(r"\d{4}")
PHONE_LABELS = frozenset({"PHONE", "FAX"})
# Labels allowed when they merely overlap an allowed term ("1200 Example Way, Suite 300").
OVERLAP_LABELS = frozenset({"ADDRESS", "CITY", "ZIP"})


class AllowlistFile(StrictModel):
    """``allowlist.yaml``: fixed terms, places that identify nobody, harvest regexes by kind."""

    terms: list[str] = []
    insurers: list[str] = []  # terms too, and what search reads as an insurer
    not_phi_places: list[str] = []
    harvest: dict[str, str] = {}


@dataclass(frozen=True)
class Allowlist:
    """Lower-cased allowed terms, allowed phone numbers (10 digits) and non-identifying places."""

    terms: frozenset[str] = frozenset()
    phone_digits: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # used in lower case by the documents
    proper: frozenset[str] = frozenset()  # only ever capitalised inside a sentence
    acronyms: frozenset[str] = frozenset()  # only ever written in capitals ("REI", "ICSI")
    codes: frozenset[str] = frozenset()  # tokens with digits the documents contain
    phrases: frozenset[str] = frozenset()  # capitalised word pairs ("example way")
    dates: frozenset[date] = frozenset()  # full dates the documents state (a policy's, a memo's)
    listed: frozenset[str] = frozenset()  # allowlist.yaml's own terms: drugs, insurers, teams
    insurers: frozenset[str] = frozenset()  # insurers and benefit managers, lower-cased

    @classmethod
    def load(cls, path: Path | None = None, extra_texts: Iterable[str] = ()) -> Allowlist:
        """Read the YAML allow-list; harvest clinic terms from ``extra_texts`` (document bodies)."""
        data = load_model(path or PACKAGE_DIR / "allowlist.yaml", AllowlistFile)
        insurers = frozenset(name.lower() for name in data.insurers)
        listed = frozenset(term.lower() for term in data.terms) | insurers
        terms = set(listed)
        harvest = {name: re.compile(rx) for name, rx in data.harvest.items()}
        words: set[str] = set()
        proper: set[str] = set()
        acronyms: set[str] = set()
        codes: set[str] = set()
        phrases: set[str] = set()
        dates: set[date] = set()
        for text in extra_texts:
            for name, pattern in harvest.items():
                for match in pattern.finditer(text):
                    terms.update(_variants(name, match.group("term")))
            _vocabulary(text, words, proper, acronyms)
            codes.update(_code(m.group()) for m in _CODE.finditer(text))
            codes.update(_code(m.group()) for m in _GROUPED.finditer(text))
            phrases.update(m.group(1).lower() for m in _PAIR.finditer(text))
            dates.update(m.value for m in find_dates(text) if m.day_stated)
        for term in terms:
            proper.update(w.lower() for w in _WORD.findall(term))
        phones = {_phone_digits(term) for term in terms if len(_phone_digits(term)) == 10}
        places = {place.lower() for place in data.not_phi_places}
        return cls(frozenset(terms), frozenset(phones), frozenset(places), frozenset(words),
                   frozenset(proper - words), frozenset(acronyms - words - proper),
                   frozenset(codes), frozenset(phrases), frozenset(dates), listed, insurers)

    def is_word(self, lower: str) -> bool:
        """True when the documents use ``lower`` as an ordinary (lower-case) word."""
        return lower in self.words

    def is_phrase(self, pair: str) -> bool:
        """True when the documents write the two capitalised words ``pair`` together."""
        return pair.lower() in self.phrases

    def is_proper_noun(self, lower: str) -> bool:
        """True when the documents name something by ``lower`` (staff, a place, a drug)."""
        return lower in self.proper

    def is_listed(self, phrase: str) -> bool:
        """True when ``phrase`` is one of the list's own terms (a drug, an insurer, a team):
        something no one is called, unlike a harvested staff name a patient may share."""
        return phrase.lower() in self.listed

    def insurers_named(self, text: str) -> list[str]:
        """The insurers and benefit managers ``text`` names ("aetna", "blue shield"), as
        the list writes them, lower-cased."""
        return [name for name in sorted(self.insurers) if _named(name, text)]

    def is_acronym(self, lower: str) -> bool:
        """True when the documents write ``lower`` only in capitals ("REI"): it names something
        of theirs only when written so ("Rei" typed is someone's name)."""
        return lower in self.acronyms

    def is_place(self, text: str) -> bool:
        """True for a state, a country or a region (not identifying under Safe Harbor), however
        it is accented or spaced ("Việt Nam")."""
        return _fold(text) in self._folded_places

    @cached_property
    def _folded_places(self) -> frozenset[str]:
        return frozenset(_fold(place) for place in self.places)

    def is_clinic_phone(self, digits: str) -> bool:
        """True when the digits of ``digits`` (typed or read out) are one of the clinic's
        phones, or, seven digits without an area code, the local part of one ("ext 010-0180")."""
        number = _phone_digits(digits)
        if len(number) == LOCAL_DIGITS:
            return any(phone.endswith(number) for phone in self.phone_digits)
        return number[-10:] in self.phone_digits

    def is_document_date(self, value: str) -> bool:
        """True when ``value`` is a full date the documents state ("from Oct 10, 2025": a
        policy's date, not a patient's; a day and month alone may be anyone's)."""
        return bool(self.dates) and _full_date(value) in self.dates

    def is_code(self, value: str) -> bool:
        """True when a number or code like ``value`` occurs in the documents."""
        return _code(value) in self.codes

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        return re.compile(rf"(?<!\w)(?:{alternation(self.terms)})(?!\w)", re.IGNORECASE)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where allowed terms occur in ``text``."""
        pattern = self._pattern
        return [m.span() for m in pattern.finditer(text)] if pattern else []

    def allows(self, text: str, label: str, start: int, end: int,
               spans: list[tuple[int, int]] | None = None) -> bool:
        """True when the entity ``text[start:end]`` labelled ``label`` is allowed (not PHI)."""
        value = text[start:end]
        if label in PHONE_LABELS and self.is_clinic_phone(value):
            return True
        cleaned = re.sub(r"^(?:dr\.?\s+)|'s$", "", value.strip().lower())
        if self.is_place(cleaned):  # a state or country, whatever a recognizer called it
            return True
        if cleaned in self.terms or all(word in self.terms for word in cleaned.split()):
            return True
        spans = self.spans(text) if spans is None else spans
        if label in OVERLAP_LABELS:  # starts with, or is mostly, an allowed term ("455 Sample Ave,
            # Suite 2, Springfield")
            return any(s <= start < e or 2 * (min(e, end) - max(s, start)) >= end - start
                       for s, e in spans)
        return any(s <= start and end <= e for s, e in spans)


def _named(name: str, text: str) -> bool:
    """Whether ``text`` has ``name`` as whole words, in any case, spaced or hyphenated alike."""
    words = map(re.escape, _WORD.findall(name))
    return bool(re.search(r"(?<!\w)" + r"[\s-]*".join(words) + r"(?!\w)", text, re.IGNORECASE))


def _full_date(value: str) -> date | None:
    """The date ``value`` writes with its year (a day and month alone may be anyone's)."""
    return parse_date(value, date.today()) if _YEAR.search(value) else None


def _vocabulary(text: str, words: set[str], proper: set[str], acronyms: set[str]) -> None:
    """Add the words of ``text`` used in lower case to ``words``, those written in capitals to
    ``acronyms`` and other capitalised ones inside a sentence to ``proper``."""
    for match in _WORD.finditer(text):
        word = match.group()
        forms = {word.lower(), *re.split(r"['’-]", word.lower())}
        if word[0].islower():
            words.update(forms)
        elif len(word) > 1 and word.isupper():
            acronyms.update(forms)
        elif not _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            proper.update(forms)


def _fold(text: str) -> str:
    """Lower case without accents or spaces: "Việt Nam" -> "vietnam"."""
    return "".join(c for c in without_marks(unicodedata.normalize("NFKC", text.lower()))
                   if c.isalnum())


def _code(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", value.lower())


LOCAL_DIGITS = 7  # a US number without its area code


def _phone_digits(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _variants(kind: str, term: str) -> set[str]:
    """A harvested term and the forms it is written in ("Dr. Helen Zhao" -> "Dr. Zhao", "Zhao")."""
    term = term.strip().lower()
    if kind != "physician":
        return {term}
    parts = term.split()
    last = parts[-1]
    return {term, " ".join(parts[1:]), f"dr. {last}", f"dr {last}", last}
