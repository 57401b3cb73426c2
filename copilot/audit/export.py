"""Write audited answers as CSV or JSON Lines (what ``copilot audit export`` prints)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from copilot.audit.store import AnswerRecord

FORMATS = ("csv", "jsonl")
CSV_COLUMNS = (
    "id",
    "created_at",
    "user",
    "role",
    "conversation_id",
    "question",
    "answer",
    "sources",
    "verdict",
    "violations",
    "notes",
    "redactions",
    "drafter",
    "found",
    "urgent",
    "latency_ms",
    "feedback_up",
    "feedback_down",
    "feedback_comments",
)


def answer_as_dict(record: AnswerRecord) -> dict:
    """One answer as a JSON-ready dict (the JSONL line)."""
    return {
        "id": record.id,
        "created_at": record.created_at.isoformat(),
        "user": record.user,
        "role": record.role,
        "conversation_id": record.conversation_id,
        "question": record.redacted_question,
        "answer": record.answer,
        "sources": record.sources,
        "verdict": record.verdict,
        "violations": record.violations,
        "notes": record.notes,
        "redactions": record.redaction_labels,
        "drafter": record.drafter,
        "found": record.found,
        "urgent": record.urgent,
        "latency_ms": round(record.latency_ms, 1),
        "feedback": [
            {
                "created_at": fb.created_at.isoformat(),
                "user": fb.user,
                "rating": fb.rating,
                "comment": fb.comment,
            }
            for fb in record.feedback
        ],
    }


def _csv_row(record: AnswerRecord) -> dict:
    row = answer_as_dict(record)
    feedback = row.pop("feedback")
    row["sources"] = "; ".join(record.sources)
    row["violations"] = "; ".join(v.get("rule", "") for v in record.violations)
    row["notes"] = " | ".join(record.notes)
    row["redactions"] = "; ".join(record.redaction_labels)
    row["feedback_up"] = sum(fb["rating"] == "up" for fb in feedback)
    row["feedback_down"] = sum(fb["rating"] == "down" for fb in feedback)
    row["feedback_comments"] = " | ".join(fb["comment"] for fb in feedback if fb["comment"])
    return row


def write_answers(records: Iterable[AnswerRecord], fmt: str, out: TextIO) -> int:
    """Write ``records`` to ``out`` as ``csv`` or ``jsonl``; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(_csv_row(record))
            count += 1
    else:
        for record in records:
            out.write(json.dumps(answer_as_dict(record), ensure_ascii=False) + "\n")
            count += 1
    return count
