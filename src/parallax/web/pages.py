"""The pages: compare, a job's progress, a result, the stories, logging in, the API docs."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from parallax.errors import ParallaxError
from parallax.web.app import TooMany, error_response, render, state_of
from parallax.web.forms import check_items, items_from_form, read_form, valid_date
from parallax.web.report_page import report_body
from parallax.web.security import CSRF_COOKIE, SESSION_COOKIE, cookie_header, cookies_of
from parallax.web.work import (
    NotFound,
    cached_story,
    compare_items,
    find_stories,
    load_comparison,
    refuse_private,
    submit_story,
)

router = APIRouter(include_in_schema=False)


def _csrf_ok(request: Request, token: Any) -> bool:
    cookie = cookies_of(request.scope).get(CSRF_COOKIE)
    return state_of(request).keys.csrf_ok(cookie, token if isinstance(token, str) else None)


def _csrf_refused(request: Request) -> Response:
    return error_response(
        request, 403, "the form's security token is missing or stale; reload the page and retry"
    )


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@router.get("/")
def home(request: Request, n: int = 2) -> Response:
    limits = state_of(request).config.limits
    count = max(2, min(n, limits.max_articles))
    return render(request, "home.html", count=count, max_articles=limits.max_articles)


@router.post("/compare")
async def compare_form(request: Request) -> Response:
    state = state_of(request)
    limits = state.config.limits
    try:
        form = await read_form(request, limits, 8 * limits.max_articles)
    except TooMany as exc:
        return render(
            request, "home.html", 413, count=2, max_articles=limits.max_articles, error=str(exc)
        )
    if not _csrf_ok(request, form.get("csrf")):
        return _csrf_refused(request)
    service = state.service
    try:
        items = check_items(await items_from_form(form, limits), limits)
        await run_in_threadpool(refuse_private, service, items)
    except TooMany as exc:
        return render(
            request, "home.html", 413, count=2, max_articles=limits.max_articles, error=str(exc)
        )
    except ParallaxError as exc:
        return render(
            request, "home.html", 400, count=2, max_articles=limits.max_articles, error=str(exc)
        )
    job = state.jobs.submit("comparison", lambda progress: compare_items(service, items, progress))
    return _see(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str) -> Response:
    job = state_of(request).jobs.get(job_id)
    if job is None:
        raise NotFound(f"no job {job_id!r}; jobs are kept while the server runs")
    if job.state == "done" and job.result:
        return _see(job.result)
    return render(request, "job.html", job=job)


@router.post("/jobs/{job_id}/cancel")
async def cancel_job(request: Request, job_id: str) -> Response:
    form = await request.form(max_files=0, max_fields=4)
    if not _csrf_ok(request, form.get("csrf")):
        return _csrf_refused(request)
    if state_of(request).jobs.cancel(job_id) is None:
        raise NotFound(f"no job {job_id!r}")
    return _see(f"/jobs/{job_id}")


@router.get("/compare/{comparison_id}")
def comparison_page(request: Request, comparison_id: str) -> Response:
    analysis = load_comparison(state_of(request).service, comparison_id)
    return render(
        request,
        "report.html",
        heading=f"Comparison of {len(analysis.articles)} articles",
        analysis=analysis,
        body=report_body(analysis),
        share=f"/compare/{comparison_id}",
        json_url=f"/api/compare/{comparison_id}",
    )


@router.get("/stories")
def stories_page(
    request: Request,
    q: str | None = None,
    since: str | None = None,
    outlet: str | None = None,
    min_outlets: int = 1,
) -> Response:
    state = state_of(request)
    found = find_stories(
        state.service,
        q=q,
        since=valid_date(since),
        outlet=outlet,
        min_outlets=max(1, min_outlets),
    )
    return render(
        request,
        "stories.html",
        stories=found,
        q=q,
        since=since,
        outlet=outlet,
        min_outlets=max(1, min_outlets),
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    state = state_of(request)
    analysis = cached_story(state.service, story_id)
    if analysis is None:
        return _see(f"/jobs/{submit_story(state, story_id).id}")
    story = state.service.story_index().story(story_id)
    return render(
        request,
        "report.html",
        heading=story.title or f"Story {story_id}",
        analysis=analysis,
        body=report_body(analysis),
        share=f"/stories/{story_id}",
        json_url=f"/api/stories/{story_id}",
    )


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", next=_local(next))


@router.post("/login")
async def login(request: Request) -> Response:
    state = state_of(request)
    form = await request.form(max_files=0, max_fields=8)
    next_path = _local(str(form.get("next") or "/"))
    if not _csrf_ok(request, form.get("csrf")):
        return _csrf_refused(request)
    client = request.client.host if request.client else "?"
    if state.keys.login_blocked(client):
        return render(
            request,
            "login.html",
            429,
            next=next_path,
            error="too many failed logins; wait a minute",
        )
    token = form.get("token")
    if not state.config.token:
        return _see(next_path)
    if not state.keys.token_ok(token if isinstance(token, str) else None):
        state.keys.login_failed(client)
        return render(request, "login.html", 401, next=next_path, error="wrong token")
    response = _see(next_path)
    sid = state.keys.new_session()
    response.headers.append(
        "set-cookie", cookie_header(SESSION_COOKIE, sid, request.scope).decode("latin-1")
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=4)
    if not _csrf_ok(request, form.get("csrf")):
        return _csrf_refused(request)
    state_of(request).keys.end_session(cookies_of(request.scope).get(SESSION_COOKIE))
    response = _see("/login")
    response.headers.append(
        "set-cookie", cookie_header(SESSION_COOKIE, "", request.scope, max_age=0).decode()
    )
    return response


def _local(path: str) -> str:
    """Only a path on this site is a place to go after logging in (no open redirect)."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return "/"
    if "\\" in path:
        return "/"
    return path


@router.get("/docs")
def docs_page(request: Request) -> Response:
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = list((op.get("requestBody") or {}).get("content", {}))
            operations.append(
                {
                    "id": op.get("operationId", f"{method}{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": op.get("parameters", []),
                    "body": body,
                    "responses": [
                        (code, r.get("description", "")) for code, r in op["responses"].items()
                    ],
                }
            )
    schemas = [
        (name, json.dumps(schema, indent=2))
        for name, schema in spec.get("components", {}).get("schemas", {}).items()
    ]
    return render(request, "docs.html", spec=spec, operations=operations, schemas=schemas)
