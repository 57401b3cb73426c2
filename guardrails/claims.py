"""The ClaimsChecker: runs every rule of the policy on a draft, and revises offending sentences."""

from __future__ import annotations

from collections.abc import Iterable

from guardrails.notes import NotesPolicy
from guardrails.policy import Policy
from guardrails.prices import PriceCatalog
from guardrails.results import CheckResult, RequiredNote, UrgentNotice, Violation
from guardrails.rules.free_consultation import FreeConsultationRule
from guardrails.rules.phrases import PhraseListRule
from guardrails.rules.price import PriceMismatchRule
from guardrails.text import sentence_spans
from guardrails.urgent import UrgentDetector

MISSING_NOTE = "missing_note"


class ClaimsChecker:
    """Checks text against ``policy``; ``prices=None`` skips the price rule."""

    def __init__(self, policy: Policy | None = None, prices: PriceCatalog | None = None):
        self.policy = policy or Policy.load()
        self.prices = prices
        rules = self.policy.rules
        self.rules = [
            FreeConsultationRule(rules.free_consultation),
            PhraseListRule("guarantee", rules.guarantee),
            PhraseListRule("medical_advice", rules.medical_advice),
        ]
        if prices is not None:
            self.rules.append(PriceMismatchRule(prices))
        self.replacements = {"free_consultation": rules.free_consultation.replacement,
                             "guarantee": rules.guarantee.replacement,
                             "medical_advice": rules.medical_advice.replacement,
                             "price_mismatch": rules.price_mismatch.replacement}
        self.notes = NotesPolicy(self.policy.required_notes)
        self.urgent_detector = UrgentDetector(self.policy.urgent)

    def check(self, text: str, required: Iterable[RequiredNote] = ()) -> CheckResult:
        """All violations in ``text``, plus one ``missing_note`` per required note it lacks."""
        violations = [v for rule in self.rules for v in rule.find(text)]
        for note in required:
            if not self.notes.carries(text, note):
                violations.append(Violation(
                    rule=MISSING_NOTE, start=len(text), end=len(text), text="",
                    message=f"The answer must carry the required note '{note.id}'.",
                    suggestion=note.text))
        return CheckResult.of(violations)

    def required_notes(self, question: str, ages: Iterable[int] = ()) -> list[RequiredNote]:
        """Notes the answer to ``question`` must carry (age >= 42, new-patient Rx renewal,
        clinical questions)."""
        return self.notes.required(question, ages)

    def urgent(self, question: str) -> UrgentNotice | None:
        """A nurse-line notice when the question describes red-flag symptoms."""
        return self.urgent_detector.detect(question)

    def revise(self, text: str, violations: Iterable[Violation]) -> str:
        """Replace each offending sentence by its rule's compliant wording (or drop it), then
        append missing notes. The caller re-checks the result."""
        violations = list(violations)
        sentences = sentence_spans(text)
        edits: dict[tuple[int, int], str] = {}
        for violation in violations:
            if violation.rule == MISSING_NOTE:
                continue
            covered = [s for s in sentences if s[0] < max(violation.end, violation.start + 1)
                       and violation.start < s[1]]
            if not covered:
                continue
            span = (covered[0][0], covered[-1][1])
            if not any(a < span[1] and span[0] < b for a, b in edits):
                edits[span] = self.replacements.get(violation.rule, "")
        revised = text
        used: set[str] = set()
        for (start, end), replacement in sorted(edits.items(), reverse=True):
            if replacement in used:
                replacement = ""
            used.add(replacement)
            revised = revised[:start] + replacement + revised[end:]
        revised = _tidy(revised)
        notes = [v.suggestion for v in violations if v.rule == MISSING_NOTE]
        return " ".join([revised, *notes]).strip() if notes else revised


def _tidy(text: str) -> str:
    """Collapse the blank runs left where sentences were removed."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()
