"""The sign-in service with a real audit store (SQLite) and a real users file."""

from __future__ import annotations

import pytest

from copilot.auth import Authenticator, SessionCodec, UserDirectory, add_user
from copilot.runtime import Runtime
from copilot.services.signin import sign_in
from tests.support import make_settings

ADDRESS = "192.0.2.10"


@pytest.fixture
def signing_in(tmp_path):
    rt = Runtime.from_settings(make_settings(tmp_path, login_max_failures=2))
    users = tmp_path / "users.yaml"
    add_user(users, "ana", "agent", "pw-ana-synthetic-1")
    auth = Authenticator(UserDirectory(users), SessionCodec("test-secret-key-not-for-production"))
    return rt, auth


def test_the_right_password_signs_in(signing_in):
    rt, auth = signing_in
    outcome = sign_in(rt, auth, " ana ", "pw-ana-synthetic-1", ADDRESS)
    assert outcome.user is not None and outcome.user.name == "ana" and outcome.retry_after == 0


def test_a_wrong_password_is_refused_without_a_wait(signing_in):
    rt, auth = signing_in
    outcome = sign_in(rt, auth, "ana", "wrong", ADDRESS)
    assert outcome.user is None and outcome.retry_after == 0


def test_too_many_failures_lock_the_pair_out_even_for_the_right_password(signing_in):
    rt, auth = signing_in
    for _ in range(2):
        assert sign_in(rt, auth, "ana", "wrong", ADDRESS).user is None
    locked = sign_in(rt, auth, "ana", "pw-ana-synthetic-1", ADDRESS)
    assert locked.user is None and 0 < locked.retry_after <= 15 * 60
    other_address = sign_in(rt, auth, "ana", "pw-ana-synthetic-1", "192.0.2.99")
    assert other_address.user is not None


def test_a_success_clears_the_count(signing_in):
    rt, auth = signing_in
    assert sign_in(rt, auth, "ana", "wrong", ADDRESS).user is None
    assert sign_in(rt, auth, "ana", "pw-ana-synthetic-1", ADDRESS).user is not None
    assert sign_in(rt, auth, "ana", "wrong", ADDRESS).retry_after == 0
    assert sign_in(rt, auth, "ana", "pw-ana-synthetic-1", ADDRESS).user is not None
