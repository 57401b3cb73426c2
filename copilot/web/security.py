"""Request-level auth for routes: ``Depends(require("ask"))`` gives the caller or a 401/403.

401 when no credentials were sent, 403 when the role lacks the permission or a browser's unsafe
request lacks its CSRF token (``X-CSRF-Token`` header, or ``csrf_token`` in a posted form).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request

from copilot.auth import Authenticator, AuthError, Identity

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
_FORM_TYPES = ("application/x-www-form-urlencoded",)


def authenticator(request: Request) -> Authenticator:
    """The app's Authenticator."""
    return request.app.state.auth


def identify(request: Request) -> Identity | None:
    """The caller, None without credentials; bad credentials become an HTTP error."""
    try:
        who = authenticator(request).identify(request.headers, request.cookies)
    except AuthError as error:
        raise HTTPException(error.status, error.message) from None
    if who is not None:
        request.state.user = who.user
    return who


async def _presented_csrf(request: Request) -> str | None:
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(_FORM_TYPES):
        token = (await request.form()).get(CSRF_FIELD)
    return token if isinstance(token, str) else None


def require(permission: str) -> Callable[[Request], Awaitable[Identity]]:
    """A dependency admitting callers whose role holds ``permission`` (CSRF-checked if needed)."""

    async def dependency(request: Request) -> Identity:
        who = identify(request)
        if who is None:
            raise HTTPException(
                401,
                "sign in, or send 'Authorization: Bearer <API token>'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not who.can(permission):
            raise HTTPException(403, f"the {who.role} role may not do this (needs '{permission}')")
        unsafe = request.method not in SAFE_METHODS and who.needs_csrf
        if unsafe and not authenticator(request).csrf_ok(who, await _presented_csrf(request)):
            raise HTTPException(403, "missing or wrong CSRF token (X-CSRF-Token header)")
        return who

    dependency.__name__ = f"require_{permission}"
    return dependency
