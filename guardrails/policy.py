"""The claims policy (``policy.yaml``) as validated pydantic models; an unknown key is an error.

``rules`` and ``required_notes`` are mappings from an id to an entry whose ``kind`` names the model
it is validated by: adding a rule or a note of a known kind is a YAML change only. A new rule kind
is a model registered here with ``rule_kind`` and a rule class registered under the same kind
(``guardrails.rules.registry``); a new note kind, a model in ``NOTE_KINDS`` and its trigger
(``guardrails.notes``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    SerializeAsAny,
    ValidationError,
    field_validator,
    model_validator,
)

from guardrails.data import PACKAGE_DIR, load_model

Config = TypeVar("Config", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regexes(values: list[str] | str) -> list[str] | str:
    for value in [values] if isinstance(values, str) else values:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"invalid regex {value!r}: {error}") from error
    return values


def _joined(value: object) -> object:
    """A regex written in the file as a list of alternatives (one per language) as one."""
    return "|".join(value) if isinstance(value, list) else value


def _by_kind(entries: Any, models: dict[str, type[BaseModel]], what: str) -> Any:
    """``entries`` (id -> mapping), each validated by the model of the ``kind`` it names; a
    problem's location names the entry and its key."""
    if not isinstance(entries, dict):
        return entries  # the field's own type check reports it
    checked: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    for entry_id, entry in entries.items():
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in models:
            problem = (f"{what} {entry_id!r} has the unknown kind {kind!r}; "
                       f"known: {', '.join(sorted(models))}")
            errors.append({"type": "value_error", "loc": (entry_id, "kind"), "input": kind,
                           "ctx": {"error": ValueError(problem)}})
            continue
        try:
            checked[entry_id] = models[kind].model_validate(entry)
        except ValidationError as error:
            errors += [{"type": e["type"], "loc": (entry_id, *e["loc"]), "input": e["input"],
                        **({"ctx": e["ctx"]} if "ctx" in e else {})}
                       for e in error.errors(include_url=False)]
    if errors:
        raise ValidationError.from_exception_data(what, errors)
    return checked


RULE_KINDS: dict[str, type[RuleText]] = {}  # kind -> the model its rules are validated by


def rule_kind(name: str):
    """Class decorator: the model validates the rules of kind ``name``."""

    def register(cls: type[RuleText]) -> type[RuleText]:
        RULE_KINDS[name] = cls
        return cls

    return register


class RuleText(_Strict):
    """What every rule tells the agent."""

    kind: str  # which rule class checks it (``guardrails.rules.registry``) and its model here
    description: str
    message: str
    suggestion: str
    # The wording ``revise`` puts in place of the offending sentence; "" removes the sentence.
    replacement: str = ""


class CostlessConfig(_Strict):
    """A word of nothing and a word of cost at most ``gap_words`` words apart, either first
    (or, in a script without spaces, a few characters apart): a free term however a language
    puts it ("không tốn đồng nào", "بدون أي رسوم", "ничего не будет стоить")."""

    gap_words: int
    nothing: str
    cost: str
    added: str  # a word between them that makes the cost one on top ("без дополнительной платы")

    _alternatives = field_validator("nothing", "cost", "added", mode="before")(_joined)
    _regexes = field_validator("nothing", "cost", "added")(_check_regexes)

    def pattern(self) -> str:
        """The two words as one free term."""
        gap = (rf"(?:\s+(?!{self.added})[^\s.;,!?]+){{0,{self.gap_words}}}\s+|\s?"
               rf"|(?!{self.added})[\u3040-\u9fff\uac00-\ud7af]{{1,2}}")
        return (rf"(?:{self.nothing})(?:{gap})(?:{self.cost})"
                rf"|(?:{self.cost})(?:{gap})(?:{self.nothing})")


