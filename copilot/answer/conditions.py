"""The durations and times of day a question gives and the branches of a rule set on them.

An agent asks about one case ("her scan is 9 hours from now, can she still move it?"); a rule is
written as branches, conditions on one duration in opposite directions ("with 24 hours' notice
or more: no fee", "with less than 24 hours' notice: a $75 late-cancellation fee"). The grounded
drafter reads out the branch the case falls in: a statement whose branch the question's duration
meets ranks higher, the other branch's lower.

Two kinds of quantity: a duration, in hours (a price, a cycle day or an age is none), and a time
of day, in minutes from midnight ("messages left before 3:00 p.m. are returned the same day",
"after 3:00 p.m., by noon the next day" for a message left at 4:15 pm). Only conditions said with
a comparison count ("less than", "at least", "or more", "after business day 5", "before 3 pm");
a deadline or a promise ("returned within 2 business days") sets none. A condition without
its opposite among the statements weighed is no branch and weighs nothing: "at least 72 hours'
notice for a procedure" is the rule a 2-day notice breaks, not a branch to leave out (and another
rule's "at least 24 hours' notice for a follow-up" is not its case's). The words are data
(``copilot/data/retrieval.yaml``, ``conditions``).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from guardrails.data import StrictModel

Relation = Literal["<", "<=", ">", ">="]
Kind = Literal["duration", "clock"]
_RELATIONS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
# a time of day as the documents and the agents write it: "4:45pm", "3:00 p.m.", "9 AM"
_CLOCK = r"(?<![\w$.:/])(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?\s?m\b\.?"


class UnitFile(StrictModel):
    words: list[str]
    hours: float


class ConditionsFile(StrictModel):
    """``conditions`` in ``data/retrieval.yaml`` as written."""

    units: dict[str, UnitFile]
    qualifiers: list[str] = []  # between a number and its unit: "5 business days"
    numbers: dict[str, int] = {}  # numbers written as words: "three weeks"
    before: dict[str, Relation]  # a comparison before the duration: "less than 24 hours"
    after: dict[str, Relation]  # ... after it: "24 hours or more", "24 hours' notice or more"
    noon: list[str] = []  # times of day said as a word ("noon")
    clock: dict[str, Relation] = {}  # a comparison before a time of day: "before 3:00 p.m."


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Condition:
    kind: Kind
    relation: Relation
    value: float  # hours (a duration) or minutes from midnight (a time of day)

    @property
    def side(self) -> tuple[Kind, float, bool]:
        return self.kind, self.value, self.relation in ("<", "<=")

    @property
    def opposite(self) -> tuple[Kind, float, bool]:
        kind, value, below = self.side
        return kind, value, not below

    def met_by(self, value: float) -> bool:
        return _RELATIONS[self.relation](value, self.value)


@dataclass(frozen=True)
class Conditions:
    """Reads durations and times of day in questions and the conditions statements set on
    them (``load`` from the file's section; empty, it reads none)."""

    quantities: dict[Kind, re.Pattern] = field(default_factory=dict)  # in a question
    comparisons: dict[Kind, tuple[re.Pattern, ...]] = field(default_factory=dict)
    unit_hours: dict[str, float] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)

    @classmethod
    def load(cls, data: ConditionsFile | None) -> Conditions:
        if data is None:
            return cls()
        unit_hours = {word.lower(): unit.hours for unit in data.units.values()
                      for word in unit.words}
        numbers = {word.lower(): value for word, value in data.numbers.items()}
        number = rf"(?P<n>\d+(?:\.\d+)?|{_alternatives(numbers)})" if numbers \
            else r"(?P<n>\d+(?:\.\d+)?)"
        qualifier = rf"(?:(?:{_alternatives(data.qualifiers)})\s+)*" if data.qualifiers else ""
        unit = rf"(?P<unit>{_alternatives(unit_hours)})"
        # (not "$24", "4:30", "24/7"; a number and its unit may be joined: "20hrs", "48-hour")
        duration = rf"(?<![\w$.:/]){number}\s*-?\s*{qualifier}{unit}(?![\w/])"
        notice = r"(?:['’]s?)?(?:\s+(?:of\s+)?notice)?"  # "24 hours' notice or more"
        before = rf"\b(?P<relation>{_alternatives(data.before)})"
        clock = rf"{_CLOCK}|\b(?P<noon>{_alternatives(data.noon)})\b" if data.noon else _CLOCK
        patterns: dict[Kind, tuple[str, ...]] = {
            "duration": (
                rf"{before}\s+{duration}",  # "less than 24 hours"
                rf"{duration}{notice}\s*(?P<relation>{_alternatives(data.after)})(?!\w)",
                rf"{before}\s+{qualifier}{unit}\s+(?P<n>\d+)\b",  # "after business day 5"
            ),
        }
        if data.clock:
            patterns["clock"] = (rf"\b(?P<relation>{_alternatives(data.clock)})\s+(?:{clock})",)
        return cls(
            {"duration": re.compile(duration, re.IGNORECASE),
             "clock": re.compile(clock, re.IGNORECASE)},
            {kind: tuple(re.compile(p, re.IGNORECASE) for p in found)
             for kind, found in patterns.items()},
            unit_hours, numbers, {**data.before, **data.after, **data.clock},
        )

    def given(self, question: str) -> dict[Kind, list[float]]:
        """The durations (in hours: "in 9 hours", "3 working days ago") and times of day (in
        minutes from midnight: "at 4:15 pm") ``question`` gives, by kind."""
        return {kind: [self._value(kind, m) for m in pattern.finditer(question)]
                for kind, pattern in self.quantities.items()}

    def conditions(self, statement: str) -> list[Condition]:
        """The conditions ``statement`` sets on a duration or a time of day."""
        return [Condition(kind, self.relations[match["relation"].lower()],
                          self._value(kind, match))
                for kind, patterns in self.comparisons.items()
                for pattern in patterns for match in pattern.finditer(statement)]

    def branches(self, question: str, statements: list[str]) -> list[bool | None]:
        """For each statement: True when what ``question`` gives meets one of its branches,
        False when it sets branches and none is met, None when it sets none. A branch is a
        condition whose opposite (the same value, the other direction) one of ``statements``
        sets, on a kind of quantity the question gives."""
        given = {kind: values for kind, values in self.given(question).items() if values}
        if not given:
            return [None] * len(statements)
        conditions = [[c for c in self.conditions(s) if c.kind in given] for s in statements]
        sides = {c.side for found in conditions for c in found}
        verdicts: list[bool | None] = []
        for found in conditions:
            branches = [c for c in found if c.opposite in sides]
            verdicts.append(any(c.met_by(v) for c in branches for v in given[c.kind])
                            if branches else None)
        return verdicts

    def _value(self, kind: Kind, match: re.Match) -> float:
        if kind == "clock":
            if "noon" in match.re.groupindex and match["noon"]:
                return 12 * 60.0
            hour = int(match["hour"]) % 12 + (12 if match["half"].lower() == "p" else 0)
            return hour * 60.0 + int(match["minute"] or 0)
        said = match["n"].lower()
        value = float(said) if said[0].isdigit() else float(self.numbers[said])
        return value * self.unit_hours[match["unit"].lower()]
