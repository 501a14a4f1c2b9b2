"""The JSON API in-process (FastAPI's TestClient): every answer is checked against the
app's own OpenAPI document; SSRF, limits, auth, CSRF and headers are each tested."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT, SEEDS, example_inputs
from parallax.contract import validate
from parallax.ingest import ReadOptions
from parallax.service import Service
from parallax.store import open_store
from parallax.web import Limits, WebConfig, create_app
from webtools import OpenAPIChecker

TOKEN = "a-test-token-of-32-characters-xx"
TEXT_A = (ROOT / "tests" / "data" / "article_a.txt").read_text("utf-8")
TEXT_B = (ROOT / "tests" / "data" / "article_b.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    store = open_store(str(tmp_path_factory.mktemp("web") / "corpus.db"))
    svc = Service(read_options=ReadOptions(public_only=True), store=store)
    svc.ingest(example_inputs())  # one story of three articles
    yield svc
    store.close()


@pytest.fixture(scope="module")
def client(service: Service) -> Iterator[TestClient]:
    app = create_app(WebConfig(limits=Limits(max_articles=4, max_body=2 * 1024 * 1024)), service)
    with TestClient(app, base_url="http://localhost") as c:
        yield c


@pytest.fixture(scope="module")
def spec(client: TestClient) -> OpenAPIChecker:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    return OpenAPIChecker(answer.json())


def call(client: TestClient, spec: OpenAPIChecker, method: str, path: str, **kw: Any) -> Any:
    answer = client.request(method, path, **kw)
    spec.check(method, path, answer.status_code, answer.json())
    return answer


def wait_job(client: TestClient, spec: OpenAPIChecker, job_id: str, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        status = call(client, spec, "GET", f"/api/jobs/{job_id}").json()
        if status["state"] not in ("queued", "running") or time.monotonic() > deadline:
            return status
        time.sleep(0.1)


def test_compare_json_then_result_in_the_contract(client: TestClient, spec: OpenAPIChecker) -> None:
    body = {
        "articles": [
            {"text": TEXT_A, "outlet": "Outlet A", "title": "Quake"},
            {"text": TEXT_B, "outlet": "Outlet B"},
        ]
    }
    answer = call(client, spec, "POST", "/api/compare", json=body)
    assert answer.status_code == 202 and answer.headers["location"].startswith("/api/jobs/")
    status = wait_job(client, spec, answer.json()["id"])
    assert status["state"] == "done", status
    assert status["progress"] == 1 and status["result"].startswith("/compare/")
    result = call(client, spec, "GET", "/api" + status["result"]).json()
    assert validate(result) == []
    assert [a["outlet"] for a in result["articles"]] == ["Outlet A", "Outlet B"]
    assert result["articles"][0]["title"] == "Quake"
    page = client.get(status["result"])  # the page to share, reopened from the store
    assert page.status_code == 200 and 'id="brief"' in page.text


def test_compare_uploaded_files(client: TestClient, spec: OpenAPIChecker) -> None:
    paths = sorted(EXAMPLE.iterdir())
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in paths]
    answer = call(
        client, spec, "POST", "/api/compare", files=files, data={"outlet": ["Meridian Press"]}
    )
    assert answer.status_code == 202
    status = wait_job(client, spec, answer.json()["id"])
    assert status["state"] == "done", status
    result = client.get("/api" + status["result"]).json()
    assert len(result["articles"]) == 3 and result["articles"][0]["outlet"] == "Meridian Press"
    assert result["brief"] if "brief" in result else result["sections"]


def _findings(data: dict[str, Any]) -> dict[str, Any]:
    """What a reader sees, without the article ids (made from the source's name)."""
    index = {a["id"]: i for i, a in enumerate(data["articles"])}
    return {
        "outlets": [a["outlet"] for a in data["articles"]],
        "texts": [a["text"] for a in data["articles"]],
        "brief": [(b["text"], b["kind"]) for b in data.get("brief", [])],
        "facts": sorted((f["kind"], f["text"]) for f in data.get("facts", [])),
        "loaded": sorted((index[t["article"]], t["start"], t["end"]) for t in data["loaded"]),
        "numbers": len(data.get("numbers", [])),
        "passages": sorted(len(p["passages"]) for p in data.get("reuse", [])),
    }


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_the_seeds_in_the_app_show_what_the_cli_shows(
    client: TestClient, spec: OpenAPIChecker, service: Service
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    cli = _findings(service.compare([str(p) for p in seeds]).to_dict())
    pasted = {"articles": [{"text": p.read_text("utf-8")} for p in seeds]}
    answer = call(client, spec, "POST", "/api/compare", json=pasted)
    status = wait_job(client, spec, answer.json()["id"])
    assert status["state"] == "done", status
    assert _findings(client.get("/api" + status["result"]).json()) == cli


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/article",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
        "http://0.0.0.0/",
    ],
)
def test_private_urls_are_refused(client: TestClient, spec: OpenAPIChecker, url: str) -> None:
    body = {"articles": [{"url": url}, {"text": TEXT_B}]}
    answer = call(client, spec, "POST", "/api/compare", json=body)
    assert answer.status_code == 400
    message = answer.json()["error"]
    assert "refused" in message and "only public addresses" in message
    assert "--allow-private-urls" in message


