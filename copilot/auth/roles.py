"""Roles and permissions, read from ``roles.yaml`` beside this module."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_ROLES_FILE = Path(__file__).with_name("roles.yaml")


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], dict[str, frozenset[str]]]:
    data = yaml.safe_load(_ROLES_FILE.read_text(encoding="utf-8"))
    roles = tuple(data["roles"])
    permissions = {name: frozenset(holders) for name, holders in data["permissions"].items()}
    for name, holders in permissions.items():
        unknown = holders - set(roles)
        if unknown:
            raise ValueError(
                f"{_ROLES_FILE.name}: permission {name!r} names unknown roles {unknown}"
            )
    return roles, permissions


def all_roles() -> tuple[str, ...]:
    """The role names, least to most privileged."""
    return _table()[0]


def all_permissions() -> tuple[str, ...]:
    """Every permission name the app checks."""
    return tuple(_table()[1])


def is_allowed(role: str, permission: str) -> bool:
    """Whether ``role`` holds ``permission``; an unknown permission is a programming error."""
    permissions = _table()[1]
    if permission not in permissions:
        raise KeyError(f"unknown permission {permission!r}")
    return role in permissions[permission]