@rule_kind("free_consultation")
class FreeConsultationConfig(RuleText):
    free_terms: list[str]
    costless: CostlessConfig | None = None  # free terms composed of two words
    subject_terms: list[str]
    exempt_subjects: list[str]
    exempt_phrases: list[str]
    negations: str
    negation_window: int
    subject_window_chars: int
    pronoun_start: str
    pronoun_object: str
    pronoun_sentence_max_words: int
    fee_words: list[str]
    answered_no: str
    charge_words: str
    charge_question: str
    added_charges: str
    clause_openers: str
    coordinators: str
    elliptical_denial: str

    _regexes = field_validator("free_terms", "subject_terms", "exempt_subjects",
                               "exempt_phrases", "negations", "pronoun_start",
                               "pronoun_object", "answered_no", "charge_words",
                               "charge_question", "added_charges", "clause_openers",
                               "coordinators", "elliptical_denial")(_check_regexes)


@rule_kind("price")
class PriceConfig(RuleText):
    skip_cues: str
    generic_words: list[str]
    window_words: int
    count_words: list[str]  # one, two, ...: "2 retrievals" is the two-retrieval package
    ended_cues: str
    ended_message: str
    attributive_words: list[str]  # "the $14,900 IVF price": the service follows the amount
    arithmetic_cues: str
    # right around a sentence's last amount: it is the sum of those before it ("so $1,400 in
    # total"), which must add up
    total_cues: str = r"$^"
    total_message: str = ""
    saving_cues: str
    regular_cues: str  # "$99 (regular $400)": the offer's regular price follows its own
    regular_message: str
    denied_amount_cues: str  # right before an amount: "not $400", "no longer $150"
    paid_back_cues: str = r"$^"  # right after an amount: the payment returned ("$99 back")
    # right before an amount: a price referred to, not given ("not included in the $14,900",
    # "your $99 payment"); it stands when a service the sentence names has it
    referred_cues: str = r"$^"
    discount_claims: str  # groups "share" / "share_after": the percentage, when one is given
    discount_denials: str
    discount_message: str
    discount_words: str  # how the documents name a discount they state
    other_currency_signs: str  # of currencies other than the documents' own: "€", "GBP"
    other_currency_words: str  # ... written after the number: "euros", "円"
    other_currency_message: str
    periods: dict[str, str] = {}  # period -> regex read right after an amount ("per year")
    period_message: str = ""
    rate_claims: str = r"$^"  # groups "share" / "share_after": a fee's rate ("a 3% card fee")
    rate_message: str = ""

    _regexes = field_validator("skip_cues", "ended_cues", "arithmetic_cues", "total_cues",
                               "saving_cues",
                               "regular_cues", "denied_amount_cues", "paid_back_cues",
                               "referred_cues",
                               "discount_claims", "discount_denials", "discount_words",
                               "other_currency_signs", "other_currency_words",
                               "rate_claims")(_check_regexes)

    @field_validator("periods")
    @classmethod
    def _period_regexes(cls, periods: dict[str, str]) -> dict[str, str]:
        _check_regexes(list(periods.values()))
        return periods


class Outcome(_Strict):
    """Outcomes no one can promise (``words``), as such only beside a ``context`` word when one
    is given in the sentence (a plan's coverage, a prescription's renewal)."""

    words: str
    context: str = ""

    _alternatives = field_validator("words", "context", mode="before")(_joined)
    _regexes = field_validator("words", "context")(_check_regexes)


class CertaintyConfig(_Strict):
    """A word of certainty (``markers``) and an outcome in one clause (``clause_breaks`` end
    one), within ``window`` characters of each other, either first; not when a ``hedges`` word
    comes between them or right before the outcome ("we always do our best to help you
    succeed")."""

    window: int
    negation_window: int  # words: a list's negation reaches its last item ("no dosing or …")
    clause_breaks: str
    markers: str
    hedges: str
    outcomes: list[Outcome]

    _alternatives = field_validator("markers", "hedges", mode="before")(_joined)
    _regexes = field_validator("clause_breaks", "markers", "hedges")(_check_regexes)


