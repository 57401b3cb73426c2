"""Fixtures of the answer tests: the fake OpenAI-compatible model server (one per module) and its
script, reset before each test and checked after it (an unscripted or unused reply fails)."""

from __future__ import annotations

import pytest

from tests.answer.larkspur import build
from tests.fake_model import fake_model_server, model_copilot


@pytest.fixture(scope="module")
def model_server():
    with fake_model_server() as served:
        yield served


@pytest.fixture
def model(model_server):
    script, _ = model_server
    script.reset()
    yield script
    script.assert_scripted()


@pytest.fixture(scope="session")
def larkspur(runtime, tmp_path_factory):
    """The invented clinic of ``tests/answer/larkspur.py``, indexed (its own data dir)."""
    folder = build(tmp_path_factory.mktemp("larkspur"))
    clinic = runtime.derive(knowledge_dir=folder, data_dir=tmp_path_factory.mktemp("larkspur-data"))
    report = clinic.indexer.run()
    assert not report.failed, report.failed
    return clinic


@pytest.fixture(scope="module")
def larkspur_model(larkspur, model_server):
    """A Copilot of the invented clinic that drafts with the fake model server."""
    return model_copilot(larkspur, model_server, timeout_s=5.0)
