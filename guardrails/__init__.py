"""Guardrails: PHI redaction and the clinic's claims policy, importable on its own.

``Redactor`` strips protected health information before text reaches a model, a log or an
index; ``ClaimsChecker`` checks drafts against ``policy.yaml`` (free-consultation wording, stale
prices, guarantees, medical advice, required notes, urgent symptoms). Heavy libraries (Presidio,
spaCy) load only in ``Redactor.create``.
"""

from guardrails.offline import pin_offline

pin_offline()  # before any library that could download loads

from guardrails.allowlist import Allowlist  # noqa: E402
from guardrails.claims import ClaimsChecker  # noqa: E402
from guardrails.entities import Entity, RedactionResult  # noqa: E402
from guardrails.policy import Policy  # noqa: E402
from guardrails.prices import PriceCatalog  # noqa: E402
from guardrails.redactor import Redactor  # noqa: E402
from guardrails.results import CheckResult, RequiredNote, UrgentNotice, Violation  # noqa: E402

__all__ = [
    "Allowlist",
    "CheckResult",
    "ClaimsChecker",
    "Entity",
    "Policy",
    "PriceCatalog",
    "RedactionResult",
    "Redactor",
    "RequiredNote",
    "UrgentNotice",
    "Violation",
]
