"""Passwords are scrypt-hashed and API tokens SHA-256-hashed; nothing is stored in clear."""

import pytest

from copilot.auth.hashing import (
    TOKEN_PREFIX,
    hash_password,
    hash_token,
    new_api_token,
    verify_password,
)


def test_a_password_verifies_against_its_own_hash_only():
    stored = hash_password("correct horse battery staple")
    assert "correct horse" not in stored
    assert verify_password("correct horse battery staple", stored)
    assert not verify_password("correct horse battery stapl", stored)
    assert not verify_password("", stored)


def test_the_same_password_hashes_differently_each_time():
    assert hash_password("s3cret-pass") != hash_password("s3cret-pass")


@pytest.mark.parametrize(
    "stored",
    ["", "plain-text", "md5$abc", "scrypt$16384$8$1$salt", "scrypt$x$8$1$c2FsdA$ZGlnZXN0"],
)
def test_malformed_hashes_never_verify(stored):
    assert not verify_password("anything", stored)


def test_empty_passwords_are_refused():
    with pytest.raises(ValueError, match="empty"):
        hash_password("")


def test_tokens_are_random_and_stored_only_as_a_digest():
    first, second = new_api_token(), new_api_token()
    assert first != second and first.startswith(TOKEN_PREFIX)
    assert hash_token(first) == hash_token(first)
    assert hash_token(first) != hash_token(second)
    assert first not in hash_token(first)
