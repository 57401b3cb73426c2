"""Knowledge gaps that close: re-asked after each index run, dismissed by a content owner.

A gap is a question the documents did not cover, stored redacted. After an index job changes
the index, each open gap's stored question is searched again; the ones the documents now cover
are closed. A content owner can also dismiss a gap (asked again, it opens a new one).
"""

from __future__ import annotations

import logging

logger = logging.getLogger("copilot.jobs")
RECHECK_LIMIT = 200  # most-asked gaps re-asked after a run


class UnknownGap(LookupError):
    """No open gap has that key."""


def close_answered_gaps(audit, copilot, limit: int = RECHECK_LIMIT) -> int:
    """Search each open gap's (redacted) question again and close those now covered; returns
    how many were closed."""
    answered = set()
    for gap in audit.gaps(limit=limit):
        try:
            if copilot.retrieve(gap.redacted_question).found:
                answered.add(gap.redacted_question)
        except Exception as error:  # one question must not stop the others; never log its text
            logger.error("gap re-check failed (%s)", type(error).__name__)
    return audit.close_gaps(answered)


def dismiss_gap(audit, key: str) -> None:
    """Close the open gap with this key (see ``GapRecord.key``)."""
    gap = next((g for g in audit.gaps(limit=100_000) if g.key == key), None)
    if gap is None:
        raise UnknownGap(f"no open knowledge gap {key!r}")
    audit.close_gaps({gap.redacted_question})