def test_other_schemes_are_refused(client: TestClient, spec: OpenAPIChecker) -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"):
        answer = call(
            client, spec, "POST", "/api/compare", json={"articles": [{"url": url}, {"text": "x"}]}
        )
        assert answer.status_code == 400 and "http" in answer.json()["error"]


def test_bad_requests_get_json_errors(client: TestClient, spec: OpenAPIChecker) -> None:
    one = call(client, spec, "POST", "/api/compare", json={"articles": [{"text": TEXT_A}]})
    assert one.status_code == 400 and "at least two" in one.json()["error"]
    both = {"articles": [{"text": "a", "url": "https://example.org/"}, {"text": "b"}]}
    assert "just one" in call(client, spec, "POST", "/api/compare", json=both).json()["error"]
    extra = call(client, spec, "POST", "/api/compare", json={"articles": [], "x": 1})
    assert extra.status_code == 400 and "x" in extra.json()["error"]
    broken = client.post("/api/compare", content=b"{", headers={"content-type": "application/json"})
    assert broken.status_code == 400 and "not JSON" in broken.json()["error"]
    other = client.post("/api/compare", content=b"hi", headers={"content-type": "text/plain"})
    assert other.status_code == 415 and other.json()["error"]
    assert call(client, spec, "GET", "/api/jobs/nope").status_code == 404
    assert call(client, spec, "GET", "/api/compare/1-2").status_code == 404
    assert call(client, spec, "GET", "/api/compare/1-x").status_code == 404
    assert call(client, spec, "GET", "/api/stories?min_outlets=0").status_code == 422
    assert call(client, spec, "GET", "/api/stories?since=yesterday").status_code == 400
    assert client.get("/api/nothing").json() == {
        "status": 404,
        "error": "nothing here; check the address",
    }


