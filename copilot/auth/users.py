"""Users and their roles: a YAML file (hashed passwords and tokens) plus optional ``COPILOT_USERS``.

File format (``<data_dir>/users.yaml`` unless ``COPILOT_USERS_FILE`` says otherwise)::

    users:
      maria:
        role: agent
        password_hash: scrypt$16384$8$1$...
        token_hashes: [sha256$...]

``COPILOT_USERS`` may hold a YAML document of the same shape (for containers); its users win
over the file's on a name clash. The file is re-read when it changes, so edits need no restart.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from copilot.auth.hashing import (
    hash_password,
    hash_token,
    new_api_token,
    new_password,
    verify_password,
)
from copilot.auth.roles import all_roles
from copilot.settings import Settings
from guardrails.data import DataFileError, StrictModel, parse_model

USERS_ENV = "COPILOT_USERS"
# Checked when the user is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password("not-a-real-password")


class UsersFileError(ValueError):
    """The users file (or ``COPILOT_USERS``) could not be read; the message names where and why."""


class User(BaseModel):
    """One account: a name, a role and hashed credentials."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9._@-]{1,64}$")
    role: str
    password_hash: str = ""
    token_hashes: list[str] = []
    disabled: bool = False

    @field_validator("role")
    @classmethod
    def _known_role(cls, role: str) -> str:
        if role not in all_roles():
            raise ValueError(f"unknown role {role!r}; expected one of {', '.join(all_roles())}")
        return role


def users_path(settings: Settings) -> Path:
    """Where the users file lives for these settings."""
    return settings.users_file or settings.data_dir / "users.yaml"


class UsersFile(StrictModel):
    """A users file: user name -> account fields (``User`` without its name)."""

    users: dict[str, dict | None] | None = None


def parse_users(text: str, origin: str) -> dict[str, User]:
    """Users from YAML text; ``origin`` names the file or variable in error messages."""
    try:
        entries = parse_model(text, origin, UsersFile).users or {}
    except DataFileError as exc:
        raise UsersFileError(str(exc)) from None
    users = {}
    for name, fields in entries.items():
        try:
            users[str(name)] = User(name=str(name), **(fields or {}))
        except (ValidationError, TypeError) as exc:
            raise UsersFileError(f"{origin}: user {name!r} is invalid: {exc}") from None
    return users


def load_users_file(path: Path) -> dict[str, User]:
    """The users stored in ``path``; an absent file holds no users."""
    if not path.exists():
        return {}
    return parse_users(path.read_text(encoding="utf-8"), str(path))


def save_users_file(path: Path, users: dict[str, User]) -> None:
    """Write ``users`` atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"users": {user.name: user.model_dump(exclude={"name"}) for user in users.values()}}
    text = "# Copilot users; passwords and tokens are stored hashed.\n" + yaml.safe_dump(
        body, sort_keys=True
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".users-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_user(path: Path, name: str, role: str, password: str | None = None) -> str:
    """Create or update ``name`` with ``role``; returns the (possibly generated) password."""
    users = load_users_file(path)
    password = password or new_password()
    tokens = users[name].token_hashes if name in users else []
    disabled = users[name].disabled if name in users else False
    users[name] = User(
        name=name,
        role=role,
        password_hash=hash_password(password),
        token_hashes=tokens,
        disabled=disabled,
    )
    save_users_file(path, users)
    return password


def set_disabled(path: Path, name: str, disabled: bool = True) -> None:
    """Disable (or enable again) ``name``: no sign-in, no API token, no session."""
    users = load_users_file(path)
    if name not in users:
        raise UsersFileError(f"{path}: no user named {name!r}")
    users[name].disabled = disabled
    save_users_file(path, users)


def add_token(path: Path, name: str) -> str:
    """Issue a new API token for an existing user; returns the token (stored only hashed)."""
    users = load_users_file(path)
    if name not in users:
        raise UsersFileError(f"{path}: no user named {name!r}")
    token = new_api_token()
    users[name].token_hashes.append(hash_token(token))
    save_users_file(path, users)
    return token


def create_first_users(path: Path) -> dict[str, str]:
    """On first start (no users file): a local ``admin`` and ``agent`` with random passwords.

    Returns ``{name: password}`` to show once, or ``{}`` when the file already exists.
    """
    if path.exists():
        return {}
    passwords = {"admin": new_password(), "agent": new_password()}
    users = {
        name: User(name=name, role=name, password_hash=hash_password(password))
        for name, password in passwords.items()
    }
    save_users_file(path, users)
    return passwords


class UserDirectory:
    """Look up users by name, password or token; re-reads the file when it changes."""

    def __init__(self, path: Path, env_text: str = "") -> None:
        self.path = path
        self._env_users = parse_users(env_text, USERS_ENV) if env_text.strip() else {}
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, User] = {}
        self._by_token: dict[str, User] = {}
        self._refresh()

    @classmethod
    def from_settings(cls, settings: Settings) -> UserDirectory:
        """The directory for these settings (file plus ``COPILOT_USERS``)."""
        return cls(users_path(settings), os.environ.get(USERS_ENV, ""))

    def _refresh(self) -> None:
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        with self._lock:
            if stamp == self._stamp and self._users:
                return
            users = {**load_users_file(self.path), **self._env_users}
            self._users = users
            self._by_token = {h: u for u in users.values() for h in u.token_hashes}
            self._stamp = stamp

    def get(self, name: str) -> User | None:
        """The user called ``name``, if any."""
        self._refresh()
        return self._users.get(name)

    def by_token(self, token: str) -> User | None:
        """The user an API token belongs to, if any."""
        self._refresh()
        return self._by_token.get(hash_token(token))

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when ``password`` is right, else None (same cost for unknown names)."""
        user = self.get(name)
        stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
        ok = verify_password(password, stored)
        usable = user is not None and user.password_hash and not user.disabled
        return user if ok and usable else None

    def __len__(self) -> int:
        self._refresh()
        return len(self._users)
