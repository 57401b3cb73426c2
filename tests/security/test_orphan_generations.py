"""Generations left in Chroma by killed index runs are removed: at the next run, and when the
server starts; with a shared Chroma server only those old enough to be nobody's run in progress."""

from __future__ import annotations

import pytest

from copilot.runtime import Runtime
from tests.security.conftest import serving_unwarmed, small_knowledge
from tests.support import make_settings


@pytest.fixture
def indexed(tmp_path) -> Runtime:
    settings = make_settings(tmp_path / "data", knowledge_dir=small_knowledge(tmp_path))
    rt = Runtime.from_settings(settings)
    rt.indexer.run()
    return rt


def test_the_next_index_run_removes_generations_of_killed_runs(indexed):
    store = indexed.store
    serving = store.active_name()
    for _ in range(3):
        store.new_generation()  # what a run killed before publishing leaves
    assert len(store.generations()) == 4
    report = indexed.indexer.run()  # nothing changed: no new generation is published
    assert report.added == report.updated == report.removed == 0
    assert store.generations() == [serving]


def test_the_server_removes_them_at_start(indexed):
    from copilot.web import create_app

    store = indexed.store
    serving = store.active_name()
    store.new_generation()
    with serving_unwarmed(create_app(indexed, warm=False)):
        assert store.generations() == [serving]


def test_with_a_shared_server_a_young_generation_may_be_a_run_in_progress(indexed):
    store = indexed.store
    young = store.new_generation().name
    assert store.drop_stale_generations(min_age_s=3600) == 0
    assert young in store.generations()
    assert store.drop_stale_generations() == 1
