"""The JSON API under ``/api/``: the CLI's JSON contract over HTTP.

Request bodies are checked by pydantic models (the edge where outside input arrives);
answers are plain dicts of the library's ``to_dict``.  Every error is
``{"status": CODE, "error": "what went wrong and what to do"}``.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from parallax.errors import InputError
from parallax.web.app import TooMany, state_of
from parallax.web.forms import check_items, read_form, read_upload, valid_date
from parallax.web.work import (
    Item,
    NotFound,
    cached_story,
    compare_items,
    find_stories,
    load_comparison,
    refuse_private,
    submit_story,
)


class ErrorOut(BaseModel):
    status: int
    error: str


class ArticleIn(BaseModel):
    """One article: its text or its URL, and optionally its outlet and title."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="the article's text (plain text or HTML)")
    url: str | None = Field(
        None, description="an http(s) address to fetch it from", max_length=2000
    )
    outlet: str | None = Field(None, max_length=200, description="the outlet, if you know it")
    title: str | None = Field(None, max_length=500)


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(description="two or more articles about one event")


class JobOut(BaseModel):
    id: str
    kind: str
    state: Literal["queued", "running", "done", "failed", "cancelled"]
    progress: float = Field(ge=0, le=1)
    message: str
    created: float
    finished: float | None
    result: str | None = Field(description="the result's page when done; /api + it is its JSON")
    error: str | None


class StoryArticleOut(BaseModel):
    id: str
    url: str | None
    outlet: str
    title: str | None
    published: str | None


class StoryOut(BaseModel):
    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    outlets: list[str]
    articles: list[StoryArticleOut]


class StoriesOut(BaseModel):
    stories: list[StoryOut]


class StoryReportOut(BaseModel):
    story: StoryOut
    analysis: dict[str, Any] | None = Field(
        description="the comparison (parallax-1 contract); null while its job runs"
    )
    job: JobOut | None = Field(description="the job computing the comparison, when not ready")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in {
        400: "bad input",
        401: "a token is needed",
        404: "not found",
        413: "over a size limit",
        422: "invalid request",
        429: "too many jobs waiting",
    }.items()
}

router = APIRouter(prefix="/api", responses=ERRORS)

_COMPARE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CompareIn"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                        },
                        "outlet": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "outlet of each file, in order (optional)",
                        },
                    },
                    "required": ["files"],
                }
            },
        },
    }
}


@router.post(
    "/compare",
    status_code=202,
    response_model=JobOut,
    summary="Compare two or more articles (a background job)",
    openapi_extra=_COMPARE_BODY,
)
async def api_compare(request: Request) -> JSONResponse:
    state = state_of(request)
    limits = state.config.limits
    ctype = request.headers.get("content-type", "")
    items: list[Item]
    if ctype.startswith("multipart/form-data"):
        form = await read_form(request, limits, 2 * limits.max_articles)
        outlets = [o if isinstance(o, str) else None for o in form.getlist("outlet")]
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if len(files) > limits.max_articles:
            raise TooMany(f"one comparison takes at most {limits.max_articles} articles")
        items = [
            await read_upload(f, limits, outlets[i] if i < len(outlets) else None)
            for i, f in enumerate(files)
        ]
    elif ctype.startswith("application/json"):
        try:
            body = CompareIn.model_validate(json.loads(await request.body()))
        except json.JSONDecodeError as exc:
            raise InputError("the body", f"not JSON ({exc.msg} at {exc.pos})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError("the body", f"{where}: {first['msg']}") from None
        if len(body.articles) > limits.max_articles:
            raise TooMany(
                f"{len(body.articles)} articles given; one comparison takes at most "
                f"{limits.max_articles}"
            )
        items = [
            Item(text=a.text, url=a.url, outlet=a.outlet, title=a.title) for a in body.articles
        ]
    else:
        return JSONResponse(
            {"status": 415, "error": "send application/json or multipart/form-data"}, 415
        )
    items = check_items(items, limits)
    service = state.service
    await run_in_threadpool(refuse_private, service, items)
    job = state.jobs.submit("comparison", lambda progress: compare_items(service, items, progress))
    return JSONResponse(job.to_dict(), 202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", response_model=JobOut, summary="A job's state and progress")
def api_job(request: Request, job_id: str) -> dict[str, Any]:
    job = state_of(request).jobs.get(job_id)
    if job is None:
        raise NotFound(f"no job {job_id!r}; jobs are kept while the server runs")
    return job.to_dict()


@router.delete("/jobs/{job_id}", response_model=JobOut, summary="Cancel a job")
def api_cancel(request: Request, job_id: str) -> dict[str, Any]:
    job = state_of(request).jobs.cancel(job_id)
    if job is None:
        raise NotFound(f"no job {job_id!r}")
    return job.to_dict()


@router.get(
    "/compare/{comparison_id}",
    response_model=dict[str, Any],
    summary="A comparison made here (the parallax-1 contract)",
)
def api_comparison(request: Request, comparison_id: str) -> dict[str, Any]:
    return load_comparison(state_of(request).service, comparison_id).to_dict()


@router.get("/stories", response_model=StoriesOut, summary="Stories in the store, newest first")
def api_stories(
    request: Request,
    q: str | None = Query(None, max_length=200, description="words of the title or outlets"),
    since: str | None = Query(None, description="YYYY-MM-DD: stories seen on or after"),
    outlet: str | None = Query(None, max_length=200, description="only stories it covers"),
    min_outlets: int = Query(1, ge=1, le=1000, description="at least this many outlets"),
    limit: int = Query(100, ge=1, le=1000),
) -> dict[str, Any]:
    found = find_stories(
        state_of(request).service,
        q=q,
        since=valid_date(since),
        outlet=outlet,
        min_outlets=min_outlets,
        limit=limit,
    )
    return {"stories": [s.to_dict() for s in found]}


@router.get(
    "/stories/{story_id}",
    response_model=StoryReportOut,
    summary="One story and its comparison (202 with the job while it is computed)",
    responses={202: {"model": StoryReportOut, "description": "the comparison is being made"}},
)
def api_story(request: Request, story_id: str) -> JSONResponse:
    state = state_of(request)
    analysis = cached_story(state.service, story_id)
    story = state.service.story_index().story(story_id).to_dict()
    if analysis is not None:
        return JSONResponse({"story": story, "analysis": analysis.to_dict(), "job": None})
    job = submit_story(state, story_id)
    return JSONResponse({"story": story, "analysis": None, "job": job.to_dict()}, 202)
