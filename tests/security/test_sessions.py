"""Revocable sessions and shared sign-in throttling, across two app instances (two replicas) on
one PostgreSQL database: a cookie replayed after sign-out, a password change or a disable gets
401 on the other replica too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest

from copilot.auth import add_user
from copilot.auth.sessions import SESSION_COOKIE
from tests.security.conftest import serving_unwarmed
from tests.support import make_settings

PASSWORD = "pw-ana-synthetic-3"
JSON = {"Accept": "application/json"}


@pytest.fixture
def replicas(tmp_path, postgres_url) -> Iterator[tuple[str, str, object]]:
    """Two apps (own data dirs, one users file, one secret key, one PostgreSQL database)."""
    from copilot.audit.models import Base
    from copilot.runtime import Runtime
    from copilot.web import create_app

    users_file = tmp_path / "users.yaml"
    add_user(users_file, "ana", "agent", PASSWORD)
    with ExitStack() as stack:
        urls = []
        for name in ("a", "b"):
            settings = make_settings(
                tmp_path / name, database_url=postgres_url, users_file=users_file
            )
            rt = Runtime.from_settings(settings)
            if name == "a":
                Base.metadata.drop_all(rt.audit.engine)
                Base.metadata.create_all(rt.audit.engine)
            urls.append(stack.enter_context(serving_unwarmed(create_app(rt, warm=False))))
        yield urls[0], urls[1], users_file


def sign_in(url: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    form = client.get("/login").text
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    response = client.post(
        "/login", data={"username": "ana", "password": password, "form_token": token}
    )
    assert response.status_code == 303, response.text
    return client


def csrf(client: httpx.Client) -> str:
    page = client.get("/").text
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def replay(url: str, cookie: str) -> int:
    return httpx.get(f"{url}/", cookies={SESSION_COOKIE: cookie}, headers=JSON).status_code


def test_a_cookie_saved_before_sign_out_gets_401_on_both_replicas(replicas):
    a, b, _ = replicas
    client = sign_in(a)
    cookie = client.cookies[SESSION_COOKIE]
    assert replay(a, cookie) == 200 and replay(b, cookie) == 200
    response = client.post("/logout", headers={"X-CSRF-Token": csrf(client)})
    assert response.status_code == 303
    assert replay(a, cookie) == 401
    assert replay(b, cookie) == 401
    assert replay(b, sign_in(b).cookies[SESSION_COOKIE]) == 200  # signing in again works


def test_a_password_change_or_disable_ends_sessions_on_both_replicas(replicas):
    from copilot.auth.users import set_disabled

    a, b, users_file = replicas
    cookie = sign_in(a).cookies[SESSION_COOKIE]
    add_user(users_file, "ana", "agent", "pw-ana-synthetic-4")
    assert (replay(a, cookie), replay(b, cookie)) == (401, 401)
    cookie = sign_in(b, "pw-ana-synthetic-4").cookies[SESSION_COOKIE]
    set_disabled(users_file, "ana")
    assert (replay(a, cookie), replay(b, cookie)) == (401, 401)


def test_failed_sign_ins_on_one_replica_count_on_the_other(replicas):
    a, b, _ = replicas
    for attempt in range(5):
        url = a if attempt % 2 else b
        client = httpx.Client(base_url=url, timeout=30)
        token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text)
        response = client.post(
            "/login", data={"username": "ana", "password": "wrong", "form_token": token.group(1)}
        )
        assert response.status_code == 401
    for url in (a, b):
        client = httpx.Client(base_url=url, timeout=30)
        token = re.search(r'name="form_token" value="([^"]+)"', client.get("/login").text)
        response = client.post(
            "/login", data={"username": "ana", "password": PASSWORD, "form_token": token.group(1)}
        )
        assert response.status_code == 429


def test_copilot_users_disable_ends_open_sessions_through_the_database(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from copilot.audit import AuditStore
    from copilot.audit.session_versions import SessionVersions
    from copilot.cli import app
    from copilot.settings import get_settings

    users_file = tmp_path / "data" / "users.yaml"
    add_user(users_file, "ana", "agent", PASSWORD)
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COPILOT_USERS_FILE", str(users_file))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["users", "disable", "ana"])
        unknown = CliRunner().invoke(app, ["users", "disable", "nobody"])
        url = get_settings().sqlalchemy_url()
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "ana is disabled" in result.output
    store = AuditStore.from_url(url)
    try:
        assert SessionVersions(store.engine).current("ana") == 1
    finally:
        store.close()
    assert unknown.exit_code != 0 and "no user named 'nobody'" in unknown.output