@rule_kind("phrases")
class PhraseConfig(RuleText):
    patterns: list[str]
    negations: str
    negation_window: int
    certainty: CertaintyConfig | None = None  # outcomes said to be certain, in any wording

    _regexes = field_validator("patterns", "negations")(_check_regexes)


class AgeNote(_Strict):
    """A note required for an age at or above ``min_age``."""

    kind: Literal["age"]
    text: str
    min_age: int
    age_patterns: list[str]
    present_when: list[str]

    _regexes = field_validator("age_patterns", "present_when")(_check_regexes)


class RenewalNote(_Strict):
    """A note required when a prescription renewal is asked for a new patient."""

    kind: Literal["renewal"]
    text: str
    request_patterns: list[str]
    new_patient_patterns: list[str]
    established_patterns: list[str]
    present_when: list[str]

    _regexes = field_validator("request_patterns", "new_patient_patterns",
                               "established_patterns", "present_when")(_check_regexes)


class TriggeredNote(_Strict):
    """A note required whenever the question matches one of ``question_patterns``; with
    ``answers``, the note's routing answers such a question: it is never "not covered"."""

    kind: Literal["question"]
    text: str
    answers: bool = False
    question_patterns: list[str]
    present_when: list[str]

    _regexes = field_validator("question_patterns", "present_when")(_check_regexes)


Note = AgeNote | RenewalNote | TriggeredNote
NOTE_KINDS: dict[str, type[BaseModel]] = {"age": AgeNote, "renewal": RenewalNote,
                                          "question": TriggeredNote}


class NegationReading(_Strict):
    """How every negation is read, for the claims rules and the red flags (see policy.yaml)."""

    clause_breaks: str  # a negation does not reach across these
    joined_clauses: str  # ... nor, for a claim, into the next of two clauses these join
    reassurances: str  # no negations ("don't worry")
    answers: str  # an answer opening a sentence negates nothing after it ("No, …")

    _regexes = field_validator("clause_breaks", "joined_clauses", "reassurances",
                               "answers")(_check_regexes)


class UrgentTrigger(_Strict):
    name: str
    pattern: str  # in the file, also a list of alternatives (one per language)
    above: float | None = None
    # a named group of ``pattern`` -> the factor that turns a value in its unit into ``above``'s
    units: dict[str, float] = {}
    celsius_below: float | None = None  # a temperature under this was said in Celsius
    # the values (in ``above``'s unit) the measure can take: a number outside reads nothing
    # ("fever for 2 days" names no temperature)
    plausible: tuple[float, float] | None = None
    # a word that is this red flag only when no trigger named here reads a value in the
    # sentence ("fever 99.1" is left to the measured trigger: under its threshold)
    unless_measured: tuple[str, ...] = ()
    text: str | None = None  # this red flag's own notice, when the general one does not fit

    _alternatives = field_validator("pattern", mode="before")(_joined)
    _regexes = field_validator("pattern")(_check_regexes)

    @model_validator(mode="after")
    def _groups_named(self) -> UrgentTrigger:
        """A measured trigger's pattern names its ``value`` (and each unit in ``units``)."""
        groups = set(re.compile(self.pattern).groupindex)
        needed = set(self.units) | ({"value"} if self.above is not None else set())
        if needed - groups:
            raise ValueError(f"urgent trigger {self.name!r}: its pattern has no group named "
                             f"{sorted(needed - groups)}")
        return self

    def measured(self, match: re.Match[str]) -> float:
        """The value ``match`` names, in the unit of ``above`` ("38.5" °C -> 101.3); with a
        group ``earlier``, what ``value`` rose from it ("61.2 kg yesterday, 62.4 today": 1.2 kg
        -> 2.64 lb)."""
        value = float(match["value"].replace(",", "."))
        if "earlier" in match.re.groupindex:
            value -= float(match["earlier"].replace(",", "."))
        for group, factor in self.units.items():
            if match[group]:
                value *= factor
        if self.celsius_below is not None and value < self.celsius_below:
            value = value * 9 / 5 + 32
        return value

    def reads(self, match: re.Match[str]) -> float | None:
        """The value ``match`` names (see ``measured``) when the measure can take it, else
        None ("fever for 2 days" reads no temperature)."""
        value = self.measured(match)
        low, high = self.plausible or (float("-inf"), float("inf"))
        return value if low <= value <= high else None


