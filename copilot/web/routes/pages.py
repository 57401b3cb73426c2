"""The HTML pages: the agents' side panel (/), sign-in and sign-out, /admin and /qa."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from copilot.auth import Identity
from copilot.auth.sessions import LOGIN_COOKIE, LOGIN_MAX_AGE_S, SESSION_COOKIE, SESSION_MAX_AGE_S
from copilot.evals.reports.kept_runs import list_runs, run_html
from copilot.services.signin import sign_in
from copilot.web.deps import RuntimeDep, get_runtime
from copilot.web.qa_view import recent_feedback
from copilot.web.routes.content import index_overview
from copilot.web.security import authenticator, require

router = APIRouter(include_in_schema=False)
REPORT_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def _templates(request: Request):
    return request.app.state.templates


def _safe_next(target: str) -> str:
    """Only same-site paths may follow sign-in (no open redirects)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _page_context(request: Request, who: Identity) -> dict:
    return {
        "user": who.user,
        "role": who.role,
        "csrf_token": authenticator(request).csrf_token(who),
        "can_admin": who.can("index"),
        "can_qa": who.can("evals"),
        "can_sign_out": who.method == "session",
    }


def set_cookie(request: Request, response: Response, key: str, value: str = "", **options) -> None:
    """Set an HttpOnly sign-in cookie with the configured SameSite (``max_age=0`` deletes it).

    SameSite=None (the panel framed by an agent desktop on another site) needs Secure, and is
    Partitioned (CHIPS) so that browsers that block third-party cookies still keep the sign-in,
    for that desktop only.
    """
    samesite = get_runtime(request).settings.cookie_samesite
    cross_site = samesite == "none"
    secure = cross_site or request.url.scheme == "https"
    response.set_cookie(key, value, httponly=True, samesite=samesite, secure=secure, **options)
    if cross_site:  # http.cookies writes "Partitioned" only from Python 3.14 on
        name, header = response.raw_headers[-1]
        response.raw_headers[-1] = (name, header + b"; Partitioned")


def login_page(request: Request, status: int = 200, error: str = "", next_path: str = "/"):
    """The sign-in form, with a fresh login nonce in a cookie and in the form."""
    cookie, form_token = authenticator(request).codec.login_nonce()
    response = _templates(request).TemplateResponse(
        request,
        "login.html",
        {"form_token": form_token, "error": error, "next": _safe_next(next_path)},
        status_code=status,
    )
    set_cookie(request, response, LOGIN_COOKIE, cookie, max_age=LOGIN_MAX_AGE_S, path="/login")
    return response


@router.get("/", response_class=HTMLResponse)
def panel(request: Request, who: Annotated[Identity, Depends(require("ask"))]):
    return _templates(request).TemplateResponse(request, "panel.html", _page_context(request, who))


@router.get("/admin", response_class=HTMLResponse)
def admin(request: Request, rt: RuntimeDep, who: Annotated[Identity, Depends(require("index"))]):
    context = _page_context(request, who) | index_overview(rt)
    return _templates(request).TemplateResponse(request, "admin.html", context)


@router.get("/qa", response_class=HTMLResponse)
def qa(request: Request, rt: RuntimeDep, who: Annotated[Identity, Depends(require("evals"))]):
    context = _page_context(request, who) | {
        "runs": list_runs(rt.settings.data_dir),
        "feedback": recent_feedback(rt.audit),
    }
    return _templates(request).TemplateResponse(request, "qa.html", context)


@router.get("/qa/runs/{name}", response_class=HTMLResponse)
def qa_run(name: str, rt: RuntimeDep, who: Annotated[Identity, Depends(require("evals"))]):
    page = run_html(rt.settings.data_dir, name)
    if page is None:
        raise HTTPException(404, f"no eval run {name!r}")
    # The report is one self-contained file with its own inline script and styles.
    return HTMLResponse(page, headers={"Content-Security-Policy": REPORT_CSP})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return login_page(request, next_path=next)


@router.post("/login")
def login(
    request: Request,
    runtime: RuntimeDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    form_token: Annotated[str, Form(max_length=128)] = "",
    next: Annotated[str, Form(max_length=512)] = "/",
) -> Response:
    auth = authenticator(request)
    if not auth.codec.login_nonce_ok(request.cookies.get(LOGIN_COOKIE), form_token):
        return login_page(request, 400, "The sign-in form expired; please try again.", next)
    address = request.client.host if request.client else ""
    outcome = sign_in(runtime, auth, username, password, address)
    if outcome.retry_after:
        minutes = math.ceil(outcome.retry_after / 60)
        message = f"Too many failed sign-ins. Try again in {minutes} minute{'s' * (minutes > 1)}."
        response = login_page(request, 429, message, next)
        response.headers["Retry-After"] = str(outcome.retry_after)
        return response
    if outcome.user is None:
        return login_page(request, 401, "Wrong user name or password.", next)
    response = RedirectResponse(_safe_next(next), status_code=303)
    cookie = auth.session_cookie(outcome.user)
    set_cookie(request, response, SESSION_COOKIE, cookie, max_age=SESSION_MAX_AGE_S)
    set_cookie(request, response, LOGIN_COOKIE, max_age=0, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, who: Annotated[Identity, Depends(require("ask"))]) -> Response:
    if who.method == "session":
        authenticator(request).end_sessions(who.user)  # the cookie stops working everywhere
    response = RedirectResponse("/login", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, max_age=0)
    return response
