"""Signed session cookies and CSRF tokens (itsdangerous), and the key that signs them.

The cookie holds ``{"u": user name, "s": random session id, "v": session version, "k": account
fingerprint}``. The role is looked up on every request; the version must still be the user's
current one in the database (signing out, ``copilot users disable`` and role or password
changes move it on) and the fingerprint must match the account as it is now (a keyed hash of its
role, password hash and state), so an old cookie stops working everywhere at once. Nothing lives
in process memory, so any replica holding the same secret key and database accepts the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from copilot.settings import Settings

SESSION_COOKIE = "copilot_session"
LOGIN_COOKIE = "copilot_login"
SESSION_MAX_AGE_S = 12 * 3600
LOGIN_MAX_AGE_S = 3600


def load_secret_key(settings: Settings) -> str:
    """``COPILOT_SECRET_KEY``, or a random key kept in ``<data_dir>/secret_key`` (created once).

    Several replicas must share the key: set ``COPILOT_SECRET_KEY`` or share the data dir.
    """
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        return settings.secret_key.get_secret_value()
    path = Path(settings.data_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first; read theirs
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


@dataclass(frozen=True)
class Session:
    """A signed-in browser session."""

    user: str
    session_id: str
    version: int = 0
    fingerprint: str = ""


class SessionCodec:
    """Issue and read session cookies, login nonces and CSRF tokens with one secret."""

    def __init__(self, secret_key: str) -> None:
        self._secret = secret_key.encode()
        self._sessions = URLSafeTimedSerializer(secret_key, salt="copilot-session")
        self._logins = URLSafeTimedSerializer(secret_key, salt="copilot-login")

    def issue(self, user: str, version: int = 0, fingerprint: str = "") -> str:
        """A cookie value for a fresh session of ``user`` at session ``version``."""
        return self._sessions.dumps(
            {"u": user, "s": secrets.token_urlsafe(16), "v": version, "k": fingerprint}
        )

    def fingerprint(self, *facts: object) -> str:
        """A keyed hash of what a session depends on (role, password hash, account state)."""
        message = "|".join(["account", *map(str, facts)]).encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:24]

    def read(self, cookie: str | None) -> Session | None:
        """The session in a cookie, or None when absent, tampered with or expired."""
        if not cookie:
            return None
        try:
            data = self._sessions.loads(cookie, max_age=SESSION_MAX_AGE_S)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), str):
            return None
        version = data.get("v", 0)
        return Session(
            user=data["u"],
            session_id=str(data.get("s", "")),
            version=version if isinstance(version, int) else -1,
            fingerprint=str(data.get("k", "")),
        )

    def csrf_token(self, user: str, session_id: str) -> str:
        """The CSRF token bound to one session (or to a proxy-identified user)."""
        message = f"csrf|{user}|{session_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def csrf_ok(self, user: str, session_id: str, presented: str | None) -> bool:
        """Whether ``presented`` is the CSRF token for this session."""
        return bool(presented) and hmac.compare_digest(
            self.csrf_token(user, session_id), presented or ""
        )

    def login_key(self, user: str, address: str) -> str:
        """What failed sign-ins are counted under: a keyed hash of the user name as typed
        (case-insensitive) and the client address, so neither is stored as such."""
        message = f"login|{user.strip().lower()}|{address}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:40]

    def login_nonce(self) -> tuple[str, str]:
        """``(cookie value, form token)`` guarding the sign-in form against login CSRF."""
        nonce = secrets.token_urlsafe(16)
        return self._logins.dumps(nonce), nonce

    def login_nonce_ok(self, cookie: str | None, presented: str | None) -> bool:
        """Whether the sign-in form's token matches the nonce cookie set with the form."""
        if not cookie or not presented:
            return False
        try:
            nonce = self._logins.loads(cookie, max_age=LOGIN_MAX_AGE_S)
        except BadSignature:
            return False
        return isinstance(nonce, str) and hmac.compare_digest(nonce, presented)
