"""Per-user session versions in the audit database, so that every replica sees a sign-out.

A cookie carries the version current when it was issued; ``bump`` moves the version on, which
ends every older session of that user at once (sign-out, ``copilot users disable``, a role or
password change from the command line).
"""

from __future__ import annotations

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from copilot.audit.models import Base, SessionVersionRow


class SessionVersions:
    """Read and move on users' session versions (0 for a user never bumped)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine)
        Base.metadata.create_all(engine, tables=[SessionVersionRow.__table__])

    def current(self, user: str) -> int:
        """The version a cookie of ``user`` must carry to be accepted."""
        with self._sessions() as session:
            version = session.scalar(
                select(SessionVersionRow.version).where(SessionVersionRow.user_name == user)
            )
        return version or 0

    def bump(self, user: str) -> int:
        """End every session of ``user``; returns the new version."""
        for _ in range(3):  # two first bumps of one user can race on the insert
            try:
                with self._sessions.begin() as session:
                    moved = session.execute(
                        update(SessionVersionRow)
                        .where(SessionVersionRow.user_name == user)
                        .values(version=SessionVersionRow.version + 1)
                    ).rowcount
                    if not moved:
                        session.add(SessionVersionRow(user_name=user, version=1))
                return self.current(user)
            except IntegrityError:
                continue
        raise RuntimeError(f"could not end the sessions of {user!r}")
