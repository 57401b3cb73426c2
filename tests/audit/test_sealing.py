"""Encryption at rest of stored question, gap and comment text (Fernet), on SQLite and
PostgreSQL: the database holds ciphertext, every reader gets plain text back."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from copilot.answer.model import AnswerResult
from copilot.audit import AuditStore
from copilot.audit.sealing import NO_KEY, WRONG_KEY, EncryptionKeyError

KEY = Fernet.generate_key().decode()
QUESTION = "Can [PERSON] move her transfer, MRN-like 48213377?"
COMMENT = "the caller was Dana Whitfield"  # synthetic: the kind of name redaction misses


def raw_texts(store: AuditStore) -> list[str]:
    with store.engine.connect() as connection:
        rows = [
            *connection.execute(text("select redacted_question from audit_answers")),
            *connection.execute(text("select comment from audit_feedback")),
            *connection.execute(text("select redacted_question from audit_gaps")),
        ]
    return [row[0] for row in rows]


def sealed_store(plain: AuditStore, key: str | None = KEY) -> AuditStore:
    """Another store on the same database, with ``key``."""
    return AuditStore.from_url(plain.engine.url.render_as_string(hide_password=False), key)


def fill(store: AuditStore) -> str:
    result = AnswerResult(answer="A", redacted_question=QUESTION)
    answer_id = store.record_answer("ana", "agent", result)
    store.record_feedback(answer_id, "ana", "down", COMMENT)
    store.record_gap(QUESTION, "ana")
    store.record_gap(QUESTION, "ben")
    return answer_id


def test_stored_text_is_ciphertext_and_reads_back_plain(store):
    sealed = sealed_store(store)
    fill(sealed)
    raw = raw_texts(sealed)
    assert len(raw) == 4 and all(value.startswith("fernet:") for value in raw)
    assert not any("48213377" in value or "Whitfield" in value for value in raw)
    (record,) = sealed.answers()
    assert record.redacted_question == QUESTION
    assert record.feedback[0].comment == COMMENT
    assert sealed.feedback_cases()[0]["question"] == QUESTION
    assert [(g.redacted_question, g.count) for g in sealed.gaps()] == [(QUESTION, 2)]
    sealed.close()


def test_without_the_key_or_with_another_sealed_text_shows_a_marker(store):
    sealed = sealed_store(store)
    fill(sealed)
    sealed.close()
    assert store.answers()[0].redacted_question == NO_KEY
    other = sealed_store(store, Fernet.generate_key().decode())
    assert other.answers()[0].feedback[0].comment == WRONG_KEY
    other.close()


def test_rows_written_before_a_key_was_set_stay_readable(store):
    fill(store)
    sealed = sealed_store(store)
    assert sealed.answers()[0].redacted_question == QUESTION
    sealed.close()


def test_a_malformed_key_is_refused_with_how_to_make_one(tmp_path):
    with pytest.raises(EncryptionKeyError, match="Fernet.generate_key"):
        AuditStore.from_url(f"sqlite:///{tmp_path / 'a.db'}", "not-a-key")
