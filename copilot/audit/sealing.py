"""Stored question and comment text, optionally encrypted at rest with Fernet.

Redaction is imperfect, so the free text the audit database keeps (redacted questions, knowledge
gaps, feedback comments) can be encrypted with a key from the settings
(``COPILOT_AUDIT_ENCRYPTION_KEY``, shared by every replica). The columns holding it are of type
:class:`SealedText`: values are sealed on the way in and opened on the way out, so every query
and every reader sees plain text. The cipher belongs to one engine (it is kept on the engine's
dialect, which SQLAlchemy hands to column types). Rows written without a key stay readable
after a key is configured; sealed rows read without the right key show a marker, never fail.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Engine, Text
from sqlalchemy.types import TypeDecorator

SEALED_PREFIX = "fernet:"
NO_KEY = "[encrypted; COPILOT_AUDIT_ENCRYPTION_KEY is not set]"
WRONG_KEY = "[encrypted with another key]"
_DIALECT_ATTRIBUTE = "copilot_text_cipher"


class EncryptionKeyError(ValueError):
    """The configured key is not a Fernet key."""


def text_cipher(key: str | None) -> Fernet | None:
    """The Fernet cipher for ``key`` (None for no key); a clear error for a malformed key."""
    if not key:
        return None
    try:
        return Fernet(key.encode())
    except ValueError:
        raise EncryptionKeyError(
            "COPILOT_AUDIT_ENCRYPTION_KEY is not a Fernet key (32 url-safe base64-encoded "
            "bytes); make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        ) from None


def seal_with(engine: Engine, cipher: Fernet | None) -> None:
    """Encrypt this engine's SealedText columns with ``cipher`` (None: store them plain)."""
    setattr(engine.dialect, _DIALECT_ATTRIBUTE, cipher)


class SealedText(TypeDecorator):
    """Text encrypted at rest when the engine has a cipher (see :func:`seal_with`)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        cipher = getattr(dialect, _DIALECT_ATTRIBUTE, None)
        if cipher is None or not value:
            return value
        return SEALED_PREFIX + cipher.encrypt(value.encode()).decode()

    def process_result_value(self, value: str | None, dialect) -> str | None:
        if not value or not value.startswith(SEALED_PREFIX):
            return value
        cipher = getattr(dialect, _DIALECT_ATTRIBUTE, None)
        if cipher is None:
            return NO_KEY
        try:
            return cipher.decrypt(value[len(SEALED_PREFIX) :].encode()).decode()
        except InvalidToken:
            return WRONG_KEY
