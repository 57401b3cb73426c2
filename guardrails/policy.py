"""The claims policy (``policy.yaml``) as validated pydantic models; an unknown key is an error."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from guardrails.data import PACKAGE_DIR, load_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regexes(values: list[str] | str) -> list[str] | str:
    for value in [values] if isinstance(values, str) else values:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"invalid regex {value!r}: {error}") from error
    return values


class RuleText(_Strict):
    """What every rule tells the agent."""

    kind: str  # which rule class checks it (``guardrails.rules.registry``)
    description: str
    message: str
    suggestion: str
    # The wording ``revise`` puts in place of the offending sentence; "" removes the sentence.
    replacement: str = ""


class FreeConsultationConfig(RuleText):
    free_terms: list[str]
    subject_terms: list[str]
    exempt_subjects: list[str]
    exempt_phrases: list[str]
    negations: str
    negation_window: int
    subject_window_chars: int
    pronoun_start: str
    pronoun_sentence_max_words: int

    _regexes = field_validator("free_terms", "subject_terms", "exempt_subjects",
                               "exempt_phrases", "negations", "pronoun_start")(_check_regexes)


class PriceConfig(RuleText):
    skip_cues: str
    generic_words: list[str]
    window_words: int
    count_words: list[str]  # one, two, ...: "2 retrievals" is the two-retrieval package
    ended_cues: str
    ended_message: str
    attributive_words: list[str]  # "the $14,900 IVF price": the service follows the amount
    arithmetic_cues: str

    _regexes = field_validator("skip_cues", "ended_cues", "arithmetic_cues")(_check_regexes)


class PhraseConfig(RuleText):
    patterns: list[str]
    negations: str
    negation_window: int

    _regexes = field_validator("patterns", "negations")(_check_regexes)


class Rules(_Strict):
    free_consultation: FreeConsultationConfig
    price_mismatch: PriceConfig
    guarantee: PhraseConfig
    medical_advice: PhraseConfig


class AgeNote(_Strict):
    text: str
    min_age: int
    age_patterns: list[str]
    present_when: list[str]

    _regexes = field_validator("age_patterns", "present_when")(_check_regexes)


class RenewalNote(_Strict):
    text: str
    request_patterns: list[str]
    new_patient_patterns: list[str]
    established_patterns: list[str]
    present_when: list[str]

    _regexes = field_validator("request_patterns", "new_patient_patterns",
                               "established_patterns", "present_when")(_check_regexes)


class TriggeredNote(_Strict):
    """A note required whenever the question matches one of ``question_patterns``."""

    text: str
    question_patterns: list[str]
    present_when: list[str]

    _regexes = field_validator("question_patterns", "present_when")(_check_regexes)


class RequiredNotes(_Strict):
    age_42_plus: AgeNote
    rx_renewal_new_patient: RenewalNote
    clinical_question: TriggeredNote


class UrgentTrigger(_Strict):
    name: str
    pattern: str
    above: float | None = None

    _regexes = field_validator("pattern")(_check_regexes)


class UrgentPolicy(_Strict):
    text: str
    negations: str
    negation_window: int
    triggers: list[UrgentTrigger]


class Policy(_Strict):
    """The whole policy file. ``Policy.load()`` reads the packaged ``policy.yaml``."""

    rules: Rules
    required_notes: RequiredNotes
    urgent: UrgentPolicy

    @classmethod
    def load(cls, path: Path | None = None) -> Policy:
        """Read and validate a policy file; errors name the file and the offending key."""
        return load_model(path or PACKAGE_DIR / "policy.yaml", cls)
