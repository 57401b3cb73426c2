"""Sign-in and roles: users file, hashed passwords and API tokens, signed sessions, CSRF."""

from copilot.auth.identity import Authenticator, AuthError, Identity
from copilot.auth.roles import all_permissions, all_roles, is_allowed
from copilot.auth.sessions import SessionCodec, load_secret_key
from copilot.auth.users import (
    User,
    UserDirectory,
    UsersFileError,
    add_token,
    add_user,
    create_first_users,
    users_path,
)

__all__ = [
    "AuthError",
    "Authenticator",
    "Identity",
    "SessionCodec",
    "User",
    "UserDirectory",
    "UsersFileError",
    "add_token",
    "add_user",
    "all_permissions",
    "all_roles",
    "create_first_users",
    "is_allowed",
    "load_secret_key",
    "users_path",
]
