"""The users file: first-start accounts, hashed credentials, env users, reload on change."""

import stat

import pytest

from copilot.auth import (
    UserDirectory,
    UsersFileError,
    add_token,
    add_user,
    create_first_users,
)
from copilot.auth.users import parse_users


def test_first_start_creates_admin_and_agent_once(tmp_path):
    path = tmp_path / "users.yaml"
    passwords = create_first_users(path)
    assert set(passwords) == {"admin", "agent"}
    text = path.read_text()
    assert all(pw not in text for pw in passwords.values())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert create_first_users(path) == {}  # second start: nothing new, nothing overwritten
    users = UserDirectory(path)
    assert users.authenticate("admin", passwords["admin"]).role == "admin"
    assert users.authenticate("agent", passwords["agent"]).role == "agent"
    assert users.authenticate("agent", passwords["admin"]) is None
    assert users.authenticate("ghost", passwords["admin"]) is None


def test_tokens_identify_their_user_and_only_theirs(tmp_path):
    path = tmp_path / "users.yaml"
    add_user(path, "quinn", "qa", "pw-quinn-1")
    token = add_token(path, "quinn")
    assert token not in path.read_text()
    users = UserDirectory(path)
    assert users.by_token(token).name == "quinn"
    assert users.by_token(token + "x") is None
    with pytest.raises(UsersFileError, match="no user named 'nobody'"):
        add_token(path, "nobody")


def test_the_directory_sees_file_changes_without_restart(tmp_path):
    path = tmp_path / "users.yaml"
    add_user(path, "casey", "agent", "pw-casey-1")
    users = UserDirectory(path)
    assert users.get("casey").role == "agent"
    add_user(path, "casey", "content_owner", "pw-casey-2")
    assert users.get("casey").role == "content_owner"
    assert users.authenticate("casey", "pw-casey-1") is None


def test_env_users_join_and_override_file_users(tmp_path):
    path = tmp_path / "users.yaml"
    add_user(path, "casey", "agent", "pw-casey-1")
    env = "users:\n  casey: {role: admin}\n  robo: {role: qa, token_hashes: []}\n"
    users = UserDirectory(path, env)
    assert users.get("casey").role == "admin"
    assert users.get("robo").role == "qa"
    assert len(users) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("users: [a, b]", "users: Input should be a valid dictionary"),
        ("users:\n  x: {role: agent, pasword_hash: x}", "pasword_hash"),
        ("user:\n  x: {role: agent}", "unknown key 'user'"),
        ("users:\n  x: {role: superuser}", "unknown role 'superuser'"),
        ("users:\n  'bad name!': {role: agent}", "user 'bad name!' is invalid"),
        ("users: {x: {role: agent", "invalid YAML"),
    ],
)
def test_bad_users_files_name_the_origin_and_the_problem(text, message):
    with pytest.raises(UsersFileError, match=message) as err:
        parse_users(text, "/etc/users.yaml")
    assert "/etc/users.yaml" in str(err.value)
