"""The app's own CSS and scripts (and the report's), served from the package."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter
from fastapi.responses import Response

from parallax.web.app import static_text
from parallax.web.report_page import REPORT_CSS, REPORT_JS
from parallax.web.work import NotFound

router = APIRouter(include_in_schema=False)

_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@cache
def _files() -> dict[str, str]:
    return {
        "app.css": static_text("app.css"),
        "app.js": static_text("app.js"),
        "report.css": REPORT_CSS,
        "report.js": REPORT_JS,
    }


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    body = _files().get(name)
    if body is None:
        raise NotFound(f"no file {name!r}")
    ctype = _TYPES["." + name.rsplit(".", 1)[-1]]
    return Response(body, media_type=ctype, headers={"Cache-Control": "max-age=3600"})


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)
