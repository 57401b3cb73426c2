"""Fixtures of the answer tests: the fake OpenAI-compatible model server (one per module) and its
script, reset before each test and checked after it (an unscripted or unused reply fails)."""

from __future__ import annotations

import pytest

from tests.answer.larkspur import build
from tests.fake_model import fake_model_server, model_copilot
from tests.support import indexed_clinic


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
    return indexed_clinic(runtime, tmp_path_factory, build, "larkspur")



@pytest.fixture(scope="module")
def larkspur_model(larkspur, model_server):
    """A Copilot of the invented clinic that drafts with the fake model server."""
    return model_copilot(larkspur, model_server, timeout_s=5.0)
