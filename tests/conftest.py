"""Shared fixtures: one real index of ``knowledge/`` per test session, on a temporary data dir."""

from __future__ import annotations

import pytest

import copilot  # noqa: F401  (sets the offline environment before any model library loads)
from copilot.runtime import Runtime
from tests.support import make_settings


@pytest.fixture(scope="session")
def runtime(tmp_path_factory) -> Runtime:
    """A Runtime with the real model, a real embedded Chroma and the whole knowledge base indexed.

    Shared by every test that only reads the index; tests that change documents build their own.
    """
    rt = Runtime.from_settings(make_settings(tmp_path_factory.mktemp("runtime-data")))
    report = rt.indexer.run()
    assert not report.failed, report.failed
    return rt
