"""Roles and permissions, read from ``roles.yaml`` beside this module."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import model_validator

from guardrails.data import StrictModel, load_model

_ROLES_FILE = Path(__file__).with_name("roles.yaml")


class RolesFile(StrictModel):
    """``roles.yaml``: the role names, least to most privileged, and who holds each permission."""

    roles: tuple[str, ...]
    permissions: dict[str, frozenset[str]]

    @model_validator(mode="after")
    def _known_holders(self) -> RolesFile:
        for name, holders in self.permissions.items():
            unknown = holders - set(self.roles)
            if unknown:
                raise ValueError(f"permission {name!r} names unknown roles {sorted(unknown)}")
        return self


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], dict[str, frozenset[str]]]:
    table = load_model(_ROLES_FILE, RolesFile)
    return table.roles, table.permissions


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
