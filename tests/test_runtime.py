"""Runtime.from_settings refuses what the settings alone cannot check: an unregistered drafter;
a derived runtime shares the loaded models, and the index only when it points at the same one;
its warm-up readies what the first questions would otherwise wait for."""

from __future__ import annotations

import time

import pytest
from pydantic import ValidationError

from copilot.runtime import Runtime
from copilot.settings import Settings
from tests.support import copy_index


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


def test_the_warm_up_readies_the_urgent_check_for_other_languages(runtime, tmp_path):
    """A server's warm-up embeds the multilingual reader's exemplars in the background: the
    first question quoting a caller in another language does not wait for them."""
    warmed = runtime.derive(data_dir=tmp_path / "data")
    copy_index(runtime.store, warmed.store)
    warmed.indexer.run()
    meaning = warmed.snapshots.get().checker.urgent_detector.meaning
    assert meaning is not None and not meaning.prepared  # a new generation's checker
    warmed.warm()
    for _ in range(600):  # (a wait with a generous bound, not a timing)
        if meaning.prepared:
            break
        time.sleep(0.1)
    assert meaning.prepared
