"""Two small ASGI layers: request-body limits by route, and security headers on every response."""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.middleware.body_limit import RequestBodyLimitResponder
from starlette.types import ASGIApp, Receive, Scope, Send

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; object-src 'none'"
)


MULTIPART_ALLOWANCE = 64 * 1024  # form framing around an uploaded file


class BodyLimits:
    """Refuse over-large bodies with 413: uploads get ``upload_bytes`` (plus multipart framing),
    everything else ``default_bytes``. A declared Content-Length over the limit is refused
    before any byte is read; a body without one is counted as it arrives."""

    def __init__(
        self, app: ASGIApp, default_bytes: int, upload_bytes: int, upload_path: str
    ) -> None:
        self.app = app
        self.default_bytes = default_bytes
        self.upload_bytes = upload_bytes
        self.upload_path = upload_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_upload = scope["path"] == self.upload_path and scope["method"] == "POST"
        nominal = self.upload_bytes if is_upload else self.default_bytes
        limit = nominal + MULTIPART_ALLOWANCE if is_upload else nominal
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            what = "upload" if is_upload else "request body"
            detail = f"the {what} is {_size(int(declared))}, over the {_size(nominal)} limit"
            body = json.dumps({"detail": detail}).encode()
            headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
            await send({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await RequestBodyLimitResponder(self.app, limit)(scope, receive, send)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1024:.0f} KB"


class SecurityHeaders:
    """nosniff, no referrer leaks, no caching of answers, and a strict CSP on our own pages.

    Framing is allowed on purpose, by ``frame_ancestors`` (the ``COPILOT_FRAME_ANCESTORS``
    setting): the panel runs inside the agent desktop's iframe.
    """

    def __init__(
        self,
        app: ASGIApp,
        frame_ancestors: str = "'self'",
        relaxed_prefixes: tuple[str, ...] = ("/docs",),
    ) -> None:
        self.app = app
        self.relaxed_prefixes = relaxed_prefixes
        self.framing = f"frame-ancestors {frame_ancestors}".encode()
        self.csp = f"{_CSP}; frame-ancestors {frame_ancestors}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"same-origin"))
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                policy = self.framing if path.startswith(self.relaxed_prefixes) else self.csp
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", policy))  # a route's own wins
            await send(message)

        await self.app(scope, receive, send_with_headers)
