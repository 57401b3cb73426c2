"""Signing in: a password check behind the sign-in throttle, whose failures the audit store keeps
(so every replica counts the same attempts)."""

from __future__ import annotations

from dataclasses import dataclass

from copilot.audit.models import utc_now
from copilot.auth import Authenticator, User
from copilot.auth.throttle import LoginThrottle


@dataclass(frozen=True)
class SignIn:
    """The outcome: the user when signed in; else ``retry_after`` seconds when locked out (0 for a
    wrong user name or password)."""

    user: User | None = None
    retry_after: int = 0


def sign_in(rt, auth: Authenticator, username: str, password: str, address: str) -> SignIn:
    """Check ``username`` and ``password`` from ``address`` unless that pair is locked out;
    a failure is counted, a success clears the count."""
    throttle = LoginThrottle.from_settings(rt.settings)
    key = auth.codec.login_key(username, address)
    now = utc_now()
    wait = throttle.retry_after(rt.audit.login_failures(key, now - throttle.window), now)
    if wait:
        return SignIn(retry_after=wait)
    user = auth.users.authenticate(username.strip(), password)
    if user is None:
        rt.audit.record_login_failure(key, forget_before=now - throttle.window)
        return SignIn()
    rt.audit.clear_login_failures(key)
    return SignIn(user=user)
