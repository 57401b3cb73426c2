"""Resolving callers: bearer token, trusted proxy header (off by default), session cookie; CSRF."""

import pytest

from copilot.auth import Authenticator, AuthError, SessionCodec, UserDirectory, add_token, add_user
from copilot.auth.sessions import LOGIN_COOKIE, SESSION_COOKIE
from copilot.auth.users import set_disabled


@pytest.fixture
def users(tmp_path):
    path = tmp_path / "users.yaml"
    add_user(path, "ana", "agent", "pw-ana-123")
    add_user(path, "owen", "content_owner", "pw-owen-123")
    return path


def make_auth(path, header=""):
    return Authenticator(UserDirectory(path), SessionCodec("test-secret-key"), header)


def sign_in(auth, name):
    return auth.session_cookie(auth.users.get(name))


def test_a_session_cookie_identifies_the_user_with_their_role(users):
    auth = make_auth(users)
    who = auth.identify({}, {SESSION_COOKIE: sign_in(auth, "ana")})
    assert (who.user, who.role, who.method) == ("ana", "agent", "session")
    assert who.can("ask") and not who.can("documents")


def test_a_role_or_password_change_ends_the_users_sessions(users):
    auth = make_auth(users)
    cookie = sign_in(auth, "ana")
    add_user(users, "ana", "content_owner", "pw-ana-123")  # same password, new role
    assert auth.identify({}, {SESSION_COOKIE: cookie}) is None
    cookie = sign_in(auth, "ana")
    assert auth.identify({}, {SESSION_COOKIE: cookie}).role == "content_owner"
    add_user(users, "ana", "content_owner", "pw-ana-new")  # same role, new password
    assert auth.identify({}, {SESSION_COOKIE: cookie}) is None


def test_a_disabled_user_cannot_sign_in_use_a_session_or_a_token(users):
    auth = make_auth(users)
    cookie, token = sign_in(auth, "owen"), add_token(users, "owen")
    set_disabled(users, "owen")
    assert auth.users.authenticate("owen", "pw-owen-123") is None
    assert auth.identify({}, {SESSION_COOKIE: cookie}) is None
    with pytest.raises(AuthError) as err:
        auth.identify({"authorization": f"Bearer {token}"}, {})
    assert err.value.status == 403 and "disabled" in err.value.message
    add_user(users, "owen", "content_owner", "pw-owen-456")  # a password reset keeps it off
    assert auth.users.authenticate("owen", "pw-owen-456") is None
    set_disabled(users, "owen", disabled=False)
    assert auth.users.authenticate("owen", "pw-owen-456") is not None


class Versions:
    """Session versions in a dict (the database-backed ones are tested in tests/audit)."""

    def __init__(self):
        self.versions = {}

    def current(self, user):
        return self.versions.get(user, 0)

    def bump(self, user):
        self.versions[user] = self.current(user) + 1
        return self.versions[user]


def test_ending_sessions_refuses_every_older_cookie_but_not_a_new_sign_in(users):
    auth = Authenticator(UserDirectory(users), SessionCodec("test-secret-key"), "", Versions())
    first, second = sign_in(auth, "ana"), sign_in(auth, "ana")
    other = sign_in(auth, "owen")
    auth.end_sessions("ana")
    assert auth.identify({}, {SESSION_COOKIE: first}) is None
    assert auth.identify({}, {SESSION_COOKIE: second}) is None
    assert auth.identify({}, {SESSION_COOKIE: other}).user == "owen"
    assert auth.identify({}, {SESSION_COOKIE: sign_in(auth, "ana")}).user == "ana"


@pytest.mark.parametrize(
    "cookie",
    [
        "",
        "garbage",
        SessionCodec("another-key").issue("ana"),
        SessionCodec("test-secret-key").issue("ana"),
    ],
)
def test_missing_forged_or_foreign_cookies_identify_nobody(users, cookie):
    assert make_auth(users).identify({}, {SESSION_COOKIE: cookie}) is None


def test_a_removed_users_cookie_stops_working(users):
    auth = make_auth(users)
    cookie = auth.codec.issue("ghost", 0, auth.codec.fingerprint("agent", "", False))
    assert auth.identify({}, {SESSION_COOKIE: cookie}) is None


def test_bearer_tokens_win_and_bad_ones_are_401(users):
    auth = make_auth(users)
    token = add_token(users, "owen")
    who = auth.identify({"authorization": f"Bearer {token}"}, {})
    assert (who.user, who.method, who.needs_csrf) == ("owen", "token", False)
    for header in (f"Bearer {token}x", "Basic b3dlbjpwdw==", "Bearer "):
        with pytest.raises(AuthError) as err:
            auth.identify({"authorization": header}, {})
        assert err.value.status == 401


def test_the_proxy_header_is_ignored_unless_configured(users):
    assert make_auth(users).identify({"x-forwarded-user": "owen"}, {}) is None
    auth = make_auth(users, header="X-Forwarded-User")
    who = auth.identify({"x-forwarded-user": "owen"}, {})
    assert (who.user, who.role, who.method) == ("owen", "content_owner", "proxy")
    with pytest.raises(AuthError) as err:
        auth.identify({"x-forwarded-user": "mallory"}, {})
    assert err.value.status == 403 and "mallory" in err.value.message


def test_csrf_tokens_are_bound_to_the_session(users):
    auth = make_auth(users)
    first = auth.identify({}, {SESSION_COOKIE: sign_in(auth, "ana")})
    second = auth.identify({}, {SESSION_COOKIE: sign_in(auth, "ana")})
    token = auth.csrf_token(first)
    assert auth.csrf_ok(first, token)
    assert not auth.csrf_ok(second, token)
    assert not auth.csrf_ok(first, None)
    tampered = token[:-1] + ("1" if token.endswith("0") else "0")  # always a different token
    assert not auth.csrf_ok(first, tampered)


def test_login_nonce_must_match_its_cookie():
    codec = SessionCodec("k")
    cookie, form_token = codec.login_nonce()
    other_cookie, _ = codec.login_nonce()
    assert codec.login_nonce_ok(cookie, form_token)
    assert not codec.login_nonce_ok(other_cookie, form_token)
    assert not codec.login_nonce_ok(None, form_token)
    assert LOGIN_COOKIE != SESSION_COOKIE
