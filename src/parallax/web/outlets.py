"""Outlet pages and API: every outlet's profile, one outlet, two side by side, blindspots.

Pages and answers are made from the profiles of the stories whose analyses are already
in the store (``analyse=False``): a page never waits for an analysis.  The stories not
analysed yet are named in the notes, and a job (``POST /outlets/refresh``) analyses them.
The charts are the profile report's own SVG (:mod:`parallax.profiles.html`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from parallax.errors import ParallaxError
from parallax.service import OutletNotFound, Service
from parallax.web.api import ERRORS
from parallax.web.app import render, state_of
from parallax.web.forms import valid_date
from parallax.web.jobs import Progress
from parallax.web.work import NotFound

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", responses=ERRORS)


def _profiles_html(outlets: Any, coverage: Any, titles: dict[str, str], blocks: Any) -> str:
    from parallax.profiles import html as profile_html

    charts = "".join(
        f'<div class="chart"><h3>{name}</h3>{svg}</div>'
        for name, svg in profile_html._profile_pictures(outlets, coverage, titles)
    )
    return f'<section class="pictures">{charts}</section>{profile_html._blocks_html(blocks)}'


def _profile(service: Service, name: str, since: str | None) -> Any:
    try:
        return service.outlet_profile(name, since=since, analyse=False)
    except OutletNotFound as exc:
        raise NotFound(str(exc)) from None


@pages.get("/outlets")
def outlets_page(request: Request, since: str | None = None) -> Response:
    from parallax.profiles.render import profiles_blocks

    service = state_of(request).service
    found = service.outlet_profiles(since=valid_date(since), analyse=False)
    body = _profiles_html(found.outlets, found.coverage, dict(found.titles), profiles_blocks(found))
    names = [p.outlet for p in found.outlets]
    return render(
        request, "outlets.html", profiles=found, names=names, body=body, since=since or ""
    )


@pages.get("/outlets/compare")
def outlets_compare_page(request: Request, a: str, b: str, since: str | None = None) -> Response:
    from parallax.profiles.render import comparison_blocks

    service = state_of(request).service
    try:
        found = service.compare_outlets(a, b, since=valid_date(since), analyse=False)
    except OutletNotFound as exc:
        raise NotFound(str(exc)) from None
    coverage = [(s, (found.a, found.b)) for s in found.stories]
    body = _profiles_html(found.profiles, coverage, dict(found.titles), comparison_blocks(found))
    return render(request, "outlet.html", heading=f"{found.a} and {found.b}", body=body)


@pages.get("/outlets/{name:path}")
def outlet_page(request: Request, name: str, since: str | None = None) -> Response:
    from parallax.profiles.render import profile_blocks

    service = state_of(request).service
    profile = _profile(service, name, valid_date(since))
    found = service.outlet_profiles(since=valid_date(since), analyse=False)
    coverage = [(s, outs) for s, outs in found.coverage if profile.outlet in outs]
    body = _profiles_html([profile], coverage, dict(found.titles), profile_blocks(profile))
    return render(request, "outlet.html", heading=profile.outlet, body=body)


@pages.get("/blindspots")
def blindspots_page(request: Request, since: str | None = None) -> Response:
    from parallax.profiles import html as profile_html

    service = state_of(request).service
    found = service.blindspots(since=valid_date(since))
    page = profile_html.blindspots_page(found)
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]  # escaped by the renderer
    return render(request, "outlet.html", heading="Blindspots", body=body)


@pages.post("/outlets/refresh")
async def refresh(request: Request) -> Response:
    from parallax.web.pages import _csrf_ok, _csrf_refused

    form = await request.form(max_files=0, max_fields=4)
    if not _csrf_ok(request, form.get("csrf")):
        return _csrf_refused(request)
    state = state_of(request)
    service = state.service

    def work(progress: Progress) -> str:
        total = max(1, len(service.stories()))
        done = 0

        def on_story(story_id: str) -> None:
            nonlocal done
            done += 1
            progress.update(min(0.99, done / total), f"analysed story {story_id}")

        progress.update(0.0, "analysing the stories not analysed yet")
        service.outlet_profiles(analyse=True, on_story=on_story)
        return "/outlets"

    job = state.jobs.submit("outlet profiles", work)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@api.get(
    "/outlets",
    response_model=dict[str, Any],
    summary="Every outlet's profile (stories already analysed)",
)
def api_outlets(
    request: Request,
    since: str | None = Query(None, description="YYYY-MM-DD: stories on or after"),
) -> dict[str, Any]:
    service = state_of(request).service
    found = service.outlet_profiles(since=valid_date(since), analyse=False)
    out: dict[str, Any] = found.to_dict()
    return out


@api.get("/outlets/{name:path}", response_model=dict[str, Any], summary="One outlet's profile")
def api_outlet(
    request: Request,
    name: str,
    since: str | None = Query(None, description="YYYY-MM-DD: stories on or after"),
) -> dict[str, Any]:
    out: dict[str, Any] = _profile(state_of(request).service, name, valid_date(since)).to_dict()
    return out


@api.get(
    "/blindspots",
    response_model=dict[str, Any],
    summary="Widely covered stories each outlet missed",
)
def api_blindspots(
    request: Request,
    since: str | None = Query(None, description="YYYY-MM-DD: stories on or after"),
) -> dict[str, Any]:
    try:
        found = state_of(request).service.blindspots(since=valid_date(since))
    except ParallaxError:
        raise
    out: dict[str, Any] = found.to_dict()
    return out
