"""Reading a comparison request, from a form or the API, into :class:`Item` lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from parallax.errors import InputError
from parallax.web.app import TooMany
from parallax.web.config import Limits
from parallax.web.work import Item

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_items(items: Sequence[Item], limits: Limits) -> list[Item]:
    """The items, or an error naming the limit or the problem."""
    if len(items) > limits.max_articles:
        raise TooMany(
            f"{len(items)} articles given; one comparison takes at most {limits.max_articles}"
        )
    for n, item in enumerate(items, 1):
        given = sum(x is not None for x in (item.text, item.url, item.data))
        if given != 1:
            raise InputError(f"article {n}", "give its text, a file or its address (just one)")
        if item.text is not None and len(item.text) > limits.max_text:
            raise TooMany(
                f"article {n} is {len(item.text):,} characters; the cap is {limits.max_text:,}"
            )
        if item.url is not None and not item.url.lower().startswith(("http://", "https://")):
            raise InputError(f"article {n}", "its address must start with http:// or https://")
    if len(items) < 2:
        got = "one article" if len(items) == 1 else "no article"
        raise InputError("the request", f"got {got}; give at least two about the same event")
    return list(items)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.replace("\r\n", "\n").strip()
    return value or None


async def read_form(request: Request, limits: Limits, fields: int) -> FormData:
    """The request's form; too many files or fields is a 413 naming the limit."""
    try:
        return await request.form(max_files=limits.max_articles, max_fields=fields)
    except HTTPException as exc:
        raise TooMany(f"{exc.detail} One comparison takes at most {limits.max_articles}.") from None


async def items_from_form(form: FormData, limits: Limits) -> list[Item]:
    """The articles of the compare form: boxes (text or URL) in order, then the files."""
    outlets = form.getlist("outlet")
    titles = form.getlist("title")
    texts = form.getlist("text")
    urls = form.getlist("url")
    items: list[Item] = []
    for i in range(max(len(texts), len(urls))):
        text = _clean(texts[i]) if i < len(texts) else None
        url = _clean(urls[i]) if i < len(urls) else None
        if text is None and url is None:
            continue
        outlet = _clean(outlets[i]) if i < len(outlets) else None
        title = _clean(titles[i]) if i < len(titles) else None
        if text is not None and url is not None:
            raise InputError(f"article {i + 1}", "give its text or its address, not both")
        items.append(Item(text=text, url=url, outlet=outlet, title=title))
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile) and upload.filename:
            items.append(await read_upload(upload, limits))
    return items


async def read_upload(upload: UploadFile, limits: Limits, outlet: str | None = None) -> Item:
    data = await upload.read(limits.max_body + 1)
    if len(data) > limits.max_body:
        raise TooMany(f"{upload.filename}: the file is over the upload cap")
    if not data.strip():
        raise InputError(upload.filename or "a file", "the file is empty")
    return Item(data=data, filename=upload.filename, outlet=outlet)


def valid_date(value: str | None) -> str | None:
    if not value:
        return None
    if not _DATE.match(value):
        raise InputError("since", "give the date as YYYY-MM-DD")
    return value
