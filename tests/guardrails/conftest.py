"""Session fixtures: the real knowledge folder, spaCy + Presidio loaded once, the real policy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from guardrails import Allowlist, ClaimsChecker, Policy, PriceCatalog, Redactor

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
TODAY = date(2026, 5, 1)
# Documents the knowledge package marks as not current (archived FAQ, superseded promotion).
NOT_CURRENT = ("archive/", "updates/2025-03-03.md")


@pytest.fixture(scope="session")
def knowledge_texts() -> list[tuple[str, str]]:
    return [(p.relative_to(KNOWLEDGE).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(KNOWLEDGE.rglob("*.md"))]


@pytest.fixture(scope="session")
def current_texts(knowledge_texts) -> list[tuple[str, str]]:
    return [(s, t) for s, t in knowledge_texts if not s.startswith(NOT_CURRENT)]


@pytest.fixture(scope="session")
def allowlist(knowledge_texts) -> Allowlist:
    return Allowlist.load(extra_texts=[t for _, t in knowledge_texts])


@pytest.fixture(scope="session")
def redactor(allowlist) -> Redactor:
    return Redactor.create(allowlist=allowlist)


@pytest.fixture(scope="session")
def policy() -> Policy:
    return Policy.load()


@pytest.fixture(scope="session")
def catalog(current_texts, policy) -> PriceCatalog:
    return PriceCatalog.from_documents(current_texts, policy)


@pytest.fixture(scope="session")
def checker(policy, catalog) -> ClaimsChecker:
    return ClaimsChecker(policy, prices=catalog)
