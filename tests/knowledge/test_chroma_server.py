"""The index and query checks against a real Chroma server (``chroma run``), as replicas use it.

The test functions are imported from ``test_indexer`` and run here with ``make_indexer`` pointing at
the server; each test gets its own collection prefix on the shared server.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from copilot.knowledge.indexer import Indexer
from copilot.knowledge.store import ChunkStore
from tests.knowledge.conftest import CountingEmbedder
from tests.knowledge.test_indexer import (  # noqa: F401  (collected here too)
    test_a_bad_file_is_reported_and_the_rest_indexed,
    test_a_run_that_fails_half_way_leaves_the_previous_index,
    test_deleting_a_file_removes_its_chunks,
    test_editing_one_file_replaces_only_its_chunks,
    test_rerun_embeds_nothing,
)
from tests.support import chroma_server as chroma_server_at
from tests.support import make_settings


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A ``chroma run`` server on a free port, stopped after the module."""
    with chroma_server_at(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


@pytest.fixture
def make_indexer(tmp_path, remembering_embedder, chroma_server):
    """Indexers that write to the Chroma server, one collection prefix per test."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"

    def build(knowledge_dir: Path, **overrides):
        settings = make_settings(
            tmp_path / "data",
            knowledge_dir=knowledge_dir,
            chroma_url=chroma_server,
            collection_prefix=prefix,
            **overrides,
        )
        embedder = CountingEmbedder(remembering_embedder)
        return Indexer(settings, ChunkStore.from_settings(settings), lambda: embedder), embedder

    return build


def test_a_second_client_sees_a_reindex_without_restart(small_kb, make_indexer, runtime):
    indexer, _ = make_indexer(small_kb)
    indexer.run()
    replica = ChunkStore.from_settings(indexer.settings)  # another process's view of the server
    first = replica.active_name()
    (small_kb / "pricing/parking.md").write_text("# Parking\n\nValidated parking in garage B.\n")
    indexer.run()
    assert replica.active_name() != first
    embedding = runtime.embedder.embed_query("where do patients park")
    top = [i for i, _ in replica.query(embedding, 3)]
    assert top[0].startswith("pricing/parking.md")


def test_replicas_pick_up_a_reindex_within_the_refresh_interval(small_kb, make_indexer, runtime):
    from copilot.answer.snapshot_cache import SnapshotCache

    indexer, _ = make_indexer(small_kb)
    indexer.run()
    now = [1000.0]  # an injected clock: a loaded machine cannot make the interval pass early
    replica = SnapshotCache(ChunkStore.from_settings(indexer.settings), runtime.policy, 0.5,
                            clock=lambda: now[0])
    local = SnapshotCache(indexer.store, runtime.policy, 60, clock=lambda: now[0])
    before = replica.get().generation
    assert local.get().generation == before
    (small_kb / "pricing/parking.md").write_text("# Parking\n\nValidated parking in garage B.\n")
    indexer.run()
    assert local.latest().generation != before  # a re-index in this process: seen at once
    now[0] += 0.4
    assert replica.latest().generation == before  # another replica: not checked again yet
    now[0] += 0.2
    assert replica.latest().generation == local.get().generation
