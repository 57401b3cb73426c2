"""Runtime.from_settings refuses what the settings alone cannot check: an unregistered drafter;
a derived runtime shares the loaded models, and the index only when it points at the same one."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from copilot.runtime import Runtime
from copilot.settings import Settings


def test_the_runtime_refuses_a_drafter_nobody_registered(tmp_path):
    with pytest.raises(ValidationError) as caught:
        Runtime.from_settings(Settings(_env_file=None, data_dir=tmp_path, drafter="gpt9"))
    assert "unknown drafter 'gpt9'; available: grounded, openai" in str(caught.value)
    assert not any(tmp_path.iterdir())  # refused before anything was opened


def test_a_runtime_over_another_knowledge_base_shares_the_models_not_the_index(runtime, tmp_path):
    other = runtime.derive(knowledge_dir=tmp_path / "knowledge", data_dir=tmp_path / "data")
    assert other.embedder is runtime.embedder and other.redactor is runtime.redactor
    assert other.policy is runtime.policy and other.vocabulary is runtime.vocabulary
    assert other.store is not runtime.store and not other.store.active_name()
    serving = runtime.snapshots  # built before deriving, as a server's is
    same = runtime.derive(drafter="grounded")
    assert same.store is runtime.store and same.snapshots is serving


def test_settle_waits_for_the_warm_up_background_work(runtime, tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "hours.md").write_text("# Front desk hours\n\nThe front desk opens at 8 AM on "
                                        "weekdays and closes at 5 PM.\n")
    other = runtime.derive(knowledge_dir=knowledge, data_dir=tmp_path / "data")
    other.indexer.run()
    assert not other.settle(timeout=0.5)  # nothing is screened before the warm-up
    other.warm()
    assert other.settle()
    assert other.snapshots.get()._screened  # the statements were judged by then (every one:
    # tests/answer/test_snapshot_cache.py)
