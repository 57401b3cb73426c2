"""Shared fixtures: one real index of ``knowledge/`` per test session, on a temporary data dir."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

import copilot  # noqa: F401  (sets the offline environment before any model library loads)
from copilot.runtime import Runtime
from tests.support import make_settings

# The documents' statement vectors are kept in one file for the whole run (and across runs):
# each test's fresh data dir would otherwise embed the same statements again, for half a minute.
os.environ.setdefault("COPILOT_VECTOR_CACHE",
                      str(Path(tempfile.gettempdir()) / "copilot-test-vectors.sqlite"))

# In CI, property tests replay the same examples every run: a red build is never a coin toss.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> Runtime:
    """A Runtime with the real embedder and redactor loaded, and no index: fixtures that serve a
    knowledge base of their own derive from it (``models.derive(knowledge_dir=..., data_dir=...)``)
    and so load neither model again."""
    rt = Runtime.from_settings(make_settings(tmp_path_factory.mktemp("models-data")))
    for component in ("embedder", "redactor", "policy", "vocabulary"):
        getattr(rt, component)
    return rt


@pytest.fixture(scope="session")
def runtime(models, tmp_path_factory) -> Runtime:
    """A Runtime with the real model, a real embedded Chroma and the whole knowledge base indexed.

    Shared by every test that only reads the index; tests that change documents build their own.
    """
    rt = models.derive(data_dir=tmp_path_factory.mktemp("runtime-data"))
    report = rt.indexer.run()
    assert not report.failed, report.failed
    return rt
