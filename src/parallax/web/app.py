"""The web app: one :class:`~parallax.service.Service`, a job queue and the routes.

``create_app`` builds a FastAPI app; ``parallax serve`` runs it under uvicorn.  The
models load once at start-up (``config.warm``), so a comparison in the app is as fast
as a warm one in Python.  The CPU-bound analysis runs in the job queue's threads, off
the event loop; every page and API call answers at once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from parallax.errors import ParallaxError
from parallax.service import Service
from parallax.version import __version__
from parallax.web.config import WebConfig
from parallax.web.jobs import JobQueue, QueueFull
from parallax.web.security import BodyTooLarge, Guard, Secrets
from parallax.web.work import NotFound

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Compare how news outlets cover the same event. The JSON of an analysis is the "
    "contract of `parallax compare --format json` (parallax-1.schema.json). Comparisons "
    "and story reports run as background jobs: a POST answers 202 with the job, whose "
    "status gives the result's address when it is done."
)


class TooMany(ParallaxError):
    """A limit on the size of one request was reached (413)."""


@dataclass
class WebState:
    config: WebConfig
    service: Service
    keys: Secrets
    jobs: JobQueue
    templates: jinja2.Environment
    story_jobs: dict[str, str] = field(default_factory=dict)  # story id -> its job


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parallax.web", "templates"),
        autoescape=True,
    )
    return env


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.parallax
    return state


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    state = state_of(request)
    page = state.templates.get_template(name).render(
        nonce=request.state.nonce,
        csrf=request.state.csrf,
        authenticated=request.state.authenticated,
        token_required=bool(state.config.token),
        outlets_enabled=outlets_available(state.service),
        error=values.pop("error", None),
        **values,
    )
    return HTMLResponse(page, status_code=status)


def outlets_available(service: Service) -> bool:
    return service.store is not None


def error_response(request: Request, status: int, message: str, **headers: str) -> Response:
    if is_api(request):
        return JSONResponse({"status": status, "error": message}, status, headers=headers)
    if not hasattr(request.state, "nonce"):
        return JSONResponse({"status": status, "error": message}, status, headers=headers)
    response = render(request, "error.html", status=status, status_code=status, message=message)
    response.headers.update(headers)
    return response


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(QueueFull)
    async def queue_full(request: Request, exc: QueueFull) -> Response:
        return error_response(request, 429, str(exc), **{"Retry-After": "30"})

    @app.exception_handler(TooMany)
    async def too_many(request: Request, exc: TooMany) -> Response:
        return error_response(request, 413, str(exc))

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return error_response(request, 413, str(exc))

    @app.exception_handler(ParallaxError)
    async def bad_input(request: Request, exc: ParallaxError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "nothing here; check the address", 405: "method not allowed here"}
        detail = exc.detail if isinstance(exc.detail, str) else None
        text = messages.get(exc.status_code) if detail in (None, "Not Found") else detail
        return error_response(request, exc.status_code, text or str(detail))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("request failed: %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); see the log")


def create_app(config: WebConfig | None = None, service: Service | None = None) -> FastAPI:
    """The app; ``service`` defaults to one over ``./parallax.db`` (or ``PARALLAX_DB``)."""
    config = (config or WebConfig()).check()
    if service is None:
        from parallax.ingest import ReadOptions
        from parallax.store import open_store

        service = Service(
            read_options=ReadOptions(
                timeout=config.fetch_timeout, public_only=not config.allow_private_urls
            ),
            store=open_store(None),
        )
    limits = config.limits
    state = WebState(
        config=config,
        service=service,
        keys=Secrets(config),
        jobs=JobQueue(limits.workers, limits.max_queued, limits.keep_jobs),
        templates=_templates(),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if config.warm:
            service.warm()
        yield
        state.jobs.shutdown()

    app = FastAPI(
        title="Parallax",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.parallax = state
    _handlers(app)
    from parallax.web import api, outlets, pages, static

    app.include_router(api.router)
    app.include_router(outlets.api)
    app.include_router(pages.router)
    app.include_router(outlets.pages)
    app.include_router(static.router)
    app.add_middleware(Guard, config=config, keys=state.keys)
    return app


def static_text(name: str) -> str:
    return resources.files("parallax.web").joinpath("static", name).read_text("utf-8")
