"""The agents' shorthand and retrieval word lists, from ``copilot/data/retrieval.yaml``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

from copilot.answer.conditions import Conditions, ConditionsFile
from guardrails.data import StrictModel, load_model
from guardrails.text import without_marks

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "retrieval.yaml"
# a word, or a shorthand typed with a slash ("f/u", "u/s"; not "dob/ssn": two words); a word
# ends on a letter or digit: a quote closing the caller's words is no part of it ("… my appt'")
_WORD = re.compile(r"\$|[a-z0-9]/[a-z0-9](?![a-z0-9/])|[^\W_](?:[\w'-]*[^\W_])?", re.IGNORECASE)
# Chinese and Japanese characters, Korean syllables (and their letters, as dropping marks
# decomposes them): words written without spaces between them; and Devanagari, whose vowel
# signs are marks the word pattern stops at ("कितना"): entries in these are found anywhere
_UNSPACED = re.compile(
    r"[\u0900-\u097f\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_ELIDED = re.compile(r"^(?:[dlcjmnst]|qu)['’](?=\w)")
ENGLISH_WORD_ZIPF = 3.5  # a word this frequent in English is no other language's plural


class AskedValueFile(StrictModel):
    """One kind of value a question may ask for: the question's cues, the statement's form."""

    asked: list[str]
    given: str


@dataclass(frozen=True)
class AskedValue:
    asked: tuple[re.Pattern, ...]
    given: re.Pattern


class VocabularyFile(StrictModel):
    """``data/retrieval.yaml`` as written (unknown keys are refused)."""

    abbreviations: dict[str, list[str]] = {}
    archive_triggers: list[str] = []
    follow_up_starts: list[str] = []
    follow_up_max_words: int = 8
    asked_values: dict[str, AskedValueFile] = {}
    insurer_words: list[str] = []
    conditions: ConditionsFile | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Abbreviation expansions and the phrases that steer retrieval."""

    abbreviations: dict[str, tuple[str, ...]]
    archive_triggers: tuple[str, ...]
    follow_up_starts: tuple[str, ...]
    follow_up_max_words: int
    asked_values: tuple[AskedValue, ...] = ()
    insurer_words: tuple[str, ...] = ()  # what an insurer's name stands for in search
    conditions: Conditions = Conditions()  # durations asked about, conditions set on them
    # entries of several words or in a script written without spaces ("bao nhiêu", "多少钱"),
    # found anywhere in the question, as (entry, its pattern, what it stands for)
    phrases: tuple[tuple[str, re.Pattern, tuple[str, ...]], ...] = ()

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Read the YAML file with the strict loader (a problem names the file, line and key)."""
        path = path or DEFAULT_FILE
        data = load_model(path, VocabularyFile)
        abbreviations: dict[str, tuple[str, ...]] = {}
        for key, values in data.abbreviations.items():
            folded = without_marks(str(key).lower())
            if folded in abbreviations:
                raise ValueError(f"{path}: abbreviation {key!r} is listed twice (words are "
                                 "looked up without case or accents)")
            abbreviations[folded] = tuple(str(v) for v in values)
        phrases = {key: meant for key, meant in abbreviations.items() if _is_phrase(key)}
        return cls(
            abbreviations={k: v for k, v in abbreviations.items() if k not in phrases},
            phrases=tuple((key, _phrase_pattern(key), meant) for key, meant in phrases.items()),
            archive_triggers=tuple(s.lower() for s in data.archive_triggers),
            follow_up_starts=tuple(s.lower() for s in data.follow_up_starts),
            follow_up_max_words=data.follow_up_max_words,
            asked_values=tuple(
                AskedValue(tuple(re.compile(p, re.IGNORECASE) for p in value.asked),
                           re.compile(value.given, re.IGNORECASE))
                for value in data.asked_values.values()
            ),
            insurer_words=tuple(data.insurer_words),
            conditions=Conditions.load(data.conditions),
        )

    def expansions(
        self, query: str, known: Callable[[str], bool] = lambda _word: False
    ) -> dict[str, tuple[str, ...]]:
        """Each shorthand word of the query with what it stands for, leaving out words that
        ``known`` says the documents use as they are (an "IVF" in the documents needs no help).
        A word is looked up with its accents dropped (agents type "cuánto" and "cuanto"), and a
        plural the list lacks as its singular ("formularios", "appts")."""
        folded = without_marks(query.lower())
        phrases = {key: meant for key, pattern, meant in self.phrases if pattern.search(folded)}
        inside = {word for key in phrases for word in key.split()}  # "siêu âm" is no "am"
        return {
            word: meant
            for word in _WORD.findall(query.lower())
            if (bare := without_marks(word)) not in inside
            and (meant := self._meaning(bare)) and not known(word)
        } | phrases

    def insurers(self, names: list[str]) -> dict[str, tuple[str, ...]]:
        """Each insurer's name (as the allow-list names them in a question) with what it
        stands for in search: an insurer calling is routed as one, whatever its brand."""
        return dict.fromkeys(names, self.insurer_words) if self.insurer_words else {}

    def _meaning(self, word: str) -> tuple[str, ...] | None:
        # (an elided article is no part of the word: "d'embryon", "l'assurance")
        word = _ELIDED.sub("", word)
        for form in (word, *_singulars(word)):
            if form in self.abbreviations:
                return self.abbreviations[form]
        return None

    def expand(self, query: str, known: Callable[[str], bool] = lambda _word: False) -> str:
        """The query followed by the expansions of any shorthand it contains."""
        return with_expansions(query, self.expansions(query, known))

    def wants_archive(self, query: str) -> bool:
        """True when the agent explicitly asks for archived or historical material."""
        lowered = query.lower()
        return any(trigger in lowered for trigger in self.archive_triggers)

    def gives_asked_value(self, question: str) -> Callable[[str], bool]:
        """Whether a statement gives a value ``question`` asks for (a price, a number to
        transfer to, a time); always False when it asks for none."""
        forms = [v.given for v in self.asked_values if any(p.search(question) for p in v.asked)]
        return lambda statement: any(form.search(statement) for form in forms)

    def is_follow_up(self, question: str) -> bool:
        """A short question that leans on the previous one ("and the in-office one?")."""
        lowered = question.lower().strip()
        short = len(lowered.split()) <= self.follow_up_max_words
        return short and lowered.startswith(self.follow_up_starts)


def _is_phrase(entry: str) -> bool:
    return " " in entry or bool(_UNSPACED.search(entry))


def _phrase_pattern(entry: str) -> re.Pattern:
    """A phrase of spaced words as whole words; one of a script without spaces anywhere."""
    if _UNSPACED.search(entry):
        return re.compile(re.escape(entry))
    return re.compile(rf"(?<!\w){re.escape(entry)}(?!\w)")


def with_expansions(query: str, expansions: dict[str, tuple[str, ...]]) -> str:
    """``query`` followed by the words its ``expansions`` stand for, each once."""
    extra = list(dict.fromkeys(e for meant in expansions.values() for e in meant))
    return f"{query} {' '.join(extra)}".strip() if extra else query


def _singulars(word: str) -> tuple[str, ...]:
    """What a plural's singular may be: less its "s", or its "es" ("citas", "dolores"); none
    for an English word ("phones", "docs": the tokenizer's stemmer reads those as the
    documents' words, and a shorthand entry for the singular may mean something else)."""
    if len(word) <= 3 or not word.endswith("s") or \
            zipf_frequency(word, "en") >= ENGLISH_WORD_ZIPF:
        return ()
    return (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)
