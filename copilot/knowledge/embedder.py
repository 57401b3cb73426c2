"""Sentence embeddings from a local sentence-transformers model folder (never downloaded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from langchain_core.embeddings import Embeddings

from copilot.knowledge.microbatch import MicroBatcher


class Embedder(Embeddings):
    """Normalised all-MiniLM-L6-v2 embeddings; also a LangChain ``Embeddings``.

    Queries from concurrent requests are embedded together (see ``microbatch``): under load one
    forward pass serves several questions, which costs far less than one pass each.
    """

    def __init__(self, model_path: Path, batch_size: int = 64) -> None:
        from sentence_transformers import SentenceTransformer

        self.model_path = Path(model_path)
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(self.model_path), device="cpu")
        self._queries = MicroBatcher(self._encode, max_batch=batch_size)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        encoded = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [v.tolist() for v in encoded]

    def embed_documents(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> list[list[float]]:
        """Embed texts in batches; ``progress(n)`` is called after each batch with its size."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            vectors.extend(self._encode(batch))
            if progress:
                progress(len(batch))
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Embed one query (batched with any queries other threads are embedding now)."""
        return self._queries(text)
