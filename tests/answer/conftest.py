"""Fixtures of the answer tests: the fake OpenAI-compatible model server (one per module) and its
script, reset before each test and checked after it (an unscripted or unused reply fails)."""

from __future__ import annotations

import pytest

from tests.fake_model import fake_model_server


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