class UrgentPolicy(_Strict):
    text: str
    negations: str
    negation_window: int
    # a symptom list a negation covers whole (see policy.yaml)
    list_joins: str
    list_ends: str
    list_turns: str
    list_item_words: int
    list_screens: str = r"$^"
    # a negation right after the red flag, in the languages that put it there ("息切れはない")
    negated_after: str
    intensifiers: str  # in the file, also a list (one per language)
    pauses: str  # a pause typed inside a sentence ("i can't... breathe")
    # what makes a red flag's sentence no emergency of the call's (see policy.yaml)
    over: str
    recurring: str
    someone_else: str
    clause_breaks: str
    patient: str
    hypothetical: str
    # a red flag in a clause opened by one of these ("if I get a fever …"), in a sentence that
    # asks (``asks``) what to do then, is foreseen, not had
    conditional: str
    asks: str
    # a red flag told at a time the nurse line is closed: this text joins the notice
    off_hours: str
    off_hours_text: str
    triggers: list[UrgentTrigger]

    _alternatives = field_validator("intensifiers", "over", "someone_else", "hypothetical",
                                    "conditional", "asks", "off_hours", mode="before")(_joined)
    _regexes = field_validator("negations", "negated_after", "intensifiers", "pauses", "over",
                               "recurring", "someone_else", "clause_breaks", "patient",
                               "hypothetical", "conditional", "asks", "list_joins", "list_ends",
                               "list_turns", "list_screens", "off_hours")(_check_regexes)

    @model_validator(mode="after")
    def _measures_known(self) -> UrgentPolicy:
        measured = {t.name for t in self.triggers if t.above is not None}
        for trigger in self.triggers:
            unknown = set(trigger.unless_measured) - measured
            if unknown:
                raise ValueError(f"urgent trigger {trigger.name!r}: unless_measured names "
                                 f"{sorted(unknown)}, which is no trigger with 'above'")
        return self


class Policy(_Strict):
    """The whole policy file. ``Policy.load()`` reads the packaged ``policy.yaml``."""

    rules: dict[str, SerializeAsAny[RuleText]]  # rule id -> its settings, of its kind's model
    required_notes: dict[str, Note]  # note id -> what calls for it, of its kind's model
    negation: NegationReading
    urgent: UrgentPolicy

    @field_validator("rules", mode="before")
    @classmethod
    def _rules_by_kind(cls, rules: Any) -> Any:
        import guardrails.rules  # noqa: F401  (a kind's model may live beside its rule class)

        return _by_kind(rules, RULE_KINDS, "rule")

    @field_validator("required_notes", mode="before")
    @classmethod
    def _notes_by_kind(cls, notes: Any) -> Any:
        return _by_kind(notes, NOTE_KINDS, "note")

    def rule(self, model: type[Config]) -> Config:
        """The one rule validated by ``model`` (``policy.rule(PriceConfig)``: the price rule)."""
        found = [config for config in self.rules.values() if type(config) is model]
        if len(found) != 1:
            raise ValueError(f"the policy has {len(found)} rules of {model.__name__}, not one")
        return found[0]

    @classmethod
    def load(cls, path: Path | None = None) -> Policy:
        """Read and validate a policy file; errors name the file and the offending key."""
        return load_model(path or PACKAGE_DIR / "policy.yaml", cls)
