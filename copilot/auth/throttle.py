"""Sign-in throttling: too many failed sign-ins for one user name from one address lock that
pair out for a while. Pure logic; the failures themselves are kept in the database
(``AuditStore.login_failures``) so that every replica counts the same attempts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from copilot.settings import Settings


@dataclass(frozen=True)
class LoginThrottle:
    """At most ``max_failures`` failed sign-ins per (user name, address) within ``window``."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginThrottle:
        return cls(settings.login_max_failures, timedelta(minutes=settings.login_lockout_minutes))

    def retry_after(self, failures: Sequence[datetime], now: datetime) -> int:
        """Seconds until another attempt is allowed (0: allowed now). ``failures`` are the
        times of recent failed attempts, in any order."""
        recent = sorted(f for f in failures if now - f < self.window)
        if len(recent) < self.max_failures:
            return 0
        # Allowed again once enough of them have aged out of the window.
        unlocks_at = recent[len(recent) - self.max_failures] + self.window
        return max(1, math.ceil((unlocks_at - now).total_seconds()))
