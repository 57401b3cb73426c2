"""Structured (JSON-lines) logs for the web app. Never the question text, never query strings,
never the raw path: a request is logged under its route template (``/api/documents/{path:path}``),
so nothing a caller puts in a URL (a name, a date of birth) reaches the log."""

from __future__ import annotations

import json
import logging
import time
import traceback
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("copilot.web")
_FIELDS = (
    "request_id",
    "method",
    "path",
    "status",
    "ms",
    "user",
    "answer_id",
    "verdict",
    "found",
    "citations",
    "error",
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and known extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: getattr(record, k) for k in _FIELDS if hasattr(record, k)})
        return json.dumps(entry)


def configure_logging(level: int = logging.INFO) -> None:
    """Send the app's logs to stderr as JSON lines (called by ``copilot serve``)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    for name in ("copilot", "uvicorn.error"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.setLevel(level)
        log.propagate = False


def log_error(error: BaseException, request_id: str = "") -> None:
    """Log an unexpected error by type and code location only: messages may quote user text."""
    where = "".join(traceback.format_tb(error.__traceback__))
    logger.error(
        "unhandled error\n%s",
        where,
        extra={"request_id": request_id, "error": type(error).__name__},
    )


def route_template(scope: Scope) -> str:
    """The template of the route that handled the request, or what kind of request it was."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if template:
        return template
    return "(no route)" if scope.get("endpoint") is None else "(mounted)"


class RequestLogMiddleware:
    """Log one line per request (id, method, route template, status, duration, user).

    Unexpected errors are logged without their message and answered with a plain 500: clients
    never see a stack trace.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:12]
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status, started_response = 500, False

        async def send_logged(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        except Exception as error:  # the last line of defence
            log_error(error, request_id)
            if not started_response:
                body = json.dumps(
                    {"detail": "internal error; quote this request id", "request_id": request_id}
                ).encode()
                await send_logged(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"application/json")],
                    }
                )
                await send({"type": "http.response.body", "body": body})
        finally:
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": route_template(scope),
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": scope["state"].get("user", ""),
                },
            )
