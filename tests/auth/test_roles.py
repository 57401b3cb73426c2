"""The role/permission table in roles.yaml, checked as a table of cases with hard negatives."""

import pytest

from copilot.auth import all_permissions, all_roles, is_allowed

CASES = [
    ("agent", "ask", True),
    ("agent", "feedback", True),
    ("agent", "sources", True),
    ("agent", "guardrails", False),
    ("agent", "audit", False),
    ("agent", "documents", False),
    ("agent", "index", False),
    ("qa", "guardrails", True),
    ("qa", "evals", True),
    ("qa", "audit", True),
    ("qa", "documents", False),
    ("qa", "index", False),
    ("content_owner", "documents", True),
    ("content_owner", "index", True),
    ("content_owner", "ask", True),
    ("content_owner", "audit", False),
    ("content_owner", "guardrails", False),
    ("nobody", "ask", False),
]


@pytest.mark.parametrize(("role", "permission", "expected"), CASES)
def test_role_permission_table(role, permission, expected):
    assert is_allowed(role, permission) is expected


def test_admin_holds_every_permission():
    assert all(is_allowed("admin", p) for p in all_permissions())


def test_roles_are_the_four_documented_ones():
    assert all_roles() == ("agent", "qa", "content_owner", "admin")


def test_an_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError, match="unknown permission"):
        is_allowed("admin", "launch_rockets")


def test_the_roles_file_refuses_unknown_keys_and_unknown_holders(tmp_path):
    from copilot.auth.roles import RolesFile
    from guardrails.data import DataFileError, load_model

    path = tmp_path / "roles.yaml"
    path.write_text("roles: [agent]\npermissions: {ask: [agent]}\ngroups: []\n")
    with pytest.raises(DataFileError, match=r"roles.yaml:3: unknown key 'groups'"):
        load_model(path, RolesFile)
    path.write_text("roles: [agent]\npermissions: {ask: [agent, boss]}\n")
    with pytest.raises(DataFileError, match=r"permission 'ask' names unknown roles \['boss'\]"):
        load_model(path, RolesFile)
