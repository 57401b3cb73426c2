"""Suggested next steps under an answer: a transfer (with the number, extension or menu option to
reach) or a booking (with its price), found in the answer's own cited statements, and for an
urgent question the transfer the policy's urgent routing names; worded by the templates in
``copilot/data/next_steps.yaml``. Each chip's script line passes the claims check first."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import phonenumbers
from jinja2 import Environment
from pydantic import Field

from copilot.answer.model import AnswerResult, NextStep
from copilot.answer.text import cited_statements, split_sentences
from guardrails.data import StrictModel, load_model
from guardrails.prices import AMOUNT

_FILE = Path(__file__).resolve().parent.parent / "data" / "next_steps.yaml"
_CLAUSE = re.compile(r"\s*(?:[,;:()\[\]—–]|\s-\s|\b(?:or|and|but)\b)\s*", re.IGNORECASE)
_WORD = re.compile(r"[\w$&'’.-]+")


class TransferRules(StrictModel):
    cues: list[str]
    reach_words: list[str]
    target_ends: list[str]
    target_max_words: int = Field(ge=1)
    label: str
    script: str


class BookingRules(StrictModel):
    cues: list[str]
    not_offers: list[str]
    offer_max_words: int = Field(ge=1)
    label: str
    script: str


class NextStepRules(StrictModel):
    transfer: TransferRules
    booking: BookingRules
    max_chips: int = Field(ge=0)
    phone_region: str


def _words(words: list[str]) -> str:
    """Whole-word alternatives; a trailing "*" allows any ending."""
    return "|".join(
        re.escape(w[:-1]) + r"[\w-]*" if w.endswith("*") else re.escape(w) for w in words
    )


class NextSteps:
    """Finds the chips for an answer (see the module)."""

    def __init__(self, rules: NextStepRules) -> None:
        self.rules = rules
        transfer, booking = rules.transfer, rules.booking
        self._transfer = re.compile(rf"\b(?:{_words(transfer.cues)})\b", re.IGNORECASE)
        self._booking = re.compile(rf"\b(?:{_words(booking.cues)})\b", re.IGNORECASE)
        self._not_offer = re.compile(rf"\b(?:{_words(booking.not_offers)})\b", re.IGNORECASE)
        self._reach = re.compile(
            rf"\b(?:{_words(transfer.reach_words)})\.?\s*#?\s*\d{{1,5}}\b", re.IGNORECASE
        )
        self._target = re.compile(
            rf"\b(?:{_words(transfer.cues)})\b\s+to\s+(?P<target>[^,;:()\[\]—–\d]+)", re.IGNORECASE
        )
        self._target_end = re.compile(rf"\b(?:{_words(transfer.target_ends)})\b", re.IGNORECASE)
        env = Environment(autoescape=False, keep_trailing_newline=False)
        self._templates = {
            (kind, part): env.from_string(getattr(getattr(rules, kind), part))
            for kind in ("transfer", "booking")
            for part in ("label", "script")
        }

    def find(self, answer: str, notes: list[str], checker, urgent: bool = False) -> list[NextStep]:
        """The chips for ``answer`` (notes are not statements of the documents); when the
        question was ``urgent``, first the transfer ``checker``'s policy routes it to (its
        urgent text, if that names a number, extension or option). A chip whose script line
        ``checker`` (the claims check) does not pass is left out."""
        found: list[NextStep] = []
        if urgent:
            routing = split_sentences(checker.policy.urgent.text)
            found += [c for s in routing for c in self._transfers(s)]
        for statement in self._cited_statements(answer, notes):
            sentences = split_sentences(statement)
            found += [c for s in sentences for c in self._transfers(s)]
            if self._booking.search(statement):
                found += [c for s in sentences for c in self._bookings(s)]
        chips: list[NextStep] = []
        for chip in found:
            if len(chips) >= self.rules.max_chips:
                return chips
            if chip not in chips and checker.check(chip.script).verdict == "pass":
                chips.append(chip)
        return chips

    def routes(self, sentence: str) -> bool:
        """Whether ``sentence`` sends the caller somewhere (a transfer cue)."""
        return bool(self._transfer.search(sentence))

    def of(self, result: AnswerResult, checker) -> list[NextStep]:
        """The chips for an answer the copilot returned."""
        return self.find(result.answer, result.notes, checker, urgent=result.urgent)

    @staticmethod
    def _cited_statements(answer: str, notes: list[str]) -> list[str]:
        """The answer's statements that end at citation markers (not its policy notes)."""
        skip = {n.strip() for n in notes}
        found = []
        for paragraph in answer.split("\n\n"):
            if paragraph.strip() in skip:
                continue
            found += [words for words, marks in cited_statements(paragraph) if marks]
        return found

    def _chip(self, kind: str, **values: str) -> NextStep:
        label = self._templates[kind, "label"].render(**values)
        script = self._templates[kind, "script"].render(**values)
        return NextStep(kind=kind, label=" ".join(label.split()), script=" ".join(script.split()))

    def phones(self, text: str) -> list[str]:
        """The phone numbers in ``text``, as written."""
        return [m.raw_string for m in phonenumbers.PhoneNumberMatcher(
            text, self.rules.phone_region, leniency=phonenumbers.Leniency.POSSIBLE)]

    def _transfers(self, sentence: str) -> list[NextStep]:
        if not self.routes(sentence):
            return []
        phones = self.phones(sentence)
        reaches = [m.group(0) for m in self._reach.finditer(sentence)]
        if not phones and not reaches:
            return []
        target = self._target_of(sentence)
        reach = " · ".join([*reaches[:1], *phones[:1]])
        phone = phones[0] if phones else ""
        return [self._chip("transfer", target=target, reach=reach, phone=phone)]

    def _target_of(self, sentence: str) -> str:
        match = self._target.search(sentence)
        if not match:
            return ""
        text = self._target_end.split(match.group("target"), maxsplit=1)[0]
        words = text.strip().rstrip(".").split()
        return " ".join(words) if 0 < len(words) <= self.rules.transfer.target_max_words else ""

    def _bookings(self, sentence: str) -> list[NextStep]:
        chips = []
        for clause in _CLAUSE.split(sentence):
            price = AMOUNT.search(clause)
            if not price or self._not_offer.search(clause):
                continue
            after = _WORD.findall(clause[price.end() :])
            before = _WORD.findall(clause[: price.start()])
            limit = self.rules.booking.offer_max_words
            if after:
                offer = " ".join([price.group(0), *after[:limit]])
            else:
                offer = " ".join([*before[-limit:], price.group(0)])
            chips.append(self._chip("booking", offer=offer.rstrip(".")))
        return chips


@lru_cache(maxsize=1)
def next_steps() -> NextSteps:
    return NextSteps(load_model(_FILE, NextStepRules))
