"""Error responses: JSON ``{"detail": ...}`` for the API, the sign-in page (401) and a "not part
of your role" page (403) for browsers, and clear messages for malformed JSON (400) and invalid
fields (422), never echoing the input."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


def _wants_page(request: Request) -> bool:
    return (
        request.method == "GET"
        and not request.url.path.startswith("/api/")
        and "text/html" in request.headers.get("accept", "")
    )


_FORBIDDEN = {
    "/admin": "The admin page (documents, index and knowledge gaps) is for content owners and "
    "administrators.",
    "/qa": "The QA page (eval runs and rated answers) is for QA staff and administrators.",
}


async def http_error(request: Request, exc: StarletteHTTPException):
    if exc.status_code == 401 and _wants_page(request):
        from copilot.web.routes.pages import login_page

        return login_page(request, 401, "", request.url.path)
    if exc.status_code == 403 and _wants_page(request):
        templates = request.app.state.templates
        context = {"detail": _FORBIDDEN.get(request.url.path, exc.detail)}
        return templates.TemplateResponse(request, "forbidden.html", context, status_code=403)
    return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)


async def validation_error(request: Request, exc: RequestValidationError):
    errors = exc.errors()
    broken_json = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if broken_json is not None:
        reason = broken_json.get("ctx", {}).get("error", "")
        return JSONResponse(
            {"detail": f"the request body is not valid JSON ({reason})".replace(" ()", "")}, 400
        )
    problems = [
        {
            "field": ".".join(str(part) for part in e.get("loc", ()) if part != "body"),
            "problem": e.get("msg", "invalid"),
        }
        for e in errors
    ]
    return JSONResponse({"detail": problems}, 422)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
