"""LoginThrottle: how long a (user name, address) pair waits after failed sign-ins."""

from datetime import UTC, datetime, timedelta

import pytest

from copilot.auth.sessions import SessionCodec
from copilot.auth.throttle import LoginThrottle

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
THROTTLE = LoginThrottle(max_failures=3, window=timedelta(minutes=10))


def ago(*minutes: float) -> list[datetime]:
    return [NOW - timedelta(minutes=m) for m in minutes]


@pytest.mark.parametrize(
    ("failures", "wait"),
    [
        ([], 0),
        (ago(1, 2), 0),  # fewer than the limit
        (ago(1, 2, 3), 7 * 60),  # the oldest of the three leaves the window in 7 minutes
        (ago(3, 1, 2), 7 * 60),  # order does not matter
        (ago(1, 2, 3, 4, 5), 7 * 60),  # five: wait until only two are recent (3 min ago + 10)
        (ago(1, 2, 11), 0),  # one is older than the window
        (ago(1, 2, 10), 0),  # exactly at the window's edge: aged out
        (ago(1, 2, 9.999), 1),  # rounds up to a whole second
    ],
)
def test_retry_after(failures, wait):
    assert THROTTLE.retry_after(failures, NOW) == wait


def test_login_keys_hide_the_name_and_tell_pairs_apart():
    codec = SessionCodec("synthetic-secret")
    key = codec.login_key("Agent ", "10.0.0.1")
    assert key == codec.login_key("agent", "10.0.0.1")  # as typed, case and spaces aside
    assert "agent" not in key and "10.0.0.1" not in key
    assert key != codec.login_key("agent", "10.0.0.2")
    assert key != codec.login_key("qa", "10.0.0.1")
    assert key != SessionCodec("another-secret").login_key("agent", "10.0.0.1")
