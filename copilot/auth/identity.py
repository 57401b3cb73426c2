"""Who is calling: an API token, a trusted reverse-proxy header, or a session cookie.

Pure logic over header and cookie mappings, so the web layer stays a thin adapter.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from copilot.auth.roles import is_allowed
from copilot.auth.sessions import SESSION_COOKIE, SessionCodec
from copilot.auth.users import User, UserDirectory

PROXY_SESSION = "proxy"


class SessionVersions(Protocol):
    """Per-user session versions, kept where every replica sees them (the database)."""

    def current(self, user: str) -> int: ...

    def bump(self, user: str) -> int: ...


class _NoVersions:
    """For an Authenticator without a database: sessions end only by expiry or account change."""

    def current(self, user: str) -> int:
        return 0

    def bump(self, user: str) -> int:
        return 0


class AuthError(Exception):
    """Credentials were presented but are not acceptable (``status`` 401 or 403)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Identity:
    """An authenticated caller and how they proved it."""

    user: str
    role: str
    method: Literal["token", "session", "proxy"]
    session_id: str = ""

    @property
    def needs_csrf(self) -> bool:
        """Browsers send cookies and proxy headers by themselves, so those POSTs need CSRF."""
        return self.method != "token"

    def can(self, permission: str) -> bool:
        """Whether this caller's role holds ``permission``."""
        return is_allowed(self.role, permission)


class Authenticator:
    """Resolve requests to identities and check CSRF tokens."""

    def __init__(
        self,
        users: UserDirectory,
        codec: SessionCodec,
        trusted_header: str = "",
        versions: SessionVersions | None = None,
    ) -> None:
        self.users = users
        self.codec = codec
        self.trusted_header = trusted_header.strip().lower()
        self.versions = versions or _NoVersions()

    def _fingerprint(self, user: User) -> str:
        return self.codec.fingerprint(user.role, user.password_hash, user.disabled)

    def session_cookie(self, user: User) -> str:
        """A signed cookie for a new session of ``user`` (after a successful sign-in)."""
        version = self.versions.current(user.name)
        return self.codec.issue(user.name, version, self._fingerprint(user))

    def end_sessions(self, user: str) -> None:
        """End every session of ``user``, on every replica (signing out)."""
        self.versions.bump(user)

    def identify(self, headers: Mapping[str, str], cookies: Mapping[str, str]) -> Identity | None:
        """The caller, or None when no credentials were presented (raises on bad ones)."""
        authorization = headers.get("authorization", "")
        if authorization:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise AuthError(401, "Authorization header must be 'Bearer <API token>'")
            user = self.users.by_token(token.strip())
            if user is None:
                raise AuthError(401, "the API token is not valid")
            if user.disabled:
                raise AuthError(403, f"the account {user.name!r} is disabled")
            return Identity(user.name, user.role, "token")
        if self.trusted_header and headers.get(self.trusted_header):
            name = headers[self.trusted_header].strip()
            user = self.users.get(name)
            if user is None:
                raise AuthError(403, f"user {name!r} from the sign-on proxy has no role here")
            if user.disabled:
                raise AuthError(403, f"the account {name!r} is disabled")
            return Identity(user.name, user.role, "proxy", PROXY_SESSION)
        session = self.codec.read(cookies.get(SESSION_COOKIE))
        if session is None:
            return None
        user = self.users.get(session.user)
        if user is None or user.disabled:
            return None
        if not hmac.compare_digest(session.fingerprint, self._fingerprint(user)):
            return None  # role, password or account state changed since sign-in
        if session.version != self.versions.current(user.name):
            return None  # signed out, or ended by an administrator
        return Identity(user.name, user.role, "session", session.session_id)

    def csrf_token(self, identity: Identity) -> str:
        """The token pages embed for this caller's unsafe requests."""
        return self.codec.csrf_token(identity.user, identity.session_id)

    def csrf_ok(self, identity: Identity, presented: str | None) -> bool:
        """Whether an unsafe request carries the right CSRF token (always true for tokens)."""
        if not identity.needs_csrf:
            return True
        return self.codec.csrf_ok(identity.user, identity.session_id, presented)
