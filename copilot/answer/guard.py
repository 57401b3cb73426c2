"""The guard step: policy notes in, non-compliant drafts revised or blocked, never shown as drafted.

Outcomes: ``pass`` (the draft is compliant), ``revised`` (offending sentences replaced by the
policy's approved wording, re-checked; or statements the grounding check removed or corrected),
``blocked`` (a safe fallback: an approved script line that passes the policy, else "check with
your supervisor"; or, when the grounding check blocked a model's draft, the grounded draft).
An answer that states anything carries at least one citation: a body left without one is blocked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from copilot.answer.drafters import Draft, renumber
from copilot.answer.grounding import Grounding
from copilot.answer.prompts import render
from copilot.answer.retrieval import Retrieval
from copilot.answer.snapshot import Snapshot
from copilot.answer.text import staff_only, statements
from copilot.knowledge.model import Chunk
from copilot.knowledge.reading import holds_scripts
from guardrails import CheckResult, Violation
from guardrails.claims import MISSING_NOTE


@dataclass
class GuardOutcome:
    answer: str
    sources: list[Chunk]
    verdict: str
    violations: list[Violation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    urgent: bool = False


def _with_notes(urgent: str, body: str, notes: list[str]) -> str:
    return "\n\n".join(part for part in (urgent, body, *notes) if part)


def _approved_script(retrieval: Retrieval, snapshot: Snapshot) -> tuple[str, list[Chunk]]:
    """The best-ranked approved script line that itself passes the policy."""
    for hit in retrieval.hits:
        if not holds_scripts(hit.chunk.category):
            continue
        for statement in statements(hit.chunk.text):
            if not statement.is_quote or staff_only(statement, hit.chunk):
                continue
            if snapshot.checker.check(statement.text).verdict == "pass":
                return f"{statement.text} [1]", [hit.chunk]
    return "", []


def guard_draft(
    draft: Draft | None,
    retrieval: Retrieval,
    snapshot: Snapshot,
    question: str,
    ages: list[int],
    prompts: Path,
    grounding: Grounding | None = None,
    closest: Draft | None = None,
    refused: str = "",
    asked: str = "",
) -> GuardOutcome:
    """Check a draft against the claims policy and the notes the question requires; with
    ``grounding`` (what the grounding check did to the draft) its verdict and note too. With no
    draft, ``closest`` (weak evidence: the nearest statements) is quoted for the agent to check,
    and a ``refused`` request (its kind) is told why it was refused. ``asked``, the question
    without redaction marks or injected orders (as it was searched), is read for urgent symptoms
    (``question`` when not given): the search read the same words, so their vectors are at hand."""
    outcome = _claims(draft, retrieval, snapshot, question, ages, prompts, closest, refused,
                      asked or question)
    if grounding is None:
        return outcome
    if grounding.blocked:  # the fallback note says why
        outcome.verdict = "blocked"
    elif grounding.removed or grounding.corrected:
        outcome.notes.append(render(prompts, "grounding.j2", removed=grounding.removed,
                                    corrected=grounding.corrected,
                                    contradicted=grounding.contradicted,
                                    outdated=grounding.outdated))
        if outcome.verdict == "pass":
            outcome.verdict = "revised"
    return outcome


def _claims(
    draft: Draft | None,
    retrieval: Retrieval,
    snapshot: Snapshot,
    question: str,
    ages: list[int],
    prompts: Path,
    closest: Draft | None,
    refused: str,
    asked: str,
) -> GuardOutcome:
    checker = snapshot.checker
    notice = checker.urgent(asked)
    urgent = notice.text if notice else ""
    required = checker.required_notes(question, ages=ages)
    notes = [n.text for n in required]
    if draft is None or not draft.text.strip():
        sources = closest.sources if closest else []
        template = "refused.j2" if refused else (
            "weak_evidence.j2" if sources else "not_found.j2")
        body = render(prompts, template, contact=snapshot.escalation, kind=refused,
                      closest=closest.text if sources else "", passages=sources)
        return GuardOutcome(
            _with_notes(urgent, body, notes), sources, "pass", [], notes, bool(notice)
        )

    full = _with_notes(urgent, draft.text, notes)
    policy_text = (len(urgent) + 2 if urgent else 0, len(_with_notes("", "", notes)))
    first = _in_body(checker.check(full, required=required), full, policy_text)
    if not first and draft.sources:
        return GuardOutcome(full, draft.sources, "pass", [], notes, bool(notice))

    revised = renumber(checker.revise(full, first), draft.sources)
    if revised.sources and not _in_body(checker.check(revised.text, required=required),
                                        revised.text, policy_text):
        return GuardOutcome(revised.text, revised.sources, "revised", first, notes, bool(notice))

    script, sources = _approved_script(retrieval, snapshot)
    body = script or render(prompts, "blocked.j2", contact=snapshot.escalation)
    return GuardOutcome(
        _with_notes(urgent, body, notes), sources, "blocked", first, notes, bool(notice)
    )


def _in_body(result: CheckResult, text: str, policy_text: tuple[int, int]) -> list[Violation]:
    """The violations of the answer's body: not those inside the policy's own urgent notice
    (the first ``policy_text[0]`` characters) or required notes (the last ``policy_text[1]``),
    the policy's wording as it stands (a note may name a price of another clinic's list); a
    missing note is the body's."""
    head, tail = policy_text
    return [v for v in result.violations
            if v.rule == MISSING_NOTE or head <= v.start < len(text) - tail]
