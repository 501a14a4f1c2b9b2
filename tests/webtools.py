"""Helpers of the web app's tests: the app's OpenAPI document as the judge of its
answers, and a real uvicorn server on a loopback port in a thread."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import jsonschema
import uvicorn
from fastapi import FastAPI


class OpenAPIChecker:
    """Validates a response's JSON against the schema the app's own OpenAPI gives for
    that path, method and status code."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.used: set[tuple[str, str, str]] = set()

    def _operation(self, method: str, path: str) -> tuple[str, dict[str, Any]]:
        for template, methods in self.spec["paths"].items():
            t_parts, p_parts = template.strip("/").split("/"), path.strip("/").split("/")
            if len(t_parts) != len(p_parts):
                continue
            same = all(
                t == p or (t.startswith("{") and t.endswith("}"))
                for t, p in zip(t_parts, p_parts, strict=True)
            )
            if same and method.lower() in methods:
                return template, methods[method.lower()]
        raise AssertionError(f"{method} {path} is not in the OpenAPI document")

    def check(self, method: str, path: str, status: int, body: Any) -> None:
        template, op = self._operation(method, path.split("?", 1)[0])
        responses = op["responses"]
        assert str(status) in responses, f"{method} {template} answered {status}, undocumented"
        content = responses[str(status)].get("content", {}).get("application/json")
        assert content is not None, f"{method} {template} {status} documents no JSON"
        schema = {**content["schema"], "components": self.spec.get("components", {})}
        jsonschema.validate(body, schema)
        self.used.add((method.upper(), template, str(status)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free loopback port; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
