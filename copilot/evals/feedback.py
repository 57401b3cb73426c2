"""Turn thumbs-down feedback from the audit trail into draft eval cases for QA to complete.

Input is ``AuditStore.feedback_cases()``: dicts with the *redacted* question, the answer given,
its sources, verdict and the (redacted) comment. The draft keeps ``must_include`` empty: QA fills
in what a correct answer must say, and sets the area.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

DRAFT_AREA = "compliance"


def draft_case(entry: dict) -> dict:
    """One draft case from one feedback entry."""
    cited = ", ".join(entry.get("sources") or []) or "nothing"
    notes = (
        f"DRAFT from thumbs-down on {entry.get('created_at', '?')} (answer {entry['answer_id']}). "
        f"Set area, sources and must_include. Verdict was {entry.get('verdict', '?')}; "
        f"cited {cited}. Comment: {entry.get('comment') or '-'}. "
        f"Answer given: {entry.get('answer', '')}"
    )
    return {
        "id": f"fb-{entry['answer_id'][:12]}",
        "question": entry["question"],
        "area": DRAFT_AREA,
        "expect": "answer",
        "sources": [],
        "must_include": [],
        "must_not_include": [],
        "notes": notes,
    }


def draft_suite_yaml(entries: Iterable[dict], name: str = "feedback-drafts") -> str:
    """A suite file (YAML text) of draft cases, one per feedback entry, loadable by ``load_suite``
    once QA has checked it; an explanatory comment heads the file."""
    cases = [draft_case(e) for e in entries]
    header = (
        "# Draft eval cases from thumbs-down feedback. Questions are redacted.\n"
        "# QA: for each case set area, expected sources and must_include, then move it into a\n"
        "# suite under evals/suites/.\n"
    )
    if not cases:
        return header + "# No thumbs-down feedback in the selected period.\n"
    body = yaml.safe_dump(
        {"suite": name, "cases": cases}, sort_keys=False, allow_unicode=True, width=100
    )
    return header + body
