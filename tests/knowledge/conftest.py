"""Fixtures for indexer tests: a small copy of the knowledge base and indexers over it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from copilot.knowledge.indexer import Indexer
from copilot.knowledge.store import ChunkStore
from tests.support import KNOWLEDGE, make_settings

SMALL_KB = [
    "pricing/price-list.md",
    "pricing/promotional-consultations.md",
    "updates/2025-03-03.md",
    "updates/2025-08-13.md",
    "schedules/doctor-schedule-2025-09.pdf",
    "archive/faq-2024.md",
]


class CountingEmbedder:
    """Wraps the real embedder and counts how many texts it embedded."""

    def __init__(self, real) -> None:
        self.real = real
        self.embedded = 0

    def embed_documents(self, texts, progress=None):
        self.embedded += len(texts)
        return self.real.embed_documents(texts, progress)

    def embed_query(self, text):
        return self.real.embed_query(text)


@pytest.fixture
def small_kb(tmp_path) -> Path:
    root = tmp_path / "kb"
    for relative in SMALL_KB:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(KNOWLEDGE / relative, target)
    return root


@pytest.fixture
def make_indexer(tmp_path, runtime) -> Callable[..., tuple[Indexer, CountingEmbedder]]:
    """Build an indexer over ``knowledge_dir`` with its own data dir, sharing the loaded model."""

    def build(knowledge_dir: Path, **overrides) -> tuple[Indexer, CountingEmbedder]:
        settings = make_settings(tmp_path / "data", knowledge_dir=knowledge_dir, **overrides)
        embedder = CountingEmbedder(runtime.embedder)
        return Indexer(settings, ChunkStore.from_settings(settings), lambda: embedder), embedder

    return build
