"""Clinic call-center copilot: grounded answers from the clinic's own documents."""

import guardrails  # noqa: F401  (first: it keeps every library offline, ``guardrails.offline``)
