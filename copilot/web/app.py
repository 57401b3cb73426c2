"""``create_app(runtime)``: the FastAPI app for the side panel, the API and the admin page.

The app keeps nothing that another replica would need in memory: conversations, feedback and
gaps are in the audit database, sessions in signed cookies, documents in the shared index.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from copilot.audit.retention import DailyPurge
from copilot.audit.session_versions import SessionVersions
from copilot.auth import Authenticator, SessionCodec, UserDirectory, load_secret_key
from copilot.services.index_jobs import IndexJobs
from copilot.web.deps import RuntimeDep
from copilot.web.errors import install_error_handlers
from copilot.web.middleware import BodyLimits, SecurityHeaders
from copilot.web.request_log import RequestLogMiddleware, log_error
from copilot.web.routes import api, content, pages
from copilot.web.security import require

HERE = Path(__file__).parent
UPLOAD_PATH = "/api/documents"
logger = logging.getLogger("copilot.web")


def _warm(app: FastAPI) -> None:
    try:
        app.state.runtime.warm()
        app.state.warmed.set()
        logger.info("warm: models and index loaded")
    except Exception as error:  # /readyz stays 503; the log says what broke
        log_error(error)
    app.state.jobs.start()  # the index worker shares the models loaded above


def create_app(runtime, warm: bool = True) -> FastAPI:
    """The web app over ``runtime``; with ``warm`` the models load in the background at start-up
    (``/healthz`` answers at once, ``/readyz`` once they are loaded and the index is present)."""
    settings = runtime.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Open the index here, in one thread: chromadb's import (numpy) must not race the warm
        # thread's imports against a request's.
        runtime.store  # noqa: B018
        app.state.jobs.recover()  # what a killed upload or index run left behind
        purge = DailyPurge(runtime.audit.engine, settings.audit_retention_days).start()
        if warm:
            threading.Thread(target=_warm, args=(app,), name="warm", daemon=True).start()
        else:
            app.state.warmed.set()
            app.state.jobs.start()
        yield
        app.state.jobs.stop()
        purge.stop()

    app = FastAPI(
        title="Call-center copilot",
        description="Grounded answers with citations for call-center agents.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served by _add_health_and_docs, behind sign-in unless public_docs
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.warmed = threading.Event()
    app.state.jobs = IndexJobs(runtime)
    app.state.auth = Authenticator(
        UserDirectory.from_settings(settings),
        SessionCodec(load_secret_key(settings)),
        settings.trusted_identity_header,
        SessionVersions(runtime.audit.engine),
    )
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.globals["clinic_name"] = settings.clinic_name

    app.include_router(api.router)
    app.include_router(content.router)
    app.include_router(pages.router)
    _add_health_and_docs(app, settings.public_docs)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_error_handlers(app)

    app.add_middleware(SecurityHeaders, frame_ancestors=settings.frame_ancestors)
    app.add_middleware(
        BodyLimits,
        default_bytes=settings.max_request_kb * 1024,
        upload_bytes=int(settings.max_upload_mb * 1_000_000),
        upload_path=UPLOAD_PATH,
    )
    app.add_middleware(RequestLogMiddleware)
    return app


def app_from_settings() -> FastAPI:
    """The app for the current settings: the factory each ``copilot serve --workers N`` process
    calls (uvicorn imports it by name in every worker)."""
    from copilot.runtime import Runtime
    from copilot.settings import get_settings
    from copilot.web.request_log import configure_logging

    configure_logging()
    return create_app(Runtime.from_settings(get_settings()))


def _add_health_and_docs(app: FastAPI, public_docs: bool) -> None:
    import swagger_ui_bundle

    signed_in = [] if public_docs else [Depends(require("sources"))]  # every role holds it

    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path))

    @app.get("/healthz", tags=["health"], summary="The process is up")
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="Models loaded, index present, database up")
    def readyz(request: Request, rt: RuntimeDep) -> JSONResponse:
        checks = {"models": request.app.state.warmed.is_set()}
        checks["index"] = checks["models"] and _quietly(rt.store.ready)
        checks["database"] = _quietly(rt.audit.ping)
        ready = all(checks.values())
        return JSONResponse({"ready": ready, **checks}, 200 if ready else 503)

    @app.get("/openapi.json", include_in_schema=False, dependencies=signed_in)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=signed_in)
    def docs():
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Copilot API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png",
        )


def _quietly(check) -> bool:
    try:
        return bool(check())
    except Exception as error:
        log_error(error)
        return False