def test_limits_answer_413(client: TestClient, spec: OpenAPIChecker) -> None:
    files = [("files", (f"{i}.txt", TEXT_A.encode(), "text/plain")) for i in range(5)]
    answer = call(client, spec, "POST", "/api/compare", files=files)
    assert answer.status_code == 413 and "at most 4" in answer.json()["error"]
    many = {"articles": [{"text": TEXT_A}] * 5}
    answer = call(client, spec, "POST", "/api/compare", json=many)
    assert answer.status_code == 413 and "at most 4" in answer.json()["error"]
    big = {"articles": [{"text": "word " * 500_000}, {"text": TEXT_B}]}
    answer = call(client, spec, "POST", "/api/compare", json=big)
    assert answer.status_code == 413 and "cap" in answer.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is cut off at the cap
        yield b'{"articles": [{"text": "'
        for _ in range(300):
            yield b"x" * 10_000
        yield b'"}]}'

    answer = client.post(
        "/api/compare", content=chunks(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413 and "cap" in answer.json()["error"]


def test_stories_and_a_story(client: TestClient, spec: OpenAPIChecker) -> None:
    listed = call(client, spec, "GET", "/api/stories").json()["stories"]
    assert listed, "the example articles make a story"
    story = max(listed, key=lambda s: len(s["articles"]))
    assert len(story["outlets"]) >= 2
    assert call(client, spec, "GET", "/api/stories?outlet=Nobody").json()["stories"] == []
    assert call(client, spec, "GET", "/api/stories?min_outlets=50").json()["stories"] == []
    first = call(client, spec, "GET", f"/api/stories/{story['id']}")
    if first.status_code == 202:
        assert first.json()["analysis"] is None
        assert wait_job(client, spec, first.json()["job"]["id"])["state"] == "done"
    ready = call(client, spec, "GET", f"/api/stories/{story['id']}")
    assert ready.status_code == 200 and validate(ready.json()["analysis"]) == []
    assert call(client, spec, "GET", "/api/stories/nope").status_code == 404


def test_outlets(client: TestClient, spec: OpenAPIChecker) -> None:
    listed = call(client, spec, "GET", "/api/outlets").json()
    assert {"outlets", "stories", "notes"} <= set(listed)
    missing = call(client, spec, "GET", "/api/outlets/Nobody%20At%20All")
    assert missing.status_code == 404 and "Nobody At All" in missing.json()["error"]
    for profile in listed["outlets"][:2]:
        one = call(client, spec, "GET", f"/api/outlets/{profile['outlet']}").json()
        assert one["outlet"] == profile["outlet"]
    assert call(client, spec, "GET", "/api/blindspots").status_code == 200
    assert call(client, spec, "GET", "/api/outlets?since=soon").status_code == 400


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/stories", "/docs", "/api/stories", "/static/app.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "connect-src 'self'" in csp and "unsafe-inline" not in csp
        assert "script-src 'nonce-" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    page = client.get("/")
    nonce = page.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}"' in page.text
    assert page.text.count("<script") == page.text.count(f'nonce="{nonce}"')
    assert nonce not in client.get("/").headers["content-security-policy"]  # fresh per answer


def test_without_a_token_only_loopback_names_are_answered(client: TestClient) -> None:
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/stories", headers={"host": host}).status_code == 200
    rebound = client.get("/api/stories", headers={"host": "evil.example"})  # DNS rebinding
    assert rebound.status_code == 400 and "127.0.0.1" in rebound.json()["error"]
    assert client.get("/", headers={"host": "evil.example:8000"}).status_code == 400


def test_forms_need_their_csrf_token(client: TestClient) -> None:
    data = {"text": [TEXT_A, TEXT_B]}
    refused = client.post("/compare", data=data, follow_redirects=False)
    assert refused.status_code == 403 and "security token" in refused.text
    home = client.get("/")  # sets the CSRF cookie; the form carries the matching token
    token = home.text.split('name="csrf" value="')[1].split('"')[0]
    wrong = client.post(
        "/compare", data={**data, "csrf": token[:-2] + "xx"}, follow_redirects=False
    )
    assert wrong.status_code == 403
    foreign = client.post(
        "/compare",
        data={**data, "csrf": token},
        headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert foreign.status_code == 403
    api_foreign = client.post(
        "/api/compare", json={"articles": []}, headers={"origin": "https://evil.example"}
    )
    assert api_foreign.status_code == 403 and api_foreign.json()["error"]
    ok = client.post("/compare", data={**data, "csrf": token}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")
    client.delete("/api" + ok.headers["location"])  # not needed: cancel it


def test_queue_full_answers_429(service: Service) -> None:
    app = create_app(WebConfig(warm=False, limits=Limits(max_queued=1)), service)
    body = {"articles": [{"text": TEXT_A}, {"text": TEXT_B}]}
    release = threading.Event()

    def hold(progress: object) -> str:  # keeps the only slot busy until released
        release.wait(30)
        return "/"

    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        held = app.state.parallax.jobs.submit("held", hold)
        refused = c.post("/api/compare", json=body)
        assert refused.status_code == 429 and "try again" in refused.json()["error"]
        assert refused.headers["retry-after"]
        release.set()
        app.state.parallax.jobs.wait(held.id, 30)
        accepted = c.post("/api/compare", json=body)
        assert accepted.status_code == 202
        c.delete(f"/api/jobs/{accepted.json()['id']}")


def test_token_auth(service: Service, tmp_path: Path) -> None:
    app = create_app(WebConfig(warm=False, token=TOKEN), service)
    with TestClient(app, base_url="https://testserver") as c:
        spec = OpenAPIChecker(
            c.get("/openapi.json", headers={"authorization": f"Bearer {TOKEN}"}).json()
        )
        refused = c.get("/api/stories")
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith(
            "Bearer"
        )
        spec.check("GET", "/api/stories", 401, refused.json())
        assert c.get("/api/stories", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert (
            c.get("/api/stories", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        )
        page = c.get("/stories", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fstories"
        login = c.get("/login?next=/stories")
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        bad = c.post("/login", data={"token": "nope", "csrf": csrf, "next": "/stories"})
        assert bad.status_code == 401 and "wrong token" in bad.text
        outside = c.post(
            "/login",
            data={"token": TOKEN, "csrf": csrf, "next": "https://evil.example/"},
            follow_redirects=False,
        )
        assert outside.headers["location"] == "/"  # never an open redirect
        good = c.post(
            "/login",
            data={"token": TOKEN, "csrf": csrf, "next": "/stories"},
            follow_redirects=False,
        )
        assert good.status_code == 303 and good.headers["location"] == "/stories"
        cookie = good.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" in cookie
        assert c.get("/stories").status_code == 200  # the session cookie is enough now
        assert c.get("/api/stories").status_code == 200
    with TestClient(app) as plain:  # over plain http the cookie cannot be Secure
        login = plain.get("/login")
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        good = plain.post("/login", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
        assert (
            "Secure" not in good.headers["set-cookie"] and "HttpOnly" in good.headers["set-cookie"]
        )


def test_failed_logins_are_limited(service: Service) -> None:
    app = create_app(WebConfig(warm=False, token=TOKEN, limits=Limits(login_failures=3)), service)
    with TestClient(app) as c:
        csrf = c.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
        codes = [c.post("/login", data={"token": "x", "csrf": csrf}).status_code for _ in range(5)]
        assert codes == [401, 401, 401, 429, 429]


def test_a_token_is_required_beyond_loopback() -> None:
    from parallax.web import ConfigError

    with pytest.raises(ConfigError, match="token"):
        WebConfig(host="0.0.0.0").check()
    with pytest.raises(ConfigError, match="too short"):
        WebConfig(host="0.0.0.0", token="short").check()
    assert WebConfig(host="0.0.0.0", token=TOKEN).check().token == TOKEN
    assert WebConfig(host="::1").check().token is None


def test_docs_page_is_served_from_the_app(client: TestClient, spec: OpenAPIChecker) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    for path in ("/api/compare", "/api/stories", "/api/stories/{story_id}", "/api/jobs/{job_id}"):
        assert path in spec.spec["paths"] and f"{path}</code>" in page.text
    import re

    links = re.findall(r'(?:href|src)="([^"]*)"', page.text)
    assert links and all(link.startswith(("/", "#")) for link in links), links


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#%"), max_size=30
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/api/jobs/{}", "/api/compare/{}", "/api/stories/{}", "/api/outlets/{}"]),
    value=_TEXT.filter(lambda v: v.strip() not in ("", ".", "..")),
    params=st.fixed_dictionaries(
        {},
        optional={
            "q": _TEXT,
            "since": st.one_of(_TEXT, st.dates().map(str)),
            "outlet": _TEXT,
            "min_outlets": st.integers(-5, 2000),
            "limit": st.integers(-5, 2000),
        },
    ),
)
def test_generated_requests_get_documented_answers(
    client: TestClient, spec: OpenAPIChecker, path: str, value: str, params: dict[str, Any]
) -> None:
    """Like schemathesis, smaller: generated ids and query values, every answer documented
    in the OpenAPI document and valid against its schema, never a 5xx."""
    for target, query in ((path.format(quote(value, safe="")), {}), ("/api/stories", params)):
        answer = client.get(target, params=query)
        assert answer.status_code < 500, (target, query, answer.text)
        if answer.status_code != 202:  # a story's job: checked in test_stories_and_a_story
            spec.check("GET", target, answer.status_code, answer.json())
