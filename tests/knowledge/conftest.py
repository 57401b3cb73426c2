"""Fixtures for indexer tests: a small copy of the knowledge base and indexers over it.

Many tests index the same small knowledge base from scratch; the indexers share one session-wide
``RememberingEmbedder``, so each text is put through the model once and every later run gets the
model's vector for it at once (what an indexer asks to embed is counted as before)."""

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


class RememberingEmbedder:
    """The real embedder, remembering each text's vector for the test session (a text's vector
    does not change); ``progress`` is called per batch of texts, as the real embedder does."""

    def __init__(self, real) -> None:
        self.real = real
        self.vectors: dict[str, list[float]] = {}

    def embed_documents(self, texts, progress=None):
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.real.embed_documents(missing), strict=True))
        for start in range(0, len(texts), self.real.batch_size) if progress else ():
            progress(len(texts[start : start + self.real.batch_size]))
        return [self.vectors[t] for t in texts]

    def embed_query(self, text):
        return self.real.embed_query(text)


@pytest.fixture(scope="session")
def remembering_embedder(runtime) -> RememberingEmbedder:
    return RememberingEmbedder(runtime.embedder)


class CountingEmbedder:
    """Wraps an embedder and counts how many texts it was asked to embed."""

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
def make_indexer(tmp_path, remembering_embedder) -> Callable[..., tuple[Indexer, CountingEmbedder]]:
    """Build an indexer over ``knowledge_dir`` with its own data dir, sharing the loaded model."""

    def build(knowledge_dir: Path, **overrides) -> tuple[Indexer, CountingEmbedder]:
        settings = make_settings(tmp_path / "data", knowledge_dir=knowledge_dir, **overrides)
        embedder = CountingEmbedder(remembering_embedder)
        return Indexer(settings, ChunkStore.from_settings(settings), lambda: embedder), embedder

    return build
