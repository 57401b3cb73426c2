"""Routes read the runtime through the one dependency (``RuntimeDep``): overriding
``get_runtime`` changes what every route sees (over real HTTP)."""

from __future__ import annotations

import httpx

from copilot.web.deps import get_runtime


def test_routes_take_the_runtime_from_the_one_dependency(server, tmp_path):
    empty = server.rt.derive(data_dir=tmp_path / "data", knowledge_dir=tmp_path / "knowledge")
    server.app.dependency_overrides[get_runtime] = lambda: empty
    try:
        with server.client("agent") as client:
            sources = client.get("/api/sources")
        ready = httpx.get(f"{server.url}/readyz", timeout=30)
    finally:
        server.app.dependency_overrides.pop(get_runtime)
    assert sources.status_code == 200 and sources.json() == []
    assert ready.status_code == 503 and ready.json()["index"] is False
    with server.client("agent") as client:
        assert client.get("/api/sources").json()  # the served runtime again
