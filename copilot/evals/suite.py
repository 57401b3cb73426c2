"""Eval suites: YAML files of question/expected-fact cases, validated on load.

A suite file looks like::

    suite: pricing
    thresholds: {min_fact_recall: 0.9, max_violations: 0}
    cases:
      - id: price-ivf
        question: how much is ivf
        area: pricing
        expect: answer
        sources: [pricing/price-list.md]
        must_include: [["$14,900", "14,900"]]  # a group passes when any alternative appears
        must_not_include: ["$13,900"]

An unknown key, a bad type or a duplicate id is a ``SuiteError`` naming the file and the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from guardrails.data import DataFileError, compose, line_of, parse_model

Area = Literal[
    "initial_consultation",
    "appointment_management",
    "insurance_verification",
    "treatment_guidance",
    "call_routing",
    "lead_follow_up",
    "information_collection",
    "appointment_coordination",
    "pricing",
    "policy_updates",
    "compliance",
    "adversarial",
    "out_of_scope",
]
AREAS: tuple[str, ...] = Area.__args__  # type: ignore[attr-defined]
Expect = Literal["answer", "route", "decline"]
Verdict = Literal["pass", "revised", "blocked"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class SuiteError(ValueError):
    """A suite file that cannot be used; the message names the file and line."""


class Case(BaseModel):
    """One question and what a correct, compliant answer must (and must not) contain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    question: str = Field(min_length=1, max_length=4000)
    area: Area
    expect: Expect = "answer"
    sources: list[str] = []
    must_include: list[Annotated[list[Text], Field(min_length=1)]] = []
    must_not_include: list[str] = []
    verdict: list[Verdict] = []
    notes: str = ""

    @field_validator("must_include", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> Any:
        """A group may be written as one string or as a list of alternatives."""
        if isinstance(value, list):
            return [[item] if isinstance(item, str) else item for item in value]
        return value

    @field_validator("verdict", mode="before")
    @classmethod
    def _verdicts(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value



class Thresholds(BaseModel):
    """Gates for a suite; a missed gate makes ``copilot eval run`` exit 1. None means no gate."""

    model_config = ConfigDict(extra="forbid")

    min_fact_recall: float | None = Field(None, ge=0, le=1)
    min_strict_accuracy: float | None = Field(None, ge=0, le=1)
    min_hit_at_3: float | None = Field(None, ge=0, le=1)
    min_mrr: float | None = Field(None, ge=0, le=1)
    min_decline_accuracy: float | None = Field(None, ge=0, le=1)
    max_violations: int | None = Field(None, ge=0)
    max_forbidden: int | None = Field(None, ge=0)
    max_phi_echo: int | None = Field(None, ge=0)
    max_p95_latency_ms: float | None = Field(None, gt=0)


class Suite(BaseModel):
    """A named set of cases with its thresholds; ``path`` is where it was loaded from."""

    model_config = ConfigDict(extra="forbid")

    suite: str = Field(min_length=1)
    description: str = ""
    thresholds: Thresholds = Thresholds()
    # Product targets: reported when missed, never gating (the gates above are regression floors).
    targets: Thresholds = Thresholds()
    cases: list[Case] = Field(min_length=1)
    path: str = ""


def load_suite(path: Path) -> Suite:
    """Read and validate one suite file; raises ``SuiteError`` with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
        suite = parse_model(text, str(path), Suite, path=str(path))
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read ({exc.strerror})") from exc
    except DataFileError as exc:
        raise SuiteError(str(exc)) from None
    seen: dict[str, int] = {}
    for index, case in enumerate(suite.cases):
        if case.id in seen:
            line = line_of(compose(text, str(path)), ("cases", index, "id"))
            raise SuiteError(f"{path}:{line}: duplicate case id {case.id!r}")
        seen[case.id] = index
    return suite


def suite_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories to their ``*.yaml``/``*.yml`` files, sorted; files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}))
        elif path.exists():
            found.append(path)
        else:
            raise SuiteError(f"{path}: no such suite file or directory")
    return found


def load_suites(paths: Iterable[Path]) -> list[Suite]:
    """Load every suite under ``paths``; case ids must be unique across all of them."""
    suites = [load_suite(p) for p in suite_files(paths)]
    if not suites:
        raise SuiteError("no suite files found")
    owner: dict[str, str] = {}
    for suite in suites:
        for case in suite.cases:
            if case.id in owner:
                raise SuiteError(
                    f"{suite.path}: case id {case.id!r} is also used in {owner[case.id]}"
                )
            owner[case.id] = suite.path
    return suites
