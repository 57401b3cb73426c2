"""Session versions in the database (SQLite and PostgreSQL): what every replica checks a cookie
against."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from copilot.audit.session_versions import SessionVersions


def test_a_user_never_signed_out_is_at_version_zero(store):
    assert SessionVersions(store.engine).current("ana") == 0


def test_bumping_moves_only_that_users_version_on(store):
    versions = SessionVersions(store.engine)
    assert versions.bump("ana") == 1
    assert versions.bump("ana") == 2
    assert versions.current("ana") == 2
    assert versions.current("owen") == 0


def test_another_handle_on_the_same_database_sees_the_bump(store):
    SessionVersions(store.engine).bump("ana")
    assert SessionVersions(store.engine).current("ana") == 1


def test_concurrent_first_bumps_all_count(store):
    versions = SessionVersions(store.engine)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(versions.bump, ["ana"] * 8))
    assert versions.current("ana") == 8
