"""QA's page data beside the kept eval runs: recent rated answers (redacted as stored)."""

from __future__ import annotations

from datetime import timedelta

from copilot.audit.models import utc_now

FEEDBACK_DAYS = 30


def recent_feedback(audit, limit: int = 50) -> list[dict]:
    """Rated answers from the last 30 days, newest first."""
    since = utc_now() - timedelta(days=FEEDBACK_DAYS)
    rated = audit.feedback_cases(since=since, rating="down") + audit.feedback_cases(
        since=since, rating="up"
    )
    rated.sort(key=lambda case: case["created_at"], reverse=True)
    return rated[:limit]
